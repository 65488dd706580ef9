//! The real app in egui_kittest (no rendering): a temporary data folder and inbox, the real
//! engine on its own thread, and the widgets found by their labels as a screen reader would.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rasd::ui::{AppOptions, RasdApp};

struct App {
    harness: Harness<'static, RasdApp>,
    dir: tempfile::TempDir,
}

fn app(with_samples: bool) -> App {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data_dir = dir.path().join("data");
    if with_samples {
        rasd::engine::fill_inbox(&rasd::engine::inbox_of(&data_dir)).unwrap_or_else(|e| panic!("{e}"));
    }
    // The engine creates it too, once it gets to the job; a test writing at once must not race it.
    std::fs::create_dir_all(rasd::engine::inbox_of(&data_dir)).unwrap_or_else(|e| panic!("{e}"));
    let options = AppOptions { data_dir, folders: Vec::new(), files: Vec::new(), test_mode: true };
    let harness =
        Harness::builder().with_size(egui::vec2(1400.0, 900.0)).build_eframe(move |cc| RasdApp::new(cc, options));
    App { harness, dir }
}

impl App {
    fn inbox(&self) -> PathBuf {
        self.dir.path().join("data").join("inbox")
    }

    /// Step the app until `done` holds, failing with what was awaited after `deadline`.
    fn wait_for(&mut self, what: &str, deadline: Duration, done: impl Fn(&RasdApp) -> bool) -> Duration {
        let start = Instant::now();
        loop {
            self.harness.step();
            if done(self.harness.state()) {
                return start.elapsed();
            }
            let state = self.harness.state();
            assert!(
                start.elapsed() < deadline,
                "waited {deadline:?} for {what}; counts {:?}, titles {:?}, failures {:?}",
                state.counts(),
                state.shown_titles(),
                state.failures()
            );
            std::thread::sleep(Duration::from_millis(15));
        }
    }

    fn settle(&mut self) {
        for _ in 0..4 {
            self.harness.step();
        }
    }

    /// The seven samples loaded, the welcome closed, and `title` open in the reader.
    fn open_sample(&mut self, title: &str) {
        self.wait_for("the seven sample articles", Duration::from_secs(5), |a| a.counts() == (7, 7) && a.is_idle());
        self.close_welcome();
        self.harness.get_by_label(title).click();
        self.wait_for("the reader", Duration::from_secs(2), |a| a.opened_title() == Some(title));
        self.settle();
    }

    /// Choose `stance` in the reader's "Stance toward ACTOR (by hand)" menu.
    fn set_stance_by_hand(&mut self, actor: &str, stance: &str) {
        self.harness.get_by_label(&format!("Stance toward {actor} (by hand)")).click();
        self.settle();
        self.harness.get_by_label(stance).click();
        self.settle();
    }

    fn close_welcome(&mut self) {
        self.harness.get_by_label("Start").click();
        self.settle();
    }
}

const ARTICLE: &str = "ميليشيا حفتر تقصف أحياء طرابلس\n\nالأحد 5 أبريل 2020 09:15 ص\n\nقصفت ميليشيا \"حفتر\" أحياء في جنوب العاصمة الليبية.\n\nالمصدر | وكالة الرصد\n";

#[test]
fn an_empty_inbox_explains_itself_and_welcomes() {
    let mut app = app(false);
    app.wait_for("the store to load", Duration::from_secs(5), |a| a.is_idle());
    app.settle();
    app.harness.get_by_label("No articles yet");
    app.harness.get_by_label("Drop article files (text, Markdown, TREC, web pages, JSON, feeds, Word, e-mail) on this window to import them.");
    app.harness.get_by_label("Welcome to Rasd · رصد");
    app.harness.get_by_label("1. Watch a folder of articles…");
    app.close_welcome();
    assert!(app.harness.query_by_label("Welcome to Rasd · رصد").is_none());
}

#[test]
fn an_inbox_that_cannot_be_read_says_why() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data_dir = dir.path().join("data");
    std::fs::create_dir_all(&data_dir).unwrap_or_else(|e| panic!("{e}"));
    // Something that is not a folder where the inbox should be.
    std::fs::write(data_dir.join("inbox"), "not a folder").unwrap_or_else(|e| panic!("{e}"));
    let options = AppOptions { data_dir, folders: Vec::new(), files: Vec::new(), test_mode: true };
    let harness =
        Harness::builder().with_size(egui::vec2(1400.0, 900.0)).build_eframe(move |cc| RasdApp::new(cc, options));
    let mut app = App { harness, dir };
    app.wait_for("the store to load", Duration::from_secs(5), |a| a.is_idle());
    app.settle();
    app.harness.get_by_label("No articles yet");
    app.harness.get_by_label_contains("cannot be read");
    let empty = self::app(false);
    let mut empty = empty;
    empty.wait_for("the store to load", Duration::from_secs(5), |a| a.is_idle());
    empty.settle();
    empty.harness.get_by_label_contains("is empty: copy or save article files into it");
}

#[test]
fn a_file_written_into_the_watched_folder_appears_within_a_second() {
    let mut app = app(false);
    app.wait_for("the store to load", Duration::from_secs(5), |a| a.is_idle());
    app.close_welcome();
    let inbox = app.inbox();
    std::fs::write(inbox.join("new.txt"), ARTICLE).unwrap_or_else(|e| panic!("{e}"));
    let took = app.wait_for("the new file in the list", Duration::from_secs(1), |a| a.counts().1 == 1);
    eprintln!("written file listed after {took:?}");
    app.settle();
    app.harness.get_by_label("ميليشيا حفتر تقصف أحياء طرابلس");
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_dropped_file_is_imported_and_appears_in_the_list() {
    let mut app = app(false);
    app.wait_for("the store to load", Duration::from_secs(5), |a| a.is_idle());
    app.close_welcome();
    let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = outside.path().join("dropped.txt");
    std::fs::write(&file, ARTICLE).unwrap_or_else(|e| panic!("{e}"));
    let junk = outside.path().join("photo.jpg");
    std::fs::write(&junk, b"\xff\xd8\xff").unwrap_or_else(|e| panic!("{e}"));
    app.harness.input_mut().dropped_files.push(Arc::new(Dropped(file.clone())));
    app.harness.input_mut().dropped_files.push(Arc::new(Dropped(junk.clone())));
    app.wait_for("the dropped file in the list", Duration::from_secs(3), |a| a.counts().1 == 1);
    assert!(app.inbox().join("dropped.txt").exists(), "copied into the inbox");
    assert!(file.exists(), "the original stays");
    assert!(app.harness.state().failures().contains_key(&junk), "the unreadable file is listed with its reason");
    app.settle();
    app.harness.get_by_label("ميليشيا حفتر تقصف أحياء طرابلس");
}

#[test]
fn an_actor_filter_narrows_the_list_and_the_chart() {
    let mut app = app(true);
    app.wait_for("the seven sample articles", Duration::from_secs(5), |a| a.counts() == (7, 7) && a.is_idle());
    app.close_welcome();
    app.harness.get_by_label("7 of 7 articles");
    app.harness.get_by_label("Find actor").focus();
    app.harness.get_by_label("Find actor").type_text("National Army");
    app.settle();
    app.harness.get_by_label_contains("Libyan National Army · الجيش الوطني الليبي").click();
    app.wait_for("the filter to apply", Duration::from_secs(2), |a| a.counts().1 == 4);
    app.settle();
    app.harness.get_by_label("4 of 7 articles");
    app.harness.get_by_label_contains("actor: Libyan National Army");
    let totals = app.harness.state().chart_totals();
    let expected: Vec<(String, usize)> =
        vec![("delegitimizing".into(), 2), ("legitimizing".into(), 1), ("neutral".into(), 1)];
    assert_eq!(totals, expected, "the chart splits the LNA's four articles by the outlets' stance");
    app.harness.get_by_label_contains("actor: Libyan National Army").click();
    app.wait_for("the filter chip to be removed", Duration::from_secs(2), |a| a.counts().1 == 7);
}

#[test]
fn the_reader_shows_the_arabic_title_and_its_evidence() {
    let mut app = app(true);
    let title = "قوات الوفاق تصد هجوما لميليشيا حفتر جنوبي طرابلس";
    app.open_sample(title);
    assert_eq!(app.harness.get_all_by_label(title).count(), 2, "the list row and the reader's title");
    assert!(app.harness.state().opened_evidence() >= 5);
    app.harness.get_by_label_contains("صدت قوات حكومة الوفاق الوطني الليبية المعترف بها دوليا");
    app.harness.get_by_label("Copy article");
    // The spokesman's "mercenaries" is the outlet's own wording (ANNOTATION.md): no quoted line.
    assert!(app.harness.query_by_label("Quoted sources:").is_none());
}

#[test]
fn the_reader_shows_what_quoted_sources_said() {
    let mut app = app(true);
    let title = "Fighting flares south of Tripoli as UN calls for truce";
    app.open_sample(title);
    assert!(app.harness.get_all_by_label("Quoted sources:").count() >= 1, "\"Haftar's militia\" is the spokesman's");
}

#[test]
fn export_writes_exactly_the_filtered_rows() {
    let mut app = app(true);
    app.wait_for("the seven sample articles", Duration::from_secs(5), |a| a.counts() == (7, 7) && a.is_idle());
    app.close_welcome();
    app.harness.get_by_label("Language").click();
    app.settle();
    app.harness.get_by_label("English (en)").click();
    app.wait_for("the language filter", Duration::from_secs(2), |a| a.counts().1 == 2);
    app.harness.get_by_label("Export CSV…").click();
    app.settle();
    let out = app.dir.path().join("english.csv");
    app.harness.get_by_label("CSV file").focus();
    app.harness.get_by_label("CSV file").type_text(&out.display().to_string());
    app.settle();
    app.harness.get_by_label("Export").click();
    app.wait_for("the export", Duration::from_secs(5), |a| a.last_export().is_some());
    let result = app.harness.state().last_export().cloned();
    let rows = match result {
        Some(Ok((_, rows))) => rows,
        other => panic!("export failed: {other:?}"),
    };
    let bytes = std::fs::read(&out).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark by default");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().cloned().unwrap_or_default();
    let language = headers.iter().position(|h| h == "language").unwrap_or(0);
    let records: Vec<csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
    assert_eq!(records.len(), rows);
    assert!(records.iter().all(|r| &r[language] == "en"), "only the rows the filters show");
    let titles: std::collections::BTreeSet<String> = records.iter().map(|r| r[3].to_string()).collect();
    assert_eq!(titles.len(), 2);
}

#[test]
fn arrow_keys_move_the_selection_and_enter_opens_it() {
    let mut app = app(true);
    app.wait_for("the seven sample articles", Duration::from_secs(5), |a| a.counts() == (7, 7) && a.is_idle());
    app.close_welcome();
    app.harness.key_press(egui::Key::ArrowDown);
    app.settle();
    app.harness.key_press(egui::Key::ArrowDown);
    app.settle();
    assert!(app.harness.state().opened_title().is_none(), "moving does not open");
    app.harness.key_press(egui::Key::Enter);
    app.settle();
    let second = app.harness.state().shown_titles()[1].clone();
    assert_eq!(app.harness.state().opened_title(), Some(second.as_str()));
}

#[test]
fn a_correction_is_saved_shown_undone_and_redone() {
    let mut app = app(true);
    let title = "قوات الوفاق تصد هجوما لميليشيا حفتر جنوبي طرابلس";
    app.open_sample(title);
    app.set_stance_by_hand("lna", "mixed");
    assert_eq!(app.harness.state().notices().last().map(String::as_str), Some("saved"));
    assert_eq!(app.harness.get_by_label("Stance toward lna (by hand)").value().as_deref(), Some("mixed"));
    app.harness.get_by_label("lna (by hand)");
    let data = app.dir.path().join("data");
    let stored = rasd::store::Store::open(&data).and_then(|s| s.annotations()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored.len(), 1, "committed to the store");
    assert_eq!((stored[0].actor_id.as_str(), stored[0].stance.as_str()), ("lna", "mixed"));
    app.harness.get_by_label("Undo").click();
    app.settle();
    let stored = rasd::store::Store::open(&data).and_then(|s| s.annotations()).unwrap_or_else(|e| panic!("{e}"));
    assert!(stored.is_empty(), "undo removed the correction from the store");
    assert_eq!(
        app.harness.get_by_label("Stance toward lna (by hand)").value().as_deref(),
        Some("auto (delegitimizing)")
    );
    assert!(app.harness.query_by_label("lna (by hand)").is_none());
    app.harness.get_by_label("Redo").click();
    app.settle();
    assert_eq!(app.harness.get_by_label("Stance toward lna (by hand)").value().as_deref(), Some("mixed"));
    app.harness.get_by_label("Stance set by").click();
    app.settle();
    app.harness.get_by_label("the analyst").click();
    app.wait_for("the origin filter", Duration::from_secs(2), |a| a.counts().1 == 1);
}

#[test]
fn the_search_box_finds_words_whatever_their_hamza_or_clitics() {
    let mut app = app(true);
    app.wait_for("the seven sample articles", Duration::from_secs(5), |a| a.counts() == (7, 7) && a.is_idle());
    app.close_welcome();
    app.harness.get_by_label("Search text").focus();
    app.harness.get_by_label("Search text").type_text("انقرة");
    app.wait_for("the search", Duration::from_secs(2), |a| a.counts().1 == 1);
    assert_eq!(app.harness.state().shown_titles(), ["أنقرة تعلن دعمها لحكومة الوفاق"]);
    app.harness.get_by_label_contains("text: انقرة");
    app.harness.get_by_label("Search text").type_text(" OR لجازان");
    app.wait_for("the OR search", Duration::from_secs(2), |a| a.counts().1 == 2);
}

#[test]
fn the_agreement_window_measures_rasd_against_the_analyst_and_a_second_coder() {
    let mut app = app(true);
    let title = "قوات الوفاق تصد هجوما لميليشيا حفتر جنوبي طرابلس";
    app.open_sample(title);
    // Disagree with Rasd (delegitimizing) on the LNA.
    app.set_stance_by_hand("lna", "mixed");
    app.harness.get_by_label("Agreement").click();
    app.settle();
    app.harness.get_by_label_contains("1 pairs · accuracy 0%");
    let figures = app.harness.state_mut().coding_agreement();
    assert_eq!(figures.disagreements, 1);
    assert_eq!(figures.by_actor.len(), 1);
    app.harness.get_by_label("Show the disagreements (1)").click();
    app.wait_for("the disagreements filter", Duration::from_secs(2), |a| a.counts().1 == 1);
    assert_eq!(app.harness.state().shown_titles(), [title]);
    // A second coder who agrees with the analyst, from a `rasd annotations` file.
    let article = app.harness.state().opened_id().unwrap_or_default();
    let file = app.dir.path().join("second.jsonl");
    std::fs::write(&file, format!("{{\"article_id\":\"{article}\",\"actor_id\":\"lna\",\"stance\":\"mixed\"}}\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    app.harness.get_by_label("Second coder's folder or file").focus();
    app.harness.get_by_label("Second coder's folder or file").type_text(&file.display().to_string());
    app.settle();
    app.harness.get_by_label("Compare").click();
    app.wait_for("the second coder", Duration::from_secs(3), |a| a.agreement_loaded());
    app.settle();
    app.harness.get_by_label_contains("1 pairs coded by both");
    let second = app.harness.state_mut().coding_agreement().second_coder;
    assert_eq!(second.map(|(n, a)| (n, a.accuracy)), Some((1, Some(1.0))));
}
