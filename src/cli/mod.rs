//! The headless command line: `rasd scan`, `rasd lexicon`. Drives the same engine as the
//! desktop app; errors are turned into messages and exit codes here, at the edge.

mod records;
mod scan;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Rasd (رصد): how Arabic and English news frames each side of a conflict.
#[derive(Debug, Parser)]
#[command(name = "rasd", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read article files or folders (recursively), analyse them, print one record per article.
    Scan(ScanArgs),
    /// Check lexicon packs and list the actors they define.
    Lexicon(LexiconArgs),
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
        None => {
            eprintln!("rasd: the desktop window is not built yet; use `rasd scan PATH…` (see `rasd --help`).");
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
