//! Text layer: Arabic-aware normalization with an offset map back to the original, tokens,
//! quote spans, sentences and script detection. Depends on nothing else in Rasd.

mod normalize;
mod script;
mod search;
mod tokens;

pub use normalize::{Normalized, normalize, normalize_str};
pub use script::{Language, detect_language, detect_language_of};
pub use search::{QueryError, fts_query, search_text, stem};
pub use tokens::{Gap, QuoteSpan, Token, TokenizedText, is_quote_char, is_word_char};
