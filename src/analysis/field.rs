//! One analysed field (title or body): normalized text, tokens, and the lexicon hits on it.

use crate::lexicon::{AliasRef, Lexicon, Operator, PatternSet, RawMatch, TermRef};
use crate::text::{Normalized, TokenizedText, is_quote_char, normalize};

/// A lexicon hit mapped to tokens.
#[derive(Debug, Clone, Copy)]
pub struct Span<T> {
    /// Normalized byte range.
    pub start: usize,
    /// Normalized byte end.
    pub end: usize,
    /// First token index.
    pub first: usize,
    /// Last token index (inclusive).
    pub last: usize,
    /// What matched.
    pub value: T,
}

/// The hits of one pattern set among its raw matches, mapped to tokens.
fn spans<T: Copy>(
    set: &PatternSet<T>,
    raw: &[RawMatch],
    normalized: &Normalized,
    original: &str,
    tokens: &TokenizedText,
) -> Vec<Span<T>> {
    set.accept(raw, normalized, original)
        .into_iter()
        .map(|hit| {
            let first = tokens.token_at(hit.start);
            let last = tokens.token_at(hit.end.saturating_sub(1)).max(first);
            Span { start: hit.start, end: hit.end, first, last, value: *hit.value }
        })
        .collect()
}

/// Which field of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// The headline.
    Title,
    /// The body.
    Body,
}

/// A field prepared for analysis.
pub struct Field<'a> {
    pub kind: FieldKind,
    pub original: &'a str,
    pub normalized: Normalized,
    pub tokens: TokenizedText,
    pub aliases: Vec<Span<AliasRef>>,
    pub terms: Vec<Span<TermRef>>,
    pub operators: Vec<Span<Operator>>,
    /// Place names, each standing for a conflict index.
    pub places: Vec<Span<usize>>,
}

impl<'a> Field<'a> {
    pub fn new(kind: FieldKind, original: &'a str, lexicon: &Lexicon) -> Self {
        let normalized = normalize(original);
        let tokens = TokenizedText::new(&normalized.text);
        // One pass of the shared automaton; each set then keeps its leftmost-longest matches.
        let raw = lexicon.shared.find(&normalized.text);
        let empty = Vec::new();
        let set = |i: usize| raw.get(i).unwrap_or(&empty);
        let mut aliases = spans(&lexicon.aliases, set(0), &normalized, original, &tokens);
        // Designations are a set of their own, so that another conflict's designation never
        // hides an alias; which of two overlapping mentions counts is decided once the
        // article's conflict is known (mentions.rs).
        aliases.extend(spans(&lexicon.designations, set(1), &normalized, original, &tokens));
        aliases.sort_by_key(|a| (a.start, std::cmp::Reverse(a.end)));
        let terms = spans(&lexicon.terms, set(2), &normalized, original, &tokens);
        let operators = spans(&lexicon.operators, set(3), &normalized, original, &tokens);
        let places = spans(&lexicon.places, set(4), &normalized, original, &tokens);
        Self { kind, original, normalized, tokens, aliases, terms, operators, places }
    }

    /// Whether any clause or sentence boundary lies between tokens `from` and `to` (exclusive
    /// of `from`, inclusive of `to`'s gap).
    pub fn boundary_between(&self, from: usize, to: usize) -> bool {
        (from + 1..=to).any(|i| self.tokens.tokens.get(i).is_some_and(|t| t.gap_before.hard || t.gap_before.soft))
    }

    /// Whether tokens `a` and `b` (either order) stand in one sentence.
    pub fn same_sentence(&self, a: usize, b: usize) -> bool {
        let (from, to) = if a < b { (a, b) } else { (b, a) };
        !(from + 1..=to).any(|i| self.tokens.tokens.get(i).is_some_and(|t| t.gap_before.hard))
    }

    /// Whether the normalized range is directly enclosed in quote marks.
    pub fn is_quoted(&self, start: usize, end: usize) -> bool {
        let text = &self.normalized.text;
        let before = text[..start].chars().next_back().is_some_and(is_quote_char);
        let after = text[end..].chars().next().is_some_and(is_quote_char);
        before && after
    }

    /// Original byte range of a normalized range.
    pub fn original_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        self.normalized.original_range(start, end)
    }

    /// Whether an operator of `kind` ends within `window` tokens before token `first`, with no
    /// sentence boundary in between.
    pub fn operator_before(&self, kind: Operator, first: usize, window: usize) -> bool {
        self.operators.iter().any(|op| {
            op.value == kind
                && op.last < first
                && first - op.last <= window
                && !(op.last + 1..=first).any(|i| self.tokens.tokens.get(i).is_some_and(|t| t.gap_before.hard))
        })
    }

    /// Whether an operator of `kind` starts right after token `last`.
    pub fn operator_right_after(&self, kind: Operator, last: usize) -> bool {
        self.operators.iter().any(|op| op.value == kind && op.first == last + 1)
    }
}
