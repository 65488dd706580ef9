//! `rasd eval`: Rasd's framing against a gold set (ANNOTATION.md layout) or the FIGNEWS votes,
//! with κ, α, the confusion matrix, breakdowns, disagreements and recall gaps; text for people,
//! one JSON object for scripts. Reads files and runs the analysis here, at the edge; the
//! figures come from `query`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use super::{EXIT_FILE_FAILED, EXIT_OK, EXIT_USAGE, load_lexicon};
use crate::engine::{AnalysedArticle, ingest_file};
use crate::lexicon::Lexicon;
use crate::query::{
    Agreement, EvalArticle, EvalReport, GoldRow, VoiceAgreement, coder_agreement, evaluate, parse_gold,
};

mod fignews;
mod print;

/// Output of `rasd eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EvalFormat {
    /// A report for people.
    Text,
    /// One JSON object.
    Json,
}

/// Arguments of `rasd eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// A gold set in the ANNOTATION.md layout; repeat to score several together.
    #[arg(long, value_name = "GOLD.tsv", required_unless_present = "fignews")]
    pub gold: Vec<PathBuf>,
    /// A second coder's labels of the same pairs: human agreement, printed beside Rasd's.
    #[arg(long, value_name = "GOLD.tsv", requires = "gold")]
    pub second_coder: Option<PathBuf>,
    /// The FIGNEWS 2024 TSV: Rasd's post-level bias label against the annotators' majority.
    #[arg(long, value_name = "TSV", conflicts_with = "gold")]
    pub fignews: Option<PathBuf>,
    /// A folder of extra `*.ron` lexicon packs (a pack with a shipped pack's id replaces it).
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: EvalFormat,
    /// Print the figures only, not every disagreement and recall gap (text format).
    #[arg(long)]
    pub summary: bool,
    /// Corpus roots (or files) the gold's paths are relative to; default: the gold file's folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Where the file a gold row names is.
fn resolve(file: &str, roots: &[PathBuf]) -> Option<PathBuf> {
    roots.iter().find_map(|root| {
        if root.is_dir() {
            Some(root.join(file)).filter(|p| p.is_file())
        } else {
            root.ends_with(file).then(|| root.clone())
        }
    })
}

/// The analysed article of every file the gold names, or why there is none. A gold path may
/// pick one article of a file that holds several: `digest.trec#2` (the second) or
/// `posts.tsv#1234` (the one whose document number or id is 1234).
pub(super) fn analyse_files(
    files: &[&str],
    roots: &[PathBuf],
    lexicon: &Lexicon,
) -> HashMap<String, Result<AnalysedArticle, String>> {
    let mut paths: Vec<&str> = files.iter().map(|f| f.split_once('#').map_or(*f, |(p, _)| p)).collect();
    paths.sort_unstable();
    paths.dedup();
    let read: HashMap<&str, Result<Vec<AnalysedArticle>, String>> = paths
        .par_iter()
        .map(|&file| {
            let result = match resolve(file, roots) {
                None => Err(format!(
                    "file not found under {}",
                    roots.iter().map(|r| r.display().to_string()).collect::<Vec<_>>().join(", ")
                )),
                Some(path) => match ingest_file(&path, lexicon) {
                    Ok(articles) if !articles.is_empty() => Ok(articles),
                    Ok(_) => Err("the file holds no article".into()),
                    Err(e) => Err(format!("cannot read {}: {e}", path.display())),
                },
            };
            (file, result)
        })
        .collect();
    files
        .iter()
        .map(|&file| {
            let (path, selector) = file.split_once('#').map_or((file, None), |(p, s)| (p, Some(s)));
            let article = match &read[path] {
                Err(e) => Err(e.clone()),
                Ok(articles) => pick(articles, selector, file),
            };
            (file.to_string(), article)
        })
        .collect()
}

/// The article a selector names: none for the first (or only) one, a 1-based number, or a
/// document number / id.
fn pick(articles: &[AnalysedArticle], selector: Option<&str>, file: &str) -> Result<AnalysedArticle, String> {
    let found = match selector {
        None if articles.len() == 1 => articles.first(),
        None => return Err(format!("{file} holds {} articles: name one as {file}#N", articles.len())),
        Some(s) => articles
            .iter()
            .find(|a| a.article.doc_no.as_deref() == Some(s))
            .or_else(|| s.parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|i| articles.get(i))),
    };
    found.cloned().ok_or_else(|| format!("{file}: no such article in the file"))
}

pub(super) fn read_gold(path: &Path) -> Result<Vec<GoldRow>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    parse_gold(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The roots gold paths resolve against: the given paths, or each gold file's folder.
pub(super) fn resolve_roots(gold: &[PathBuf], paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        gold.iter().filter_map(|g| g.parent().map(Path::to_path_buf)).collect()
    } else {
        paths.to_vec()
    }
}

/// Human agreement on the pairs both coders labelled.
#[derive(Debug, Serialize)]
struct HumanAgreement {
    /// Pairs both coded (scored, mentioned).
    shared_pairs: usize,
    /// The second coder against the first.
    agreement: VoiceAgreement,
    /// Rasd against the first coder on the same pairs.
    rasd_on_shared: VoiceAgreement,
}

/// The JSON object: own-voice figures at the top for scripts, then everything.
#[derive(Debug, Serialize)]
struct GoldJson<'a> {
    gold: Vec<String>,
    own: &'a Agreement,
    quoted: &'a Agreement,
    accuracy: Option<f64>,
    kappa: Option<f64>,
    alpha: Option<f64>,
    #[serde(flatten)]
    report: &'a EvalReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    human: Option<HumanAgreement>,
}

/// Run `rasd eval`.
#[must_use]
pub fn run(args: &EvalArgs) -> u8 {
    let Some(lexicon) = load_lexicon(args.lexicon.as_deref()) else {
        return EXIT_USAGE;
    };
    if let Some(path) = &args.fignews {
        return fignews::run(path, &lexicon, args);
    }
    let mut gold = Vec::new();
    for path in &args.gold {
        match read_gold(path) {
            Ok(rows) => gold.extend(rows),
            Err(e) => {
                eprintln!("rasd eval: {e}");
                return EXIT_USAGE;
            }
        }
    }
    let roots = resolve_roots(&args.gold, &args.paths);
    let mut files: Vec<&str> = gold.iter().map(|r| r.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    let analysed = analyse_files(&files, &roots, &lexicon);
    let article_of = |file: &str| -> Result<EvalArticle<'_>, String> {
        match analysed.get(file) {
            Some(Ok(a)) => Ok(EvalArticle {
                language: a.article.language.code(),
                outlet: a.article.source.as_deref(),
                title: &a.article.title,
                body: &a.article.body,
                actors: &a.actors,
            }),
            Some(Err(e)) => Err(e.clone()),
            None => Err("not read".into()),
        }
    };
    let report = evaluate(&gold, &lexicon, article_of);
    let human = match &args.second_coder {
        None => None,
        Some(path) => match read_gold(path) {
            Ok(second) => Some(human_agreement(&gold, &second, &lexicon, &article_of)),
            Err(e) => {
                eprintln!("rasd eval: {e}");
                return EXIT_USAGE;
            }
        },
    };
    let names: Vec<String> = args.gold.iter().map(|p| p.display().to_string()).collect();
    match args.format {
        EvalFormat::Json => {
            let json = GoldJson {
                gold: names,
                own: &report.overall.own,
                quoted: &report.overall.quoted,
                accuracy: report.overall.own.accuracy,
                kappa: report.overall.own.kappa,
                alpha: report.overall.own.alpha,
                report: &report,
                human,
            };
            match serde_json::to_string(&json) {
                Ok(text) => println!("{text}"),
                Err(e) => {
                    eprintln!("rasd eval: {e}");
                    return EXIT_FILE_FAILED;
                }
            }
        }
        EvalFormat::Text => print::report(
            &names,
            &report,
            human.as_ref().map(|h| (h.shared_pairs, &h.agreement, &h.rasd_on_shared)),
            args.summary,
        ),
    }
    if report.unscored.is_empty() { EXIT_OK } else { EXIT_FILE_FAILED }
}

fn human_agreement<'a>(
    first: &[GoldRow],
    second: &[GoldRow],
    lexicon: &Lexicon,
    article_of: &impl Fn(&str) -> Result<EvalArticle<'a>, String>,
) -> HumanAgreement {
    let (shared_pairs, agreement) = coder_agreement(first, second);
    let keys: std::collections::HashSet<(&str, &str)> =
        second.iter().filter(|r| r.scored() && r.mentioned).map(|r| (r.file.as_str(), r.actor_id.as_str())).collect();
    let shared: Vec<GoldRow> =
        first.iter().filter(|r| keys.contains(&(r.file.as_str(), r.actor_id.as_str()))).cloned().collect();
    let rasd_on_shared = evaluate(&shared, lexicon, article_of).overall;
    HumanAgreement { shared_pairs, agreement, rasd_on_shared }
}
