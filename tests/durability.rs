//! Killing Rasd at random points (SIGKILL of the real binary during a big ingest, a re-analysis,
//! an export and corrections) loses no correction that was reported done, never leaves the store
//! corrupt or an export half written under its name, and the next run finishes the interrupted
//! ingest.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ARTICLES: usize = 400;
const ROUNDS: usize = 12;

/// A small deterministic generator (xorshift), seeded from the clock and printed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn rasd(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rasd"));
    command.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    command
}

fn write_articles(dir: &Path) {
    let template = std::fs::read_to_string("assets/samples/001_tripoli_gna_ar.txt").unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    for i in 0..ARTICLES {
        let text = template.replacen("جنوبي طرابلس", &format!("جنوبي طرابلس رقم {i}"), 1);
        std::fs::write(dir.join(format!("{i:04}.txt")), text).unwrap_or_else(|e| panic!("{e}"));
    }
}

fn ids_of(dir: &Path) -> Vec<String> {
    let output = rasd(&["scan", &dir.display().to_string()]).output().unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["id"].as_str().map(str::to_string))
        .collect()
}

fn kill_after(mut child: Child, delay: Duration) {
    let start = Instant::now();
    while start.elapsed() < delay {
        if child.try_wait().ok().flatten().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn killing_rasd_at_random_points_loses_no_reported_correction() {
    let seed =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64) | 1;
    eprintln!("seed {seed}");
    let mut random = Random(seed);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let articles = dir.path().join("articles");
    write_articles(&articles);
    let ids = ids_of(&articles);
    assert_eq!(ids.len(), ARTICLES);
    let data = dir.path().join("data").display().to_string();
    let folder = articles.display().to_string();
    let export = dir.path().join("timeline.csv").display().to_string();
    let stances = ["legitimizing", "delegitimizing", "neutral", "mixed"];
    let actors = ["haftar", "lna", "gna", "wagner"];
    let mut reported: HashMap<(String, String), String> = HashMap::new();
    let mut kills = 0;
    for round in 0..ROUNDS {
        // A big ingest, a re-analysis of everything or an export, killed at a random moment…
        let job: Vec<&str> = match round % 3 {
            0 => vec!["index", "--data-dir", &data, &folder],
            1 => vec!["index", "--data-dir", &data, "--reanalyse", &folder],
            _ => vec!["export", "--data-dir", &data, "--csv", &export],
        };
        let ingest = rasd(&job).spawn().unwrap_or_else(|e| panic!("{e}"));
        let ingest_killer = {
            let delay = Duration::from_millis(random.below(400));
            std::thread::spawn(move || kill_after(ingest, delay))
        };
        // …while corrections are written; some of them killed too.
        for _ in 0..6 {
            let article = ids[random.below(ids.len() as u64) as usize].clone();
            let actor = actors[random.below(actors.len() as u64) as usize].to_string();
            let stance = stances[random.below(stances.len() as u64) as usize].to_string();
            let note = format!("round {round}");
            let child = rasd(&[
                "annotate",
                "--data-dir",
                &data,
                "--article",
                &article,
                "--actor",
                &actor,
                "--stance",
                &stance,
                "--note",
                &note,
            ])
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
            if random.below(4) == 0 {
                kills += 1;
                // Killed: not reported done, so it may or may not be stored — but a later
                // reported value for the same pair must win, so forget the pair's expectation
                // only if it was never reported.
                let pair = (article, actor);
                kill_after(child, Duration::from_millis(random.below(30)));
                if let Some(previous) = reported.get(&pair).cloned() {
                    // An unreported write may have landed after the reported one: accept both.
                    reported.insert(pair, format!("{previous}|{stance}"));
                }
                continue;
            }
            let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
            let stdout = String::from_utf8_lossy(&output.stdout);
            if output.status.success() && stdout.starts_with("saved") {
                reported.insert((article, actor), stance);
            } else {
                assert!(stdout.is_empty(), "a failed annotate said {stdout}");
            }
        }
        ingest_killer.join().unwrap_or_else(|_| panic!("killer thread"));
    }
    eprintln!(
        "{ROUNDS} ingests, re-analyses and exports killed at random, {kills} corrections killed, {} corrections reported",
        reported.len()
    );
    let store = rasd::store::Store::open(Path::new(&data)).unwrap_or_else(|e| panic!("{e}"));
    let check = store.integrity_check().map_err(|e| e.to_string());
    assert_eq!(check.as_deref(), Ok("ok"), "after the kills");
    let stored: HashMap<(String, String), String> = store
        .annotations()
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|a| ((a.article_id, a.actor_id), a.stance.as_str().to_string()))
        .collect();
    for (pair, expected) in &reported {
        let got = stored.get(pair).unwrap_or_else(|| panic!("reported correction lost: {pair:?} = {expected}"));
        assert!(expected.split('|').any(|e| e == got), "{pair:?}: stored {got}, reported {expected}");
    }
    // An export killed midway never left half a file under its name.
    if let Ok(bytes) = std::fs::read(&export) {
        let mut reader = csv::Reader::from_reader(bytes.get(3..).unwrap_or_default());
        let records: Result<Vec<csv::StringRecord>, _> = reader.records().collect();
        let records = records.unwrap_or_else(|e| panic!("a killed export left a broken file: {e}"));
        assert!(records.iter().all(|r| r.len() == 18), "every row complete");
        assert!(bytes.ends_with(b"\n"), "the file ends with a whole row");
    }
    // The next run finishes the interrupted ingest.
    let output = rasd(&["index", "--data-dir", &data, &folder]).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(store.index().unwrap_or_default().len(), ARTICLES);
    let check = store.integrity_check().map_err(|e| e.to_string());
    assert_eq!(check.as_deref(), Ok("ok"), "after the final run");
}
