//! The filter engine: actor, side, stance, voice, outlet, language, dates and text.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::analysis::{Origin, StanceLabel};
use crate::store::{ActorStance, IndexRow};
use std::collections::HashSet;

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

    fn stance_of(&self, actor: &ActorStance) -> StanceLabel {
        match self.voice {
            VoiceFilter::Own => actor.stance,
            VoiceFilter::Quoted => actor.quoted_stance,
        }
    }

    /// The row's actors this filter is about (all of them when no actor or side is chosen).
    pub fn actors_of<'r>(&'r self, row: &'r IndexRow) -> impl Iterator<Item = &'r ActorStance> + 'r {
        row.actors.iter().filter(move |a| {
            self.actor.as_ref().is_none_or(|id| *id == a.actor_id)
                && self.side.as_ref().is_none_or(|side| a.side.as_ref() == Some(side))
                && self.stance.is_none_or(|s| self.stance_of(a) == s)
                && self.origin.is_none_or(|o| a.origin == o)
        })
    }

    /// Whether the row passes. `hits` are the ids the full-text index gives for
    /// [`Filter::text`] (the store's `search`); with text but no hits, nothing passes.
    #[must_use]
    pub fn matches(&self, row: &IndexRow, hits: Option<&HashSet<String>>) -> bool {
        let actor_filter =
            self.actor.is_some() || self.side.is_some() || self.stance.is_some() || self.origin.is_some();
        if actor_filter && self.actors_of(row).next().is_none() {
            return false;
        }
        if self.outlet.as_ref().is_some_and(|o| *o != row.source) || self.language.is_some_and(|l| l != row.language) {
            return false;
        }
        if self.reviewed.is_some_and(|r| r != row.reviewed)
            || (self.starred && !row.starred)
            || self.tag.as_ref().is_some_and(|t| !row.tags.contains(t))
        {
            return false;
        }
        if self.from.is_some() || self.to.is_some() {
            let Some(day) = row.day else {
                return false;
            };
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
            let date = epoch + chrono::Days::new(u64::try_from(day).unwrap_or(0));
            if self.from.is_some_and(|f| date < f) || self.to.is_some_and(|t| date > t) {
                return false;
            }
        }
        self.text.trim().is_empty() || hits.is_some_and(|h| h.contains(&row.id))
    }

    /// Indexes of the rows that pass, in the order given (see [`Filter::matches`] for `hits`).
    #[must_use]
    pub fn apply(&self, rows: &[IndexRow], hits: Option<&HashSet<String>>) -> Vec<usize> {
        rows.iter().enumerate().filter(|(_, r)| self.matches(r, hits)).map(|(i, _)| i).collect()
    }

    /// The rows that pass, running the full-text search on `store` when the filter has text.
    ///
    /// # Errors
    /// A malformed search query, or store errors.
    pub fn select(
        &self,
        store: &crate::store::Store,
        rows: &[IndexRow],
    ) -> Result<Vec<usize>, crate::store::StoreError> {
        let hits = if self.text.trim().is_empty() { None } else { Some(store.search(&self.text)?) };
        Ok(self.apply(rows, hits.as_ref()))
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
        if parts.is_empty() { "no filters".to_string() } else { parts.join(" ") }
    }
}
