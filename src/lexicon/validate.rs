//! Checks that a set of parsed packs is coherent: unique ids, resolvable references, weights in
//! range, known languages, no duplicate forms, short Arabic names marked ambiguous. Every error
//! points at the file, line and column of the offending entry.

use std::collections::HashMap;

use super::load::{LexiconError, PackSource};
use super::schema::{PackDef, Targets};
use crate::text::normalize_str;

const KNOWN_LANGUAGES: &[&str] = &["ar", "en"];

struct Ids<'a> {
    sides: HashMap<&'a str, &'a str>,
    actors: HashMap<&'a str, &'a str>,
}

/// Every problem found in `packs`.
#[must_use]
pub fn validate(packs: &[(PackSource, PackDef)]) -> Vec<LexiconError> {
    let mut errors = Vec::new();
    let ids = collect_ids(packs, &mut errors);
    let mut alias_owner: HashMap<String, (String, String)> = HashMap::new();
    let mut term_owner: HashMap<(String, String, String), String> = HashMap::new();
    for (source, pack) in packs {
        if pack.schema_version != 1 {
            let at = source.value_offset(0, "schema_version");
            errors.push(source.error_at(at, format!("schema_version {} is not supported (expected 1)", pack.schema_version)));
        }
        let lang_ok = |lang: &str| {
            if pack.languages.is_empty() { KNOWN_LANGUAGES.contains(&lang) } else { pack.languages.iter().any(|l| l == lang) }
        };
        for actor in &pack.actors {
            let at = source.entry_offset(&actor.id);
            let mut dangling = |kind: &str, value: &str, known: bool| {
                if !known {
                    let offset = source.value_offset(at, value);
                    errors.push(source.error_at(offset, format!("actor \"{}\": unknown {kind} \"{value}\"", actor.id)));
                }
            };
            if let Some(side) = &actor.side {
                dangling("side", side, ids.sides.contains_key(side.as_str()));
            }
            for group in &actor.member_of {
                dangling("member_of actor", group, ids.actors.contains_key(group.as_str()));
            }
            if let Some(leader) = &actor.leader {
                dangling("leader actor", leader, ids.actors.contains_key(leader.as_str()));
            }
            if actor.names.values().all(Vec::is_empty) {
                errors.push(source.error_at(at, format!("actor \"{}\" has no names", actor.id)));
            }
            for (lang, aliases) in &actor.names {
                if !lang_ok(lang) {
                    let offset = source.value_offset(at, lang);
                    errors.push(source.error_at(offset, format!("actor \"{}\": language \"{lang}\" is not among the pack's languages", actor.id)));
                }
                for alias in aliases {
                    let offset = source.value_offset(at, &alias.text);
                    let normalized = normalize_str(&alias.text);
                    if normalized.trim().is_empty() {
                        errors.push(source.error_at(offset, format!("actor \"{}\": empty alias", actor.id)));
                        continue;
                    }
                    if let Some((_, w)) = alias.frame {
                        if !(0.0..=1.0).contains(&w) {
                            errors.push(source.error_at(offset, format!("alias \"{}\": frame weight {w} is outside [0, 1]", alias.text)));
                        }
                    }
                    let arabic_letters = normalized.chars().filter(|c| ('\u{600}'..='\u{6ff}').contains(c) && c.is_alphabetic()).count();
                    if arabic_letters > 0 && arabic_letters < 3 && !alias.ambiguous {
                        errors.push(source.error_at(offset, format!("alias \"{}\" has fewer than 3 letters: mark it ambiguous: true", alias.text)));
                    }
                    let key = if alias.case_sensitive { format!("case:{}", alias.text) } else { normalized };
                    match alias_owner.get(&key) {
                        Some((owner, file)) => errors.push(source.error_at(
                            offset,
                            format!("alias \"{}\" of \"{}\" duplicates an alias of \"{owner}\" ({file})", alias.text, actor.id),
                        )),
                        None => {
                            alias_owner.insert(key, (actor.id.clone(), source.file.clone()));
                        }
                    }
                }
            }
        }
        for descriptor in &pack.descriptors {
            let at = source.entry_offset(&descriptor.id);
            check_weight(source, at, &descriptor.id, descriptor.weight, &mut errors);
            if !lang_ok(&descriptor.lang) {
                errors.push(source.error_at(source.value_offset(at, &descriptor.lang), format!("descriptor \"{}\": unknown language \"{}\"", descriptor.id, descriptor.lang)));
            }
            if descriptor.attach.is_empty() {
                errors.push(source.error_at(at, format!("descriptor \"{}\" has no attach rule", descriptor.id)));
            }
            check_targets(source, at, &descriptor.id, &descriptor.targets, &ids, &mut errors);
            let target_key = format!("{:?}/{:?}", descriptor.targets, descriptor.stance);
            check_forms(source, at, &descriptor.id, &descriptor.lang, &descriptor.forms, &target_key, &mut term_owner, &mut errors);
        }
        for event in &pack.events {
            let at = source.entry_offset(&event.id);
            check_weight(source, at, &event.id, event.weight, &mut errors);
            if !lang_ok(&event.lang) {
                errors.push(source.error_at(source.value_offset(at, &event.lang), format!("event \"{}\": unknown language \"{}\"", event.id, event.lang)));
            }
            if event.subject.is_none() && event.object.is_none() {
                errors.push(source.error_at(at, format!("event \"{}\" has neither subject nor object", event.id)));
            }
            check_forms(source, at, &event.id, &event.lang, &event.forms, "event", &mut term_owner, &mut errors);
        }
        for operators in &pack.operators {
            if !lang_ok(&operators.lang) {
                let at = source.value_offset(0, &operators.lang);
                errors.push(source.error_at(at, format!("operators: unknown language \"{}\"", operators.lang)));
            }
        }
    }
    errors
}

fn collect_ids<'a>(packs: &'a [(PackSource, PackDef)], errors: &mut Vec<LexiconError>) -> Ids<'a> {
    let mut ids = Ids { sides: HashMap::new(), actors: HashMap::new() };
    let mut terms: HashMap<&str, &str> = HashMap::new();
    for (source, pack) in packs {
        let mut unique = |map: &mut HashMap<&'a str, &'a str>, kind: &str, id: &'a str| {
            if let Some(file) = map.insert(id, source.file.as_str()) {
                let at = source.entry_offset(id);
                errors.push(source.error_at(at, format!("duplicate {kind} id \"{id}\" (also in {file})")));
            }
        };
        for side in &pack.sides {
            unique(&mut ids.sides, "side", &side.id);
        }
        for actor in &pack.actors {
            unique(&mut ids.actors, "actor", &actor.id);
        }
        for id in pack.descriptors.iter().map(|d| d.id.as_str()).chain(pack.events.iter().map(|e| e.id.as_str())) {
            unique(&mut terms, "descriptor or event", id);
        }
    }
    ids
}

fn check_weight(source: &PackSource, at: usize, id: &str, weight: f32, errors: &mut Vec<LexiconError>) {
    if !(0.0..=1.0).contains(&weight) {
        let offset = source.value_offset(at, "weight");
        errors.push(source.error_at(offset, format!("\"{id}\": weight {weight} is outside [0, 1]")));
    }
}

fn check_targets(source: &PackSource, at: usize, id: &str, targets: &Targets, ids: &Ids<'_>, errors: &mut Vec<LexiconError>) {
    let (kind, list, known): (&str, &[String], &HashMap<&str, &str>) = match targets {
        Targets::Actors(list) => ("actor", list, &ids.actors),
        Targets::Sides(list) => ("side", list, &ids.sides),
        Targets::Any | Targets::Kinds(_) => return,
    };
    for value in list.iter().filter(|v| !known.contains_key(v.as_str())) {
        let offset = source.value_offset(at, value);
        errors.push(source.error_at(offset, format!("\"{id}\": unknown target {kind} \"{value}\"")));
    }
}

#[allow(clippy::too_many_arguments)]
fn check_forms(
    source: &PackSource,
    at: usize,
    id: &str,
    lang: &str,
    forms: &[String],
    target_key: &str,
    owners: &mut HashMap<(String, String, String), String>,
    errors: &mut Vec<LexiconError>,
) {
    if forms.is_empty() {
        errors.push(source.error_at(at, format!("\"{id}\" has no forms")));
    }
    for form in forms {
        let offset = source.value_offset(at, form);
        let normalized = normalize_str(form);
        if normalized.trim().is_empty() {
            errors.push(source.error_at(offset, format!("\"{id}\": empty form")));
            continue;
        }
        let key = (lang.to_string(), normalized, target_key.to_string());
        match owners.get(&key) {
            Some(owner) => errors.push(source.error_at(offset, format!("form \"{form}\" of \"{id}\" duplicates a form of \"{owner}\""))),
            None => {
                owners.insert(key, id.to_string());
            }
        }
    }
}
