//! CSV export of exactly the filtered rows: one row per article × actor, UTF-8 with a
//! byte-order mark by default (Excel shows Arabic correctly only then), formula-like cells
//! neutralised, and a sidecar `OUT.filters.json` recording the filters.

use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Filter;
use super::filter::Resolved;
use super::index::ArticleIndex;
use crate::store::{ExportDetails, Store};

/// Export settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportOptions {
    /// Write a UTF-8 byte-order mark first.
    pub bom: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self { bom: true }
    }
}

/// One CSV row (borrowed from the index and the store's row being read).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct ExportRow<'a> {
    pub date: &'a str,
    pub outlet: Cow<'a, str>,
    pub language: &'static str,
    pub title: Cow<'a, str>,
    pub path: Cow<'a, str>,
    pub actor_id: &'a str,
    pub actor_name: Cow<'a, str>,
    pub side: &'a str,
    pub stance: &'static str,
    pub origin: &'static str,
    pub note: Cow<'a, str>,
    pub score: Decimal,
    pub confidence: Decimal,
    pub voice: &'static str,
    pub quoted_stance: &'static str,
    pub quoted_score: Decimal,
    pub evidence: Cow<'a, str>,
    pub article_id: &'a str,
}

/// A number with three decimals, formatted once without allocating (millions of cells).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Decimal {
    text: [u8; 24],
    len: u8,
}

impl Decimal {
    /// `value` as `-0.412`.
    #[must_use]
    pub fn new(value: f32) -> Self {
        let mut text = [0u8; 24];
        let mut cursor = std::io::Cursor::new(&mut text[..]);
        // 24 bytes hold any f32 with three decimals but the largest; those are cut.
        let _ = write!(cursor, "{value:.3}");
        let len = u8::try_from(cursor.position()).unwrap_or(0);
        Self { text, len }
    }

    /// The text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.text[..usize::from(self.len)]).unwrap_or("")
    }
}

impl Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl ExportRow<'_> {
    /// The cells in [`HEADER`] order (for writing without serde).
    #[must_use]
    pub fn cells(&self) -> [&str; 18] {
        [
            self.date,
            &self.outlet,
            self.language,
            &self.title,
            &self.path,
            self.actor_id,
            &self.actor_name,
            self.side,
            self.stance,
            self.origin,
            &self.note,
            self.score.as_str(),
            self.confidence.as_str(),
            self.voice,
            self.quoted_stance,
            self.quoted_score.as_str(),
            &self.evidence,
            self.article_id,
        ]
    }
}

/// Prefix a text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR).
#[must_use]
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Articles read from the store at a time.
const CHUNK: usize = 32_768;

/// The rows of one article; returns how many.
fn article_rows(
    index: &ArticleIndex,
    p: u32,
    id: &str,
    details: &ExportDetails,
    resolved: &Resolved<'_>,
    sink: &mut impl FnMut(&ExportRow<'_>) -> Result<(), String>,
) -> Result<usize, String> {
    let base = ExportRow {
        date: index.published(p),
        outlet: neutralise(index.outlet(p)),
        language: index.language(p).code(),
        title: neutralise(index.title(p)),
        path: neutralise(&details.path),
        voice: resolved.filter().voice.as_str(),
        article_id: id,
        ..ExportRow::default()
    };
    let mut count = 0;
    let numbers = index.numbers_of(p);
    for (cell, numbers) in index.cells_of(p).iter().zip(numbers).filter(|(c, _)| resolved.keeps(c)) {
        let actor_id = index.actor_names().name(cell.actor);
        let found = details.actors.iter().find(|(id, _, _)| id == actor_id);
        let name = found.map_or(actor_id, |(_, name, _)| if name.is_empty() { actor_id } else { name });
        let row = ExportRow {
            actor_id,
            actor_name: neutralise(name),
            side: index.side_names().name(cell.side),
            stance: cell.stance.as_str(),
            origin: cell.origin.as_str(),
            note: neutralise(index.note(p, cell.actor).unwrap_or("")),
            score: Decimal::new(numbers.score),
            confidence: Decimal::new(numbers.confidence),
            quoted_stance: cell.quoted_stance.as_str(),
            quoted_score: Decimal::new(numbers.quoted_score),
            evidence: neutralise(found.map_or("", |(_, _, evidence)| evidence.as_str())),
            ..base.clone()
        };
        sink(&row)?;
        count += 1;
    }
    if count == 0 {
        sink(&base)?;
        count += 1;
    }
    Ok(count)
}

/// Call `sink` with every export row for the articles at `selected` (in that order) under
/// `filter`: one row per article × actor the filter is about, or one row for an article with
/// none. Returns the number of rows. The store is read on the calling thread while `sink`
/// works through the previous chunk on another.
///
/// # Errors
/// Store errors while reading an article's path and evidence, or the sink's.
pub fn export_rows(
    store: &Store,
    index: &ArticleIndex,
    selected: &[u32],
    filter: &Filter,
    mut sink: impl FnMut(&ExportRow<'_>) -> Result<(), String> + Send,
) -> Result<usize, String> {
    let resolved = filter.resolve(index);
    std::thread::scope(|scope| {
        let (chunks, received) = std::sync::mpsc::sync_channel::<(&[u32], Vec<(String, ExportDetails)>)>(1);
        let resolved = &resolved;
        let writer = scope.spawn(move || -> Result<usize, String> {
            let mut count = 0;
            for (chunk, details) in received {
                for (&p, (id, details)) in chunk.iter().zip(&details) {
                    count += article_rows(index, p, id, details, resolved, &mut sink)?;
                }
            }
            Ok(count)
        });
        let read = (|| -> Result<(), String> {
            let mut paths =
                if selected.len() >= PATHS_IN_ONE_SCAN { Some(first_paths(store, index, selected)?) } else { None };
            for chunk in selected.chunks(CHUNK) {
                let details = chunk_details(store, index, chunk, paths.as_mut())?;
                // A closed channel means the writer stopped: its error is reported below.
                if chunks.send((chunk, details)).is_err() {
                    break;
                }
            }
            Ok(())
        })();
        drop(chunks);
        let written = writer.join().unwrap_or_else(|_| Err("the export writer stopped".to_string()));
        read.and(written)
    })
}

/// The store's details of a chunk of articles, read in the store's order (row ids), so
/// the lookups walk the tables front to back instead of jumping around a large file.
fn chunk_details(
    store: &Store,
    index: &ArticleIndex,
    chunk: &[u32],
    paths: Option<&mut rustc_hash::FxHashMap<u32, String>>,
) -> Result<Vec<(String, ExportDetails)>, String> {
    let mut ids: Vec<(i64, usize)> = chunk.iter().enumerate().map(|(i, &p)| (index.rowid(p), i)).collect();
    ids.sort_unstable();
    let mut details = vec![(String::new(), ExportDetails::default()); chunk.len()];
    let with_paths = paths.is_none();
    for (rowid, i) in ids {
        let id = index.id(chunk[i]);
        let found = store.export_details(&id, rowid, with_paths).map_err(|e| e.to_string())?;
        details[i] = (id, found);
    }
    if let Some(paths) = paths {
        for (&p, (_, found)) in chunk.iter().zip(details.iter_mut()) {
            found.path = paths.remove(&p).unwrap_or_default();
        }
    }
    Ok(details)
}

/// Exports of this many articles or more read every file path in one scan of the store rather
/// than one lookup per article.
const PATHS_IN_ONE_SCAN: usize = 20_000;

/// The first file (smallest path) of each selected article, from one scan of the store.
pub(crate) fn first_paths(
    store: &Store,
    index: &ArticleIndex,
    selected: &[u32],
) -> Result<rustc_hash::FxHashMap<u32, String>, String> {
    let mut wanted = super::BitSet::with_len(index.positions() as usize);
    selected.iter().for_each(|&p| wanted.insert(p));
    let mut paths: rustc_hash::FxHashMap<u32, String> = rustc_hash::FxHashMap::default();
    paths.reserve(selected.len());
    store
        .each_file_path(|article_id, path| {
            let Some(p) = index.position(article_id).filter(|&p| wanted.contains(p)) else { return };
            match paths.get_mut(&p) {
                Some(first) if first.as_str() <= path => {}
                Some(first) => path.clone_into(first),
                None => {
                    paths.insert(p, path.to_string());
                }
            }
        })
        .map_err(|e| e.to_string())?;
    Ok(paths)
}

/// The sidecar that records the filters of an export.
#[must_use]
pub fn sidecar_path(out: &Path) -> PathBuf {
    let mut name = out.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(".filters.json");
    out.with_file_name(name)
}

#[derive(Serialize)]
struct Sidecar<'a> {
    exported_by: &'static str,
    filters: &'a str,
    filter: &'a Filter,
    rows: usize,
    byte_order_mark: bool,
}

/// Write the export rows of `selected` to `out` (and the sidecar beside it) through a
/// temporary file, so a reader never sees half a file. Returns the number of rows.
///
/// # Errors
/// I/O and store errors, with the path.
pub fn write_csv(
    out: &Path,
    store: &Store,
    index: &ArticleIndex,
    selected: &[u32],
    filter: &Filter,
    options: ExportOptions,
) -> Result<usize, String> {
    let describe = |e: &dyn std::fmt::Display| format!("{}: {e}", out.display());
    let temp = out.with_extension("csv.part");
    let rows = {
        let file = std::fs::File::create(&temp).map_err(|e| describe(&e))?;
        let mut writer = std::io::BufWriter::with_capacity(1 << 20, file);
        if options.bom {
            writer.write_all(b"\xef\xbb\xbf").map_err(|e| describe(&e))?;
        }
        let mut csv = csv::WriterBuilder::new().has_headers(false).from_writer(writer);
        csv.write_record(HEADER).map_err(|e| describe(&e))?;
        let rows = store
            .snapshot(|store| {
                export_rows(store, index, selected, filter, |row| {
                    csv.write_record(row.cells()).map_err(|e| describe(&e))
                })
            })
            .inspect_err(|_| {
                let _ = std::fs::remove_file(&temp);
            })?;
        csv.flush().map_err(|e| describe(&e))?;
        rows
    };
    std::fs::rename(&temp, out).map_err(|e| describe(&e))?;
    let sidecar =
        Sidecar { exported_by: "rasd", filters: &filter.describe(), filter, rows, byte_order_mark: options.bom };
    let json = serde_json::to_string_pretty(&sidecar).map_err(|e| describe(&e))?;
    std::fs::write(sidecar_path(out), json).map_err(|e| describe(&e))?;
    Ok(rows)
}

/// The CSV header: the field names of [`ExportRow`].
pub const HEADER: [&str; 18] = [
    "date",
    "outlet",
    "language",
    "title",
    "path",
    "actor_id",
    "actor_name",
    "side",
    "stance",
    "origin",
    "note",
    "score",
    "confidence",
    "voice",
    "quoted_stance",
    "quoted_score",
    "evidence",
    "article_id",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_others_untouched() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("-1+2"), "'-1+2");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("\tcmd"), "'\tcmd");
        assert_eq!(neutralise("\rcmd"), "'\rcmd");
        assert_eq!(neutralise("ميليشيا حفتر"), "ميليشيا حفتر");
    }

    #[test]
    fn sidecar_sits_beside_the_export() {
        assert_eq!(sidecar_path(Path::new("/tmp/x/out.csv")), Path::new("/tmp/x/out.csv.filters.json"));
    }
}
