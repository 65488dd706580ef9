//! `rasd index`, `rasd list` and `rasd export`: the store and the filter engine the window
//! uses, without a window. They can run while the window is open on the same data folder.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::{EXIT_FILE_FAILED, EXIT_OK, EXIT_USAGE, FilterArgs, OutputFormat, load_lexicon};
use crate::analysis::ActorFraming;
use crate::engine::{Outcome, collect_files, default_data_dir, process_pipelined};
use crate::query::{ArticleIndex, ExportOptions, Filter, write_csv, write_table};
use crate::store::{Store, StoredArticle};

/// Arguments of `rasd index`.
#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// Rasd's data folder (default: the user's data folder).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Extra lexicon packs.
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// Read and analyse every file again, unchanged ones too (after editing the lexicon).
    #[arg(long)]
    pub reanalyse: bool,
    /// Files or folders to ingest.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// Arguments of `rasd list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Rasd's data folder (default: the user's data folder).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The filters.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: OutputFormat,
}

/// Arguments of `rasd export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Rasd's data folder (default: the user's data folder).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The filters.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// The CSV file to write (a sidecar OUT.filters.json records the filters).
    #[arg(long, value_name = "OUT")]
    pub csv: PathBuf,
    /// Write no UTF-8 byte-order mark (Excel then shows Arabic garbled).
    #[arg(long)]
    pub no_bom: bool,
}

fn open_store(data_dir: Option<&PathBuf>) -> Option<Store> {
    let dir = data_dir.cloned().unwrap_or_else(default_data_dir);
    match Store::open(&dir) {
        Ok(store) => Some(store),
        Err(e) => {
            eprintln!("rasd: {e}");
            None
        }
    }
}

/// `rasd index`.
pub fn index(args: &IndexArgs) -> u8 {
    let Some(lexicon) = load_lexicon(args.lexicon.as_deref()) else { return EXIT_USAGE };
    let Some(mut store) = open_store(args.data_dir.as_ref()) else { return EXIT_USAGE };
    let started = std::time::Instant::now();
    let (files, walk_errors) = collect_files(&args.paths);
    let mut failed = walk_errors.len();
    for (path, reason) in &walk_errors {
        eprintln!("rasd: {}: {reason}", path.display());
    }
    let (mut recorded, mut unchanged) = (0usize, 0usize);
    let mut tally = |outcomes: Vec<Outcome>| {
        for outcome in outcomes {
            match outcome {
                Outcome::Recorded(..) | Outcome::Forgotten(..) | Outcome::StillWriting(_) => recorded += 1,
                Outcome::Unchanged => unchanged += 1,
                Outcome::Failed { path, reason, .. } => {
                    failed += 1;
                    eprintln!("rasd: {}: {reason}", path.display());
                }
            }
        }
    };
    if let Err(e) = process_pipelined(&mut store, &lexicon, &files, 2048, args.reanalyse, &mut tally) {
        eprintln!("rasd: {e}");
        return EXIT_FILE_FAILED;
    }
    let seconds = started.elapsed().as_secs_f64();
    let articles = store.article_count().unwrap_or(0);
    println!(
        "{recorded} files read, {unchanged} unchanged, {failed} failed; {articles} articles in the store ({seconds:.1} s)"
    );
    if failed > 0 { EXIT_FILE_FAILED } else { EXIT_OK }
}

fn filtered(store: &Store, args: &FilterArgs) -> Option<(ArticleIndex, Vec<u32>, Filter)> {
    let filter = match args.to_filter() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("rasd: {e}");
            return None;
        }
    };
    let rows = match store.index() {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("rasd: {e}");
            return None;
        }
    };
    let selected = match filter.select(store, &rows) {
        Ok(selected) => selected,
        Err(e) => {
            eprintln!("rasd: --text {}: {e}", filter.text);
            return None;
        }
    };
    Some((rows, selected, filter))
}

/// A `rasd list` JSON line: the fields of `rasd scan`, from the store.
#[derive(Serialize)]
struct ListRecord<'a> {
    path: &'a str,
    paths: &'a [String],
    id: &'a str,
    title: &'a str,
    published: Option<&'a str>,
    published_text: Option<&'a str>,
    date_confidence: Option<f64>,
    source: &'a str,
    language: &'static str,
    url: Option<&'a str>,
    keywords: &'a [String],
    related: &'a [String],
    actors: &'a [ActorFraming],
}

impl<'a> ListRecord<'a> {
    fn new(a: &'a StoredArticle) -> Self {
        Self {
            path: &a.row.path,
            paths: &a.paths,
            id: &a.row.id,
            title: &a.row.title,
            published: a.row.published.as_deref(),
            published_text: a.published_text.as_deref(),
            date_confidence: a.date_confidence,
            source: &a.row.source,
            language: a.row.language.code(),
            url: a.url.as_deref(),
            keywords: &a.keywords,
            related: &a.related,
            actors: &a.actors,
        }
    }
}

/// `rasd list`.
pub fn list(args: &ListArgs) -> u8 {
    let Some(store) = open_store(args.data_dir.as_ref()) else { return EXIT_USAGE };
    let Some((rows, selected, filter)) = filtered(&store, &args.filter) else { return EXIT_USAGE };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout);
    let written: Result<(), String> = match args.format {
        OutputFormat::Jsonl => selected.iter().try_for_each(|&i| {
            let article = store.article(&rows.id(i)).map_err(|e| e.to_string())?;
            let Some(article) = article else { return Ok(()) };
            serde_json::to_writer(&mut out, &ListRecord::new(&article)).map_err(|e| e.to_string())?;
            out.write_all(b"\n").map_err(|e| e.to_string())
        }),
        OutputFormat::Csv => write_table(&store, &rows, &selected, &filter, &mut out).map(|_| ()),
    };
    match written.and_then(|()| out.flush().map_err(|e| e.to_string())) {
        Ok(()) => EXIT_OK,
        Err(e) if e.contains("Broken pipe") => EXIT_OK,
        Err(e) => {
            eprintln!("rasd: {e}");
            EXIT_FILE_FAILED
        }
    }
}

/// `rasd export`.
pub fn export(args: &ExportArgs) -> u8 {
    let Some(store) = open_store(args.data_dir.as_ref()) else { return EXIT_USAGE };
    let Some((rows, selected, filter)) = filtered(&store, &args.filter) else { return EXIT_USAGE };
    let result = write_csv(&args.csv, &store, &rows, &selected, &filter, ExportOptions { bom: !args.no_bom });
    match result {
        Ok(count) => {
            println!(
                "{count} rows ({} articles, {}) written to {}",
                selected.len(),
                filter.describe(),
                args.csv.display()
            );
            EXIT_OK
        }
        Err(e) => {
            eprintln!("rasd: {e}");
            EXIT_FILE_FAILED
        }
    }
}

/// Arguments of `rasd annotate`.
#[derive(Debug, clap::Args)]
pub struct AnnotateArgs {
    /// Rasd's data folder (default: the user's data folder).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The article id (content hash, as `rasd list` prints it).
    #[arg(long, value_name = "ID")]
    pub article: String,
    /// The actor id.
    #[arg(long, value_name = "ID")]
    pub actor: String,
    /// legitimizing, delegitimizing, neutral or mixed.
    #[arg(long, value_name = "S", required_unless_present = "clear")]
    pub stance: Option<String>,
    /// Why.
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub note: String,
    /// Remove the correction (the computed stance applies again).
    #[arg(long, conflicts_with = "stance")]
    pub clear: bool,
}

/// Arguments of `rasd annotations`.
#[derive(Debug, clap::Args)]
pub struct AnnotationsArgs {
    /// Rasd's data folder (default: the user's data folder).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: OutputFormat,
}

/// `rasd annotate`: prints `saved` only once the correction is committed.
pub fn annotate(args: &AnnotateArgs) -> u8 {
    let stance = match &args.stance {
        Some(s) => match crate::analysis::StanceLabel::from_name(s) {
            Some(stance) => Some(stance),
            None => {
                eprintln!("rasd: --stance {s}: use legitimizing, delegitimizing, neutral or mixed");
                return EXIT_USAGE;
            }
        },
        None => None,
    };
    let Some(mut store) = open_store(args.data_dir.as_ref()) else { return EXIT_USAGE };
    if let Err(e) = store.durable_commits() {
        eprintln!("rasd: {e}");
        return EXIT_USAGE;
    }
    let value = stance.map(|s| (s, args.note.as_str()));
    match store.annotate(&args.article, &args.actor, value, crate::store::now_ns()) {
        Ok(_) => {
            let what = stance.map_or("cleared".to_string(), |s| s.as_str().to_string());
            println!("saved {} {} {what}", args.article, args.actor);
            EXIT_OK
        }
        Err(e) => {
            eprintln!("rasd: {e}");
            EXIT_FILE_FAILED
        }
    }
}

/// `rasd annotations`.
pub fn annotations(args: &AnnotationsArgs) -> u8 {
    let Some(store) = open_store(args.data_dir.as_ref()) else { return EXIT_USAGE };
    let list = match store.annotations() {
        Ok(list) => list,
        Err(e) => {
            eprintln!("rasd: {e}");
            return EXIT_FILE_FAILED;
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout);
    let written: Result<(), String> = match args.format {
        OutputFormat::Jsonl => list.iter().try_for_each(|a| {
            serde_json::to_writer(&mut out, a).map_err(|e| e.to_string())?;
            out.write_all(b"\n").map_err(|e| e.to_string())
        }),
        OutputFormat::Csv => {
            let mut csv = csv::Writer::from_writer(&mut out);
            csv.write_record(["article_id", "actor_id", "stance", "note", "updated_ns"])
                .map_err(|e| e.to_string())
                .and_then(|()| {
                    list.iter().try_for_each(|a| {
                        csv.serialize((
                            &a.article_id,
                            &a.actor_id,
                            a.stance.as_str(),
                            crate::query::neutralise(&a.note),
                            a.updated_ns,
                        ))
                        .map_err(|e| e.to_string())
                    })
                })
                .and_then(|()| csv.flush().map_err(|e| e.to_string()))
        }
    };
    match written.and_then(|()| out.flush().map_err(|e| e.to_string())) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("rasd: {e}");
            EXIT_FILE_FAILED
        }
    }
}
