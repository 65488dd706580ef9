//! TREC/CLEF `<DOC>` files, one or many `<DOC>` per file (`DOCNO, URL, SRC, CAT, TITLE, TIME,
//! AUTHOR, ABSTRACT, TEXT`), read with quick-xml. Real collections are not strict XML (a lone
//! `&` in a headline), so dangling ampersands and unknown entities are kept as printed; no DTD
//! entity is ever expanded.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::date::{DateHints, parse_date};
use super::{Article, Format, ReadError};
use crate::text::detect_language_of;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    DocNo,
    Url,
    Source,
    Category,
    Title,
    Time,
    Author,
    Abstract,
    Text,
    Other,
}

fn field(name: &str) -> Field {
    match name.to_ascii_uppercase().as_str() {
        "DOCNO" | "DOCID" => Field::DocNo,
        "URL" => Field::Url,
        "SRC" | "SOURCE" => Field::Source,
        "CAT" | "CATEGORY" => Field::Category,
        "TITLE" | "HEADLINE" | "HL" => Field::Title,
        "TIME" | "DATE" | "DATE_TIME" | "PUBDATE" => Field::Time,
        "AUTHOR" | "BYLINE" => Field::Author,
        "ABSTRACT" | "SUMMARY" | "LEAD" => Field::Abstract,
        "TEXT" | "BODY" => Field::Text,
        _ => Field::Other,
    }
}

#[derive(Default)]
struct DocFields {
    values: Vec<(Field, String)>,
}

impl DocFields {
    fn push(&mut self, field: Field, text: &str) {
        match self.values.iter_mut().find(|(f, _)| *f == field) {
            Some((_, value)) => value.push_str(text),
            None => self.values.push((field, text.to_string())),
        }
    }

    fn get(&self, field: Field) -> Option<&str> {
        self.values.iter().find(|(f, _)| *f == field).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }
}

/// Read every `<DOC>` element of a file.
///
/// # Errors
/// [`ReadError::NoDocElement`] when there is no complete `<DOC>`, or [`ReadError::BadDoc`]
/// naming the `<DOC>` and its line when one is malformed or empty.
pub fn read_trec(text: &str) -> Result<Vec<Article>, ReadError> {
    let escaped = escape_stray_lt(text);
    let text = escaped.as_ref();
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.allow_dangling_amp = true;
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    let mut articles = Vec::new();
    let mut current: Option<(DocFields, usize)> = None;
    let mut stack: Vec<Field> = Vec::new();
    let line_at = |offset: u64| text[..usize::try_from(offset).unwrap_or(0).min(text.len())].matches('\n').count() + 1;
    loop {
        let position = reader.buffer_position();
        let event = reader.read_event().map_err(|e| ReadError::BadDoc {
            index: articles.len() + 1,
            line: line_at(reader.error_position()),
            reason: e.to_string(),
        })?;
        match event {
            Event::Start(start) if start.name().as_ref().eq_ignore_ascii_case("DOC") => {
                current = Some((DocFields::default(), line_at(position)));
                stack.clear();
            }
            Event::End(end) if end.name().as_ref().eq_ignore_ascii_case("DOC") => {
                if let Some((fields, line)) = current.take() {
                    articles.push(build(&fields, articles.len() + 1, line)?);
                }
            }
            Event::Start(start) if current.is_some() => {
                // Markup inside a field (a <p> in TEXT) belongs to that field.
                let inner = stack.last().copied().unwrap_or_else(|| field(start.name().as_ref()));
                stack.push(inner);
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Text(t) => append(&mut current, &stack, &t.xml10_content()),
            Event::CData(c) => append(&mut current, &stack, &c.xml10_content()),
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&name)
                        .map_or_else(|| format!("&{name};"), str::to_string),
                };
                append(&mut current, &stack, &resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if articles.is_empty() {
        return Err(ReadError::NoDocElement);
    }
    Ok(articles)
}

/// A `<` that cannot start markup (`< تحية` in the ANT corpus) is text: escape it so the
/// parser does not take the rest of the field for a tag. Line numbers are unchanged.
fn escape_stray_lt(text: &str) -> std::borrow::Cow<'_, str> {
    let starts_markup =
        |rest: &str| rest.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
    let stray = text.match_indices('<').any(|(i, _)| !starts_markup(&text[i + 1..]));
    if !stray {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for (i, _) in text.match_indices('<') {
        if !starts_markup(&text[i + 1..]) {
            out.push_str(&text[last..i]);
            out.push_str("&lt;");
            last = i + 1;
        }
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

fn append(current: &mut Option<(DocFields, usize)>, stack: &[Field], text: &str) {
    if let (Some((fields, _)), Some(field)) = (current.as_mut(), stack.last()) {
        fields.push(*field, text);
    }
}

fn build(fields: &DocFields, index: usize, line: usize) -> Result<Article, ReadError> {
    let paragraphs = |f: Field| -> String {
        fields.get(f).map_or_else(String::new, |t| {
            t.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
        })
    };
    let body = paragraphs(Field::Text);
    let summary = paragraphs(Field::Abstract);
    let title = fields
        .get(Field::Title)
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .or_else(|| body.lines().next().map(str::to_string))
        .ok_or_else(|| ReadError::BadDoc { index, line, reason: "no TITLE and no TEXT".to_string() })?;
    let mut article = Article::new(Format::Trec, title, body);
    if article.body.is_empty() && !summary.is_empty() {
        article.body.clone_from(&summary);
        article.language = detect_language_of(&[&article.title, &article.body]);
    }
    article.published_text = fields.get(Field::Time).map(str::to_string);
    let hints = DateHints { language: article.language, month_first: None };
    article.published = article.published_text.as_deref().and_then(|t| parse_date(t, hints));
    article.summary = (!summary.is_empty()).then_some(summary);
    article.source = fields.get(Field::Source).map(str::to_string);
    article.url = fields.get(Field::Url).map(str::to_string);
    article.category = fields.get(Field::Category).map(str::to_string);
    article.author = fields.get(Field::Author).map(str::to_string);
    article.doc_no = fields.get(Field::DocNo).map(str::to_string);
    article.refresh_id();
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_DOCS: &str = "<DOC>\n<DOCNO>SN-1</DOCNO>\n<URL>https://example.org/a</URL>\n<SRC>SkyNews</SRC>\n<CAT>middleEast</CAT>\n<TITLE>الجيش الليبي يعلن السيطرة على درنة & محيطها</TITLE>\n<TIME>Mon, 26 Feb 2018 02:20:10 GMT</TIME>\n<AUTHOR></AUTHOR>\n<ABSTRACT>\nملخص الخبر\n</ABSTRACT>\n<TEXT>\nأعلن الجيش الوطني الليبي بقيادة المشير خليفة حفتر السيطرة على المدينة.\nوقال المتحدث &quot;انتهت العمليات&quot; &#1605;\n</TEXT>\n</DOC>\n<DOC>\n<DOCNO>SN-2</DOCNO>\n<TITLE>Second &amp; last</TITLE>\n<TIME>2018-03-01T10:00:00+04:00</TIME>\n<TEXT><p>First paragraph.</p>\n<p>Second paragraph.</p></TEXT>\n</DOC>\n";

    #[test]
    fn reads_every_doc_and_every_field() -> Result<(), ReadError> {
        let docs = read_trec(TWO_DOCS)?;
        assert_eq!(docs.len(), 2);
        let first = &docs[0];
        assert_eq!(first.title, "الجيش الليبي يعلن السيطرة على درنة & محيطها");
        assert_eq!(first.doc_no.as_deref(), Some("SN-1"));
        assert_eq!(first.source.as_deref(), Some("SkyNews"));
        assert_eq!(first.category.as_deref(), Some("middleEast"));
        assert_eq!(first.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(first.author, None);
        assert_eq!(first.summary.as_deref(), Some("ملخص الخبر"));
        assert_eq!(first.published.as_ref().map(|d| d.iso()).as_deref(), Some("2018-02-26T02:20:10Z"));
        assert_eq!(first.published_text.as_deref(), Some("Mon, 26 Feb 2018 02:20:10 GMT"));
        assert!(first.body.ends_with("\"انتهت العمليات\" م"), "entities resolved: {}", first.body);
        assert_eq!(first.body.lines().count(), 2);
        let second = &docs[1];
        assert_eq!(second.title, "Second & last");
        assert_eq!(second.body, "First paragraph.\nSecond paragraph.");
        assert_eq!(second.language.code(), "en");
        assert_ne!(first.id, second.id);
        Ok(())
    }

    #[test]
    fn a_stray_less_than_sign_is_text() -> Result<(), ReadError> {
        let docs = read_trec("<DOC>\n<TITLE>هدف</TITLE>\n<TEXT>\n< تحية واجبة\n3 < 5 و 7>2\n</TEXT>\n</DOC>")?;
        assert_eq!(docs[0].body, "< تحية واجبة\n3 < 5 و 7>2");
        Ok(())
    }

    #[test]
    fn truncated_and_empty_docs_are_errors() {
        assert_eq!(read_trec("<DOC>\n<TITLE>نص مقطوع").err(), Some(ReadError::NoDocElement));
        let empty = read_trec("<DOC>\n<DOCNO>X</DOCNO>\n</DOC>");
        assert!(matches!(empty, Err(ReadError::BadDoc { index: 1, line: 1, .. })), "{empty:?}");
    }

    #[test]
    fn a_doctype_entity_is_never_expanded() -> Result<(), ReadError> {
        let bomb = "<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n<DOC><TITLE>t &b;</TITLE><TEXT>x</TEXT></DOC>";
        let docs = read_trec(bomb)?;
        assert_eq!(docs[0].title, "t &b;");
        Ok(())
    }
}
