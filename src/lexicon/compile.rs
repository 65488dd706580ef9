//! Compiling parsed packs into a [`Lexicon`]: actors with their references resolved, the
//! conflicts and the sides shared actors take in them, and one automaton each for aliases,
//! designations, places, terms and operators.

use std::collections::HashMap;

use super::load::PackSource;
use super::matcher::{FormClass, FormSpec, PatternSet, SharedAutomaton};
use super::schema::{ActorDef, AliasDef, OperatorsDef, PackDef};
use super::{Actor, AliasRef, Calibration, Conflict, Lexicon, Operator, TermRef};
use crate::text::normalize_str;

/// Endings of an Arabic nationality adjective (normalized: ة is ه): feminine, plurals, duals,
/// the accusative.
const NISBA_ENDINGS: &[&str] = &["", "ه", "ين", "ون", "ان", "تين", "تان", "ا", "ات"];

/// The normalized forms an alias stands for: itself, or every form of a nationality adjective.
fn alias_forms(alias: &AliasDef) -> Vec<String> {
    let base = normalize_str(&alias.text);
    if !alias.nisba {
        return vec![base];
    }
    if base.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return vec![format!("{base}s"), base];
    }
    let stem = base.strip_prefix("ال").unwrap_or(&base).to_string();
    NISBA_ENDINGS.iter().flat_map(|end| [format!("{stem}{end}"), format!("ال{stem}{end}")]).collect()
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

/// The forms of every automaton, gathered pack by pack.
#[derive(Default)]
struct Specs {
    aliases: Vec<FormSpec<AliasRef>>,
    designations: Vec<FormSpec<AliasRef>>,
    places: Vec<FormSpec<usize>>,
    terms: Vec<FormSpec<TermRef>>,
    operators: Vec<FormSpec<Operator>>,
}

impl Specs {
    fn names(&mut self, def: &ActorDef, actor: usize) {
        for alias in def.names.values().flatten() {
            for form in alias_forms(alias) {
                self.aliases.push(FormSpec {
                    normalized: form,
                    exact_case: alias.case_sensitive.then(|| alias.text.clone()),
                    value: AliasRef {
                        actor,
                        short: alias.short,
                        ambiguous: alias.ambiguous,
                        frame: alias.frame,
                        designation: None,
                        adjective: alias.nisba,
                        device: alias.device,
                    },
                    class: FormClass::Name,
                    allow_suffixes: false,
                });
            }
        }
    }

    fn conflict_parts(&mut self, pack: &PackDef, conflict: usize, actor_index: &HashMap<String, usize>) {
        for designation in &pack.designations {
            let Some(&actor) = actor_index.get(&designation.actor) else { continue };
            for form in &designation.forms {
                self.designations.push(FormSpec {
                    normalized: normalize_str(form),
                    exact_case: None,
                    value: AliasRef {
                        actor,
                        short: false,
                        ambiguous: false,
                        frame: designation.frame,
                        designation: Some(conflict),
                        adjective: false,
                        device: None,
                    },
                    class: FormClass::Term,
                    allow_suffixes: false,
                });
            }
        }
        self.places.extend(pack.places.iter().map(|place| FormSpec {
            normalized: normalize_str(place),
            exact_case: None,
            value: conflict,
            class: FormClass::Name,
            allow_suffixes: false,
        }));
    }

    fn operators(&mut self, ops: &OperatorsDef) {
        let groups: [(&[String], Operator); 15] = [
            (&ops.negators, Operator::Negator),
            (&ops.distancers, Operator::Distancer),
            (&ops.hedges, Operator::Hedge),
            (&ops.reporting_verbs, Operator::ReportingVerb),
            (&ops.source_cues, Operator::SourceCue),
            (&ops.continuation_cues, Operator::Continuation),
            (&ops.skeptical_verbs, Operator::Skeptical),
            (&ops.titles, Operator::Title),
            (&ops.handoffs, Operator::Handoff),
            (&ops.trailing_handoffs, Operator::TrailingHandoff),
            (&ops.describing_verbs, Operator::Describing),
            (&ops.label_distancers, Operator::LabelDistancer),
            (&ops.head_titles, Operator::HeadTitle),
            (&ops.denials, Operator::Denial),
            (&ops.unit_nouns, Operator::UnitNoun),
        ];
        for (words, operator) in groups {
            self.operators.extend(term_forms(words, operator, false));
        }
    }
}

/// Every actor, with its pack's conflict, and the index by id.
fn actors_of(
    packs: &[(PackSource, PackDef)],
    conflict_of_pack: &HashMap<&str, usize>,
) -> (Vec<Actor>, HashMap<String, usize>) {
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
                conflict: conflict_of_pack.get(pack.id.as_str()).copied(),
            });
        }
    }
    for (_, pack) in packs {
        for def in &pack.actors {
            let index = actor_index[&def.id];
            actors[index].member_of = def.member_of.iter().filter_map(|g| actor_index.get(g).copied()).collect();
            actors[index].leader = def.leader.as_ref().and_then(|l| actor_index.get(l).copied());
        }
    }
    for index in 0..actors.len() {
        if let Some(leader) = actors[index].leader {
            actors[leader].leads.push(index);
        }
    }
    (actors, actor_index)
}

/// Compile validated packs.
pub(super) fn compile(packs: &[(PackSource, PackDef)]) -> Result<Lexicon, String> {
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut conflict_of_pack: HashMap<&str, usize> = HashMap::new();
    for (_, pack) in packs.iter().filter(|(_, p)| !p.sides.is_empty()) {
        conflict_of_pack.insert(pack.id.as_str(), conflicts.len());
        conflicts.push(Conflict { id: pack.id.clone(), roles: HashMap::new() });
    }
    let (actors, actor_index) = actors_of(packs, &conflict_of_pack);
    let mut specs = Specs::default();
    let mut descriptors = Vec::new();
    let mut events = Vec::new();
    let mut sides = Vec::new();
    for (_, pack) in packs {
        sides.extend(pack.sides.iter().map(|s| (s.id.clone(), s.names.clone())));
        for def in &pack.actors {
            specs.names(def, actor_index[&def.id]);
        }
        if let Some(&c) = conflict_of_pack.get(pack.id.as_str()) {
            for role in &pack.roles {
                if let Some(&actor) = actor_index.get(&role.actor) {
                    conflicts[c].roles.insert(actor, role.side.clone());
                }
            }
            specs.conflict_parts(pack, c, &actor_index);
        }
        for def in &pack.descriptors {
            specs.terms.extend(term_forms(&def.forms, TermRef::Descriptor(descriptors.len()), def.allow_suffixes));
            descriptors.push(def.clone());
        }
        for def in &pack.events {
            specs.terms.extend(term_forms(&def.forms, TermRef::Event(events.len()), def.allow_suffixes));
            let mut def = def.clone();
            def.requires = def.requires.iter().map(|w| normalize_str(w)).collect();
            events.push(def);
        }
        for ops in &pack.operators {
            specs.operators(ops);
        }
    }
    let mut forms: Vec<String> = specs
        .aliases
        .iter()
        .chain(&specs.designations)
        .map(|f| f.normalized.clone())
        .chain(specs.places.iter().map(|f| f.normalized.clone()))
        .chain(specs.terms.iter().map(|f| f.normalized.clone()))
        .chain(specs.operators.iter().map(|f| f.normalized.clone()))
        .collect();
    forms.sort_unstable();
    forms.dedup();
    let build = |e: aho_corasick::BuildError| e.to_string();
    let aliases = PatternSet::build(specs.aliases).map_err(build)?;
    let designations = PatternSet::build(specs.designations).map_err(build)?;
    let terms = PatternSet::build(specs.terms).map_err(build)?;
    let operators = PatternSet::build(specs.operators).map_err(build)?;
    let places = PatternSet::build(specs.places).map_err(build)?;
    let shared = SharedAutomaton::build(&[
        aliases.strings(),
        designations.strings(),
        terms.strings(),
        operators.strings(),
        places.strings(),
    ])
    .map_err(build)?;
    Ok(Lexicon {
        actors,
        sides,
        descriptors,
        events,
        packs: packs.iter().map(|(s, p)| (p.id.clone(), s.file.clone())).collect(),
        aliases,
        designations,
        terms,
        operators,
        conflicts,
        places,
        calibration: Calibration::default(),
        forms,
        shared,
        actor_index,
    })
}
