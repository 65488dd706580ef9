//! `rasd eval --fignews TSV`: each Arabic and English original post is analysed, its per-actor
//! framing mapped to a bias label (`query::bias_from_framing`), and Rasd's label compared with
//! the annotators' majority; beside it, one annotator against the majority of the others.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use super::print::{agreement, figure, percent};
use super::{EvalArgs, EvalFormat};
use crate::analysis::analyze;
use crate::article::{Article, Format};
use crate::cli::{EXIT_FILE_FAILED, EXIT_OK, EXIT_USAGE};
use crate::lexicon::Lexicon;
use crate::query::{
    Agreement, BIAS_SHORT, Confusion, FignewsItem, FignewsRow, bias_from_framing, one_annotator_against_the_rest,
    parse_fignews,
};

/// Source languages whose originals Rasd reads.
const LANGUAGES: [&str; 2] = ["Arabic", "English"];

/// One group of posts (a language and a part).
#[derive(Debug, Serialize)]
struct Group {
    name: String,
    /// Posts with a scored majority.
    posts: usize,
    /// Rasd against the majority.
    rasd: Agreement,
    /// One annotator against the majority of the others (the human yardstick).
    human: Agreement,
    /// Whether Rasd's κ reaches the annotator's.
    rasd_reaches_human: Option<bool>,
}

#[derive(Debug, Serialize)]
struct FignewsJson<'a> {
    fignews: String,
    /// Rasd on all scored Arabic and English posts.
    accuracy: Option<f64>,
    kappa: Option<f64>,
    alpha: Option<f64>,
    human_kappa: Option<f64>,
    groups: &'a [Group],
    rule: &'static str,
    posts: Vec<FignewsRow>,
}

const RULE: &str = "Own-voice framing per actor, actors placed on sides by the israel-gaza pack: a side is framed against when one of its actors is delegitimized or mixed, framed for when one is legitimized and none is framed against; against Israel = Israel's side framed against, or Palestine's framed for; symmetrically for Palestine; both when both; against others when neither but an actor of no side is delegitimized; else unbiased. Posts whose majority is a tie, Not Applicable or Unclear are left out.";

fn group(name: String, items: &[(&FignewsItem, usize)]) -> Group {
    let mut rasd = Confusion::new(&BIAS_SHORT);
    for (item, label) in items {
        if let Some(majority) = item.scored_majority() {
            rasd.add(majority, *label, 1.0);
        }
    }
    let human = one_annotator_against_the_rest(items.iter().map(|(i, _)| *i)).summary();
    let rasd = rasd.summary();
    let rasd_reaches_human = rasd.kappa.zip(human.kappa).map(|(r, h)| r >= h);
    Group {
        name,
        posts: items.iter().filter(|(i, _)| i.scored_majority().is_some()).count(),
        rasd,
        human,
        rasd_reaches_human,
    }
}

pub fn run(path: &Path, lexicon: &Lexicon, args: &EvalArgs) -> u8 {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("rasd eval: {}: cannot read: {e}", path.display());
            return EXIT_USAGE;
        }
    };
    let items = match parse_fignews(&text) {
        Ok(items) => items,
        Err(e) => {
            eprintln!("rasd eval: {}: {e}", path.display());
            return EXIT_USAGE;
        }
    };
    let originals: Vec<&FignewsItem> =
        items.iter().filter(|i| LANGUAGES.contains(&i.source_language.as_str())).collect();
    if originals.is_empty() {
        eprintln!("rasd eval: {}: no Arabic or English posts", path.display());
        return EXIT_USAGE;
    }
    let labelled: Vec<(&FignewsItem, usize)> = originals
        .par_iter()
        .map(|item| {
            let article = Article::new(Format::Table, String::new(), item.text.clone());
            let actors = analyze(&article, lexicon);
            let label = bias_from_framing(&actors, |a| a.side.as_deref());
            (*item, label)
        })
        .collect();
    let mut groups = vec![group("all".into(), &labelled)];
    let mut parts: BTreeMap<String, Vec<(&FignewsItem, usize)>> = BTreeMap::new();
    for &(item, label) in &labelled {
        let part = if item.is_test() { "test" } else { "train" };
        parts.entry(format!("{} {part}", item.source_language)).or_default().push((item, label));
        parts.entry(format!("{part} (both languages)")).or_default().push((item, label));
    }
    groups.extend(parts.into_iter().map(|(name, items)| group(name, &items)));
    let rows: Vec<FignewsRow> = labelled
        .iter()
        .filter_map(|(item, label)| {
            item.scored_majority().map(|m| FignewsRow {
                id: item.id.clone(),
                language: item.source_language.clone(),
                majority: BIAS_SHORT[m],
                rasd: BIAS_SHORT[*label],
            })
        })
        .collect();
    match args.format {
        EvalFormat::Json => {
            let all = &groups[0];
            let json = FignewsJson {
                fignews: path.display().to_string(),
                accuracy: all.rasd.accuracy,
                kappa: all.rasd.kappa,
                alpha: all.rasd.alpha,
                human_kappa: all.human.kappa,
                groups: &groups,
                rule: RULE,
                posts: rows,
            };
            match serde_json::to_string(&json) {
                Ok(text) => println!("{text}"),
                Err(e) => {
                    eprintln!("rasd eval: {e}");
                    return EXIT_FILE_FAILED;
                }
            }
        }
        EvalFormat::Text => print(path, &groups, args.summary),
    }
    EXIT_OK
}

fn print(path: &Path, groups: &[Group], summary: bool) {
    println!("rasd eval --fignews {}", path.display());
    println!("rule: {RULE}\n");
    println!(
        "  {:<28} {:>5} {:>9} {:>7} {:>7}   {:>11} {:>9}",
        "posts", "n", "Rasd acc", "Rasd κ", "Rasd α", "annotator κ", "reaches"
    );
    for g in groups {
        let reaches = match g.rasd_reaches_human {
            Some(true) => "yes",
            Some(false) => "no",
            None => "-",
        };
        println!(
            "  {:<28} {:>5} {:>9} {:>7} {:>7}   {:>11} {:>9}",
            g.name,
            g.posts,
            percent(g.rasd.accuracy),
            figure(g.rasd.kappa),
            figure(g.rasd.alpha),
            figure(g.human.kappa),
            reaches
        );
    }
    if summary {
        return;
    }
    for g in groups {
        println!();
        agreement(&format!("{}: Rasd against the majority", g.name), &g.rasd);
        agreement(&format!("{}: one annotator against the others' majority", g.name), &g.human);
    }
}
