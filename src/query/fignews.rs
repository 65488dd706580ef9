//! The FIGNEWS 2024 layout (Zaghouani et al., ArabicNLP 2024): news posts on the Israel–Gaza
//! war with the shared task annotators' bias votes. Parsing, the rule that turns Rasd's
//! per-actor framing into a post's bias label, and the human yardstick: one annotator's vote
//! against the majority of the other votes, computed exactly from the vote counts.

use serde::Serialize;

use super::agreement::Confusion;
use super::gold::GoldError;
use crate::analysis::{ActorFraming, StanceLabel};

/// The bias labels, in the file's column order.
pub const BIAS_LABELS: [&str; 7] = [
    "Biased against Palestine",
    "Biased against Israel",
    "Biased against both Palestine and Israel",
    "Biased against others",
    "Unbiased",
    "Not Applicable",
    "Unclear",
];
/// Labels that are scored: posts whose majority is another label (or a tie) are left out.
pub const SCORED_BIAS: usize = 5;
const AGAINST_PALESTINE: usize = 0;
const AGAINST_ISRAEL: usize = 1;
const AGAINST_BOTH: usize = 2;
const AGAINST_OTHERS: usize = 3;
const UNBIASED: usize = 4;

/// Short names of the scored labels (matrix rows and columns).
pub const BIAS_SHORT: [&str; SCORED_BIAS] =
    ["against_palestine", "against_israel", "against_both", "against_others", "unbiased"];

/// One post with its votes.
#[derive(Debug, Clone, PartialEq)]
pub struct FignewsItem {
    /// 1-based line in the file.
    pub line: usize,
    /// The item id.
    pub id: String,
    /// The source language as the file names it (`Arabic`, `English`, …).
    pub source_language: String,
    /// The original text.
    pub text: String,
    /// Votes per label of [`BIAS_LABELS`].
    pub votes: [u32; 7],
    /// The majority label's index, `None` for a tie.
    pub majority: Option<usize>,
}

impl FignewsItem {
    /// The held-out third: nothing in the lexicons is taken from these posts.
    #[must_use]
    pub fn is_test(&self) -> bool {
        blake3::hash(format!("rasd-fignews-split|{}", self.id).as_bytes()).as_bytes()[0].is_multiple_of(3)
    }

    /// Whether the majority is a scored label.
    #[must_use]
    pub fn scored_majority(&self) -> Option<usize> {
        self.majority.filter(|&m| m < SCORED_BIAS)
    }
}

const COLUMNS: [&str; 4] = ["source_language", "id", "text", "bias_majority"];

/// Parse the FIGNEWS TSV (header first, no quoting).
///
/// # Errors
/// A missing column, a row with the wrong number of fields, a vote that is not a number.
pub fn parse_fignews(text: &str) -> Result<Vec<FignewsItem>, GoldError> {
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)));
    let Some((_, header)) = lines.next() else {
        return Err(GoldError { line: 1, column: 1, message: "empty FIGNEWS file".into() });
    };
    let names: Vec<&str> = header.split('\t').collect();
    let find = |name: &str| {
        names.iter().position(|n| *n == name).ok_or_else(|| GoldError {
            line: 1,
            column: 1,
            message: format!("the header has no `{name}` column"),
        })
    };
    let [language, id, text_col, majority] = COLUMNS.map(find);
    let (language, id, text_col, majority) = (language?, id?, text_col?, majority?);
    let vote_columns = BIAS_LABELS.map(|label| find(&format!("bias: {label}")));
    let mut votes_at = [0usize; 7];
    for (slot, found) in votes_at.iter_mut().zip(vote_columns) {
        *slot = found?;
    }
    let mut items = Vec::new();
    for (line, row) in lines.filter(|(_, l)| !l.trim().is_empty()) {
        let fields: Vec<&str> = row.split('\t').collect();
        if fields.len() != names.len() {
            return Err(GoldError {
                line,
                column: 1,
                message: format!("{} fields where the header has {}", fields.len(), names.len()),
            });
        }
        let column_of = |index: usize| fields[..index].iter().map(|f| f.chars().count() + 1).sum::<usize>() + 1;
        let mut votes = [0u32; 7];
        for (vote, &at) in votes.iter_mut().zip(&votes_at) {
            *vote = fields[at].trim().parse().map_err(|_| GoldError {
                line,
                column: column_of(at),
                message: format!("`{}` is not a vote count", fields[at]),
            })?;
        }
        let majority = BIAS_LABELS.iter().position(|l| *l == fields[majority].trim());
        items.push(FignewsItem {
            line,
            id: fields[id].to_string(),
            source_language: fields[language].to_string(),
            text: fields[text_col].to_string(),
            votes,
            majority,
        });
    }
    if items.is_empty() {
        return Err(GoldError { line: 1, column: 1, message: "empty FIGNEWS file: a header and no rows".into() });
    }
    Ok(items)
}

/// The post's bias label from Rasd's own-voice framing of each actor, `side_of` giving the
/// actor's side in this conflict (`israel`, `palestine`, or none):
/// - a side is *framed against* when one of its actors is delegitimized or mixed;
/// - a side is *framed for* when one of its actors is legitimized and none is framed against;
/// - against Israel when Israel's side is framed against or Palestine's is framed for (and not
///   framed against), and symmetrically; both when both hold;
/// - against others when neither side is but an actor of no side (UN, the US, Iran…) is
///   delegitimized; unbiased otherwise.
#[must_use]
pub fn bias_from_framing<'a>(
    actors: &'a [ActorFraming],
    side_of: impl Fn(&'a ActorFraming) -> Option<&'a str>,
) -> usize {
    let mut against = [false; 2];
    let mut for_side = [false; 2];
    let mut against_other = false;
    for actor in actors {
        let negative = matches!(actor.stance, StanceLabel::Delegitimizing | StanceLabel::Mixed);
        let positive = actor.stance == StanceLabel::Legitimizing;
        match side_of(actor) {
            Some("palestine") => {
                against[0] |= negative;
                for_side[0] |= positive;
            }
            Some("israel") => {
                against[1] |= negative;
                for_side[1] |= positive;
            }
            _ => against_other |= negative,
        }
    }
    let against_palestine = against[0] || (for_side[1] && !against[1]);
    let against_israel = against[1] || (for_side[0] && !against[0]);
    match (against_palestine, against_israel) {
        (true, true) => AGAINST_BOTH,
        (true, false) => AGAINST_PALESTINE,
        (false, true) => AGAINST_ISRAEL,
        (false, false) if against_other => AGAINST_OTHERS,
        (false, false) => UNBIASED,
    }
}

/// The human yardstick: for every post with a scored majority, each vote in turn is "one
/// annotator" and the majority of the remaining votes is the reference (a tie among them is
/// left out; a vote of "not applicable" or "unclear" counts as unbiased); each post weighs one,
/// spread over its votes. The expected confusion matrix of a
/// randomly drawn annotator against the others.
#[must_use]
pub fn one_annotator_against_the_rest<'a>(items: impl Iterator<Item = &'a FignewsItem>) -> Confusion {
    let mut matrix = Confusion::new(&BIAS_SHORT);
    for item in items.filter(|i| i.scored_majority().is_some()) {
        let total: u32 = item.votes.iter().sum();
        if total < 2 {
            continue;
        }
        for (vote, &count) in item.votes.iter().enumerate().filter(|(_, c)| **c > 0) {
            let mut rest = item.votes;
            rest[vote] -= 1;
            let Some(top) = rest.iter().copied().max() else { continue };
            let leaders: Vec<usize> = (0..7).filter(|&l| rest[l] == top).collect();
            if let [reference] = leaders[..]
                && reference < SCORED_BIAS
            {
                // "Not applicable" and "unclear" claim no bias: read as unbiased, as Rasd's
                // silence is.
                let vote = if vote < SCORED_BIAS { vote } else { UNBIASED };
                matrix.add(reference, vote, f64::from(count) / f64::from(total));
            }
        }
    }
    matrix
}

/// One scored post in the report.
#[derive(Debug, Clone, Serialize)]
pub struct FignewsRow {
    /// Item id.
    pub id: String,
    /// Its source language.
    pub language: String,
    /// The annotators' majority.
    pub majority: &'static str,
    /// Rasd's label.
    pub rasd: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> String {
        let mut cols = vec!["batch", "source_language", "id", "text", "english_mt", "arabic_mt"]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>();
        cols.extend(BIAS_LABELS.iter().map(|l| format!("bias: {l}")));
        cols.push("bias_majority".into());
        cols.join("\t")
    }

    fn row(id: &str, votes: [u32; 7], majority: &str) -> String {
        let mut cols = vec!["B01".to_string(), "Arabic".into(), id.into(), "نص".into(), "text".into(), "نص".into()];
        cols.extend(votes.iter().map(u32::to_string));
        cols.push(majority.into());
        cols.join("\t")
    }

    #[test]
    fn reads_votes_and_majority() {
        let text = format!(
            "{}\n{}\n{}\n",
            header(),
            row("1", [9, 0, 0, 0, 1, 0, 0], BIAS_LABELS[0]),
            row("2", [3, 3, 0, 0, 0, 0, 0], "tie")
        );
        let items = parse_fignews(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(items[0].votes[0], 9);
        assert_eq!(items[0].scored_majority(), Some(0));
        assert_eq!(items[1].majority, None);
        let broken =
            format!("{}\n{}\n", header(), row("3", [1, 0, 0, 0, 0, 0, 0], "Unbiased").replace("\t1\t", "\tone\t"));
        assert!(parse_fignews(&broken).err().is_some_and(|e| e.line == 2 && e.message.contains("`one`")));
    }

    #[test]
    fn unanimous_posts_give_perfect_human_agreement_and_split_votes_lower_it() {
        let unanimous = [
            FignewsItem {
                line: 2,
                id: "a".into(),
                source_language: "Arabic".into(),
                text: String::new(),
                votes: [5, 0, 0, 0, 0, 0, 0],
                majority: Some(0),
            },
            FignewsItem {
                line: 3,
                id: "b".into(),
                source_language: "Arabic".into(),
                text: String::new(),
                votes: [0, 0, 0, 0, 5, 0, 0],
                majority: Some(4),
            },
        ];
        let m = one_annotator_against_the_rest(unanimous.iter());
        assert!(m.cohen_kappa().is_some_and(|k| (k - 1.0).abs() < 1e-9));
        let mut split = unanimous.clone();
        split[0].votes = [3, 0, 0, 0, 2, 0, 0];
        let m = one_annotator_against_the_rest(split.iter());
        assert!(m.cohen_kappa().is_some_and(|k| k < 0.9), "{:?}", m.cohen_kappa());
    }
}
