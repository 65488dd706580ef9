use super::*;
use crate::engine::ingest_bytes;
use crate::lexicon::Lexicon;
use std::sync::LazyLock;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::load(None).unwrap_or_else(|e| panic!("{e:?}")));

const ARTICLE: &str =
    "ميليشيا حفتر تقصف طرابلس\n\nالأحد 5 أبريل 2020\n\nقصفت ميليشيا \"حفتر\" أحياء في العاصمة.\n\nالمصدر | وكالة\n";
const STAMP: FileStamp = FileStamp { size: 10, mtime_ns: 1 };

fn analysed(path: &str, text: &str) -> Vec<AnalysedArticle> {
    ingest_bytes(Path::new(path), text.as_bytes(), &LEXICON).unwrap_or_else(|e| panic!("{e}"))
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = Store::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    (dir, store)
}

/// Every article of the store's in-memory index, oldest first.
fn rows(store: &Store) -> Result<Vec<crate::store::IndexRow>, StoreError> {
    let index = store.index()?;
    Ok(index.by_date().iter().filter_map(|&p| index.row(p)).collect())
}

#[test]
fn a_recorded_file_shows_in_the_index_with_its_actors() -> Result<(), StoreError> {
    let (_dir, mut store) = store();
    let change = store.record_file(Path::new("/inbox/a.txt"), STAMP, &analysed("/inbox/a.txt", ARTICLE))?;
    assert_eq!(change.upserted.len(), 1);
    let index = rows(&store)?;
    assert_eq!(index.len(), 1);
    let row = &index[0];
    assert_eq!(row.title, "ميليشيا حفتر تقصف طرابلس");
    assert_eq!(row.published.as_deref(), Some("2020-04-05"));
    assert_eq!(row.source, "وكالة");
    assert_eq!(store.row(&row.id)?.map(|r| r.path), Some("/inbox/a.txt".to_string()));
    let lna = row.actors.iter().find(|a| a.actor_id == "lna").map(|a| a.stance);
    assert_eq!(lna, Some(crate::analysis::StanceLabel::Delegitimizing));
    assert!(store.search("ميليشيا حفتر")?.contains(&row.rowid));
    let stored = store.article(&row.id)?.unwrap_or_else(|| panic!("article missing"));
    assert!(stored.body.contains("أحياء"));
    assert!(stored.actors.iter().any(|a| a.id == "haftar" && !a.evidence.is_empty()));
    assert_eq!(store.stamp(Path::new("/inbox/a.txt"))?, Some(STAMP));
    Ok(())
}

#[test]
fn a_renamed_file_keeps_its_article_and_a_deleted_file_removes_it() -> Result<(), StoreError> {
    let (_dir, mut store) = store();
    let articles = analysed("/inbox/a.txt", ARTICLE);
    let id = articles[0].article.id.clone();
    store.record_file(Path::new("/inbox/a.txt"), STAMP, &articles)?;
    store.record_file(Path::new("/inbox/renamed.txt"), STAMP, &analysed("/inbox/renamed.txt", ARTICLE))?;
    let change = store.forget_file(Path::new("/inbox/a.txt"))?;
    assert!(change.removed.is_empty(), "still held by the renamed file");
    let index = rows(&store)?;
    assert_eq!(index.len(), 1);
    let path = store.row(&id)?.map(|r| r.path);
    assert_eq!((index[0].id.as_str(), path.as_deref()), (id.as_str(), Some("/inbox/renamed.txt")));
    let change = store.forget_file(Path::new("/inbox/renamed.txt"))?;
    assert_eq!(change.removed, [id]);
    assert!(store.index()?.is_empty());
    Ok(())
}

#[test]
fn an_edited_file_replaces_its_article() -> Result<(), StoreError> {
    let (_dir, mut store) = store();
    store.record_file(Path::new("/inbox/a.txt"), STAMP, &analysed("/inbox/a.txt", ARTICLE))?;
    let edited = ARTICLE.replace("طرابلس", "بنغازي");
    let change = store.record_file(
        Path::new("/inbox/a.txt"),
        FileStamp { size: 11, mtime_ns: 2 },
        &analysed("/inbox/a.txt", &edited),
    )?;
    assert_eq!(change.removed.len(), 1);
    let index = rows(&store)?;
    assert_eq!(index.len(), 1);
    assert!(index[0].title.contains("بنغازي"));
    Ok(())
}

#[test]
fn failures_are_kept_with_their_reason() -> Result<(), StoreError> {
    let (_dir, mut store) = store();
    store.record_failure(Path::new("/inbox/bad.txt"), STAMP, "binary data")?;
    assert_eq!(store.failures()?, [("/inbox/bad.txt".to_string(), "binary data".to_string())]);
    assert_eq!(store.stamp(Path::new("/inbox/bad.txt"))?, Some(STAMP));
    Ok(())
}

#[test]
fn a_store_from_a_newer_rasd_is_refused_and_left_untouched() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(STORE_FILE);
    {
        let c = rusqlite::Connection::open(&path)?;
        c.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")?;
    }
    let before = std::fs::read(&path)?;
    let error = Store::open(dir.path()).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("schema version 99") && error.contains("left untouched"), "{error}");
    assert_eq!(std::fs::read(&path)?, before);
    Ok(())
}

#[test]
fn a_reopened_store_keeps_everything() -> Result<(), StoreError> {
    let (dir, mut store) = store();
    store.record_file(Path::new("/inbox/a.txt"), STAMP, &analysed("/inbox/a.txt", ARTICLE))?;
    drop(store);
    let store = Store::open(dir.path())?;
    assert_eq!(store.index()?.len(), 1);
    Ok(())
}

#[test]
fn a_correction_overrides_the_stance_everywhere_and_survives_the_file() -> Result<(), StoreError> {
    use crate::analysis::{Origin, StanceLabel};
    let (_dir, mut store) = store();
    let articles = analysed("/inbox/a.txt", ARTICLE);
    let id = articles[0].article.id.clone();
    store.record_file(Path::new("/inbox/a.txt"), STAMP, &articles)?;
    let previous = store.annotate(&id, "lna", Some((StanceLabel::Neutral, "wire copy, not the outlet")), 1)?;
    assert!(previous.is_none());
    let row = rows(&store)?.remove(0);
    let lna = row.actors.iter().find(|a| a.actor_id == "lna").cloned().unwrap_or_else(|| panic!("lna"));
    assert_eq!(
        (lna.stance, lna.auto_stance, lna.origin),
        (StanceLabel::Neutral, StanceLabel::Delegitimizing, Origin::Human)
    );
    assert_eq!(lna.note.as_deref(), Some("wire copy, not the outlet"));
    let stored = store.article(&id)?.unwrap_or_else(|| panic!("article"));
    let framing = stored.actors.iter().find(|a| a.id == "lna").unwrap_or_else(|| panic!("lna"));
    assert_eq!(
        (framing.stance, framing.auto_stance, framing.origin),
        (StanceLabel::Neutral, Some(StanceLabel::Delegitimizing), Origin::Human)
    );
    // The file goes, then a copy comes back under another name: the correction applies again.
    store.forget_file(Path::new("/inbox/a.txt"))?;
    assert!(store.index()?.is_empty());
    store.record_file(Path::new("/elsewhere/copy.txt"), STAMP, &analysed("/elsewhere/copy.txt", ARTICLE))?;
    let row = rows(&store)?.remove(0);
    assert!(row.actors.iter().any(|a| a.actor_id == "lna" && a.origin == Origin::Human));
    let previous = store.annotate(&id, "lna", None, 2)?;
    assert_eq!(previous.map(|a| a.stance), Some(StanceLabel::Neutral), "undo needs what was there");
    let row = rows(&store)?.remove(0);
    assert!(row.actors.iter().all(|a| a.origin == Origin::Auto));
    Ok(())
}

#[test]
fn marks_and_tags_are_kept() -> Result<(), StoreError> {
    let (_dir, mut store) = store();
    let articles = analysed("/inbox/a.txt", ARTICLE);
    let id = articles[0].article.id.clone();
    store.record_file(Path::new("/inbox/a.txt"), STAMP, &articles)?;
    let marks = Marks { reviewed: true, starred: true, tags: vec!["تقرير".to_string(), "weekly".to_string()] };
    assert_eq!(store.set_marks(&id, &marks, 1)?, Marks::default());
    assert_eq!(store.marks(&id)?, marks);
    let row = rows(&store)?.remove(0);
    assert!(row.reviewed && row.starred);
    assert_eq!(row.tags, ["تقرير", "weekly"]);
    Ok(())
}

#[test]
fn a_version_1_store_is_migrated_with_its_articles() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    // A version 1 store held the analysis as JSON text and one row per article × actor.
    let actors = analysed("/old.txt", ARTICLE).remove(0).actors;
    let lna = actors.iter().find(|a| a.id == "lna").cloned().unwrap_or_else(|| panic!("no lna in {actors:?}"));
    {
        let c = rusqlite::Connection::open(dir.path().join(STORE_FILE))?;
        c.execute_batch(&format!("{SCHEMA_V1} PRAGMA user_version = 1;"))?;
        c.execute(
            "INSERT INTO articles (id, title, body, language, format, analysis) VALUES ('x', 'عنوان قديم', 'نص', 'ar', 'seed', ?1)",
            [serde_json::to_string(&actors)?],
        )?;
        c.execute(
            "INSERT INTO files (path, doc_index, article_id, size, mtime_ns) VALUES ('/old.txt', 0, 'x', 1, 1)",
            [],
        )?;
        for a in &actors {
            c.execute(
                "INSERT INTO article_actors (article_id, actor_id, side, mentions, stance, score, confidence, quoted_stance, quoted_score)
                 VALUES ('x', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                rusqlite::params![
                    a.id,
                    a.side,
                    i64::try_from(a.mentions)?,
                    a.stance.as_str(),
                    a.score,
                    a.confidence,
                    a.quoted_stance.as_str(),
                    a.quoted_score
                ],
            )?;
        }
    }
    let mut store = Store::open(dir.path())?;
    assert_eq!(store.index()?.len(), 1);
    assert_eq!(rows(&store)?[0].title, "عنوان قديم");
    assert_eq!(rows(&store)?[0].id, "x", "an id that is not a content hash comes back as it was");
    let row = store.row("x")?.unwrap_or_else(|| panic!("row x"));
    let found = row.actors.iter().find(|a| a.actor_id == "lna").map(|a| (a.stance, a.mentions));
    assert_eq!(found, Some((lna.stance, u32::try_from(lna.mentions)?)), "stances survive every migration");
    let mut cells = Vec::new();
    store.export_cells(&[row.rowid], |_, path, packed| {
        let named =
            ExportActors::new(packed).find(|(id, _, _)| *id == b"lna").map(|(_, n, e)| (n.to_vec(), e.to_vec()));
        cells.push((path.to_vec(), named));
    })?;
    let expected = (b"/old.txt".to_vec(), Some((lna.name.clone().into_bytes(), lna.evidence_summary().into_bytes())));
    assert_eq!(cells, vec![expected], "the export's file, name and evidence survive too");
    store.annotate("x", "haftar", Some((crate::analysis::StanceLabel::Mixed, "")), 1)?;
    let version: i64 =
        rusqlite::Connection::open(dir.path().join(STORE_FILE))?.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    assert_eq!(version, SCHEMA_VERSION);
    Ok(())
}

/// The export's first file of each article in `paths` order.
fn first_files(store: &Store) -> Result<Vec<String>, StoreError> {
    let index = store.index()?;
    let rowids: Vec<i64> = index.by_date().iter().map(|&p| index.rowid(p)).collect();
    let mut paths = Vec::new();
    store.export_cells(&rowids, |_, path, _| paths.push(String::from_utf8_lossy(path).into_owned()))?;
    Ok(paths)
}

#[test]
fn an_export_names_the_first_file_holding_each_article_as_files_come_and_go() -> Result<(), StoreError> {
    let (_dir, mut store) = store();
    store.record_file(Path::new("/inbox/b.txt"), STAMP, &analysed("/inbox/b.txt", ARTICLE))?;
    assert_eq!(first_files(&store)?, ["/inbox/b.txt"]);
    store.record_file(Path::new("/inbox/a.txt"), STAMP, &analysed("/inbox/a.txt", ARTICLE))?;
    assert_eq!(first_files(&store)?, ["/inbox/a.txt"], "a copy under a smaller name comes first");
    store.record_file(Path::new("/inbox/c.txt"), STAMP, &analysed("/inbox/c.txt", ARTICLE))?;
    assert_eq!(first_files(&store)?, ["/inbox/a.txt"]);
    store.forget_file(Path::new("/inbox/a.txt"))?;
    assert_eq!(first_files(&store)?, ["/inbox/b.txt"], "the next copy once the first is deleted");
    let other = ARTICLE.replace("طرابلس", "مصراتة");
    store.record_file(Path::new("/inbox/b.txt"), STAMP, &analysed("/inbox/b.txt", &other))?;
    assert_eq!(first_files(&store)?.len(), 2);
    assert!(first_files(&store)?.contains(&"/inbox/c.txt".to_string()), "b.txt now holds another article");
    assert_eq!(store.integrity_check()?, "ok");
    Ok(())
}

#[test]
fn reading_the_same_article_again_keeps_the_search_index_sound() -> Result<(), StoreError> {
    let (_dir, mut store) = store();
    for round in 0..3 {
        store.record_file(
            Path::new("/inbox/a.txt"),
            FileStamp { size: 10, mtime_ns: round },
            &analysed("/inbox/a.txt", ARTICLE),
        )?;
        store.record_file(Path::new("/inbox/b.txt"), STAMP, &analysed("/inbox/b.txt", ARTICLE))?;
    }
    store.forget_file(Path::new("/inbox/a.txt"))?;
    store.forget_file(Path::new("/inbox/b.txt"))?;
    store.record_file(Path::new("/inbox/c.txt"), STAMP, &analysed("/inbox/c.txt", ARTICLE))?;
    assert_eq!(store.integrity_check()?, "ok");
    assert_eq!(store.search("طرابلس")?.len(), 1);
    Ok(())
}

#[test]
fn a_search_cut_into_ranges_of_row_ids_finds_what_one_search_finds() -> Result<(), StoreError> {
    let (dir, mut store) = store();
    for (i, town) in ["طرابلس", "مصراتة", "بنغازي", "سرت", "طرابلس", "درنة", "طرابلس"].iter().enumerate()
    {
        let path = format!("/inbox/{i}.txt");
        let text = ARTICLE.replace("طرابلس", town).replace("العاصمة", &format!("العاصمة مرة {i}"));
        store.record_file(Path::new(&path), STAMP, &analysed(&path, &text))?;
    }
    for query in ["طرابلس", "ميليشيا", "\"ميليشيا حفتر\" NOT سرت", "زنتان"] {
        let whole = store.search(query)?;
        for parts in 1..=4 {
            assert_eq!(Store::search_in_parts(dir.path(), query, parts, 0)?, whole, "{query} in {parts} parts");
        }
    }
    assert_eq!(store.search("طرابلس")?.len(), 3);
    assert_eq!(Store::search_on_all_cores(dir.path(), "سرت")?.len(), 1);
    Ok(())
}

#[test]
fn a_second_coders_folder_is_read_without_being_changed() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    {
        let mut store = Store::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        store
            .annotate("a1", "lna", Some((crate::analysis::StanceLabel::Mixed, "note")), 5)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let path = dir.path().join(super::STORE_FILE);
    let before = std::fs::metadata(&path).and_then(|m| m.modified()).unwrap_or_else(|e| panic!("{e}"));
    let read = Store::read_annotations(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.len(), 1);
    assert_eq!((read[0].actor_id.as_str(), read[0].stance), ("lna", crate::analysis::StanceLabel::Mixed));
    assert_eq!(std::fs::metadata(&path).and_then(|m| m.modified()).ok(), Some(before), "opened read-only");
    let empty = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    assert!(Store::read_annotations(empty.path()).is_err());
    assert!(!empty.path().join(super::STORE_FILE).exists(), "no store is created in someone else's folder");
}
