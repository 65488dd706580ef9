//! Engine: turns paths into analysed articles. Owns file I/O and (later) threads, the watcher
//! and the job queue. Knows nothing of egui or of output formats.

mod files;
mod ingest;

pub use files::{collect_files, is_readable_path};
pub use ingest::{AnalysedArticle, FileError, ingest_bytes, ingest_file};
