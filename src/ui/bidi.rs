//! Right-to-left and mixed paragraphs for egui (see ARABIC-DISPLAY.md in the guide): Unicode
//! bidi levels on the logical paragraph, tokens that harfrust can shape as they are (an Arabic
//! word, a Latin or number run, a space, a lone neutral), greedy line breaks after spaces,
//! then each line's tokens put in visual order (rule L2 on tokens) with lone neutrals mirrored.
//! Stored text stays logical; only the display order changes. The egui glue is in
//! `rich_text.rs`; this part is pure and tested on strings.

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, Level};

/// One display token: a byte range of the logical paragraph and its resolved level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the logical paragraph.
    pub range: Range<usize>,
    /// Resolved embedding level (odd = right to left).
    pub level: Level,
    /// A single whitespace character.
    pub is_space: bool,
}

/// A paragraph's tokens and the bidi analysis they came from.
pub struct Analysed<'t> {
    info: BidiInfo<'t>,
    /// Tokens in logical order.
    pub tokens: Vec<Token>,
    /// Whether the paragraph runs right to left.
    pub rtl: bool,
}

fn joins_rtl_word(class: BidiClass, c: char) -> bool {
    matches!(class, BidiClass::R | BidiClass::AL | BidiClass::NSM) || matches!(c, '\u{200c}' | '\u{200d}')
}

/// Levels and tokens of one paragraph (no line breaks inside), with the base direction forced.
#[must_use]
pub fn analyse(paragraph: &str, rtl: bool) -> Analysed<'_> {
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    let info = BidiInfo::new(paragraph, Some(base));
    let mut tokens = Vec::new();
    let mut chars = paragraph.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let level = info.levels[start];
        let class = info.original_classes[start];
        let mut end = start + c.len_utf8();
        if c.is_whitespace() {
            tokens.push(Token { range: start..end, level, is_space: true });
            continue;
        }
        if level.is_rtl() && joins_rtl_word(class, c) {
            while let Some(&(at, n)) = chars.peek() {
                if info.levels[at] != level || !joins_rtl_word(info.original_classes[at], n) {
                    break;
                }
                end = at + n.len_utf8();
                chars.next();
            }
        } else if level.is_ltr() {
            while let Some(&(at, n)) = chars.peek() {
                if n.is_whitespace() || info.levels[at] != level {
                    break;
                }
                end = at + n.len_utf8();
                chars.next();
            }
        }
        tokens.push(Token { range: start..end, level, is_space: false });
    }
    Analysed { info, tokens, rtl }
}

impl Analysed<'_> {
    /// Break into lines no wider than `max_width` (token widths from `width`), only after
    /// spaces; a run of non-space tokens is never split. Returns token index ranges.
    pub fn break_lines(&self, max_width: f32, mut width: impl FnMut(&Token) -> f32) -> Vec<Range<usize>> {
        let mut lines = Vec::new();
        let (mut line_start, mut line_width) = (0usize, 0.0f32);
        let mut i = 0;
        while i < self.tokens.len() {
            // The next word: a run of non-space tokens, with the spaces before it.
            let mut j = i;
            let mut word_width = 0.0;
            while j < self.tokens.len() && self.tokens[j].is_space {
                word_width += width(&self.tokens[j]);
                j += 1;
            }
            while j < self.tokens.len() && !self.tokens[j].is_space {
                word_width += width(&self.tokens[j]);
                j += 1;
            }
            if line_width + word_width > max_width && i > line_start {
                lines.push(line_start..i);
                // Spaces at the start of the new line are dropped with the break.
                while i < j && self.tokens[i].is_space {
                    i += 1;
                }
                line_start = i;
                line_width = self.tokens[i..j].iter().map(&mut width).sum();
            } else {
                line_width += word_width;
            }
            i = j;
        }
        if line_start < self.tokens.len() {
            lines.push(line_start..self.tokens.len());
        }
        lines
    }

    /// The tokens of one line in visual (left-to-right) order, trailing spaces dropped.
    #[must_use]
    pub fn visual_line(&self, line: Range<usize>) -> Vec<usize> {
        let mut end = line.end;
        while end > line.start && self.tokens[end - 1].is_space {
            end -= 1;
        }
        if end == line.start {
            return Vec::new();
        }
        let bytes = self.tokens[line.start].range.start..self.tokens[end - 1].range.end;
        let paragraph = &self.info.paragraphs[0];
        let levels = self.info.reordered_levels(paragraph, bytes.clone());
        let token_levels: Vec<Level> = (line.start..end).map(|i| levels[self.tokens[i].range.start]).collect();
        BidiInfo::reorder_visual(&token_levels).into_iter().map(|v| line.start + v).collect()
    }

    /// The text to draw for a token: its logical text, or the mirror of a lone neutral at a
    /// right-to-left level (unicode-bidi does not apply rule L4).
    #[must_use]
    pub fn display_text<'p>(&self, paragraph: &'p str, token: &Token) -> std::borrow::Cow<'p, str> {
        let text = &paragraph[token.range.clone()];
        let mut chars = text.chars();
        if let (Some(c), None, true) = (chars.next(), chars.next(), token.level.is_rtl())
            && let Some(m) = mirror(c)
        {
            return std::borrow::Cow::Owned(m.to_string());
        }
        std::borrow::Cow::Borrowed(text)
    }
}

fn mirror(c: char) -> Option<char> {
    Some(match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        _ => return None,
    })
}

/// The visual lines of a paragraph as strings (tokens joined in display order), for tests and
/// for comparing with a reference renderer.
#[must_use]
pub fn visual_lines(paragraph: &str, rtl: bool, max_width: f32, width: impl FnMut(&Token) -> f32) -> Vec<Vec<String>> {
    let analysed = analyse(paragraph, rtl);
    analysed
        .break_lines(max_width, width)
        .into_iter()
        .map(|line| {
            analysed
                .visual_line(line)
                .into_iter()
                .map(|i| analysed.display_text(paragraph, &analysed.tokens[i]).into_owned())
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_line(text: &str, rtl: bool) -> Vec<String> {
        visual_lines(text, rtl, f32::INFINITY, |t| t.range.len() as f32).remove(0)
    }

    fn words(tokens: &[String]) -> Vec<&str> {
        tokens.iter().map(String::as_str).filter(|t| !t.trim().is_empty()).collect()
    }

    #[test]
    fn sample_title_reads_right_to_left() {
        let title = "عباس كامل ينقل رسالة دعم وتأييد من السيسي لحفتر";
        let visual = one_line(title, true);
        assert_eq!(words(&visual), ["لحفتر", "السيسي", "من", "وتأييد", "دعم", "رسالة", "ينقل", "كامل", "عباس"]);
    }

    #[test]
    fn sample_date_line_keeps_numbers_left_to_right() {
        let visual = one_line("السبت 19 ديسمبر 2020 10:29 م", true);
        assert_eq!(words(&visual), ["م", "10:29", "2020", "ديسمبر", "19", "السبت"]);
    }

    #[test]
    fn mixed_line_with_quotes_digits_latin_and_parentheses() {
        let line = "وذكرت وكالة \"أ ش أ\" (رسمية) أن اللجنة 5+5 التقت Khalifa Haftar";
        let visual = one_line(line, true).concat();
        // What a browser shows for <p dir="rtl">, read left to right.
        assert_eq!(visual, "Khalifa Haftar التقت 5+5 اللجنة أن (رسمية) \"أ ش أ\" وكالة وذكرت");
    }

    #[test]
    fn quoted_name_with_a_separated_proclitic_stays_whole_on_a_line() {
        let text = "الداعمين لـ\"حفتر\" في هجومه";
        let lines = visual_lines(text, true, 12.0, |t| t.range.len() as f32);
        let joined: Vec<String> = lines.iter().map(|l| l.concat()).collect();
        assert!(joined.iter().any(|l| l.contains("لـ") && l.contains("حفتر")), "{joined:?}");
    }

    #[test]
    fn english_paragraph_stays_left_to_right_with_an_arabic_name() {
        assert_eq!(one_line("Haftar (حفتر) said 10:29", false).concat(), "Haftar (حفتر) said 10:29");
        assert_eq!(one_line("قال حفتر وعقيلة صالح", false).concat(), "صالح وعقيلة حفتر قال");
    }

    #[test]
    fn lines_break_after_spaces_only() {
        let text = "كلمة كلمة كلمة كلمة";
        let lines = visual_lines(text, true, 10.0, |t| if t.is_space { 1.0 } else { 4.0 });
        assert_eq!(lines.len(), 2);
        assert_eq!(words(&lines[0]), ["كلمة", "كلمة"]);
        assert!(lines.iter().all(|l| !l.last().is_some_and(|t| t.trim().is_empty())), "no trailing spaces");
    }
}
