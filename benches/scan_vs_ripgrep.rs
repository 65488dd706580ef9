//! `rasd scan` of the ANT corpus (Chouigui et al., see README) beside ripgrep counting the
//! lexicon's forms in the same files, in one run, alternating, seven times each; then the
//! analysis alone with the shipped lexicon and with 5,000 more descriptor forms, to show that
//! analysis does not get slower as rules are added (one Aho-Corasick pass per field).
//!
//! Run: `cargo bench --bench scan_vs_ripgrep` (ripgrep: `apt-get install ripgrep`). Skips with a
//! printed reason when ../shared or `rg` is absent.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use rasd::analysis::analyze;
use rasd::article::read_bytes;
use rasd::engine::collect_files;
use rasd::lexicon::{Lexicon, PackSource, builtin_sources};
use rayon::prelude::*;

const RUNS: usize = 7;

fn seconds(command: &mut Command) -> f64 {
    let started = Instant::now();
    let status = command.stdout(Stdio::null()).stderr(Stdio::null()).status();
    assert!(status.is_ok_and(|s| s.success() || s.code() == Some(1)), "{command:?} failed");
    started.elapsed().as_secs_f64()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// A pack of `n` made-up descriptors, none of which occurs in real text.
fn synthetic_pack(n: usize) -> PackSource {
    let forms: Vec<String> = (0..n).map(|i| format!("\"زقزق{i}ظظ\"")).collect();
    let text = format!(
        "(schema_version: 1, id: \"synthetic\", languages: [\"ar\"], descriptors: [(id: \"synthetic_ar\", lang: \"ar\", forms: [{}], stance: Delegitimizing, weight: 0.5, category: Label, attach: [Idafa])])",
        forms.join(", ")
    );
    PackSource { file: "synthetic.ron".into(), text }
}

fn analysis_seconds(articles: &[rasd::article::Article], lexicon: &Lexicon) -> f64 {
    let started = Instant::now();
    let found: usize = articles.par_iter().map(|a| analyze(a, lexicon).len()).sum();
    assert!(found > 0);
    started.elapsed().as_secs_f64()
}

fn main() {
    let dir = PathBuf::from(std::env::var("RASD_BENCH_DIR").unwrap_or_else(|_| "../shared/corpora/ant-v2.1".into()));
    if !dir.is_dir() {
        println!("scan_vs_ripgrep skipped: {} is absent", dir.display());
        return;
    }
    if Command::new("rg").arg("--version").output().is_err() {
        println!("scan_vs_ripgrep skipped: ripgrep (rg) is not installed (apt-get install ripgrep)");
        return;
    }
    let rasd = env!("CARGO_BIN_EXE_rasd");
    let forms = std::env::temp_dir().join(format!("rasd-forms-{}.txt", std::process::id()));
    let out = Command::new(rasd).args(["lexicon", "--forms"]).output().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&forms, &out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let count = String::from_utf8_lossy(&out.stdout).lines().count();
    let (mut rg, mut scan) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        rg.push(seconds(
            Command::new("rg").args(["--count-matches", "--fixed-strings", "--file"]).arg(&forms).arg(&dir),
        ));
        scan.push(seconds(Command::new(rasd).arg("scan").arg(&dir)));
    }
    let _ = std::fs::remove_file(&forms);
    // The ratio pair by pair (each rasd run against the ripgrep run just before it), so the
    // machine's drift during the runs does not skew it.
    let ratio = median(scan.iter().zip(&rg).map(|(s, r)| s / r).collect());
    let (rg, scan) = (median(rg), median(scan));
    println!("ANT corpus ({}), {RUNS} runs each, alternating, medians:", dir.display());
    println!("  ripgrep counting the lexicon's {count} forms: {rg:.2} s");
    println!("  rasd scan (read, parse, analyse, JSON Lines): {scan:.2} s");
    println!("  ratio, pair by pair: {ratio:.1}× (goal: at most 5×)");

    let (files, _) = collect_files(std::slice::from_ref(&dir));
    let articles: Vec<rasd::article::Article> = files
        .par_iter()
        .filter_map(|p: &PathBuf| {
            let bytes = std::fs::read(p).ok()?;
            read_bytes(&bytes, &Path::new(p).display().to_string()).ok()
        })
        .flatten()
        .collect();
    let shipped = Lexicon::load(None).unwrap_or_else(|e| panic!("{e:?}"));
    let bigger =
        Lexicon::from_sources(builtin_sources(), vec![synthetic_pack(5000)]).unwrap_or_else(|e| panic!("{e:?}"));
    let (mut small, mut large) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        small.push(analysis_seconds(&articles, &shipped));
        large.push(analysis_seconds(&articles, &bigger));
    }
    let (small, large) = (median(small), median(large));
    println!("analysis alone of {} articles:", articles.len());
    println!("  shipped lexicon ({} forms): {small:.2} s", shipped.forms.len());
    println!(
        "  with 5,000 more descriptor forms ({} forms): {large:.2} s ({:+.0}%)",
        bigger.forms.len(),
        (large / small - 1.0) * 100.0
    );
}
