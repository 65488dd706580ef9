//! The README tells a newcomer the truth: its first lines give the run and test commands, and
//! its command reference names every subcommand and option that `rasd --help` (clap) knows.

use std::process::Command;

fn readme() -> String {
    std::fs::read_to_string("README.md").unwrap_or_else(|e| panic!("README.md: {e}"))
}

fn help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args(args)
        .arg("--help")
        .output()
        .unwrap_or_else(|e| panic!("rasd {args:?} --help: {e}"));
    assert!(out.status.success(), "rasd {args:?} --help failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The subcommands listed under "Commands:" in clap's help.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// The `--long` options in a help text.
fn options(help: &str) -> Vec<String> {
    help.split(|c: char| c.is_whitespace() || c == ',' || c == '[' || c == ']' || c == '=')
        .filter(|w| w.starts_with("--") && w.len() > 2)
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '-').to_string())
        .filter(|w| w != "--help" && w != "--version")
        .collect()
}

#[test]
fn first_lines_give_the_run_and_test_commands() {
    let text = readme();
    let head: String = text.lines().take(8).collect::<Vec<_>>().join("\n");
    assert!(head.contains("cargo run --release"), "{head}");
    assert!(head.contains("cargo test"), "{head}");
}

#[test]
fn command_reference_agrees_with_clap() {
    let text = readme();
    let top = help(&[]);
    let commands = subcommands(&top);
    assert!(commands.len() >= 9, "{commands:?}");
    for option in options(&top) {
        assert!(text.contains(&option), "the README does not mention `rasd {option}`");
    }
    for command in &commands {
        assert!(text.contains(&format!("rasd {command}")), "the README does not mention `rasd {command}`");
        for option in options(&help(&[command])) {
            assert!(text.contains(&option), "the README does not mention `rasd {command} {option}`");
        }
    }
}
