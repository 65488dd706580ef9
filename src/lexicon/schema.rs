//! The RON lexicon schema (FRAMING.md §5): packs of sides, actors with aliases, descriptors,
//! event terms and operators. Unknown fields are errors, so a typo never silently drops a rule.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// How a term frames the actor it attaches to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all(serialize = "lowercase"))]
pub enum Stance {
    /// Presents the actor as lawful, recognised, deserving.
    #[serde(alias = "legitimizing")]
    Legitimizing,
    /// Names without judging.
    #[serde(alias = "neutral")]
    Neutral,
    /// Presents the actor as unlawful, illegitimate, criminal.
    #[serde(alias = "delegitimizing")]
    Delegitimizing,
}

impl Stance {
    /// +1, 0 or −1.
    #[must_use]
    pub fn sign(self) -> f32 {
        match self {
            Self::Legitimizing => 1.0,
            Self::Neutral => 0.0,
            Self::Delegitimizing => -1.0,
        }
    }

    /// The lower-case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Legitimizing => "legitimizing",
            Self::Neutral => "neutral",
            Self::Delegitimizing => "delegitimizing",
        }
    }

    /// The opposite stance (a distancer flips a legitimizing label).
    #[must_use]
    pub fn flipped(self) -> Self {
        match self {
            Self::Legitimizing => Self::Delegitimizing,
            Self::Neutral => Self::Neutral,
            Self::Delegitimizing => Self::Legitimizing,
        }
    }
}

/// What an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum ActorKind {
    /// A person.
    Person,
    /// An army, militia or armed movement.
    ArmedGroup,
    /// A government or executive authority.
    Government,
    /// A parliament.
    Legislature,
    /// A state (as a foreign backer).
    State,
    /// A foreign force or contractor.
    ForeignForce,
    /// An international or civil organisation.
    Organisation,
    /// A people or population (Palestinians, civilians, protesters).
    People,
}

/// The kind of framing device a descriptor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Category {
    /// A label for the actor (militia, army, terrorists).
    Label,
    /// A descriptive title (retired general, renegade commander, the resigned president).
    Title,
    /// A rank or office one camp confers and the other refuses (Field Marshal, القائد العام).
    Rank,
    /// A qualifier after the name (internationally recognised).
    Qualifier,
    /// Naming the actor's backer (Iran-backed).
    Backer,
    /// Naming an institution after a person (Haftar's forces).
    Personalization,
    /// Geographic relativization (eastern forces, Tobruk parliament).
    Geographic,
    /// An operation name adopted in the outlet's voice.
    OperationName,
}

/// Where a descriptor or an event's role may stand relative to the actor's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Attach {
    /// Construct state: the term immediately followed by the name (ميليشيا حفتر).
    Idafa,
    /// The term ends at most N tokens before the name, within the clause.
    Before(u8),
    /// The term starts at most N tokens after the name, within the clause.
    After(u8),
}

/// Which actors a descriptor may describe.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, Serialize, Default)]
pub enum Targets {
    /// Any actor.
    #[default]
    Any,
    /// Actors of these kinds.
    Kinds(Vec<ActorKind>),
    /// These actors (by id).
    Actors(Vec<String>),
    /// Actors on these sides (by side id).
    Sides(Vec<String>),
}

/// Legitimacy (labels, liberation/occupation) or battlefield performance (victory/defeat).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all(serialize = "lowercase"))]
pub enum Axis {
    /// Who is lawful.
    #[serde(alias = "legitimacy")]
    Legitimacy,
    /// Who is winning.
    #[serde(alias = "performance")]
    Performance,
}

/// One lexicon pack file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackDef {
    /// Must be 1.
    pub schema_version: u32,
    /// Pack id; a pack in `--lexicon DIR` with the same id replaces the shipped one.
    pub id: String,
    /// Display names per language.
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    /// Languages this pack's entries may use.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Free text for the analyst.
    #[serde(default)]
    pub note: String,
    /// The sides of the conflict.
    #[serde(default)]
    pub sides: Vec<SideDef>,
    /// The actors.
    #[serde(default)]
    pub actors: Vec<ActorDef>,
    /// Labels, titles and qualifiers.
    #[serde(default)]
    pub descriptors: Vec<DescriptorDef>,
    /// Event terms with roles.
    #[serde(default)]
    pub events: Vec<EventDef>,
    /// Negators, distancers, reporting verbs and the like, per language.
    #[serde(default)]
    pub operators: Vec<OperatorsDef>,
    /// Actors defined in another pack (states, organisations) and the side each takes in this
    /// conflict; an actor with no role here has no side in this conflict's articles.
    #[serde(default)]
    pub roles: Vec<ConflictRoleDef>,
    /// Phrases that name an actor of this conflict without its name ("the internationally
    /// recognised government"): a mention only in articles of this conflict.
    #[serde(default)]
    pub designations: Vec<DesignationDef>,
    /// Places of this conflict: they tell an article's conflict, for its designations.
    #[serde(default)]
    pub places: Vec<String>,
}

/// The side a shared actor takes in one conflict.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictRoleDef {
    /// The actor's id (defined in any pack).
    pub actor: String,
    /// Its side in this conflict (a side of this pack), or none (mediator, bystander).
    #[serde(default)]
    pub side: Option<String>,
    /// Free text for the analyst.
    #[serde(default)]
    pub note: String,
}

/// A designation: a description that names an actor in this conflict's articles.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DesignationDef {
    /// The actor it names.
    pub actor: String,
    /// Language of the forms.
    pub lang: String,
    /// Printed forms.
    pub forms: Vec<String>,
    /// The designation is itself a frame, with its weight.
    #[serde(default)]
    pub frame: Option<(Stance, f32)>,
    /// Free text for the analyst.
    #[serde(default)]
    pub note: String,
}

/// The backer a proxy label names ("Iran-backed Houthis", الموالية لإيران): the phrase frames
/// the proxy and, with this stance, the backer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackerDef {
    /// The backer when the phrase names it ("Iran-backed"); otherwise the actor named right
    /// after the phrase (المدعومة من …), which `targets` must admit.
    #[serde(default)]
    pub actor: Option<String>,
    /// Which actors may be the backer named after the phrase.
    #[serde(default)]
    pub targets: Targets,
    /// Stance toward the backer.
    pub stance: Stance,
    /// Strength in [0, 1].
    pub weight: f32,
    /// The backer shares the frame the article gives what it backs (بدعم من, "backed by"):
    /// backing a force the outlet calls a militia is delegitimizing, backing what it calls a
    /// liberation legitimizing; `stance` holds when that frame is neutral. Applied when the
    /// calibration's `backers_share_the_proxys_frame` is on.
    #[serde(default)]
    pub inherit: bool,
}

/// A side of a conflict.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideDef {
    /// Globally unique side id.
    pub id: String,
    /// Display names per language.
    #[serde(default)]
    pub names: BTreeMap<String, String>,
}

/// An actor and its names.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorDef {
    /// Globally unique actor id.
    pub id: String,
    /// What the actor is.
    pub kind: ActorKind,
    /// The side it belongs to.
    #[serde(default)]
    pub side: Option<String>,
    /// Groups this actor belongs to (a leader's forces).
    #[serde(default)]
    pub member_of: Vec<String>,
    /// The person who leads this group.
    #[serde(default)]
    pub leader: Option<String>,
    /// Aliases per language; the first is the display name.
    pub names: BTreeMap<String, Vec<AliasDef>>,
    /// Free text for the analyst.
    #[serde(default)]
    pub note: String,
}

/// One name of an actor.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasDef {
    /// The name as printed.
    pub text: String,
    /// Counted only when a full name of the actor is in the article, or it is quoted or next
    /// to a title.
    #[serde(default)]
    pub short: bool,
    /// Also an ordinary word (كامل = complete): counted only when quoted or next to a title.
    #[serde(default)]
    pub ambiguous: bool,
    /// Match the exact case (acronyms such as GNA, RSF).
    #[serde(default)]
    pub case_sensitive: bool,
    /// A name that is itself a frame (الجنجويد, self-styled names), with its weight.
    #[serde(default)]
    pub frame: Option<(Stance, f32)>,
    /// A nationality adjective (مصري, Turkish): its feminine, plural and dual forms, with and
    /// without the article (مصرية، المصريين، السعوديون; Egyptians), name the state too.
    #[serde(default)]
    pub nisba: bool,
    /// What kind of device a framing name is, for its calibration weight: `Geographic` (حكومة
    /// طرابلس، Tobruk-based parliament), `OperationName` (بركان الغضب، عاصفة الحزم); a plain
    /// name frame otherwise.
    #[serde(default)]
    pub device: Option<Category>,
}

/// A label, title or qualifier that frames the actor it attaches to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DescriptorDef {
    /// Unique id, shown as the rule that fired.
    pub id: String,
    /// Language of the forms.
    pub lang: String,
    /// Printed forms (normalized before matching).
    pub forms: Vec<String>,
    /// Stance toward the target.
    pub stance: Stance,
    /// Strength in [0, 1].
    pub weight: f32,
    /// What kind of device it is.
    pub category: Category,
    /// Where it may stand relative to the name, tried in order.
    pub attach: Vec<Attach>,
    /// Which actors it may describe.
    #[serde(default)]
    pub targets: Targets,
    /// Accept plural and pronoun suffixes (ميليشياته، militias).
    #[serde(default)]
    pub allow_suffixes: bool,
    /// A proxy label: the backer it names is framed too; without a backer it does not fire.
    #[serde(default)]
    pub backer: Option<BackerDef>,
    /// The label names the forces of the person it attaches to ("militias loyal to Haftar",
    /// "mercenaries of Hadi"): it frames the group he leads, and him more weakly.
    #[serde(default)]
    pub names_forces: bool,
    /// Free text for the analyst.
    #[serde(default)]
    pub note: String,
    /// Where the weight comes from.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// The stance an event gives to one of its roles and where that role's actor stands.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleDef {
    /// Stance toward the actor in this role.
    pub stance: Stance,
    /// Where the actor may stand, tried in order.
    pub attach: Vec<Attach>,
}

/// An event term (liberation, occupation, defeat) with its roles.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDef {
    /// Unique id, shown as the rule that fired.
    pub id: String,
    /// Language of the forms.
    pub lang: String,
    /// Printed forms.
    pub forms: Vec<String>,
    /// Legitimacy or performance.
    pub axis: Axis,
    /// Strength in [0, 1].
    pub weight: f32,
    /// The actor doing or undergoing the action.
    #[serde(default)]
    pub subject: Option<RoleDef>,
    /// The actor acted upon.
    #[serde(default)]
    pub object: Option<RoleDef>,
    /// A speech act (praise, condemnation): its stance is the speaker's, so it counts in the
    /// quoted channel even in the outlet's narrative.
    #[serde(default)]
    pub speech: bool,
    /// The event counts only when one of these single words stands near it in its sentence (a
    /// strike is harm to civilians only beside مدنيين, "children", "hospital"); the word may
    /// carry proclitics (و، ب، ل، ال…) and any ending.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Accept plural and pronoun suffixes.
    #[serde(default)]
    pub allow_suffixes: bool,
    /// Free text for the analyst.
    #[serde(default)]
    pub note: String,
}

/// Words that change how nearby evidence counts, for one language.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct OperatorsDef {
    /// Language of the words.
    pub lang: String,
    /// Cancel a following label (لم، ليس، not).
    #[serde(default)]
    pub negators: Vec<String>,
    /// Flip a following legitimizing label (ما يسمى، so-called).
    #[serde(default)]
    pub distancers: Vec<String>,
    /// Halve a following label (ربما، reportedly).
    #[serde(default)]
    pub hedges: Vec<String>,
    /// Speech verbs: the rest of the sentence is reported speech (قال، أعلن، said).
    #[serde(default)]
    pub reporting_verbs: Vec<String>,
    /// Source phrases: the whole sentence is reported (بحسب، في بيان، according to).
    #[serde(default)]
    pub source_cues: Vec<String>,
    /// Sentence openers that continue reported speech (كما، وأضاف، he added).
    #[serde(default)]
    pub continuation_cues: Vec<String>,
    /// Verbs by which the outlet distances itself from the speaker (زعم، claimed).
    #[serde(default)]
    pub skeptical_verbs: Vec<String>,
    /// Neutral titles that make an ambiguous name count (الوزير، الرئيس، President).
    #[serde(default)]
    pub titles: Vec<String>,
    /// Phrases by which the outlet hands a label to someone else (ما وصفه بـ، "what it called"):
    /// the words after them, to the next comma, are the source's.
    #[serde(default)]
    pub handoffs: Vec<String>,
    /// The same, after the words they hand off (على حد تعبيره, "in his words").
    #[serde(default)]
    pub trailing_handoffs: Vec<String>,
    /// Verbs of describing (وصف … بـ، "described … as"): a label they introduce with بـ / "as" is
    /// the describer's.
    #[serde(default)]
    pub describing_verbs: Vec<String>,
    /// Distancers for a legitimizing label or name only ("known as", المعروف بـ): a nickname
    /// after them stays a plain name.
    #[serde(default)]
    pub label_distancers: Vec<String>,
    /// Words for the head of a group (رئيس، قائد، "head of", "speaker of"): a frame on a group
    /// named right after them, in the title of its leader named beside it, passes to the leader
    /// at the roll-up weight (رئيس حكومة الوفاق المعترف بها دوليا فايز السراج).
    #[serde(default)]
    pub head_titles: Vec<String>,
    /// Denials (نفى، "denied"): like negators for a label just after them, and they negate every
    /// event in the rest of their sentence (نفى أن تكون قوات التحالف تستهدف المدنيين).
    #[serde(default)]
    pub denials: Vec<String>,
    /// Nouns for an actor's forces or weapons (قوات، طائرات، مدفعية، "forces"): a term in
    /// construct state with one reaches the actor named after it (قصفت طائرات التحالف).
    #[serde(default)]
    pub unit_nouns: Vec<String>,
}
