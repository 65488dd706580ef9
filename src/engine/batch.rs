//! Bringing a batch of paths up to date in the store: unchanged files are skipped by their
//! stamp, deleted files are forgotten, files still being written are retried, and the rest are
//! read and analysed on all cores and written in one thread.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{FileError, ingest_file};
use crate::lexicon::Lexicon;
use crate::store::{Change, FileStamp, Store, StoreError};

/// What became of one path.
#[derive(Debug)]
pub enum Outcome {
    /// Read and recorded.
    Recorded(PathBuf, Change),
    /// Gone from disk: forgotten.
    Forgotten(PathBuf, Change),
    /// Unchanged since it was last read.
    Unchanged,
    /// Changed while being read: try again later.
    StillWriting(PathBuf),
    /// Could not be read (recorded as a failure).
    Failed { path: PathBuf, reason: String, change: Change },
}

fn stamp_of(path: &Path) -> Option<FileStamp> {
    std::fs::metadata(path).ok().filter(std::fs::Metadata::is_file).map(|m| FileStamp::of(&m))
}

enum Work {
    Forget(PathBuf),
    Skip,
    Read(PathBuf, FileStamp),
}

enum Read {
    Done(PathBuf, FileStamp, Result<Vec<super::AnalysedArticle>, FileError>),
    Moving(PathBuf),
}

/// What to do with each path, from its stamp on disk and in the store.
fn plan(store: &Store, paths: &[PathBuf], force: bool) -> Result<Vec<Work>, StoreError> {
    let mut work = Vec::with_capacity(paths.len());
    for path in paths {
        work.push(match stamp_of(path) {
            None if store.stamp(path)?.is_some() => Work::Forget(path.clone()),
            None => Work::Skip,
            Some(stamp) if !force && store.stamp(path)? == Some(stamp) => Work::Skip,
            Some(stamp) => Work::Read(path.clone(), stamp),
        });
    }
    Ok(work)
}

/// Read and analyse the planned files on all cores (no store access).
fn read(work: &[Work], lexicon: &Lexicon) -> Vec<Read> {
    work.par_iter()
        .filter_map(|w| match w {
            Work::Read(path, before) => {
                let result = ingest_file(path, lexicon);
                // A file whose size or time changed while we read it is still being written.
                Some(if stamp_of(path) == Some(*before) {
                    Read::Done(path.clone(), *before, result)
                } else {
                    Read::Moving(path.clone())
                })
            }
            _ => None,
        })
        .collect()
}

/// Write what was planned and read.
fn write(store: &mut Store, work: &[Work], reads: Vec<Read>) -> Result<Vec<Outcome>, StoreError> {
    let mut outcomes = Vec::with_capacity(work.len());
    for w in work {
        match w {
            Work::Forget(path) => outcomes.push(Outcome::Forgotten(path.clone(), store.forget_file(path)?)),
            Work::Skip => outcomes.push(Outcome::Unchanged),
            Work::Read(..) => {}
        }
    }
    for read in reads {
        outcomes.push(match read {
            Read::Moving(path) => Outcome::StillWriting(path),
            Read::Done(path, stamp, Ok(articles)) => {
                let change = store.record_file(&path, stamp, &articles)?;
                Outcome::Recorded(path, change)
            }
            Read::Done(path, stamp, Err(error)) => {
                let reason = error.to_string();
                let change = store.record_failure(&path, stamp, &reason)?;
                Outcome::Failed { path, reason, change }
            }
        });
    }
    Ok(outcomes)
}

/// Process `paths`; `force` re-reads files whose stamp is unchanged (after a lexicon change).
///
/// # Errors
/// Store errors (the batch stops there; what was written stays written).
pub fn process(
    store: &mut Store,
    lexicon: &Lexicon,
    paths: &[PathBuf],
    force: bool,
) -> Result<Vec<Outcome>, StoreError> {
    let work = plan(store, paths, force)?;
    let reads = read(&work, lexicon);
    write(store, &work, reads)
}

/// Process many paths in chunks, reading and analysing the next chunk while the current one
/// is written (bulk ingestion: `rasd index`). `report` sees each chunk's outcomes.
///
/// # Errors
/// Store errors (what was written before stays written).
pub fn process_pipelined(
    store: &mut Store,
    lexicon: &Lexicon,
    paths: &[PathBuf],
    chunk: usize,
    force: bool,
    mut report: impl FnMut(Vec<Outcome>),
) -> Result<(), StoreError> {
    let mut chunks = paths.chunks(chunk.max(1));
    let Some(first) = chunks.next() else { return Ok(()) };
    let mut work = plan(store, first, force)?;
    let mut reads = read(&work, lexicon);
    for next in chunks {
        let next_work = plan(store, next, force)?;
        let (written, next_reads) = std::thread::scope(|scope| {
            let reader = scope.spawn(|| read(&next_work, lexicon));
            let taken = std::mem::take(&mut reads);
            let written = store.in_transaction(|store| write(store, &work, taken));
            (written, reader.join())
        });
        report(written?);
        work = next_work;
        reads = next_reads.unwrap_or_default();
    }
    report(store.in_transaction(|store| write(store, &work, reads))?);
    Ok(())
}
