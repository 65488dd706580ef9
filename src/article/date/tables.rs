//! Month, weekday and time-zone names, stored in their printed forms and looked up after
//! normalization (FRAMING.md §4.2).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::text::normalize_str;

/// Which calendar a month name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthKind {
    /// Gregorian month names (every regional table, English).
    Gregorian,
    /// Libyan Jamahiriya names (1986–2011): valid only in a full day–month–year date.
    Jamahiriya,
    /// Hijri months.
    Hijri,
}

const GREGORIAN: &[(&str, u8)] = &[
    // Egypt, Sudan, Yemen, Gulf (and Morocco where shared).
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونية", 6),
    ("يوليو", 7),
    ("يولية", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    // Levant and Iraq.
    ("كانون الثاني", 1),
    ("كانون ثاني", 1),
    ("كانون2", 1),
    ("شباط", 2),
    ("آذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("أيلول", 9),
    ("تشرين الأول", 10),
    ("تشرين أول", 10),
    ("تشرين1", 10),
    ("تشرين الثاني", 11),
    ("تشرين ثاني", 11),
    ("تشرين2", 11),
    ("كانون الأول", 12),
    ("كانون أول", 12),
    ("كانون1", 12),
    // Tunisia and Algeria.
    ("جانفي", 1),
    ("فيفري", 2),
    ("فيفريه", 2),
    ("أفريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويلية", 7),
    ("جويليه", 7),
    ("أوت", 8),
    // Morocco.
    ("يوليوز", 7),
    ("غشت", 8),
    ("شتنبر", 9),
    ("نونبر", 11),
    ("دجنبر", 12),
    // English.
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const JAMAHIRIYA: &[(&str, u8)] = &[
    ("أي النار", 1),
    ("النوار", 2),
    ("الربيع", 3),
    ("الطير", 4),
    ("الماء", 5),
    ("الصيف", 6),
    ("ناصر", 7),
    ("هانيبال", 8),
    ("هنيبال", 8),
    ("الفاتح", 9),
    ("التمور", 10),
    ("الحرث", 11),
    ("الكانون", 12),
];

const HIJRI: &[(&str, u8)] = &[
    ("محرم", 1),
    ("المحرم", 1),
    ("صفر", 2),
    ("ربيع الأول", 3),
    ("ربيع أول", 3),
    ("ربيع الآخر", 4),
    ("ربيع الثاني", 4),
    ("ربيع ثاني", 4),
    ("جمادى الأولى", 5),
    ("جمادى الأول", 5),
    ("جمادى الآخرة", 6),
    ("جمادى الثانية", 6),
    ("جمادى الثاني", 6),
    ("جمادى الآخر", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو القعدة", 11),
    ("ذي القعدة", 11),
    ("ذو الحجة", 12),
    ("ذي الحجة", 12),
];

const WEEKDAYS: &[(&str, u8)] = &[
    // 0 = Monday, as chrono's `num_days_from_monday`.
    ("الاثنين", 0),
    ("الإثنين", 0),
    ("الثلاثاء", 1),
    ("الأربعاء", 2),
    ("الخميس", 3),
    ("الجمعة", 4),
    ("السبت", 5),
    ("الأحد", 6),
    ("monday", 0),
    ("mon", 0),
    ("tuesday", 1),
    ("tue", 1),
    ("tues", 1),
    ("wednesday", 2),
    ("wed", 2),
    ("thursday", 3),
    ("thu", 3),
    ("thurs", 3),
    ("friday", 4),
    ("fri", 4),
    ("saturday", 5),
    ("sat", 5),
    ("sunday", 6),
    ("sun", 6),
];

/// Time-zone names and their UTC offsets in minutes (standard time: the printed date line says
/// nothing about daylight saving, so the confidence stays as it is).
const ZONES: &[(&str, i32)] = &[
    ("غرينتش", 0),
    ("جرينتش", 0),
    ("غرينيتش", 0),
    ("gmt", 0),
    ("utc", 0),
    ("ut", 0),
    ("z", 0),
    ("مكة المكرمة", 180),
    ("مكة", 180),
    ("الرياض", 180),
    ("السعودية", 180),
    ("عدن", 180),
    ("صنعاء", 180),
    ("بغداد", 180),
    ("الكويت", 180),
    ("الدوحة", 180),
    ("قطر", 180),
    ("المنامة", 180),
    ("القدس", 120),
    ("دمشق", 180),
    ("بيروت", 120),
    ("القاهرة", 120),
    ("مصر", 120),
    ("طرابلس", 120),
    ("ليبيا", 120),
    ("الخرطوم", 120),
    ("السودان", 120),
    ("أبوظبي", 240),
    ("أبو ظبي", 240),
    ("دبي", 240),
    ("الإمارات", 240),
    ("مسقط", 240),
    ("تونس", 60),
    ("الجزائر", 60),
    ("الرباط", 60),
    ("المغرب", 60),
    ("أنقرة", 180),
    ("إسطنبول", 180),
    ("طهران", 210),
    ("موسكو", 180),
    ("باريس", 60),
    ("لندن", 0),
    ("est", -300),
    ("edt", -240),
    ("cst", -360),
    ("cdt", -300),
    ("pst", -480),
    ("pdt", -420),
    ("bst", 60),
    ("cet", 60),
    ("cest", 120),
    ("eet", 120),
    ("ast", 180),
];

type Table = HashMap<String, u8>;

fn build(entries: &[(&str, u8)]) -> Table {
    entries.iter().map(|(name, value)| (normalize_str(name), *value)).collect()
}

static GREGORIAN_MONTHS: LazyLock<Table> = LazyLock::new(|| build(GREGORIAN));
static JAMAHIRIYA_MONTHS: LazyLock<Table> = LazyLock::new(|| build(JAMAHIRIYA));
static HIJRI_MONTHS: LazyLock<Table> = LazyLock::new(|| build(HIJRI));
static WEEKDAY_NAMES: LazyLock<Table> = LazyLock::new(|| build(WEEKDAYS));
static ZONE_NAMES: LazyLock<HashMap<String, i32>> =
    LazyLock::new(|| ZONES.iter().map(|(name, minutes)| (normalize_str(name), *minutes)).collect());

/// The month number and calendar of a normalized month name (one or two words).
#[must_use]
pub fn month(name: &str) -> Option<(u8, MonthKind)> {
    if let Some(m) = GREGORIAN_MONTHS.get(name) {
        return Some((*m, MonthKind::Gregorian));
    }
    if let Some(m) = HIJRI_MONTHS.get(name) {
        return Some((*m, MonthKind::Hijri));
    }
    JAMAHIRIYA_MONTHS.get(name).map(|m| (*m, MonthKind::Jamahiriya))
}

/// The weekday (0 = Monday) of a normalized weekday name.
#[must_use]
pub fn weekday(name: &str) -> Option<u8> {
    WEEKDAY_NAMES.get(name).copied()
}

/// The UTC offset in minutes of a normalized zone or city name.
#[must_use]
pub fn zone(name: &str) -> Option<i32> {
    ZONE_NAMES.get(name).copied()
}
