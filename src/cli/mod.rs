//! The headless command line: `rasd scan`, `rasd lexicon`. Drives the same engine as the
//! desktop app; errors are turned into messages and exit codes here, at the edge.

mod bench;
mod calibrate;
mod eval;
mod library;
mod records;
mod scan;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Rasd (رصد): how Arabic and English news frames each side of a conflict.
#[derive(Debug, Parser)]
#[command(name = "rasd", version, about, long_about = None, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do; with none, the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Folders to watch and article files to import when the window opens.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Keep all of Rasd's state (store, inbox, settings) in DIR.
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

/// Headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read article files or folders (recursively), analyse them, print one record per article.
    Scan(ScanArgs),
    /// Check lexicon packs and list the actors they define.
    Lexicon(LexiconArgs),
    /// Ingest files or folders into the store of a data folder.
    Index(library::IndexArgs),
    /// Print the stored articles that pass the filters.
    List(library::ListArgs),
    /// Write the filtered rows (article × actor) to a CSV file.
    Export(library::ExportArgs),
    /// Set (or clear) the analyst's stance for an actor in an article.
    Annotate(library::AnnotateArgs),
    /// Print every correction.
    Annotations(library::AnnotationsArgs),
    /// Write synthetic articles (for measuring scale).
    Gen(GenArgs),
    /// Measure start-up, filtering, frames, memory and export on the store of a data folder.
    Bench(bench::BenchArgs),
    /// Measure Rasd's framing against a gold set or the FIGNEWS votes (κ, α, confusion, gaps).
    Eval(eval::EvalArgs),
    /// Fit the calibration on training gold sets, with cross-validation, and write it.
    Calibrate(calibrate::CalibrateArgs),
}

/// Arguments of `rasd gen`.
#[derive(Debug, clap::Args)]
pub struct GenArgs {
    /// How many articles.
    #[arg(long, value_name = "N")]
    pub count: u64,
    /// Seed of the generator (the same seed writes the same articles).
    #[arg(long, default_value = "20201219")]
    pub seed: u64,
    /// The folder to write into.
    pub dir: PathBuf,
}

/// The filters shared by `rasd list`, `rasd export` and the window.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only articles that mention this actor (an id such as `haftar`).
    #[arg(long, value_name = "ID")]
    pub actor: Option<String>,
    /// Only articles that mention an actor of this side.
    #[arg(long, value_name = "SIDE")]
    pub side: Option<String>,
    /// Stance toward the actor: legitimizing, delegitimizing, neutral, mixed.
    #[arg(long, value_name = "S")]
    pub stance: Option<String>,
    /// Which voice the stance is read from.
    #[arg(long, value_enum, default_value = "own")]
    pub voice: VoiceArg,
    /// Only this outlet.
    #[arg(long, value_name = "X")]
    pub outlet: Option<String>,
    /// Only this language: ar, en, other.
    #[arg(long, value_name = "L")]
    pub language: Option<String>,
    /// From this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// To this date (inclusive).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Words that must all be in title or body.
    #[arg(long, value_name = "Q")]
    pub text: Option<String>,
    /// Only stances computed (auto) or set by hand (human).
    #[arg(long, value_name = "O")]
    pub origin: Option<String>,
    /// Only reviewed (true) or unreviewed (false) articles.
    #[arg(long, value_name = "BOOL")]
    pub reviewed: Option<bool>,
    /// Only starred articles.
    #[arg(long)]
    pub starred: bool,
    /// Only articles with this tag.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Only pairs where the analyst's correction differs from Rasd's stance.
    #[arg(long)]
    pub disagreements: bool,
}

/// The voice a stance filter reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum VoiceArg {
    /// The outlet's own words.
    #[default]
    Own,
    /// Reported speech and quotes.
    Quoted,
}

impl FilterArgs {
    /// The filter these arguments describe.
    ///
    /// # Errors
    /// A message naming the argument that is not understood.
    pub fn to_filter(&self) -> Result<crate::query::Filter, String> {
        use crate::query::{VoiceFilter, parse_date};
        let stance = match &self.stance {
            Some(s) => Some(
                crate::analysis::StanceLabel::from_name(s)
                    .ok_or_else(|| format!("--stance {s}: use legitimizing, delegitimizing, neutral or mixed"))?,
            ),
            None => None,
        };
        let language = match self.language.as_deref() {
            None => None,
            Some("ar") => Some(crate::text::Language::Ar),
            Some("en") => Some(crate::text::Language::En),
            Some("other") => Some(crate::text::Language::Other),
            Some(l) => return Err(format!("--language {l}: use ar, en or other")),
        };
        let date = |value: &Option<String>, end: bool, name: &str| -> Result<Option<chrono::NaiveDate>, String> {
            value
                .as_ref()
                .map(|v| parse_date(v, end).ok_or_else(|| format!("--{name} {v}: use YYYY, YYYY-MM or YYYY-MM-DD")))
                .transpose()
        };
        let origin = match self.origin.as_deref() {
            None => None,
            Some("auto") => Some(crate::analysis::Origin::Auto),
            Some("human") => Some(crate::analysis::Origin::Human),
            Some(o) => return Err(format!("--origin {o}: use auto or human")),
        };
        Ok(crate::query::Filter {
            origin,
            reviewed: self.reviewed,
            starred: self.starred,
            tag: self.tag.clone(),
            actor: self.actor.clone(),
            side: self.side.clone(),
            stance,
            voice: match self.voice {
                VoiceArg::Own => VoiceFilter::Own,
                VoiceArg::Quoted => VoiceFilter::Quoted,
            },
            outlet: self.outlet.clone(),
            language,
            from: date(&self.from, false, "from")?,
            to: date(&self.to, true, "to")?,
            text: self.text.clone().unwrap_or_default(),
            disagreements: self.disagreements,
        })
    }
}

/// Output formats of `rasd scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON object per article and line.
    Jsonl,
    /// One row per article and actor.
    Csv,
}

/// Arguments of `rasd scan`.
#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Files or folders to read.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// A folder of extra `*.ron` lexicon packs (a pack with a shipped pack's id replaces it).
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: OutputFormat,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
}

/// Arguments of `rasd lexicon`.
#[derive(Debug, clap::Args)]
pub struct LexiconArgs {
    /// A folder of extra `*.ron` lexicon packs to check with the shipped ones.
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// Print every normalized form the matcher searches, one per line (for grep-style tools).
    #[arg(long)]
    pub forms: bool,
}

/// Exit status: every file read.
pub const EXIT_OK: u8 = 0;
/// Exit status: some file could not be read.
pub const EXIT_FILE_FAILED: u8 = 1;
/// Exit status: usage or configuration error (clap uses 2 as well).
pub const EXIT_USAGE: u8 = 2;

/// Run a parsed command line and return the exit status.
#[must_use]
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Some(Command::Scan(args)) => scan::run(&args),
        Some(Command::Lexicon(args)) => lexicon_check(&args),
        Some(Command::Index(args)) => library::index(&args),
        Some(Command::List(args)) => library::list(&args),
        Some(Command::Export(args)) => library::export(&args),
        Some(Command::Annotate(args)) => library::annotate(&args),
        Some(Command::Annotations(args)) => library::annotations(&args),
        Some(Command::Gen(args)) => match crate::engine::generate(&args.dir, args.count, args.seed) {
            Ok(n) => {
                println!("{n} articles written to {}", args.dir.display());
                EXIT_OK
            }
            Err(e) => {
                eprintln!("rasd: {}: {e}", args.dir.display());
                EXIT_FILE_FAILED
            }
        },
        Some(Command::Bench(args)) => bench::run(&args),
        Some(Command::Eval(args)) => eval::run(&args),
        Some(Command::Calibrate(args)) => calibrate::run(&args),
        None => open_window(cli.paths, cli.data_dir),
    }
}

fn open_window(paths: Vec<PathBuf>, data_dir: Option<PathBuf>) -> u8 {
    let data_dir = data_dir.unwrap_or_else(crate::engine::default_data_dir);
    let (folders, files): (Vec<PathBuf>, Vec<PathBuf>) = paths.into_iter().partition(|p| p.is_dir());
    let options = crate::ui::AppOptions { data_dir, folders, files, test_mode: false };
    match crate::ui::run(options) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("rasd: cannot open the window: {e}");
            eprintln!("rasd: without a display, use the headless commands (see `rasd --help`).");
            EXIT_USAGE
        }
    }
}

/// Load the lexicon or print each error with its position.
fn load_lexicon(dir: Option<&std::path::Path>) -> Option<crate::lexicon::Lexicon> {
    match crate::lexicon::Lexicon::load(dir) {
        Ok(lexicon) => Some(lexicon),
        Err(errors) => {
            for error in errors {
                eprintln!("rasd: lexicon error: {error}");
            }
            None
        }
    }
}

fn lexicon_check(args: &LexiconArgs) -> u8 {
    let Some(lexicon) = load_lexicon(args.lexicon.as_deref()) else {
        return EXIT_USAGE;
    };
    if args.forms {
        for form in &lexicon.forms {
            println!("{form}");
        }
        return EXIT_OK;
    }
    for (id, file) in &lexicon.packs {
        println!("pack {id}\t{file}");
    }
    for actor in &lexicon.actors {
        println!(
            "actor {}\t{}\t{}\t{}",
            actor.id,
            actor.side.as_deref().unwrap_or("-"),
            actor.name("en"),
            actor.name("ar")
        );
    }
    println!(
        "{} packs, {} actors, {} descriptors, {} events: ok",
        lexicon.packs.len(),
        lexicon.actors.len(),
        lexicon.descriptors.len(),
        lexicon.events.len()
    );
    EXIT_OK
}
