//! JSON and JSON Lines exports of articles: one object, an array of objects, an object holding
//! the array (`articles`, `items`, `data`, `results`, `docs`), or one object per line. Field
//! names vary by tool; the common ones are all taken (see [`FIELDS`]). Bodies holding HTML are
//! read as HTML.

use serde_json::{Map, Value};

use super::date::{DateHints, parse_date};
use super::{Article, Format, ReadError, html_paragraphs};

/// Field names read, in order of preference, for each article field.
pub const FIELDS: &[(&str, &[&str])] = &[
    ("title", &["title", "headline", "name"]),
    ("date", &["date", "published", "publishedAt", "published_at", "pubDate", "datePublished", "time", "created_at"]),
    ("source", &["source", "outlet", "site", "site_name", "publisher", "feed"]),
    ("url", &["url", "link", "href", "permalink"]),
    ("body", &["body", "text", "content", "article", "full_text", "fulltext", "description"]),
    ("summary", &["summary", "abstract", "lead", "excerpt"]),
    ("author", &["author", "byline", "creator"]),
    ("keywords", &["keywords", "tags"]),
];

/// Keys of an object that holds the articles as an array.
const WRAPPERS: &[&str] = &["articles", "items", "data", "results", "docs", "entries"];

fn names(field: &str) -> &'static [&'static str] {
    FIELDS.iter().find(|(f, _)| *f == field).map_or(&[], |(_, n)| n)
}

/// A field as text: a string, a number, or an object's `name`/`title` (a publisher object).
fn text_of(object: &Map<String, Value>, field: &str) -> Option<String> {
    names(field).iter().find_map(|name| match object.get(*name)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => ["name", "title"].iter().find_map(|k| o.get(*k)?.as_str().map(str::to_string)),
        Value::Array(items) => items.iter().find_map(|i| match i {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o.get("name")?.as_str().map(str::to_string),
            _ => None,
        }),
        _ => None,
    })
}

fn paragraphs(text: &str) -> Vec<String> {
    let looks_like_html = text.contains("</") || text.contains("<p") || text.contains("<br");
    if looks_like_html {
        html_paragraphs(text)
    } else {
        text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
    }
}

fn article_of(object: &Map<String, Value>) -> Option<Article> {
    let title = text_of(object, "title").unwrap_or_default();
    let body = text_of(object, "body").map(|b| paragraphs(&b).join("\n")).unwrap_or_default();
    if title.is_empty() && body.is_empty() {
        return None;
    }
    let mut article = Article::new(Format::Json, title, body);
    let hints = DateHints { language: article.language, month_first: None };
    article.published_text = text_of(object, "date");
    article.published = article.published_text.as_deref().and_then(|d| parse_date(d, hints));
    article.source = text_of(object, "source");
    article.url = text_of(object, "url");
    article.author = text_of(object, "author");
    article.summary = text_of(object, "summary");
    article.keywords = match names("keywords").iter().find_map(|n| object.get(*n)) {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        Some(Value::String(s)) => {
            s.split([',', '،']).map(str::trim).filter(|k| !k.is_empty()).map(str::to_string).collect()
        }
        _ => Vec::new(),
    };
    article.refresh_id();
    Some(article)
}

/// The article objects of one parsed value.
fn objects(value: &Value) -> Vec<&Map<String, Value>> {
    match value {
        Value::Array(items) => items.iter().filter_map(Value::as_object).collect(),
        Value::Object(object) => match WRAPPERS.iter().find_map(|w| object.get(*w).and_then(Value::as_array)) {
            Some(items) => items.iter().filter_map(Value::as_object).collect(),
            None => vec![object],
        },
        _ => Vec::new(),
    }
}

fn bad(line: usize, column: usize, reason: impl std::fmt::Display) -> ReadError {
    ReadError::BadJson { line, column, reason: reason.to_string() }
}

/// Read a JSON document or JSON Lines.
///
/// # Errors
/// [`ReadError::BadJson`] with the line and column of malformed or truncated JSON;
/// [`ReadError::NoText`] when no object has a title or a body.
pub fn read_json(text: &str) -> Result<Vec<Article>, ReadError> {
    let values: Vec<Value> = match serde_json::from_str::<Value>(text) {
        Ok(value) => vec![value],
        Err(whole) => {
            // JSON Lines: one value per non-empty line. When the first line is not a value on its
            // own the file is one document, and the whole document's error is the one to report.
            let lines: Vec<(usize, &str)> =
                text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).map(|(i, l)| (i + 1, l)).collect();
            let first_line_is_a_value = lines.first().is_some_and(|(_, l)| serde_json::from_str::<Value>(l).is_ok());
            if lines.len() < 2 || !first_line_is_a_value {
                return Err(bad(whole.line(), whole.column(), whole));
            }
            lines
                .into_iter()
                .map(|(number, line)| serde_json::from_str(line).map_err(|e| bad(number, e.column(), e)))
                .collect::<Result<_, _>>()?
        }
    };
    let articles: Vec<Article> = values.iter().flat_map(objects).filter_map(article_of).collect();
    if articles.is_empty() { Err(ReadError::NoText) } else { Ok(articles) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_field_names_of_one_object_are_read() {
        let one = r#"{"headline": "ميليشيا حفتر تقصف طرابلس", "publishedAt": "2020-04-05T18:20:00Z",
            "source": {"id": "alwasat", "name": "بوابة الوسط"}, "link": "https://example.org/1",
            "content": "<p>قصفت ميليشيا حفتر أحياء سكنية.</p><p>وقالت حكومة الوفاق إن القصف استهدف المدنيين.</p>",
            "tags": ["ليبيا", "طرابلس"]}"#;
        let a = read_json(one).unwrap_or_else(|e| panic!("{e}")).remove(0);
        assert_eq!(a.title, "ميليشيا حفتر تقصف طرابلس");
        assert_eq!(a.published.as_ref().map(|d| d.date.to_string()).as_deref(), Some("2020-04-05"));
        assert_eq!(a.source.as_deref(), Some("بوابة الوسط"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/1"));
        assert_eq!(a.body, "قصفت ميليشيا حفتر أحياء سكنية.\nوقالت حكومة الوفاق إن القصف استهدف المدنيين.");
        assert_eq!(a.keywords, ["ليبيا", "طرابلس"]);
        assert_eq!(a.format, Format::Json);
    }

    #[test]
    fn arrays_wrappers_and_json_lines_give_one_article_per_object() {
        let array = r#"[{"title": "A", "text": "one"}, {"title": "B", "text": "two"}]"#;
        assert_eq!(read_json(array).map(|a| a.len()), Ok(2));
        let wrapped = r#"{"status": "ok", "articles": [{"title": "A", "body": "x"}, {"title": "B", "body": "y"}, {"title": "C", "body": "z"}]}"#;
        assert_eq!(read_json(wrapped).map(|a| a.len()), Ok(3));
        let lines = "{\"title\": \"A\", \"body\": \"x\"}\n\n{\"title\": \"B\", \"body\": \"y\"}\n";
        let titles: Vec<String> = read_json(lines).unwrap_or_default().into_iter().map(|a| a.title).collect();
        assert_eq!(titles, ["A", "B"]);
    }

    #[test]
    fn truncated_and_broken_json_name_the_line_and_column() {
        let truncated = "[{\"title\": \"A\", \"body\": \"x\"},\n {\"title\": \"B\", \"bo";
        assert!(matches!(read_json(truncated), Err(ReadError::BadJson { line: 2, .. })), "{:?}", read_json(truncated));
        let bad_line = "{\"title\": \"A\", \"body\": \"x\"}\n{\"title\": oops}\n";
        assert!(matches!(read_json(bad_line), Err(ReadError::BadJson { line: 2, column: 11, .. })));
        assert_eq!(read_json("[]").err(), Some(ReadError::NoText));
        assert_eq!(read_json("{\"id\": 3}").err(), Some(ReadError::NoText));
    }
}
