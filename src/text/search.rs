//! Search terms: the text the full-text index holds and the query it is asked, both made of
//! normalized words with one layer of Arabic proclitics or the article removed, so that `أ/إ/ا`,
//! `ة/ه`, diacritics and clitics (لحفتر، والسيسي، بالميليشيات) do not hide a hit.

use super::{is_word_char, normalize_str};

/// Proclitic and article layers removed from a word, longest first.
const PREFIXES: &[&str] = &["وال", "بال", "كال", "فال", "لل", "ال", "و", "ف", "ب", "ل", "ك"];
/// A word keeps at least this many letters after a prefix is removed.
const MIN_STEM_CHARS: usize = 3;

/// The search form of one normalized word.
#[must_use]
pub fn stem(word: &str) -> &str {
    for prefix in PREFIXES {
        if let Some(rest) = word.strip_prefix(prefix)
            && rest.chars().count() >= MIN_STEM_CHARS
        {
            return rest;
        }
    }
    word
}

/// The words of `text` in search form, separated by spaces (what the index stores).
#[must_use]
pub fn search_text(text: &str) -> String {
    let normalized = normalize_str(text);
    let mut out = String::with_capacity(normalized.len());
    for word in normalized.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(stem(word));
    }
    out
}

/// Why a query cannot be run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("search query: {0}")]
pub struct QueryError(pub String);

/// Turn what the user typed into an FTS5 query over search forms: words (implicitly AND),
/// `"phrases"`, `AND`/`OR`/`NOT`, `NEAR(a b, 5)` and parentheses.
///
/// # Errors
/// An unclosed quote or parenthesis, or a query with no word.
pub fn fts_query(query: &str) -> Result<String, QueryError> {
    let mut out: Vec<String> = Vec::new();
    let mut chars = query.chars().peekable();
    let mut depth = 0i32;
    let mut words = 0;
    let mut after_comma = false;
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c == '"' {
            chars.next();
            let phrase: String = chars.by_ref().take_while(|&c| c != '"').collect();
            let stems = search_text(&phrase);
            if stems.is_empty() {
                return Err(QueryError("an empty or unclosed phrase".to_string()));
            }
            words += 1;
            out.push(format!("\"{stems}\""));
            continue;
        }
        if matches!(c, '(' | ')' | ',') {
            chars.next();
            depth += match c {
                '(' => 1,
                ')' => -1,
                _ => 0,
            };
            if depth < 0 {
                return Err(QueryError("a ')' without '('".to_string()));
            }
            after_comma = c == ',';
            out.push(c.to_string());
            continue;
        }
        let token: String =
            std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | ',' | '"')))
                .collect();
        match token.as_str() {
            "AND" | "OR" | "NOT" | "NEAR" => out.push(token),
            number if after_comma && number.chars().all(|c| c.is_ascii_digit()) => out.push(token),
            _ => {
                let stems = search_text(&token);
                if !stems.is_empty() {
                    words += 1;
                    out.push(format!("\"{stems}\""));
                }
            }
        }
        after_comma = false;
    }
    if depth != 0 {
        return Err(QueryError("an unclosed '('".to_string()));
    }
    if words == 0 {
        return Err(QueryError("no word to search".to_string()));
    }
    Ok(out.join(" ").replace("NEAR (", "NEAR(").replace("( ", "(").replace(" )", ")").replace(" ,", ","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics_hamza_and_ta_marbuta_share_a_search_form() {
        assert_eq!(search_text("لحفتر وحفتر حفتر"), "حفتر حفتر حفتر");
        assert_eq!(search_text("والسيسي السيسي"), "سيسي سيسي");
        assert_eq!(search_text("بالميليشيات"), "ميليشيات");
        assert_eq!(search_text("أنقرة انقره"), "انقره انقره");
        assert_eq!(search_text("Haftar's forces"), "haftar s forces");
        assert_eq!(stem("ولد"), "ولد", "too short to strip");
    }

    #[test]
    fn queries_keep_operators_phrases_and_near() -> Result<(), QueryError> {
        assert_eq!(fts_query("لحفتر")?, "\"حفتر\"");
        assert_eq!(fts_query("ميليشيا AND حفتر")?, "\"ميليشيا\" AND \"حفتر\"");
        assert_eq!(fts_query("\"ميليشيا حفتر\" OR Haftar")?, "\"ميليشيا حفتر\" OR \"haftar\"");
        // بنغازي loses a ب that is not a clitic: the index does the same, so it still matches.
        assert_eq!(fts_query("طرابلس NOT بنغازي")?, "\"طرابلس\" NOT \"نغازي\"");
        assert_eq!(fts_query("NEAR(حفتر ميليشيا, 3)")?, "NEAR(\"حفتر\" \"ميليشيا\", 3)");
        assert!(fts_query("(حفتر").is_err());
        assert!(fts_query("  ").is_err());
        Ok(())
    }
}
