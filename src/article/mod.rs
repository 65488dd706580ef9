//! Articles: the `Article` model, the format readers (seed-style text and Markdown, TREC/CLEF
//! `<DOC>` files), decoding of the bytes, and publication dates. Pure functions of the bytes:
//! no analysis, no UI, no threads, no file system.

pub mod date;
mod decode;
mod model;
mod seed;
mod trec;

pub use decode::{Decoded, decode};
pub use model::{Article, Format};
pub use seed::read_seed;
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

/// Read all articles in a file's bytes. `file_name` is used only for its extension.
///
/// # Errors
/// A [`ReadError`] when the bytes are not text or hold no readable article.
pub fn read_bytes(bytes: &[u8], file_name: &str) -> Result<Vec<Article>, ReadError> {
    let decoded = decode(bytes)?;
    let extension = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let head = decoded.text.trim_start();
    let looks_like_trec = head.get(..5).is_some_and(|h| h.eq_ignore_ascii_case("<doc>"));
    if looks_like_trec || matches!(extension.as_str(), "trec" | "sgml" | "sgm") {
        return read_trec(&decoded.text);
    }
    let markdown = matches!(extension.as_str(), "md" | "markdown");
    read_seed(&decoded.text, markdown).map(|a| vec![a])
}

/// File extensions a folder scan picks up.
pub const READABLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "trec", "sgml", "sgm", "xml"];
