//! Timeline buckets: article counts per day, week or month (chosen from the span), split by
//! the stance toward one actor or by side.

use chrono::{Datelike, NaiveDate};

use super::Filter;
use crate::analysis::StanceLabel;
use crate::store::IndexRow;

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

/// Buckets over the rows `selected` (indexes into `rows`), every bucket of the span present
/// (empty ones too), and the granularity chosen. Rows without a date are left out.
#[must_use]
pub fn timeline(rows: &[IndexRow], selected: &[usize], filter: &Filter) -> (Granularity, Vec<Bucket>) {
    let days: Vec<i32> = selected.iter().filter_map(|&i| rows[i].day).collect();
    let (Some(&min), Some(&max)) = (days.iter().min(), days.iter().max()) else {
        return (Granularity::Day, Vec::new());
    };
    let granularity = Granularity::for_span(i64::from(max - min));
    let mut starts = Vec::new();
    let mut start = granularity.start_of(date_of(min));
    while start <= date_of(max) {
        starts.push(start);
        start = granularity.next(start);
    }
    let mut buckets: Vec<Bucket> = starts.into_iter().map(|start| Bucket { start, counts: Vec::new() }).collect();
    for &i in selected {
        let row = &rows[i];
        let Some(day) = row.day else { continue };
        let start = granularity.start_of(date_of(day));
        let Ok(slot) = buckets.binary_search_by_key(&start, |b| b.start) else { continue };
        let series = series_of(row, filter);
        let counts = &mut buckets[slot].counts;
        match counts.iter_mut().find(|(s, _)| *s == series) {
            Some((_, c)) => *c += 1,
            None => counts.push((series, 1)),
        }
    }
    (granularity, buckets)
}

fn series_of(row: &IndexRow, filter: &Filter) -> Series {
    if filter.actor.is_some() {
        let stance = filter.actors_of(row).next().map_or(StanceLabel::Neutral, |a| match filter.voice {
            super::VoiceFilter::Own => a.stance,
            super::VoiceFilter::Quoted => a.quoted_stance,
        });
        return Series::Stance(stance);
    }
    row.actors.iter().find_map(|a| a.side.clone()).map_or(Series::NoActor, Series::Side)
}
