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

/// A quoted span needs this many tokens to be a direct quote rather than a quoted name or a
/// scare-quoted label.
const MIN_QUOTE_TOKENS: usize = 4;
/// "Name:" at the start of a headline: the colon within this many tokens.
const HEADLINE_SPEAKER_TOKENS: usize = 4;

/// The voice of every token of a field.
pub fn voices(field: &Field<'_>, language: Language) -> Vec<Voice> {
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
    for quote in &tokens.quotes {
        let first = tokens.token_at(quote.open);
        let end = tokens.token_at(quote.close);
        if end > first && end - first >= MIN_QUOTE_TOKENS {
            voice[first..end].fill(Voice::Quoted);
        }
    }
    voice
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
    voice[speaker_tokens..].fill(Voice::Reported);
}
