//! Throughput on the ANT corpus (Chouigui et al., see README): read+parse and analysis measured
//! separately, on all cores. Skips with a printed reason when ../shared is absent.
//!
//! Run: `cargo bench --bench corpus` (optionally `RASD_BENCH_DIR=/other/folder`).

use std::path::PathBuf;
use std::time::Instant;

use rasd::analysis::analyze;
use rasd::article::{Article, read_bytes};
use rasd::engine::collect_files;
use rasd::lexicon::Lexicon;
use rayon::prelude::*;

fn main() {
    let dir = std::env::var("RASD_BENCH_DIR").unwrap_or_else(|_| "../shared/corpora/ant-v2.1".to_string());
    let dir = PathBuf::from(dir);
    if !dir.is_dir() {
        println!("corpus bench skipped: {} is absent", dir.display());
        return;
    }
    let threads = rayon::current_num_threads();
    let (files, _) = collect_files(std::slice::from_ref(&dir));
    let started = Instant::now();
    let contents: Vec<(PathBuf, Vec<u8>)> =
        files.par_iter().filter_map(|p| std::fs::read(p).ok().map(|b| (p.clone(), b))).collect();
    let io = started.elapsed().as_secs_f64();
    let bytes: usize = contents.iter().map(|(_, b)| b.len()).sum();
    let megabytes = bytes as f64 / 1e6;

    let started = Instant::now();
    let articles: Vec<Article> =
        contents.par_iter().filter_map(|(p, b)| read_bytes(b, &p.display().to_string()).ok()).flatten().collect();
    let parse = started.elapsed().as_secs_f64();

    let lexicon = match Lexicon::load(None) {
        Ok(l) => l,
        Err(e) => {
            println!("lexicon failed: {e:?}");
            return;
        }
    };
    let started = Instant::now();
    let actors: usize = articles.par_iter().map(|a| analyze(a, &lexicon).len()).sum();
    let analysis = started.elapsed().as_secs_f64();

    let n = articles.len() as f64;
    println!(
        "corpus: {} ({} files, {} articles, {megabytes:.1} MB) on {threads} threads",
        dir.display(),
        files.len(),
        articles.len()
    );
    println!("file reads:        {io:.2} s");
    println!("read+parse:        {parse:.2} s  {:.0} articles/s  {:.1} MB/s", n / parse, megabytes / parse);
    println!(
        "analysis:          {analysis:.2} s  {:.0} articles/s  {:.1} MB/s  ({actors} actor results)",
        n / analysis,
        megabytes / analysis
    );
    println!("total (all three): {:.2} s", io + parse + analysis);
}
