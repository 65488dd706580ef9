//! Gold sets in the ANNOTATION.md layout: one tab-separated row per (article, actor) with the
//! careful reader's own-voice and quoted stances, confidence and evidence. Parsing only: a
//! malformed file is refused with the line and column of the first problem. `#` lines are
//! comments (the header of a gold file cites its corpus there).

use std::fmt;

use crate::analysis::StanceLabel;

/// The columns every gold file has, in any order (others are ignored).
pub const GOLD_COLUMNS: [&str; 7] =
    ["file", "actor_id", "mentioned", "own_voice_stance", "quoted_stance", "confidence", "evidence"];

/// How sure the labeller was; `low` rows are left out of scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Clear from the text.
    High,
    /// A reasonable reading.
    Medium,
    /// A guess.
    Low,
}

/// One labelled (article, actor) pair.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GoldRow {
    /// 1-based line in the gold file.
    pub line: usize,
    /// The article's path, relative to the corpus root.
    pub file: String,
    /// The lexicon's actor id.
    pub actor_id: String,
    /// `false` for an actor a reader expects but the text never names.
    pub mentioned: bool,
    /// The outlet's own voice.
    pub own: StanceLabel,
    /// Quoted sources, `None` when no source speaks of the actor.
    pub quoted: Option<StanceLabel>,
    /// The labeller's confidence.
    pub confidence: Confidence,
    /// Verbatim phrases behind the judgement.
    pub evidence: Vec<String>,
}

impl GoldRow {
    /// Whether the row counts in scores (not low confidence).
    #[must_use]
    pub fn scored(&self) -> bool {
        self.confidence != Confidence::Low
    }
}

/// A gold file that cannot be read, with where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct GoldError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for GoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

fn stance(value: &str) -> Option<StanceLabel> {
    StanceLabel::from_name(value)
}

/// Parse a gold file's text.
///
/// # Errors
/// The first malformed line: a missing column in the header, a row with the wrong number of
/// fields, an unknown value; or an empty set.
pub fn parse_gold(text: &str) -> Result<Vec<GoldRow>, GoldError> {
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)));
    let mut data = lines.by_ref().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    let Some((header_line, header)) = data.next() else {
        return Err(GoldError { line: 1, column: 1, message: "empty gold set: no header and no rows".into() });
    };
    let names: Vec<&str> = header.split('\t').map(str::trim).collect();
    let mut positions = [0usize; GOLD_COLUMNS.len()];
    for (slot, column) in positions.iter_mut().zip(GOLD_COLUMNS) {
        *slot = names.iter().position(|n| *n == column).ok_or_else(|| GoldError {
            line: header_line,
            column: 1,
            message: format!("the header has no `{column}` column (it needs {})", GOLD_COLUMNS.join(", ")),
        })?;
    }
    let mut rows = Vec::new();
    for (line, text) in data {
        let fields: Vec<&str> = text.split('\t').collect();
        if fields.len() != names.len() {
            let column = if fields.len() > names.len() {
                fields[..names.len()].iter().map(|f| f.chars().count() + 1).sum::<usize>() + 1
            } else {
                text.chars().count() + 1
            };
            return Err(GoldError {
                line,
                column,
                message: format!("{} fields where the header has {}", fields.len(), names.len()),
            });
        }
        let column_of = |index: usize| fields[..index].iter().map(|f| f.chars().count() + 1).sum::<usize>() + 1;
        let field = |slot: usize| fields[positions[slot]].trim();
        let bad = |slot: usize, allowed: &str| GoldError {
            line,
            column: column_of(positions[slot]),
            message: format!("`{}` is not a valid {} (use {allowed})", field(slot), GOLD_COLUMNS[slot]),
        };
        let stances = "legitimizing, delegitimizing, neutral or mixed";
        if field(0).is_empty() {
            return Err(bad(0, "the article's path"));
        }
        if field(1).is_empty() {
            return Err(bad(1, "an actor id"));
        }
        let mentioned = match field(2) {
            "yes" => true,
            "no" => false,
            _ => return Err(bad(2, "yes or no")),
        };
        let own = stance(field(3)).ok_or_else(|| bad(3, stances))?;
        let quoted = match field(4) {
            "none" => None,
            value => Some(stance(value).ok_or_else(|| bad(4, "legitimizing, delegitimizing, neutral, mixed or none"))?),
        };
        let confidence = match field(5) {
            "high" => Confidence::High,
            "medium" => Confidence::Medium,
            "low" => Confidence::Low,
            _ => return Err(bad(5, "high, medium or low")),
        };
        let evidence = field(6).split(" | ").map(str::trim).filter(|e| !e.is_empty()).map(str::to_string).collect();
        rows.push(GoldRow {
            line,
            file: field(0).to_string(),
            actor_id: field(1).to_string(),
            mentioned,
            own,
            quoted,
            confidence,
            evidence,
        });
    }
    if rows.is_empty() {
        return Err(GoldError { line: header_line, column: 1, message: "empty gold set: a header and no rows".into() });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "file\tactor_id\tmentioned\town_voice_stance\tquoted_stance\tconfidence\tevidence";

    #[test]
    fn reads_rows_comments_and_evidence() {
        let text = format!(
            "# ANT corpus (Chouigui et al.)\n{HEADER}\nSkyNews/a.txt\thaftar\tyes\tdelegitimizing\tnone\thigh\tميليشيا حفتر | اللواء المتقاعد\n\nBBC/b.txt\tgna\tno\tneutral\tlegitimizing\tlow\t\n"
        );
        let rows = parse_gold(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 3);
        assert_eq!(rows[0].evidence, ["ميليشيا حفتر", "اللواء المتقاعد"]);
        assert_eq!(rows[0].quoted, None);
        assert!(!rows[1].mentioned && !rows[1].scored());
        assert_eq!(rows[1].quoted, Some(StanceLabel::Legitimizing));
    }

    #[test]
    fn columns_may_come_in_any_order() {
        let text = "actor_id\tfile\tconfidence\tmentioned\tevidence\tquoted_stance\town_voice_stance\nlna\tx.txt\thigh\tyes\tالجيش\tnone\tlegitimizing\n";
        let rows = parse_gold(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((rows[0].file.as_str(), rows[0].own), ("x.txt", StanceLabel::Legitimizing));
    }

    #[test]
    fn malformed_files_name_the_line_and_column() {
        let wrong_value = format!("{HEADER}\na.txt\thaftar\tyes\tlegit\tnone\thigh\tx\n");
        let e = parse_gold(&wrong_value).err();
        assert_eq!(e.as_ref().map(|e| (e.line, e.column)), Some((2, 18)), "{e:?}");
        assert!(e.is_some_and(|e| e.message.contains("`legit`")));

        let short_row = format!("{HEADER}\na.txt\thaftar\tyes\n");
        assert_eq!(parse_gold(&short_row).err().map(|e| (e.line, e.column)), Some((2, 17)));
        let long_row = format!("{HEADER}\na.txt\thaftar\tyes\tneutral\tnone\thigh\tx\textra\n");
        assert_eq!(parse_gold(&long_row).err().map(|e| (e.line, e.column)), Some((2, 38)), "at the first extra field");

        let no_column = "file\tactor_id\n";
        assert!(parse_gold(no_column).err().is_some_and(|e| e.message.contains("`mentioned`")));
    }

    #[test]
    fn an_empty_gold_set_is_an_error() {
        assert!(parse_gold("").is_err());
        assert!(parse_gold("# only a comment\n").is_err());
        assert!(parse_gold(&format!("{HEADER}\n")).err().is_some_and(|e| e.message.contains("no rows")));
    }
}
