//! The real sample article (../shared/samples) read and analysed end to end.

use std::path::Path;

use rasd::analysis::{ActorFraming, AttachKind, Voice, analyze};
use rasd::article::read_bytes;
use rasd::lexicon::Lexicon;

const SAMPLE: &str = "../shared/samples/000_d44edca8de48cbaa.txt";

fn sample() -> Option<(rasd::article::Article, Vec<ActorFraming>)> {
    if !Path::new(SAMPLE).exists() {
        eprintln!("skipping: {SAMPLE} is absent (run from a checkout beside ../shared)");
        return None;
    }
    let bytes = std::fs::read(SAMPLE).unwrap_or_else(|e| panic!("{SAMPLE}: {e}"));
    let mut articles = read_bytes(&bytes, SAMPLE).unwrap_or_else(|e| panic!("{SAMPLE}: {e}"));
    assert_eq!(articles.len(), 1);
    let article = articles.remove(0);
    let lexicon = Lexicon::load(None).unwrap_or_else(|e| panic!("{e:?}"));
    let actors = analyze(&article, &lexicon);
    Some((article, actors))
}

fn actor<'a>(actors: &'a [ActorFraming], id: &str) -> &'a ActorFraming {
    actors.iter().find(|a| a.id == id).unwrap_or_else(|| panic!("actor {id} not found"))
}

#[test]
fn sample_metadata_is_read_from_the_date_line_and_source_line() {
    let Some((article, _)) = sample() else { return };
    assert_eq!(article.title, "عباس كامل ينقل رسالة دعم وتأييد من السيسي لحفتر");
    assert_eq!(article.published.as_ref().map(|d| d.iso()).as_deref(), Some("2020-12-19T22:29:00"));
    assert_eq!(article.published_text.as_deref(), Some("السبت 19 ديسمبر 2020 10:29 م"));
    assert_eq!(article.source.as_deref(), Some("الخليج الجديد"));
    assert_eq!(article.language.code(), "ar");
    assert_eq!(article.related.len(), 7, "{:?}", article.related);
    assert_eq!(article.related[2], "حفتر: لا سلام في ظل وجود مستعمر في ليبيا");
    assert_eq!(article.keywords.len(), 1);
    assert!(article.keywords[0].contains("عبجالفتاح السيسي"));
    assert!(
        !article.body.contains("كلمات مفتاحية") && !article.body.contains("مستعمر"),
        "keywords or related leaked into body"
    );
    assert!(article.body.ends_with("غداة الإعلان عن استكمال تحرير العاصمة."));
}

#[test]
fn sample_haftar_and_lna_are_delegitimized_in_the_outlets_voice() {
    let Some((_, actors)) = sample() else { return };
    for id in ["haftar", "lna"] {
        let a = actor(&actors, id);
        assert_eq!(a.stance.as_str(), "delegitimizing", "{id}: {a:?}");
        let idafa = a.evidence.iter().find(|e| e.rule == "militia_ar" && e.attach == AttachKind::Idafa);
        let idafa = idafa.unwrap_or_else(|| panic!("{id}: no militia idafa"));
        assert_eq!(idafa.voice, Voice::Own);
        assert_eq!(idafa.text, "ميليشيا");
    }
    let haftar = actor(&actors, "haftar");
    let title = haftar.evidence.iter().find(|e| e.rule == "retired_general_ar").map(|e| (e.text.as_str(), e.voice));
    assert_eq!(title, Some(("الجنرال المتقاعد", Voice::Own)));
    assert_eq!(haftar.mentions, 8);
}

#[test]
fn sample_praise_inside_the_egyptian_statement_is_reported_not_the_outlet() {
    let Some((_, actors)) = sample() else { return };
    let haftar = actor(&actors, "haftar");
    for rule in ["fighting_terrorism_ar", "praise_role_ar", "praise_ar"] {
        let e = haftar.evidence.iter().find(|e| e.rule == rule).unwrap_or_else(|| panic!("no {rule}"));
        assert_eq!(e.voice, Voice::Reported, "{rule}");
        assert_eq!(e.stance, rasd::lexicon::Stance::Legitimizing, "{rule}");
    }
    assert!(haftar.evidence.iter().any(|e| e.text == "ثمن دور"));
    assert_eq!(haftar.quoted_stance.as_str(), "legitimizing");
    assert!(!haftar.evidence.iter().any(|e| e.rule.starts_with("terrorist")), "محاربة الإرهاب is not a terrorist label");
}

#[test]
fn sample_gna_is_legitimized_as_internationally_recognized() {
    let Some((_, actors)) = sample() else { return };
    let gna = actor(&actors, "gna");
    assert_eq!(gna.stance.as_str(), "legitimizing");
    let e = gna.evidence.iter().find(|e| e.rule == "intl_recognized_ar").map(|e| (e.text.as_str(), e.voice));
    assert_eq!(e, Some(("المعترف بها دوليا", Voice::Own)));
}

#[test]
fn sample_kamel_four_times_not_in_complete_withdrawal_and_egypt_sisi_found() {
    let Some((article, actors)) = sample() else { return };
    assert_eq!(actor(&actors, "kamel").mentions, 4);
    assert!(article.body.contains("وانسحاب كامل"));
    assert!(actor(&actors, "sisi").mentions >= 1);
    assert!(actor(&actors, "egypt").mentions >= 1);
}

#[test]
fn sample_evidence_offsets_point_at_the_printed_text() {
    let Some((article, actors)) = sample() else { return };
    for a in &actors {
        for e in &a.evidence {
            let text = match e.field {
                rasd::analysis::FieldKind::Title => &article.title,
                rasd::analysis::FieldKind::Body => &article.body,
            };
            assert_eq!(&text[e.start..e.end], e.text, "{}", a.id);
            assert!(text.get(e.target_start..e.target_end).is_some_and(|t| !t.is_empty()));
        }
    }
}
