//! `rasd calibrate`: fit the calibration on the training part of the gold sets, with k-fold
//! cross-validation by article, for every combination of the measured rule switches; print the
//! figures and write the chosen calibration (RON) where `--out` says.

use std::path::PathBuf;

use super::eval::{analyse_files, read_gold, resolve_roots};
use super::{EXIT_FILE_FAILED, EXIT_OK, EXIT_USAGE, load_lexicon};
use crate::lexicon::{Calibration, Lexicon, RuleSwitches};
use crate::query::{Confusion, Example, GoldRow, calibration_confusion, cross_validate, fit};

/// Arguments of `rasd calibrate`.
#[derive(Debug, clap::Args)]
pub struct CalibrateArgs {
    /// A training gold set (ANNOTATION.md layout); repeat for several. Never a test part.
    #[arg(long, value_name = "GOLD.tsv", required = true)]
    pub gold: Vec<PathBuf>,
    /// A folder of extra `*.ron` lexicon packs.
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// Folds of the cross-validation (articles are split by a hash of their path).
    #[arg(long, default_value = "5", value_name = "K")]
    pub folds: usize,
    /// Write the fitted calibration here (for example assets/lexicons/calibration.ron).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Corpus roots (or files) the gold's paths are relative to.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

fn fold_of(file: &str, folds: usize) -> usize {
    usize::from(blake3::hash(format!("rasd-calibration-fold|{file}").as_bytes()).as_bytes()[0]) % folds.max(1)
}

/// One setting of the rule switches, its cross-validated and training-fit figures.
struct Trial {
    rules: RuleSwitches,
    cv: Confusion,
    fitted: Calibration,
    train: Confusion,
}

fn describe(rules: &RuleSwitches) -> String {
    format!(
        "referring-in-outlet-voice={} apposition={} each-rule-once={} neutral-dilutes={} backers-share-frames={}",
        rules.referring_expressions_follow_the_outlet,
        rules.apposition_across_punctuation,
        rules.count_each_rule_once,
        rules.neutral_evidence_dilutes,
        rules.backers_share_the_proxys_frame
    )
}

fn figures(m: &Confusion) -> String {
    let f = |v: Option<f64>| v.map_or_else(|| "-".into(), |v| format!("{v:.3}"));
    format!("accuracy {} κ {} (n={:.0})", f(m.accuracy()), f(m.cohen_kappa()), m.total())
}

/// Every setting of the switches that change the analysis itself (not only the scoring).
fn analysis_settings() -> Vec<RuleSwitches> {
    let mut settings = Vec::new();
    for referring in [true, false] {
        for apposition in [true, false] {
            for backers in [true, false] {
                settings.push(RuleSwitches {
                    referring_expressions_follow_the_outlet: referring,
                    apposition_across_punctuation: apposition,
                    count_each_rule_once: false,
                    neutral_evidence_dilutes: true,
                    backers_share_the_proxys_frame: backers,
                });
            }
        }
    }
    settings
}

/// Analyse the gold's articles under `analysis_rules`, then fit and cross-validate every
/// setting of the scoring switches; the trials, and how many gold rows could not be scored.
fn trials_for(
    analysis_rules: &RuleSwitches,
    base: &Lexicon,
    gold: &[GoldRow],
    roots: &[PathBuf],
    folds: usize,
) -> (Vec<Trial>, usize) {
    let mut files: Vec<&str> = gold.iter().map(|r| r.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    let mut lexicon: Lexicon = base.clone();
    lexicon.calibration.rules = analysis_rules.clone();
    let analysed = analyse_files(&files, roots, &lexicon);
    let mut examples = Vec::new();
    let mut unscored = 0;
    for row in gold.iter().filter(|r| r.scored() && r.mentioned) {
        let Some(Ok(article)) = analysed.get(&row.file) else {
            unscored += 1;
            continue;
        };
        let evidence = article.actors.iter().find(|a| a.id == row.actor_id).map_or(&[][..], |a| &a.evidence[..]);
        examples.push(Example { evidence, gold: row.own, fold: fold_of(&row.file, folds) });
    }
    let mut trials = Vec::new();
    for (once, dilutes) in [(false, true), (true, true), (false, false), (true, false)] {
        let rules =
            RuleSwitches { count_each_rule_once: once, neutral_evidence_dilutes: dilutes, ..analysis_rules.clone() };
        let start = Calibration { rules: rules.clone(), ..base.calibration.clone() };
        let cv = cross_validate(&examples, &start, folds);
        let all: Vec<&Example<'_>> = examples.iter().collect();
        let fitted = fit(&all, &start);
        let train = calibration_confusion(examples.iter(), &fitted);
        println!("{}: cross-validated {} · training fit {}", describe(&rules), figures(&cv), figures(&train));
        trials.push(Trial { rules, cv, fitted, train });
    }
    (trials, unscored)
}

/// Run `rasd calibrate`.
#[must_use]
pub fn run(args: &CalibrateArgs) -> u8 {
    let Some(base) = load_lexicon(args.lexicon.as_deref()) else {
        return EXIT_USAGE;
    };
    if args.folds < 2 {
        eprintln!("rasd calibrate: --folds must be at least 2");
        return EXIT_USAGE;
    }
    let mut gold = Vec::new();
    for path in &args.gold {
        match read_gold(path) {
            Ok(rows) => gold.extend(rows),
            Err(e) => {
                eprintln!("rasd calibrate: {e}");
                return EXIT_USAGE;
            }
        }
    }
    let roots = resolve_roots(&args.gold, &args.paths);
    let mut trials = Vec::new();
    let mut unscored = 0;
    for analysis_rules in analysis_settings() {
        let (more, missing) = trials_for(&analysis_rules, &base, &gold, &roots, args.folds);
        trials.extend(more);
        unscored = missing;
    }
    if unscored > 0 {
        eprintln!("rasd calibrate: {unscored} gold rows name files that could not be read (see rasd eval)");
    }
    let Some(best) = trials.into_iter().max_by(|a, b| {
        let key = |t: &Trial| (t.cv.cohen_kappa().unwrap_or(-1.0), t.cv.accuracy().unwrap_or(0.0));
        key(a).partial_cmp(&key(b)).unwrap_or(std::cmp::Ordering::Equal)
    }) else {
        return EXIT_USAGE;
    };
    let names: Vec<String> = args.gold.iter().map(|g| g.display().to_string()).collect();
    let mut calibration = best.fitted;
    calibration.fitted_on = format!(
        "rasd calibrate on {} ({} folds by article): cross-validated {}; training fit {}; rules {}",
        names.join(", "),
        args.folds,
        figures(&best.cv),
        figures(&best.train),
        describe(&best.rules)
    );
    println!("\nchosen: {}", calibration.fitted_on);
    let text = format!(
        "// Calibration: how evidence becomes a stance. Written by `rasd calibrate` (see the README);\n// fitted on training parts only.\n{}\n",
        calibration.to_ron()
    );
    match &args.out {
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => println!("written to {}", path.display()),
            Err(e) => {
                eprintln!("rasd calibrate: {}: {e}", path.display());
                return EXIT_FILE_FAILED;
            }
        },
        None => print!("{text}"),
    }
    EXIT_OK
}
