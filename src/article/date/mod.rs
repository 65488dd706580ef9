//! Publication dates as printed in Arabic and English news (FRAMING.md §4): every regional
//! month table, combined `أبريل/نيسان`, Arabic-Indic and Persian digits, weekdays, AM/PM words,
//! `م`/`هـ` era markers, Hijri dates with `الموافق`, numeric D/M/Y and M/D/Y, ISO 8601,
//! RFC 822 and stated time zones. Pure: no clock, no locale of the machine.

mod hijri;
mod lex;
mod tables;
mod time;

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::{Serialize, Serializer};

use crate::text::{Language, normalize_str};
use lex::{Piece, lex};
use tables::MonthKind;

/// Which calendar the printed date used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CalendarSource {
    /// A Gregorian date.
    Gregorian,
    /// A Hijri date only, converted with the Umm al-Qura calendar.
    Hijri,
    /// Both were printed; the Gregorian one is used and the Hijri one checks it.
    Both,
}

/// A parsed publication date with what is known about its precision and reliability.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishedDate {
    /// The calendar date (Gregorian).
    pub date: NaiveDate,
    /// The time of day, when printed.
    pub time: Option<NaiveTime>,
    /// The stated UTC offset in minutes, when printed.
    pub offset_minutes: Option<i32>,
    /// The calendar the line used.
    pub calendar: CalendarSource,
    /// 1.0 for an unambiguous, consistent date; lower when the weekday disagrees, the
    /// numeric order is ambiguous, or only a Hijri date was printed.
    pub confidence: f32,
    /// A numeric date whose day and month could be swapped.
    pub ambiguous: bool,
    /// The printed weekday is not the weekday of the date.
    pub weekday_mismatch: bool,
}

impl PublishedDate {
    /// ISO 8601: `2020-12-19`, `2020-12-19T22:29:00`, or with the offset when stated.
    #[must_use]
    pub fn iso(&self) -> String {
        let Some(time) = self.time else {
            return self.date.format("%Y-%m-%d").to_string();
        };
        let base = format!("{}T{}", self.date.format("%Y-%m-%d"), time.format("%H:%M:%S"));
        match self.offset_minutes {
            None => base,
            Some(0) => format!("{base}Z"),
            Some(m) => format!("{base}{}{:02}:{:02}", if m < 0 { '-' } else { '+' }, m.abs() / 60, m.abs() % 60),
        }
    }
}

/// Serialize as the ISO string (used by `rasd scan`).
///
/// # Errors
/// Only the serializer's own errors.
pub fn serialize_iso<S: Serializer>(date: &Option<PublishedDate>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => serializer.serialize_str(&d.iso()),
        None => serializer.serialize_none(),
    }
}

/// What the caller knows that the line does not say.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateHints {
    /// The article's language: Arabic outlets print numeric dates day first.
    pub language: Language,
    /// For English outlets: `Some(true)` for month first (US), `Some(false)` for day first (UK);
    /// `None` decides from the numbers and marks the date ambiguous when both fit.
    pub month_first: Option<bool>,
}

/// A day, month and year found in the line, before conversion.
#[derive(Debug, Clone, Copy)]
struct Found {
    year: i32,
    month: u32,
    day: u32,
    hijri: bool,
    ambiguous: bool,
    month_names_disagree: bool,
    /// Index of the last piece of the date, to look for a time after it.
    end: usize,
    after_muwafiq: bool,
}

/// Parse the publication date printed in `line`.
#[must_use]
pub fn parse_date(line: &str, hints: DateHints) -> Option<PublishedDate> {
    let trimmed = line.trim();
    if let Ok(rfc) = chrono::DateTime::parse_from_rfc2822(trimmed) {
        return Some(from_datetime(rfc.naive_local(), rfc.offset().local_minus_utc() / 60, trimmed, hints));
    }
    let normalized = normalize_str(trimmed);
    if let Some(iso) = parse_iso(&normalized) {
        return Some(iso);
    }
    let pieces = lex(&normalized);
    let found = find_dates(&pieces, hints);
    let gregorian = found.iter().filter(|f| !f.hijri).max_by_key(|f| f.after_muwafiq).copied();
    let hijri = found.iter().find(|f| f.hijri).copied();
    let (chosen, calendar) = match (gregorian, hijri) {
        (Some(g), Some(_)) => (g, CalendarSource::Both),
        (Some(g), None) => (g, CalendarSource::Gregorian),
        (None, Some(h)) => (h, CalendarSource::Hijri),
        (None, None) => return None,
    };
    let date = if chosen.hijri {
        hijri::to_gregorian(chosen.year, chosen.month, chosen.day)?
    } else {
        NaiveDate::from_ymd_opt(chosen.year, chosen.month, chosen.day)?
    };
    let mut confidence: f32 = 1.0;
    if chosen.ambiguous {
        confidence *= 0.6;
    }
    if chosen.month_names_disagree {
        confidence *= 0.5;
    }
    match (calendar, hijri) {
        (CalendarSource::Hijri, _) => confidence *= 0.85,
        (CalendarSource::Both, Some(h)) => {
            let agrees = hijri::to_gregorian(h.year, h.month, h.day)
                .is_some_and(|converted| (converted - date).num_days().abs() <= 2);
            if !agrees {
                confidence *= 0.6;
            }
        }
        _ => {}
    }
    let time = time::find_time(&pieces, chosen.end);
    let offset_minutes = time::find_zone(&pieces, time.map_or(chosen.end, |t| t.end));
    let weekday_mismatch = weekday_disagrees(&pieces, date);
    if weekday_mismatch {
        confidence *= 0.5;
    }
    Some(PublishedDate {
        date,
        time: time.map(|t| t.time),
        offset_minutes,
        calendar,
        confidence,
        ambiguous: chosen.ambiguous,
        weekday_mismatch,
    })
}

fn from_datetime(local: chrono::NaiveDateTime, offset_minutes: i32, printed: &str, _hints: DateHints) -> PublishedDate {
    let pieces = lex(&normalize_str(printed));
    let weekday_mismatch = weekday_disagrees(&pieces, local.date());
    PublishedDate {
        date: local.date(),
        time: Some(local.time()),
        offset_minutes: Some(offset_minutes),
        calendar: CalendarSource::Gregorian,
        confidence: if weekday_mismatch { 0.5 } else { 1.0 },
        ambiguous: false,
        weekday_mismatch,
    }
}

fn parse_iso(normalized: &str) -> Option<PublishedDate> {
    static ISO: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?:^|[^0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[t ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?\s*(z|[+-][0-9]{2}:?[0-9]{2})?)?(?:$|[^0-9])",
        )
        .ok()
    });
    let caps = ISO.as_ref()?.captures(normalized)?;
    let number = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let date = NaiveDate::from_ymd_opt(i32::try_from(number(1)?).ok()?, number(2)?, number(3)?)?;
    let time = match (number(4), number(5)) {
        (Some(h), Some(m)) => Some(NaiveTime::from_hms_opt(h, m, number(6).unwrap_or(0))?),
        _ => None,
    };
    let offset_minutes = caps.get(7).and_then(|z| time::parse_numeric_offset(z.as_str()));
    Some(PublishedDate {
        date,
        time,
        offset_minutes,
        calendar: CalendarSource::Gregorian,
        confidence: 1.0,
        ambiguous: false,
        weekday_mismatch: false,
    })
}

fn find_dates(pieces: &[Piece], hints: DateHints) -> Vec<Found> {
    let mut found = Vec::new();
    let mut after_muwafiq = false;
    let mut index = 0;
    while index < pieces.len() {
        if pieces[index].word() == Some("الموافق") {
            after_muwafiq = true;
        }
        let next = named_month_date(pieces, index).or_else(|| numeric_date(pieces, index, hints));
        if let Some(mut date) = next {
            date.after_muwafiq = after_muwafiq;
            index = date.end + 1;
            found.push(date);
        } else {
            index += 1;
        }
    }
    found
}

/// A month name at `index` (one or two words, or `كانون1`-style word + digit).
fn month_at(pieces: &[Piece], index: usize) -> Option<(u8, MonthKind, usize)> {
    let word = pieces.get(index)?.word()?;
    let word = word.strip_prefix("يوم").filter(|w| !w.is_empty()).unwrap_or(word);
    if let Some(next) = pieces.get(index + 1) {
        if let Some(second) = next.word()
            && let Some((m, kind)) = tables::month(&format!("{word} {second}"))
        {
            return Some((m, kind, index + 2));
        }
        if let Some(n @ 1..=2) = next.number_of(1)
            && let Some((m, kind)) = tables::month(&format!("{word}{n}"))
        {
            return Some((m, kind, index + 2));
        }
    }
    tables::month(word).map(|(m, kind)| (m, kind, index + 1))
}

fn skip_seps(pieces: &[Piece], mut index: usize, forward: bool) -> Option<usize> {
    loop {
        match pieces.get(index)? {
            Piece::Sep('/' | '-' | ',' | '.' | '،') => {
                index = if forward { index + 1 } else { index.checked_sub(1)? };
            }
            _ => return Some(index),
        }
    }
}

fn year_range_fits(kind: MonthKind, year: u32) -> bool {
    match kind {
        MonthKind::Gregorian => (1900..=2100).contains(&year),
        MonthKind::Hijri => (1300..=1500).contains(&year),
        MonthKind::Jamahiriya => (1900..=2100).contains(&year) || (1350..=1450).contains(&year),
    }
}

fn named_month_date(pieces: &[Piece], index: usize) -> Option<Found> {
    let (month, kind, mut after) = month_at(pieces, index)?;
    let mut disagree = false;
    // Combined names: أبريل/نيسان, كانون1/ديسمبر.
    if pieces.get(after).is_some_and(|p| p.is_sep('/'))
        && let Some((second, second_kind, end)) = month_at(pieces, after + 1)
        && (second_kind == kind || kind != MonthKind::Hijri)
    {
        disagree = second != month;
        after = end;
    }
    let day_before = index
        .checked_sub(1)
        .and_then(|i| skip_seps(pieces, i, false))
        .and_then(|i| pieces[i].number(2))
        .filter(|d| (1..=31).contains(d));
    let (day, year_at) = match day_before {
        Some(day) => (day, skip_seps(pieces, after, true)?),
        None => {
            // English "December 19, 2020".
            let day_at = skip_seps(pieces, after, true)?;
            let day = pieces[day_at].number(2).filter(|d| (1..=31).contains(d))?;
            (day, skip_seps(pieces, day_at + 1, true)?)
        }
    };
    let year = pieces.get(year_at)?.number_of(4)?;
    if !year_range_fits(kind, year) {
        return None;
    }
    let era = pieces.get(year_at + 1).and_then(Piece::word);
    let mut end = year_at;
    if matches!(era, Some("م" | "ه" | "هجري" | "هجريه" | "ميلادي" | "ad" | "ce")) {
        end += 1;
    }
    let hijri = kind == MonthKind::Hijri;
    let year = match kind {
        // Jamahiriya years counted from the Prophet's death (1369 = 2001).
        MonthKind::Jamahiriya if year < 1900 => year + 632,
        _ => year,
    };
    Some(Found {
        year: i32::try_from(year).ok()?,
        month: u32::from(month),
        day,
        hijri,
        ambiguous: false,
        month_names_disagree: disagree,
        end,
        after_muwafiq: false,
    })
}

fn numeric_date(pieces: &[Piece], index: usize, hints: DateHints) -> Option<Found> {
    let first = pieces.get(index)?;
    let Piece::Sep(sep @ ('/' | '-' | '.')) = *pieces.get(index + 1)? else {
        return None;
    };
    let second = pieces.get(index + 2)?.number(2)?;
    if !pieces.get(index + 3)?.is_sep(sep) {
        return None;
    }
    let third = pieces.get(index + 4)?;
    let end = index + 4;
    let hijri_marker = pieces.get(end + 1).and_then(Piece::word).is_some_and(|w| w == "ه" || w.starts_with("هجري"));
    let found = |year: u32, month: u32, day: u32, ambiguous: bool| {
        let hijri = hijri_marker || (1300..=1500).contains(&year);
        let fits = if hijri { (1300..=1500).contains(&year) } else { (1900..=2100).contains(&year) };
        (fits && (1..=12).contains(&month) && (1..=31).contains(&day)).then(|| Found {
            year: i32::try_from(year).unwrap_or(0),
            month,
            day,
            hijri,
            ambiguous,
            month_names_disagree: false,
            end: end + usize::from(pieces.get(end + 1).and_then(Piece::word).is_some_and(|w| w == "م" || w == "ه")),
            after_muwafiq: false,
        })
    };
    if let Some(year) = first.number_of(4) {
        return found(year, second, third.number(2)?, false);
    }
    let a = first.number(2)?;
    let year = third.number_of(4)?;
    if hijri_marker || (1300..=1500).contains(&year) {
        return found(year, second, a, false);
    }
    let english = hints.language == Language::En;
    let (month, day, ambiguous) = if a > 12 {
        (second, a, false)
    } else if second > 12 {
        (a, second, false)
    } else if english {
        let month_first = hints.month_first.unwrap_or(true);
        let ambiguous = hints.month_first.is_none() && a != second;
        if month_first { (a, second, ambiguous) } else { (second, a, ambiguous) }
    } else {
        // Arabic outlets print day first; the other order still fits.
        (second, a, a != second)
    };
    found(year, month, day, ambiguous)
}

fn weekday_disagrees(pieces: &[Piece], date: NaiveDate) -> bool {
    let actual = u8::try_from(date.weekday().num_days_from_monday()).unwrap_or(0);
    pieces
        .iter()
        .filter_map(Piece::word)
        .filter_map(|w| tables::weekday(w.strip_prefix("يوم").filter(|r| !r.is_empty()).unwrap_or(w)))
        .any(|printed| printed != actual)
}

#[cfg(test)]
mod tests;
