use super::*;

fn ar(line: &str) -> Option<PublishedDate> {
    parse_date(line, DateHints { language: Language::Ar, month_first: None })
}

fn en(line: &str) -> Option<PublishedDate> {
    parse_date(line, DateHints { language: Language::En, month_first: None })
}

fn iso(date: Option<PublishedDate>) -> String {
    date.map_or_else(|| "none".to_string(), |d| d.iso())
}

#[test]
fn sample_dateline_with_weekday_and_evening_marker() {
    let d = ar("السبت 19 ديسمبر 2020 10:29 م");
    assert_eq!(iso(d.clone()), "2020-12-19T22:29:00");
    assert_eq!(d.map(|d| (d.confidence, d.weekday_mismatch)), Some((1.0, false)));
}

#[test]
fn every_regional_month_table() {
    assert_eq!(iso(ar("الخميس 28 آذار 2024 الساعة 15:51:17")), "2024-03-28T15:51:17");
    assert_eq!(iso(ar("الثلاثاء، 29 كانون1/ديسمبر 2020")), "2020-12-29");
    assert_eq!(iso(ar("الجمعة 10 كانون ثاني/يناير 2025")), "2025-01-10");
    assert_eq!(iso(ar("30 كانون الثاني 2021")), "2021-01-30");
    assert_eq!(iso(ar("12 تشرين2 2019")), "2019-11-12");
    assert_eq!(iso(ar("3 جويلية 2019")), "2019-07-03");
    assert_eq!(iso(ar("15 فيفري 2020")), "2020-02-15");
    assert_eq!(iso(ar("7 غشت 2018")), "2018-08-07");
    assert_eq!(iso(ar("2 دجنبر 2018")), "2018-12-02");
    assert_eq!(iso(ar("08 ابريل 2019")), "2019-04-08");
    assert_eq!(iso(ar("1 آب 2019")), "2019-08-01");
}

#[test]
fn combined_month_names_must_agree() {
    let agree = ar("4 أبريل/نيسان 2019");
    assert_eq!(iso(agree.clone()), "2019-04-04");
    assert_eq!(agree.map(|d| d.confidence), Some(1.0));
    let disagree = ar("4 أبريل/أيار 2019");
    assert!(disagree.is_some_and(|d| d.confidence < 1.0));
}

#[test]
fn arabic_indic_and_persian_digits() {
    assert_eq!(iso(ar("الجمعة ٠٨ / نوفمبر / ٢٠٢٤")), "2024-11-08");
    assert_eq!(iso(ar("۱۹ دیسمبر ۲۰۲۰")), "2020-12-19");
}

#[test]
fn morning_and_evening_words() {
    assert_eq!(iso(ar("الأحد 21 فبراير 2016, 08:32 صباحا")), "2016-02-21T08:32:00");
    assert_eq!(iso(ar("18-05-2025 الساعة 3 مساءً بتوقيت عدن")), "2025-05-18T15:00:00+03:00");
    assert_eq!(iso(ar("السبت 19 ديسمبر 2020 12:10 ص")), "2020-12-19T00:10:00");
}

#[test]
fn stated_zones() {
    assert_eq!(iso(ar("الجمعة - 05 أبريل 2019 - 11:56 م بتوقيت عدن")), "2019-04-05T23:56:00+03:00");
    assert_eq!(iso(ar("5 أبريل 2019 11:56 بتوقيت مكة")), "2019-04-05T11:56:00+03:00");
    assert_eq!(iso(en("Sat 19 Dec 2020 22.29 GMT")), "2020-12-19T22:29:00Z");
    assert_eq!(iso(en("19 December 2020 10:29 +0400")), "2020-12-19T10:29:00+04:00");
    assert_eq!(iso(en("19 December 2020 10:29 GMT+3")), "2020-12-19T10:29:00+03:00");
}

#[test]
fn hijri_with_muwafiq_prefers_gregorian() {
    let d = ar("الاثنين 1435/11/21 هـ - الموافق 15/9/2014 م (آخر تحديث) الساعة 22:04 (مكة المكرمة)، 19:04 (غرينتش)");
    assert_eq!(iso(d.clone()), "2014-09-15T22:04:00+03:00");
    let d = d.map(|d| (d.calendar, d.ambiguous, d.confidence));
    // Al Jazeera's Hijri day is one ahead of Umm al-Qura: still within the cross-check.
    assert_eq!(d, Some((CalendarSource::Both, false, 1.0)));
}

#[test]
fn hijri_and_gregorian_with_glued_markers() {
    let d = ar("السبت 17جمادى الثاني 1442هـ 30يناير 2021م");
    assert_eq!(iso(d.clone()), "2021-01-30");
    assert_eq!(d.map(|d| (d.calendar, d.confidence)), Some((CalendarSource::Both, 1.0)));
}

#[test]
fn hijri_only_is_converted_with_lower_confidence() {
    let d = ar("20 ذو القعدة 1435 هـ");
    assert_eq!(iso(d.clone()), "2014-09-15");
    assert!(d.is_some_and(|d| d.calendar == CalendarSource::Hijri && d.confidence < 1.0));
}

#[test]
fn numeric_arabic_dates_are_day_first_and_marked_when_ambiguous() {
    let d = ar("11.03.2011");
    assert_eq!(iso(d.clone()), "2011-03-11");
    assert!(d.is_some_and(|d| d.ambiguous && d.confidence < 1.0));
    let clear = ar("11- 25 - 2016");
    assert_eq!(iso(clear.clone()), "2016-11-25");
    assert_eq!(iso(ar("2021/01/30")), "2021-01-30");
    assert!(ar("19/12/2020").is_some_and(|d| !d.ambiguous));
}

#[test]
fn english_forms() {
    assert_eq!(iso(en("December 19, 2020")), "2020-12-19");
    assert_eq!(iso(en("Dec. 19, 2020")), "2020-12-19");
    assert_eq!(iso(en("19 December 2020")), "2020-12-19");
    assert_eq!(iso(en("Saturday, December 19, 2020 10:29 p.m.")), "2020-12-19T22:29:00");
    let us = en("12/19/2020");
    assert_eq!(iso(us.clone()), "2020-12-19");
    assert!(us.is_some_and(|d| !d.ambiguous));
    let unsure = en("03/04/2020");
    assert_eq!(iso(unsure.clone()), "2020-03-04");
    assert!(unsure.is_some_and(|d| d.ambiguous));
    let uk = parse_date("03/04/2020", DateHints { language: Language::En, month_first: Some(false) });
    assert_eq!(iso(uk.clone()), "2020-04-03");
    assert!(uk.is_some_and(|d| !d.ambiguous));
}

#[test]
fn iso_8601_and_rfc_822() {
    assert_eq!(iso(en("2022-09-08T22:01+0000")), "2022-09-08T22:01:00Z");
    assert_eq!(iso(en("2020-12-19")), "2020-12-19");
    assert_eq!(iso(en("2020-12-19T22:29:00+03:00")), "2020-12-19T22:29:00+03:00");
    assert_eq!(iso(ar("Mon, 26 Feb 2018 02:20:10 GMT")), "2018-02-26T02:20:10Z");
    assert_eq!(iso(ar("Thu, 28 Jun 2018 14:24:55 +0400")), "2018-06-28T14:24:55+04:00");
}

#[test]
fn a_weekday_that_disagrees_lowers_confidence() {
    let d = ar("الأحد 19 ديسمبر 2020");
    assert_eq!(iso(d.clone()), "2020-12-19");
    assert!(d.is_some_and(|d| d.weekday_mismatch && d.confidence <= 0.5));
}

#[test]
fn jamahiriya_months_need_a_full_date_and_count_from_the_prophets_death() {
    assert_eq!(iso(ar("17 الكانون 1369")), "2001-12-17");
    assert_eq!(iso(ar("الربيع العربي")), "none");
}

#[test]
fn lines_without_a_date() {
    assert_eq!(iso(ar("عباس كامل ينقل رسالة دعم")), "none");
    assert_eq!(iso(ar("اللجنة العسكرية 5+5")), "none");
    assert_eq!(iso(en("Updated 3 hours ago")), "none");
    assert_eq!(iso(ar("19/12/20")), "none");
}
