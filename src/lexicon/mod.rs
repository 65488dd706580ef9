//! Lexicon packs (RON, human-editable): actors with aliases, descriptors, event terms and
//! operators; their validation with precise positions; and the compiled matchers. No UI, no
//! threads.

mod load;
mod matcher;
mod schema;
mod validate;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub use load::{LexiconError, PackSource, builtin_sources, dir_sources, parse_all};
pub use matcher::{FormClass, FormSpec, Hit, PatternSet};
pub use schema::{
    ActorKind, Attach, Axis, Category, DescriptorDef, EventDef, OperatorsDef, PackDef, RoleDef, Stance, Targets,
};

use crate::text::normalize_str;

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
}

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
    /// Descriptors and events.
    pub terms: PatternSet<TermRef>,
    /// Operator words.
    pub operators: PatternSet<Operator>,
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
        Self::from_sources(builtin_sources(), user)
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
        compile(&packs).map_err(|message| {
            let file = packs.first().map(|(s, _)| s.file.clone()).unwrap_or_default();
            vec![LexiconError { file, line: 1, column: 1, message }]
        })
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
            terms: PatternSet::empty(),
            operators: PatternSet::empty(),
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
}

fn compile(packs: &[(PackSource, PackDef)]) -> Result<Lexicon, String> {
    let mut actors = Vec::new();
    let mut actor_index = HashMap::new();
    for (_, pack) in packs {
        for def in &pack.actors {
            actor_index.insert(def.id.clone(), actors.len());
            let names = def
                .names
                .iter()
                .filter_map(|(lang, aliases)| aliases.first().map(|a| (lang.clone(), a.text.clone())))
                .collect();
            actors.push(Actor {
                id: def.id.clone(),
                kind: def.kind,
                side: def.side.clone(),
                member_of: Vec::new(),
                leader: None,
                leads: Vec::new(),
                names,
                pack: pack.id.clone(),
            });
        }
    }
    let mut alias_specs = Vec::new();
    let mut term_specs = Vec::new();
    let mut operator_specs = Vec::new();
    let mut descriptors = Vec::new();
    let mut events = Vec::new();
    let mut sides = Vec::new();
    for (_, pack) in packs {
        sides.extend(pack.sides.iter().map(|s| (s.id.clone(), s.names.clone())));
        for def in &pack.actors {
            let index = actor_index[&def.id];
            actors[index].member_of = def.member_of.iter().filter_map(|g| actor_index.get(g).copied()).collect();
            actors[index].leader = def.leader.as_ref().and_then(|l| actor_index.get(l).copied());
            for alias in def.names.values().flatten() {
                alias_specs.push(FormSpec {
                    normalized: normalize_str(&alias.text),
                    exact_case: alias.case_sensitive.then(|| alias.text.clone()),
                    value: AliasRef {
                        actor: index,
                        short: alias.short,
                        ambiguous: alias.ambiguous,
                        frame: alias.frame,
                    },
                    class: FormClass::Name,
                    allow_suffixes: false,
                });
            }
        }
        for def in &pack.descriptors {
            let value = TermRef::Descriptor(descriptors.len());
            term_specs.extend(term_forms(&def.forms, value, def.allow_suffixes));
            descriptors.push(def.clone());
        }
        for def in &pack.events {
            let value = TermRef::Event(events.len());
            term_specs.extend(term_forms(&def.forms, value, def.allow_suffixes));
            events.push(def.clone());
        }
        for ops in &pack.operators {
            let groups: [(&[String], Operator); 8] = [
                (&ops.negators, Operator::Negator),
                (&ops.distancers, Operator::Distancer),
                (&ops.hedges, Operator::Hedge),
                (&ops.reporting_verbs, Operator::ReportingVerb),
                (&ops.source_cues, Operator::SourceCue),
                (&ops.continuation_cues, Operator::Continuation),
                (&ops.skeptical_verbs, Operator::Skeptical),
                (&ops.titles, Operator::Title),
            ];
            for (words, operator) in groups {
                operator_specs.extend(term_forms(words, operator, false));
            }
        }
    }
    for index in 0..actors.len() {
        if let Some(leader) = actors[index].leader {
            actors[leader].leads.push(index);
        }
    }
    Ok(Lexicon {
        actors,
        sides,
        descriptors,
        events,
        packs: packs.iter().map(|(s, p)| (p.id.clone(), s.file.clone())).collect(),
        aliases: PatternSet::build(alias_specs).map_err(|e| e.to_string())?,
        terms: PatternSet::build(term_specs).map_err(|e| e.to_string())?,
        operators: PatternSet::build(operator_specs).map_err(|e| e.to_string())?,
        actor_index,
    })
}

fn term_forms<T: Clone>(forms: &[String], value: T, allow_suffixes: bool) -> Vec<FormSpec<T>> {
    forms
        .iter()
        .map(move |form| FormSpec {
            normalized: normalize_str(form),
            exact_case: None,
            value: value.clone(),
            class: FormClass::Term,
            allow_suffixes,
        })
        .collect()
}

#[cfg(test)]
mod tests;
