//! Folder watching with notify's debouncer: native events where the system allows, polling
//! where it does not (network shares, an exhausted inotify limit) or when the user asks.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use super::worker::Job;
use notify::event::{EventKind, MetadataKind, ModifyKind};
use notify::{PollWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer, new_debouncer_opt};

/// How long the debouncer waits for a burst of events to settle.
pub const DEBOUNCE: Duration = Duration::from_millis(250);
/// How often a polling watcher looks at the folder.
pub const POLL_INTERVAL: Duration = Duration::from_millis(700);

/// A running watcher of one folder.
pub enum WatchHandle {
    /// inotify (or the platform's native API).
    Native(Debouncer<notify::RecommendedWatcher, RecommendedCache>),
    /// Polling.
    Polling(Debouncer<PollWatcher, RecommendedCache>),
}

fn handler(
    root: PathBuf,
    signals: Sender<Job>,
    wake: impl Fn() + Send + 'static,
) -> impl FnMut(DebounceEventResult) + Send + 'static {
    move |result: DebounceEventResult| {
        let signal = match result {
            Ok(events) => {
                // Rasd's own reading opens and closes files: those access events change nothing.
                let mut paths: Vec<PathBuf> =
                    events.into_iter().filter(|e| changes_content(&e.event.kind)).flat_map(|e| e.event.paths).collect();
                if paths.is_empty() {
                    return;
                }
                paths.sort();
                paths.dedup();
                Job::Changed(paths)
            }
            Err(errors) => {
                let reasons: Vec<String> = errors.iter().map(ToString::to_string).collect();
                Job::WatchFailed(root.clone(), reasons.join("; "))
            }
        };
        if signals.send(signal).is_ok() {
            wake();
        }
    }
}

/// Whether an event kind can change what a file holds (creation, removal, renaming, writing);
/// opening, reading and access-time updates cannot.
fn changes_content(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)))
}

/// Watch `root` recursively; native first unless `polling`, polling when native fails. Returns
/// the handle and, when it fell back to polling, why.
///
/// # Errors
/// Both native and polling watching failed.
pub fn watch(
    root: &Path,
    polling: bool,
    signals: &Sender<Job>,
    wake: impl Fn() + Clone + Send + 'static,
) -> Result<(WatchHandle, Option<String>), String> {
    let mut fallback_reason = None;
    if !polling {
        let attempt = new_debouncer(DEBOUNCE, None, handler(root.to_path_buf(), signals.clone(), wake.clone()))
            .and_then(|mut d| d.watch(root, RecursiveMode::Recursive).map(|()| d));
        match attempt {
            Ok(debouncer) => return Ok((WatchHandle::Native(debouncer), None)),
            Err(e) => fallback_reason = Some(format!("native watching failed ({e}); polling instead")),
        }
    }
    let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
    let mut debouncer = new_debouncer_opt::<_, PollWatcher, _>(
        DEBOUNCE,
        None,
        handler(root.to_path_buf(), signals.clone(), wake),
        RecommendedCache::new(),
        config,
    )
    .map_err(|e| e.to_string())?;
    debouncer.watch(root, RecursiveMode::Recursive).map_err(|e| e.to_string())?;
    Ok((WatchHandle::Polling(debouncer), fallback_reason.or_else(|| Some("polling as set".to_string()))))
}

impl WatchHandle {
    /// Whether this handle polls.
    #[must_use]
    pub fn is_polling(&self) -> bool {
        matches!(self, Self::Polling(_))
    }

    /// Stop watching without waiting for the debouncer thread.
    pub fn stop(self) {
        match self {
            Self::Native(d) => d.stop_nonblocking(),
            Self::Polling(d) => d.stop_nonblocking(),
        }
    }
}
