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
    let native = (!polling).then(|| {
        new_debouncer(DEBOUNCE, None, handler(root.to_path_buf(), signals.clone(), wake.clone()))
            .and_then(|mut d| d.watch(root, RecursiveMode::Recursive).map(|()| d))
    });
    watch_or_poll(native, root, signals, wake)
}

type NativeDebouncer = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// The native watcher when it started (`native` is `None` when polling was asked for), else a
/// polling one with the reason — an exhausted inotify limit, a network share…
fn watch_or_poll(
    native: Option<Result<NativeDebouncer, notify::Error>>,
    root: &Path,
    signals: &Sender<Job>,
    wake: impl Fn() + Clone + Send + 'static,
) -> Result<(WatchHandle, Option<String>), String> {
    let fallback_reason = match native {
        Some(Ok(debouncer)) => return Ok((WatchHandle::Native(debouncer), None)),
        Some(Err(e)) => Some(format!("native watching failed ({e}); polling instead")),
        None => None,
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exhausted_inotify_limit_falls_back_to_polling_says_so_and_still_sees_files() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (signals, jobs) = std::sync::mpsc::channel();
        // What notify returns when inotify_add_watch fails with ENOSPC (max_user_watches).
        let exhausted = Err(notify::Error::new(notify::ErrorKind::MaxFilesWatch));
        let (handle, reason) =
            watch_or_poll(Some(exhausted), dir.path(), &signals, || {}).unwrap_or_else(|e| panic!("{e}"));
        assert!(handle.is_polling());
        let reason = reason.unwrap_or_default();
        assert!(reason.contains("limit") && reason.contains("polling instead"), "{reason}");
        let file = dir.path().join("new.txt");
        std::fs::write(&file, "عنوان\n\nنص").unwrap_or_else(|e| panic!("{e}"));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let seen = loop {
            match jobs.recv_timeout(std::time::Duration::from_millis(200)) {
                Ok(Job::Changed(paths)) if paths.iter().any(|p| p.ends_with("new.txt")) => break true,
                _ if std::time::Instant::now() > deadline => break false,
                _ => {}
            }
        };
        handle.stop();
        assert!(seen, "the polling watcher reports the new file");
    }
}
