//! Reading and writing article rows.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::analysis::{ActorFraming, Origin, StanceLabel};
use crate::engine::AnalysedArticle;
use crate::text::Language;

/// One actor's stance in one article, as the filters need it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorStance {
    /// Actor id.
    pub actor_id: String,
    /// Side id.
    pub side: Option<String>,
    /// Mentions.
    pub mentions: u32,
    /// Outlet-voice stance (the analyst's when corrected).
    pub stance: StanceLabel,
    /// The computed outlet-voice stance.
    pub auto_stance: StanceLabel,
    /// `auto` or `human`.
    pub origin: Origin,
    /// The analyst's note.
    pub note: Option<String>,
    /// Outlet-voice score.
    pub score: f32,
    /// Confidence.
    pub confidence: f32,
    /// Stance of quoted sources.
    pub quoted_stance: StanceLabel,
    /// Score of quoted sources.
    pub quoted_score: f32,
}

/// The compact row the timeline, the list and the filters work on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexRow {
    /// Content hash.
    pub id: String,
    /// The store's row id (the full-text index is keyed by it).
    #[serde(skip)]
    pub rowid: i64,
    /// Headline.
    pub title: String,
    /// ISO 8601 publication date, when known.
    pub published: Option<String>,
    /// Days since 1970-01-01 of the printed date (for buckets and date filters).
    pub day: Option<i32>,
    /// Outlet.
    pub source: String,
    /// Language.
    pub language: Language,
    /// The first file the article was read from.
    pub path: String,
    /// Per-actor stances, most mentioned first.
    pub actors: Vec<ActorStance>,
    /// Marked reviewed by the analyst.
    pub reviewed: bool,
    /// Starred.
    pub starred: bool,
    /// The analyst's tags.
    pub tags: Vec<String>,
}

/// An article with its text and full analysis.
#[derive(Debug, Clone, Serialize)]
pub struct StoredArticle {
    /// The index row.
    pub row: IndexRow,
    /// Body paragraphs joined by `\n`.
    pub body: String,
    /// The date as printed.
    pub published_text: Option<String>,
    /// Confidence of the parsed date.
    pub date_confidence: Option<f64>,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Related headlines.
    pub related: Vec<String>,
    /// URL.
    pub url: Option<String>,
    /// Every file holding the article.
    pub paths: Vec<String>,
    /// The full analysis with evidence.
    pub actors: Vec<ActorFraming>,
}

pub enum RowError {
    Sqlite(rusqlite::Error),
    Decode(String),
}

impl From<rusqlite::Error> for RowError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Sqlite(e)
    }
}

/// Run a statement through the connection's statement cache (ingestion runs the same few
/// statements hundreds of thousands of times).
fn exec(connection: &Connection, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<usize> {
    connection.prepare_cached(sql)?.execute(params)
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

pub fn upsert_article(tx: &Connection, analysed: &AnalysedArticle, path: &str) -> rusqlite::Result<()> {
    let a = &analysed.article;
    let day = a.published.as_ref().map(|d| days_since_epoch(d.date));
    let published = a.published.as_ref().map(crate::article::date::PublishedDate::iso);
    // An upsert keeps the rowid, which the search index is keyed by. Only a row that is in the
    // index may be deleted from it (contentless FTS5 keeps no text to check against).
    let existed: Option<i64> =
        tx.query_row("SELECT rowid FROM articles WHERE id = ?1", params![a.id], |r| r.get(0)).optional()?;
    exec(
        tx,
        "INSERT INTO articles (id, title, body, summary, published, published_day, published_text,
             date_confidence, source, language, format, url, author, category, doc_no, keywords, related, analysis)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
         ON CONFLICT (id) DO UPDATE SET title = ?2, body = ?3, summary = ?4, published = ?5, published_day = ?6,
             published_text = ?7, date_confidence = ?8, source = ?9, language = ?10, format = ?11, url = ?12,
             author = ?13, category = ?14, doc_no = ?15, keywords = ?16, related = ?17, analysis = ?18",
        params![
            a.id,
            a.title,
            a.body,
            a.summary,
            published,
            day,
            a.published_text,
            a.published.as_ref().map(|d| d.confidence),
            a.source.clone().unwrap_or_default(),
            a.language.code(),
            json(&a.format).trim_matches('"'),
            a.url,
            a.author,
            a.category,
            a.doc_no,
            json(&a.keywords),
            json(&a.related),
            encode_analysis(&analysed.actors),
        ],
    )?;
    let rowid: i64 =
        tx.prepare_cached("SELECT rowid FROM articles WHERE id = ?1")?.query_row(params![a.id], |r| r.get(0))?;
    if existed.is_some() {
        exec(tx, "DELETE FROM article_fts WHERE rowid = ?1", params![rowid])?;
    }
    exec(
        tx,
        "INSERT INTO article_fts (rowid, stems) VALUES (?1, ?2)",
        params![rowid, crate::text::search_text(&format!("{}\n{}", a.title, a.body))],
    )?;
    let fields = super::packed::IndexFields {
        rowid,
        id: &a.id,
        title: &a.title,
        published: published.as_deref(),
        day,
        source: a.source.as_deref().unwrap_or(""),
        language: a.language.code(),
    };
    super::packed::write(tx, &fields, &super::packed::pack_framings(&analysed.actors))?;
    super::export_cells::write(tx, rowid, &a.id, path, &super::export_cells::pack(&analysed.actors))
}

/// Days since 1970-01-01.
#[must_use]
pub fn days_since_epoch(date: chrono::NaiveDate) -> i32 {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    i32::try_from((date - epoch).num_days()).unwrap_or(0)
}

pub fn article_ids_of(tx: &Connection, path: &str) -> rusqlite::Result<Vec<String>> {
    let mut statement = tx.prepare("SELECT article_id FROM files WHERE path = ?1")?;

    statement.query_map(params![path], |r| r.get(0))?.collect()
}

/// Delete the articles among `ids` that no file refers to any more; return their ids.
pub fn drop_orphans(tx: &Connection, ids: &[String]) -> rusqlite::Result<Vec<String>> {
    let mut removed = Vec::new();
    for id in ids {
        let still: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM files WHERE article_id = ?1)")?
            .query_row(params![id], |r| r.get(0))?;
        if !still && !removed.contains(id) {
            exec(tx, "DELETE FROM article_fts WHERE rowid = (SELECT rowid FROM articles WHERE id = ?1)", params![id])?;
            exec(tx, "DELETE FROM article_index WHERE id = ?1", params![id])?;
            super::export_cells::delete(tx, id)?;
            exec(tx, "DELETE FROM articles WHERE id = ?1", params![id])?;
            removed.push(id.clone());
        }
    }
    Ok(removed)
}

const ROW_COLUMNS: &str = "a.rowid, a.id, a.title, a.published, a.published_day, a.source, a.language,
     (SELECT MIN(path) FROM files f WHERE f.article_id = a.id)";

fn row_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<IndexRow> {
    Ok(IndexRow {
        rowid: r.get(0)?,
        id: r.get(1)?,
        title: r.get(2)?,
        published: r.get(3)?,
        day: r.get(4)?,
        source: r.get(5)?,
        language: Language::from_code(&r.get::<_, String>(6)?),
        path: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
        actors: Vec::new(),
        reviewed: false,
        starred: false,
        tags: Vec::new(),
    })
}

pub fn index_row(connection: &Connection, id: &str) -> rusqlite::Result<Option<IndexRow>> {
    let query = format!("SELECT {ROW_COLUMNS} FROM articles a WHERE a.id = ?1");
    let Some(mut row) = connection.query_row(&query, params![id], row_from).optional()? else {
        return Ok(None);
    };
    row.actors = super::packed::actors_of(connection, row.rowid)?;
    let mut one = [row];
    super::annotations::overlay_rows(connection, &mut one)?;
    let [row] = one;
    Ok(Some(row))
}

pub fn load_index(connection: &Connection) -> rusqlite::Result<crate::query::ArticleIndex> {
    let mut index = super::loading::load(connection)?;
    super::annotations::overlay_index(connection, &mut index)?;
    Ok(index)
}

type Stored = (String, Option<String>, String, String, Option<String>, Vec<u8>, Option<f64>);

/// The full analysis as stored: JSON, deflated (it is the largest part of an article's row, four
/// times its text, and compresses about tenfold).
pub fn encode_analysis(actors: &[ActorFraming]) -> Vec<u8> {
    use std::io::Write;
    let json = serde_json::to_vec(actors).unwrap_or_default();
    let mut encoder =
        flate2::write::DeflateEncoder::new(Vec::with_capacity(json.len() / 4), flate2::Compression::fast());
    encoder.write_all(&json).and_then(|()| encoder.finish()).unwrap_or(json)
}

/// The bytes of a text or blob column (an analysis is text in old stores, a blob since).
pub fn stored_bytes(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<Vec<u8>> {
    Ok(match row.get_ref(column)? {
        rusqlite::types::ValueRef::Text(bytes) | rusqlite::types::ValueRef::Blob(bytes) => bytes.to_vec(),
        _ => Vec::new(),
    })
}

/// Read a stored analysis: deflated JSON, or plain JSON text from stores before version 5.
pub fn decode_analysis(stored: &[u8]) -> Result<Vec<ActorFraming>, String> {
    if stored.first().is_some_and(|&b| b == b'[') {
        return serde_json::from_slice(stored).map_err(|e| e.to_string());
    }
    let decoder = flate2::read::DeflateDecoder::new(stored);
    serde_json::from_reader(decoder).map_err(|e| e.to_string())
}

pub fn stored_article(connection: &Connection, id: &str) -> Result<Option<StoredArticle>, RowError> {
    let Some(row) = index_row(connection, id)? else {
        return Ok(None);
    };
    let (body, published_text, keywords, related, url, analysis, date_confidence): Stored = connection.query_row(
        "SELECT body, published_text, keywords, related, url, analysis, date_confidence FROM articles WHERE id = ?1",
        params![id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, stored_bytes(r, 5)?, r.get(6)?)),
    )?;
    let mut statement = connection.prepare("SELECT path FROM files WHERE article_id = ?1 ORDER BY path")?;
    let paths = statement.query_map(params![id], |r| r.get(0))?.filter_map(Result::ok).collect();
    let decode = |e: serde_json::Error| RowError::Decode(e.to_string());
    let mut actors = decode_analysis(&analysis).map_err(RowError::Decode)?;
    super::annotations::overlay_framing(connection, id, &mut actors)?;
    Ok(Some(StoredArticle {
        row,
        body,
        published_text,
        date_confidence,
        keywords: serde_json::from_str(&keywords).map_err(decode)?,
        related: serde_json::from_str(&related).map_err(decode)?,
        url,
        paths,
        actors,
    }))
}

/// Row ids from `from` to `to` of the articles matching a full-text query (already in FTS5
/// form), ascending.
pub fn search(connection: &Connection, fts: &str, from: i64, to: i64) -> rusqlite::Result<Vec<i64>> {
    let mut statement = connection.prepare_cached(
        "SELECT rowid FROM article_fts WHERE article_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid",
    )?;
    statement.query_map(params![fts, from, to], |r| r.get(0))?.collect()
}
