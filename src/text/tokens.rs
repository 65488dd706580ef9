//! Tokens over normalized text: words and numbers, the punctuation between them (clause and
//! sentence boundaries, quote marks), paired quote spans and sentences.

use std::ops::Range;

/// What separates a token from the previous one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Gap {
    /// A sentence or paragraph ends here (`. ! ? ؟ ؛ ;` or a line break).
    pub hard: bool,
    /// A clause boundary (`، , : ( ) [ ] –`).
    pub soft: bool,
    /// A quote mark stands between the tokens.
    pub quote: bool,
}

/// One word or number of a normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset in the normalized text.
    pub start: usize,
    /// Byte offset just past the token.
    pub end: usize,
    /// The punctuation between the previous token and this one.
    pub gap_before: Gap,
}

/// A pair of matching quote marks, as byte offsets of the marks in the normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Offset of the opening mark.
    pub open: usize,
    /// Offset of the closing mark.
    pub close: usize,
}

/// A normalized text cut into tokens, quote spans and sentences.
#[derive(Debug, Clone)]
pub struct TokenizedText {
    /// The tokens in order.
    pub tokens: Vec<Token>,
    /// Paired quote marks that do not cross a line break.
    pub quotes: Vec<QuoteSpan>,
    /// Sentences as token index ranges.
    pub sentences: Vec<Range<usize>>,
}

/// Whether `c` is a double quote mark of any script (single quotes double as apostrophes).
#[must_use]
pub fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '‹' | '›')
}

/// Whether `c` belongs to a word (letter or digit), with fast paths for ASCII and the Arabic
/// letters that normalized text is made of (`char::is_alphanumeric` is slow outside ASCII).
#[must_use]
pub fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{621}'..='\u{63a}' | '\u{641}'..='\u{64a}' | '\u{660}'..='\u{669}' => {
            true
        }
        '\0'..='\u{7f}' | '\u{60c}' | '\u{61b}' | '\u{61f}' | '\u{640}' => false,
        _ => c.is_alphanumeric(),
    }
}

impl TokenizedText {
    /// Tokenize an already normalized text.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut tokens = Vec::new();
        let mut gap = Gap::default();
        let mut current: Option<usize> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if is_word_char(c) {
                if current.is_none() {
                    current = Some(at);
                }
                continue;
            }
            // A dot or comma between two digits is part of a number (3.5, 1,200).
            if let Some(start) = current {
                let between_digits = matches!(c, '.' | ',')
                    && text[..at].ends_with(|p: char| p.is_ascii_digit())
                    && chars.peek().is_some_and(|(_, n)| n.is_ascii_digit());
                if between_digits {
                    continue;
                }
                tokens.push(Token { start, end: at, gap_before: gap });
                gap = Gap::default();
                current = None;
            }
            match c {
                '\n' | '!' | '?' | '؟' | '؛' | ';' => gap.hard = true,
                '.' => {
                    let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
                    if next_is_space {
                        gap.hard = true;
                    }
                }
                '،' | ',' | ':' | '(' | ')' | '[' | ']' | '–' | '—' | '|' => gap.soft = true,
                _ if is_quote_char(c) => gap.quote = true,
                _ => {}
            }
        }
        if let Some(start) = current {
            tokens.push(Token { start, end: text.len(), gap_before: gap });
        }
        let quotes = pair_quotes(text);
        let sentences = split_sentences(&tokens);
        Self { tokens, quotes, sentences }
    }

    /// Index of the token that contains byte `at`, or the first token after it.
    #[must_use]
    pub fn token_at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= at)
    }

    /// Index of the last token that ends at or before byte `at`, if any.
    #[must_use]
    pub fn token_ending_before(&self, at: usize) -> Option<usize> {
        self.tokens.partition_point(|t| t.end <= at).checked_sub(1)
    }

    /// Index of the sentence holding token `index`.
    #[must_use]
    pub fn sentence_of(&self, index: usize) -> usize {
        self.sentences.partition_point(|s| s.end <= index)
    }
}

fn split_sentences(tokens: &[Token]) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    for (index, token) in tokens.iter().enumerate() {
        if index > start && token.gap_before.hard {
            sentences.push(start..index);
            start = index;
        }
    }
    if start < tokens.len() {
        sentences.push(start..tokens.len());
    }
    sentences
}

/// Pair quote marks: « », “ ”, „ “/”, ‹ ›, and straight quotes as toggles; a pair never crosses
/// a line break, and unpaired marks are ignored.
fn pair_quotes(text: &str) -> Vec<QuoteSpan> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (at, c) in text.char_indices() {
        if c == '\n' {
            open = None;
            continue;
        }
        if !is_quote_char(c) {
            continue;
        }
        match open {
            Some((start, opener)) if closes(opener, c) => {
                spans.push(QuoteSpan { open: start, close: at });
                open = None;
            }
            Some(_) if matches!(c, '"' | '«' | '“' | '„' | '‹') && !closes_any(c) => {
                open = Some((at, c));
            }
            Some(_) => {}
            None => {
                if matches!(c, '"' | '«' | '“' | '„' | '‹' | '”') {
                    open = Some((at, c));
                }
            }
        }
    }
    spans
}

fn closes(opener: char, c: char) -> bool {
    matches!((opener, c), ('"', '"') | ('«', '»') | ('“', '”') | ('„', '“' | '”') | ('‹', '›') | ('”', '“' | '”'))
}

fn closes_any(c: char) -> bool {
    matches!(c, '"' | '”' | '»' | '›')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        TokenizedText::new(text).tokens.iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn splits_words_and_keeps_numbers_whole() {
        assert_eq!(words("ومنيت ميليشيا \"حفتر\"، 3.5 كلم"), ["ومنيت", "ميليشيا", "حفتر", "3.5", "كلم"]);
        assert_eq!(words("haftar's forces."), ["haftar", "s", "forces"]);
    }

    #[test]
    fn records_boundaries_between_tokens() {
        let t = TokenizedText::new("قال حفتر، إن القوات. وأضاف \"نعم\"");
        assert!(t.tokens[2].gap_before.soft);
        assert!(t.tokens[4].gap_before.hard);
        assert!(t.tokens[5].gap_before.quote);
        assert_eq!(t.sentences, vec![0..4, 4..6]);
        assert_eq!(t.sentence_of(5), 1);
    }

    #[test]
    fn pairs_quotes_within_a_line_only() {
        let text = "قال «نعم» ثم \"لا\nشيء\" و“هنا”";
        let t = TokenizedText::new(text);
        let quoted: Vec<&str> = t.quotes.iter().map(|q| &text[q.open..q.close]).collect();
        assert_eq!(quoted.len(), 2);
        assert!(quoted[0].contains("نعم"));
        assert!(quoted[1].contains("هنا"));
    }
}
