//! Schema creation and migrations, keyed by SQLite's `user_version`. A store written by a newer
//! Rasd is refused and left untouched.

use std::path::Path;

use rusqlite::Connection;

use super::{StoreError, sqlite};

/// The schema version this Rasd writes.
pub const SCHEMA_VERSION: i64 = 7;

/// Version 1: articles, per-actor stances, files and failures.
pub const V1: &str = "
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    summary TEXT,
    published TEXT,
    published_day INTEGER,
    published_text TEXT,
    date_confidence REAL,
    source TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL,
    format TEXT NOT NULL,
    url TEXT,
    author TEXT,
    category TEXT,
    doc_no TEXT,
    keywords TEXT NOT NULL DEFAULT '[]',
    related TEXT NOT NULL DEFAULT '[]',
    analysis TEXT NOT NULL
);
CREATE INDEX articles_day ON articles (published_day);
CREATE TABLE article_actors (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL,
    side TEXT,
    mentions INTEGER NOT NULL,
    stance TEXT NOT NULL,
    score REAL NOT NULL,
    confidence REAL NOT NULL,
    quoted_stance TEXT NOT NULL,
    quoted_score REAL NOT NULL,
    PRIMARY KEY (article_id, actor_id)
) WITHOUT ROWID;
CREATE INDEX article_actors_actor ON article_actors (actor_id, stance);
CREATE TABLE files (
    path TEXT NOT NULL,
    doc_index INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    PRIMARY KEY (path, doc_index)
);
CREATE INDEX files_article ON files (article_id);
CREATE TABLE file_errors (
    path TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL
);
";

/// Version 2: the analyst's work (corrections per article × actor, review marks, stars, tags),
/// keyed by content hash and not tied to the articles table, so it outlives a file's removal and
/// applies again to any copy of the article.
const V2: &str = "
CREATE TABLE annotations (
    article_id TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    stance TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    updated_ns INTEGER NOT NULL,
    PRIMARY KEY (article_id, actor_id)
) WITHOUT ROWID;
CREATE TABLE article_marks (
    article_id TEXT PRIMARY KEY,
    reviewed INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    tags TEXT NOT NULL DEFAULT '[]',
    updated_ns INTEGER NOT NULL
) WITHOUT ROWID;
";

/// Version 3: full-text search (FTS5) over title and body in search form (normalized, one
/// proclitic layer removed), keyed by the articles' rowid; contentless, so the text is stored once.
const V3: &str = "
CREATE VIRTUAL TABLE article_fts USING fts5(
    stems,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);
";

/// Version 4: each article × actor row carries the actor's display name and the evidence in one
/// line, so an export reads one table instead of every article's full analysis.
const V4: &str = "
ALTER TABLE article_actors ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE article_actors ADD COLUMN evidence TEXT NOT NULL DEFAULT '';
";

/// Version 5: one narrow row per article with what the in-memory index needs (the actors packed
/// in one blob), read in one scan at start-up.
const V5: &str = "
CREATE TABLE article_index (
    article_rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    published TEXT,
    published_day INTEGER,
    source TEXT NOT NULL,
    language TEXT NOT NULL,
    actors BLOB NOT NULL
);
";

/// Version 6: article × actor rows keyed by the article's row id, so a new article's rows are
/// appended at the end of the table instead of inserted at a random place (content hashes are
/// random): at a million articles this alone made ingestion two and a half times faster.
const V6: &str = "
CREATE TABLE article_actors_v6 (
    article_rowid INTEGER NOT NULL,
    actor_id TEXT NOT NULL,
    side TEXT,
    mentions INTEGER NOT NULL,
    stance TEXT NOT NULL,
    score REAL NOT NULL,
    confidence REAL NOT NULL,
    quoted_stance TEXT NOT NULL,
    quoted_score REAL NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_rowid, actor_id)
) WITHOUT ROWID;
INSERT INTO article_actors_v6
    SELECT a.rowid, x.actor_id, x.side, x.mentions, x.stance, x.score, x.confidence, x.quoted_stance,
           x.quoted_score, x.name, x.evidence
    FROM article_actors x JOIN articles a ON a.id = x.article_id
    ORDER BY a.rowid;
DROP TABLE article_actors;
ALTER TABLE article_actors_v6 RENAME TO article_actors;
CREATE INDEX article_actors_actor ON article_actors (actor_id, stance);
PRAGMA user_version = 6;
";

/// Version 7: what an export needs besides the in-memory index (the first file, each actor's name
/// and evidence line) in one row per article keyed by its row id, replacing the article × actor
/// rows (the index row carries the stances): an export makes one lookup per article.
const V7: &str = "
CREATE TABLE article_export (
    article_rowid INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    actors BLOB NOT NULL
);
";

/// Set the connection up and bring the schema to [`SCHEMA_VERSION`].
pub fn prepare(connection: &mut Connection, path: &Path) -> Result<(), StoreError> {
    connection.busy_timeout(std::time::Duration::from_secs(10)).map_err(|e| sqlite(path, e))?;
    let version = user_version(connection, path)?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew { path: path.display().to_string(), found: version, supported: SCHEMA_VERSION });
    }
    connection
        // A larger page cache and rarer checkpoints: ingestion writes hundreds of thousands of
        // rows.
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
             PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = 65536;
             PRAGMA temp_store = MEMORY;",
        )
        .map_err(|e| sqlite(path, e))?;
    if version < SCHEMA_VERSION {
        // The window and a command may open a new store at the same moment: migrate under a
        // write lock and look at the version again inside it.
        let tx = connection
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| sqlite(path, e))?;
        let found = user_version(&tx, path)?;
        if found < 1 {
            tx.execute_batch(&format!("{V1} PRAGMA user_version = 1;")).map_err(|e| sqlite(path, e))?;
        }
        if found < 2 {
            tx.execute_batch(&format!("{V2} PRAGMA user_version = 2;")).map_err(|e| sqlite(path, e))?;
        }
        if found < 3 {
            tx.execute_batch(V3).map_err(|e| sqlite(path, e))?;
            index_existing(&tx).map_err(|e| sqlite(path, e))?;
            tx.execute_batch("PRAGMA user_version = 3;").map_err(|e| sqlite(path, e))?;
        }
        if found < 4 {
            tx.execute_batch(V4).map_err(|e| sqlite(path, e))?;
            summarise_existing(&tx).map_err(|e| sqlite(path, e))?;
            tx.execute_batch("PRAGMA user_version = 4;").map_err(|e| sqlite(path, e))?;
        }
        if found < 5 {
            tx.execute_batch(V5).map_err(|e| sqlite(path, e))?;
            super::packed::fill_existing(&tx).map_err(|e| sqlite(path, e))?;
            tx.execute_batch("PRAGMA user_version = 5;").map_err(|e| sqlite(path, e))?;
        }
        if found < 6 {
            tx.execute_batch(V6).map_err(|e| sqlite(path, e))?;
        }
        if found < 7 {
            tx.execute_batch(V7).map_err(|e| sqlite(path, e))?;
            super::export_cells::fill_existing(&tx).map_err(|e| sqlite(path, e))?;
            tx.execute_batch("DROP TABLE article_actors; PRAGMA user_version = 7;").map_err(|e| sqlite(path, e))?;
        }
        tx.commit().map_err(|e| sqlite(path, e))?;
    }
    Ok(())
}

/// Fill the search index from the articles already stored (a store from before version 3).
fn index_existing(connection: &Connection) -> rusqlite::Result<()> {
    let mut select = connection.prepare("SELECT rowid, title, body FROM articles")?;
    let mut insert = connection.prepare("INSERT INTO article_fts (rowid, stems) VALUES (?1, ?2)")?;
    let rows = select.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    for row in rows {
        let (rowid, title, body) = row?;
        insert.execute(rusqlite::params![rowid, crate::text::search_text(&format!("{title}\n{body}"))])?;
    }
    Ok(())
}

/// Fill the version 4 columns from the analyses already stored.
fn summarise_existing(connection: &Connection) -> rusqlite::Result<()> {
    let mut select = connection.prepare("SELECT id, analysis FROM articles")?;
    let mut update = connection
        .prepare("UPDATE article_actors SET name = ?3, evidence = ?4 WHERE article_id = ?1 AND actor_id = ?2")?;
    let rows = select.query_map([], |r| Ok((r.get::<_, String>(0)?, super::rows::stored_bytes(r, 1)?)))?;
    for row in rows {
        let (id, analysis) = row?;
        let actors = super::rows::decode_analysis(&analysis).unwrap_or_default();
        for actor in actors {
            update.execute(rusqlite::params![id, actor.id, actor.name, actor.evidence_summary()])?;
        }
    }
    Ok(())
}

fn user_version(connection: &Connection, path: &Path) -> Result<i64, StoreError> {
    connection.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| sqlite(path, e))
}
