//! Tables of articles, one per row: CSV and TSV (Media Cloud, Meltwater, CrowdTangle exports,
//! shared-task files such as FIGNEWS) and spreadsheets (XLSX, XLS, ODS, through calamine).
//! Columns are found by their names, or mapped by a sidecar file (`NAME.columns` beside the
//! table: `text = Story body`). A broken quote or a row with the wrong number of fields is an
//! error for the file, with its row and column, never a fall-back to reading the table as text.

use super::date::{DateHints, parse_date};
use super::{Article, Format, ReadError};
use crate::text::{Language, normalize_str};

/// Column names taken for each field, in order of preference (compared lower-cased, with `_`,
/// `-` and spaces alike).
pub const TABLE_COLUMNS: &[(&str, &[&str])] = &[
    (
        "text",
        &[
            "text",
            "body",
            "content",
            "article",
            "full text",
            "fulltext",
            "story text",
            "message",
            "description",
            "post text",
        ],
    ),
    ("title", &["title", "headline", "heading", "subject"]),
    (
        "date",
        &[
            "date",
            "published",
            "publish date",
            "published at",
            "publication date",
            "pubdate",
            "post created",
            "datetime",
            "timestamp",
            "created at",
        ],
    ),
    (
        "outlet",
        &["outlet", "source", "media name", "media", "publisher", "page name", "site", "source name", "account"],
    ),
    ("url", &["url", "link", "permalink", "post url"]),
    ("language", &["language", "lang", "source language"]),
    ("id", &["id", "stories id", "item id", "post id", "document id", "guid"]),
];

/// The fields of the table's columns.
const FIELDS: [&str; 7] = ["text", "title", "date", "outlet", "url", "language", "id"];

/// A headline made from the text when the table has none: the first sentence, at most this long.
const MAX_MADE_TITLE: usize = 160;

/// Which kind of table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// Comma-separated, RFC 4180 quoting.
    Csv,
    /// Tab-separated, no quoting (tabs and line breaks inside cells are not allowed).
    Tsv,
    /// A spreadsheet (XLSX, XLS, ODS): the first sheet with rows.
    Spreadsheet,
}

impl TableKind {
    /// The kind a file extension names.
    #[must_use]
    pub fn from_extension(extension: &str) -> Option<Self> {
        match extension {
            "csv" => Some(Self::Csv),
            "tsv" | "tab" => Some(Self::Tsv),
            "xlsx" | "xlsm" | "xls" | "ods" => Some(Self::Spreadsheet),
            _ => None,
        }
    }
}

fn key(name: &str) -> String {
    name.trim().trim_start_matches('\u{feff}').to_lowercase().replace(['_', '-'], " ")
}

/// Column positions of each field, from the sidecar first, then the names.
fn columns(header: &[String], sidecar: Option<&str>) -> Result<[Option<usize>; 7], ReadError> {
    let keys: Vec<String> = header.iter().map(|h| key(h)).collect();
    let mut found = [None; 7];
    if let Some(text) = sidecar {
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |reason: String| ReadError::BadTable {
                row: 0,
                column: 0,
                reason: format!("columns file line {}: {reason}", number + 1),
            };
            let (field, column) = line.split_once('=').ok_or_else(|| bad("expected `field = column name`".into()))?;
            let slot = FIELDS
                .iter()
                .position(|f| *f == field.trim())
                .ok_or_else(|| bad(format!("unknown field `{}` (use {})", field.trim(), FIELDS.join(", "))))?;
            let position = keys
                .iter()
                .position(|k| *k == key(column))
                .ok_or_else(|| bad(format!("the table has no column `{}`", column.trim())))?;
            found[slot] = Some(position);
        }
    }
    for (slot, (_, names)) in TABLE_COLUMNS.iter().enumerate() {
        if found[slot].is_none() {
            found[slot] = names.iter().find_map(|n| keys.iter().position(|k| k == n));
        }
    }
    if found[0].is_none() && found[1].is_none() {
        return Err(ReadError::NoTextColumn { columns: header.join(", ") });
    }
    Ok(found)
}

fn language_of(value: &str) -> Option<Language> {
    match normalize_str(value.trim()).as_str() {
        "ar" | "ara" | "arabic" | "عربي" | "العربيه" => Some(Language::Ar),
        "en" | "eng" | "english" | "انجليزي" | "الانجليزيه" => Some(Language::En),
        "" => None,
        _ => Some(Language::Other),
    }
}

/// The first sentence of a text (for a headline), and the rest.
fn split_title(text: &str) -> (String, String) {
    let end = text
        .char_indices()
        .find(|(i, c)| *i > 0 && matches!(c, '.' | '!' | '?' | '؟' | '\n'))
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&i| i <= MAX_MADE_TITLE);
    let cut = end.unwrap_or_else(|| {
        let mut cut = text.len().min(MAX_MADE_TITLE);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        if cut < text.len() { text[..cut].rfind(' ').unwrap_or(cut) } else { cut }
    });
    (text[..cut].trim().to_string(), text[cut..].trim().to_string())
}

/// One row as an article; `None` for a row with neither text nor title.
fn article_of(cells: &[String], columns: &[Option<usize>; 7], row: usize) -> Option<Article> {
    let cell = |slot: usize| columns[slot].and_then(|i| cells.get(i)).map(|c| c.trim()).filter(|c| !c.is_empty());
    let text = cell(0).unwrap_or("");
    let (title, body) = match cell(1) {
        Some(title) => (title.to_string(), text.to_string()),
        None if !text.is_empty() => split_title(text),
        None => return None,
    };
    let mut article = Article::new(Format::Table, title, body);
    if let Some(language) = cell(5).and_then(language_of) {
        article.language = language;
    }
    let hints = DateHints { language: article.language, month_first: None };
    article.published_text = cell(2).map(str::to_string);
    article.published = article.published_text.as_deref().and_then(|d| parse_date(d, hints));
    article.source = cell(3).map(str::to_string);
    article.url = cell(4).map(str::to_string);
    article.doc_no = Some(cell(6).map_or_else(|| format!("row {row}"), str::to_string));
    article.refresh_id();
    Some(article)
}

fn articles(
    header: &[String],
    rows: impl Iterator<Item = (usize, Vec<String>)>,
    sidecar: Option<&str>,
) -> Result<Vec<Article>, ReadError> {
    let columns = columns(header, sidecar)?;
    let articles: Vec<Article> = rows.filter_map(|(row, cells)| article_of(&cells, &columns, row)).collect();
    if articles.is_empty() { Err(ReadError::NoText) } else { Ok(articles) }
}

/// Read a CSV or TSV table's text.
///
/// # Errors
/// [`ReadError::BadTable`] at the row (and field) of a broken quote or a row with the wrong
/// number of fields; [`ReadError::NoTextColumn`] when no column holds text or titles.
pub fn read_delimited(text: &str, kind: TableKind, sidecar: Option<&str>) -> Result<Vec<Article>, ReadError> {
    if kind == TableKind::Csv
        && let Some(row) = unclosed_quote(text)
    {
        return Err(ReadError::BadTable {
            row,
            column: 0,
            reason: "a quotation mark is opened and never closed".into(),
        });
    }
    let mut builder = csv::ReaderBuilder::new();
    builder.has_headers(false).flexible(false);
    if kind == TableKind::Tsv {
        builder.delimiter(b'\t').quoting(false);
    }
    let mut reader = builder.from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(record)) => record.iter().map(str::to_string).collect::<Vec<_>>(),
        Some(Err(e)) => return Err(table_error(&e)),
        None => return Err(ReadError::Empty),
    };
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|e| table_error(&e))?;
        let row = record.position().map_or(rows.len() + 2, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
        rows.push((row, record.iter().map(str::to_string).collect::<Vec<_>>()));
    }
    articles(&header, rows.into_iter(), sidecar)
}

/// The line where a CSV quote opens and is never closed (the csv crate reads such a quote to
/// the end of the file without complaint).
fn unclosed_quote(text: &str) -> Option<usize> {
    let (mut line, mut opened_at, mut quoted, mut field_start) = (1, 0, false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field_start => {
                quoted = true;
                opened_at = line;
            }
            '\n' => line += 1,
            _ => {}
        }
        field_start = !quoted && matches!(c, ',' | '\n' | '\r');
    }
    quoted.then_some(opened_at)
}

fn table_error(error: &csv::Error) -> ReadError {
    let line = |p: Option<&csv::Position>| p.map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
    match error.kind() {
        csv::ErrorKind::UnequalLengths { pos, expected_len, len } => ReadError::BadTable {
            row: line(pos.as_ref()),
            column: 0,
            reason: format!("{len} fields where the header has {expected_len}"),
        },
        csv::ErrorKind::Utf8 { pos, err } => {
            ReadError::BadTable { row: line(pos.as_ref()), column: err.field() + 1, reason: "invalid UTF-8".into() }
        }
        _ => ReadError::BadTable { row: line(error.position()), column: 0, reason: error.to_string() },
    }
}

/// A spreadsheet cell as text (dates as ISO 8601).
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::{Data, DataType};
    match cell {
        Data::Empty => String::new(),
        Data::DateTime(_) => {
            cell.as_datetime().map_or_else(|| cell.to_string(), |d| d.format("%Y-%m-%dT%H:%M:%S").to_string())
        }
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        other => other.to_string(),
    }
}

/// Read a spreadsheet's bytes: the first sheet that has rows, its first row the header.
///
/// # Errors
/// [`ReadError::BadTable`] when the workbook cannot be opened or has no sheet with rows.
pub fn read_spreadsheet(bytes: &[u8], sidecar: Option<&str>) -> Result<Vec<Article>, ReadError> {
    use calamine::Reader;
    let bad = |reason: String| ReadError::BadTable { row: 0, column: 0, reason };
    let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| bad(format!("cannot open the workbook: {e}")))?;
    let sheets = workbook.sheet_names();
    for (index, name) in sheets.iter().enumerate() {
        let range = match workbook.worksheet_range_at(index) {
            Some(Ok(range)) => range,
            Some(Err(e)) => return Err(bad(format!("sheet `{name}`: {e}"))),
            None => continue,
        };
        let mut rows = range.rows().enumerate().map(|(i, r)| (i + 1, r.iter().map(cell_text).collect::<Vec<_>>()));
        let Some((_, header)) = rows.by_ref().find(|(_, r)| r.iter().any(|c| !c.trim().is_empty())) else { continue };
        return articles(&header, rows, sidecar);
    }
    Err(bad("no sheet holds any rows".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, kind: TableKind) -> Result<Vec<Article>, ReadError> {
        read_delimited(text, kind, None)
    }

    #[test]
    fn columns_are_found_by_name_in_any_order_and_case() {
        let csv = "Headline,Media_Name,Publish_Date,URL,Body\n\"Truce talks resume\",Wire One,2020-04-12,http://x/1,\"Talks resumed, officials said.\"\n";
        let a = &read(csv, TableKind::Csv).unwrap_or_else(|e| panic!("{e}"))[0];
        assert_eq!(a.title, "Truce talks resume");
        assert_eq!(a.body, "Talks resumed, officials said.");
        assert_eq!(a.source.as_deref(), Some("Wire One"));
        assert_eq!(a.published.as_ref().map(|d| d.iso()).as_deref(), Some("2020-04-12"));
        assert_eq!(a.url.as_deref(), Some("http://x/1"));
        assert_eq!(a.format, Format::Table);
    }

    #[test]
    fn a_tsv_without_quoting_reads_quotes_as_text_and_makes_a_headline_from_the_text() {
        let tsv = "id\tsource_language\ttext\n7\tArabic\tقال \"المتحدث\" إن الهدنة صامدة. وأضاف أن المفاوضات مستمرة\n";
        let a = &read(tsv, TableKind::Tsv).unwrap_or_else(|e| panic!("{e}"))[0];
        assert_eq!(a.title, "قال \"المتحدث\" إن الهدنة صامدة.");
        assert_eq!(a.body, "وأضاف أن المفاوضات مستمرة");
        assert_eq!(a.language, Language::Ar);
        assert_eq!(a.doc_no.as_deref(), Some("7"));
    }

    #[test]
    fn a_sidecar_maps_columns_the_names_do_not_give() {
        let csv = "Story,Kicker\n\"The body.\",\"A headline\"\n";
        let sidecar = "# mapping\ntext = Story\ntitle = Kicker\n";
        let a = &read_delimited(csv, TableKind::Csv, Some(sidecar)).unwrap_or_else(|e| panic!("{e}"))[0];
        assert_eq!((a.title.as_str(), a.body.as_str()), ("A headline", "The body."));
        let wrong = read_delimited(csv, TableKind::Csv, Some("text = Missing\n"));
        assert!(
            matches!(wrong, Err(ReadError::BadTable { ref reason, .. }) if reason.contains("line 1") && reason.contains("Missing"))
        );
    }

    #[test]
    fn broken_rows_are_errors_with_their_row_never_text() {
        let short = "title,text\nA,one\nB\n";
        assert!(
            matches!(read(short, TableKind::Csv), Err(ReadError::BadTable { row: 3, .. })),
            "{:?}",
            read(short, TableKind::Csv)
        );
        let quote = "title,text\nA,\"never closed\nB,two\n";
        assert!(
            matches!(read(quote, TableKind::Csv), Err(ReadError::BadTable { row: 2, .. })),
            "{:?}",
            read(quote, TableKind::Csv)
        );
        let multiline = "title,text\nA,\"two\nlines, \"\"quoted\"\"\"\n";
        assert_eq!(
            read(multiline, TableKind::Csv).map(|a| a[0].body.clone()).ok().as_deref(),
            Some("two\nlines, \"quoted\"")
        );
        let no_text = "name,count\nx,1\n";
        assert!(matches!(read(no_text, TableKind::Csv), Err(ReadError::NoTextColumn { .. })));
    }
}
