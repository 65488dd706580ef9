//! Engine: turns paths into analysed articles in the store. Owns file I/O, the background
//! worker, the folder watcher and progress. Knows nothing of egui: the window passes a plain
//! wake-up closure and reads events from a channel.

mod batch;
mod files;
mod generate;
mod import;
mod ingest;
mod paths;
mod samples;
mod watch;
mod worker;

pub use batch::{Outcome, process, process_pipelined};
pub use files::{collect_files, is_readable_path};
pub use generate::generate;
pub use import::import_into;
pub use ingest::{AnalysedArticle, FileError, MAX_FILE_BYTES, ingest_bytes, ingest_file};
pub use paths::{APP_ID, default_data_dir, inbox_of};
pub use samples::fill_inbox;
pub use worker::{Engine, EngineConfig, Event, Job, WatchMode};
