//! Attribution zones: whose voice each token is — the outlet's own words, the headline,
//! reported speech (قال … إن، ذكرت … أن، according to), or a direct quote (FRAMING.md §2.3).

use serde::Serialize;

use super::field::{Field, FieldKind};
use crate::lexicon::Operator;
use crate::text::Language;

/// Whose words a piece of evidence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
            let in_sentence = |i: usize| sentence.contains(&i);
            let ops: Vec<_> = field.operators.iter().filter(|op| in_sentence(op.first)).collect();
            let whole = ops.iter().any(|op| op.value == Operator::SourceCue)
                || (language != Language::Ar && ops.iter().any(|op| matches!(op.value, Operator::ReportingVerb | Operator::Skeptical)))
                || (previous_reported
                    && ops.iter().any(|op| op.first == sentence.start && matches!(op.value, Operator::Continuation | Operator::ReportingVerb)));
            let from = if whole {
                Some(sentence.start)
            } else {
                ops.iter()
                    .filter(|op| matches!(op.value, Operator::ReportingVerb | Operator::Skeptical))
                    .map(|op| op.first)
                    .min()
            };
            if let Some(from) = from {
                voice[from..sentence.end].fill(Voice::Reported);
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
