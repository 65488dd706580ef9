//! Lexicon packs (RON, human-editable): actors with aliases, descriptors, event terms and
//! operators; their validation with precise positions; and the compiled matchers. No UI, no
//! threads.

mod calibration;
mod compile;
mod load;
mod matcher;
mod schema;
mod validate;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub use calibration::{BUILTIN_CALIBRATION, CALIBRATION_FILE, Calibration, EvidenceClass, RuleSwitches};
pub use load::{LexiconError, PackSource, builtin_sources, dir_sources, parse_all};
pub use matcher::{FormClass, FormSpec, Hit, PatternSet, RawMatch, SharedAutomaton};
pub use schema::{
    ActorKind, Attach, Axis, BackerDef, Category, ConflictRoleDef, DescriptorDef, DesignationDef, EventDef,
    OperatorsDef, PackDef, RoleDef, Stance, Targets,
};

/// An actor after compilation.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Stable id (`haftar`, `gna`).
    pub id: String,
    /// What it is.
    pub kind: ActorKind,
    /// Its side, if any.
    pub side: Option<String>,
    /// Indexes of groups it belongs to.
    pub member_of: Vec<usize>,
    /// Index of the person leading it.
    pub leader: Option<usize>,
    /// Indexes of the groups it leads.
    pub leads: Vec<usize>,
    /// Display name per language (the first alias).
    pub names: BTreeMap<String, String>,
    /// The pack that defines it.
    pub pack: String,
    /// The conflict whose pack defines it (a party of that war), or none for shared actors
    /// (states, organisations) whose side depends on the article's conflict.
    pub conflict: Option<usize>,
}

impl Actor {
    /// The display name in `lang`, else English, else any.
    #[must_use]
    pub fn name(&self, lang: &str) -> &str {
        self.names
            .get(lang)
            .or_else(|| self.names.get("en"))
            .or_else(|| self.names.values().next())
            .map_or(self.id.as_str(), String::as_str)
    }
}

/// What an alias form stands for.
#[derive(Debug, Clone, Copy)]
pub struct AliasRef {
    /// The actor index.
    pub actor: usize,
    /// Needs a full name in the article, quotes or a title.
    pub short: bool,
    /// Needs quotes or a title.
    pub ambiguous: bool,
    /// A name that is itself a frame.
    pub frame: Option<(Stance, f32)>,
    /// A designation of this conflict: a mention only in an article of that conflict.
    pub designation: Option<usize>,
    /// A nationality adjective (المصري): an adjective is never distanced as a name is.
    pub adjective: bool,
    /// The kind of device a framing name is (geographic, operation name), when it is one.
    pub device: Option<Category>,
}

/// A conflict: a pack with sides, and the side each shared actor takes in it.
#[derive(Debug, Clone)]
pub struct Conflict {
    /// The pack id (`libya`, `yemen`, …).
    pub id: String,
    /// Shared actors' sides here (actor index → side id or none).
    pub roles: HashMap<usize, Option<String>>,
}

/// What a term form stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermRef {
    /// Index into [`Lexicon::descriptors`].
    Descriptor(usize),
    /// Index into [`Lexicon::events`].
    Event(usize),
}

/// Operator words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    /// Cancels a following label.
    Negator,
    /// Flips a following legitimizing label.
    Distancer,
    /// Halves a following label.
    Hedge,
    /// Starts reported speech to the end of the sentence.
    ReportingVerb,
    /// Makes the whole sentence reported.
    SourceCue,
    /// Continues reported speech into the sentence it opens.
    Continuation,
    /// A reporting verb by which the outlet doubts the speaker.
    Skeptical,
    /// A neutral title next to a name.
    Title,
    /// Hands the following label to someone else (ما وصفه بـ, what it called).
    Handoff,
    /// Hands the preceding words to someone else (على حد تعبيره, in his words).
    TrailingHandoff,
    /// A verb of describing: the label it introduces with بـ / "as" is the describer's.
    Describing,
    /// Distances a following label or name only when it claims legitimacy ("known as").
    LabelDistancer,
    /// The head of the group named after it (رئيس، "head of").
    HeadTitle,
    /// Negates a label after it and the events in the rest of its sentence (نفى، denied).
    Denial,
    /// A noun for an actor's forces or weapons, in a construct-state chain (طائرات التحالف).
    UnitNoun,
}

/// The order of the sets in [`Lexicon::shared`].
pub const SHARED_SETS: [&str; 5] = ["aliases", "designations", "terms", "operators", "places"];

/// The compiled lexicon: actors and matchers for names, terms and operators.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Every actor.
    pub actors: Vec<Actor>,
    /// Side ids with their display names.
    pub sides: Vec<(String, BTreeMap<String, String>)>,
    /// Descriptors, indexed by [`TermRef::Descriptor`].
    pub descriptors: Vec<DescriptorDef>,
    /// Event terms, indexed by [`TermRef::Event`].
    pub events: Vec<EventDef>,
    /// The packs in use, with their files.
    pub packs: Vec<(String, String)>,
    /// Actor aliases.
    pub aliases: PatternSet<AliasRef>,
    /// Designations (a separate automaton, so that another conflict's designation never hides
    /// an alias: قوات الجيش الوطني [Yemen] against الجيش الوطني الليبي [Libya]).
    pub designations: PatternSet<AliasRef>,
    /// Descriptors and events.
    pub terms: PatternSet<TermRef>,
    /// Operator words.
    pub operators: PatternSet<Operator>,
    /// The conflicts (packs with sides).
    pub conflicts: Vec<Conflict>,
    /// Place names, each standing for a conflict index.
    pub places: PatternSet<usize>,
    /// How evidence becomes a stance.
    pub calibration: Calibration,
    /// Every normalized form the automata search (for `rasd lexicon --forms`).
    pub forms: Vec<String>,
    /// Aliases, designations, terms, operators and places in one automaton ([`SHARED_SETS`]
    /// order): a field is scanned once.
    pub shared: SharedAutomaton,
    actor_index: HashMap<String, usize>,
}

impl Lexicon {
    /// The shipped packs, plus the `*.ron` packs of `extra` (which add packs or replace shipped
    /// packs with the same id).
    ///
    /// # Errors
    /// Every problem, each with file, line and column.
    pub fn load(extra: Option<&Path>) -> Result<Self, Vec<LexiconError>> {
        let user = match extra {
            Some(dir) => dir_sources(dir)?,
            None => Vec::new(),
        };
        let mut lexicon = Self::from_sources(builtin_sources(), user)?;
        lexicon.calibration = load_calibration(extra)?;
        Ok(lexicon)
    }

    /// Compile from pack texts.
    ///
    /// # Errors
    /// Every problem, each with file, line and column.
    pub fn from_sources(builtin: Vec<PackSource>, user: Vec<PackSource>) -> Result<Self, Vec<LexiconError>> {
        let packs = parse_all(builtin, user)?;
        let errors = validate::validate(&packs);
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut lexicon = compile::compile(&packs).map_err(|message| {
            let file = packs.first().map(|(s, _)| s.file.clone()).unwrap_or_default();
            vec![LexiconError { file, line: 1, column: 1, message }]
        })?;
        lexicon.calibration = load_calibration(None)?;
        Ok(lexicon)
    }

    /// A lexicon with no packs (the window runs on it when the packs fail to load, and says so).
    #[must_use]
    pub fn empty() -> Self {
        Self {
            actors: Vec::new(),
            sides: Vec::new(),
            descriptors: Vec::new(),
            events: Vec::new(),
            packs: Vec::new(),
            aliases: PatternSet::empty(),
            designations: PatternSet::empty(),
            terms: PatternSet::empty(),
            operators: PatternSet::empty(),
            conflicts: Vec::new(),
            places: PatternSet::empty(),
            calibration: Calibration::default(),
            forms: Vec::new(),
            shared: SharedAutomaton::default(),
            actor_index: HashMap::new(),
        }
    }

    /// Index of the actor with this id.
    #[must_use]
    pub fn actor_index(&self, id: &str) -> Option<usize> {
        self.actor_index.get(id).copied()
    }

    /// Whether `targets` admits actor `actor`.
    #[must_use]
    pub fn admits(&self, targets: &Targets, actor: usize) -> bool {
        let a = &self.actors[actor];
        match targets {
            Targets::Any => true,
            Targets::Kinds(kinds) => kinds.contains(&a.kind),
            Targets::Actors(ids) => ids.contains(&a.id),
            Targets::Sides(sides) => a.side.as_ref().is_some_and(|s| sides.contains(s)),
        }
    }

    /// The side of `actor` in `conflict`: its own side when its pack is that conflict's, its
    /// role there when it is a shared actor, else none.
    #[must_use]
    pub fn side_in(&self, actor: usize, conflict: Option<usize>) -> Option<&str> {
        let a = &self.actors[actor];
        if a.conflict.is_some() {
            return a.side.as_deref();
        }
        conflict.and_then(|c| self.conflicts[c].roles.get(&actor)).and_then(|side| side.as_deref())
    }
}

/// The shipped calibration, or `DIR/calibration.ron` when the folder has one.
///
/// # Errors
/// The calibration file cannot be read or parsed.
pub fn load_calibration(extra: Option<&Path>) -> Result<Calibration, Vec<LexiconError>> {
    let user = extra.map(|dir| dir.join(CALIBRATION_FILE)).filter(|p| p.is_file());
    let source = match user {
        Some(path) => match std::fs::read_to_string(&path) {
            Ok(text) => PackSource { file: path.display().to_string(), text },
            Err(e) => {
                let file = path.display().to_string();
                return Err(vec![LexiconError { file, line: 1, column: 1, message: format!("cannot read: {e}") }]);
            }
        },
        None => {
            PackSource { file: format!("assets/lexicons/{CALIBRATION_FILE}"), text: BUILTIN_CALIBRATION.to_string() }
        }
    };
    Calibration::parse(&source).map_err(|e| vec![e])
}

#[cfg(test)]
mod tests;
