//! Synthetic articles for measuring scale: realistic Arabic and English news about the shipped
//! conflicts, both camps' vocabularies, many outlets and dates, in the shipped layouts (seed
//! `.txt`, Markdown, multi-`<DOC>` TREC files). Deterministic for a given seed, so anyone can
//! rebuild the same million articles.

use std::io::Write;
use std::path::Path;

/// A small deterministic generator (xorshift64*).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

const AR_OUTLETS: &[&str] = &[
    "وكالة الأنباء الليبية",
    "بوابة الوسط",
    "صحيفة الخليج اليوم",
    "قناة النيل",
    "موقع عدن الإخباري",
    "صحيفة السودان اليوم",
    "المرصد العربي",
    "وكالة الشرق",
];
const EN_OUTLETS: &[&str] = &["Mediterranean Wire", "Nile Monitor", "Gulf Observer", "Sahel Times", "Levant Ledger"];
const AR_MONTHS: &[&str] =
    &["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
const EN_MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const AR_SUBJECTS: &[&str] = &[
    "ميليشيا حفتر",
    "قوات الجيش الوطني الليبي",
    "قوات حكومة الوفاق المعترف بها دوليا",
    "المشير خليفة حفتر",
    "الجنرال المتقاعد خليفة حفتر",
    "مرتزقة فاغنر",
    "ميليشيا الحوثي الانقلابية",
    "جماعة أنصار الله",
    "التحالف العربي لدعم الشرعية",
    "الحكومة اليمنية",
    "قوات الدعم السريع",
    "الجيش السوداني",
    "ميليشيا الدعم السريع المتمردة",
    "قوات حفتر",
    "حكومة الوفاق الوطني",
];
const AR_VERBS: &[&str] = &["قصفت", "سيطرت على", "انسحبت من", "هاجمت", "دخلت", "استعادت", "حاصرت", "اقتحمت"];
const AR_PLACES: &[&str] =
    &["طرابلس", "سرت", "بنغازي", "ترهونة", "الحديدة", "صنعاء", "عدن", "الخرطوم", "الفاشر", "أم درمان", "مأرب"];
const AR_QUOTES: &[&str] = &[
    "وقال المتحدث باسم القوات إن \"العمليات مستمرة حتى تحرير المدينة\".",
    "وأكد مصدر عسكري أن الهجوم أسفر عن خسائر فادحة.",
    "وذكرت وكالة الأنباء أن المعارك تجددت في الضواحي الجنوبية.",
    "وبحسب شهود عيان، فإن القصف طال أحياء سكنية.",
];
const EN_SUBJECTS: &[&str] = &[
    "Haftar's militia",
    "the self-styled Libyan National Army",
    "forces loyal to the internationally recognised Government of National Accord",
    "Wagner Group mercenaries",
    "the Iran-backed Houthis",
    "the Saudi-led coalition",
    "the Rapid Support Forces",
    "Sudan's army",
    "renegade commander Khalifa Haftar",
    "the Houthi movement",
];
const EN_VERBS: &[&str] = &["shelled", "seized", "withdrew from", "attacked", "entered", "recaptured", "besieged"];
const EN_PLACES: &[&str] =
    &["Tripoli", "Sirte", "Benghazi", "Tarhuna", "Hodeidah", "Sanaa", "Aden", "Khartoum", "El Fasher", "Marib"];

struct Generated {
    title: String,
    date_line: String,
    rfc_date: String,
    body: Vec<String>,
    outlet: String,
    arabic: bool,
}

fn article(random: &mut Random, index: u64) -> Generated {
    let arabic = random.next() % 10 < 7;
    let year = 2014 + random.next() % 11;
    let month = random.next() % 12;
    let day = 1 + random.next() % 28;
    let hour = random.next() % 24;
    let minute = random.next() % 60;
    let weekday = chrono::NaiveDate::from_ymd_opt(
        i32::try_from(year).unwrap_or(2020),
        u32::try_from(month + 1).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
    .map(|d| d.format("%a").to_string())
    .unwrap_or_default();
    let mon = EN_MONTHS[month as usize].get(..3).unwrap_or("Jan");
    let rfc_date = format!("{weekday}, {day:02} {mon} {year} {hour:02}:{minute:02}:00 GMT");
    if arabic {
        let subject = random.pick(AR_SUBJECTS);
        let place = random.pick(AR_PLACES);
        let title = format!("{subject} {} {place} (تقرير {index})", random.pick(AR_VERBS));
        let mut body = Vec::new();
        for _ in 0..(3 + random.next() % 4) {
            body.push(format!(
                "{} {} مواقع في {}، في وقت {} {} محيط {}.",
                random.pick(AR_SUBJECTS),
                random.pick(AR_VERBS),
                random.pick(AR_PLACES),
                if random.next().is_multiple_of(2) { "أعلنت فيه" } else { "تواصل فيه" },
                random.pick(AR_SUBJECTS),
                random.pick(AR_PLACES)
            ));
            body.push((*random.pick(AR_QUOTES)).to_string());
        }
        let date_line = format!(
            "{day} {} {year} {:02}:{minute:02} {}",
            AR_MONTHS[month as usize],
            if hour.is_multiple_of(12) { 12 } else { hour % 12 },
            if hour < 12 { "ص" } else { "م" }
        );
        Generated { title, date_line, rfc_date, body, outlet: (*random.pick(AR_OUTLETS)).to_string(), arabic }
    } else {
        let subject = random.pick(EN_SUBJECTS);
        let title =
            format!("{} {} {} (report {index})", capitalise(subject), random.pick(EN_VERBS), random.pick(EN_PLACES));
        let mut body = Vec::new();
        for _ in 0..(3 + random.next() % 4) {
            body.push(format!(
                "{} {} positions near {} on {}, according to local sources.",
                capitalise(random.pick::<&str>(EN_SUBJECTS)),
                random.pick(EN_VERBS),
                random.pick(EN_PLACES),
                EN_MONTHS[month as usize]
            ));
            body.push(format!(
                "\"We will not allow {} to enter {},\" a spokesman said.",
                random.pick(EN_SUBJECTS),
                random.pick(EN_PLACES)
            ));
        }
        let date_line = format!("{} {day}, {year}", EN_MONTHS[month as usize]);
        Generated { title, date_line, rfc_date, body, outlet: (*random.pick(EN_OUTLETS)).to_string(), arabic }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// How many articles go in one TREC file.
const DOCS_PER_TREC_FILE: u64 = 250;

/// Write `count` articles into `dir`: nine in ten inside multi-`<DOC>` TREC files, the rest as
/// seed `.txt` (Arabic) and `.md` (English) files, in sub-folders of 1,000 files.
///
/// # Errors
/// The folder or a file cannot be written.
pub fn generate(dir: &Path, count: u64, seed: u64) -> std::io::Result<u64> {
    let mut random = Random(seed | 1);
    let mut written = 0;
    let mut file_number = 0u64;
    let mut trec: Option<std::io::BufWriter<std::fs::File>> = None;
    let mut in_trec = 0;
    for index in 0..count {
        let a = article(&mut random, index);
        let folder = dir.join(format!("{:04}", file_number / 1000));
        if index % 10 == 0 {
            std::fs::create_dir_all(&folder)?;
            let text = if a.arabic {
                format!("{}\n\n{}\n\n{}\n\nالمصدر | {}\n", a.title, a.date_line, a.body.join("\n\n"), a.outlet)
            } else {
                format!("# {}\n\n{}\n\n{}\n\n**Source:** {}\n", a.title, a.date_line, a.body.join("\n\n"), a.outlet)
            };
            let name = format!("article-{index:08}.{}", if a.arabic { "txt" } else { "md" });
            std::fs::write(folder.join(name), text)?;
            file_number += 1;
        } else {
            if trec.is_none() || in_trec >= DOCS_PER_TREC_FILE {
                std::fs::create_dir_all(&folder)?;
                if let Some(mut old) = trec.take() {
                    old.flush()?;
                }
                trec = Some(std::io::BufWriter::new(std::fs::File::create(
                    folder.join(format!("wire-{file_number:06}.trec")),
                )?));
                file_number += 1;
                in_trec = 0;
            }
            if let Some(out) = trec.as_mut() {
                write!(
                    out,
                    "<DOC>\n<DOCNO>GEN-{index}</DOCNO>\n<SRC>{}</SRC>\n<TITLE>{}</TITLE>\n<TIME>{}</TIME>\n<TEXT>\n{}\n</TEXT>\n</DOC>\n",
                    a.outlet,
                    a.title,
                    a.rfc_date,
                    a.body.join("\n")
                )?;
            }
            in_trec += 1;
        }
        written += 1;
    }
    if let Some(mut out) = trec {
        out.flush()?;
    }
    Ok(written)
}
