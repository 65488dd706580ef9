//! Rasd against a gold set: for each labelled (article, actor) pair, Rasd's own-voice and
//! quoted stances beside the labeller's; agreement overall and by language, conflict and outlet;
//! every disagreement with both sides' evidence; gold evidence Rasd never found (recall gaps);
//! rows that could not be scored (unknown actor, missing file), listed rather than dropped.
//! Pure: the caller reads the files and runs the analysis.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use super::agreement::{Agreement, Confusion};
use super::gold::GoldRow;
use crate::analysis::{ActorFraming, FieldKind, StanceLabel};
use crate::text::normalize;

/// Own-voice labels, in matrix order.
pub const OWN_LABELS: [&str; 4] = ["legitimizing", "neutral", "mixed", "delegitimizing"];
/// Quoted-voice labels: the same and `none` (no source speaks of the actor).
pub const QUOTED_LABELS: [&str; 5] = ["legitimizing", "neutral", "mixed", "delegitimizing", "none"];

fn own_index(label: StanceLabel) -> usize {
    match label {
        StanceLabel::Legitimizing => 0,
        StanceLabel::Neutral => 1,
        StanceLabel::Mixed => 2,
        StanceLabel::Delegitimizing => 3,
    }
}

fn quoted_index(label: Option<StanceLabel>) -> usize {
    label.map_or(4, own_index)
}

/// One analysed article as the evaluation sees it.
#[derive(Debug, Clone)]
pub struct EvalArticle<'a> {
    /// Language code (`ar`, `en`, `other`).
    pub language: &'a str,
    /// The outlet, when the file names it.
    pub outlet: Option<&'a str>,
    /// The headline.
    pub title: &'a str,
    /// The body.
    pub body: &'a str,
    /// Rasd's framing of every actor it found.
    pub actors: &'a [ActorFraming],
}

/// What Rasd says of one actor in one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prediction {
    /// Whether Rasd found the actor at all.
    pub found: bool,
    /// Own voice (neutral when not found: Rasd claims no framing).
    pub own: StanceLabel,
    /// Quoted voice, `None` when no source speaks of the actor.
    pub quoted: Option<StanceLabel>,
}

impl Prediction {
    /// Rasd's reading of `actor_id` in `actors`.
    #[must_use]
    pub fn of(actors: &[ActorFraming], actor_id: &str) -> Self {
        match actors.iter().find(|a| a.id == actor_id) {
            Some(a) => Self {
                found: true,
                own: a.auto_stance.unwrap_or(a.stance),
                quoted: (a.quoted_mentions > 0).then_some(a.quoted_stance),
            },
            None => Self { found: false, own: StanceLabel::Neutral, quoted: None },
        }
    }
}

/// Agreement in both voices.
#[derive(Debug, Clone, Serialize)]
pub struct VoiceAgreement {
    /// The outlet's own voice.
    pub own: Agreement,
    /// Quoted sources.
    pub quoted: Agreement,
}

#[derive(Debug, Clone)]
struct Matrices {
    own: Confusion,
    quoted: Confusion,
}

impl Matrices {
    fn new() -> Self {
        Self { own: Confusion::new(&OWN_LABELS), quoted: Confusion::new(&QUOTED_LABELS) }
    }

    fn add(&mut self, gold: &GoldRow, rasd: Prediction) {
        self.own.add(own_index(gold.own), own_index(rasd.own), 1.0);
        self.quoted.add(quoted_index(gold.quoted), quoted_index(rasd.quoted), 1.0);
    }

    fn summary(&self) -> VoiceAgreement {
        VoiceAgreement { own: self.own.summary(), quoted: self.quoted.summary() }
    }
}

/// One piece of Rasd's evidence, in brief.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceBrief {
    /// The term as printed.
    pub term: String,
    /// The lexicon entry.
    pub rule: String,
    /// Whose voice.
    pub voice: String,
    /// Its stance.
    pub stance: String,
}

/// A pair where Rasd and the gold disagree.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    /// Gold file line.
    pub line: usize,
    /// Article path.
    pub file: String,
    /// Actor id.
    pub actor_id: String,
    /// `own` or `quoted`.
    pub voice: &'static str,
    /// The gold label.
    pub gold: String,
    /// Rasd's label.
    pub rasd: String,
    /// Whether Rasd found the actor.
    pub found: bool,
    /// Rasd's evidence for the actor.
    pub rasd_evidence: Vec<EvidenceBrief>,
    /// The gold evidence.
    pub gold_evidence: Vec<String>,
}

/// Gold evidence of a polar judgement that no evidence of Rasd's for the actor touches.
#[derive(Debug, Clone, Serialize)]
pub struct RecallGap {
    /// Gold file line.
    pub line: usize,
    /// Article path.
    pub file: String,
    /// Actor id.
    pub actor_id: String,
    /// The gold's stance (own voice, or quoted when the own voice is neutral).
    pub gold: String,
    /// The phrase.
    pub phrase: String,
    /// Whether the phrase was found in the article's text at all.
    pub located: bool,
}

/// A gold row that could not be scored.
#[derive(Debug, Clone, Serialize)]
pub struct Unscored {
    /// Gold file line.
    pub line: usize,
    /// Article path.
    pub file: String,
    /// Actor id.
    pub actor_id: String,
    /// Why.
    pub reason: String,
}

/// Whether Rasd finds the actors the gold says are (or are not) there.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MentionScores {
    /// Scored rows with `mentioned = yes`.
    pub gold_mentioned: usize,
    /// Of those, how many Rasd found.
    pub found: usize,
    /// `found / gold_mentioned`.
    pub recall: Option<f64>,
    /// Rows with `mentioned = no`.
    pub gold_absent: usize,
    /// Of those, how many Rasd claims anyway.
    pub false_mentions: usize,
}

/// The headline figures the targets are stated in.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Targets {
    /// Own-voice accuracy.
    pub accuracy: Option<f64>,
    /// Own-voice κ.
    pub kappa: Option<f64>,
    /// Recall of gold legitimizing pairs.
    pub recall_legitimizing: Option<f64>,
    /// Recall of gold delegitimizing pairs.
    pub recall_delegitimizing: Option<f64>,
    /// Share of gold-neutral pairs where Rasd claims legitimizing, delegitimizing or mixed.
    pub polar_on_neutral: Option<f64>,
}

/// Everything `rasd eval` prints for one gold set.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    /// Rows in the gold file.
    pub rows: usize,
    /// Rows left out as low confidence.
    pub low_confidence: usize,
    /// Rows scored.
    pub scored: usize,
    /// The target figures.
    pub targets: Targets,
    /// Overall agreement.
    pub overall: VoiceAgreement,
    /// Finding the actors.
    pub mentions: MentionScores,
    /// By article language.
    pub by_language: BTreeMap<String, VoiceAgreement>,
    /// By conflict pack of the actor.
    pub by_pack: BTreeMap<String, VoiceAgreement>,
    /// By outlet.
    pub by_outlet: BTreeMap<String, VoiceAgreement>,
    /// Every disagreement.
    pub disagreements: Vec<Disagreement>,
    /// Gold evidence Rasd never found.
    pub recall_gaps: Vec<RecallGap>,
    /// Rows that could not be scored.
    pub unscored: Vec<Unscored>,
}

/// What the evaluation needs to know of the lexicon.
pub trait ActorCatalog {
    /// Whether the id names an actor.
    fn knows(&self, actor_id: &str) -> bool;
    /// The pack (conflict) an actor belongs to, for the breakdown.
    fn pack_of(&self, actor_id: &str) -> Option<&str>;
}

impl ActorCatalog for crate::lexicon::Lexicon {
    fn knows(&self, actor_id: &str) -> bool {
        self.actor_index(actor_id).is_some()
    }

    fn pack_of(&self, actor_id: &str) -> Option<&str> {
        self.actor_index(actor_id).map(|i| self.actors[i].pack.as_str())
    }
}

fn brief(actor: Option<&ActorFraming>) -> Vec<EvidenceBrief> {
    actor
        .map(|a| {
            a.evidence
                .iter()
                .map(|e| EvidenceBrief {
                    term: e.text.clone(),
                    rule: e.rule.clone(),
                    voice: e.voice.as_str().to_string(),
                    stance: if e.negated { "negated".to_string() } else { e.stance.as_str().to_string() },
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Where a gold phrase stands in the article: (field, byte range), exact or after
/// normalization (a labeller's alef or hamza may differ from the article's).
fn locate(article: &EvalArticle<'_>, phrase: &str) -> Vec<(FieldKind, std::ops::Range<usize>)> {
    let mut found = Vec::new();
    for (kind, text) in [(FieldKind::Title, article.title), (FieldKind::Body, article.body)] {
        let exact: Vec<_> = text.match_indices(phrase).map(|(i, p)| (kind, i..i + p.len())).collect();
        if !exact.is_empty() {
            found.extend(exact);
            continue;
        }
        let haystack = normalize(text);
        let needle = normalize(phrase);
        if needle.text.trim().is_empty() {
            continue;
        }
        for (i, p) in haystack.text.match_indices(needle.text.trim()) {
            found.push((kind, haystack.original_range(i, i + p.len())));
        }
    }
    found
}

fn gaps(row: &GoldRow, article: &EvalArticle<'_>, actor: Option<&ActorFraming>) -> Vec<RecallGap> {
    let polar = |s: StanceLabel| s != StanceLabel::Neutral;
    let gold = if polar(row.own) { row.own } else { row.quoted.filter(|s| polar(*s)).unwrap_or(StanceLabel::Neutral) };
    if !polar(gold) {
        return Vec::new();
    }
    row.evidence
        .iter()
        .filter_map(|phrase| {
            let places = locate(article, phrase);
            let touched = places.iter().any(|(kind, range)| {
                actor.is_some_and(|a| {
                    a.evidence.iter().any(|e| {
                        e.field == *kind
                            && !e.negated
                            && e.stance != crate::lexicon::Stance::Neutral
                            && (e.start < range.end && range.start < e.end)
                    })
                })
            });
            (!touched).then(|| RecallGap {
                line: row.line,
                file: row.file.clone(),
                actor_id: row.actor_id.clone(),
                gold: gold.as_str().to_string(),
                phrase: phrase.clone(),
                located: !places.is_empty(),
            })
        })
        .collect()
}

fn share(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole)
}

/// Compare Rasd with a gold set. `article_of` gives the analysed article of a gold path, or the
/// reason it has none (missing, unreadable).
pub fn evaluate<'a>(
    gold: &[GoldRow],
    catalog: &impl ActorCatalog,
    article_of: impl Fn(&str) -> Result<EvalArticle<'a>, String>,
) -> EvalReport {
    let mut overall = Matrices::new();
    let mut by_language: BTreeMap<String, Matrices> = BTreeMap::new();
    let mut by_pack: BTreeMap<String, Matrices> = BTreeMap::new();
    let mut by_outlet: BTreeMap<String, Matrices> = BTreeMap::new();
    let mut mentions = MentionScores::default();
    let mut disagreements = Vec::new();
    let mut recall_gaps = Vec::new();
    let mut unscored = Vec::new();
    let mut low_confidence = 0;
    let mut seen = HashSet::new();
    for row in gold {
        let skip = |reason: String| Unscored {
            line: row.line,
            file: row.file.clone(),
            actor_id: row.actor_id.clone(),
            reason,
        };
        if !catalog.knows(&row.actor_id) {
            unscored.push(skip(format!("unknown actor id `{}`", row.actor_id)));
            continue;
        }
        if !seen.insert((row.file.as_str(), row.actor_id.as_str())) {
            unscored.push(skip("the same (file, actor) pair labelled twice; the first row counts".into()));
            continue;
        }
        let article = match article_of(&row.file) {
            Ok(article) => article,
            Err(reason) => {
                unscored.push(skip(reason));
                continue;
            }
        };
        if !row.scored() {
            low_confidence += 1;
            continue;
        }
        let actor = article.actors.iter().find(|a| a.id == row.actor_id);
        let rasd = Prediction::of(article.actors, &row.actor_id);
        if !row.mentioned {
            mentions.gold_absent += 1;
            mentions.false_mentions += usize::from(rasd.found);
            continue;
        }
        mentions.gold_mentioned += 1;
        mentions.found += usize::from(rasd.found);
        overall.add(row, rasd);
        by_language.entry(article.language.to_string()).or_insert_with(Matrices::new).add(row, rasd);
        let pack = catalog.pack_of(&row.actor_id).unwrap_or("-").to_string();
        by_pack.entry(pack).or_insert_with(Matrices::new).add(row, rasd);
        let outlet = article.outlet.unwrap_or("-").to_string();
        by_outlet.entry(outlet).or_insert_with(Matrices::new).add(row, rasd);
        let mut differ = |voice: &'static str, gold: &str, got: &str| {
            if gold != got {
                disagreements.push(Disagreement {
                    line: row.line,
                    file: row.file.clone(),
                    actor_id: row.actor_id.clone(),
                    voice,
                    gold: gold.to_string(),
                    rasd: got.to_string(),
                    found: rasd.found,
                    rasd_evidence: brief(actor),
                    gold_evidence: row.evidence.clone(),
                });
            }
        };
        differ("own", row.own.as_str(), rasd.own.as_str());
        differ("quoted", QUOTED_LABELS[quoted_index(row.quoted)], QUOTED_LABELS[quoted_index(rasd.quoted)]);
        recall_gaps.extend(gaps(row, &article, actor));
    }
    mentions.recall = share(mentions.found as f64, mentions.gold_mentioned as f64);
    let summary = overall.summary();
    let targets = targets(&overall.own);
    EvalReport {
        rows: gold.len(),
        low_confidence,
        scored: mentions.gold_mentioned + mentions.gold_absent,
        targets,
        overall: summary,
        mentions,
        by_language: by_language.into_iter().map(|(k, m)| (k, m.summary())).collect(),
        by_pack: by_pack.into_iter().map(|(k, m)| (k, m.summary())).collect(),
        by_outlet: by_outlet.into_iter().map(|(k, m)| (k, m.summary())).collect(),
        disagreements,
        recall_gaps,
        unscored,
    }
}

fn targets(own: &Confusion) -> Targets {
    let recall = |i: usize| {
        let support: f64 = own.counts[i].iter().sum();
        share(own.counts[i][i], support)
    };
    let neutral = own_index(StanceLabel::Neutral);
    let neutral_row: f64 = own.counts[neutral].iter().sum();
    Targets {
        accuracy: own.accuracy(),
        kappa: own.cohen_kappa(),
        recall_legitimizing: recall(own_index(StanceLabel::Legitimizing)),
        recall_delegitimizing: recall(own_index(StanceLabel::Delegitimizing)),
        polar_on_neutral: share(neutral_row - own.counts[neutral][neutral], neutral_row),
    }
}

/// Agreement between two coders on the pairs both coded (scored rows of both), in both voices.
#[must_use]
pub fn coder_agreement(first: &[GoldRow], second: &[GoldRow]) -> (usize, VoiceAgreement) {
    let mut matrices = Matrices::new();
    let key = |r: &GoldRow| (r.file.clone(), r.actor_id.clone());
    let others: BTreeMap<_, _> = second.iter().filter(|r| r.scored() && r.mentioned).map(|r| (key(r), r)).collect();
    let mut shared = 0;
    for row in first.iter().filter(|r| r.scored() && r.mentioned) {
        if let Some(other) = others.get(&key(row)) {
            shared += 1;
            matrices.add(row, Prediction { found: true, own: other.own, quoted: other.quoted });
        }
    }
    (shared, matrices.summary())
}
