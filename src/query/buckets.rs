//! Timeline buckets: article counts per day, week or month (chosen from the span), split by
//! the stance toward one actor or by side.

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use super::Filter;
use super::columns::{NO_SYM, Sym};
use super::filter::Resolved;
use super::index::ArticleIndex;
use crate::analysis::StanceLabel;

/// Bucket width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    /// One day.
    Day,
    /// Monday to Sunday.
    Week,
    /// Calendar month.
    Month,
}

impl Granularity {
    /// Chosen from the span in days: up to 120 days by day, up to 3 years by week, else month.
    #[must_use]
    pub fn for_span(days: i64) -> Self {
        if days <= 120 {
            Self::Day
        } else if days <= 3 * 366 {
            Self::Week
        } else {
            Self::Month
        }
    }

    /// The first day of the bucket holding `date`.
    #[must_use]
    pub fn start_of(self, date: NaiveDate) -> NaiveDate {
        match self {
            Self::Day => date,
            Self::Week => date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday())),
            Self::Month => date.with_day(1).unwrap_or(date),
        }
    }

    /// The first day of the next bucket.
    #[must_use]
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Self::Day => start + chrono::Days::new(1),
            Self::Week => start + chrono::Days::new(7),
            Self::Month => start + chrono::Months::new(1),
        }
    }

    /// Lower-case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
        }
    }
}

/// How bars are split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Series {
    /// By stance toward the filter's actor (in the filter's voice).
    Stance(StanceLabel),
    /// By the side of the article's most mentioned actor.
    Side(String),
    /// Articles with no actor.
    NoActor,
}

/// One bar of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    /// First day.
    pub start: NaiveDate,
    /// Counts per series, in a stable order.
    pub counts: Vec<(Series, usize)>,
}

impl Bucket {
    /// All articles in the bucket.
    #[must_use]
    pub fn total(&self) -> usize {
        self.counts.iter().map(|(_, c)| c).sum()
    }
}

fn date_of(day: i32) -> NaiveDate {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    if day >= 0 {
        epoch + chrono::Days::new(u64::from(day.unsigned_abs()))
    } else {
        epoch - chrono::Days::new(u64::from(day.unsigned_abs()))
    }
}

/// Buckets over the articles at `selected` (positions in `index`), every bucket of the span
/// present (empty ones too), and the granularity chosen. Articles without a date are left out.
#[must_use]
pub fn timeline(index: &ArticleIndex, selected: &[u32], filter: &Filter) -> (Granularity, Vec<Bucket>) {
    let (mut min, mut max) = (i32::MAX, i32::MIN);
    for day in selected.iter().filter_map(|&p| index.day(p)) {
        min = min.min(day);
        max = max.max(day);
    }
    if min > max {
        return (Granularity::Day, Vec::new());
    }
    let granularity = Granularity::for_span(i64::from(max - min));
    let mut starts = Vec::new();
    let mut start = granularity.start_of(date_of(min));
    while start <= date_of(max) {
        starts.push(start);
        start = granularity.next(start);
    }
    // The bucket of every day of the span, looked up once per day rather than once per article.
    let slot_of_day: Vec<usize> = (min..=max)
        .map(|day| {
            let start = granularity.start_of(date_of(day));
            starts.binary_search(&start).unwrap_or(0)
        })
        .collect();
    let resolved = filter.resolve(index);
    let empty = || vec![Vec::new(); starts.len()];
    // Counted on every core, a chunk at a time, then added up.
    let counts = selected
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut counts: Vec<Vec<(Key, usize)>> = empty();
            for &p in chunk {
                let Some(day) = index.day(p) else { continue };
                let Some(&slot) = usize::try_from(day - min).ok().and_then(|offset| slot_of_day.get(offset)) else {
                    continue;
                };
                add(&mut counts[slot], key_of(index, p, &resolved), 1);
            }
            counts
        })
        .reduce(empty, |mut total, part| {
            for (slot, part) in total.iter_mut().zip(part) {
                for (key, count) in part {
                    add(slot, key, count);
                }
            }
            total
        });
    let series = |key: Key| match key {
        Key::Stance(stance) => Series::Stance(stance),
        Key::Side(side) => Series::Side(index.side_names().name(side).to_string()),
        Key::NoActor => Series::NoActor,
    };
    let buckets = starts
        .into_iter()
        .zip(counts)
        .map(|(start, counts)| Bucket { start, counts: counts.into_iter().map(|(k, c)| (series(k), c)).collect() })
        .collect();
    (granularity, buckets)
}

/// Articles counted per task.
const CHUNK: usize = 1 << 16;

fn add(counts: &mut Vec<(Key, usize)>, key: Key, count: usize) {
    match counts.iter_mut().find(|(k, _)| *k == key) {
        Some((_, c)) => *c += count,
        None => counts.push((key, count)),
    }
}

/// [`Series`] with the side still a number (no text per article while counting).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Stance(StanceLabel),
    Side(Sym),
    NoActor,
}

fn key_of(index: &ArticleIndex, position: u32, filter: &Resolved<'_>) -> Key {
    if filter.filter().actor.is_some() {
        let stance = filter.actors_of(index, position).next().map_or(StanceLabel::Neutral, |c| filter.stance_of(c));
        return Key::Stance(stance);
    }
    match index.first_side(position) {
        NO_SYM => Key::NoActor,
        side => Key::Side(side),
    }
}
