//! Time of day and time zone in a lexed date line: `10:29 م`, `08:32 صباحا`, `3 مساءً`,
//! `22.29 GMT`, `بتوقيت مكة`, `(غرينتش)`, `+0400`, `GMT+3`.

use chrono::NaiveTime;

use super::lex::Piece;
use super::tables;

/// A time found in the line and the index of its last piece.
#[derive(Debug, Clone, Copy)]
pub struct FoundTime {
    pub time: NaiveTime,
    pub end: usize,
}

#[derive(Clone, Copy)]
enum DayPart {
    Am,
    Pm,
    Noon,
    Afternoon,
    Night,
    Dawn,
}

fn day_part(word: &str) -> Option<DayPart> {
    Some(match word {
        "ص" | "صباحا" | "صباح" | "am" => DayPart::Am,
        "م" | "مساء" | "مساءا" | "pm" => DayPart::Pm,
        "ظهرا" | "ظهر" => DayPart::Noon,
        "عصرا" | "عصر" => DayPart::Afternoon,
        "ليلا" | "ليل" => DayPart::Night,
        "فجرا" | "فجر" => DayPart::Dawn,
        _ => return None,
    })
}

fn apply(hour: u32, part: DayPart) -> u32 {
    match part {
        DayPart::Am | DayPart::Dawn => hour % 12,
        DayPart::Pm | DayPart::Afternoon => hour % 12 + 12,
        DayPart::Noon => {
            if hour < 6 {
                hour + 12
            } else {
                hour
            }
        }
        DayPart::Night => match hour {
            12 => 0,
            6..=11 => hour + 12,
            _ => hour,
        },
    }
}

/// Day part written as `a.m.` / `p.m.`, or as one word.
fn day_part_at(pieces: &[Piece], index: usize) -> Option<(DayPart, usize)> {
    let word = pieces.get(index)?.word()?;
    if let Some(part) = day_part(word) {
        return Some((part, index));
    }
    let dotted = pieces.get(index + 1)?.is_sep('.') && pieces.get(index + 2)?.word() == Some("m");
    match word {
        "a" if dotted => Some((DayPart::Am, index + 2)),
        "p" if dotted => Some((DayPart::Pm, index + 2)),
        _ => None,
    }
}

/// The first time of day printed after piece `from` (or anywhere, when none follows).
pub fn find_time(pieces: &[Piece], from: usize) -> Option<FoundTime> {
    (from + 1..pieces.len()).chain(0..from).find_map(|i| time_at(pieces, i))
}

fn time_at(pieces: &[Piece], index: usize) -> Option<FoundTime> {
    let hour = pieces.get(index)?.number(2)?;
    let sep = match pieces.get(index + 1)? {
        Piece::Sep(c @ (':' | '.')) => *c,
        // "الساعة 3 مساءً": an hour with a day part only.
        Piece::Word(_) => {
            let after_saa = index > 0 && pieces[index - 1].word() == Some("الساعه");
            let (part, end) = day_part_at(pieces, index + 1)?;
            if !after_saa {
                return None;
            }
            let time = NaiveTime::from_hms_opt(apply(hour, part), 0, 0)?;
            return Some(FoundTime { time, end });
        }
        _ => return None,
    };
    let minute = pieces.get(index + 2)?.number_of(2)?;
    let mut end = index + 2;
    let mut second = 0;
    if pieces.get(end + 1).is_some_and(|p| p.is_sep(':'))
        && let Some(s) = pieces.get(end + 2).and_then(|p| p.number_of(2))
    {
        second = s;
        end += 2;
    }
    let mut hour24 = hour;
    if let Some((part, part_end)) = day_part_at(pieces, end + 1) {
        if hour > 12 {
            return None;
        }
        hour24 = apply(hour, part);
        end = part_end;
    } else if sep == '.' {
        // "22.29" is a time only when a zone follows (Guardian style); else it may be a date.
        let zone_follows = pieces.get(end + 1).and_then(Piece::word).is_some_and(|w| tables::zone(w).is_some());
        if !zone_follows {
            return None;
        }
    }
    let time = NaiveTime::from_hms_opt(hour24, minute, second)?;
    Some(FoundTime { time, end })
}

/// The first stated time zone after piece `from`, as minutes east of UTC.
pub fn find_zone(pieces: &[Piece], from: usize) -> Option<i32> {
    (from + 1..pieces.len()).find_map(|i| zone_at(pieces, i))
}

fn named_zone(pieces: &[Piece], index: usize) -> Option<i32> {
    let first = pieces.get(index)?.word()?;
    if let Some(second) = pieces.get(index + 1).and_then(Piece::word)
        && let Some(minutes) = tables::zone(&format!("{first} {second}"))
    {
        return Some(minutes);
    }
    tables::zone(first)
}

fn zone_at(pieces: &[Piece], index: usize) -> Option<i32> {
    match pieces.get(index)? {
        Piece::Word(w) if w == "بتوقيت" || w == "توقيت" => named_zone(pieces, index + 1),
        Piece::Sep('(') => named_zone(pieces, index + 1),
        Piece::Word(w) if w.is_ascii() || w.contains("نتش") => {
            let base = tables::zone(w)?;
            Some(base + signed_offset(pieces, index + 1).unwrap_or(0))
        }
        Piece::Sep('+' | '-') => signed_offset(pieces, index),
        _ => None,
    }
}

/// `+0400`, `+04:00`, `+3`, `-05` starting at `index`.
fn signed_offset(pieces: &[Piece], index: usize) -> Option<i32> {
    let sign = match pieces.get(index)? {
        Piece::Sep('+') => 1,
        Piece::Sep('-') => -1,
        _ => return None,
    };
    let Piece::Number { value, digits } = *pieces.get(index + 1)? else {
        return None;
    };
    let value = i32::try_from(value).ok()?;
    let minutes = match digits {
        1 | 2 => {
            let extra = if pieces.get(index + 2).is_some_and(|p| p.is_sep(':')) {
                pieces.get(index + 3).and_then(|p| p.number_of(2)).and_then(|m| i32::try_from(m).ok()).unwrap_or(0)
            } else {
                0
            };
            value * 60 + extra
        }
        4 => value / 100 * 60 + value % 100,
        _ => return None,
    };
    (minutes <= 14 * 60).then_some(sign * minutes)
}

/// `z`, `+04:00`, `+0400` from an ISO 8601 string.
pub fn parse_numeric_offset(text: &str) -> Option<i32> {
    if text == "z" {
        return Some(0);
    }
    let pieces = super::lex::lex(text);
    signed_offset(&pieces, 0)
}
