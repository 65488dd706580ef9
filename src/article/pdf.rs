//! PDF clippings with a text layer (`pdf-extract`). Arabic often comes out of a PDF as it was
//! drawn: presentation forms, and letters in visual order (`سلبارط` for `طرابلس`). The text is
//! mapped back with NFKC, and a line whose words read backwards — word-final letters (`ة`, `ى`)
//! at the start, the article `ال` at the end — is put back in logical order with its digits and
//! Latin runs kept left to right. A layer that still reads backwards is refused, never shown
//! scrambled; a PDF without text (a scan) is "no text layer". The text then goes through the
//! seed-layout reader (title, dateline, body, source line).

use unicode_normalization::UnicodeNormalization;

use super::{Article, Format, ReadError, read_seed};

/// Whether the bytes are a PDF.
#[must_use]
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06ff}' | '\u{0750}'..='\u{077f}' | '\u{fb50}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}')
}

/// Evidence that Arabic words read backwards: positive when reversed, negative when logical.
fn reversal_score(line: &str) -> i32 {
    let mut score = 0;
    for word in line.split(|c: char| !is_arabic(c)).filter(|w| w.chars().count() >= 3) {
        let first = word.chars().next().unwrap_or(' ');
        let last = word.chars().last().unwrap_or(' ');
        // ة and ى only end a word; ال only starts one.
        if matches!(first, 'ة' | 'ى') || word.ends_with("لا") {
            score += 1;
        }
        if matches!(last, 'ة' | 'ى') || word.starts_with("ال") {
            score -= 1;
        }
    }
    score
}

fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '«' => '»',
        '»' => '«',
        '<' => '>',
        '>' => '<',
        other => other,
    }
}

/// A line drawn right to left, back in reading order: reversed, with each run of digits and
/// Latin (and the `.`, `,`, `:`, `/` inside it) turned back left to right.
fn logical_line(line: &str) -> String {
    let reversed: Vec<char> = line.chars().rev().map(mirrored).collect();
    let mut out = String::with_capacity(line.len());
    let mut run: Vec<char> = Vec::new();
    let ltr = |c: char| c.is_ascii_alphanumeric();
    for (i, &c) in reversed.iter().enumerate() {
        let inside = matches!(c, '.' | ',' | ':' | '/' | '-')
            && !run.is_empty()
            && reversed.get(i + 1).copied().is_some_and(ltr);
        if ltr(c) || inside {
            run.push(c);
        } else {
            out.extend(run.drain(..).rev());
            out.push(c);
        }
    }
    out.extend(run.drain(..).rev());
    // The full stop drawn at the left end of a right-to-left line ends the sentence.
    if let Some(rest) = out.strip_prefix(['.', '،', '؛', ':', '!', '؟']) {
        let stop = out.chars().next().unwrap_or('.');
        return format!("{rest}{stop}");
    }
    out
}

/// Spaces collapsed, and none left before a closing stop (the extractor spaces them out).
fn tidy(line: &str) -> String {
    let mut out = line.split_whitespace().collect::<Vec<_>>().join(" ");
    for stop in ['.', '،', '؛', ':', '!', '؟'] {
        out = out.replace(&format!(" {stop}"), &stop.to_string());
    }
    out
}

/// NFKC, and lines in visual order put back in logical order.
///
/// # Errors
/// [`ReadError::ScrambledPdf`] when the Arabic still reads backwards after the repair.
pub fn repair_text(text: &str) -> Result<String, ReadError> {
    let text: String = text.nfkc().collect();
    // One document is drawn one way: decide on all of it (a short line may carry no clue).
    let backwards = text.lines().map(reversal_score).sum::<i32>() > 0;
    let lines: Vec<String> = text
        .lines()
        .map(|line| if backwards && line.chars().any(is_arabic) { logical_line(line) } else { line.to_string() })
        .map(|line| tidy(&line))
        .collect();
    if lines.iter().map(|l| reversal_score(l)).sum::<i32>() > 0 {
        return Err(ReadError::ScrambledPdf);
    }
    Ok(lines.join("\n"))
}

/// Lines a page adds around the article (`Page 3`, `صفحة 3`, a bare page number).
fn is_page_furniture(line: &str) -> bool {
    let line = line.trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        [n] => n.chars().all(|c| c.is_ascii_digit()),
        [word, n] => {
            ["page", "صفحة", "الصفحة"].contains(&word.to_lowercase().as_str()) && n.chars().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// Read a PDF clipping.
///
/// # Errors
/// [`ReadError::BadPdf`] for a PDF that cannot be parsed, [`ReadError::NoTextLayer`] for one
/// without text, [`ReadError::ScrambledPdf`] for Arabic that cannot be put back in order.
pub fn read_pdf(bytes: &[u8]) -> Result<Article, ReadError> {
    // The extractor may panic on a malformed file; that is one bad file, not a crash.
    let extracted = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes))
        .map_err(|_| ReadError::BadPdf { reason: "the PDF could not be parsed".to_string() })?
        .map_err(|e| ReadError::BadPdf { reason: e.to_string() })?;
    if extracted.trim().is_empty() {
        return Err(ReadError::NoTextLayer);
    }
    let repaired = repair_text(&extracted)?;
    let lines: Vec<&str> = repaired.lines().map(str::trim).filter(|l| !is_page_furniture(l)).collect();
    let text = lines.join("\n");
    let mut article = read_seed(&text, false)?;
    article.format = Format::Pdf;
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_in_visual_order_is_put_back() {
        let visual = "ةمصاعلا بونج يف ةينكس ءايحأ رتفح ايشيليم تفصق.";
        assert!(reversal_score(visual) > 0);
        assert_eq!(repair_text(visual).as_deref(), Ok("قصفت ميليشيا حفتر أحياء سكنية في جنوب العاصمة."));
        let with_digits = "2020 ليربأ 5 - سلبارط";
        assert_eq!(logical_line(with_digits), "طرابلس - 5 أبريل 2020");
        assert_eq!(logical_line("(ةيبرعلا) BBC"), "BBC (العربية)");
        let logical = "قصفت ميليشيا حفتر أحياء سكنية في جنوب العاصمة.";
        assert_eq!(repair_text(logical).as_deref(), Ok(logical), "logical text is left alone");
    }

    #[test]
    fn presentation_forms_become_letters() {
        // طرابلس drawn with presentation forms, in logical order.
        let forms = "\u{FEC3}\u{FEAE}\u{FE8E}\u{FE91}\u{FEE0}\u{FEB2}";
        assert_eq!(repair_text(forms).as_deref(), Ok("طرابلس"));
    }

    #[test]
    fn page_furniture_is_dropped() {
        assert!(is_page_furniture("Page 1") && is_page_furniture("صفحة 12") && is_page_furniture("3"));
        assert!(!is_page_furniture("2020 ليبيا"));
    }

    /// A valid one-page PDF with no text (what a scanner without OCR gives, minus the image).
    fn empty_pdf() -> Vec<u8> {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
            "<< /Length 0 >>\nstream\n\nendstream",
        ];
        let mut pdf = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
        }
        let xref = pdf.len();
        pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
        for offset in offsets {
            pdf.extend(format!("{offset:010} 00000 n \n").bytes());
        }
        pdf.extend(
            format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).bytes(),
        );
        pdf
    }

    #[test]
    fn a_pdf_without_text_is_no_text_layer_and_garbage_is_an_error() {
        assert_eq!(read_pdf(&empty_pdf()).err(), Some(ReadError::NoTextLayer));
        assert!(matches!(read_pdf(b"%PDF-1.4\ngarbage"), Err(ReadError::BadPdf { .. })));
    }
}
