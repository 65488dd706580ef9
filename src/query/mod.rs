//! Queries over the compact index: filters, timeline buckets and CSV export rows. Shared by the
//! window and the headless commands, so both show exactly the same rows. No UI.

mod agreement;
mod buckets;
mod calibrate;
mod coding;
mod columns;
mod csv_out;
mod evaluation;
mod export;
mod export_table;
mod fignews;
mod filter;
mod gold;
mod index;

pub use agreement::{Agreement, Confusion, LabelScores, krippendorff_alpha_nominal};
pub use buckets::{Bucket, Granularity, Series, timeline};
pub use calibrate::{Example, confusion as calibration_confusion, cross_validate, fit};
pub use coding::{CodingAgreement, Codings, coding_agreement, parse_codings};
pub use columns::{BitSet, Interner, NO_SYM, Sym};
pub use csv_out::Decimal;
pub use evaluation::{
    ActorCatalog, Disagreement, EvalArticle, EvalReport, EvidenceBrief, MentionScores, OWN_LABELS, Prediction,
    QUOTED_LABELS, RecallGap, Targets, Unscored, VoiceAgreement, coder_agreement, evaluate,
};
pub use export::{ExportOptions, HEADER, neutralise, sidecar_path, write_csv};
pub use export_table::write_table;
pub use fignews::{
    BIAS_LABELS, BIAS_SHORT, FignewsItem, FignewsRow, SCORED_BIAS, bias_from_framing, one_annotator_against_the_rest,
    parse_fignews,
};
pub use filter::{Filter, Resolved, VoiceFilter, parse_date};
pub use gold::{Confidence, GOLD_COLUMNS, GoldError, GoldRow, parse_gold};
pub use index::{ActorCell, ActorParts, ArticleIndex, CellNumbers, RowParts};

#[cfg(test)]
mod tests;
