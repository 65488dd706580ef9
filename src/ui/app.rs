//! The application: state, engine events, and the commands views return. Views draw from
//! this state and never do I/O; slow work goes to the engine or to a background thread.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use super::library::Library;
use super::rich_text::TextCache;
use super::settings::Settings;
use crate::analysis::StanceLabel;
use crate::engine::{Engine, EngineConfig, Event, Job, WatchMode, fill_inbox, inbox_of};
use crate::lexicon::Lexicon;
use crate::query::Filter;
use crate::store::{Marks, Store, StoredArticle};

/// How the window was started.
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    /// Rasd's data folder.
    pub data_dir: PathBuf,
    /// Folders given on the command line (watched).
    pub folders: Vec<PathBuf>,
    /// Files given on the command line (imported).
    pub files: Vec<PathBuf>,
    /// Tests: ignore stored settings and do not fill the inbox with samples.
    pub test_mode: bool,
}

/// Something the user asked for, applied after drawing.
#[derive(Debug, Clone)]
pub enum Command {
    /// Replace the filter.
    SetFilter(Filter),
    /// Select (and open) an article.
    Open(String),
    /// Move the selection by this many rows.
    MoveSelection(isize),
    /// Watch a folder.
    Watch(PathBuf),
    /// Stop watching a folder.
    Unwatch(PathBuf),
    /// Copy files into the inbox.
    Import(Vec<PathBuf>),
    /// A folder was dropped: ask what to do.
    AskAboutFolder(PathBuf),
    /// Write the shown rows to a CSV file.
    Export(PathBuf),
    /// Drop queued work.
    Cancel,
    /// Check every watched folder again.
    Rescan,
    /// Put text on the clipboard.
    Copy(String),
    /// Open a file with the system's viewer.
    OpenFile(PathBuf),
    /// Switch polling on or off.
    SetPolling(bool),
    /// Set (or clear, with `None`) the analyst's stance for an actor in an article.
    Annotate {
        /// Article id.
        article: String,
        /// Actor id.
        actor: String,
        /// Stance and note.
        value: Option<(StanceLabel, String)>,
    },
    /// Set an article's review marks.
    SetMarks {
        /// Article id.
        article: String,
        /// The new marks.
        marks: Marks,
    },
    /// Undo the last correction or mark.
    Undo,
    /// Redo what was undone.
    Redo,
    /// Read a second coder's corrections (a data folder or a `rasd annotations` file).
    LoadSecondCoder(PathBuf),
}

/// One undoable edit of the analyst's work.
#[derive(Debug, Clone)]
pub enum Edit {
    /// A stance set or cleared.
    Annotation {
        /// Article id.
        article: String,
        /// Actor id.
        actor: String,
        /// Before.
        before: Option<(StanceLabel, String)>,
        /// After.
        after: Option<(StanceLabel, String)>,
    },
    /// Review marks changed.
    Marks {
        /// Article id.
        article: String,
        /// Before.
        before: Marks,
        /// After.
        after: Marks,
    },
}

/// Work the engine reported.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Paths handled.
    pub done: usize,
    /// Paths queued.
    pub total: usize,
    /// Seconds since it started.
    pub seconds: f64,
}

/// Export state shown in the export window.
#[derive(Default)]
pub struct ExportState {
    /// The export window is open.
    pub open: bool,
    /// A running export reports here.
    pub running: Option<Receiver<Result<usize, String>>>,
    /// The last result.
    pub last: Option<Result<(PathBuf, usize), String>>,
    /// A file dialog reports here.
    pub dialog: Option<Receiver<Option<PathBuf>>>,
}

/// The whole window state.
/// Article counts the filter menus show.
#[derive(Debug, Default)]
pub struct MenuCounts {
    /// Articles per actor id.
    pub actors: std::collections::HashMap<String, usize>,
    /// Articles per outlet, by name.
    pub outlets: std::collections::BTreeMap<String, usize>,
}

pub struct RasdApp {
    pub(crate) settings: Settings,
    pub(crate) options: AppOptions,
    pub(crate) inbox: PathBuf,
    pub(crate) engine: Engine,
    pub(crate) lexicon: Arc<Lexicon>,
    pub(crate) library: Library,
    pub(crate) selected: Option<String>,
    pub(crate) opened: Option<StoredArticle>,
    pub(crate) reader_store: Option<Store>,
    pub(crate) failures: BTreeMap<PathBuf, String>,
    pub(crate) notices: Vec<String>,
    pub(crate) watching: BTreeMap<PathBuf, WatchMode>,
    pub(crate) progress: Option<Progress>,
    pub(crate) loaded: bool,
    pub(crate) text_cache: TextCache,
    pub(crate) export: ExportState,
    pub(crate) folder_question: Option<PathBuf>,
    pub(crate) folder_dialog: Option<Receiver<Option<PathBuf>>>,
    pub(crate) watch_path_text: String,
    pub(crate) watch_window: bool,
    pub(crate) failures_window: bool,
    pub(crate) actor_search: String,
    pub(crate) drag_from_day: Option<f64>,
    /// Timeline buckets for a library generation (recomputed only when the rows change).
    pub(crate) timeline_cache: Option<(u64, crate::query::Granularity, Vec<crate::query::Bucket>)>,
    /// Articles per actor for a library generation.
    pub(crate) menu_counts: Option<(u64, MenuCounts)>,
    /// What is wrong with the inbox (looked at again every two seconds while the list is empty,
    /// not on every frame).
    pub(crate) inbox_problem: Option<(std::time::Instant, Option<String>)>,
    pub(crate) undo: Vec<Edit>,
    pub(crate) redo: Vec<Edit>,
    /// Note being typed per actor of the open article.
    pub(crate) note_drafts: std::collections::HashMap<String, String>,
    /// Tags being typed for the open article.
    pub(crate) tags_draft: String,
    /// The text and row generation the current search hits are for.
    pub(crate) searched: Option<(String, u64)>,
    /// Why the last search could not run.
    pub(crate) search_error: Option<String>,
    /// A search in flight: what it is for, and where its ids arrive.
    pub(crate) search_running: Option<SearchJob>,
    /// Wakes the window when a background search or export is done.
    pub(crate) repaint: egui::Context,
    /// The Agreement window.
    pub(crate) agreement: super::agreement::AgreementState,
}

/// A search running on its own thread: (text, row generation) and the channel of its result.
pub(crate) type SearchJob = ((String, u64), Receiver<Result<Vec<i64>, String>>);

impl RasdApp {
    /// Build the app: fonts, settings, engine, inbox.
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        super::fonts::install(&cc.egui_ctx);
        let mut settings: Settings = if options.test_mode {
            Settings::default()
        } else {
            cc.storage.and_then(|s| eframe::get_value(s, eframe::APP_KEY)).unwrap_or_default()
        };
        let inbox = inbox_of(&options.data_dir);
        let first_run = !settings.watched.contains(&inbox) && !settings.welcomed;
        if first_run {
            settings.watched.insert(0, inbox.clone());
            if !options.test_mode
                && let Err(e) = fill_inbox(&inbox)
            {
                eprintln!("rasd: cannot fill the sample inbox {}: {e}", inbox.display());
            }
        }
        for folder in &options.folders {
            let folder = std::path::absolute(folder).unwrap_or_else(|_| folder.clone());
            if !settings.watched.contains(&folder) {
                settings.watched.push(folder);
            }
        }
        let (lexicon, lexicon_notice) = match Lexicon::load(None) {
            Ok(l) => (Arc::new(l), None),
            Err(errors) => {
                let message = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
                (Arc::new(Lexicon::empty()), Some(format!("lexicon errors:\n{message}")))
            }
        };
        let ctx = cc.egui_ctx.clone();
        let engine = Engine::start(
            EngineConfig {
                data_dir: options.data_dir.clone(),
                inbox: inbox.clone(),
                lexicon: lexicon.clone(),
                polling: settings.polling,
                lexicon_dir: Some(options.data_dir.join("lexicons")),
            },
            move || ctx.request_repaint(),
        );
        for folder in &settings.watched {
            engine.send(Job::Watch(folder.clone()));
        }
        if !options.files.is_empty() {
            engine.send(Job::Import(options.files.clone()));
        }
        let mut app = Self {
            settings,
            options,
            inbox,
            engine,
            lexicon,
            library: Library::default(),
            selected: None,
            opened: None,
            reader_store: None,
            failures: BTreeMap::new(),
            notices: lexicon_notice.into_iter().collect(),
            watching: BTreeMap::new(),
            progress: None,
            loaded: false,
            text_cache: TextCache::default(),
            export: ExportState::default(),
            folder_question: None,
            folder_dialog: None,
            watch_path_text: String::new(),
            watch_window: false,
            failures_window: false,
            actor_search: String::new(),
            drag_from_day: None,
            timeline_cache: None,
            menu_counts: None,
            inbox_problem: None,
            undo: Vec::new(),
            redo: Vec::new(),
            note_drafts: std::collections::HashMap::new(),
            tags_draft: String::new(),
            searched: None,
            search_error: None,
            search_running: None,
            repaint: cc.egui_ctx.clone(),
            agreement: super::agreement::AgreementState::default(),
        };
        app.library.set_view(&app.settings.filter, app.settings.sort);
        app
    }

    /// The data folder.
    #[must_use]
    pub fn data_dir(&self) -> &std::path::Path {
        &self.options.data_dir
    }

    /// Number of articles in the index and shown by the filters.
    #[must_use]
    pub fn counts(&self) -> (usize, usize) {
        (self.library.index().len(), self.library.shown().len())
    }

    /// Whether the stored index has been loaded, the queue is empty and no search runs.
    #[must_use]
    pub fn is_idle(&self) -> bool {
        self.loaded && self.progress.is_none() && self.search_running.is_none()
    }

    /// The titles shown, in order (for tests and accessibility).
    #[must_use]
    pub fn shown_titles(&self) -> Vec<String> {
        self.library.shown().iter().map(|&p| self.library.index().title(p).to_string()).collect()
    }

    /// The title of the article open in the reader.
    #[must_use]
    pub fn opened_title(&self) -> Option<&str> {
        self.opened.as_ref().map(|a| a.row.title.as_str())
    }

    /// How many pieces of evidence the open article has.
    #[must_use]
    pub fn opened_evidence(&self) -> usize {
        self.opened.as_ref().map_or(0, |a| a.actors.iter().map(|x| x.evidence.len()).sum())
    }

    /// The timeline's buckets for the rows shown now (cached per library generation).
    pub(crate) fn timeline(&mut self) -> (crate::query::Granularity, &[crate::query::Bucket]) {
        let generation = self.library.generation();
        if self.timeline_cache.as_ref().is_none_or(|(g, _, _)| *g != generation) {
            let (granularity, buckets) =
                crate::query::timeline(self.library.index(), self.library.matched(), &self.settings.filter);
            self.timeline_cache = Some((generation, granularity, buckets));
        }
        match &self.timeline_cache {
            Some((_, granularity, buckets)) => (*granularity, buckets),
            None => (crate::query::Granularity::Day, &[]),
        }
    }

    /// Articles per actor and per outlet over every article (cached per index generation).
    pub(crate) fn menu_counts(&mut self) -> &MenuCounts {
        let generation = self.library.row_generation();
        if self.menu_counts.as_ref().is_none_or(|(g, _)| *g != generation) {
            let index = self.library.index();
            let counts = MenuCounts { actors: index.actor_counts(), outlets: index.outlet_counts() };
            self.menu_counts = Some((generation, counts));
        }
        static EMPTY: std::sync::LazyLock<MenuCounts> = std::sync::LazyLock::new(MenuCounts::default);
        self.menu_counts.as_ref().map_or(&*EMPTY, |(_, c)| c)
    }

    /// Article counts per series over the whole timeline, as the chart stacks them.
    #[must_use]
    pub fn chart_totals(&self) -> Vec<(String, usize)> {
        let (_, buckets) = crate::query::timeline(self.library.index(), self.library.matched(), &self.settings.filter);
        let mut totals: Vec<(String, usize)> = Vec::new();
        for (series, count) in buckets.iter().flat_map(|b| b.counts.iter()) {
            let name = match series {
                crate::query::Series::Stance(s) => s.as_str().to_string(),
                crate::query::Series::Side(side) => side.clone(),
                crate::query::Series::NoActor => "no actor".to_string(),
            };
            match totals.iter_mut().find(|(n, _)| *n == name) {
                Some((_, c)) => *c += count,
                None => totals.push((name, *count)),
            }
        }
        totals.sort();
        totals
    }

    /// The result of the last export, once it finished.
    #[must_use]
    pub fn last_export(&self) -> Option<&Result<(PathBuf, usize), String>> {
        self.export.last.as_ref()
    }

    /// Messages shown in the status bar, oldest first.
    #[must_use]
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// Files that could not be read, with the reason.
    #[must_use]
    pub fn failures(&self) -> &BTreeMap<PathBuf, String> {
        &self.failures
    }

    /// The current filter.
    #[must_use]
    pub fn filter(&self) -> &Filter {
        &self.settings.filter
    }

    /// Apply engine events (called once per frame, before drawing).
    pub fn drain_events(&mut self) {
        let events: Vec<Event> = self.engine.events().collect();
        for event in events {
            self.apply_event(event);
        }
        self.update_search();
        // While a search runs the list stays as it is: filtering the whole index with hits for
        // another text would show a wrong list for a moment and take the cores from the search.
        if self.search_running.is_none() {
            self.library.set_view(&self.settings.filter, self.settings.sort);
        }
        self.library.refresh();
        self.poll_background();
    }

    fn apply_event(&mut self, event: Event) {
        match event {
            Event::Loaded(index) => {
                self.library.load(*index);
                self.loaded = true;
                // The engine has created or migrated the store: the reader may open it now.
                match Store::open(&self.options.data_dir).and_then(|s| s.durable_commits().map(|()| s)) {
                    Ok(store) => self.reader_store = Some(store),
                    Err(e) => self.notices.push(e.to_string()),
                }
            }
            Event::Upserted(rows) => {
                let refresh_open = self.opened.as_ref().map(|o| o.row.id.clone());
                self.library.upsert(&rows);
                if let Some(id) = refresh_open {
                    self.load_article(&id);
                }
            }
            Event::Removed(ids) => {
                if self.opened.as_ref().is_some_and(|o| ids.contains(&o.row.id)) {
                    self.opened = None;
                }
                self.library.remove(&ids);
            }
            Event::Failed { path, reason } => {
                self.failures.insert(path, reason);
            }
            Event::Cleared(path) => {
                self.failures.remove(&path);
            }
            Event::Progress { done, total, seconds } => {
                self.progress = (done < total).then_some(Progress { done, total, seconds });
            }
            Event::Idle => self.progress = None,
            Event::Watching { root, mode } => {
                if let WatchMode::Polling(reason) = &mode {
                    self.notices.push(format!("{}: {reason}", root.display()));
                }
                self.watching.insert(root, mode);
            }
            Event::WatchError { root, reason } => self.notices.push(format!("{}: {reason}", root.display())),
            Event::Imported { .. } => {}
            Event::ImportFailed { path, reason } => {
                self.failures.insert(path, reason);
            }
            Event::StoreError(message) => self.notices.push(message),
            Event::LexiconReloaded { packs } => {
                self.notices.push(format!("lexicon reloaded ({packs} packs): re-analysing every article"));
            }
            Event::LexiconRejected(errors) => {
                self.notices.push(format!("lexicon not changed, the last good one stays: {}", errors.join("; ")));
            }
        }
    }

    /// Run the full-text query when the text filter changed (or the rows did: new articles may
    /// match). The query runs on its own thread and connection; the list keeps the previous
    /// hits until the new ones arrive, so typing never waits for the store.
    fn update_search(&mut self) {
        if let Some((_, rx)) = &self.search_running {
            match rx.try_recv() {
                Ok(result) => {
                    let Some((key, _)) = self.search_running.take() else { return };
                    match result {
                        Ok(hits) => {
                            self.search_error = None;
                            self.library.set_hits(Some(hits));
                        }
                        Err(e) => {
                            self.search_error = Some(e);
                            self.library.set_hits(Some(Vec::new()));
                        }
                    }
                    self.searched = Some(key);
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => return,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.search_running = None,
            }
        }
        let text = self.settings.filter.text.trim().to_string();
        let key = (text.clone(), self.library.row_generation());
        if self.searched.as_ref() == Some(&key) {
            return;
        }
        if text.is_empty() {
            self.library.set_hits(None);
            self.search_error = None;
            self.searched = Some(key);
            return;
        }
        let data_dir = self.options.data_dir.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        let repaint = self.repaint.clone();
        let spawned = std::thread::Builder::new().name("rasd-search".to_string()).spawn(move || {
            let result = Store::search_on_all_cores(&data_dir, &text).map_err(|e| e.to_string());
            let _ = tx.send(result);
            repaint.request_repaint();
        });
        match spawned {
            Ok(_) => self.search_running = Some((key, rx)),
            Err(e) => self.search_error = Some(e.to_string()),
        }
    }

    /// The id of the article open in the reader.
    #[must_use]
    pub fn opened_id(&self) -> Option<String> {
        self.opened.as_ref().map(|o| o.row.id.clone())
    }

    /// Whether a second coder is loaded (and none is being read).
    #[must_use]
    pub fn agreement_loaded(&self) -> bool {
        self.agreement.second.is_some() && self.agreement.loading.is_none()
    }

    /// The Agreement window's figures for the rows shown (the filter's actor only, when set).
    pub fn coding_agreement(&mut self) -> crate::query::CodingAgreement {
        let actor = self.settings.filter.actor.clone();
        let generation = self.library.generation();
        self.agreement.figures(self.library.index(), self.library.shown(), generation, actor.as_deref())
    }

    fn poll_background(&mut self) {
        self.agreement.poll();
        if let Some(rx) = &self.export.running
            && let Ok(result) = rx.try_recv()
        {
            let path = PathBuf::from(&self.settings.export_path);
            self.export.last = Some(result.map(|rows| (path, rows)));
            self.export.running = None;
        }
        if let Some(rx) = &self.export.dialog
            && let Ok(choice) = rx.try_recv()
        {
            if let Some(path) = choice {
                self.settings.export_path = path.display().to_string();
            }
            self.export.dialog = None;
        }
        if let Some(rx) = &self.folder_dialog
            && let Ok(choice) = rx.try_recv()
        {
            if let Some(path) = choice {
                self.watch_path_text = path.display().to_string();
            }
            self.folder_dialog = None;
        }
    }

    pub(crate) fn load_article(&mut self, id: &str) {
        let same = self.opened.as_ref().is_some_and(|o| o.row.id == id);
        self.opened = self.reader_store.as_ref().and_then(|s| match s.article(id) {
            Ok(article) => article,
            Err(e) => {
                self.notices.push(e.to_string());
                None
            }
        });
        if !same {
            self.note_drafts = self
                .opened
                .iter()
                .flat_map(|a| a.actors.iter())
                .map(|f| (f.id.clone(), f.note.clone().unwrap_or_default()))
                .collect();
            self.tags_draft = self.opened.as_ref().map(|a| a.row.tags.join(", ")).unwrap_or_default();
        }
    }

    /// Write one edit to the store (committed before this returns), then show it.
    fn write_edit(&mut self, edit: &Edit, forward: bool) -> bool {
        let Some(store) = self.reader_store.as_mut() else {
            self.notices.push("the store is not open yet: the correction was not saved".to_string());
            return false;
        };
        let now = crate::store::now_ns();
        let (article, result) = match edit {
            Edit::Annotation { article, actor, before, after } => {
                let value = if forward { after } else { before };
                let value = value.as_ref().map(|(s, n)| (*s, n.as_str()));
                (article, store.annotate(article, actor, value, now).map(|_| ()))
            }
            Edit::Marks { article, before, after } => {
                let marks = if forward { after } else { before };
                (article, store.set_marks(article, marks, now).map(|_| ()))
            }
        };
        if let Err(e) = result {
            self.notices.push(format!("not saved: {e}"));
            return false;
        }
        if let Ok(Some(row)) = store.row(article) {
            self.library.upsert(&[row]);
        }
        let article = article.clone();
        if self.opened.as_ref().is_some_and(|o| o.row.id == article) {
            self.load_article(&article);
        }
        self.notices.push("saved".to_string());
        true
    }

    fn edit(&mut self, edit: Edit) {
        if self.write_edit(&edit, true) {
            self.undo.push(edit);
            self.redo.clear();
        }
    }

    /// Whether there is something to undo / redo.
    #[must_use]
    pub fn can_undo(&self) -> (bool, bool) {
        (!self.undo.is_empty(), !self.redo.is_empty())
    }

    /// Apply a command a view returned.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::SetFilter(filter) => self.settings.filter = filter,
            Command::Open(id) => {
                self.selected = Some(id.clone());
                self.load_article(&id);
            }
            Command::MoveSelection(delta) => self.move_selection(delta),
            Command::Watch(folder) => {
                let folder = std::path::absolute(&folder).unwrap_or(folder);
                if !self.settings.watched.contains(&folder) {
                    self.settings.watched.push(folder.clone());
                }
                self.engine.send(Job::Watch(folder));
            }
            Command::Unwatch(folder) => {
                self.settings.watched.retain(|f| *f != folder);
                self.watching.remove(&folder);
                self.engine.send(Job::Unwatch(folder));
            }
            Command::Import(files) => self.engine.send(Job::Import(files)),
            Command::AskAboutFolder(folder) => self.folder_question = Some(folder),
            Command::Export(path) => self.start_export(path),
            Command::Cancel => self.engine.send(Job::Cancel),
            Command::Rescan => self.engine.send(Job::Rescan),
            Command::Copy(text) => ctx.copy_text(text),
            Command::OpenFile(path) => ctx.open_url(egui::OpenUrl::new_tab(format!("file://{}", path.display()))),
            Command::SetPolling(polling) => {
                self.settings.polling = polling;
                self.engine.send(Job::SetPolling(polling));
            }
            Command::Annotate { article, actor, value } => {
                let before = self.opened.as_ref().filter(|o| o.row.id == article).and_then(|o| {
                    o.actors
                        .iter()
                        .find(|f| f.id == actor && f.origin == crate::analysis::Origin::Human)
                        .map(|f| (f.stance, f.note.clone().unwrap_or_default()))
                });
                self.edit(Edit::Annotation { article, actor, before, after: value });
            }
            Command::SetMarks { article, marks } => {
                let before = self.reader_store.as_ref().and_then(|s| s.marks(&article).ok()).unwrap_or_default();
                self.edit(Edit::Marks { article, before, after: marks });
            }
            Command::LoadSecondCoder(path) => self.agreement.load(path, self.repaint.clone()),
            Command::Undo => self.replay(false),
            Command::Redo => self.replay(true),
        }
    }

    /// Undo (`forward` false) or redo the last edit; an edit the store refused stays where it was.
    fn replay(&mut self, forward: bool) {
        let popped = if forward { self.redo.pop() } else { self.undo.pop() };
        let Some(edit) = popped else { return };
        let written = self.write_edit(&edit, forward);
        // Redone, or not undone: back on the undo stack; undone, or not redone: on the redo stack.
        if written == forward { self.undo.push(edit) } else { self.redo.push(edit) }
    }

    fn move_selection(&mut self, delta: isize) {
        let shown = self.library.shown();
        if shown.is_empty() {
            return;
        }
        let current = self.selected.as_deref().and_then(|id| self.library.shown_position(id));
        let next = match current {
            Some(p) => p.saturating_add_signed(delta).min(shown.len() - 1),
            None => 0,
        };
        self.selected = Some(self.library.index().id(shown[next]));
    }

    fn start_export(&mut self, path: PathBuf) {
        let data_dir = self.options.data_dir.clone();
        let filter = self.settings.filter.clone();
        let bom = self.settings.export_bom;
        // Exactly the rows shown, in the order shown.
        self.library.refresh();
        let index = self.library.shared_index();
        let shown = self.library.shown().to_vec();
        self.settings.export_path = path.display().to_string();
        let (tx, rx) = std::sync::mpsc::channel();
        self.export.running = Some(rx);
        self.export.last = None;
        // Export reads the store on its own connection, off the UI thread.
        let repaint = self.repaint.clone();
        let spawned = std::thread::Builder::new().name("rasd-export".to_string()).spawn(move || {
            let result = (|| -> Result<usize, String> {
                let store = Store::open(&data_dir).map_err(|e| e.to_string())?;
                let options = crate::query::ExportOptions { bom };
                crate::query::write_csv(&path, &store, &index, &shown, &filter, options)
            })();
            let _ = tx.send(result);
            repaint.request_repaint();
        });
        if let Err(e) = spawned {
            self.export.last = Some(Err(e.to_string()));
            self.export.running = None;
        }
    }
}

impl eframe::App for RasdApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.drain_events();
        if self.progress.is_some() || self.export.running.is_some() || self.search_running.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let commands = super::views::draw(self, ui);
        let ctx = ui.ctx().clone();
        for command in commands {
            self.apply(command, &ctx);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if !self.options.test_mode {
            eframe::set_value(storage, eframe::APP_KEY, &self.settings);
        }
    }
}
