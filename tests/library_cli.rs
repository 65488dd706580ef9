//! `rasd index`, `rasd list` and `rasd export` on a data folder, alone and beside a running
//! engine (as the window runs it).

use std::process::{Command, Output};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn rasd(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run rasd {args:?}: {e}"))
}

fn ok(args: &[&str]) -> String {
    let output = rasd(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "rasd {args:?}\nstdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn index_list_and_export_share_the_filter_engine() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path().join("data").display().to_string();
    let first = ok(&["index", "--data-dir", &data, "assets/samples"]);
    assert!(first.starts_with("6 files read, 0 unchanged, 0 failed; 7 articles"), "{first}");
    let again = ok(&["index", "--data-dir", &data, "assets/samples"]);
    assert!(again.starts_with("0 files read, 6 unchanged"), "unchanged files are not read again: {again}");

    let listed = ok(&["list", "--data-dir", &data, "--actor", "lna", "--stance", "legitimizing"]);
    let lines: Vec<serde_json::Value> = listed.lines().map(|l| serde_json::from_str(l).unwrap_or_default()).collect();
    assert_eq!(lines.len(), 1, "only the pro-Haftar outlet: the others name the LNA the wire's way or delegitimize it");
    for line in &lines {
        for field in [
            "path",
            "id",
            "title",
            "published",
            "published_text",
            "source",
            "language",
            "keywords",
            "related",
            "actors",
        ] {
            assert!(line.get(field).is_some(), "missing {field}");
        }
        assert!(
            line["actors"]
                .as_array()
                .is_some_and(|a| a.iter().any(|x| x["id"] == "lna" && x["stance"] == "legitimizing"))
        );
    }
    let quoted =
        ok(&["list", "--data-dir", &data, "--actor", "haftar", "--stance", "delegitimizing", "--voice", "quoted"]);
    assert_eq!(quoted.lines().count(), 1, "Erdogan's quoted \"الانقلابي حفتر\"");
    let forces =
        ok(&["list", "--data-dir", &data, "--actor", "lna", "--stance", "delegitimizing", "--voice", "quoted"]);
    assert_eq!(forces.lines().count(), 1, "the spokesman's quoted \"Haftar's militia\" names his forces");
    let dated = ok(&["list", "--data-dir", &data, "--from", "2023", "--to", "2023-12"]);
    assert_eq!(dated.lines().count(), 1);
    let text = ok(&["list", "--data-dir", &data, "--text", "انقرة"]);
    assert_eq!(text.lines().count(), 1, "hamza does not hide a hit");

    let out = dir.path().join("haftar.csv");
    let message = ok(&["export", "--data-dir", &data, "--actor", "haftar", "--csv", &out.display().to_string()]);
    assert!(message.contains("rows"), "{message}");
    let bytes = std::fs::read(&out).unwrap_or_else(|e| panic!("{e}"));
    assert!(bytes.starts_with(b"\xef\xbb\xbf"));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let records: Vec<csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
    let csv_list = ok(&["list", "--data-dir", &data, "--actor", "haftar", "--format", "csv"]);
    assert_eq!(records.len(), csv_list.lines().count() - 1, "export and list --format csv give the same rows");
    assert!(records.iter().all(|r| &r[5] == "haftar"));
    assert!(
        std::fs::read_to_string(dir.path().join("haftar.csv.filters.json")).is_ok_and(|s| s.contains("actor=haftar"))
    );

    let bad = rasd(&["list", "--data-dir", &data, "--stance", "angry"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--stance angry"));
}

#[test]
fn commands_and_a_running_engine_share_one_data_folder() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data_dir = dir.path().join("data");
    let inbox = dir.path().join("inbox");
    let lexicon = Arc::new(rasd::lexicon::Lexicon::load(None).unwrap_or_else(|e| panic!("{e:?}")));
    let config = rasd::engine::EngineConfig {
        data_dir: data_dir.clone(),
        inbox: inbox.clone(),
        lexicon,
        polling: false,
        lexicon_dir: None,
    };
    let engine = rasd::engine::Engine::start(config, || {});
    engine.send(rasd::engine::Job::Watch(inbox.clone()));
    std::fs::create_dir_all(&inbox).unwrap_or_else(|e| panic!("{e}"));
    for (i, name) in ["001_tripoli_gna_ar.txt", "002_tripoli_lna_ar.txt"].iter().enumerate() {
        std::fs::copy(format!("assets/samples/{name}"), inbox.join(format!("{i}.txt")))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let data = data_dir.display().to_string();
    // While the engine writes, the command indexes other files into the same store.
    ok(&["index", "--data-dir", &data, "assets/samples/005_khartoum_en.txt"]);
    let start = Instant::now();
    loop {
        let _ = engine.events().count();
        let listed = ok(&["list", "--data-dir", &data]);
        if listed.lines().count() == 3 {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "expected 3 articles, listed:\n{listed}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn generated_articles_are_read_in_every_layout_and_are_the_same_for_a_seed() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    ok(&["gen", "--count", "600", &a.display().to_string()]);
    ok(&["gen", "--count", "600", &b.display().to_string()]);
    let scanned = ok(&["scan", &a.display().to_string()]);
    let lines: Vec<serde_json::Value> = scanned.lines().map(|l| serde_json::from_str(l).unwrap_or_default()).collect();
    assert_eq!(lines.len(), 600);
    assert!(
        lines.iter().all(|l| l["published"].is_string() && l["error"].is_null()),
        "every article dated, none failed"
    );
    let formats: std::collections::BTreeSet<&str> = lines.iter().filter_map(|l| l["format"].as_str()).collect();
    assert_eq!(formats.into_iter().collect::<Vec<_>>(), ["markdown", "seed", "trec"]);
    assert!(lines.iter().any(|l| l["language"] == "ar") && lines.iter().any(|l| l["language"] == "en"));
    assert!(
        lines.iter().filter(|l| l["actors"].as_array().is_some_and(|a| !a.is_empty())).count() > 500,
        "they name the actors"
    );
    assert_eq!(
        scanned,
        ok(&["scan", &b.display().to_string()]).replace(&b.display().to_string(), &a.display().to_string())
    );
}

#[test]
fn a_reanalysis_reads_every_file_again_and_keeps_the_corrections() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path().join("data").display().to_string();
    ok(&["index", "--data-dir", &data, "assets/samples"]);
    let listed = ok(&["list", "--data-dir", &data, "--actor", "haftar"]);
    let first: serde_json::Value =
        listed.lines().next().map_or(serde_json::Value::Null, |l| serde_json::from_str(l).unwrap_or_default());
    let id = first["id"].as_str().unwrap_or_else(|| panic!("no article mentions haftar: {listed}")).to_string();
    let saved = ok(&["annotate", "--data-dir", &data, "--article", &id, "--actor", "haftar", "--stance", "mixed"]);
    assert!(saved.starts_with("saved"), "{saved}");
    let again = ok(&["index", "--data-dir", &data, "--reanalyse", "assets/samples"]);
    assert!(again.starts_with("6 files read, 0 unchanged, 0 failed; 7 articles"), "{again}");
    let human = ok(&["list", "--data-dir", &data, "--origin", "human"]);
    assert_eq!(human.lines().count(), 1, "the correction still applies after the re-analysis: {human}");
    assert!(human.contains(&id), "{human}");
}
