//! Queries over the compact index: filters, timeline buckets and CSV export rows. Shared by the
//! window and the headless commands, so both show exactly the same rows. No UI.

mod buckets;
mod columns;
mod csv_out;
mod export;
mod export_table;
mod filter;
mod index;

pub use buckets::{Bucket, Granularity, Series, timeline};
pub use columns::{BitSet, Interner, NO_SYM, Sym};
pub use csv_out::Decimal;
pub use export::{ExportOptions, HEADER, neutralise, sidecar_path, write_csv};
pub use export_table::write_table;
pub use filter::{Filter, Resolved, VoiceFilter, parse_date};
pub use index::{ActorCell, ActorParts, ArticleIndex, CellNumbers, RowParts};

#[cfg(test)]
mod tests;
