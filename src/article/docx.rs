//! Word documents (`.docx`: clippings pasted into Word): the paragraphs of
//! `word/document.xml` in order; the title is the first paragraph styled as a title or heading,
//! else the first paragraph. A date among the first paragraphs is the dateline. The archive is
//! read with limits, so a zip bomb is an error, not a full disk or memory.

use std::io::Read;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::date::{DateHints, parse_date};
use super::{Article, Format, ReadError};

/// The most `word/document.xml` may expand to.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

fn bad(reason: impl std::fmt::Display) -> ReadError {
    ReadError::BadDocx { reason: reason.to_string() }
}

/// Whether the bytes start like a zip archive.
#[must_use]
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Whether a zip archive is a spreadsheet (XLSX or ODS) rather than a Word document.
#[must_use]
pub fn is_spreadsheet(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).is_ok_and(|archive| {
        let has = |name: &str| archive.file_names().any(|n| n.is_ok_and(|n| n == name));
        has("xl/workbook.xml")
            || (has("content.xml") && bytes.windows(46).any(|w| w == b"application/vnd.oasis.opendocument.spreadsheet"))
    })
}

/// Paragraphs with whether each is styled as a title or heading.
fn paragraphs(xml: &str) -> Result<Vec<(String, bool)>, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let (mut text, mut heading, mut in_text) = (String::new(), false, false);
    loop {
        match reader
            .read_event()
            .map_err(|e| bad(format!("word/document.xml at byte {}: {e}", reader.buffer_position())))?
        {
            Event::Start(e) | Event::Empty(e) => match e.local_name().into_inner() {
                "p" => {
                    text.clear();
                    heading = false;
                }
                "t" => in_text = true,
                "tab" => text.push('\t'),
                "br" | "cr" => text.push(' '),
                "pStyle" => {
                    let style = e
                        .attributes()
                        .filter_map(Result::ok)
                        .find(|a| a.key.local_name().into_inner() == "val")
                        .map(|a| a.value.to_ascii_lowercase())
                        .unwrap_or_default();
                    heading = style.starts_with("title") || style.starts_with("heading");
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                text.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if in_text => {
                // Character references and the five XML entities; no other entity exists here.
                match r.resolve_char_ref() {
                    Ok(Some(c)) => text.push(c),
                    _ => text.push_str(quick_xml::escape::resolve_predefined_entity(&r.xml10_content()).unwrap_or("")),
                }
            }
            Event::End(e) => match e.local_name().into_inner() {
                "t" => in_text = false,
                "p" => {
                    let paragraph = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !paragraph.is_empty() {
                        out.push((paragraph, heading));
                    }
                    text.clear();
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Read a `.docx` file.
///
/// # Errors
/// [`ReadError::BadDocx`] for a broken archive, a missing `word/document.xml`, one larger than
/// [`MAX_DOCUMENT_BYTES`] once expanded, or malformed XML; [`ReadError::NoText`] for an empty
/// document.
pub fn read_docx(bytes: &[u8]) -> Result<Article, ReadError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(bad)?;
    let entry = archive.by_name("word/document.xml").map_err(|e| bad(format!("word/document.xml: {e}")))?;
    if entry.size() > MAX_DOCUMENT_BYTES {
        return Err(bad(format!("word/document.xml expands to {} bytes (limit {MAX_DOCUMENT_BYTES})", entry.size())));
    }
    // The declared size can lie: read at most one byte past the limit.
    let mut xml = Vec::new();
    entry.take(MAX_DOCUMENT_BYTES + 1).read_to_end(&mut xml).map_err(bad)?;
    if xml.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(bad(format!("word/document.xml expands past {MAX_DOCUMENT_BYTES} bytes")));
    }
    let xml = String::from_utf8(xml).map_err(|e| bad(format!("word/document.xml is not UTF-8: {e}")))?;
    let mut paragraphs = paragraphs(&xml)?;
    if paragraphs.is_empty() {
        return Err(ReadError::NoText);
    }
    let title_at = paragraphs.iter().position(|(_, heading)| *heading).unwrap_or(0);
    let (title, _) = paragraphs.remove(title_at);
    let mut lines: Vec<String> = paragraphs.into_iter().map(|(p, _)| p).collect();
    let mut article = Article::new(Format::Docx, title, String::new());
    let hints = DateHints { language: crate::text::detect_language(&lines.join("\n")), month_first: None };
    let dateline = lines.iter().take(3).position(|l| l.chars().count() <= 80 && parse_date(l, hints).is_some());
    if let Some(i) = dateline {
        let line = lines.remove(i);
        article.published = parse_date(&line, hints);
        article.published_text = Some(line);
    }
    article.body = lines.join("\n");
    article.language = crate::text::detect_language_of(&[&article.title, &article.body]);
    article.refresh_id();
    Ok(article)
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use super::*;

    /// A minimal `.docx` with these paragraphs (`true` = styled as a heading).
    pub(crate) fn docx(paragraphs: &[(&str, bool)]) -> Vec<u8> {
        let body: String = paragraphs
            .iter()
            .map(|(text, heading)| {
                let style = if *heading { "<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>" } else { "" };
                format!("<w:p>{style}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
            })
            .collect();
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
        );
        zip_with(&[("word/document.xml", xml.as_bytes())])
    }

    pub(crate) fn zip_with(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in files {
            out.start_file(*name, options).unwrap_or_else(|e| panic!("{e}"));
            out.write_all(bytes).unwrap_or_else(|e| panic!("{e}"));
        }
        out.finish().unwrap_or_else(|e| panic!("{e}")).into_inner()
    }

    #[test]
    fn paragraphs_in_order_with_the_heading_as_title_and_the_dateline_as_date() {
        let bytes = docx(&[
            ("قصاصة من صحيفة الوسط", false),
            ("ميليشيا حفتر تقصف طرابلس", true),
            ("طرابلس - 5 أبريل 2020", false),
            ("قصفت ميليشيا حفتر أحياء سكنية &amp; مدارس.", false),
            ("وقالت حكومة الوفاق إن القصف استهدف المدنيين.", false),
        ]);
        let a = read_docx(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.title, "ميليشيا حفتر تقصف طرابلس");
        assert_eq!(a.published.as_ref().map(|d| d.date.to_string()).as_deref(), Some("2020-04-05"));
        assert_eq!(
            a.body,
            "قصاصة من صحيفة الوسط\nقصفت ميليشيا حفتر أحياء سكنية & مدارس.\nوقالت حكومة الوفاق إن القصف استهدف المدنيين."
        );
        assert_eq!(a.format, Format::Docx);
    }

    #[test]
    fn broken_archives_and_zip_bombs_are_errors() {
        assert!(matches!(read_docx(b"PK\x03\x04 not really a zip"), Err(ReadError::BadDocx { .. })));
        let no_document = zip_with(&[("word/styles.xml", b"<x/>")]);
        assert!(
            matches!(read_docx(&no_document), Err(ReadError::BadDocx { reason }) if reason.contains("word/document.xml"))
        );
        // 100 MB of zeros compress to about 100 KB.
        let zeros = vec![b'0'; (MAX_DOCUMENT_BYTES + 36 * 1024 * 1024) as usize];
        let bomb = zip_with(&[("word/document.xml", &zeros)]);
        assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
        match read_docx(&bomb) {
            Err(ReadError::BadDocx { reason }) => assert!(reason.contains("expands"), "{reason}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(read_docx(&docx(&[])).err(), Some(ReadError::NoText));
    }
}
