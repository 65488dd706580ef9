//! CSV export of exactly the filtered rows: one row per article × actor, UTF-8 with a
//! byte-order mark by default (Excel shows Arabic correctly only then), formula-like cells
//! neutralised, and a sidecar `OUT.filters.json` recording the filters.

use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Filter;
use super::export_table::write_table;
use super::index::ArticleIndex;
use crate::store::Store;

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

/// The first characters with which a spreadsheet runs a cell as a formula.
const FORMULA_STARTS: [u8; 6] = [b'=', b'+', b'-', b'@', b'\t', b'\r'];

/// Prefix a text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR).
#[must_use]
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.as_bytes().first().is_some_and(|b| FORMULA_STARTS.contains(b)) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// [`neutralise`] for a cell in bytes.
pub(super) fn neutralised(cell: &[u8]) -> Cow<'_, [u8]> {
    if cell.first().is_some_and(|b| FORMULA_STARTS.contains(b)) {
        Cow::Owned([b"'", cell].concat())
    } else {
        Cow::Borrowed(cell)
    }
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
        let mut writer = std::fs::File::create(&temp).map_err(|e| describe(&e))?;
        if options.bom {
            writer.write_all(b"\xef\xbb\xbf").map_err(|e| describe(&e))?;
        }
        let rows = write_table(store, index, selected, filter, &mut writer).map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            describe(&e)
        })?;
        writer.flush().map_err(|e| describe(&e))?;
        rows
    };
    std::fs::rename(&temp, out).map_err(|e| describe(&e))?;
    let sidecar =
        Sidecar { exported_by: "rasd", filters: &filter.describe(), filter, rows, byte_order_mark: options.bom };
    let json = serde_json::to_string_pretty(&sidecar).map_err(|e| describe(&e))?;
    std::fs::write(sidecar_path(out), json).map_err(|e| describe(&e))?;
    Ok(rows)
}

/// The CSV header.
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
