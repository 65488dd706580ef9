//! The seed layout (`.txt`, `.md`): a title line; a date line as printed; body paragraphs; a
//! `المصدر | OUTLET` / `Source: OUTLET` line; an optional `كلمات مفتاحية` / `Keywords:` block;
//! and trailing related headlines. Keywords and related headlines are kept apart from the body.

use std::sync::LazyLock;

use regex::Regex;

use super::date::{DateHints, parse_date};
use super::{Article, Format, ReadError};
use crate::text::detect_language;

/// How many non-empty lines after the title may hold the date line or a byline.
const HEADER_LINES: usize = 3;
/// A date line is short; a longer line with a date in it is body text.
const MAX_DATE_LINE_WORDS: usize = 16;

static SOURCE_LINE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(?i:المصدر|مصدر|source|sources)\s*[|:：｜\-–]\s*(.+)$").ok());
static KEYWORDS_LINE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^(?i:كلمات مفتاحية|الكلمات المفتاحية|كلمات دلالية|وسوم|keywords|tags)\s*(?:[:：|]\s*(.*))?$").ok()
});
static RELATED_LINE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^(?i:اقرأ أيضا|اقرأ أيضاً|اقرأ ايضا|مواضيع ذات صلة|أخبار ذات صلة|related|read more|related articles|see also)\s*[:：]?$").ok()
});
static BYLINE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(?i:by|بقلم|كتب|كتبت)\s*[:：]?\s+(.{1,80})$").ok());

fn captures<'t>(regex: &LazyLock<Option<Regex>>, line: &'t str) -> Option<&'t str> {
    let caps = regex.as_ref()?.captures(line)?;
    Some(caps.get(1).map_or("", |m| m.as_str()).trim())
}

/// Remove Markdown decoration from a line: heading marks, emphasis, block quotes.
fn strip_markdown(line: &str) -> &str {
    let line = line.trim_start_matches('#').trim_start_matches('>').trim();

    (line.trim_matches(|c| c == '*' || c == '_').trim()) as _
}

/// Read one article in the seed layout.
///
/// # Errors
/// [`ReadError::NoText`] when the text holds no title.
pub fn read_seed(text: &str, markdown: bool) -> Result<Article, ReadError> {
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            let l = l.trim();
            if markdown { strip_markdown(l).replace("**", "").replace("__", "") } else { l.to_string() }
        })
        .collect();
    let mut non_empty = lines.iter().map(String::as_str).filter(|l| !l.is_empty());
    let title = non_empty.next().ok_or(ReadError::NoText)?.to_string();
    let rest: Vec<&str> = non_empty.collect();
    let language = detect_language(text);
    let hints = DateHints { language, month_first: None };

    let mut published = None;
    let mut published_text = None;
    let mut author = None;
    let mut body_start = 0;
    for (index, line) in rest.iter().enumerate().take(HEADER_LINES) {
        if published.is_none()
            && line.split_whitespace().count() <= MAX_DATE_LINE_WORDS
            && let Some(date) = parse_date(line, hints)
        {
            published = Some(date);
            published_text = Some((*line).to_string());
            body_start = index + 1;
            continue;
        }
        if author.is_none()
            && let Some(name) = captures(&BYLINE, line)
        {
            author = Some(name.to_string());
            body_start = index + 1;
            continue;
        }
        break;
    }

    let mut body = Vec::new();
    let mut source = None;
    let mut keywords = Vec::new();
    let mut related = Vec::new();
    let mut section = Section::Body;
    for line in &rest[body_start..] {
        if let Some(outlet) = captures(&SOURCE_LINE, line) {
            if source.is_none() {
                source = Some(outlet.to_string());
            }
            section = Section::Related;
            continue;
        }
        if let Some(inline) = captures(&KEYWORDS_LINE, line) {
            push_keywords(inline, &mut keywords);
            section = if inline.is_empty() { Section::KeywordsNext } else { Section::Related };
            continue;
        }
        if RELATED_LINE.as_ref().is_some_and(|r| r.is_match(line)) {
            section = Section::Related;
            continue;
        }
        match section {
            Section::Body => body.push(*line),
            Section::KeywordsNext => {
                push_keywords(line, &mut keywords);
                section = Section::Related;
            }
            Section::Related => related.push((*line).to_string()),
        }
    }
    let mut article = Article::new(if markdown { Format::Markdown } else { Format::Seed }, title, body.join("\n"));
    article.published = published;
    article.published_text = published_text;
    article.source = source;
    article.author = author;
    article.keywords = keywords;
    article.related = related;
    article.refresh_id();
    Ok(article)
}

enum Section {
    Body,
    KeywordsNext,
    Related,
}

/// Keywords separated by commas, Arabic commas, semicolons or bars; a line without separators
/// is one entry (scraped tag lists often lose their separators).
fn push_keywords(line: &str, keywords: &mut Vec<String>) {
    keywords.extend(
        line.split(['،', ',', ';', '|', '؛', '\t']).map(str::trim).filter(|k| !k.is_empty()).map(str::to_string),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "ميليشيا حفتر تقصف طرابلس\n\nالأحد 5 أبريل 2020 09:15 ص\n\nقصفت ميليشيا \"حفتر\" أحياء في جنوب العاصمة.\n\nوقال مصدر طبي إن القصف أوقع ضحايا.\n\nالمصدر | وكالة الأنباء\n\n  كلمات مفتاحية\n\nحفتر، طرابلس، ليبيا\n\nحفتر يعلن هدنة\n\nالسراج يلتقي أردوغان\n";

    #[test]
    fn reads_all_parts_of_an_arabic_seed_file() -> Result<(), ReadError> {
        let a = read_seed(ARABIC, false)?;
        assert_eq!(a.title, "ميليشيا حفتر تقصف طرابلس");
        assert_eq!(a.published_text.as_deref(), Some("الأحد 5 أبريل 2020 09:15 ص"));
        assert_eq!(a.published.map(|d| d.iso()).as_deref(), Some("2020-04-05T09:15:00"));
        assert_eq!(a.source.as_deref(), Some("وكالة الأنباء"));
        assert_eq!(a.keywords, ["حفتر", "طرابلس", "ليبيا"]);
        assert_eq!(a.related, ["حفتر يعلن هدنة", "السراج يلتقي أردوغان"]);
        assert_eq!(a.body.lines().count(), 2);
        assert!(!a.body.contains("هدنة"), "related headlines leaked into the body");
        assert_eq!(a.language.code(), "ar");
        Ok(())
    }

    #[test]
    fn reads_an_english_markdown_file_with_byline_and_inline_keywords() -> Result<(), ReadError> {
        let text = "# Haftar's militia shells Tripoli\n\n*By Jane Roe*\n\nApril 5, 2020\n\nThe self-styled LNA shelled the capital.\n\n**Source:** Libya Observer\n\nKeywords: Libya, Haftar\n\nGNA retakes Gharyan\n";
        let a = read_seed(text, true)?;
        assert_eq!(a.title, "Haftar's militia shells Tripoli");
        assert_eq!(a.author.as_deref(), Some("Jane Roe"));
        assert_eq!(a.published.map(|d| d.iso()).as_deref(), Some("2020-04-05"));
        assert_eq!(a.source.as_deref(), Some("Libya Observer"));
        assert_eq!(a.keywords, ["Libya", "Haftar"]);
        assert_eq!(a.related, ["GNA retakes Gharyan"]);
        assert_eq!(a.body, "The self-styled LNA shelled the capital.");
        assert_eq!(a.format, Format::Markdown);
        Ok(())
    }

    #[test]
    fn a_date_in_the_body_is_not_the_publication_date() -> Result<(), ReadError> {
        let text = "عنوان الخبر\n\nوقالت الحكومة إن الهجوم الذي بدأ منذ 4 أبريل/نيسان 2019 فشل في تحقيق أهدافه المعلنة كلها حتى الآن بحسب بيان رسمي صدر اليوم.\n";
        let a = read_seed(text, false)?;
        assert!(a.published.is_none());
        assert!(a.body.contains("2019"));
        Ok(())
    }

    #[test]
    fn whitespace_only_is_an_error() {
        assert_eq!(read_seed(" \n\n\t\n", false).err(), Some(ReadError::NoText));
    }

    #[test]
    fn the_id_is_a_content_hash() -> Result<(), ReadError> {
        let a = read_seed(ARABIC, false)?;
        let b = read_seed(&ARABIC.replace('\n', "\r\n").replace("\r\n", "\n"), false)?;
        let c = read_seed(&ARABIC.replace("طرابلس", "بنغازي"), false)?;
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, c.id);
        assert_eq!(a.id.len(), 32);
        Ok(())
    }
}
