//! `rasd scan`: read files and folders on all cores, print JSONL or CSV in path order, report
//! progress on stderr when it is a terminal, and exit 1 when any file failed.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use super::records::{ArticleRecord, ErrorRecord, csv_rows};
use super::{EXIT_FILE_FAILED, EXIT_OK, EXIT_USAGE, OutputFormat, ScanArgs, load_lexicon};
use crate::engine::{AnalysedArticle, FileError, collect_files, ingest_file};

/// Files handed to the workers at a time; output stays in path order.
const CHUNK_PER_THREAD: usize = 64;

enum Output {
    Jsonl(std::io::BufWriter<std::io::StdoutLock<'static>>),
    Csv(Box<csv::Writer<std::io::BufWriter<std::io::StdoutLock<'static>>>>),
}

impl Output {
    fn article(&mut self, analysed: &AnalysedArticle) -> std::io::Result<()> {
        match self {
            Self::Jsonl(out) => {
                serde_json::to_writer(&mut *out, &ArticleRecord::new(analysed))?;
                out.write_all(b"\n")
            }
            Self::Csv(out) => {
                csv_rows(analysed).iter().try_for_each(|row| out.serialize(row).map_err(std::io::Error::other))
            }
        }
    }

    fn error(&mut self, path: &std::path::Path, error: &str) -> std::io::Result<()> {
        match self {
            Self::Jsonl(out) => {
                serde_json::to_writer(
                    &mut *out,
                    &ErrorRecord { path: path.display().to_string(), error: error.to_string() },
                )?;
                out.write_all(b"\n")
            }
            Self::Csv(out) => {
                let row = super::records::CsvRow {
                    path: path.display().to_string(),
                    error: error.to_string(),
                    ..Default::default()
                };
                out.serialize(row).map_err(std::io::Error::other)
            }
        }
    }

    fn bytes(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Self::Jsonl(out) => out.write_all(bytes),
            Self::Csv(_) => Err(std::io::Error::other("rendered bytes are JSON lines, not CSV")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Self::Jsonl(out) => out.flush(),
            Self::Csv(out) => out.flush(),
        }
    }
}

struct Progress {
    enabled: bool,
    started: Instant,
    total: usize,
}

impl Progress {
    fn report(&self, done: usize) {
        if !self.enabled {
            return;
        }
        let seconds = self.started.elapsed().as_secs_f64().max(1e-3);
        let rate = done as f64 / seconds;
        let left = if rate > 0.0 { (self.total - done) as f64 / rate } else { 0.0 };
        eprint!("\rrasd scan: {done}/{} files, {rate:.0}/s, {left:.0} s left   ", self.total);
        if done == self.total {
            eprintln!();
        }
    }
}

/// A file's output: JSON lines already rendered, or articles for the CSV writer.
enum Rendered {
    Bytes(Vec<u8>),
    Articles(Vec<AnalysedArticle>),
}

/// The JSON lines of a file's articles.
fn render_jsonl(articles: &[AnalysedArticle]) -> Vec<u8> {
    let mut out = Vec::with_capacity(articles.len() * 2048);
    for analysed in articles {
        if serde_json::to_writer(&mut out, &ArticleRecord::new(analysed)).is_ok() {
            out.push(b'\n');
        }
    }
    out
}

/// Run `rasd scan`.
pub fn run(args: &ScanArgs) -> u8 {
    let Some(lexicon) = load_lexicon(args.lexicon.as_deref()) else {
        return EXIT_USAGE;
    };
    let jobs =
        args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get)).max(1);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("rasd: cannot start {jobs} worker threads: {e}");
            return EXIT_USAGE;
        }
    };
    let (files, walk_errors) = collect_files(&args.paths);
    let stdout = std::io::stdout().lock();
    let mut output = match args.format {
        OutputFormat::Jsonl => Output::Jsonl(std::io::BufWriter::new(stdout)),
        OutputFormat::Csv => Output::Csv(Box::new(csv::Writer::from_writer(std::io::BufWriter::new(stdout)))),
    };
    let mut failed = !walk_errors.is_empty();
    let mut written = walk_errors.iter().try_for_each(|(path, error)| output.error(path, error));
    let progress = Progress { enabled: std::io::stderr().is_terminal(), started: Instant::now(), total: files.len() };
    let mut done = 0;
    let jsonl = matches!(output, Output::Jsonl(_));
    for chunk in files.chunks(CHUNK_PER_THREAD * jobs) {
        // JSON lines are rendered by the workers too, so the writing thread only copies bytes.
        let results: Vec<(PathBuf, Result<Rendered, FileError>)> = pool.install(|| {
            chunk
                .par_iter()
                .map(|path| {
                    let result = ingest_file(path, &lexicon).map(|articles| {
                        if jsonl { Rendered::Bytes(render_jsonl(&articles)) } else { Rendered::Articles(articles) }
                    });
                    (path.clone(), result)
                })
                .collect()
        });
        for (path, result) in results {
            written = written.and_then(|()| match result {
                Ok(Rendered::Bytes(bytes)) => output.bytes(&bytes),
                Ok(Rendered::Articles(articles)) => articles.iter().try_for_each(|a| output.article(a)),
                Err(error) => {
                    failed = true;
                    output.error(&path, &error.to_string())
                }
            });
        }
        done += chunk.len();
        progress.report(done);
    }
    if let Err(e) = written.and_then(|()| output.flush()) {
        // A closed pipe (`rasd scan … | head`) is not a failure of the files.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("rasd: cannot write output: {e}");
            return EXIT_FILE_FAILED;
        }
    }
    if failed { EXIT_FILE_FAILED } else { EXIT_OK }
}
