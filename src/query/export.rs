//! CSV export of exactly the filtered rows: one row per article × actor, UTF-8 with a
//! byte-order mark by default (Excel shows Arabic correctly only then), formula-like cells
//! neutralised, and a sidecar `OUT.filters.json` recording the filters.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Filter;
use crate::store::{IndexRow, Store, StoreError};

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

/// One CSV row.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct ExportRow {
    pub date: String,
    pub outlet: String,
    pub language: String,
    pub title: String,
    pub path: String,
    pub actor_id: String,
    pub actor_name: String,
    pub side: String,
    pub stance: String,
    pub origin: String,
    pub note: String,
    pub score: String,
    pub confidence: String,
    pub voice: String,
    pub quoted_stance: String,
    pub quoted_score: String,
    pub evidence: String,
    pub article_id: String,
}

/// Prefix a text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR).
#[must_use]
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell.to_string() }
}

/// The export rows for the `selected` rows (in that order) under `filter`.
///
/// # Errors
/// Store errors while reading an article's evidence.
pub fn export_rows(
    store: &Store,
    rows: &[IndexRow],
    selected: &[usize],
    filter: &Filter,
) -> Result<Vec<ExportRow>, StoreError> {
    let mut out = Vec::new();
    for &i in selected {
        let row = &rows[i];
        let base = ExportRow {
            date: row.published.clone().unwrap_or_default(),
            outlet: neutralise(&row.source),
            language: row.language.code().to_string(),
            title: neutralise(&row.title),
            path: neutralise(&row.path),
            voice: filter.voice.as_str().to_string(),
            article_id: row.id.clone(),
            ..ExportRow::default()
        };
        let actors: Vec<_> = filter.actors_of(row).collect();
        if actors.is_empty() {
            out.push(base);
            continue;
        }
        let cells = store.export_cells(&row.id)?;
        for actor in actors {
            let cell = cells.iter().find(|(id, _, _)| *id == actor.actor_id);
            let name =
                cell.map_or(
                    actor.actor_id.as_str(),
                    |(_, name, _)| if name.is_empty() { actor.actor_id.as_str() } else { name },
                );
            let evidence = cell.map_or("", |(_, _, evidence)| evidence.as_str());
            out.push(ExportRow {
                actor_id: actor.actor_id.clone(),
                actor_name: neutralise(name),
                side: actor.side.clone().unwrap_or_default(),
                stance: actor.stance.as_str().to_string(),
                origin: actor.origin.as_str().to_string(),
                note: neutralise(actor.note.as_deref().unwrap_or("")),
                score: format!("{:.3}", actor.score),
                confidence: format!("{:.3}", actor.confidence),
                quoted_stance: actor.quoted_stance.as_str().to_string(),
                quoted_score: format!("{:.3}", actor.quoted_score),
                evidence: neutralise(evidence),
                ..base.clone()
            });
        }
    }
    Ok(out)
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

/// Write the rows to `out` (and the sidecar beside it) through a temporary file, so a reader
/// never sees half a file.
///
/// # Errors
/// I/O errors, with the path.
pub fn write_csv(out: &Path, rows: &[ExportRow], filter: &Filter, options: ExportOptions) -> Result<(), String> {
    let describe = |e: &dyn std::fmt::Display| format!("{}: {e}", out.display());
    let temp = out.with_extension("csv.part");
    {
        let file = std::fs::File::create(&temp).map_err(|e| describe(&e))?;
        let mut writer = std::io::BufWriter::new(file);
        if options.bom {
            writer.write_all(b"\xef\xbb\xbf").map_err(|e| describe(&e))?;
        }
        let mut csv = csv::Writer::from_writer(writer);
        if rows.is_empty() {
            csv.serialize(ExportRow::default()).map_err(|e| describe(&e))?;
        }
        for row in rows {
            csv.serialize(row).map_err(|e| describe(&e))?;
        }
        csv.flush().map_err(|e| describe(&e))?;
    }
    if rows.is_empty() {
        // Only the header: drop the placeholder row written to get it.
        let text = std::fs::read_to_string(&temp).map_err(|e| describe(&e))?;
        let header_end = text.find('\n').map_or(text.len(), |i| i + 1);
        std::fs::write(&temp, &text[..header_end]).map_err(|e| describe(&e))?;
    }
    std::fs::rename(&temp, out).map_err(|e| describe(&e))?;
    let sidecar = Sidecar {
        exported_by: "rasd",
        filters: &filter.describe(),
        filter,
        rows: rows.len(),
        byte_order_mark: options.bom,
    };
    let json = serde_json::to_string_pretty(&sidecar).map_err(|e| describe(&e))?;
    std::fs::write(sidecar_path(out), json).map_err(|e| describe(&e))
}

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
