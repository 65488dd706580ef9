//! `rasd eval` and `rasd calibrate` through the real binary: agreement figures a script can read,
//! malformed gold refused with line and column, unscorable rows listed, the FIGNEWS layout, and
//! the gold sets in the project staying scorable against the shipped lexicon.

use std::path::Path;
use std::process::{Command, Output};

fn rasd(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rasd")).args(args).output().unwrap_or_else(|e| panic!("rasd {args:?}: {e}"))
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

const HEADER: &str = "file\tactor_id\tmentioned\town_voice_stance\tquoted_stance\tconfidence\tevidence\n";

/// A gold set that says what Rasd says of the shipped samples (from `rasd scan`), with one
/// row changed to `changed` when given.
fn gold_from_rasd(dir: &Path, changed: Option<&str>) -> (std::path::PathBuf, usize) {
    let scanned = rasd(&["scan", "assets/samples"]);
    let mut rows = String::from(HEADER);
    let mut n = 0;
    let records: Vec<serde_json::Value> =
        String::from_utf8_lossy(&scanned.stdout).lines().map(|l| serde_json::from_str(l).unwrap_or_default()).collect();
    for (i, record) in records.iter().enumerate() {
        let path = record["path"].as_str().unwrap_or("");
        let file = path.trim_start_matches("assets/samples/").to_string();
        // A file with several articles names each (digest.trec#2).
        let in_file: Vec<&serde_json::Value> = records.iter().filter(|r| r["path"] == path).collect();
        let file = if in_file.len() > 1 {
            let nth = records[..=i].iter().filter(|r| r["path"] == path).count();
            format!("{file}#{nth}")
        } else {
            file
        };
        for actor in record["actors"].as_array().into_iter().flatten() {
            let mut stance = actor["stance"].as_str().unwrap_or("neutral").to_string();
            if n == 0
                && let Some(c) = changed
            {
                stance = c.to_string();
            }
            let quoted = if actor["quoted_mentions"].as_u64().unwrap_or(0) > 0 {
                actor["quoted_stance"].as_str().unwrap_or("none")
            } else {
                "none"
            };
            rows.push_str(&format!(
                "{file}\t{}\tyes\t{stance}\t{quoted}\thigh\tx\n",
                actor["id"].as_str().unwrap_or("")
            ));
            n += 1;
        }
    }
    let path = dir.join(if changed.is_some() { "changed.tsv" } else { "same.tsv" });
    std::fs::write(&path, rows).unwrap_or_else(|e| panic!("{e}"));
    (path, n)
}

#[test]
fn rasd_agrees_with_itself_and_one_changed_row_costs_one_pair() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (same, n) = gold_from_rasd(dir.path(), None);
    assert!(n >= 20, "{n} pairs in the samples");
    let out = rasd(&["eval", "--gold", &same.display().to_string(), "--format", "json", "assets/samples"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = json(&out);
    assert_eq!(report["accuracy"], 1.0);
    assert_eq!(report["kappa"], 1.0);
    assert_eq!(report["own"]["alpha"], 1.0);
    assert_eq!(report["quoted"]["accuracy"], 1.0, "none/neutral as Rasd reads them");
    assert_eq!(report["disagreements"].as_array().map(Vec::len), Some(0));

    let (changed, _) = gold_from_rasd(dir.path(), Some("mixed"));
    let report = json(&rasd(&["eval", "--gold", &changed.display().to_string(), "--format", "json", "assets/samples"]));
    let accuracy = report["accuracy"].as_f64().unwrap_or(0.0);
    assert!((accuracy - (n as f64 - 1.0) / n as f64).abs() < 1e-9, "{accuracy}");
    assert!(report["kappa"].as_f64().is_some_and(|k| k < 1.0));
    let disagreements = report["disagreements"].as_array().cloned().unwrap_or_default();
    assert_eq!(disagreements.len(), 1);
    assert_eq!(disagreements[0]["gold"], "mixed");
    assert!(report["confusion"].is_null() && report["own"]["confusion"]["counts"].is_array());

    let text = rasd(&["eval", "--gold", &changed.display().to_string(), "assets/samples"]);
    let text = String::from_utf8_lossy(&text.stdout);
    for section in [
        "TARGETS",
        "own voice",
        "quoted voice",
        "BY LANGUAGE",
        "BY CONFLICT PACK",
        "BY OUTLET",
        "DISAGREEMENTS (1)",
        "RECALL GAPS",
    ] {
        assert!(text.contains(section), "no {section} in:\n{text}");
    }
}

#[test]
fn a_malformed_or_empty_gold_set_is_refused_with_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bad = dir.path().join("bad.tsv");
    std::fs::write(&bad, format!("# a comment\n{HEADER}a.txt\thaftar\tyes\tpositive\tnone\thigh\tx\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    let out = rasd(&["eval", "--gold", &bad.display().to_string(), "assets/samples"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 3, column 18") && stderr.contains("positive"), "{stderr}");
    let empty = dir.path().join("empty.tsv");
    std::fs::write(&empty, HEADER).unwrap_or_else(|e| panic!("{e}"));
    let out = rasd(&["eval", "--gold", &empty.display().to_string(), "assets/samples"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty gold set"));
}

#[test]
fn unknown_actors_and_missing_files_are_listed_never_dropped() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let gold = dir.path().join("gold.tsv");
    std::fs::write(
        &gold,
        format!(
            "{HEADER}001_tripoli_gna_ar.txt\tgna\tyes\tlegitimizing\tnone\thigh\tالمعترف بها دوليا\n001_tripoli_gna_ar.txt\tnobody\tyes\tneutral\tnone\thigh\tx\nno_such_file.txt\thaftar\tyes\tneutral\tnone\thigh\tx\n"
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = rasd(&["eval", "--gold", &gold.display().to_string(), "--format", "json", "assets/samples"]);
    assert_eq!(out.status.code(), Some(1), "rows that could not be scored make the run fail");
    let report = json(&out);
    let unscored = report["unscored"].as_array().cloned().unwrap_or_default();
    assert_eq!(unscored.len(), 2, "{unscored:?}");
    assert!(
        unscored.iter().any(|u| u["line"] == 3 && u["reason"].as_str().is_some_and(|r| r.contains("unknown actor")))
    );
    assert!(unscored.iter().any(|u| u["line"] == 4 && u["reason"].as_str().is_some_and(|r| r.contains("not found"))));
    assert_eq!(report["scored"], 1);
}

#[test]
fn the_fignews_layout_gives_rasds_kappa_beside_an_annotators() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let tsv = dir.path().join("fignews.tsv");
    let labels = [
        "Biased against Palestine",
        "Biased against Israel",
        "Biased against both Palestine and Israel",
        "Biased against others",
        "Unbiased",
        "Not Applicable",
        "Unclear",
    ];
    let mut text = String::from("batch\tsource_language\tid\ttext\tenglish_mt\tarabic_mt");
    for l in labels {
        text.push_str(&format!("\tbias: {l}"));
    }
    text.push_str("\tbias_majority\n");
    let posts = [
        ("1", "Hamas terrorists fired rockets at Israeli towns.", [9, 0, 0, 0, 1, 0, 0], labels[0]),
        ("2", "قصف جيش الاحتلال منازل المدنيين في غزة وارتكب مجزرة جديدة.", [0, 8, 0, 0, 2, 0, 0], labels[1]),
        ("3", "Talks on a truce between Israel and Hamas resumed in Cairo.", [1, 0, 0, 0, 9, 0, 0], labels[4]),
        ("4", "Israel and Hamas exchanged prisoners on Tuesday.", [0, 1, 0, 0, 8, 1, 0], labels[4]),
    ];
    for (id, post, votes, majority) in posts {
        let votes: Vec<String> = votes.iter().map(u32::to_string).collect();
        text.push_str(&format!("B01\tEnglish\t{id}\t{post}\t{post}\t{post}\t{}\t{majority}\n", votes.join("\t")));
    }
    std::fs::write(&tsv, text).unwrap_or_else(|e| panic!("{e}"));
    let out = rasd(&["eval", "--fignews", &tsv.display().to_string(), "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = json(&out);
    assert!(report["kappa"].is_number() && report["human_kappa"].is_number(), "{report}");
    let posts = report["posts"].as_array().cloned().unwrap_or_default();
    let rasd_of =
        |id: &str| posts.iter().find(|p| p["id"] == id).and_then(|p| p["rasd"].as_str()).unwrap_or("").to_string();
    assert_eq!(rasd_of("1"), "against_palestine");
    assert_eq!(rasd_of("3"), "unbiased");
}

#[test]
fn the_projects_gold_sets_stay_scorable_with_the_shipped_lexicon() {
    for (gold, root) in [
        ("tests/gold/english-train.tsv", "tests/fixtures/english"),
        ("tests/gold/english-test.tsv", "tests/fixtures/english"),
    ] {
        let out = rasd(&["eval", "--gold", gold, "--format", "json", root]);
        let report = json(&out);
        assert_eq!(report["unscored"].as_array().map(Vec::len), Some(0), "{gold}: {}", report["unscored"]);
        assert!(out.status.success());
    }
    let ant = "../shared/corpora/ant-v2.1";
    if !Path::new(ant).exists() {
        eprintln!("skipping the ANT gold sets: {ant} is absent (run from a checkout beside ../shared)");
        return;
    }
    for gold in ["tests/gold/ant-train.tsv", "tests/gold/ant-test.tsv", "tests/gold/ant-test-second-coder.tsv"] {
        let report = json(&rasd(&["eval", "--gold", gold, "--format", "json", ant]));
        assert_eq!(report["unscored"].as_array().map(Vec::len), Some(0), "{gold}: {}", report["unscored"]);
        assert!(report["rows"].as_u64().is_some_and(|r| r >= 250), "{gold}");
    }
}

#[test]
fn calibrate_fits_on_a_training_set_and_writes_a_calibration_rasd_loads() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out_file = dir.path().join("calibration.ron");
    let out = rasd(&[
        "calibrate",
        "--gold",
        "tests/gold/english-train.tsv",
        "--folds",
        "3",
        "--out",
        &out_file.display().to_string(),
        "tests/fixtures/english",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("cross-validated") && printed.contains("training fit"), "{printed}");
    let written = std::fs::read_to_string(&out_file).unwrap_or_else(|e| panic!("{e}"));
    assert!(written.contains("fitted_on") && written.contains("english-train"));
    // The written calibration is what `--lexicon DIR` then uses.
    let eval = rasd(&[
        "eval",
        "--gold",
        "tests/gold/english-train.tsv",
        "--lexicon",
        &dir.path().display().to_string(),
        "--format",
        "json",
        "tests/fixtures/english",
    ]);
    assert!(eval.status.success(), "{}", String::from_utf8_lossy(&eval.stderr));
    std::fs::write(&out_file, "(schema_version: 1, threshold: 2.0, mixed_mass: 1.0, shrink: 1.0)")
        .unwrap_or_else(|e| panic!("{e}"));
    let broken = rasd(&[
        "eval",
        "--gold",
        "tests/gold/english-train.tsv",
        "--lexicon",
        &dir.path().display().to_string(),
        "tests/fixtures/english",
    ]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&broken.stderr).contains("calibration.ron:1:"),
        "{}",
        String::from_utf8_lossy(&broken.stderr)
    );
}
