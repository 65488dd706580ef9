//! E-mail messages (`.eml`: news alerts and newsletters): the subject is the title, the `Date:`
//! header the date, the sender the outlet, the HTML part (else the text part) the body. A digest
//! whose stories are clearly separated — lines of `---`, `===`, `***` or `___`, or `<hr>` in
//! HTML — gives one article per story, each titled by its first line. Parsed by `mail-parser`,
//! which decodes every transfer encoding and charset.

use mail_parser::MessageParser;

use super::date::{DateHints, parse_date};
use super::{Article, Format, ReadError, html_paragraphs};

/// Whether the bytes start like an e-mail message (headers first).
#[must_use]
pub fn looks_like_email(bytes: &[u8]) -> bool {
    let header_names =
        ["from:", "date:", "subject:", "mime-version:", "received:", "return-path:", "message-id:", "to:"];
    // Most files are not mail: decide from the first bytes before decoding anything.
    let starts_with = |h: &str| bytes.len() >= h.len() && bytes[..h.len()].eq_ignore_ascii_case(h.as_bytes());
    if !header_names.iter().any(|h| starts_with(h)) {
        return false;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let first = head.lines().next().unwrap_or("");
    header_names.iter().any(|h| first.starts_with(h))
        && head.lines().take(40).filter(|l| header_names.iter().any(|h| l.starts_with(h))).count() >= 2
}

/// A separator line between the stories of a digest.
fn is_separator(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 3 && ["-", "=", "*", "_"].iter().any(|c| line.chars().all(|x| x.to_string() == *c))
}

/// The body's paragraphs, separators kept as `---` so digests can be split.
fn body_paragraphs(message: &mail_parser::Message<'_>) -> Vec<String> {
    if let Some(html) = message.body_html(0).filter(|_| message.html_body_count() > 0) {
        let marked = html.replace("<hr", "<p>---</p><hr").replace("<HR", "<p>---</p><HR");
        return html_paragraphs(&marked);
    }
    message
        .body_text(0)
        .map(|t| t.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect())
        .unwrap_or_default()
}

/// Stories separated by separator lines: `(title, body)`, when there are at least two.
fn stories(paragraphs: &[String]) -> Option<Vec<(String, String)>> {
    let parts: Vec<&[String]> = paragraphs.split(|p| is_separator(p)).filter(|part| !part.is_empty()).collect();
    let stories: Vec<(String, String)> =
        parts.iter().filter(|part| part.len() >= 2).map(|part| (part[0].clone(), part[1..].join("\n"))).collect();
    (stories.len() >= 2).then_some(stories)
}

/// Read an e-mail message.
///
/// # Errors
/// [`ReadError::BadEmail`] when no header can be read; [`ReadError::NoText`] when the message
/// has neither subject nor body.
pub fn read_eml(bytes: &[u8]) -> Result<Vec<Article>, ReadError> {
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| ReadError::BadEmail { reason: "no e-mail headers".to_string() })?;
    let subject = message.subject().map(str::trim).unwrap_or("").to_string();
    let paragraphs = body_paragraphs(&message);
    let sender =
        message.from().and_then(|a| a.first()).and_then(|a| a.name().or_else(|| a.address())).map(str::to_string);
    let date = message.date().map(mail_parser::DateTime::to_rfc3339);
    let build = |title: String, body: String| {
        let mut article = Article::new(Format::Email, title, body);
        let hints = DateHints { language: article.language, month_first: None };
        article.published_text.clone_from(&date);
        article.published = date.as_deref().and_then(|d| parse_date(d, hints));
        article.source.clone_from(&sender);
        article.category = Some(subject.clone()).filter(|s| !s.is_empty());
        article.refresh_id();
        article
    };
    if let Some(stories) = stories(&paragraphs) {
        return Ok(stories.into_iter().map(|(title, body)| build(title, body)).collect());
    }
    let body: Vec<String> = paragraphs.into_iter().filter(|p| !is_separator(p)).collect();
    if subject.is_empty() && body.is_empty() {
        return Err(ReadError::NoText);
    }
    let mut article = build(subject.clone(), body.join("\n"));
    article.category = None;
    article.refresh_id();
    Ok(vec![article])
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALERT: &str = "From: \"Libya Desk\" <desk@example.org>\r\nTo: analyst@example.org\r\nSubject: =?UTF-8?B?2YXZitmE2YrYtNmK2Kcg2K3Zgdiq2LEg2KrZgti12YEg2LfYsdin2KjZhNiz?=\r\nDate: Sun, 05 Apr 2020 18:20:00 +0200\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nقصفت ميليشيا حفتر أحياء سكنية في جنوب العاصمة.\r\nوقالت حكومة الوفاق إن القصف استهدف المدنيين.\r\n";

    #[test]
    fn an_alert_gives_subject_date_sender_and_body() {
        assert!(looks_like_email(ALERT.as_bytes()));
        let a = read_eml(ALERT.as_bytes()).unwrap_or_else(|e| panic!("{e}")).remove(0);
        assert_eq!(a.title, "ميليشيا حفتر تقصف طرابلس", "the encoded subject is decoded");
        assert_eq!(a.published.as_ref().map(|d| d.date.to_string()).as_deref(), Some("2020-04-05"));
        assert_eq!(a.source.as_deref(), Some("Libya Desk"));
        assert_eq!(
            a.body,
            "قصفت ميليشيا حفتر أحياء سكنية في جنوب العاصمة.\nوقالت حكومة الوفاق إن القصف استهدف المدنيين."
        );
        assert_eq!(a.format, Format::Email);
    }

    #[test]
    fn a_digest_with_separated_stories_gives_one_article_each() {
        let digest = "From: Morning Brief <brief@example.org>\nSubject: Libya morning brief\nDate: Fri, 21 Aug 2020 07:00:00 +0000\nContent-Type: text/html; charset=utf-8\n\n<html><body><p>GNA and LNA resume talks</p><p>Delegations met in Geneva.</p><hr><p>Wagner fighters seen near Sirte</p><p>Satellite images show new positions.</p></body></html>\n";
        let stories = read_eml(digest.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let titles: Vec<&str> = stories.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["GNA and LNA resume talks", "Wagner fighters seen near Sirte"]);
        assert_eq!(stories[1].body, "Satellite images show new positions.");
        assert_eq!(stories[0].category.as_deref(), Some("Libya morning brief"));
        assert!(!looks_like_email(b"Title line\n\nSome body text"));
    }
}
