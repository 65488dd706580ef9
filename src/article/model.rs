//! The article model shared by every reader.

use serde::Serialize;

use super::date::PublishedDate;
use crate::text::Language;

/// Which reader produced an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Seed layout: title, date line, body, source line, keywords, related headlines.
    Seed,
    /// The same layout in a Markdown file.
    Markdown,
    /// TREC/CLEF `<DOC>` element.
    Trec,
    /// A web page saved from a news site.
    Html,
    /// A JSON or JSON Lines export.
    Json,
    /// An RSS or Atom feed item.
    Feed,
    /// A Word document.
    Docx,
    /// An e-mail message (or one story of a digest).
    Email,
    /// A PDF clipping with a text layer.
    Pdf,
    /// One row of a table (CSV, TSV, XLSX, ODS).
    Table,
}

/// One news article as read from a file, before analysis.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// Content hash (BLAKE3 of title, date line and body): the same article has the same id
    /// whatever its file name or encoding.
    pub id: String,
    /// The reader that produced it.
    pub format: Format,
    /// The headline.
    pub title: String,
    /// The publication date, when the date line or date field could be read.
    pub published: Option<PublishedDate>,
    /// The date line or date field as printed.
    pub published_text: Option<String>,
    /// The outlet (`المصدر | …`, `Source: …`, or the `<SRC>` field).
    pub source: Option<String>,
    /// Language by script of title and body.
    pub language: Language,
    /// Body paragraphs joined by `\n`.
    pub body: String,
    /// Abstract or lead, when the format has one (kept out of the body).
    pub summary: Option<String>,
    /// Keywords block (never body text).
    pub keywords: Vec<String>,
    /// Related headlines printed after the article (never body text).
    pub related: Vec<String>,
    /// Canonical URL, when the format gives one.
    pub url: Option<String>,
    /// Author or byline, when the format gives one.
    pub author: Option<String>,
    /// Category or section, when the format gives one.
    pub category: Option<String>,
    /// The document number of a `<DOC>` element.
    pub doc_no: Option<String>,
}

impl Article {
    /// Build an article and compute its id and language from its text.
    #[must_use]
    pub fn new(format: Format, title: String, body: String) -> Self {
        let language = crate::text::detect_language_of(&[&title, &body]);
        let mut article = Self {
            id: String::new(),
            format,
            title,
            published: None,
            published_text: None,
            source: None,
            language,
            body,
            summary: None,
            keywords: Vec::new(),
            related: Vec::new(),
            url: None,
            author: None,
            category: None,
            doc_no: None,
        };
        article.refresh_id();
        article
    }

    /// Recompute the content hash after title, date line or body changed.
    pub fn refresh_id(&mut self) {
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.title.as_bytes());
        hasher.update(b"\x1f");
        hasher.update(self.published_text.as_deref().unwrap_or("").as_bytes());
        hasher.update(b"\x1f");
        hasher.update(self.body.as_bytes());
        let hex = hasher.finalize().to_hex();
        self.id = hex.as_str()[..32].to_string();
    }
}
