//! Queries over the compact index: filters, timeline buckets and CSV export rows. Shared by the
//! window and the headless commands, so both show exactly the same rows. No UI, no threads.

mod buckets;
mod export;
mod filter;

pub use buckets::{Bucket, Granularity, Series, timeline};
pub use export::{ExportOptions, ExportRow, export_rows, neutralise, sidecar_path, write_csv};
pub use filter::{Filter, VoiceFilter, parse_date};

#[cfg(test)]
mod tests;
