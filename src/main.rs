//! The `rasd` binary: parse the command line and hand over to the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = rasd::cli::Cli::parse();
    ExitCode::from(rasd::cli::run(cli))
}
