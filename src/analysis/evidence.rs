//! Evidence: descriptors, events and name frames attached to actor mentions by construction
//! (idafa, a title or label just before or after the name, post-nominal qualifiers, event
//! roles), never by a loose word window; with negation, hedging and distancing applied.

use serde::{Deserialize, Serialize};

use super::field::{Field, FieldKind, Span};
use super::mentions::Mention;
use super::zones::{Voice, Voices};
use crate::lexicon::{
    ActorKind, Attach, Axis, Category, EvidenceClass, Lexicon, Operator, RoleDef, Stance, Targets, TermRef,
};

/// How the evidence reached the actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttachKind {
    /// Construct state: term immediately before the name.
    Idafa,
    /// Term shortly before the name.
    Before,
    /// Term shortly after the name.
    After,
    /// The name itself is a frame.
    Name,
    /// A distancer before the name (so-called, ما يسمى).
    Distancer,
    /// The backer named in a proxy label (Iran-backed Houthis: Iran).
    Backer,
}

/// One piece of evidence about one actor.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Evidence {
    /// Actor index.
    #[serde(skip)]
    pub actor: usize,
    /// The term (or name) as printed.
    pub text: String,
    /// Stance after negation and distancing.
    pub stance: Stance,
    /// The lexicon entry that fired (descriptor or event id, or `name_frame`, `distancer`).
    pub rule: String,
    /// How it attached.
    pub attach: AttachKind,
    /// Whose words.
    pub voice: Voice,
    /// Legitimacy or performance.
    pub axis: Axis,
    /// What kind of evidence (its weight multiplier in the calibration).
    #[serde(default = "default_class")]
    pub class: EvidenceClass,
    /// Title or body.
    pub field: FieldKind,
    /// Byte range of the term in the original field text.
    pub start: usize,
    /// End of that range.
    pub end: usize,
    /// Byte range of the actor's name in the original field text.
    pub target_start: usize,
    /// End of that range.
    pub target_end: usize,
    /// Effective weight (lexicon weight, halved when hedged or rolled up), before position.
    pub weight: f32,
    /// Headline 1.5, lead paragraph 1.2, else 1.0.
    pub position: f32,
    /// A negator cancels it (it still shows, with no weight).
    pub negated: bool,
    /// A distancer or scare quotes flipped or cancelled it.
    pub distanced: bool,
    /// A hedge halved it.
    pub hedged: bool,
    /// Rolled up from this actor id (a group's label counts, weaker, for its leader).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// The group was named through its leader (ميليشيا حفتر names the LNA): a mention of it.
    #[serde(skip)]
    pub implied_mention: bool,
    /// Backer evidence that takes the frame the article gives this actor, the one backed
    /// (`inherit` backer phrases; see `share_proxy_frames`).
    #[serde(skip)]
    pub proxy: Option<usize>,
}

fn default_class() -> EvidenceClass {
    EvidenceClass::Label
}

impl Evidence {
    /// Signed contribution to the actor's score, with the calibration's multiplier.
    #[must_use]
    pub fn contribution(&self, multiplier: f32) -> f32 {
        self.stance.sign() * self.mass(multiplier)
    }

    /// Unsigned mass (neutral evidence counts, negated evidence does not).
    #[must_use]
    pub fn mass(&self, multiplier: f32) -> f32 {
        if self.negated { 0.0 } else { self.weight * self.position * multiplier }
    }
}

/// The calibration class of a descriptor category.
fn class_of(category: Category) -> EvidenceClass {
    match category {
        Category::Label => EvidenceClass::Label,
        Category::Title => EvidenceClass::Title,
        Category::Rank => EvidenceClass::Rank,
        Category::Qualifier => EvidenceClass::Qualifier,
        Category::Backer => EvidenceClass::Backer,
        Category::Personalization => EvidenceClass::Personalization,
        Category::Geographic => EvidenceClass::Geographic,
        Category::OperationName => EvidenceClass::OperationName,
    }
}

/// Weight of a distanced name without a frame (the so-called LNA).
const DISTANCED_NAME_WEIGHT: f32 = 0.7;
/// Evidence rolled up from a group to its leader (or from an idafa to the person) is marked
/// `via`; the calibration's `roll_up` weighs it when scoring.
const ROLL_UP: f32 = 1.0;
/// A head title ("head of the") stands at most this many tokens before the group it heads (a
/// qualifier may stand between: "head of the UN-recognised Government of National Accord").
const TITLE_BEFORE_GROUP: usize = 4;
/// The leader's name ends at most this many tokens before his title ("Sarraj, head of").
const HEAD_TITLE_GAP: usize = 2;
/// The leader's name after his title's group and its qualifiers (رئيس حكومة الوفاق المعترف بها
/// دوليا فايز السراج).
const LEADER_AFTER_TITLE: usize = 8;
/// A denial negates the events this many tokens after it, in its sentence.
const DENIAL_WINDOW: usize = 40;
/// An event's required word (المدنيين) stands at most this many tokens from it.
const REQUIRED_WINDOW: usize = 8;
/// A verb of describing governs a label this far after it.
const DESCRIBED_WINDOW: usize = 6;
/// Operators act within this many tokens before a term.
const OPERATOR_WINDOW: usize = 3;

pub struct Context<'f, 'a> {
    pub field: &'f Field<'a>,
    pub mentions: &'f [Mention],
    pub voices: &'f Voices,
    pub lexicon: &'f Lexicon,
    /// Normalized offset where the lead paragraph ends.
    pub lead_end: usize,
}

struct Found {
    mention: usize,
    attach: AttachKind,
}

impl Context<'_, '_> {
    fn find(&self, first: usize, last: usize, attach: Attach, exclude: Option<usize>) -> Option<Found> {
        self.find_with(first, last, attach, exclude, false)
    }

    /// `apposition`: a term after the name may stand across one comma or an opening
    /// parenthesis right before it (حكومة الوفاق، المعترف بها دوليا).
    fn find_with(
        &self,
        first: usize,
        last: usize,
        attach: Attach,
        exclude: Option<usize>,
        apposition: bool,
    ) -> Option<Found> {
        let field = self.field;
        let candidates = self.mentions.iter().enumerate().filter(|(i, _)| Some(*i) != exclude);
        match attach {
            Attach::Idafa => {
                let reach = self.construct_chain_end(last);
                candidates
                    .filter(|(_, m)| {
                        (m.span.first == last + 1 || m.span.first == reach + 1)
                            && !field.boundary_between(last, m.span.first)
                    })
                    .map(|(i, _)| Found { mention: i, attach: AttachKind::Idafa })
                    .next()
            }
            Attach::Before(n) => candidates
                .filter(|(_, m)| m.span.first > last)
                .min_by_key(|(_, m)| m.span.first)
                .filter(|(_, m)| {
                    m.span.first - last - 1 <= usize::from(n) && !field.boundary_between(last, m.span.first)
                })
                .map(|(i, _)| Found { mention: i, attach: AttachKind::Before }),
            Attach::After(n) => candidates
                .filter(|(_, m)| m.span.last < first)
                .max_by_key(|(_, m)| m.span.last)
                .filter(|(_, m)| {
                    let clear = if apposition {
                        // One comma or parenthesis, right before the term or before its article
                        // (the Palestinian Authority, the legitimate representative).
                        let at = if self.is_determiner(first.saturating_sub(1)) { first - 1 } else { first };
                        !field.boundary_between(m.span.last, at.saturating_sub(1).max(m.span.last))
                            && !field.boundary_between(at, first)
                            && !(at..=first).any(|i| field.tokens.tokens.get(i).is_some_and(|t| t.gap_before.hard))
                    } else {
                        !field.boundary_between(m.span.last, first)
                    };
                    first - m.span.last - 1 <= usize::from(n) && clear
                })
                .map(|(i, _)| Found { mention: i, attach: AttachKind::After }),
        }
    }

    /// Where a construct-state chain that starts right after token `last` ends: a unit noun
    /// (قوات، طائرات، مدفعية) or a label in construct state (ميليشيا) between a term and the
    /// name it governs — `قصفت ميليشيا الحوثي`, `غارات طائرات التحالف`. `last` when none.
    fn construct_chain_end(&self, last: usize) -> usize {
        let field = self.field;
        let unit =
            field.operators.iter().find(|op| op.value == Operator::UnitNoun && op.first == last + 1).map(|op| op.last);
        let label = || {
            field
                .terms
                .iter()
                .find(|t| {
                    t.first == last + 1
                        && matches!(t.value, TermRef::Descriptor(d) if self.lexicon.descriptors[d].attach.contains(&Attach::Idafa))
                })
                .map(|t| t.last)
        };
        unit.or_else(label).unwrap_or(last)
    }

    /// The voice of evidence at `token`: a referring expression in indirect speech is the
    /// outlet's wording (ANNOTATION.md), unless the calibration switches that rule off.
    fn evidence_voice(&self, draft: &Draft<'_>) -> Voice {
        let (token, referring, speech) = (draft.first, draft.referring, draft.speech);
        // Quote marks around exactly a name are the outlet's typography (Anadolu quotes names);
        // around a designation they hand the description to someone else.
        let exactly_quoted = referring && self.field.is_quoted(draft.start, draft.end);
        if (exactly_quoted && draft.designation) || (referring && self.described(draft)) {
            return Voice::Quoted;
        }
        let voice = self.voices.at(token, exactly_quoted);
        if speech && voice.is_outlet() {
            return Voice::Reported;
        }
        let outlet = match self.field.kind {
            FieldKind::Title => Voice::Headline,
            FieldKind::Body => Voice::Own,
        };
        if referring
            && voice == Voice::Reported
            && self.lexicon.calibration.rules.referring_expressions_follow_the_outlet
        {
            outlet
        } else {
            voice
        }
    }

    /// Whether the token is an English article (the, a, an).
    fn is_determiner(&self, token: usize) -> bool {
        self.field
            .tokens
            .tokens
            .get(token)
            .is_some_and(|t| matches!(&self.field.normalized.text[t.start..t.end], "the" | "a" | "an"))
    }

    /// Whether the mention is a leader's name standing for his group (قوات حفتر, ميليشيا حفتر):
    /// a group noun (a label or personalization that takes the construct state) right before
    /// it — not an adjective (الانقلابي حفتر is the man). What describes that
    /// phrase (قوات حفتر بالإرهابية) describes the group.
    fn named_through_leader(&self, mention: &Mention) -> bool {
        let field = self.field;
        field.terms.iter().any(|t| {
            t.last + 1 == mention.span.first
                && !field.boundary_between(t.last, mention.span.first)
                && matches!(t.value, TermRef::Descriptor(d)
                    if matches!(self.lexicon.descriptors[d].category, Category::Personalization | Category::Label)
                        && self.lexicon.descriptors[d].attach.contains(&Attach::Idafa))
        })
    }

    /// Whether the term is the predicate of a verb of describing: وصف الحوثيين بالإرهابيين
    /// ("described them as terrorists") — the describer's label, not the outlet's.
    fn described(&self, draft: &Draft<'_>) -> bool {
        let text = &self.field.normalized.text;
        let word_start = text[..draft.start]
            .char_indices()
            .rev()
            .find(|(_, c)| !crate::text::is_word_char(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let prefix = &text[word_start..draft.start];
        let introduced = matches!(prefix, "ب" | "بال" | "وب" | "وبال")
            || text[..word_start].trim_end().ends_with(" as")
            || text[..word_start].trim_end().ends_with(" as a")
            || text[..word_start].trim_end().ends_with(" as an");
        introduced && self.field.operator_before(Operator::Describing, draft.first, DESCRIBED_WINDOW)
    }

    fn position(&self, start: usize) -> f32 {
        match self.field.kind {
            FieldKind::Title => 1.5,
            FieldKind::Body if start < self.lead_end => 1.2,
            FieldKind::Body => 1.0,
        }
    }

    fn inside_mention(&self, span: &Span<TermRef>) -> bool {
        self.mentions.iter().any(|m| m.span.start <= span.start && span.end <= m.span.end)
    }

    /// Who the evidence goes to: the actor, plus its leader at half weight; an idafa label or a
    /// personalization on a person who leads a group goes to the group (ميليشيا حفتر → LNA).
    fn recipients(
        &self,
        mention: &Mention,
        attach: AttachKind,
        category: Option<Category>,
        names_forces: bool,
    ) -> Vec<(usize, f32, Option<usize>)> {
        let actor = mention.actor;
        let a = &self.lexicon.actors[actor];
        let to_group = a.kind == ActorKind::Person
            && (category == Some(Category::Personalization)
                || (category == Some(Category::Label) && (attach == AttachKind::Idafa || names_forces))
                || (category.is_some() && self.named_through_leader(mention)));
        if let (true, Some(&group)) = (to_group, a.leads.first()) {
            return vec![(group, 1.0, None), (actor, ROLL_UP, Some(group))];
        }
        // A label on an armed group frames its commander too, more weakly; a government's or a
        // state's frame does not pass to its head (the readers of the gold sets agree).
        let armed = matches!(a.kind, ActorKind::ArmedGroup | ActorKind::ForeignForce);
        let framing = category.is_some() || mention.span.value.designation.is_some();
        match a.leader {
            Some(leader) if leader != actor && armed => vec![(actor, 1.0, None), (leader, ROLL_UP, Some(actor))],
            // The group's descriptor is part of the leader's title: it describes him as much.
            Some(leader) if leader != actor && framing && self.named_in_leaders_title(mention, leader) => {
                vec![(actor, 1.0, None), (leader, 1.0, None)]
            }
            _ => vec![(actor, 1.0, None)],
        }
    }

    /// Whether the group is named in its leader's title, with the leader beside it: "رئيس
    /// حكومة الوفاق المعترف بها دوليا فايز السراج", "Fayez al-Sarraj, head of the UN-recognised
    /// administration" — a descriptor or designation of the group then describes him too.
    fn named_in_leaders_title(&self, mention: &Mention, leader: usize) -> bool {
        let field = self.field;
        let Some(head) = field.operators.iter().find(|op| {
            op.value == Operator::HeadTitle
                && op.last < mention.span.first
                && mention.span.first - op.last <= TITLE_BEFORE_GROUP
                && !field.boundary_between(op.last, mention.span.first)
        }) else {
            return false;
        };
        self.mentions.iter().any(|m| {
            m.actor == leader
                && ((m.span.last < head.first
                    && head.first - m.span.last <= HEAD_TITLE_GAP
                    && field.same_sentence(m.span.last, head.first))
                    || (m.span.first > mention.span.last
                        && m.span.first - mention.span.last <= LEADER_AFTER_TITLE
                        && field.same_sentence(mention.span.last, m.span.first)))
        })
    }

    /// Whether the mention and the term after it are joined by the English possessive
    /// (`Haftar's militias`: the militias are his forces).
    fn possessive(&self, mention: &Mention, first: usize) -> bool {
        let tokens = &self.field.tokens.tokens;
        first == mention.span.last + 2
            && tokens.get(mention.span.last + 1).is_some_and(|t| &self.field.normalized.text[t.start..t.end] == "s")
    }
}

/// Whether the term is a proxy label whose words are its backer's name (ميليشيات الحوثي
/// الإيرانية: الإيرانية names Iran and frames the Houthis).
fn names_its_backer(ctx: &Context<'_, '_>, term: &Span<TermRef>) -> bool {
    let TermRef::Descriptor(d) = term.value else { return false };
    let Some(backer) = ctx.lexicon.descriptors[d].backer.as_ref().and_then(|b| b.actor.as_deref()) else {
        return false;
    };
    ctx.mentions
        .iter()
        .any(|m| m.span.start <= term.start && term.end <= m.span.end && ctx.lexicon.actors[m.actor].id == backer)
}

/// All evidence in one field.
pub fn collect(ctx: &Context<'_, '_>) -> Vec<Evidence> {
    let mut out = Vec::new();
    for term in &ctx.field.terms {
        if ctx.inside_mention(term) && !names_its_backer(ctx, term) {
            continue;
        }
        match term.value {
            TermRef::Descriptor(d) => descriptor(ctx, term, d, &mut out),
            TermRef::Event(e) => event(ctx, term, e, &mut out),
        }
    }
    for mention in ctx.mentions {
        name_frame(ctx, mention, &mut out);
    }
    out
}

struct Draft<'r> {
    rule: &'r str,
    stance: Stance,
    weight: f32,
    axis: Axis,
    category: Option<Category>,
    class: EvidenceClass,
    /// A name, title or descriptor (the outlet's wording even inside indirect speech), not an
    /// event (a claim, which stays the source's).
    referring: bool,
    /// A speech act: the speaker's stance, in the quoted channel wherever it stands.
    speech: bool,
    /// A designation (the internationally recognised government), not a name.
    designation: bool,
    /// The label names the forces of the person it attaches to (militias loyal to Haftar).
    names_forces: bool,
    start: usize,
    end: usize,
    first: usize,
    negated: bool,
    distanced: bool,
    hedged: bool,
}

fn emit(ctx: &Context<'_, '_>, draft: &Draft<'_>, found: &Found, out: &mut Vec<Evidence>) {
    let mention = &ctx.mentions[found.mention];
    let target_range = ctx.field.original_range(mention.span.start, mention.span.end);
    let names_forces = draft.names_forces || ctx.possessive(mention, draft.first);
    for (actor, factor, via) in ctx.recipients(mention, found.attach, draft.category, names_forces) {
        if out.iter().any(|e| e.actor == actor && e.rule == draft.rule && e.target_start == target_range.start) {
            // Two forms of one event on one name (منيت … بهزائم) count once.
            continue;
        }
        let implied = actor != mention.actor && via.is_none();
        let via = via.map(|v| ctx.lexicon.actors[v].id.clone());
        out.push(evidence(
            ctx,
            draft,
            Recipient { actor, target: target_range.clone(), attach: found.attach, factor, via, implied },
        ));
    }
}

/// Who one piece of evidence goes to, and how.
struct Recipient {
    actor: usize,
    /// The original byte range of the name it attaches to.
    target: std::ops::Range<usize>,
    attach: AttachKind,
    /// Roll-up share (1 for the actor named).
    factor: f32,
    /// The mention it came through (a leader's group), by id.
    via: Option<String>,
    /// The actor is not named where the evidence stands.
    implied: bool,
}

fn evidence(ctx: &Context<'_, '_>, draft: &Draft<'_>, to: Recipient) -> Evidence {
    let field = ctx.field;
    let term_range = field.original_range(draft.start, draft.end);
    Evidence {
        implied_mention: to.implied,
        actor: to.actor,
        text: field.original[term_range.clone()].to_string(),
        stance: draft.stance,
        rule: draft.rule.to_string(),
        attach: to.attach,
        voice: ctx.evidence_voice(draft),
        axis: draft.axis,
        class: draft.class,
        field: field.kind,
        start: term_range.start,
        end: term_range.end,
        target_start: to.target.start,
        target_end: to.target.end,
        weight: draft.weight * to.factor * if draft.hedged { 0.5 } else { 1.0 },
        position: ctx.position(draft.start),
        negated: draft.negated,
        distanced: draft.distanced,
        hedged: draft.hedged,
        via: to.via,
        proxy: None,
    }
}

fn admits(ctx: &Context<'_, '_>, targets: &Targets, mention: usize) -> bool {
    ctx.lexicon.admits(targets, ctx.mentions[mention].actor)
}

fn descriptor(ctx: &Context<'_, '_>, term: &Span<TermRef>, index: usize, out: &mut Vec<Evidence>) {
    let def = &ctx.lexicon.descriptors[index];
    let apposition = ctx.lexicon.calibration.rules.apposition_across_punctuation
        && matches!(def.category, Category::Qualifier | Category::Backer | Category::Title | Category::Rank);
    let found = def
        .attach
        .iter()
        .filter_map(|rule| ctx.find_with(term.first, term.last, *rule, None, apposition))
        .find(|f| admits(ctx, &def.targets, f.mention));
    let Some(found) = found else {
        backer_of_unnamed_proxy(ctx, term, def, out);
        return;
    };
    let backer = match &def.backer {
        None => None,
        Some(b) => match backer_of(ctx, term, b, found.mention) {
            Some(backer) => Some((b, backer)),
            // A proxy label without its backer ("forces loyal to" a person) frames nothing.
            None => return,
        },
    };
    let field = ctx.field;
    let negated = negated_label(field, term.first);
    let hedged = field.operator_before(Operator::Hedge, term.first, OPERATOR_WINDOW);
    let distanced = field.operator_before(Operator::Distancer, term.first, OPERATOR_WINDOW)
        || field.operator_right_after(Operator::Distancer, term.last)
        || field.is_quoted(term.start, term.end)
        || (def.stance == Stance::Legitimizing && field.operator_before(Operator::LabelDistancer, term.first, 2));
    let (stance, negated) = match (distanced, def.stance) {
        (true, Stance::Delegitimizing) => (def.stance, true),
        (true, stance) => (stance.flipped(), negated),
        (false, stance) => (stance, negated),
    };
    let draft = Draft {
        rule: &def.id,
        stance,
        weight: def.weight,
        axis: Axis::Legitimacy,
        category: Some(def.category),
        class: class_of(def.category),
        referring: true,
        speech: false,
        designation: false,
        names_forces: def.names_forces,
        start: term.start,
        end: term.end,
        first: term.first,
        negated,
        distanced,
        hedged,
    };
    emit(ctx, &draft, &found, out);
    if let Some((def, (actor, target))) = backer {
        let draft =
            Draft { stance: def.stance, weight: def.weight, class: EvidenceClass::Proxy, category: None, ..draft };
        let before = out.len();
        emit_to(ctx, &draft, actor, target, AttachKind::Backer, out);
        let pushed = out.len() > before;
        if let Some(e) = out.last_mut().filter(|_| def.inherit && pushed) {
            e.proxy = Some(ctx.mentions[found.mention].actor);
        }
    }
}

/// "Turkish-backed militias", "mercenaries recruited by Turkey", "ميليشيات مدعومة من قطر": a
/// proxy label whose proxy is no actor still frames the backer it names, when a delegitimizing
/// label stands beside it.
fn backer_of_unnamed_proxy(
    ctx: &Context<'_, '_>,
    term: &Span<TermRef>,
    def: &crate::lexicon::DescriptorDef,
    out: &mut Vec<Evidence>,
) {
    let Some(backer) = def.backer.as_ref() else { return };
    let field = ctx.field;
    let delegitimizing_label = |t: &Span<TermRef>| {
        matches!(t.value, TermRef::Descriptor(d) if ctx.lexicon.descriptors[d].category == Category::Label
            && ctx.lexicon.descriptors[d].stance == Stance::Delegitimizing)
    };
    let mut stance = backer.stance;
    let (actor, target) = if let Some(id) = &backer.actor {
        // "Turkish-backed militias": the backer named, the label right after it.
        let label_after = field.terms.iter().any(|t| {
            t.first > term.last
                && t.first - term.last <= 2
                && !field.boundary_between(term.last, t.first)
                && delegitimizing_label(t)
        });
        let Some(actor) = ctx.lexicon.actor_index(id).filter(|_| label_after) else { return };
        (actor, field.original_range(term.start, term.end))
    } else {
        // "mercenaries recruited by Turkey": the label before, the backer after.
        let label_before = field.terms.iter().any(|t| {
            t.last < term.first
                && term.first - t.last <= 3
                && !field.boundary_between(t.last, term.first)
                && delegitimizing_label(t)
        });
        let served = if label_before { None } else { served_event(ctx, term, backer) };
        if !label_before && served.is_none() {
            return;
        }
        stance = served.unwrap_or(stance);
        let Some(found) = ctx.find(term.first, term.last, Attach::Before(2), None) else { return };
        let mention = &ctx.mentions[found.mention];
        if !ctx.lexicon.admits(&backer.targets, mention.actor) {
            return;
        }
        (mention.actor, field.original_range(mention.span.start, mention.span.end))
    };
    let draft = Draft {
        rule: &def.id,
        stance,
        weight: backer.weight,
        axis: Axis::Legitimacy,
        category: None,
        class: EvidenceClass::Proxy,
        referring: true,
        speech: false,
        designation: false,
        names_forces: false,
        start: term.start,
        end: term.end,
        first: term.first,
        negated: negated_label(field, term.first),
        distanced: false,
        hedged: field.operator_before(Operator::Hedge, term.first, OPERATOR_WINDOW),
    };
    emit_to(ctx, &draft, actor, target, AttachKind::Backer, out);
}

/// The stance of the action a support phrase serves, when the phrase backs no actor
/// (`حررت القوات المشتركة، بدعم من التحالف، مديرية…`: the support of a liberation): the
/// subject stance of a legitimacy event in the same sentence, not negated. Only for `inherit`
/// backers, under the calibration's switch.
fn served_event(ctx: &Context<'_, '_>, term: &Span<TermRef>, backer: &crate::lexicon::BackerDef) -> Option<Stance> {
    if !backer.inherit || !ctx.lexicon.calibration.rules.backers_share_the_proxys_frame {
        return None;
    }
    let field = ctx.field;
    field.terms.iter().find_map(|t| {
        let TermRef::Event(e) = t.value else { return None };
        let def = &ctx.lexicon.events[e];
        let stance = def.subject.as_ref()?.stance;
        (def.axis == Axis::Legitimacy
            && !def.speech
            && stance != Stance::Neutral
            && field.same_sentence(t.first, term.first)
            && !negated_event(field, t.first))
        .then_some(stance)
    })
}

/// The backer of a proxy label: the actor it names, or the mention right after it that the
/// backer's targets admit. With the original byte range of its name.
fn backer_of(
    ctx: &Context<'_, '_>,
    term: &Span<TermRef>,
    backer: &crate::lexicon::BackerDef,
    proxy: usize,
) -> Option<(usize, std::ops::Range<usize>)> {
    if let Some(id) = &backer.actor {
        let actor = ctx.lexicon.actor_index(id)?;
        return (actor != ctx.mentions[proxy].actor).then(|| (actor, ctx.field.original_range(term.start, term.end)));
    }
    let found = ctx.find(term.first, term.last, Attach::Before(2), Some(proxy))?;
    let mention = &ctx.mentions[found.mention];
    ctx.lexicon
        .admits(&backer.targets, mention.actor)
        .then(|| (mention.actor, ctx.field.original_range(mention.span.start, mention.span.end)))
}

/// Evidence straight to one actor (no roll-up): the backer of a proxy label.
fn emit_to(
    ctx: &Context<'_, '_>,
    draft: &Draft<'_>,
    actor: usize,
    target: std::ops::Range<usize>,
    attach: AttachKind,
    out: &mut Vec<Evidence>,
) {
    if out.iter().any(|e| e.actor == actor && e.rule == draft.rule && e.target_start == target.start) {
        return;
    }
    let implied = !ctx.mentions.iter().any(|m| m.actor == actor);
    out.push(evidence(ctx, draft, Recipient { actor, target, attach, factor: 1.0, via: None, implied }));
}

fn role_target(ctx: &Context<'_, '_>, term: &Span<TermRef>, role: &RoleDef, exclude: Option<usize>) -> Option<Found> {
    role.attach.iter().find_map(|rule| ctx.find(term.first, term.last, *rule, exclude))
}

/// A negator or a denial just before a label (ليست ميليشيا، "denied being a militia").
fn negated_label(field: &super::field::Field<'_>, first: usize) -> bool {
    field.operator_before(Operator::Negator, first, OPERATOR_WINDOW)
        || field.operator_before(Operator::Denial, first, OPERATOR_WINDOW)
}

/// A negator just before an event, or a denial anywhere before it in its sentence (نفى أن
/// تكون قوات التحالف تستهدف المدنيين).
fn negated_event(field: &super::field::Field<'_>, first: usize) -> bool {
    negated_label(field, first) || field.operator_before(Operator::Denial, first, DENIAL_WINDOW)
}

/// Proclitics a required word may carry (و، ب، ل، ف with or without the article).
const REQUIRED_PROCLITICS: [&str; 10] = ["", "و", "ب", "ل", "ف", "ال", "وال", "بال", "لل", "فال"];

/// Whether one of the event's required words stands within `REQUIRED_WINDOW` tokens of the
/// term, in its sentence, at the start of a word (after a proclitic at most).
fn requirement_met(field: &super::field::Field<'_>, term: &Span<TermRef>, requires: &[String]) -> bool {
    if requires.is_empty() {
        return true;
    }
    let tokens = &field.tokens.tokens;
    let text = &field.normalized.text;
    let lo = term.first.saturating_sub(REQUIRED_WINDOW);
    let hi = (term.last + REQUIRED_WINDOW).min(tokens.len().saturating_sub(1));
    (lo..=hi).filter(|&i| field.same_sentence(i, term.first)).any(|i| {
        let word = &text[tokens[i].start..tokens[i].end];
        requires.iter().any(|r| {
            REQUIRED_PROCLITICS.iter().any(|p| word.strip_prefix(p).is_some_and(|rest| rest.starts_with(r.as_str())))
        })
    })
}

fn event(ctx: &Context<'_, '_>, term: &Span<TermRef>, index: usize, out: &mut Vec<Evidence>) {
    let def = &ctx.lexicon.events[index];
    let field = ctx.field;
    if !requirement_met(field, term, &def.requires) {
        return;
    }
    let subject = def.subject.as_ref().and_then(|role| role_target(ctx, term, role, None).map(|f| (role, f)));
    let exclude = subject.as_ref().map(|(_, f)| f.mention);
    let object = def.object.as_ref().and_then(|role| role_target(ctx, term, role, exclude).map(|f| (role, f)));
    let negated = negated_event(field, term.first);
    let hedged = field.operator_before(Operator::Hedge, term.first, OPERATOR_WINDOW);
    for (role, found) in [subject, object].into_iter().flatten() {
        if role.stance == Stance::Neutral {
            continue;
        }
        let draft = Draft {
            rule: &def.id,
            stance: role.stance,
            weight: def.weight,
            axis: def.axis,
            category: None,
            class: EvidenceClass::Event,
            referring: false,
            speech: def.speech,
            designation: false,
            names_forces: false,
            start: term.start,
            end: term.end,
            first: term.first,
            negated,
            distanced: false,
            hedged,
        };
        emit(ctx, &draft, &found, out);
    }
}

fn name_frame(ctx: &Context<'_, '_>, mention: &Mention, out: &mut Vec<Evidence>) {
    let field = ctx.field;
    let span = &mention.span;
    // "known as" distances a name that claims legitimacy (the group known as the Libyan army),
    // not a plain nickname (Dagalo, known as Hemedti).
    let claims = span.value.frame.is_some_and(|(stance, _)| stance == Stance::Legitimizing);
    let distanced = !span.value.adjective
        && (field.operator_before(Operator::Distancer, span.first, 2)
            || field.operator_right_after(Operator::Distancer, span.last)
            || (claims && field.operator_before(Operator::LabelDistancer, span.first, 2)));
    let index = ctx.mentions.iter().position(|m| m.span.start == span.start).unwrap_or(0);
    let found = Found { mention: index, attach: AttachKind::Name };
    let draft = |rule: &'static str, stance: Stance, weight: f32, distanced: bool| Draft {
        rule,
        stance,
        weight,
        axis: Axis::Legitimacy,
        category: None,
        class: match (distanced && span.value.frame.is_none(), span.value.designation, span.value.device) {
            (true, _, _) => EvidenceClass::Distancer,
            (false, Some(_), _) => EvidenceClass::Designation,
            (false, None, Some(device)) => class_of(device),
            (false, None, None) => EvidenceClass::Name,
        },
        referring: true,
        speech: false,
        designation: span.value.designation.is_some(),
        names_forces: false,
        start: span.start,
        end: span.end,
        first: span.first,
        negated: false,
        distanced,
        hedged: false,
    };
    match span.value.frame {
        // Quotes alone do not distance a name: wire copy quotes names and operation names
        // (عملية "بركان الغضب"); a distancer word does.
        Some((stance, weight)) => {
            let (stance, weight) =
                if distanced { (Stance::Delegitimizing, weight.max(DISTANCED_NAME_WEIGHT)) } else { (stance, weight) };
            emit(ctx, &draft("name_frame", stance, weight, distanced), &found, out);
        }
        None if distanced => {
            let found = Found { mention: index, attach: AttachKind::Distancer };
            emit(ctx, &draft("distancer", Stance::Delegitimizing, DISTANCED_NAME_WEIGHT, true), &found, out);
        }
        None => {}
    }
}
