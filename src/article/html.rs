//! Web pages saved from news sites. Parsed with html5ever (through `scraper`); nothing is ever
//! fetched — links, images, scripts and styles are only markup here.
//!
//! Title: `og:title`, then the first `<h1>`, then `<title>`. Date: `article:published_time` and
//! its kin, JSON-LD `NewsArticle.datePublished`, `<time datetime>`, then a printed dateline near
//! the top of the text. Outlet: `og:site_name`, then the JSON-LD publisher. URL: the canonical
//! link, then `og:url`. Body: the article container (`itemprop=articleBody`, `<article>`, a
//! `…article-body…`/`…story…` class, `<main>`, else `<body>`) without navigation, scripts,
//! styles, forms, share widgets and "read more" lists.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use super::date::{DateHints, PublishedDate, parse_date};
use super::{Article, Format, ReadError};

/// Elements whose content is never article text.
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "header", "form", "button", "select",
    "textarea", "iframe", "svg", "canvas", "figure", "video", "audio", "object", "embed", "head",
];

/// Class or id words of widgets around an article (share buttons, related links, comments…).
const SKIPPED_MARKS: &[&str] = &[
    "share",
    "social",
    "related",
    "read-more",
    "readmore",
    "more-stories",
    "newsletter",
    "subscribe",
    "comment",
    "promo",
    "advert",
    "sponsor",
    "breadcrumb",
    "tags",
    "toolbar",
    "cookie",
    "popup",
    "modal",
    "sidebar",
    "menu",
];

/// Elements that end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "br",
    "tr",
    "table",
    "pre",
    "dd",
    "dt",
    "hr",
];

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

fn first_attr(document: &Html, css: &str, attribute: &str) -> Option<String> {
    let selector = selector(css)?;
    document.select(&selector).filter_map(|e| e.value().attr(attribute)).map(collapse).find(|v| !v.is_empty())
}

fn first_text(document: &Html, css: &str) -> Option<String> {
    let selector = selector(css)?;
    document.select(&selector).map(|e| collapse(&e.text().collect::<String>())).find(|t| !t.is_empty())
}

/// Whitespace runs to one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_skipped(element: &scraper::node::Element) -> bool {
    if SKIPPED_TAGS.contains(&element.name()) || element.attr("hidden").is_some() {
        return true;
    }
    if element.attr("aria-hidden") == Some("true") || element.attr("role").is_some_and(|r| r == "navigation") {
        return true;
    }
    let marks =
        format!("{} {}", element.attr("class").unwrap_or(""), element.attr("id").unwrap_or("")).to_ascii_lowercase();
    SKIPPED_MARKS.iter().any(|m| marks.split(|c: char| c.is_whitespace()).any(|word| word.contains(m)))
}

/// The paragraphs of an element, skipping widgets; iterative, so deep nesting cannot overflow
/// the stack.
fn paragraphs_of(root: ElementRef<'_>) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut skipping = 0usize;
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let text = collapse(current);
        if !text.is_empty() {
            paragraphs.push(text);
        }
        current.clear();
    };
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) => {
                    if skipping > 0 || is_skipped(element) {
                        skipping += 1;
                    } else if BLOCK_TAGS.contains(&element.name()) {
                        flush(&mut current, &mut paragraphs);
                    }
                }
                Node::Text(text) if skipping == 0 => {
                    current.push_str(text);
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(element) = node.value() {
                    if skipping > 0 {
                        skipping -= 1;
                    } else if BLOCK_TAGS.contains(&element.name()) {
                        flush(&mut current, &mut paragraphs);
                    }
                }
            }
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs
}

/// The paragraphs of an HTML fragment (feed items and JSON bodies carry HTML too).
#[must_use]
pub fn html_paragraphs(fragment: &str) -> Vec<String> {
    let document = Html::parse_fragment(fragment);
    paragraphs_of(document.root_element())
}

/// What JSON-LD says about the article.
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    date: Option<String>,
    publisher: Option<String>,
    author: Option<String>,
}

fn linked_data(document: &Html) -> LinkedData {
    let mut found = LinkedData::default();
    let Some(scripts) = selector("script[type=\"application/ld+json\"]") else { return found };
    for script in document.select(&scripts) {
        let Ok(value) = serde_json::from_str::<Value>(&script.text().collect::<String>()) else { continue };
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items),
                Value::Object(map) => {
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph);
                    }
                    let kind = map.get("@type").map(|t| t.to_string()).unwrap_or_default();
                    if !kind.contains("Article") && !kind.contains("Posting") {
                        continue;
                    }
                    let text = |key: &str| map.get(key).and_then(Value::as_str).map(collapse);
                    let name_of = |key: &str| match map.get(key) {
                        Some(Value::String(s)) => Some(collapse(s)),
                        Some(Value::Object(o)) => o.get("name").and_then(Value::as_str).map(collapse),
                        Some(Value::Array(a)) => a
                            .iter()
                            .filter_map(|x| x.get("name").and_then(Value::as_str).or_else(|| x.as_str()))
                            .next()
                            .map(collapse),
                        _ => None,
                    };
                    found.headline = found.headline.or_else(|| text("headline"));
                    found.date = found.date.or_else(|| text("datePublished"));
                    found.publisher = found.publisher.or_else(|| name_of("publisher"));
                    found.author = found.author.or_else(|| name_of("author"));
                }
                _ => {}
            }
        }
    }
    found
}

/// The element holding the article text.
fn container(document: &Html) -> Option<ElementRef<'_>> {
    [
        "[itemprop=\"articleBody\"]",
        "article",
        "[class*=\"article-body\"]",
        "[class*=\"article__body\"]",
        "[class*=\"story-body\"]",
        "[class*=\"entry-content\"]",
        "main",
        "body",
    ]
    .iter()
    .filter_map(|css| selector(css))
    .find_map(|s| {
        document.select(&s).max_by_key(|e| e.text().map(str::len).sum::<usize>()).filter(|e| e.text().next().is_some())
    })
}

/// A date written in the first lines of the text (a printed dateline).
fn printed_date(paragraphs: &[String], hints: DateHints) -> Option<(String, PublishedDate)> {
    paragraphs
        .iter()
        .take(6)
        .filter(|p| p.chars().count() <= 120)
        .find_map(|p| parse_date(p, hints).map(|d| (p.clone(), d)))
}

/// How deep elements may nest. Real pages stay under a few hundred levels; the HTML parser's
/// work grows with the square of the depth, so a page nested tens of thousands deep (an attack,
/// or a broken generator) would take minutes.
pub const MAX_NESTING: usize = 2_000;

/// Elements that never hold others, or that the parser closes by itself.
const SELF_CLOSING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p", "li",
    "dt", "dd", "option", "tr", "td", "th", "!doctype",
];

/// The deepest nesting of the markup, counted cheaply before parsing: `Err` with the byte offset
/// where it passes [`MAX_NESTING`].
fn check_nesting(text: &str) -> Result<(), ReadError> {
    let mut depth = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(found) = bytes.get(i..).and_then(|rest| rest.iter().position(|&b| b == b'<')) {
        let start = i + found;
        let closing = bytes.get(start + 1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_end = bytes
            .get(name_start..)
            .and_then(|rest| rest.iter().position(|b| !(b.is_ascii_alphanumeric() || *b == b'!')))
            .map_or(bytes.len(), |n| name_start + n);
        let name = text.get(name_start..name_end).unwrap_or("").to_ascii_lowercase();
        let tag_end =
            bytes.get(start..).and_then(|rest| rest.iter().position(|&b| b == b'>')).map_or(bytes.len(), |n| start + n);
        let self_closed = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
        if !name.is_empty() && !SELF_CLOSING.contains(&name.as_str()) && !self_closed {
            if closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(ReadError::TooDeep { limit: MAX_NESTING, offset: start });
                }
            }
        }
        i = tag_end.max(start + 1);
    }
    Ok(())
}

/// Read a saved web page.
///
/// # Errors
/// [`ReadError::NoText`] when the page has no title or no article text, [`ReadError::TooDeep`]
/// when the markup nests deeper than [`MAX_NESTING`].
pub fn read_html(text: &str) -> Result<Article, ReadError> {
    check_nesting(text)?;
    let document = Html::parse_document(text);
    let data = linked_data(&document);
    let title = first_attr(&document, "meta[property=\"og:title\"]", "content")
        .or(data.headline.clone())
        .or_else(|| first_text(&document, "h1"))
        .or_else(|| first_text(&document, "title"))
        .unwrap_or_default();
    let mut paragraphs = container(&document).map(paragraphs_of).unwrap_or_default();
    if paragraphs.first().is_some_and(|p| *p == title) {
        paragraphs.remove(0);
    }
    if title.is_empty() && paragraphs.is_empty() {
        return Err(ReadError::NoText);
    }
    let declared = first_attr(&document, "meta[property=\"article:published_time\"]", "content")
        .or_else(|| first_attr(&document, "meta[itemprop=\"datePublished\"]", "content"))
        .or_else(|| first_attr(&document, "meta[name=\"pubdate\"], meta[name=\"publishdate\"], meta[name=\"date\"], meta[name=\"DC.date.issued\"]", "content"))
        .or(data.date.clone())
        .or_else(|| first_attr(&document, "time[datetime]", "datetime"));
    let mut article = Article::new(Format::Html, title, String::new());
    let hints = DateHints { language: article.language, month_first: None };
    let (published_text, published) = match declared.as_deref().and_then(|d| parse_date(d, hints).map(|p| (d, p))) {
        Some((text, date)) => (Some(text.to_string()), Some(date)),
        None => match printed_date(&paragraphs, hints) {
            Some((line, date)) => {
                // A dateline is not body text.
                paragraphs.retain(|p| *p != line);
                (Some(line), Some(date))
            }
            None => (declared, None),
        },
    };
    article.body = paragraphs.join("\n");
    article.language = crate::text::detect_language_of(&[&article.title, &article.body]);
    if article.language == crate::text::Language::Other {
        // Too little text to tell by its letters: the page's own `lang` (or `dir="rtl"`) decides.
        let lang = first_attr(&document, "html", "lang").unwrap_or_default().to_ascii_lowercase();
        let rtl = first_attr(&document, "html", "dir").is_some_and(|d| d.eq_ignore_ascii_case("rtl"));
        if lang.starts_with("ar") || (lang.is_empty() && rtl) {
            article.language = crate::text::Language::Ar;
        } else if lang.starts_with("en") {
            article.language = crate::text::Language::En;
        }
    }
    article.published_text = published_text;
    article.published = published;
    article.source = first_attr(&document, "meta[property=\"og:site_name\"]", "content")
        .or(data.publisher)
        .or_else(|| first_attr(&document, "meta[name=\"application-name\"]", "content"));
    article.url = first_attr(&document, "link[rel=\"canonical\"]", "href")
        .or_else(|| first_attr(&document, "meta[property=\"og:url\"]", "content"));
    article.author = first_attr(&document, "meta[name=\"author\"]", "content").or(data.author);
    article.category = first_attr(&document, "meta[property=\"article:section\"]", "content");
    article.keywords = first_attr(&document, "meta[name=\"keywords\"]", "content")
        .map(|k| k.split([',', '،']).map(str::trim).filter(|k| !k.is_empty()).map(str::to_string).collect())
        .unwrap_or_default();
    article.refresh_id();
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta charset="utf-8"><title>عنوان الصفحة | موقع</title>
<meta property="og:title" content="ميليشيا حفتر تقصف أحياء جنوب طرابلس">
<meta property="og:site_name" content="بوابة الوسط">
<meta property="article:published_time" content="2020-04-05T18:20:00+02:00">
<link rel="canonical" href="https://example.org/news/1">
<link rel="stylesheet" href="https://cdn.example.org/site.css">
<script src="https://cdn.example.org/app.js"></script>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"ignored","datePublished":"2019-01-01","publisher":{"@type":"Organization","name":"Al Wasat"},"author":{"name":"مراسل الوسط"}}</script>
</head><body>
<nav><a href="/">الرئيسية</a> <a href="/libya">ليبيا</a></nav>
<header class="site-header">شعار الموقع</header>
<article>
  <h1>ميليشيا حفتر تقصف أحياء جنوب طرابلس</h1>
  <div class="share-buttons"><a>شارك على فيسبوك</a></div>
  <p>قصفت ميليشيا حفتر أحياء سكنية في جنوب العاصمة طرابلس.</p>
  <p>وقالت حكومة الوفاق المعترف بها دوليا إن القصف استهدف المدنيين.</p>
  <img src="https://cdn.example.org/photo.jpg">
  <div class="related-articles"><h3>اقرأ أيضا</h3><ul><li>خبر آخر</li></ul></div>
</article>
<footer>جميع الحقوق محفوظة</footer>
</body></html>"#;

    #[test]
    fn a_saved_page_gives_title_date_outlet_url_and_only_the_article_text() {
        let a = read_html(PAGE).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.title, "ميليشيا حفتر تقصف أحياء جنوب طرابلس");
        assert_eq!(a.published.as_ref().map(PublishedDate::iso).as_deref(), Some("2020-04-05T18:20:00+02:00"));
        assert_eq!(a.source.as_deref(), Some("بوابة الوسط"), "og:site_name before JSON-LD");
        assert_eq!(a.url.as_deref(), Some("https://example.org/news/1"));
        assert_eq!(a.author.as_deref(), Some("مراسل الوسط"));
        assert_eq!(a.format, Format::Html);
        assert_eq!(a.language, crate::text::Language::Ar);
        assert_eq!(
            a.body,
            "قصفت ميليشيا حفتر أحياء سكنية في جنوب العاصمة طرابلس.\nوقالت حكومة الوفاق المعترف بها دوليا إن القصف استهدف المدنيين."
        );
        for widget in ["شارك", "اقرأ أيضا", "خبر آخر", "الرئيسية", "جميع الحقوق", "شعار"]
        {
            assert!(!a.body.contains(widget), "{widget} leaked into the body");
        }
    }

    #[test]
    fn json_ld_time_element_and_printed_dateline_are_fallbacks() {
        let ld = r#"<html><head><title>T</title><script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","headline":"Haftar forces pushed back","datePublished":"2020-06-04T10:00:00Z","publisher":{"name":"Libya Observer"}}]}</script></head><body><main><p>GNA forces retook the airport.</p></main></body></html>"#;
        let a = read_html(ld).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.title, "Haftar forces pushed back");
        assert_eq!(a.published.as_ref().map(|d| d.date.to_string()).as_deref(), Some("2020-06-04"));
        assert_eq!(a.source.as_deref(), Some("Libya Observer"));
        let time = r#"<html><body><h1>Truce talks</h1><time datetime="2020-08-21">Friday</time><p>Talks resumed.</p></body></html>"#;
        let a = read_html(time).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.published.as_ref().map(|d| d.date.to_string()).as_deref(), Some("2020-08-21"));
        let printed =
            "<html><body><h1>هدنة في طرابلس</h1><p>طرابلس - 12 أبريل 2020</p><p>أعلنت الأطراف هدنة.</p></body></html>";
        let a = read_html(printed).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.published.as_ref().map(|d| d.date.to_string()).as_deref(), Some("2020-04-12"));
        assert_eq!(a.body, "أعلنت الأطراف هدنة.", "the dateline is not body text");
    }

    #[test]
    fn pages_without_text_and_deep_nesting_are_handled() {
        assert_eq!(read_html("<html><body><script>x()</script></body></html>").err(), Some(ReadError::NoText));
        let nested = |n: usize| {
            format!("<html><body><h1>Deep</h1>{}<p>inside</p>{}</body></html>", "<div>".repeat(n), "</div>".repeat(n))
        };
        let a = read_html(&nested(1_500)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((a.title.as_str(), a.body.as_str()), ("Deep", "inside"));
        let error = read_html(&nested(50_000)).err();
        // <html>, <body> and 1,999 <div>s make 2,001 levels: the error points at that <div>.
        let offset = "<html><body><h1>Deep</h1>".len() + "<div>".len() * (MAX_NESTING - 2);
        assert_eq!(error, Some(ReadError::TooDeep { limit: MAX_NESTING, offset }));
        let many_paragraphs = format!("<html><body><h1>Long</h1>{}</body></html>", "<p>a paragraph".repeat(5_000));
        assert!(read_html(&many_paragraphs).is_ok(), "unclosed paragraphs do not count as nesting");
    }

    #[test]
    fn the_lang_attribute_decides_when_the_letters_cannot() {
        let page = |attrs: &str| format!("<html {attrs}><body><h1>2020</h1><p>12 / 04</p></body></html>");
        let language = |attrs: &str| read_html(&page(attrs)).map(|a| a.language).ok();
        assert_eq!(language("lang=\"ar\""), Some(crate::text::Language::Ar));
        assert_eq!(language("dir=\"rtl\""), Some(crate::text::Language::Ar));
        assert_eq!(language("lang=\"en-GB\""), Some(crate::text::Language::En));
        assert_eq!(language(""), Some(crate::text::Language::Other));
    }

    #[test]
    fn fragments_become_paragraphs() {
        assert_eq!(html_paragraphs("<p>One <b>two</b></p><p>three<br>four</p>"), ["One two", "three", "four"]);
    }
}
