//! Hijri to Gregorian with the Umm al-Qura calendar (ICU4X).

use chrono::NaiveDate;
use icu_calendar::cal::Hijri;
use icu_calendar::{Date, Iso};

/// The Gregorian date of a Hijri year, month and day, when it exists.
#[must_use]
pub fn to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let month = u8::try_from(month).ok()?;
    let day = u8::try_from(day).ok()?;
    let hijri = Date::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura()).ok()?;
    let iso = hijri.to_calendar(Iso);
    NaiveDate::from_ymd_opt(iso.year().extended_year(), u32::from(iso.month().ordinal), u32::from(iso.day_of_month().0))
}
