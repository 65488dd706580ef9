//! RSS 2.0, RSS 1.0 and Atom files (saved feeds, feed exports): each item is an article. The
//! item's full content (`content:encoded`, Atom `content`) is preferred over its `description`
//! or `summary`; HTML inside is read as HTML. The feed's title is the outlet. Parsed by
//! `feed-rs` (quick-xml underneath, which expands no DTD entities); links are never followed.

use super::date::{DateHints, parse_date};
use super::{Article, Format, ReadError, html_paragraphs};

/// Read every item of a feed.
///
/// # Errors
/// [`ReadError::BadFeed`] when the XML is not a feed or is malformed; [`ReadError::NoText`]
/// when no item has a title or text.
pub fn read_feed(text: &str) -> Result<Vec<Article>, ReadError> {
    let feed = feed_rs::parser::parse(text.as_bytes()).map_err(|e| ReadError::BadFeed { reason: e.to_string() })?;
    let outlet = feed.title.as_ref().map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty());
    let articles: Vec<Article> = feed
        .entries
        .iter()
        .filter_map(|entry| {
            let title = entry.title.as_ref().map(|t| t.content.trim().to_string()).unwrap_or_default();
            let html = entry
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
                .unwrap_or_default();
            let body = html_paragraphs(&html).join("\n");
            if title.is_empty() && body.is_empty() {
                return None;
            }
            let mut article = Article::new(Format::Feed, title, body);
            let hints = DateHints { language: article.language, month_first: None };
            article.published_text = entry.published.or(entry.updated).map(|d| d.to_rfc3339());
            article.published = article.published_text.as_deref().and_then(|d| parse_date(d, hints));
            article.source.clone_from(&outlet);
            article.url = entry.links.first().map(|l| l.href.clone());
            article.author = entry.authors.first().and_then(|p| p.name.clone()).filter(|n| !n.is_empty());
            article.category = entry.categories.first().map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()));
            article.refresh_id();
            Some(article)
        })
        .collect();
    if articles.is_empty() { Err(ReadError::NoText) } else { Ok(articles) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>بوابة الوسط</title><link>https://example.org</link><description>أخبار ليبيا</description>
  <item>
    <title>ميليشيا حفتر تقصف طرابلس</title>
    <link>https://example.org/news/1</link>
    <pubDate>Sun, 05 Apr 2020 18:20:00 +0200</pubDate>
    <description>ملخص قصير</description>
    <content:encoded><![CDATA[<p>قصفت ميليشيا حفتر أحياء سكنية.</p><p>وقالت حكومة الوفاق إن القصف استهدف المدنيين.</p>]]></content:encoded>
  </item>
  <item>
    <title>Truce talks resume</title>
    <link>https://example.org/news/2</link>
    <pubDate>Fri, 21 Aug 2020 09:00:00 GMT</pubDate>
    <description>&lt;p&gt;The GNA and the LNA resumed talks.&lt;/p&gt;</description>
  </item>
</channel></rss>"#;

    #[test]
    fn each_rss_item_is_an_article_with_full_content_preferred() {
        let items = read_feed(RSS).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(items.len(), 2);
        let first = &items[0];
        assert_eq!(first.title, "ميليشيا حفتر تقصف طرابلس");
        assert_eq!(first.body, "قصفت ميليشيا حفتر أحياء سكنية.\nوقالت حكومة الوفاق إن القصف استهدف المدنيين.");
        assert_eq!(first.source.as_deref(), Some("بوابة الوسط"));
        assert_eq!(first.url.as_deref(), Some("https://example.org/news/1"));
        assert_eq!(first.published.as_ref().map(|d| d.date.to_string()).as_deref(), Some("2020-04-05"));
        assert_eq!(items[1].body, "The GNA and the LNA resumed talks.", "the description's HTML is read as HTML");
        assert_eq!(first.format, Format::Feed);
    }

    #[test]
    fn atom_entries_are_articles() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Libya Observer</title><id>urn:x</id><updated>2020-06-04T10:00:00Z</updated>
<entry><title>GNA retakes airport</title><id>urn:1</id><updated>2020-06-04T10:00:00Z</updated>
<link href="https://example.org/a"/><content type="html">&lt;p&gt;Forces loyal to the GNA retook the airport.&lt;/p&gt;</content></entry>
</feed>"#;
        let items = read_feed(atom).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(items[0].title, "GNA retakes airport");
        assert_eq!(items[0].body, "Forces loyal to the GNA retook the airport.");
        assert_eq!(items[0].source.as_deref(), Some("Libya Observer"));
    }

    #[test]
    fn truncated_feeds_and_entity_bombs_are_errors_not_hangs() {
        let truncated = &RSS[..RSS.len() / 2];
        assert!(matches!(read_feed(truncated), Err(ReadError::BadFeed { .. }) | Err(ReadError::NoText)));
        let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>
<rss version="2.0"><channel><title>Bomb</title><item><title>&i;</title><description>x</description></item></channel></rss>"#;
        match read_feed(bomb) {
            Ok(items) => assert!(items.iter().all(|a| a.title.len() < 1000), "entities are not expanded"),
            Err(e) => assert!(matches!(e, ReadError::BadFeed { .. }), "{e}"),
        }
    }
}
