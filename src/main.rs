//! The `rasd` binary: parse the command line and hand over to the library (the window when no
//! command is given, a headless command otherwise).

// No console window behind the app on Windows release builds.
#![cfg_attr(all(target_os = "windows", not(debug_assertions)), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = rasd::cli::Cli::parse();
    ExitCode::from(rasd::cli::run(cli))
}
