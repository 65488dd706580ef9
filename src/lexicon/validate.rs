//! Checks that a set of parsed packs is coherent: unique ids, resolvable references, weights in
//! range, known languages, no duplicate forms, short Arabic names marked ambiguous. Every error
//! points at the file, line and column of the offending entry.

use std::collections::HashMap;

use super::load::{LexiconError, PackSource};
use super::schema::{ActorDef, AliasDef, DescriptorDef, EventDef, PackDef, Targets};
use crate::text::normalize_str;

const KNOWN_LANGUAGES: &[&str] = &["ar", "en"];

/// Every problem found in `packs`.
#[must_use]
pub fn validate(packs: &[(PackSource, PackDef)]) -> Vec<LexiconError> {
    let mut checker = Checker::default();
    checker.collect_ids(packs);
    for (source, pack) in packs {
        let pack_check = PackCheck { source, pack };
        if pack.schema_version != 1 {
            let message = format!("schema_version {} is not supported (expected 1)", pack.schema_version);
            checker.errors.push(source.error_at(source.value_offset(0, "schema_version"), message));
        }
        for actor in &pack.actors {
            checker.actor(&pack_check, actor);
        }
        for descriptor in &pack.descriptors {
            checker.descriptor(&pack_check, descriptor);
        }
        for event in &pack.events {
            checker.event(&pack_check, event);
        }
        checker.conflict(&pack_check);
        for operators in &pack.operators {
            if !pack_check.lang_ok(&operators.lang) {
                let at = source.value_offset(0, &operators.lang);
                checker.errors.push(source.error_at(at, format!("operators: unknown language \"{}\"", operators.lang)));
            }
        }
    }
    checker.errors
}

struct PackCheck<'a> {
    source: &'a PackSource,
    pack: &'a PackDef,
}

impl PackCheck<'_> {
    fn lang_ok(&self, lang: &str) -> bool {
        if self.pack.languages.is_empty() {
            KNOWN_LANGUAGES.contains(&lang)
        } else {
            self.pack.languages.iter().any(|l| l == lang)
        }
    }
}

#[derive(Default)]
struct Checker {
    errors: Vec<LexiconError>,
    sides: HashMap<String, String>,
    actors: HashMap<String, String>,
    /// Normalized alias (or `case:` + exact text) → (actor id, file).
    alias_owner: HashMap<String, (String, String)>,
    /// (language, normalized form, targets and stance) → descriptor or event id.
    term_owner: HashMap<(String, String, String), String>,
}

impl Checker {
    fn collect_ids(&mut self, packs: &[(PackSource, PackDef)]) {
        let mut terms: HashMap<String, String> = HashMap::new();
        for (source, pack) in packs {
            let unique = |errors: &mut Vec<LexiconError>, map: &mut HashMap<String, String>, kind: &str, id: &str| {
                if let Some(file) = map.insert(id.to_string(), source.file.clone()) {
                    let at = source.entry_offset(id);
                    errors.push(source.error_at(at, format!("duplicate {kind} id \"{id}\" (also in {file})")));
                }
            };
            for side in &pack.sides {
                unique(&mut self.errors, &mut self.sides, "side", &side.id);
            }
            for actor in &pack.actors {
                unique(&mut self.errors, &mut self.actors, "actor", &actor.id);
            }
            for id in pack.descriptors.iter().map(|d| &d.id).chain(pack.events.iter().map(|e| &e.id)) {
                unique(&mut self.errors, &mut terms, "descriptor or event", id);
            }
        }
    }

    fn actor(&mut self, pack: &PackCheck<'_>, actor: &ActorDef) {
        let source = pack.source;
        let at = source.entry_offset(&actor.id);
        let references = actor
            .side
            .iter()
            .map(|s| ("side", s, self.sides.contains_key(s)))
            .chain(actor.member_of.iter().map(|g| ("member_of actor", g, self.actors.contains_key(g))))
            .chain(actor.leader.iter().map(|l| ("leader actor", l, self.actors.contains_key(l))));
        let dangling: Vec<LexiconError> = references
            .filter(|(_, _, known)| !known)
            .map(|(kind, value, _)| {
                let message = format!("actor \"{}\": unknown {kind} \"{value}\"", actor.id);
                source.error_at(source.value_offset(at, value), message)
            })
            .collect();
        self.errors.extend(dangling);
        if actor.names.values().all(Vec::is_empty) {
            self.errors.push(source.error_at(at, format!("actor \"{}\" has no names", actor.id)));
        }
        for (lang, aliases) in &actor.names {
            if !pack.lang_ok(lang) {
                let message = format!("actor \"{}\": language \"{lang}\" is not among the pack's languages", actor.id);
                self.errors.push(source.error_at(source.value_offset(at, lang), message));
            }
            for alias in aliases {
                self.alias(source, at, &actor.id, alias);
            }
        }
    }

    fn alias(&mut self, source: &PackSource, at: usize, actor_id: &str, alias: &AliasDef) {
        let offset = source.value_offset(at, &alias.text);
        let normalized = normalize_str(&alias.text);
        if normalized.trim().is_empty() {
            self.errors.push(source.error_at(offset, format!("actor \"{actor_id}\": empty alias")));
            return;
        }
        if let Some((_, w)) = alias.frame
            && !(0.0..=1.0).contains(&w)
        {
            let message = format!("alias \"{}\": frame weight {w} is outside [0, 1]", alias.text);
            self.errors.push(source.error_at(offset, message));
        }
        let arabic_letters = normalized.chars().filter(|c| ('\u{621}'..='\u{64a}').contains(c)).count();
        if arabic_letters > 0 && arabic_letters < 3 && !alias.ambiguous {
            let message = format!("alias \"{}\" has fewer than 3 letters: mark it ambiguous: true", alias.text);
            self.errors.push(source.error_at(offset, message));
        }
        let key = if alias.case_sensitive { format!("case:{}", alias.text) } else { normalized };
        if let Some((owner, file)) = self.alias_owner.get(&key) {
            let message =
                format!("alias \"{}\" of \"{actor_id}\" duplicates an alias of \"{owner}\" ({file})", alias.text);
            self.errors.push(source.error_at(offset, message));
        } else {
            self.alias_owner.insert(key, (actor_id.to_string(), source.file.clone()));
        }
    }

    fn descriptor(&mut self, pack: &PackCheck<'_>, d: &DescriptorDef) {
        let source = pack.source;
        let at = source.entry_offset(&d.id);
        self.weight(source, at, &d.id, d.weight);
        self.language(pack, at, &d.id, &d.lang);
        if d.attach.is_empty() {
            self.errors.push(source.error_at(at, format!("descriptor \"{}\" has no attach rule", d.id)));
        }
        let (kind, list, known) = match &d.targets {
            Targets::Actors(list) => ("actor", list, &self.actors),
            Targets::Sides(list) => ("side", list, &self.sides),
            Targets::Any | Targets::Kinds(_) => ("", &Vec::new(), &self.actors),
        };
        let unknown: Vec<LexiconError> = list
            .iter()
            .filter(|v| !known.contains_key(v.as_str()))
            .map(|v| {
                source.error_at(source.value_offset(at, v), format!("\"{}\": unknown target {kind} \"{v}\"", d.id))
            })
            .collect();
        self.errors.extend(unknown);
        if let Some(backer) = &d.backer {
            self.weight(source, at, &d.id, backer.weight);
            if let Some(actor) = backer.actor.as_deref().filter(|a| !self.actors.contains_key(*a)) {
                let message = format!("\"{}\": unknown backer actor \"{actor}\"", d.id);
                self.errors.push(source.error_at(source.value_offset(at, actor), message));
            }
        }
        let owner_key = format!("{:?}/{:?}/{:?}", d.targets, d.stance, d.backer.as_ref().map(|b| &b.actor));
        self.forms(source, at, &d.id, &d.lang, &d.forms, &owner_key);
    }

    /// Roles, designations and places: references that resolve, sides of this pack.
    fn conflict(&mut self, pack: &PackCheck<'_>) {
        let source = pack.source;
        let own_sides: Vec<&str> = pack.pack.sides.iter().map(|s| s.id.as_str()).collect();
        let has_conflict_parts =
            !pack.pack.roles.is_empty() || !pack.pack.designations.is_empty() || !pack.pack.places.is_empty();
        if own_sides.is_empty() && has_conflict_parts {
            let at = source.value_offset(0, "roles");
            let message = format!("pack \"{}\" has roles, designations or places but no sides", pack.pack.id);
            self.errors.push(source.error_at(at, message));
        }
        for role in &pack.pack.roles {
            let at = source.value_offset(0, &role.actor);
            if !self.actors.contains_key(&role.actor) {
                self.errors.push(source.error_at(at, format!("role: unknown actor \"{}\"", role.actor)));
            }
            if let Some(side) = role.side.as_deref().filter(|s| !own_sides.contains(s)) {
                let message = format!("role of \"{}\": side \"{side}\" is not a side of this pack", role.actor);
                self.errors.push(source.error_at(source.value_offset(at, side), message));
            }
        }
        let mut seen: HashMap<String, String> = HashMap::new();
        for d in &pack.pack.designations {
            let at = source.value_offset(0, &d.actor);
            if !self.actors.contains_key(&d.actor) {
                self.errors.push(source.error_at(at, format!("designation: unknown actor \"{}\"", d.actor)));
            }
            self.language(pack, at, &d.actor, &d.lang);
            if let Some((_, w)) = d.frame
                && !(0.0..=1.0).contains(&w)
            {
                self.errors.push(
                    source.error_at(at, format!("designation of \"{}\": frame weight {w} is outside [0, 1]", d.actor)),
                );
            }
            if d.forms.is_empty() {
                self.errors.push(source.error_at(at, format!("designation of \"{}\" has no forms", d.actor)));
            }
            for form in &d.forms {
                let offset = source.value_offset(at, form);
                let normalized = normalize_str(form);
                if normalized.trim().is_empty() {
                    self.errors.push(source.error_at(offset, "empty designation form"));
                } else if let Some(owner) = seen.insert(normalized, d.actor.clone()) {
                    let message =
                        format!("designation \"{form}\" of \"{}\" is also one of \"{owner}\" in this pack", d.actor);
                    self.errors.push(source.error_at(offset, message));
                }
            }
        }
        for place in pack.pack.places.iter().filter(|p| normalize_str(p).trim().is_empty()) {
            self.errors.push(source.error_at(source.value_offset(0, place), "empty place name"));
        }
    }

    fn event(&mut self, pack: &PackCheck<'_>, e: &EventDef) {
        let source = pack.source;
        let at = source.entry_offset(&e.id);
        self.weight(source, at, &e.id, e.weight);
        self.language(pack, at, &e.id, &e.lang);
        if e.subject.is_none() && e.object.is_none() {
            self.errors.push(source.error_at(at, format!("event \"{}\" has neither subject nor object", e.id)));
        }
        self.forms(source, at, &e.id, &e.lang, &e.forms, "event");
        for word in &e.requires {
            if word.trim().is_empty() || word.trim().contains(char::is_whitespace) {
                let message = format!("event \"{}\": required word \"{word}\" must be one word", e.id);
                self.errors.push(source.error_at(source.value_offset(at, word), message));
            }
        }
    }

    fn weight(&mut self, source: &PackSource, at: usize, id: &str, weight: f32) {
        if !(0.0..=1.0).contains(&weight) {
            let offset = source.value_offset(at, "weight");
            self.errors.push(source.error_at(offset, format!("\"{id}\": weight {weight} is outside [0, 1]")));
        }
    }

    fn language(&mut self, pack: &PackCheck<'_>, at: usize, id: &str, lang: &str) {
        if !pack.lang_ok(lang) {
            let offset = pack.source.value_offset(at, lang);
            self.errors.push(pack.source.error_at(offset, format!("\"{id}\": unknown language \"{lang}\"")));
        }
    }

    fn forms(&mut self, source: &PackSource, at: usize, id: &str, lang: &str, forms: &[String], owner_key: &str) {
        if forms.is_empty() {
            self.errors.push(source.error_at(at, format!("\"{id}\" has no forms")));
        }
        for form in forms {
            let offset = source.value_offset(at, form);
            let normalized = normalize_str(form);
            if normalized.trim().is_empty() {
                self.errors.push(source.error_at(offset, format!("\"{id}\": empty form")));
                continue;
            }
            let key = (lang.to_string(), normalized, owner_key.to_string());
            if let Some(owner) = self.term_owner.get(&key) {
                let message = format!("form \"{form}\" of \"{id}\" duplicates a form of \"{owner}\"");
                self.errors.push(source.error_at(offset, message));
            } else {
                self.term_owner.insert(key, id.to_string());
            }
        }
    }
}
