//! The background engine on a real folder: new, changed, renamed, deleted and half-written
//! files, imports, and a broken file that stops nothing.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rasd::engine::{Engine, EngineConfig, Event, Job};
use rasd::lexicon::Lexicon;
use rasd::store::IndexRow;

const ARTICLE: &str =
    "ميليشيا حفتر تقصف طرابلس\n\nالأحد 5 أبريل 2020\n\nقصفت ميليشيا \"حفتر\" أحياء في العاصمة.\n\nالمصدر | وكالة\n";

struct Fixture {
    _dir: tempfile::TempDir,
    inbox: PathBuf,
    engine: Engine,
    rows: Vec<IndexRow>,
    failed: Vec<(PathBuf, String)>,
    rejected: Vec<String>,
    lexicons: PathBuf,
    progress_events: usize,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let inbox = dir.path().join("inbox");
        // The engine creates a watched folder too, but only once it gets to the job: a test
        // writing at once must not race it.
        std::fs::create_dir_all(&inbox).unwrap_or_else(|e| panic!("{e}"));
        let lexicon = Arc::new(Lexicon::load(None).unwrap_or_else(|e| panic!("{e:?}")));
        let config = EngineConfig {
            data_dir: dir.path().join("data"),
            inbox: inbox.clone(),
            lexicon,
            polling: false,
            lexicon_dir: Some(dir.path().join("lexicons")),
        };
        let engine = Engine::start(config, || {});
        engine.send(Job::Watch(inbox.clone()));
        let lexicons = dir.path().join("lexicons");
        let mut fixture = Self {
            _dir: dir,
            inbox,
            engine,
            rows: Vec::new(),
            failed: Vec::new(),
            rejected: Vec::new(),
            lexicons,
            progress_events: 0,
        };
        fixture.wait_for("the watcher to start", Duration::from_secs(5), |_| true);
        fixture
    }

    fn drain(&mut self) -> bool {
        let mut any = false;
        let events: Vec<Event> = self.engine.events().collect();
        for event in events {
            any = true;
            match event {
                Event::Upserted(rows) => {
                    for row in rows {
                        self.rows.retain(|r| r.id != row.id);
                        self.rows.push(row);
                    }
                }
                Event::Removed(ids) => self.rows.retain(|r| !ids.contains(&r.id)),
                Event::Failed { path, reason } => self.failed.push((path, reason)),
                Event::StoreError(e) => panic!("store error: {e}"),
                Event::LexiconRejected(errors) => self.rejected.extend(errors),
                Event::Progress { .. } => self.progress_events += 1,
                _ => {}
            }
        }
        any
    }

    /// Drain events until `done` holds or the deadline passes (failing with what was awaited).
    fn wait_for(&mut self, what: &str, deadline: Duration, done: impl Fn(&Self) -> bool) {
        let start = Instant::now();
        loop {
            let any = self.drain();
            if any && done(self) || (!any && done(self) && start.elapsed() > Duration::from_millis(50)) {
                return;
            }
            assert!(
                start.elapsed() < deadline,
                "waited {deadline:?} for {what}; rows: {:?}",
                self.rows.iter().map(|r| &r.title).collect::<Vec<_>>()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.inbox.join(name);
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        path
    }
}

fn titles(rows: &[IndexRow]) -> Vec<&str> {
    let mut t: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
    t.sort_unstable();
    t
}

#[test]
fn a_new_file_appears_within_a_second_and_a_deleted_one_leaves() {
    let mut f = Fixture::new();
    let started = Instant::now();
    let path = f.write("a.txt", ARTICLE);
    f.wait_for("the new file", Duration::from_secs(1), |f| f.rows.len() == 1);
    eprintln!("new file on the index after {:?}", started.elapsed());
    assert_eq!(f.rows[0].title, "ميليشيا حفتر تقصف طرابلس");
    std::fs::remove_file(&path).unwrap_or_else(|e| panic!("{e}"));
    f.wait_for("the deletion", Duration::from_secs(2), |f| f.rows.is_empty());
}

#[test]
fn a_renamed_file_keeps_its_identity_and_an_edit_replaces_the_article() {
    let mut f = Fixture::new();
    let path = f.write("a.txt", ARTICLE);
    f.wait_for("the new file", Duration::from_secs(2), |f| f.rows.len() == 1);
    let id = f.rows[0].id.clone();
    let renamed = f.inbox.join("renamed.txt");
    std::fs::rename(&path, &renamed).unwrap_or_else(|e| panic!("{e}"));
    f.wait_for("the rename", Duration::from_secs(2), |f| f.rows.len() == 1 && f.rows[0].path.ends_with("renamed.txt"));
    assert_eq!(f.rows[0].id, id);
    std::fs::write(&renamed, ARTICLE.replace("طرابلس", "بنغازي")).unwrap_or_else(|e| panic!("{e}"));
    f.wait_for("the edit", Duration::from_secs(2), |f| titles(&f.rows) == ["ميليشيا حفتر تقصف بنغازي"]);
}

#[test]
fn a_broken_file_is_reported_and_the_next_file_still_arrives() {
    let mut f = Fixture::new();
    f.write("broken.txt", "\u{0}\u{1}binary");
    f.write("good.txt", ARTICLE);
    f.wait_for("the good file and the failure", Duration::from_secs(2), |f| f.rows.len() == 1 && f.failed.len() == 1);
    assert!(f.failed[0].0.ends_with("broken.txt"));
    assert!(f.failed[0].1.contains("binary"), "{}", f.failed[0].1);
}

#[test]
fn a_file_still_being_written_is_read_whole() {
    let mut f = Fixture::new();
    let path = f.inbox.join("slow.txt");
    let body = "وقال المتحدث إن ميليشيا حفتر قصفت الأحياء السكنية.\n".repeat(20);
    let text = format!("خبر طويل\n\nالأحد 5 أبريل 2020\n\n{body}\nالمصدر | وكالة\n");
    let writer = {
        let path = path.clone();
        let bytes = text.clone().into_bytes();
        std::thread::spawn(move || {
            use std::io::Write;
            let mut file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
            for chunk in bytes.chunks(bytes.len() / 8 + 1) {
                file.write_all(chunk).unwrap_or_else(|e| panic!("{e}"));
                file.flush().unwrap_or_else(|e| panic!("{e}"));
                std::thread::sleep(Duration::from_millis(120));
            }
        })
    };
    writer.join().unwrap_or_else(|_| panic!("writer panicked"));
    f.wait_for("the finished file", Duration::from_secs(3), |f| f.rows.iter().any(|r| r.title == "خبر طويل"));
    std::thread::sleep(Duration::from_millis(600));
    f.drain();
    assert_eq!(f.rows.len(), 1);
    let row = &f.rows[0];
    assert_eq!(row.source, "وكالة", "the last line was read: the file was not half-read");
}

#[test]
fn imported_files_are_copied_into_the_inbox_without_overwriting() {
    let mut f = Fixture::new();
    let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let source = outside.path().join("a.txt");
    std::fs::write(&source, ARTICLE).unwrap_or_else(|e| panic!("{e}"));
    f.write("a.txt", "عنوان آخر\n\nنص آخر عن السيسي.\n");
    f.engine.send(Job::Import(vec![source.clone()]));
    f.wait_for("the import", Duration::from_secs(2), |f| f.rows.len() == 2);
    assert!(Path::new(&f.inbox.join("a (2).txt")).exists());
    assert!(source.exists(), "the original stays where it was");
}

const SYRIA: &str = r#"(
    schema_version: 1,
    id: "syria",
    languages: ["ar"],
    sides: [(id: "syria_gov")],
    actors: [(id: "assad_gov", kind: Government, side: "syria_gov",
              names: { "ar": [(text: "الحكومة السورية"), (text: "نظام الأسد", frame: (Delegitimizing, 0.7))] })],
)"#;

#[test]
fn a_lexicon_edit_reanalyses_and_a_broken_one_keeps_the_last_good_lexicon() {
    let mut f = Fixture::new();
    f.write("syria.txt", "قصف في إدلب\n\nقصفت قوات نظام الأسد ريف إدلب الجنوبي.\n");
    f.wait_for("the article", Duration::from_secs(2), |f| f.rows.len() == 1);
    assert!(f.rows[0].actors.is_empty(), "no pack knows the Syrian actors yet");
    std::fs::write(f.lexicons.join("syria.ron"), SYRIA).unwrap_or_else(|e| panic!("{e}"));
    f.wait_for("the re-analysis", Duration::from_secs(3), |f| {
        f.rows.iter().any(|r| r.actors.iter().any(|a| a.actor_id == "assad_gov"))
    });
    let broken = SYRIA.replace("kind: Government,", "kind: Government, colour: 1,");
    std::fs::write(f.lexicons.join("syria.ron"), broken).unwrap_or_else(|e| panic!("{e}"));
    f.wait_for("the rejection", Duration::from_secs(3), |f| !f.rejected.is_empty());
    assert!(f.rejected[0].contains("syria.ron:6:"), "{:?}", f.rejected);
    assert!(f.rows[0].actors.iter().any(|a| a.actor_id == "assad_gov"), "the last good lexicon's result stays");
}

#[test]
fn reading_files_does_not_queue_them_again() {
    let mut f = Fixture::new();
    for i in 0..20 {
        f.write(&format!("{i:02}.txt"), &ARTICLE.replace("طرابلس", &format!("طرابلس {i}")));
    }
    f.wait_for("twenty articles", Duration::from_secs(3), |f| f.rows.len() == 20);
    std::thread::sleep(Duration::from_millis(800));
    f.drain();
    let before = f.progress_events;
    std::thread::sleep(Duration::from_millis(1500));
    f.drain();
    assert_eq!(
        f.progress_events, before,
        "the engine kept working after every file was read (its own reads came back as changes)"
    );
}

#[test]
fn a_file_that_keeps_growing_for_five_seconds_is_read_once_whole() {
    let mut f = Fixture::new();
    let path = f.inbox.join("growing.txt");
    let line = "وقال المتحدث إن ميليشيا حفتر قصفت الأحياء السكنية.\n";
    {
        use std::io::Write;
        let mut file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
        file.write_all("خبر ينمو\n\nالأحد 5 أبريل 2020\n\n".as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(5) {
            file.write_all(line.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
            file.flush().unwrap_or_else(|e| panic!("{e}"));
            std::thread::sleep(Duration::from_millis(100));
            f.drain();
        }
        file.write_all("\nالمصدر | وكالة\n".as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    }
    f.wait_for("the grown file", Duration::from_secs(5), |f| {
        f.rows.iter().any(|r| r.title == "خبر ينمو" && r.source == "وكالة")
    });
    std::thread::sleep(Duration::from_millis(800));
    f.drain();
    assert_eq!(f.rows.len(), 1, "one article: the half-written states are not kept");
    assert!(f.failed.is_empty(), "{:?}", f.failed);
}

#[test]
fn ten_thousand_files_copied_at_once_are_each_ingested_exactly_once() {
    let f = Fixture::new();
    let staging = f.inbox.with_file_name("staging");
    std::fs::create_dir_all(&staging).unwrap_or_else(|e| panic!("{e}"));
    for i in 0..10_000 {
        let text = format!("خبر رقم {i}\n\nالأحد 5 أبريل 2020\n\nقصفت ميليشيا حفتر الحي رقم {i}.\n");
        std::fs::write(staging.join(format!("{i:05}.txt")), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let mut upserts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Moved in one rename each, as a file manager's paste of a folder's contents lands.
    for entry in std::fs::read_dir(&staging).unwrap_or_else(|e| panic!("{e}")) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        std::fs::rename(entry.path(), f.inbox.join(entry.file_name())).unwrap_or_else(|e| panic!("{e}"));
    }
    let started = Instant::now();
    while upserts.len() < 10_000 {
        for event in f.engine.events() {
            match event {
                Event::Upserted(rows) => rows.iter().for_each(|r| *upserts.entry(r.id.clone()).or_default() += 1),
                Event::Failed { path, reason } => panic!("{}: {reason}", path.display()),
                _ => {}
            }
        }
        assert!(started.elapsed() < Duration::from_secs(240), "{} of 10,000 after 4 minutes", upserts.len());
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_secs(1));
    for event in f.engine.events() {
        if let Event::Upserted(rows) = event {
            rows.iter().for_each(|r| *upserts.entry(r.id.clone()).or_default() += 1);
        }
    }
    assert_eq!(upserts.len(), 10_000, "none missed");
    let twice: Vec<_> = upserts.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "{} articles ingested more than once", twice.len());
}

#[test]
fn a_watched_folder_removed_and_created_again_is_watched_again() {
    let mut f = Fixture::new();
    f.write("first.txt", ARTICLE);
    f.wait_for("the first article", Duration::from_secs(3), |f| f.rows.len() == 1);
    std::fs::remove_dir_all(&f.inbox).unwrap_or_else(|e| panic!("{e}"));
    f.wait_for("the article of the removed folder to go", Duration::from_secs(5), |f| f.rows.is_empty());
    std::fs::create_dir_all(&f.inbox).unwrap_or_else(|e| panic!("{e}"));
    std::thread::sleep(Duration::from_millis(300));
    f.write("second.txt", &ARTICLE.replace("طرابلس", "بنغازي"));
    f.wait_for("a file in the re-created folder", Duration::from_secs(10), |f| {
        f.rows.iter().any(|r| r.title.contains("بنغازي"))
    });
}
