//! Actor mentions: alias hits kept or dropped by the short and ambiguous rules (FRAMING.md
//! §2.5, §3.3): a short alias counts when the article also has a full name of the actor, or it
//! is quoted or next to a title; an ambiguous one (كامل = complete) only when quoted or next to
//! a title.

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

/// Whether token `index - 1` ends a title (a title operator or a Title descriptor).
fn after_title(field: &Field<'_>, lexicon: &Lexicon, first: usize) -> bool {
    let Some(previous) = first.checked_sub(1) else {
        return false;
    };
    let title_op = field.operators.iter().any(|op| op.value == Operator::Title && op.last == previous);
    let title_term = field.terms.iter().any(|t| {
        t.last == previous
            && matches!(t.value, TermRef::Descriptor(d) if lexicon.descriptors[d].category == Category::Title)
    });
    (title_op || title_term) && !field.boundary_between(previous, first)
}

/// Whether a full mention of `actor` sets the conflict context for its pack's short names: a
/// party of the war (armed group, government, parliament) or a person in one. States and
/// organisations appear in every kind of news and set no context.
fn sets_context(lexicon: &Lexicon, actor: usize) -> bool {
    let party =
        |kind: ActorKind| matches!(kind, ActorKind::ArmedGroup | ActorKind::Government | ActorKind::Legislature);
    let a = &lexicon.actors[actor];
    party(a.kind) || (a.kind == ActorKind::Person && a.member_of.iter().any(|&g| party(lexicon.actors[g].kind)))
}

/// Accepted mentions per field, in the order of `fields`. A short alias (الوفاق) counts when the
/// article has a full name of the actor or of another party of the same conflict.
pub fn accepted_mentions(fields: &[Field<'_>], lexicon: &Lexicon) -> Vec<Vec<Mention>> {
    let mut has_full = vec![false; lexicon.actors.len()];
    let mut pack_context: Vec<&str> = Vec::new();
    for field in fields {
        for hit in &field.aliases {
            if !hit.value.short && !hit.value.ambiguous {
                has_full[hit.value.actor] = true;
                if sets_context(lexicon, hit.value.actor) {
                    pack_context.push(&lexicon.actors[hit.value.actor].pack);
                }
            }
        }
    }
    for (actor, full) in has_full.iter_mut().enumerate() {
        if pack_context.contains(&lexicon.actors[actor].pack.as_str()) {
            *full = true;
        }
    }
    fields
        .iter()
        .map(|field| {
            field
                .aliases
                .iter()
                .filter(|hit| {
                    let alias = hit.value;
                    if !alias.short && !alias.ambiguous {
                        return true;
                    }
                    let anchored = field.is_quoted(hit.start, hit.end) || after_title(field, lexicon, hit.first);
                    if alias.ambiguous { anchored } else { anchored || has_full[alias.actor] }
                })
                .map(|hit| Mention { actor: hit.value.actor, span: *hit })
                .collect()
        })
        .collect()
}
