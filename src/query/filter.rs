//! The filter engine: actor, side, stance, voice, outlet, language, dates and text.

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::columns::{BitSet, Interner, Sym};
use super::index::{ActorCell, ArticleIndex};
use crate::analysis::{Origin, StanceLabel};

use crate::text::Language;

/// Which voice a stance filter looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VoiceFilter {
    /// The outlet's own voice.
    #[default]
    Own,
    /// Quoted and reported sources.
    Quoted,
}

impl VoiceFilter {
    /// The lower-case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Own => "own",
            Self::Quoted => "quoted",
        }
    }
}

/// Everything a user can filter on. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Articles that mention this actor.
    pub actor: Option<String>,
    /// Articles that mention an actor of this side.
    pub side: Option<String>,
    /// Stance toward the actor (or any actor of the side, or any actor).
    pub stance: Option<StanceLabel>,
    /// Which voice the stance is read from.
    pub voice: VoiceFilter,
    /// Only stances computed (`auto`) or set by hand (`human`).
    pub origin: Option<Origin>,
    /// Only articles marked reviewed (true) or not yet reviewed (false).
    pub reviewed: Option<bool>,
    /// Only starred articles.
    pub starred: bool,
    /// Only articles with this tag.
    pub tag: Option<String>,
    /// Outlet, exactly as stored.
    pub outlet: Option<String>,
    /// Language.
    pub language: Option<Language>,
    /// First day (inclusive).
    pub from: Option<NaiveDate>,
    /// Last day (inclusive).
    pub to: Option<NaiveDate>,
    /// Words that must all appear in title or body (normalized as the matcher does).
    pub text: String,
    /// Only pairs where the analyst's correction differs from Rasd's stance (the Agreement
    /// view's disagreements).
    #[serde(default)]
    pub disagreements: bool,
}

/// `2020-04-12` or `2020-04` or `2020`.
#[must_use]
pub fn parse_date(text: &str, end_of_period: bool) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let year: i32 = parts.first()?.parse().ok()?;
    let month: u32 = match parts.get(1) {
        Some(m) => m.parse().ok()?,
        None => {
            if end_of_period {
                12
            } else {
                1
            }
        }
    };
    match parts.get(2) {
        Some(d) => NaiveDate::from_ymd_opt(year, month, d.parse().ok()?),
        None if end_of_period => {
            let next = if month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(year, month + 1, 1)
            };
            next?.pred_opt()
        }
        None => NaiveDate::from_ymd_opt(year, month, 1),
    }
}

impl Filter {
    /// Whether no field filters.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self { voice: self.voice, ..Self::default() }
    }

    /// The filter with its names turned into `index`'s numbers.
    #[must_use]
    pub fn resolve<'f>(&'f self, index: &ArticleIndex) -> Resolved<'f> {
        let mut unknown = false;
        let mut lookup = |name: Option<&String>, names: &Interner| {
            name.and_then(|n| {
                let sym = names.get(n);
                unknown |= sym.is_none();
                sym
            })
        };
        let actor = lookup(self.actor.as_ref(), index.actor_names());
        let side = lookup(self.side.as_ref(), index.side_names());
        let outlet = lookup(self.outlet.as_ref(), index.outlet_names());
        let tag = lookup(self.tag.as_ref(), index.tag_names());
        let day = |d: NaiveDate| crate::store::days_since_epoch(d);
        Resolved {
            filter: self,
            actor,
            side,
            outlet,
            tag,
            from: self.from.map(day),
            to: self.to.map(day),
            unknown,
            by_actor: self.actor.is_some()
                || self.side.is_some()
                || self.stance.is_some()
                || self.origin.is_some()
                || self.disagreements,
        }
    }

    /// Positions of the articles that pass, oldest first. `hits` are the positions the
    /// full-text index gives for [`Filter::text`]; with text but no hits, nothing passes.
    #[must_use]
    pub fn apply(&self, index: &ArticleIndex, hits: Option<&BitSet>) -> Vec<u32> {
        index.sorted_by_date(&self.matching(index, hits))
    }

    /// Positions of the articles that pass, in the index's own order (the fastest to scan and
    /// to count: every entry is visited front to back).
    #[must_use]
    pub fn matching(&self, index: &ArticleIndex, hits: Option<&BitSet>) -> Vec<u32> {
        let resolved = self.resolve(index);
        if resolved.unknown || (!self.text.trim().is_empty() && hits.is_none_or(BitSet::is_empty)) {
            return Vec::new();
        }
        // Scanned on every core; the order of positions is kept.
        (0..index.positions())
            .into_par_iter()
            .with_min_len(1 << 14)
            .filter(|&p| index.is_live(p) && resolved.matches(index, p, hits))
            .collect()
    }

    /// The articles that pass, oldest first, running the full-text search on `store` when the
    /// filter has text.
    ///
    /// # Errors
    /// A malformed search query, or store errors.
    pub fn select(
        &self,
        store: &crate::store::Store,
        index: &ArticleIndex,
    ) -> Result<Vec<u32>, crate::store::StoreError> {
        let hits = if self.text.trim().is_empty() {
            None
        } else {
            Some(index.positions_of_rowids(&store.search(&self.text)?))
        };
        Ok(self.apply(index, hits.as_ref()))
    }

    /// One line describing the active filters (for export sidecars and status lines).
    #[must_use]
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        let mut push = |name: &str, value: Option<String>| {
            if let Some(v) = value {
                parts.push(format!("{name}={v}"));
            }
        };
        push("actor", self.actor.clone());
        push("side", self.side.clone());
        push("stance", self.stance.map(|s| s.as_str().to_string()));
        push("voice", (self.stance.is_some()).then(|| self.voice.as_str().to_string()));
        push("origin", self.origin.map(|o| o.as_str().to_string()));
        push("reviewed", self.reviewed.map(|r| r.to_string()));
        push("starred", self.starred.then(|| "true".to_string()));
        push("tag", self.tag.clone());
        push("outlet", self.outlet.clone());
        push("language", self.language.map(|l| l.code().to_string()));
        push("from", self.from.map(|d| d.to_string()));
        push("to", self.to.map(|d| d.to_string()));
        push("text", (!self.text.trim().is_empty()).then(|| self.text.trim().to_string()));
        push("disagreements", self.disagreements.then(|| "true".to_string()));
        if parts.is_empty() { "no filters".to_string() } else { parts.join(" ") }
    }
}

/// A [`Filter`] resolved against one [`ArticleIndex`].
#[derive(Debug, Clone)]
pub struct Resolved<'f> {
    filter: &'f Filter,
    actor: Option<Sym>,
    side: Option<Sym>,
    outlet: Option<Sym>,
    tag: Option<Sym>,
    from: Option<i32>,
    to: Option<i32>,
    /// A name the index has never seen: nothing can pass.
    unknown: bool,
    /// Whether the filter is about actors at all.
    by_actor: bool,
}

impl Resolved<'_> {
    /// The filter.
    #[must_use]
    pub fn filter(&self) -> &Filter {
        self.filter
    }

    /// The stance the filter's voice reads from a cell.
    #[must_use]
    pub fn stance_of(&self, cell: &ActorCell) -> StanceLabel {
        match self.filter.voice {
            VoiceFilter::Own => cell.stance,
            VoiceFilter::Quoted => cell.quoted_stance,
        }
    }

    /// The article's actors this filter is about (all of them when no actor or side is chosen).
    pub fn actors_of<'i>(
        &self,
        index: &'i ArticleIndex,
        position: u32,
    ) -> impl Iterator<Item = &'i ActorCell> + use<'i, '_> {
        index.cells_of(position).iter().filter(move |c| self.keeps(c))
    }

    /// Whether the filter is about this actor of an article.
    #[must_use]
    pub fn keeps(&self, c: &ActorCell) -> bool {
        self.actor.is_none_or(|a| a == c.actor)
            && self.side.is_none_or(|s| s == c.side)
            && self.filter.stance.is_none_or(|s| self.stance_of(c) == s)
            && self.filter.origin.is_none_or(|o| c.origin == o)
            && (!self.filter.disagreements || (c.origin == Origin::Human && c.stance != c.auto_stance))
    }

    /// Whether the article at `position` passes (see [`Filter::apply`] for `hits`).
    #[must_use]
    pub fn matches(&self, index: &ArticleIndex, position: u32, hits: Option<&BitSet>) -> bool {
        if self.unknown {
            return false;
        }
        if self.outlet.is_some_and(|o| o != index.outlet_sym(position))
            || self.filter.language.is_some_and(|l| l != index.language(position))
            || self.filter.reviewed.is_some_and(|r| r != index.reviewed(position))
            || (self.filter.starred && !index.starred(position))
            || self.tag.is_some_and(|t| !index.tag_syms(position).contains(&t))
        {
            return false;
        }
        if self.from.is_some() || self.to.is_some() {
            let Some(day) = index.day(position) else { return false };
            if self.from.is_some_and(|f| day < f) || self.to.is_some_and(|t| day > t) {
                return false;
            }
        }
        if !self.filter.text.trim().is_empty() && !hits.is_some_and(|h| h.contains(position)) {
            return false;
        }
        !self.by_actor || self.actors_of(index, position).next().is_some()
    }
}
