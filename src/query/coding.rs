//! Agreement inside the app: the analyst's corrections as the gold set for the articles the
//! filters show — Rasd's computed stance against the analyst's, overall, per actor and per
//! outlet — and a second coder's corrections (their data folder, or a `rasd annotations`
//! file) against the analyst's on the pairs both coded. Pure: index rows in, figures out.

use std::collections::{BTreeMap, HashMap};

use super::agreement::{Agreement, Confusion};
use super::evaluation::OWN_LABELS;
use super::gold::GoldError;
use super::index::ArticleIndex;
use crate::analysis::{Origin, StanceLabel};

/// One coder's stances, by (article id, actor id).
pub type Codings = HashMap<(String, String), StanceLabel>;

fn label_index(label: StanceLabel) -> usize {
    OWN_LABELS.iter().position(|l| *l == label.as_str()).unwrap_or(1)
}

/// The Agreement view's figures.
#[derive(Debug, Clone)]
pub struct CodingAgreement {
    /// The analyst (reference) against Rasd, on every corrected pair shown.
    pub overall: Agreement,
    /// The same per actor id.
    pub by_actor: Vec<(String, Agreement)>,
    /// The same per outlet.
    pub by_outlet: Vec<(String, Agreement)>,
    /// Corrected pairs where the analyst and Rasd differ.
    pub disagreements: usize,
    /// The second coder against the analyst on the pairs both coded, with their number.
    pub second_coder: Option<(usize, Agreement)>,
}

/// Agreement over the corrected (article, actor) pairs of the articles at `positions`, for
/// `actor` when given (an actor id).
#[must_use]
pub fn coding_agreement(
    index: &ArticleIndex,
    positions: &[u32],
    actor: Option<&str>,
    second: Option<&Codings>,
) -> CodingAgreement {
    let mut overall = Confusion::new(&OWN_LABELS);
    let mut by_actor: BTreeMap<String, Confusion> = BTreeMap::new();
    let mut by_outlet: BTreeMap<String, Confusion> = BTreeMap::new();
    let mut second_matrix = Confusion::new(&OWN_LABELS);
    let mut shared = 0;
    let mut id = String::new();
    for &position in positions {
        index.id_into(position, &mut id);
        for cell in index.cells_of(position).iter().filter(|c| c.origin == Origin::Human) {
            let name = index.actor_names().name(cell.actor);
            if actor.is_some_and(|a| a != name) {
                continue;
            }
            let (human, rasd) = (label_index(cell.stance), label_index(cell.auto_stance));
            overall.add(human, rasd, 1.0);
            by_actor.entry(name.to_string()).or_insert_with(|| Confusion::new(&OWN_LABELS)).add(human, rasd, 1.0);
            let outlet = index.outlet(position);
            let outlet = if outlet.is_empty() { "-" } else { outlet };
            by_outlet.entry(outlet.to_string()).or_insert_with(|| Confusion::new(&OWN_LABELS)).add(human, rasd, 1.0);
            if let Some(other) = second.and_then(|s| s.get(&(id.clone(), name.to_string()))) {
                shared += 1;
                second_matrix.add(human, label_index(*other), 1.0);
            }
        }
    }
    let disagreements = (overall.total() - (0..OWN_LABELS.len()).map(|i| overall.counts[i][i]).sum::<f64>()) as usize;
    CodingAgreement {
        overall: overall.summary(),
        by_actor: by_actor.into_iter().map(|(k, m)| (k, m.summary())).collect(),
        by_outlet: by_outlet.into_iter().map(|(k, m)| (k, m.summary())).collect(),
        disagreements,
        second_coder: second.map(|_| (shared, second_matrix.summary())),
    }
}

/// A second coder's corrections from a `rasd annotations` file: JSON Lines (`article_id`,
/// `actor_id`, `stance`, …) or CSV with those columns.
///
/// # Errors
/// The first line that cannot be read, with its number; an empty file.
pub fn parse_codings(text: &str) -> Result<Codings, GoldError> {
    let bad = |line: usize, message: String| GoldError { line, column: 1, message };
    let mut codings = Codings::new();
    let trimmed = text.trim_start_matches('\u{feff}');
    if trimmed.trim_start().starts_with('{') {
        for (i, line) in trimmed.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let value: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(i + 1, e.to_string()))?;
            let field = |name: &str| value.get(name).and_then(serde_json::Value::as_str);
            let (Some(article), Some(actor), Some(stance)) = (field("article_id"), field("actor_id"), field("stance"))
            else {
                return Err(bad(i + 1, "needs article_id, actor_id and stance".into()));
            };
            let stance =
                StanceLabel::from_name(stance).ok_or_else(|| bad(i + 1, format!("unknown stance `{stance}`")))?;
            codings.insert((article.to_string(), actor.to_string()), stance);
        }
    } else {
        let mut reader = csv::Reader::from_reader(trimmed.as_bytes());
        let headers = reader.headers().map_err(|e| bad(1, e.to_string()))?.clone();
        let column =
            |name: &str| headers.iter().position(|h| h == name).ok_or_else(|| bad(1, format!("no `{name}` column")));
        let (article, actor, stance) = (column("article_id")?, column("actor_id")?, column("stance")?);
        for (i, record) in reader.records().enumerate() {
            let record = record.map_err(|e| bad(i + 2, e.to_string()))?;
            let value = |c: usize| record.get(c).unwrap_or("");
            let label = StanceLabel::from_name(value(stance))
                .ok_or_else(|| bad(i + 2, format!("unknown stance `{}`", value(stance))))?;
            codings.insert((value(article).to_string(), value(actor).to_string()), label);
        }
    }
    if codings.is_empty() {
        return Err(bad(1, "no corrections in the file".into()));
    }
    Ok(codings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_files_in_both_formats() {
        let jsonl = "{\"article_id\":\"a1\",\"actor_id\":\"lna\",\"stance\":\"delegitimizing\",\"note\":\"\",\"updated_ns\":1}\n";
        let codings = parse_codings(jsonl).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(codings.get(&("a1".into(), "lna".into())), Some(&StanceLabel::Delegitimizing));
        let csv = "article_id,actor_id,stance,note,updated_ns\na1,gna,legitimizing,,1\n";
        let codings = parse_codings(csv).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(codings.get(&("a1".into(), "gna".into())), Some(&StanceLabel::Legitimizing));
        assert!(parse_codings("{\"article_id\":\"a\"}\n").err().is_some_and(|e| e.line == 1));
        assert!(parse_codings("article_id,actor_id,stance\n").is_err(), "an empty file is an error");
        assert!(parse_codings("article_id,actor_id,stance\na,b,angry\n").err().is_some_and(|e| e.line == 2));
    }
}
