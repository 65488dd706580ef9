use super::*;
use crate::analysis::StanceLabel;
use crate::engine::ingest_file;
use crate::lexicon::Lexicon;
use crate::store::{FileStamp, Store};
use crate::text::Language;

/// A store holding the shipped sample articles.
fn samples() -> (tempfile::TempDir, Store, ArticleIndex) {
    let lexicon = Lexicon::load(None).unwrap_or_else(|e| panic!("{e:?}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = Store::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let mut files: Vec<_> = std::fs::read_dir("assets/samples")
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    for path in files {
        let articles = ingest_file(&path, &lexicon).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        store.record_file(&path, FileStamp { size: 1, mtime_ns: 1 }, &articles).unwrap_or_else(|e| panic!("{e}"));
    }
    let rows = store.index().unwrap_or_else(|e| panic!("{e}"));
    (dir, store, rows)
}

fn titles(rows: &ArticleIndex, selected: &[u32]) -> Vec<String> {
    selected.iter().map(|&p| rows.title(p).chars().take(24).collect()).collect()
}

#[test]
fn no_filter_keeps_everything() {
    let (_d, _s, rows) = samples();
    assert_eq!(rows.len(), 7);
    assert_eq!(Filter::default().apply(&rows, None).len(), 7);
}

#[test]
fn actor_and_stance_filters_narrow_by_voice() {
    let (_d, _s, rows) = samples();
    let lna = Filter { actor: Some("lna".into()), ..Filter::default() };
    assert_eq!(lna.apply(&rows, None).len(), 4);
    let delegit = Filter { stance: Some(StanceLabel::Delegitimizing), ..lna.clone() };
    let got = titles(&rows, &delegit.apply(&rows, None));
    assert_eq!(
        got,
        ["Fighting flares south of", "قوات الوفاق تصد هجوما لم"],
        "the pro-GNA outlet (ميليشيا حفتر) and the wire that calls it the self-styled LNA"
    );
    let legit = Filter { stance: Some(StanceLabel::Legitimizing), ..lna.clone() };
    assert_eq!(legit.apply(&rows, None).len(), 1, "only the pro-Haftar outlet");
    let quoted = Filter { stance: Some(StanceLabel::Delegitimizing), voice: VoiceFilter::Quoted, ..lna };
    assert_eq!(
        titles(&rows, &quoted.apply(&rows, None)),
        ["Fighting flares south of"],
        "the spokesman's quoted 'Haftar's militia' names the LNA"
    );
}

#[test]
fn side_outlet_language_and_date_filters() {
    let (_d, _s, rows) = samples();
    let yemen = Filter { side: Some("yemen_houthis".into()), ..Filter::default() };
    assert_eq!(yemen.apply(&rows, None).len(), 1);
    let outlet = Filter { outlet: Some("Wire Digest".into()), ..Filter::default() };
    assert_eq!(outlet.apply(&rows, None).len(), 2);
    let english = Filter { language: Some(Language::En), ..Filter::default() };
    assert_eq!(english.apply(&rows, None).len(), 2);
    let april = Filter { from: parse_date("2020-04", false), to: parse_date("2020-04", true), ..Filter::default() };
    assert_eq!(april.apply(&rows, None).len(), 5);
    let one_day =
        Filter { from: parse_date("2023-11-14", false), to: parse_date("2023-11-14", true), ..Filter::default() };
    assert_eq!(titles(&rows, &one_day.apply(&rows, None)), ["Sudan army says it retoo"]);
}

#[test]
fn text_filter_ignores_hamza_ta_marbuta_and_case() {
    let (_d, store, rows) = samples();
    let search = |f: &Filter| f.select(&store, &rows).unwrap_or_else(|e| panic!("{e}"));
    let hamza = Filter { text: "انقرة".into(), ..Filter::default() };
    assert_eq!(titles(&rows, &search(&hamza)), ["أنقرة تعلن دعمها لحكومة "]);
    let words = Filter { text: "WAGNER tripoli".into(), ..Filter::default() };
    assert_eq!(search(&words).len(), 1);
    let none = Filter { text: "كلمة غير موجودة".into(), ..Filter::default() };
    assert!(search(&none).is_empty());
    let clitic = Filter { text: "حفتر".into(), ..Filter::default() };
    assert_eq!(search(&clitic).len(), 3, "the three Arabic articles naming him, with or without clitics");
    let with_clitic = Filter { text: "لحفتر".into(), ..Filter::default() };
    assert_eq!(search(&with_clitic), search(&clitic), "a clitic in the query does not hide a hit");
    let phrase = Filter { text: "\"ميليشيا الحوثي\"".into(), ..Filter::default() };
    assert_eq!(search(&phrase).len(), 1);
    let either = Filter { text: "Khartoum OR Hodeidah OR جازان".into(), ..Filter::default() };
    assert_eq!(search(&either).len(), 2);
    let not = Filter { text: "طرابلس NOT فاغنر".into(), ..Filter::default() };
    let near = Filter { text: "NEAR(ميليشيا حفتر, 1)".into(), ..Filter::default() };
    assert!(search(&not).len() < search(&Filter { text: "طرابلس".into(), ..Filter::default() }).len());
    assert!(!search(&near).is_empty());
    assert!(store.search("(حفتر").is_err(), "a malformed query is an error, not a panic");
}

#[test]
fn timeline_buckets_by_day_split_by_stance_toward_the_actor() {
    let (_d, _s, rows) = samples();
    let filter = Filter { actor: Some("lna".into()), ..Filter::default() };
    let selected = filter.apply(&rows, None);
    let (granularity, buckets) = timeline(&rows, &selected, &filter);
    assert_eq!(granularity, Granularity::Day);
    assert_eq!(buckets.len(), 1);
    let counts = &buckets[0].counts;
    let count = |s: StanceLabel| counts.iter().find(|(series, _)| *series == Series::Stance(s)).map_or(0, |(_, c)| *c);
    assert_eq!(
        (count(StanceLabel::Legitimizing), count(StanceLabel::Delegitimizing), count(StanceLabel::Neutral)),
        (1, 2, 1)
    );
    let all = Filter::default();
    let (granularity, buckets) = timeline(&rows, &all.apply(&rows, None), &all);
    assert_eq!(granularity, Granularity::Month, "April 2020 to November 2023");
    assert_eq!(buckets.iter().map(Bucket::total).sum::<usize>(), 7);
    assert_eq!(buckets.len(), 44);
}

#[test]
fn granularity_follows_the_span() {
    assert_eq!(Granularity::for_span(30), Granularity::Day);
    assert_eq!(Granularity::for_span(400), Granularity::Week);
    assert_eq!(Granularity::for_span(2000), Granularity::Month);
    let monday = chrono::NaiveDate::from_ymd_opt(2020, 4, 6);
    assert_eq!(chrono::NaiveDate::from_ymd_opt(2020, 4, 12).map(|d| Granularity::Week.start_of(d)), monday);
}

#[test]
fn export_writes_exactly_the_filtered_rows_with_bom_and_sidecar() -> Result<(), Box<dyn std::error::Error>> {
    let (dir, store, rows) = samples();
    let filter = Filter { actor: Some("haftar".into()), ..Filter::default() };
    let selected = filter.apply(&rows, None);
    let mut table = Vec::new();
    let count = write_table(&store, &rows, &selected, &filter, &mut table)?;
    assert_eq!(count, selected.len());
    let actors: Vec<String> = csv::Reader::from_reader(&table[..])
        .records()
        .map(|r| r.map(|r| r[5].to_string()))
        .collect::<Result<_, _>>()?;
    assert_eq!(actors.len(), count);
    assert!(actors.iter().all(|a| a == "haftar"), "{actors:?}");
    let out = dir.path().join("out.csv");
    assert_eq!(write_csv(&out, &store, &rows, &selected, &filter, ExportOptions::default())?, count);
    let bytes = std::fs::read(&out)?;
    assert!(bytes.starts_with(b"\xef\xbb\xbf"));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers()?.clone();
    assert_eq!(&headers[0], "date");
    let records: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    assert_eq!(records.len(), count);
    let title = headers.iter().position(|h| h == "title").unwrap_or(0);
    assert!(records.iter().any(|r| r[title].starts_with("قوات الوفاق تصد")), "Arabic titles come back intact");
    let evidence = headers.iter().position(|h| h == "evidence").unwrap_or(0);
    assert!(records.iter().any(|r| r[evidence].contains("ميليشيا (militia_ar, headline, delegitimizing)")));
    let path = headers.iter().position(|h| h == "path").unwrap_or(0);
    assert!(records.iter().all(|r| r[path].contains("assets/samples/")), "each row names its file: {records:?}");
    let sidecar = std::fs::read_to_string(dir.path().join("out.csv.filters.json"))?;
    assert!(sidecar.contains("actor=haftar"), "{sidecar}");
    write_csv(&out, &store, &rows, &selected, &filter, ExportOptions { bom: false })?;
    assert!(!std::fs::read(&out)?.starts_with(b"\xef\xbb\xbf"));
    let nothing = Filter { text: "zzzz".into(), ..Filter::default() };
    write_csv(&out, &store, &rows, &[], &nothing, ExportOptions::default())?;
    assert_eq!(std::fs::read_to_string(&out)?.lines().count(), 1, "header only");
    Ok(())
}

/// The exported table, parsed back.
fn exported(
    store: &Store,
    rows: &ArticleIndex,
    filter: &Filter,
) -> Result<Vec<csv::StringRecord>, Box<dyn std::error::Error>> {
    let mut table = Vec::new();
    write_table(store, rows, &filter.apply(rows, None), filter, &mut table)?;
    let mut reader = csv::Reader::from_reader(&table[..]);
    assert_eq!(reader.headers()?.iter().collect::<Vec<_>>(), HEADER.to_vec());
    Ok(reader.records().collect::<Result<_, _>>()?)
}

#[test]
fn every_exported_cell_is_in_its_column_and_agrees_with_the_index() -> Result<(), Box<dyn std::error::Error>> {
    let (_dir, store, rows) = samples();
    let records = exported(&store, &rows, &Filter::default())?;
    let expected: usize = Filter::default().apply(&rows, None).iter().map(|&p| rows.cells_of(p).len().max(1)).sum();
    assert_eq!(records.len(), expected, "one row per article × actor");
    let column = |name: &str| HEADER.iter().position(|h| *h == name).unwrap_or(usize::MAX);
    for record in &records {
        assert_eq!(record.len(), HEADER.len(), "{record:?}");
        let p = rows.position(&record[column("article_id")]).unwrap_or_else(|| panic!("unknown id in {record:?}"));
        assert_eq!(&record[column("date")], rows.published(p));
        assert_eq!(&record[column("outlet")], neutralise(rows.outlet(p)));
        assert_eq!(&record[column("language")], rows.language(p).code());
        assert_eq!(&record[column("title")], neutralise(rows.title(p)));
        assert_eq!(&record[column("voice")], "own");
        let actor = &record[column("actor_id")];
        let Some((k, cell)) =
            rows.cells_of(p).iter().enumerate().find(|(_, c)| rows.actor_names().name(c.actor) == actor)
        else {
            assert!(rows.cells_of(p).is_empty(), "{record:?}");
            assert!((6..17).filter(|&c| c != column("voice")).all(|c| record[c].is_empty()), "{record:?}");
            continue;
        };
        let numbers = rows.numbers_of(p)[k];
        assert_eq!(&record[column("side")], rows.side_names().name(cell.side));
        assert_eq!(&record[column("stance")], cell.stance.as_str());
        assert_eq!(&record[column("origin")], "auto");
        assert_eq!(&record[column("score")], Decimal::new(numbers.score).as_str());
        assert_eq!(&record[column("confidence")], Decimal::new(numbers.confidence).as_str());
        assert_eq!(&record[column("quoted_stance")], cell.quoted_stance.as_str());
        assert_eq!(&record[column("quoted_score")], Decimal::new(numbers.quoted_score).as_str());
        assert!(!record[column("actor_name")].is_empty(), "{record:?}");
        assert!(record[column("path")].contains("assets/samples/"), "{record:?}");
    }
    let named = |language: &str| {
        records
            .iter()
            .find(|r| &r[column("actor_id")] == "haftar" && &r[column("language")] == language)
            .map(|r| r[column("actor_name")].to_string())
    };
    assert_eq!(named("ar").as_deref(), Some("خليفة حفتر"), "the lexicon's display name in the article's language");
    assert_eq!(named("en").as_deref(), Some("Khalifa Haftar"));
    Ok(())
}

#[test]
fn an_export_of_the_quoted_voice_only_keeps_actors_with_a_quoted_stance() -> Result<(), Box<dyn std::error::Error>> {
    let (_dir, store, rows) = samples();
    let filter = Filter { voice: VoiceFilter::Quoted, stance: Some(StanceLabel::Delegitimizing), ..Filter::default() };
    let records = exported(&store, &rows, &filter)?;
    assert!(!records.is_empty(), "the samples quote someone delegitimizing an actor");
    for record in &records {
        assert_eq!((&record[13], &record[14]), ("quoted", "delegitimizing"), "{record:?}");
        let evidence = &record[16];
        assert!(evidence.contains(", quoted, ") || evidence.contains(", reported, "), "a source's words: {record:?}");
    }
    Ok(())
}

#[test]
fn index_survives_corrections_removals_and_compaction() {
    let (_d, _s, mut rows) = samples();
    let first = rows.by_date()[0];
    let id = rows.id(first);
    let mut row = rows.row(first).unwrap_or_else(|| panic!("no row"));
    let title = row.title.clone();
    row.starred = true;
    row.tags = vec!["checked".into()];
    if let Some(actor) = row.actors.first_mut() {
        actor.stance = StanceLabel::Mixed;
        actor.origin = crate::analysis::Origin::Human;
        actor.note = Some("both".into());
    }
    for _ in 0..3000 {
        rows.upsert(std::slice::from_ref(&row));
    }
    assert_eq!(rows.len(), 7, "an upsert of the same article replaces it");
    let position = rows.position(&id).unwrap_or_else(|| panic!("lost {id}"));
    let back = rows.row(position).unwrap_or_else(|| panic!("no row"));
    assert_eq!(
        (back.title.as_str(), back.starred, back.tags.as_slice()),
        (title.as_str(), true, &["checked".to_string()][..])
    );
    assert_eq!(back.actors, row.actors, "stance, origin and note come back after compaction");
    let starred = Filter { starred: true, tag: Some("checked".into()), ..Filter::default() };
    assert_eq!(starred.apply(&rows, None), vec![position]);
    rows.remove(std::slice::from_ref(&id));
    assert_eq!(rows.len(), 6);
    assert!(rows.position(&id).is_none());
    assert_eq!(Filter::default().apply(&rows, None).len(), 6);
    assert!(starred.apply(&rows, None).is_empty());
    let dates: Vec<i64> = rows.by_date().iter().map(|&p| rows.when(p)).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "oldest first: {dates:?}");
}
