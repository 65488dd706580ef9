//! Attribution zones: whose voice each token is — the outlet's own words, the headline,
//! reported speech (قال … إن، ذكرت … أن، according to), or a direct quote (FRAMING.md §2.3).

use serde::{Deserialize, Serialize};

use super::field::{Field, FieldKind};
use crate::lexicon::Operator;
use crate::text::Language;

/// Whose words a piece of evidence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    /// The outlet's own words.
    Own,
    /// The headline (the outlet's voice, weighted up).
    Headline,
    /// Reported speech: a source's words in the outlet's paraphrase.
    Reported,
    /// A direct quotation.
    Quoted,
}

impl Voice {
    /// The lower-case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Own => "own",
            Self::Headline => "headline",
            Self::Reported => "reported",
            Self::Quoted => "quoted",
        }
    }

    /// Whether this voice counts toward the outlet's own stance.
    #[must_use]
    pub fn is_outlet(self) -> bool {
        matches!(self, Self::Own | Self::Headline)
    }
}

/// A quoted span of this many tokens or more is the source's words; a single quoted word is a
/// name or a scare-quoted label (and the quotes that enclose exactly a name or a label are read
/// from [`Voices::unquoted`]).
const MIN_QUOTE_TOKENS: usize = 2;

/// The voice of every token, with and without quotation marks applied.
#[derive(Debug, Clone)]
pub struct Voices {
    /// Whose words each token is.
    pub token: Vec<Voice>,
    /// The same before quotation marks are applied: the voice of a name or label that quote
    /// marks enclose exactly (Anadolu quotes names; scare quotes are the outlet's distancing).
    pub unquoted: Vec<Voice>,
}

impl Voices {
    /// The voice at `token` (`unquoted` when quote marks enclose exactly the words there).
    #[must_use]
    pub fn at(&self, token: usize, exactly_quoted: bool) -> Voice {
        let voices = if exactly_quoted { &self.unquoted } else { &self.token };
        voices.get(token).copied().unwrap_or(Voice::Own)
    }
}
/// The label a hand-off (ما وصفه بـ) gives away runs at most this far, to the next comma.
const HANDOFF_TOKENS: usize = 6;
/// "Name:" at the start of a headline: the colon within this many tokens.
const HEADLINE_SPEAKER_TOKENS: usize = 7;

/// The voice of every token of a field.
pub fn voices(field: &Field<'_>, language: Language) -> Voices {
    let tokens = &field.tokens;
    let default = match field.kind {
        FieldKind::Title => Voice::Headline,
        FieldKind::Body => Voice::Own,
    };
    let mut voice = vec![default; tokens.tokens.len()];
    if field.kind == FieldKind::Title {
        headline_speaker(field, &mut voice);
    } else {
        let mut previous_reported = false;
        for sentence in &tokens.sentences {
            let ops: Vec<_> = field.operators.iter().filter(|op| sentence.contains(&op.first)).collect();
            let continues = previous_reported
                && ops.iter().any(|op| {
                    op.first == sentence.start && matches!(op.value, Operator::Continuation | Operator::ReportingVerb)
                });
            let verb = ops
                .iter()
                .filter(|op| matches!(op.value, Operator::ReportingVerb | Operator::Skeptical))
                .min_by_key(|op| op.first);
            let reported = if continues || ops.iter().any(|op| op.value == Operator::SourceCue) {
                Some(sentence.clone())
            } else {
                verb.map(|verb| {
                    if language == Language::En {
                        english_reported(verb.first, verb.last, sentence)
                    } else {
                        arabic_reported_start(field, verb.last, sentence)..sentence.end
                    }
                })
            };
            if let Some(range) = reported {
                voice[range].fill(Voice::Reported);
            }
            previous_reported = sentence.end > 0 && voice.get(sentence.end - 1) == Some(&Voice::Reported);
        }
    }
    for handoff in field.operators.iter().filter(|op| op.value == Operator::Handoff) {
        let end = (handoff.last + 1..tokens.tokens.len())
            .take(HANDOFF_TOKENS)
            .take_while(|&i| {
                i == handoff.last + 1 || !(tokens.tokens[i].gap_before.hard || tokens.tokens[i].gap_before.soft)
            })
            .last();
        if let Some(end) = end {
            voice[handoff.last + 1..=end].fill(Voice::Quoted);
        }
    }
    for handoff in field.operators.iter().filter(|op| op.value == Operator::TrailingHandoff) {
        let start = (0..handoff.first)
            .rev()
            .take(HANDOFF_TOKENS)
            .take_while(|&i| {
                !(tokens.tokens[i + 1].gap_before.hard || tokens.tokens[i + 1].gap_before.soft)
                    || i + 1 == handoff.first
            })
            .last();
        if let Some(start) = start {
            voice[start..handoff.first].fill(Voice::Quoted);
        }
    }
    let unquoted = voice.clone();
    for quote in &tokens.quotes {
        let first = tokens.token_at(quote.open);
        let end = tokens.token_at(quote.close);
        if end > first && end - first >= MIN_QUOTE_TOKENS {
            voice[first..end].fill(Voice::Quoted);
        }
    }
    Voices { token: voice, unquoted }
}

/// Complementizers that open the reported clause after an Arabic speech verb (normalized).
const COMPLEMENTIZERS: &[&str] = &["ان", "انه", "انها", "انهم", "بان", "بانه", "بانها", "بانهم"];
/// Without a complementizer, the speaker's name runs at most this far, up to a comma.
const MAX_SPEAKER_TOKENS: usize = 8;
/// An English speech verb this close to the sentence end follows the reported words.
const TRAILING_VERB_TOKENS: usize = 4;

/// Where reported speech starts after an Arabic speech verb: at أن/إن, else after the speaker's
/// name up to the first comma or colon, else right after the verb. The verb and the speaker's
/// name stay in the outlet's voice (قال المتحدث باسم ميليشيا حفتر إن …).
fn arabic_reported_start(field: &Field<'_>, verb_last: usize, sentence: &std::ops::Range<usize>) -> usize {
    let tokens = &field.tokens.tokens;
    let text = &field.normalized.text;
    let mut first_comma = None;
    for i in verb_last + 1..sentence.end {
        if COMPLEMENTIZERS.contains(&&text[tokens[i].start..tokens[i].end]) {
            return i;
        }
        if first_comma.is_none() && tokens[i].gap_before.soft && i - verb_last <= MAX_SPEAKER_TOKENS {
            first_comma = Some(i);
        }
    }
    first_comma.unwrap_or(verb_last + 1).min(sentence.end)
}

/// English: "X said (that) Y" reports what follows the verb; "Y, X said." what precedes it.
fn english_reported(verb_first: usize, verb_last: usize, sentence: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    if sentence.end - verb_last - 1 <= TRAILING_VERB_TOKENS {
        sentence.start..verb_first
    } else {
        verb_last + 1..sentence.end
    }
}

fn headline_speaker(field: &Field<'_>, voice: &mut [Voice]) {
    let text = &field.normalized.text;
    let Some(colon) = text.find(':') else {
        return;
    };
    let speaker_tokens = field.tokens.token_at(colon);
    if speaker_tokens == 0 || speaker_tokens > HEADLINE_SPEAKER_TOKENS {
        return;
    }
    // "Name: words" is the headline's way of quoting: the words are the speaker's.
    voice[speaker_tokens..].fill(Voice::Quoted);
}
