//! The background worker: one thread owns the store's writing connection, takes jobs from the
//! window (watch, import, rescan, cancel) and change notices from the watchers, brings the
//! store up to date in batches, and reports events back. Nothing here blocks the window.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use super::batch::{Outcome, process};
use super::import::import_into;
use super::watch::{WatchHandle, watch};
use super::{collect_files, is_readable_path};
use crate::lexicon::Lexicon;
use crate::store::{IndexRow, Store};

/// Paths handled per batch: small enough to report progress and take a cancel often.
const BATCH: usize = 128;
/// Wait before reading again a file that changed while being read.
const RETRY_AFTER: Duration = Duration::from_millis(300);
/// How often a removed watched folder is looked for.
const MISSING_CHECK: Duration = Duration::from_millis(500);
/// After this many retries a file is read as it is.
const MAX_RETRIES: u32 = 50;

/// What the window asks of the engine.
#[derive(Debug, Clone)]
pub enum Job {
    /// Watch a folder (created if missing) and scan it.
    Watch(PathBuf),
    /// Stop watching a folder (its articles stay).
    Unwatch(PathBuf),
    /// Check these paths now (files or folders).
    Check(Vec<PathBuf>),
    /// Copy these files into the inbox, then read them.
    Import(Vec<PathBuf>),
    /// Scan every watched folder again.
    Rescan,
    /// Read every known file again with a new lexicon.
    Reanalyse(Arc<Lexicon>),
    /// Use polling (true) or native watching (false) from now on.
    SetPolling(bool),
    /// Drop the queued work.
    Cancel,
    /// Sent by a watcher: these paths changed.
    Changed(Vec<PathBuf>),
    /// Sent by a watcher: it failed or lost events for this folder.
    WatchFailed(PathBuf, String),
}

/// How a folder is watched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchMode {
    /// Native notifications.
    Native,
    /// Polling, with the reason.
    Polling(String),
}

/// What the engine tells the window.
#[derive(Debug, Clone)]
pub enum Event {
    /// The stored index, sent once at start before any file is checked.
    Loaded(Box<crate::query::ArticleIndex>),
    /// Articles added or updated.
    Upserted(Vec<IndexRow>),
    /// Articles no file holds any more.
    Removed(Vec<String>),
    /// A file could not be read.
    Failed {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A file that had failed was read now (or is gone).
    Cleared(PathBuf),
    /// Work in progress.
    Progress {
        /// Paths handled since the queue was last empty.
        done: usize,
        /// Paths queued since then.
        total: usize,
        /// Seconds since the queue was last empty.
        seconds: f64,
    },
    /// The queue is empty.
    Idle,
    /// A folder is being watched.
    Watching {
        /// The folder.
        root: PathBuf,
        /// How.
        mode: WatchMode,
    },
    /// A folder cannot be watched.
    WatchError {
        /// The folder.
        root: PathBuf,
        /// Why.
        reason: String,
    },
    /// A dropped file was copied into the inbox.
    Imported {
        /// Where it came from.
        from: PathBuf,
        /// Where it is now.
        to: PathBuf,
    },
    /// A dropped file could not be copied.
    ImportFailed {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The store failed; the message says where.
    StoreError(String),
    /// The user's lexicon changed and loaded: articles are being re-analysed.
    LexiconReloaded {
        /// Packs in use.
        packs: usize,
    },
    /// The user's lexicon has errors: the last good one stays in use.
    LexiconRejected(Vec<String>),
}

/// What the engine needs to start.
pub struct EngineConfig {
    /// The data folder holding the store.
    pub data_dir: PathBuf,
    /// Where imported files are copied.
    pub inbox: PathBuf,
    /// The lexicon to analyse with.
    pub lexicon: Arc<Lexicon>,
    /// Poll instead of native watching.
    pub polling: bool,
    /// A folder of the user's lexicon packs, watched: an edit re-analyses every article, a
    /// broken edit keeps the last good lexicon and says where.
    pub lexicon_dir: Option<PathBuf>,
}

/// The handle the window keeps: send jobs, drain events.
pub struct Engine {
    jobs: Sender<Job>,
    events: Receiver<Event>,
}

impl Engine {
    /// Start the worker thread. `wake` is called after events are sent (the window passes
    /// `ctx.request_repaint`).
    #[must_use]
    pub fn start(config: EngineConfig, wake: impl Fn() + Clone + Send + Sync + 'static) -> Self {
        let (jobs, job_rx) = channel();
        let (event_tx, events) = channel();
        let job_tx = jobs.clone();
        let spawned = std::thread::Builder::new().name("rasd-engine".to_string()).spawn(move || {
            let mut worker = match Store::open(&config.data_dir) {
                Ok(store) => Worker::new(store, config, job_tx, event_tx, wake),
                Err(e) => {
                    let _ = event_tx.send(Event::StoreError(e.to_string()));
                    wake();
                    return;
                }
            };
            worker.run(&job_rx);
        });
        if let Err(e) = spawned {
            eprintln!("rasd: cannot start the engine thread: {e}");
        }
        Self { jobs, events }
    }

    /// Queue a job (ignored once the worker has stopped).
    pub fn send(&self, job: Job) {
        let _ = self.jobs.send(job);
    }

    /// Events sent since the last call.
    pub fn events(&self) -> impl Iterator<Item = Event> + '_ {
        self.events.try_iter()
    }
}

struct Worker<W: Fn() + Clone + Send + 'static> {
    store: Store,
    lexicon: Arc<Lexicon>,
    lexicon_dir: Option<PathBuf>,
    inbox: PathBuf,
    polling: bool,
    watchers: HashMap<PathBuf, WatchHandle>,
    /// Watched folders that were removed, looked for until they are back.
    missing: std::collections::BTreeSet<PathBuf>,
    pending: BTreeSet<PathBuf>,
    forced: BTreeSet<PathBuf>,
    retries: Vec<(Instant, PathBuf)>,
    attempts: HashMap<PathBuf, u32>,
    jobs: Sender<Job>,
    events: Sender<Event>,
    wake: W,
    done: usize,
    total: usize,
    started: Instant,
    /// Reading and analysis threads: one core is left for the window.
    pool: Option<rayon::ThreadPool>,
}

impl<W: Fn() + Clone + Send + 'static> Worker<W> {
    fn new(store: Store, config: EngineConfig, jobs: Sender<Job>, events: Sender<Event>, wake: W) -> Self {
        Self {
            store,
            lexicon: config.lexicon,
            lexicon_dir: config.lexicon_dir,
            inbox: config.inbox,
            polling: config.polling,
            watchers: HashMap::new(),
            missing: std::collections::BTreeSet::new(),
            pending: BTreeSet::new(),
            forced: BTreeSet::new(),
            retries: Vec::new(),
            attempts: HashMap::new(),
            jobs,
            events,
            wake,
            done: 0,
            total: 0,
            started: Instant::now(),
            pool: rayon::ThreadPoolBuilder::new()
                .num_threads(std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1)))
                .thread_name(|i| format!("rasd-read-{i}"))
                .build()
                .ok(),
        }
    }

    fn emit(&self, event: Event) {
        if self.events.send(event).is_ok() {
            (self.wake)();
        }
    }

    fn run(&mut self, jobs: &Receiver<Job>) {
        match self.store.index() {
            Ok(index) => self.emit(Event::Loaded(Box::new(index))),
            Err(e) => self.emit(Event::StoreError(e.to_string())),
        }
        self.watch_lexicon();
        loop {
            // Take every job waiting, then work; block only when there is nothing to do.
            while let Ok(job) = jobs.try_recv() {
                self.handle(job);
            }
            self.promote_retries();
            self.check_missing();
            if !self.pending.is_empty() {
                self.work_batch();
                continue;
            }
            let mut timeout = self.retries.iter().map(|(at, _)| at.saturating_duration_since(Instant::now())).min();
            if !self.missing.is_empty() {
                timeout = Some(timeout.map_or(MISSING_CHECK, |t| t.min(MISSING_CHECK)));
            }
            let next = match timeout {
                Some(wait) => jobs.recv_timeout(wait),
                None => jobs.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            match next {
                Ok(job) => self.handle(job),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    fn enqueue(&mut self, path: PathBuf) {
        if self.pending.is_empty() && self.retries.is_empty() && self.done == self.total {
            self.done = 0;
            self.total = 0;
            self.started = Instant::now();
        }
        if self.pending.insert(path) {
            self.total += 1;
        }
    }

    fn enqueue_tree(&mut self, root: &Path) {
        let (files, errors) = collect_files(&[root.to_path_buf()]);
        for (path, reason) in errors {
            self.emit(Event::Failed { path, reason });
        }
        for file in files {
            self.enqueue(file);
        }
        // Files deleted while Rasd was not watching.
        if let Ok(known) = self.store.known_paths_under(root) {
            for path in known.into_iter().filter(|p| !p.exists()) {
                self.enqueue(path);
            }
        }
    }

    fn handle(&mut self, job: Job) {
        match job {
            Job::Watch(root) => self.start_watching(root),
            Job::Unwatch(root) => {
                if let Some(handle) = self.watchers.remove(&root) {
                    handle.stop();
                }
            }
            Job::Check(paths) | Job::Changed(paths) => {
                let (lexicon_paths, paths): (Vec<PathBuf>, Vec<PathBuf>) =
                    paths.into_iter().partition(|p| self.lexicon_dir.as_ref().is_some_and(|d| p.starts_with(d)));
                if lexicon_paths.iter().any(|p| p.extension().is_some_and(|e| e == "ron")) {
                    self.reload_lexicon();
                }
                for path in paths {
                    if path.is_dir() {
                        self.enqueue_tree(&path);
                    } else if is_readable_path(&path) && !is_hidden(&path) {
                        self.enqueue(path);
                    } else if !path.exists() {
                        self.gone(&path);
                    }
                }
            }
            Job::Import(paths) => {
                for path in paths {
                    match import_into(&self.inbox, &path) {
                        Ok(to) => {
                            self.enqueue(to.clone());
                            self.emit(Event::Imported { from: path, to });
                        }
                        Err(reason) => self.emit(Event::ImportFailed { path, reason }),
                    }
                }
            }
            Job::Rescan => {
                let roots = self.article_roots();
                for root in roots {
                    self.enqueue_tree(&root);
                }
            }
            Job::WatchFailed(root, reason) => {
                self.emit(Event::WatchError { root: root.clone(), reason });
                self.enqueue_tree(&root);
            }
            Job::Reanalyse(lexicon) => {
                self.lexicon = lexicon;
                let roots = self.article_roots();
                for root in roots {
                    let (files, _) = collect_files(&[root]);
                    self.forced.extend(files.iter().cloned());
                    files.into_iter().for_each(|f| self.enqueue(f));
                }
            }
            Job::SetPolling(polling) => {
                self.polling = polling;
                for root in self.article_roots() {
                    self.start_watching(root);
                }
                if let Some(handle) = self.lexicon_dir.as_ref().and_then(|d| self.watchers.remove(d)) {
                    handle.stop();
                    self.watch_lexicon();
                }
            }
            Job::Cancel => {
                self.pending.clear();
                self.forced.clear();
                self.retries.clear();
                self.attempts.clear();
                self.done = self.total;
                self.emit(Event::Idle);
            }
        }
    }

    fn reload_lexicon(&mut self) {
        let Some(dir) = self.lexicon_dir.clone() else { return };
        match Lexicon::load(Some(&dir)) {
            Ok(lexicon) => {
                let packs = lexicon.packs.len();
                self.handle(Job::Reanalyse(Arc::new(lexicon)));
                self.emit(Event::LexiconReloaded { packs });
            }
            Err(errors) => self.emit(Event::LexiconRejected(errors.iter().map(ToString::to_string).collect())),
        }
    }

    /// Watch the user's lexicon folder (created if missing) and load it once.
    fn watch_lexicon(&mut self) {
        let Some(dir) = self.lexicon_dir.clone() else { return };
        if let Err(e) = std::fs::create_dir_all(&dir) {
            self.emit(Event::WatchError { root: dir, reason: e.to_string() });
            return;
        }
        match watch(&dir, self.polling, &self.jobs, self.wake.clone()) {
            Ok((handle, _)) => {
                self.watchers.insert(dir.clone(), handle);
            }
            Err(reason) => self.emit(Event::WatchError { root: dir.clone(), reason }),
        }
        let has_packs = std::fs::read_dir(&dir)
            .is_ok_and(|mut d| d.any(|e| e.is_ok_and(|e| e.path().extension().is_some_and(|x| x == "ron"))));
        if has_packs {
            self.reload_lexicon();
        }
    }

    fn start_watching(&mut self, root: PathBuf) {
        if let Some(old) = self.watchers.remove(&root) {
            old.stop();
        }
        if let Err(e) = std::fs::create_dir_all(&root) {
            self.emit(Event::WatchError { root, reason: e.to_string() });
            return;
        }
        match watch(&root, self.polling, &self.jobs, self.wake.clone()) {
            Ok((handle, reason)) => {
                let mode = match (handle.is_polling(), reason) {
                    (true, reason) => WatchMode::Polling(reason.unwrap_or_default()),
                    (false, _) => WatchMode::Native,
                };
                self.watchers.insert(root.clone(), handle);
                self.emit(Event::Watching { root: root.clone(), mode });
            }
            Err(reason) => self.emit(Event::WatchError { root: root.clone(), reason }),
        }
        self.enqueue_tree(&root);
    }

    /// A path that no longer exists: forget every file stored under it (a removed folder), and if
    /// it was a watched folder, wait for it to come back.
    fn gone(&mut self, path: &Path) {
        if let Ok(known) = self.store.known_paths_under(path) {
            for file in known.into_iter().filter(|p| !p.exists()) {
                self.enqueue(file);
            }
        }
        if let Some(handle) = self.watchers.remove(path) {
            handle.stop();
            self.missing.insert(path.to_path_buf());
            let reason = "the folder was removed; Rasd watches for it to come back".to_string();
            self.emit(Event::WatchError { root: path.to_path_buf(), reason });
        }
    }

    /// Watch again the removed folders that are back.
    fn check_missing(&mut self) {
        let back: Vec<PathBuf> = self.missing.iter().filter(|p| p.is_dir()).cloned().collect();
        for root in back {
            self.missing.remove(&root);
            self.start_watching(root);
        }
    }

    /// Watched folders of articles (not the lexicon folder).
    fn article_roots(&self) -> Vec<PathBuf> {
        self.watchers.keys().filter(|r| Some(*r) != self.lexicon_dir.as_ref()).cloned().collect()
    }

    fn promote_retries(&mut self) {
        let now = Instant::now();
        let (due, later): (Vec<_>, Vec<_>) = self.retries.drain(..).partition(|(at, _)| *at <= now);
        self.retries = later;
        for (_, path) in due {
            self.pending.insert(path);
        }
    }

    fn work_batch(&mut self) {
        let batch: Vec<PathBuf> = std::iter::from_fn(|| self.pending.pop_first()).take(BATCH).collect();
        let forced: Vec<PathBuf> = batch.iter().filter(|p| self.forced.remove(*p)).cloned().collect();
        let normal: Vec<PathBuf> = batch.iter().filter(|p| !forced.contains(p)).cloned().collect();
        let mut outcomes = Vec::new();
        for (paths, force) in [(normal, false), (forced, true)] {
            // One commit per batch: far fewer WAL syncs than one per file.
            let (store, lexicon) = (&mut self.store, &self.lexicon);
            let mut run = || store.in_transaction(|s| process(s, lexicon, &paths, force));
            let result = match &self.pool {
                Some(pool) => pool.install(run),
                None => run(),
            };
            match result {
                Ok(o) => outcomes.extend(o),
                Err(e) => self.emit(Event::StoreError(e.to_string())),
            }
        }
        let mut upserted = Vec::new();
        let mut removed = Vec::new();
        for outcome in outcomes {
            match outcome {
                Outcome::Recorded(path, change) | Outcome::Forgotten(path, change) => {
                    upserted.extend(change.upserted);
                    removed.extend(change.removed);
                    self.done += 1;
                    self.attempts.remove(&path);
                    self.emit(Event::Cleared(path));
                }
                Outcome::Unchanged => self.done += 1,
                Outcome::StillWriting(path) => {
                    let attempts = self.attempts.entry(path.clone()).or_insert(0);
                    *attempts += 1;
                    if *attempts > MAX_RETRIES {
                        // Still changing after many tries: read it as it is.
                        self.attempts.remove(&path);
                        self.forced.insert(path.clone());
                        self.pending.insert(path);
                    } else {
                        self.retries.push((Instant::now() + RETRY_AFTER, path));
                    }
                }
                Outcome::Failed { path, reason, change } => {
                    removed.extend(change.removed);
                    self.done += 1;
                    self.attempts.remove(&path);
                    self.emit(Event::Failed { path, reason });
                }
            }
        }
        if !removed.is_empty() {
            self.emit(Event::Removed(removed));
        }
        upserted.sort();
        upserted.dedup();
        let rows: Vec<IndexRow> = upserted.iter().filter_map(|id| self.store.row(id).ok().flatten()).collect();
        if !rows.is_empty() {
            self.emit(Event::Upserted(rows));
        }
        self.emit(Event::Progress {
            done: self.done,
            total: self.total,
            seconds: self.started.elapsed().as_secs_f64(),
        });
        if self.pending.is_empty() && self.retries.is_empty() {
            self.emit(Event::Idle);
        }
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
}
