//! Actor mentions and the article's conflict. The conflict is inferred from the parties of a
//! war the article names and the places it mentions; designations ("the internationally
//! recognised government") are mentions only in an article of their conflict, resolved to that
//! conflict's actor. A short alias counts when the article has a full name of the actor or of
//! another party of the same conflict, or it is quoted or next to a title; an ambiguous one
//! (كامل = complete) only when quoted or next to a title (FRAMING.md §2.5, §3.3).

use super::field::{Field, Span};
use crate::lexicon::{ActorKind, AliasRef, Category, Lexicon, Operator, TermRef};

/// An accepted mention of an actor.
#[derive(Debug, Clone, Copy)]
pub struct Mention {
    /// Actor index.
    pub actor: usize,
    /// The alias hit.
    pub span: Span<AliasRef>,
}

/// How strongly an article belongs to each conflict.
#[derive(Debug, Clone, Default)]
pub struct ArticleConflicts {
    /// Per conflict index: parties named (1 each) and places (½ each).
    pub scores: Vec<f32>,
}

/// A place counts half a party toward the article's conflict.
const PLACE_WEIGHT: f32 = 0.5;

impl ArticleConflicts {
    /// The conflict the article is mostly about.
    #[must_use]
    pub fn primary(&self) -> Option<usize> {
        self.scores
            .iter()
            .enumerate()
            .filter(|(_, s)| **s > 0.0)
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
            .map(|(i, _)| i)
    }

    fn score(&self, conflict: usize) -> f32 {
        self.scores.get(conflict).copied().unwrap_or(0.0)
    }
}

/// Whether token `index - 1` ends a title (a title operator or a Title descriptor).
fn after_title(field: &Field<'_>, lexicon: &Lexicon, first: usize) -> bool {
    let Some(previous) = first.checked_sub(1) else {
        return false;
    };
    let title_op = field.operators.iter().any(|op| op.value == Operator::Title && op.last == previous);
    let title_term = field.terms.iter().any(|t| {
        t.last == previous
            && matches!(t.value, TermRef::Descriptor(d)
                if matches!(lexicon.descriptors[d].category, Category::Title | Category::Rank))
    });
    (title_op || title_term) && !field.boundary_between(previous, first)
}

/// Whether a full mention of `actor` sets the conflict context: a party of the war (armed
/// group, government, parliament, a state at war) or a person in one. Shared states and
/// organisations appear in every kind of news and set no context.
fn sets_context(lexicon: &Lexicon, actor: usize) -> bool {
    let party = |kind: ActorKind| {
        matches!(
            kind,
            ActorKind::ArmedGroup
                | ActorKind::Government
                | ActorKind::Legislature
                | ActorKind::State
                | ActorKind::ForeignForce
        )
    };
    let a = &lexicon.actors[actor];
    a.conflict.is_some()
        && (party(a.kind)
            || (a.kind == ActorKind::Person && a.member_of.iter().any(|&g| party(lexicon.actors[g].kind))))
}

fn is_full(alias: &AliasRef) -> bool {
    !alias.short && !alias.ambiguous && alias.designation.is_none()
}

/// The article's conflicts, from full names of parties and from places.
pub fn article_conflicts(fields: &[Field<'_>], lexicon: &Lexicon) -> ArticleConflicts {
    let mut scores = vec![0.0f32; lexicon.conflicts.len()];
    for field in fields {
        for hit in field.aliases.iter().filter(|h| is_full(&h.value) && sets_context(lexicon, h.value.actor)) {
            if let Some(c) = lexicon.actors[hit.value.actor].conflict {
                scores[c] += 1.0;
            }
        }
        for place in &field.places {
            scores[place.value] += PLACE_WEIGHT;
        }
    }
    ArticleConflicts { scores }
}

/// Accepted mentions per field, in the order of `fields`.
pub fn accepted_mentions(fields: &[Field<'_>], lexicon: &Lexicon, conflicts: &ArticleConflicts) -> Vec<Vec<Mention>> {
    let mut has_full = vec![false; lexicon.actors.len()];
    for field in fields {
        for hit in field.aliases.iter().filter(|h| is_full(&h.value)) {
            has_full[hit.value.actor] = true;
        }
    }
    for (actor, full) in has_full.iter_mut().enumerate() {
        let party_context = lexicon.actors[actor].conflict.is_some_and(|c| {
            fields.iter().flat_map(|f| &f.aliases).any(|h| {
                is_full(&h.value)
                    && sets_context(lexicon, h.value.actor)
                    && lexicon.actors[h.value.actor].conflict == Some(c)
            })
        });
        *full |= party_context;
    }
    fields
        .iter()
        .map(|field| {
            let mut kept: Vec<Mention> = Vec::new();
            for hit in &field.aliases {
                let alias = hit.value;
                let accepted = match alias.designation {
                    Some(c) => {
                        conflicts.score(c) > 0.0
                            && best_designation(field, hit, conflicts)
                            && !negated(field, hit)
                            && !governs_another_actor(field, hit)
                    }
                    None if is_full(&alias) => true,
                    None => {
                        let anchored = field.is_quoted(hit.start, hit.end) || after_title(field, lexicon, hit.first);
                        if alias.ambiguous { anchored } else { anchored || has_full[alias.actor] }
                    }
                };
                if accepted {
                    kept.push(Mention { actor: alias.actor, span: *hit });
                }
            }
            longest_of_one_actor(&kept)
        })
        .collect()
}

/// Where two accepted mentions of the same actor overlap (a designation and an alias inside
/// it), the longer counts: the Coalition to Restore Legitimacy, not its "coalition"; الجيش
/// الوطني اليمني, not الجيش الوطني.
fn longest_of_one_actor(mentions: &[Mention]) -> Vec<Mention> {
    let len = |m: &Mention| m.span.end - m.span.start;
    let overlaps =
        |a: &Mention, b: &Mention| a.actor == b.actor && a.span.start < b.span.end && b.span.start < a.span.end;
    mentions
        .iter()
        .enumerate()
        .filter(|(i, m)| {
            !mentions.iter().enumerate().any(|(j, other)| {
                j != *i && overlaps(m, other) && (len(other) > len(m) || (len(other) == len(m) && j < *i))
            })
        })
        .map(|(_, m)| *m)
        .collect()
}

/// A designation followed at once by another actor's name is a noun that actor qualifies
/// (العدوان الحوثي، الجيش المصري, "the army of Egypt"), not a designation of its own.
fn governs_another_actor(field: &Field<'_>, hit: &Span<AliasRef>) -> bool {
    field.aliases.iter().any(|other| {
        other.value.designation.is_none()
            && other.value.actor != hit.value.actor
            && other.first == hit.last + 1
            && !field.boundary_between(hit.last, other.first)
    })
}

/// A designation right after a negator is not one (الهجرة غير الشرعية: illegal, not "the
/// legitimate government").
fn negated(field: &Field<'_>, hit: &Span<AliasRef>) -> bool {
    field.operators.iter().any(|op| op.value == Operator::Negator && op.last + 1 == hit.first)
}

/// Of the designations matched at one place (the same words in two conflicts' packs), only the
/// one of the article's strongest conflict counts.
fn best_designation(field: &Field<'_>, hit: &Span<AliasRef>, conflicts: &ArticleConflicts) -> bool {
    let mine = hit.value.designation.map_or(0.0, |c| conflicts.score(c));
    !field.aliases.iter().any(|other| {
        other.start == hit.start
            && other.end == hit.end
            && other.value.designation.is_some_and(|c| {
                let theirs = conflicts.score(c);
                theirs > mine || (theirs == mine && Some(c) < hit.value.designation)
            })
    })
}
