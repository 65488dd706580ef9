//! The SQLite store (rusqlite, bundled) in the data folder: one row per article (content hash,
//! metadata, text, analysis), one row per article × actor for filtering, the files each article
//! came from with their size and modification time, and the files that failed. WAL mode lets a
//! running window and the headless commands share one data folder. Knows nothing of egui.

mod annotations;
mod export_cells;
mod loading;
mod packed;
mod rows;
mod schema;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

pub use annotations::{Annotation, Marks};
pub use export_cells::ExportActors;
pub use rows::{ActorStance, IndexRow, StoredArticle, days_since_epoch};
pub use schema::{SCHEMA_VERSION, V1 as SCHEMA_V1};

use crate::engine::AnalysedArticle;

/// The store's file name inside the data folder.
pub const STORE_FILE: &str = "rasd.sqlite3";

/// A store error, with what was being done.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("store {path}: {source}")]
    Sqlite {
        /// The database file.
        path: String,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// The store was written by a newer Rasd and is left untouched.
    #[error("store {path} has schema version {found}; this Rasd understands up to {supported}: it is left untouched")]
    TooNew {
        /// The database file.
        path: String,
        /// Its version.
        found: i64,
        /// Ours.
        supported: i64,
    },
    /// The data folder cannot be created.
    #[error("cannot create data folder {path}: {reason}")]
    DataDir {
        /// The folder.
        path: String,
        /// Why.
        reason: String,
    },
    /// A search query cannot be run.
    #[error("{0}")]
    Query(String),
    /// A stored analysis cannot be decoded.
    #[error("article {id}: stored analysis unreadable: {reason}")]
    Decode {
        /// Article id.
        id: String,
        /// Why.
        reason: String,
    },
}

/// What is known of a file on disk, to skip unchanged files on a rescan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: i64,
}

impl FileStamp {
    /// The stamp of a file on disk.
    #[must_use]
    pub fn of(metadata: &std::fs::Metadata) -> Self {
        let mtime_ns = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
        Self { size: metadata.len(), mtime_ns }
    }
}

/// The open store.
pub struct Store {
    connection: Connection,
    path: PathBuf,
}

/// What changed when a file was recorded or forgotten.
#[derive(Debug, Default, Clone)]
pub struct Change {
    /// Articles added or updated (ids; [`Store::row`] gives their index rows).
    pub upserted: Vec<String>,
    /// Articles no file refers to any more.
    pub removed: Vec<String>,
}

impl Store {
    /// Open (and create or migrate) the store in `data_dir`.
    ///
    /// # Errors
    /// The folder cannot be created, SQLite fails, or the store is from a newer Rasd.
    pub fn open(data_dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(data_dir)
            .map_err(|e| StoreError::DataDir { path: data_dir.display().to_string(), reason: e.to_string() })?;
        let path = data_dir.join(STORE_FILE);
        let mut connection = Connection::open(&path).map_err(|e| sqlite(&path, e))?;
        schema::prepare(&mut connection, &path)?;
        Ok(Self { connection, path })
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        sqlite(&self.path, e)
    }

    /// Another analyst's corrections, read from their data folder without changing it (opened
    /// read-only: never created, never migrated).
    ///
    /// # Errors
    /// The folder has no store, or SQLite fails.
    pub fn read_annotations(data_dir: &Path) -> Result<Vec<Annotation>, StoreError> {
        let path = data_dir.join(STORE_FILE);
        if !path.is_file() {
            return Err(StoreError::DataDir {
                path: data_dir.display().to_string(),
                reason: "no Rasd store in it".into(),
            });
        }
        let connection = Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| sqlite(&path, e))?;
        annotations::all_annotations(&connection).map_err(|e| sqlite(&path, e))
    }

    /// The stamp recorded for `path`, if it was read before (successfully or not).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn stamp(&self, path: &Path) -> Result<Option<FileStamp>, StoreError> {
        let key = path_key(path);
        let query = "SELECT size, mtime_ns FROM files WHERE path = ?1
                     UNION ALL SELECT size, mtime_ns FROM file_errors WHERE path = ?1 LIMIT 1";
        self.connection
            .query_row(query, params![key], |r| {
                Ok(FileStamp { size: r.get::<_, i64>(0)?.unsigned_abs(), mtime_ns: r.get(1)? })
            })
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Record the articles read from `path` (replacing what the path held before).
    ///
    /// # Errors
    /// SQLite errors; nothing is written then.
    pub fn record_file(
        &mut self,
        path: &Path,
        stamp: FileStamp,
        articles: &[AnalysedArticle],
    ) -> Result<Change, StoreError> {
        let key = path_key(path);
        let tx = self.connection.savepoint().map_err(|e| sqlite(&self.path, e))?;
        let before = rows::article_ids_of(&tx, &key).map_err(|e| sqlite(&self.path, e))?;
        tx.prepare_cached("DELETE FROM files WHERE path = ?1")
            .and_then(|mut s| s.execute(params![key]))
            .map_err(|e| sqlite(&self.path, e))?;
        tx.prepare_cached("DELETE FROM file_errors WHERE path = ?1")
            .and_then(|mut s| s.execute(params![key]))
            .map_err(|e| sqlite(&self.path, e))?;
        let mut change = Change::default();
        for (index, analysed) in articles.iter().enumerate() {
            rows::upsert_article(&tx, analysed, &key).map_err(|e| sqlite(&self.path, e))?;
            tx.prepare_cached("INSERT OR REPLACE INTO files (path, doc_index, article_id, size, mtime_ns) VALUES (?1, ?2, ?3, ?4, ?5)")
                .and_then(|mut s| {
                    s.execute(params![
                        key,
                        i64::try_from(index).unwrap_or(0),
                        analysed.article.id,
                        i64::try_from(stamp.size).unwrap_or(i64::MAX),
                        stamp.mtime_ns
                    ])
                })
                .map_err(|e| sqlite(&self.path, e))?;
        }
        change.removed = rows::drop_orphans(&tx, &before).map_err(|e| sqlite(&self.path, e))?;
        // Articles still in the file were just written with their first file; those that left it
        // (and live on in other files) may have had it as their first.
        let left =
            before.iter().filter(|id| !change.removed.contains(id) && !articles.iter().any(|a| &a.article.id == *id));
        for id in left {
            export_cells::refresh_path(&tx, id).map_err(|e| sqlite(&self.path, e))?;
        }
        change.upserted = articles.iter().map(|a| a.article.id.clone()).collect();
        tx.commit().map_err(|e| sqlite(&self.path, e))?;
        Ok(change)
    }

    /// Run `work` in one transaction (bulk ingestion: one commit per chunk of files instead of
    /// one per file). The changes inside are savepoints; an error rolls the whole chunk back.
    ///
    /// # Errors
    /// SQLite errors, or `work`'s own.
    pub fn in_transaction<T>(
        &mut self,
        work: impl FnOnce(&mut Self) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.connection.execute_batch("BEGIN IMMEDIATE").map_err(|e| self.err(e))?;
        match work(self) {
            Ok(value) => {
                self.connection.execute_batch("COMMIT").map_err(|e| self.err(e))?;
                Ok(value)
            }
            Err(e) => {
                let _ = self.connection.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Record that `path` could not be read (its earlier articles are forgotten).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn record_failure(&mut self, path: &Path, stamp: FileStamp, reason: &str) -> Result<Change, StoreError> {
        let mut change = self.forget_file(path)?;
        self.connection
            .execute(
                "INSERT OR REPLACE INTO file_errors (path, reason, size, mtime_ns) VALUES (?1, ?2, ?3, ?4)",
                params![path_key(path), reason, i64::try_from(stamp.size).unwrap_or(i64::MAX), stamp.mtime_ns],
            )
            .map_err(|e| self.err(e))?;
        change.upserted.clear();
        Ok(change)
    }

    /// Forget a file that was deleted; articles no other file holds leave the index.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn forget_file(&mut self, path: &Path) -> Result<Change, StoreError> {
        let key = path_key(path);
        let tx = self.connection.savepoint().map_err(|e| sqlite(&self.path, e))?;
        let before = rows::article_ids_of(&tx, &key).map_err(|e| sqlite(&self.path, e))?;
        tx.execute("DELETE FROM files WHERE path = ?1", params![key]).map_err(|e| sqlite(&self.path, e))?;
        tx.execute("DELETE FROM file_errors WHERE path = ?1", params![key]).map_err(|e| sqlite(&self.path, e))?;
        let removed = rows::drop_orphans(&tx, &before).map_err(|e| sqlite(&self.path, e))?;
        let upserted: Vec<String> = before.iter().filter(|id| !removed.contains(id)).cloned().collect();
        for id in &upserted {
            export_cells::refresh_path(&tx, id).map_err(|e| sqlite(&self.path, e))?;
        }
        tx.commit().map_err(|e| sqlite(&self.path, e))?;
        Ok(Change { upserted, removed })
    }

    /// Every file path the store knows under `root` (to find files deleted while Rasd was off).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn known_paths_under(&self, root: &Path) -> Result<Vec<PathBuf>, StoreError> {
        let prefix = path_key(root);
        let mut statement = self
            .connection
            .prepare("SELECT DISTINCT path FROM files UNION SELECT path FROM file_errors")
            .map_err(|e| self.err(e))?;
        let paths = statement
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.err(e))?
            .filter_map(Result::ok)
            .filter(|p| Path::new(p).starts_with(&prefix))
            .map(PathBuf::from)
            .collect();
        Ok(paths)
    }

    /// How many articles the store holds.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn article_count(&self) -> Result<usize, StoreError> {
        self.connection
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(|e| self.err(e))
    }

    /// The compact index of every article, for the UI and the headless filters.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn index(&self) -> Result<crate::query::ArticleIndex, StoreError> {
        rows::load_index(&self.connection).map_err(|e| self.err(e))
    }

    /// The index row of one article (after a correction, to refresh the list).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn row(&self, id: &str) -> Result<Option<IndexRow>, StoreError> {
        rows::index_row(&self.connection, id).map_err(|e| self.err(e))
    }

    /// One article with its text and full analysis (for the reader and exports).
    ///
    /// # Errors
    /// SQLite errors or an unreadable stored analysis.
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>, StoreError> {
        rows::stored_article(&self.connection, id).map_err(|e| match e {
            rows::RowError::Sqlite(e) => self.err(e),
            rows::RowError::Decode(reason) => StoreError::Decode { id: id.to_string(), reason },
        })
    }

    /// Set (or, with `None`, remove) the analyst's stance for an actor in an article. Committed
    /// before it returns; returns what was there before (for undo).
    ///
    /// # Errors
    /// SQLite errors; nothing is changed then.
    pub fn annotate(
        &mut self,
        article_id: &str,
        actor_id: &str,
        value: Option<(crate::analysis::StanceLabel, &str)>,
        now_ns: i64,
    ) -> Result<Option<Annotation>, StoreError> {
        annotations::set_annotation(&mut self.connection, article_id, actor_id, value, now_ns)
            .map_err(|e| sqlite(&self.path, e))
    }

    /// Every correction, oldest first.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn annotations(&self) -> Result<Vec<Annotation>, StoreError> {
        annotations::all_annotations(&self.connection).map_err(|e| self.err(e))
    }

    /// Set an article's review marks; returns the previous marks (for undo).
    ///
    /// # Errors
    /// SQLite errors; nothing is changed then.
    pub fn set_marks(&mut self, article_id: &str, marks: &Marks, now_ns: i64) -> Result<Marks, StoreError> {
        annotations::set_marks(&mut self.connection, article_id, marks, now_ns).map_err(|e| sqlite(&self.path, e))
    }

    /// An article's review marks.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn marks(&self, article_id: &str) -> Result<Marks, StoreError> {
        annotations::marks_of(&self.connection, article_id).map_err(|e| self.err(e))
    }

    /// Make every commit on this connection durable against power loss too (for the analyst's
    /// edits; ingestion keeps the faster default, which survives a killed process).
    ///
    /// # Errors
    /// SQLite errors.
    pub fn durable_commits(&self) -> Result<(), StoreError> {
        self.connection.execute_batch("PRAGMA synchronous = FULL;").map_err(|e| self.err(e))
    }

    /// `PRAGMA integrity_check`: `ok`, or what is wrong.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        self.connection.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| self.err(e))
    }

    /// Row ids of the articles whose title or body matches `query` (words, "phrases", AND, OR,
    /// NOT, NEAR(a b, N), parentheses), normalized as the matcher normalizes text; ascending.
    ///
    /// # Errors
    /// A malformed query, or SQLite errors.
    pub fn search(&self, query: &str) -> Result<Vec<i64>, StoreError> {
        let fts = crate::text::fts_query(query).map_err(|e| StoreError::Query(e.to_string()))?;
        rows::search(&self.connection, &fts, i64::MIN, i64::MAX).map_err(|e| StoreError::Query(e.to_string()))
    }

    /// [`Store::search`] on every core: the row ids are cut into ranges, each searched on a
    /// connection of its own (a common word matches hundreds of thousands of articles, and
    /// SQLite answers one query on one core).
    ///
    /// # Errors
    /// A malformed query, or SQLite errors.
    pub fn search_on_all_cores(data_dir: &Path, query: &str) -> Result<Vec<i64>, StoreError> {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(8);
        Self::search_in_parts(data_dir, query, cores, 100_000)
    }

    /// [`Store::search`] over `parts` ranges of row ids at once, when the store has `at_least`
    /// of them.
    fn search_in_parts(data_dir: &Path, query: &str, parts: usize, at_least: i64) -> Result<Vec<i64>, StoreError> {
        let store = Self::open(data_dir)?;
        let fts = crate::text::fts_query(query).map_err(|e| StoreError::Query(e.to_string()))?;
        let last: i64 = store
            .connection
            .query_row("SELECT COALESCE(MAX(rowid), 0) FROM articles", [], |r| r.get(0))
            .map_err(|e| store.err(e))?;
        let parts = if last < at_least { 1 } else { i64::try_from(parts.max(1)).unwrap_or(1) };
        let step = last / parts + 1;
        let ranges: Vec<(i64, i64)> = (0..parts)
            .map(|k| {
                let from = if k == 0 { i64::MIN } else { k * step };
                let to = if k == parts - 1 { i64::MAX } else { (k + 1) * step - 1 };
                (from, to)
            })
            .collect();
        let search = |store: &Self, (from, to): (i64, i64)| {
            rows::search(&store.connection, &fts, from, to).map_err(|e| StoreError::Query(e.to_string()))
        };
        std::thread::scope(|scope| {
            let others: Vec<_> = ranges
                .iter()
                .skip(1)
                .map(|&range| scope.spawn(move || search(&Self::open(data_dir)?, range)))
                .collect();
            let mut found = search(&store, ranges.first().copied().unwrap_or((i64::MIN, i64::MAX)))?;
            for other in others {
                let more = other.join().map_err(|_| StoreError::Query("a search thread stopped".to_string()))??;
                found.extend(more);
            }
            Ok(found)
        })
    }

    /// Run `work` on one consistent state of the store: one read transaction, so a long export
    /// sees a single snapshot and takes the read lock once instead of once per query.
    ///
    /// With `mapped`, the store is read through a memory map meanwhile: an export of a million
    /// articles looks up a million rows scattered over a store of several GB, and copying each
    /// page out of the kernel took a third longer. The kernel counts the mapped pages of the
    /// file (the page cache, shared and reclaimable) in the process's resident size until the
    /// transaction ends, so only large reads ask for it.
    ///
    /// # Errors
    /// `work`'s errors, or SQLite's when the transaction cannot start.
    pub fn snapshot<T>(&self, mapped: bool, work: impl FnOnce(&Self) -> Result<T, String>) -> Result<T, String> {
        if !self.connection.is_autocommit() {
            return work(self);
        }
        let begin = if mapped { "PRAGMA mmap_size = 1099511627776; BEGIN DEFERRED" } else { "BEGIN DEFERRED" };
        self.connection.execute_batch(begin).map_err(|e| self.err(e).to_string())?;
        let result = work(self);
        let _ = self.connection.execute_batch("COMMIT; PRAGMA mmap_size = 0");
        result
    }

    /// Call `each(i, first file, packed actor cells)` for every `rowids[i]` (for exports; give
    /// the row ids sorted and the lookups walk the table front to back; read the cells with
    /// [`ExportActors`]). An article the store does not hold has no file and no actors.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn export_cells(&self, rowids: &[i64], each: impl FnMut(usize, &[u8], &[u8])) -> Result<(), StoreError> {
        export_cells::each(&self.connection, rowids, each).map_err(|e| self.err(e))
    }

    /// Files that could not be read, with the reason.
    ///
    /// # Errors
    /// SQLite errors.
    pub fn failures(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut statement =
            self.connection.prepare("SELECT path, reason FROM file_errors ORDER BY path").map_err(|e| self.err(e))?;
        let rows = statement
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?
            .filter_map(Result::ok)
            .collect();
        Ok(rows)
    }
}

/// Now, in nanoseconds since the epoch (the time stamp of the analyst's edits).
#[must_use]
pub fn now_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

fn sqlite(path: &Path, source: rusqlite::Error) -> StoreError {
    StoreError::Sqlite { path: path.display().to_string(), source }
}

/// Paths are stored as given after making them absolute, so the window and the commands agree.
fn path_key(path: &Path) -> String {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()).display().to_string()
}

#[cfg(test)]
mod tests;
