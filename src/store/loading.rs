//! Start-up: the in-memory index read from `article_index` in one scan. SQLite steps through the
//! table on the calling thread and copies each row's bytes into batches; another thread decodes
//! them and builds the index meanwhile, so a million articles take about the longer of the two
//! instead of their sum.

use rusqlite::Connection;

use crate::query::{ArticleIndex, RowParts};
use crate::text::Language;

/// Rows handed over at a time.
const BATCH: usize = 8192;

/// Rows of `article_index` as stored: the numbers, and the text and blob columns one after the
/// other in one buffer.
#[derive(Default)]
struct Batch {
    bytes: Vec<u8>,
    rows: Vec<RawRow>,
}

/// One row: its numbers and where its columns end in [`Batch::bytes`] (id, title, published,
/// source, language, actors).
struct RawRow {
    rowid: i64,
    day: Option<i32>,
    has_published: bool,
    ends: [usize; 6],
}

impl Batch {
    fn push(&mut self, row: &rusqlite::Row<'_>) -> rusqlite::Result<()> {
        let mut ends = [0; 6];
        for (end, column) in ends.iter_mut().zip(1..) {
            if let Some(bytes) = row.get_ref(column)?.as_bytes_or_null()? {
                self.bytes.extend_from_slice(bytes);
            }
            *end = self.bytes.len();
        }
        let has_published = row.get_ref(3)?.as_bytes_or_null()?.is_some();
        self.rows.push(RawRow { rowid: row.get(0)?, day: row.get(7)?, has_published, ends });
        Ok(())
    }

    /// Add every row to `index`.
    fn build(&self, index: &mut ArticleIndex) {
        let mut start = 0;
        for row in &self.rows {
            let mut columns = [&[][..]; 6];
            let mut from = start;
            for (column, &end) in columns.iter_mut().zip(&row.ends) {
                *column = self.bytes.get(from..end).unwrap_or(&[]);
                from = end;
            }
            start = from;
            let [id, title, published, source, language, actors] = columns;
            index.push_loaded(
                RowParts {
                    id: text(id),
                    rowid: row.rowid,
                    title: text(title),
                    published: row.has_published.then(|| text(published)),
                    day: row.day,
                    source: text(source),
                    language: Language::from_code(text(language)),
                },
                super::packed::unpack(actors),
            );
        }
    }
}

/// Stored text (UTF-8 as SQLite keeps it; anything else reads as empty).
fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or("")
}

/// Read every article into a compact index (computed stances only: the caller overlays the
/// analyst's corrections and marks).
pub fn load(connection: &Connection) -> rusqlite::Result<ArticleIndex> {
    let expected: i64 =
        connection.query_row("SELECT COALESCE(MAX(article_rowid), 0) FROM article_index", [], |r| r.get(0))?;
    let mut statement = connection.prepare(
        "SELECT article_rowid, id, title, published, source, language, actors, published_day FROM article_index",
    )?;
    std::thread::scope(|scope| {
        let (full, filled) = std::sync::mpsc::sync_channel::<Batch>(2);
        let builder = scope.spawn(move || {
            let mut index = ArticleIndex::default();
            index.reserve(usize::try_from(expected).unwrap_or(0));
            for batch in filled {
                batch.build(&mut index);
            }
            index.finish_loading();
            index
        });
        let scanned = (|| {
            let mut rows = statement.query([])?;
            let mut batch = Batch::default();
            while let Some(row) = rows.next()? {
                batch.push(row)?;
                if batch.rows.len() >= BATCH {
                    // The builder only stops by panicking, which the join below reports.
                    let _ = full.send(std::mem::take(&mut batch));
                }
            }
            let _ = full.send(batch);
            Ok(())
        })();
        drop(full);
        let index = builder.join().map_err(|_| {
            let internal = rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_INTERNAL);
            rusqlite::Error::SqliteFailure(internal, Some("the index builder stopped".to_string()))
        })?;
        scanned.map(|()| index)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::StanceLabel;

    #[test]
    fn every_row_is_loaded_across_many_batches_with_its_columns() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        drop(crate::store::Store::open(dir.path())?);
        let connection = Connection::open(dir.path().join(crate::store::STORE_FILE))?;
        let haftar = crate::analysis::ActorFraming {
            id: "haftar".into(),
            name: "حفتر".into(),
            side: Some("libya_east".into()),
            mentions: 3,
            stance: StanceLabel::Delegitimizing,
            origin: crate::analysis::Origin::Auto,
            note: None,
            auto_stance: None,
            score: -0.5,
            confidence: 0.7,
            quoted_stance: StanceLabel::Neutral,
            quoted_score: 0.0,
            performance: 0.0,
            quoted_mentions: 0,
            conflict: None,
            evidence: Vec::new(),
        };
        let actors = super::super::packed::pack_framings(&[haftar]);
        let rows = 2 * BATCH + 17;
        let tx = connection.unchecked_transaction()?;
        for i in 0..rows {
            let published = (i % 3 != 0).then(|| format!("2020-01-{:02}", 1 + i % 28));
            tx.execute(
                "INSERT INTO article_index (article_rowid, id, title, published, published_day, source, language, actors)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                rusqlite::params![
                    i64::try_from(i)? + 1,
                    format!("{i:032x}"),
                    format!("عنوان {i}"),
                    published,
                    published.as_ref().map(|_| 18_262 + i64::try_from(i % 28).unwrap_or(0)),
                    if i % 2 == 0 { "وكالة" } else { "Wire" },
                    if i % 2 == 0 { "ar" } else { "en" },
                    if i == 5 { vec![0xff, 0x03] } else { actors.clone() },
                ],
            )?;
        }
        tx.commit()?;
        let index = load(&connection)?;
        assert_eq!(index.len(), rows);
        let p = index.position(&format!("{:032x}", 9000)).unwrap_or_else(|| panic!("article 9000 missing"));
        assert_eq!((index.title(p), index.outlet(p), index.language(p)), ("عنوان 9000", "وكالة", Language::Ar));
        assert_eq!(index.published(p), "", "no date stored, none shown");
        let q = index.position(&format!("{:032x}", 9001)).unwrap_or_else(|| panic!("article 9001 missing"));
        assert_eq!((index.published(q), index.language(q)), ("2020-01-14", Language::En));
        let broken = index.position(&format!("{:032x}", 5)).unwrap_or_else(|| panic!("article 5 missing"));
        assert!(index.cells_of(broken).is_empty(), "an unreadable actor blob loads as no actors");
        let cell = index.cells_of(q).first().copied().unwrap_or_else(|| panic!("no actor on 9001"));
        assert_eq!(
            (index.actor_names().name(cell.actor), index.side_names().name(cell.side), cell.stance),
            ("haftar", "libya_east", StanceLabel::Delegitimizing)
        );
        assert_eq!(index.by_date().len(), rows);
        Ok(())
    }
}
