//! Articles: the `Article` model, the format readers (seed-style text and Markdown, TREC/CLEF
//! `<DOC>` files), decoding of the bytes, and publication dates. Pure functions of the bytes:
//! no analysis, no UI, no threads, no file system.

pub mod date;
mod decode;
mod docx;
mod eml;
mod feed;
mod html;
mod json;
mod model;
mod pdf;
mod seed;
mod table;
mod trec;

pub use decode::{Decoded, decode};
pub use docx::{MAX_DOCUMENT_BYTES, read_docx};
pub use eml::read_eml;
pub use feed::read_feed;
pub use html::{MAX_NESTING, html_paragraphs, read_html};
pub use json::{FIELDS as JSON_FIELDS, read_json};
pub use model::{Article, Format};
pub use pdf::{read_pdf, repair_text as repair_pdf_text};
pub use seed::read_seed;
pub use table::{TABLE_COLUMNS, TableKind, read_delimited, read_spreadsheet};
pub use trec::read_trec;

use thiserror::Error;

/// Why a file gave no article. Every variant says where, so the message can stand alone.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The file holds no bytes at all.
    #[error("empty file")]
    Empty,
    /// Control bytes show this is not a text file.
    #[error("binary data, not text (control byte 0x{byte:02x} at byte {offset})")]
    Binary {
        /// Byte offset of the first control byte.
        offset: usize,
        /// The byte found.
        byte: u8,
    },
    /// Mostly UTF-8, but broken at this offset.
    #[error("invalid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// UTF-16 with a byte-order mark but an unpaired surrogate or odd length.
    #[error("invalid {encoding} data")]
    InvalidUtf16 {
        /// `UTF-16LE` or `UTF-16BE`.
        encoding: &'static str,
    },
    /// No supported encoding decodes these bytes to text.
    #[error("text in an unknown encoding (tried UTF-8, Windows-1256, ISO-8859-6)")]
    UnknownEncoding,
    /// The text decoded but holds no title or body.
    #[error("no article text (only whitespace)")]
    NoText,
    /// Malformed or truncated JSON.
    #[error("invalid JSON at line {line}, column {column}: {reason}")]
    BadJson {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser found.
        reason: String,
    },
    /// A feed (RSS or Atom) that cannot be read.
    #[error("invalid feed: {reason}")]
    BadFeed {
        /// What the parser found.
        reason: String,
    },
    /// A `.docx` archive that cannot be read.
    #[error("invalid Word document: {reason}")]
    BadDocx {
        /// What is wrong.
        reason: String,
    },
    /// An e-mail message that cannot be read.
    #[error("invalid e-mail message: {reason}")]
    BadEmail {
        /// What is wrong.
        reason: String,
    },
    /// A PDF that cannot be parsed.
    #[error("invalid PDF: {reason}")]
    BadPdf {
        /// What is wrong.
        reason: String,
    },
    /// A PDF whose pages hold no text (a scan without OCR).
    #[error("no text layer (a scanned PDF?)")]
    NoTextLayer,
    /// Arabic text in a PDF that still reads backwards after the repair.
    #[error("the PDF's Arabic text is in an order that could not be repaired")]
    ScrambledPdf,
    /// Markup nested deeper than a real page ever is.
    #[error("markup nested deeper than {limit} levels (at byte {offset})")]
    TooDeep {
        /// The limit.
        limit: usize,
        /// Byte offset of the tag that went past it.
        offset: usize,
    },
    /// A table (CSV, TSV, spreadsheet) with a broken row.
    #[error("invalid table at row {row}{}: {reason}", if *column > 0 { format!(", field {column}") } else { String::new() })]
    BadTable {
        /// 1-based row (line) of the problem; 0 when it is not in a row.
        row: usize,
        /// 1-based field, 0 when unknown.
        column: usize,
        /// What is wrong.
        reason: String,
    },
    /// A table with no column of article text or headlines.
    #[error("no text, body, content or title column among: {columns} (map one in a NAME.columns file)")]
    NoTextColumn {
        /// The header.
        columns: String,
    },
    /// A `<DOC>` file without any complete `<DOC>…</DOC>` element.
    #[error("no complete <DOC> element")]
    NoDocElement,
    /// A `<DOC>` element is malformed.
    #[error("<DOC> number {index} (line {line}): {reason}")]
    BadDoc {
        /// 1-based number of the `<DOC>` in the file.
        index: usize,
        /// 1-based line where that `<DOC>` starts.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

/// Read all articles in a file's bytes. `file_name` is used only for its extension; the
/// content decides when the extension does not (a `.xml` file may be a feed or `<DOC>`s, a
/// `.txt` file may hold HTML).
///
/// # Errors
/// A [`ReadError`] when the bytes are not text or hold no readable article.
pub fn read_bytes(bytes: &[u8], file_name: &str) -> Result<Vec<Article>, ReadError> {
    read_bytes_with_columns(bytes, file_name, None)
}

/// [`read_bytes`], with the column mapping of a table's sidecar file (`NAME.columns`).
///
/// # Errors
/// A [`ReadError`] when the bytes are not text or hold no readable article.
pub fn read_bytes_with_columns(
    bytes: &[u8],
    file_name: &str,
    columns: Option<&str>,
) -> Result<Vec<Article>, ReadError> {
    let extension = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let table = TableKind::from_extension(&extension);
    if table == Some(TableKind::Spreadsheet) || (docx::is_zip(bytes) && docx::is_spreadsheet(bytes)) {
        return read_spreadsheet(bytes, columns);
    }
    // Binary containers and e-mail (whose parts carry their own charsets) come before decoding.
    if pdf::is_pdf(bytes) {
        return read_pdf(bytes).map(|a| vec![a]);
    }
    if docx::is_zip(bytes) {
        return read_docx(bytes).map(|a| vec![a]);
    }
    if extension == "eml" || eml::looks_like_email(bytes) {
        return read_eml(bytes);
    }
    let decoded = decode(bytes)?;
    let text = decoded.text.as_str();
    if let Some(kind) = table {
        return read_delimited(text, kind, columns);
    }
    match sniff(text, &extension) {
        Kind::Trec => read_trec(text),
        Kind::Html => read_html(text).map(|a| vec![a]),
        Kind::Json => read_json(text),
        Kind::Feed => read_feed(text),
        Kind::Seed { markdown } => read_seed(text, markdown).map(|a| vec![a]),
    }
}

enum Kind {
    Trec,
    Html,
    Json,
    Feed,
    Seed { markdown: bool },
}

/// Which reader a file needs, from its first characters, then its extension.
fn sniff(text: &str, extension: &str) -> Kind {
    let head = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let start: String = head.chars().take(512).collect::<String>().to_ascii_lowercase();
    let after_prolog = start.trim_start_matches(|c: char| c != '<').to_string();
    if start.starts_with("<doc>") {
        return Kind::Trec;
    }
    if start.starts_with("<!doctype html") || start.starts_with("<html") {
        return Kind::Html;
    }
    if start.starts_with("<?xml")
        || start.starts_with("<rss")
        || start.starts_with("<feed")
        || start.starts_with("<rdf")
    {
        let root = after_prolog.contains("<rss") || after_prolog.contains("<feed") || after_prolog.contains("<rdf:rdf");
        if root {
            return Kind::Feed;
        }
        if after_prolog.contains("<doc>") {
            return Kind::Trec;
        }
    }
    match extension {
        "trec" | "sgml" | "sgm" => Kind::Trec,
        "html" | "htm" | "xhtml" => Kind::Html,
        "json" | "jsonl" | "ndjson" => Kind::Json,
        "rss" | "atom" => Kind::Feed,
        "md" | "markdown" => Kind::Seed { markdown: true },
        _ if start.starts_with('{') || start.starts_with('[') => Kind::Json,
        _ => Kind::Seed { markdown: false },
    }
}

/// File extensions a folder scan picks up.
pub const READABLE_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "trec", "sgml", "sgm", "xml", "html", "htm", "xhtml", "json", "jsonl", "ndjson", "rss",
    "atom", "docx", "eml", "pdf", "csv", "tsv", "tab", "xlsx", "xlsm", "xls", "ods",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn format_of(text: &str, name: &str) -> Result<Format, ReadError> {
        read_bytes(text.as_bytes(), name).map(|a| a[0].format)
    }

    #[test]
    fn the_content_decides_when_the_extension_does_not() {
        let html = "<!DOCTYPE html><html><body><h1>Truce</h1><p>Talks resumed.</p></body></html>";
        assert_eq!(format_of(html, "saved.txt"), Ok(Format::Html));
        assert_eq!(format_of(html, "page.htm"), Ok(Format::Html));
        let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>W</title><item><title>T</title><description>x</description></item></channel></rss>";
        assert_eq!(format_of(rss, "feed.xml"), Ok(Format::Feed));
        let trec = "<DOC>\n<DOCNO>1</DOCNO>\n<TITLE>T</TITLE>\n<TEXT>body</TEXT>\n</DOC>\n";
        assert_eq!(format_of(trec, "docs.xml"), Ok(Format::Trec));
        assert_eq!(format_of("{\"title\": \"T\", \"body\": \"x\"}", "export.txt"), Ok(Format::Json));
        assert_eq!(format_of("Title\n\nBody text.", "a.txt"), Ok(Format::Seed));
        assert_eq!(format_of("# Title\n\nBody text.", "a.md"), Ok(Format::Markdown));
    }
}
