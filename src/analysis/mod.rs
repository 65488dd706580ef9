//! Analysis: per article and per actor, the mentions, the evidence with whose voice it is, and
//! the stance of the outlet's own voice and of quoted sources. Pure: no UI, threads or files.

mod evidence;
mod field;
mod mentions;
mod score;
mod zones;

use serde::{Deserialize, Serialize};

pub use evidence::{AttachKind, Evidence};
pub use field::FieldKind;
pub use score::{Origin, StanceLabel};
pub use zones::{Voice, Voices};

use crate::article::Article;
use crate::lexicon::{Axis, Lexicon};
use field::Field;

/// How one article frames one actor.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActorFraming {
    /// Actor id.
    pub id: String,
    /// Display name in the article's language.
    pub name: String,
    /// Side id, in the article's conflict.
    pub side: Option<String>,
    /// The conflict the side belongs to (the actor's own pack, or the article's conflict for a
    /// shared actor such as a state).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<String>,
    /// Accepted mentions in title and body.
    pub mentions: usize,
    /// Stance of the outlet's own voice (body and headline); the analyst's when corrected.
    pub stance: StanceLabel,
    /// `auto` or `human` (a correction).
    #[serde(default)]
    pub origin: Origin,
    /// The analyst's note on a correction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The computed stance, when a correction replaced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_stance: Option<StanceLabel>,
    /// Outlet-voice legitimacy score in (−1, 1).
    pub score: f32,
    /// Confidence of the outlet-voice stance in [0, 1).
    pub confidence: f32,
    /// Stance of reported speech and direct quotes.
    pub quoted_stance: StanceLabel,
    /// Score of reported speech and direct quotes.
    pub quoted_score: f32,
    /// Battlefield performance in the outlet's voice (victory +, defeat −).
    pub performance: f32,
    /// Mentions inside direct quotations (or, at least one, when quoted evidence frames the
    /// actor): a source speaks of the actor. With none the quoted stance is "none", not
    /// "neutral"; a mere mention in reported speech is not counted (measured on the gold sets).
    #[serde(default)]
    pub quoted_mentions: usize,
    /// Every piece of evidence, in text order.
    pub evidence: Vec<Evidence>,
}

impl ActorFraming {
    /// The evidence in one line: `term (rule, voice, stance) | …` (export cells).
    #[must_use]
    pub fn evidence_summary(&self) -> String {
        self.evidence
            .iter()
            .map(|e| format!("{} ({}, {}, {})", e.text, e.rule, e.voice.as_str(), e.stance.as_str()))
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

/// The stance one voice's legitimacy evidence gives under `calibration` (what [`analyze`] computes,
/// for fitting the calibration without analysing again).
#[must_use]
pub fn stance_of(evidence: &[Evidence], outlet_voice: bool, calibration: &crate::lexicon::Calibration) -> StanceLabel {
    score::channel(evidence.iter().filter(|e| e.voice.is_outlet() == outlet_voice), Axis::Legitimacy, calibration).label
}

/// Backer evidence that inherits (`inherit` backer phrases, under the calibration's switch)
/// takes the own-voice frame the article gives the actor it backs, when that frame is polar:
/// the proxy's stance from its evidence other than backer phrases, so that the phrase does not
/// feed itself.
fn share_proxy_frames(all: &mut [Evidence], calibration: &crate::lexicon::Calibration) {
    use crate::lexicon::{EvidenceClass, Stance};
    if !calibration.rules.backers_share_the_proxys_frame {
        return;
    }
    let mut proxies: Vec<usize> = all.iter().filter_map(|e| e.proxy).collect();
    proxies.sort_unstable();
    proxies.dedup();
    for proxy in proxies {
        let own = all.iter().filter(|e| {
            e.actor == proxy && e.voice.is_outlet() && e.class != EvidenceClass::Backer && e.proxy.is_none()
        });
        let stance = match score::channel(own, Axis::Legitimacy, calibration).label {
            StanceLabel::Legitimizing => Stance::Legitimizing,
            StanceLabel::Delegitimizing => Stance::Delegitimizing,
            StanceLabel::Neutral | StanceLabel::Mixed => continue,
        };
        for e in all.iter_mut().filter(|e| e.proxy == Some(proxy) && !e.negated) {
            e.stance = stance;
        }
    }
}

/// Analyse an article against a lexicon.
#[must_use]
pub fn analyze(article: &Article, lexicon: &Lexicon) -> Vec<ActorFraming> {
    let fields =
        [Field::new(FieldKind::Title, &article.title, lexicon), Field::new(FieldKind::Body, &article.body, lexicon)];
    let conflicts = mentions::article_conflicts(&fields, lexicon);
    let primary = conflicts.primary();
    let mentions = mentions::accepted_mentions(&fields, lexicon, &conflicts);
    let mut counts = vec![0usize; lexicon.actors.len()];
    let mut quoted_counts = vec![0usize; lexicon.actors.len()];
    let mut all = Vec::new();
    for (field, field_mentions) in fields.iter().zip(&mentions) {
        let voices = zones::voices(field, article.language);
        for m in field_mentions {
            counts[m.actor] += 1;
            if voices.at(m.span.first, field.is_quoted(m.span.start, m.span.end)) == Voice::Quoted {
                quoted_counts[m.actor] += 1;
            }
        }
        let lead_end = field.normalized.text.find('\n').unwrap_or(field.normalized.text.len());
        let ctx = evidence::Context { field, mentions: field_mentions, voices: &voices, lexicon, lead_end };
        let found = evidence::collect(&ctx);
        let mut implied: Vec<(usize, usize)> =
            found.iter().filter(|e| e.implied_mention).map(|e| (e.actor, e.target_start)).collect();
        implied.dedup();
        for (actor, _) in implied {
            counts[actor] += 1;
        }
        all.extend(found);
    }
    share_proxy_frames(&mut all, &lexicon.calibration);
    let lang = article.language.code();
    let mut result: Vec<ActorFraming> = (0..lexicon.actors.len())
        .filter(|&a| counts[a] > 0)
        .map(|a| {
            let mut evidence: Vec<Evidence> = all.iter().filter(|e| e.actor == a).cloned().collect();
            evidence.sort_by_key(|e| (e.field == FieldKind::Body, e.start));
            let calibration = &lexicon.calibration;
            let own = score::channel(evidence.iter().filter(|e| e.voice.is_outlet()), Axis::Legitimacy, calibration);
            let quoted =
                score::channel(evidence.iter().filter(|e| !e.voice.is_outlet()), Axis::Legitimacy, calibration);
            let performance =
                score::channel(evidence.iter().filter(|e| e.voice.is_outlet()), Axis::Performance, calibration);
            let actor = &lexicon.actors[a];
            ActorFraming {
                id: actor.id.clone(),
                name: actor.name(lang).to_string(),
                side: lexicon.side_in(a, primary).map(str::to_string),
                conflict: actor.conflict.or(primary).map(|c| lexicon.conflicts[c].id.clone()),
                mentions: counts[a],
                stance: own.label,
                origin: Origin::Auto,
                note: None,
                auto_stance: None,
                score: score::round3(own.score),
                confidence: score::round3(score::confidence(own.mass)),
                quoted_stance: quoted.label,
                quoted_score: score::round3(quoted.score),
                performance: score::round3(performance.score),
                quoted_mentions: quoted_counts[a].max(evidence.iter().filter(|e| !e.voice.is_outlet()).count().min(1)),
                evidence,
            }
        })
        .collect();
    result.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
    result
}

#[cfg(test)]
mod tests;
