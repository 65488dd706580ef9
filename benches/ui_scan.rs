//! The window while the ANT corpus (31,525 files; Chouigui et al., see README) is scanned
//! from a watched folder: frame time of the real app (egui_kittest, no rendering) while the
//! engine ingests, and the time until every article is on the timeline. Skips, saying why,
//! when ../shared is absent. Run: `cargo bench --bench ui_scan`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use rasd::ui::{AppOptions, Command, RasdApp};

const CORPUS: &str = "../shared/corpora/ant-v2.1";
/// 31,525 files hold 30,185 distinct articles: the same article filed under two categories has
/// one content hash, so it is one row (with both paths).
const DISTINCT_ARTICLES: usize = 30_185;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let corpus = std::path::absolute(PathBuf::from(CORPUS)).unwrap_or_else(|_| PathBuf::from(CORPUS));
    if !corpus.is_dir() {
        println!("ui_scan bench skipped: {CORPUS} is absent");
        return;
    }
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            println!("ui_scan bench: no temporary folder: {e}");
            return;
        }
    };
    let options =
        AppOptions { data_dir: dir.path().join("data"), folders: Vec::new(), files: Vec::new(), test_mode: true };
    let mut harness =
        Harness::builder().with_size(egui::vec2(1400.0, 900.0)).build_eframe(move |cc| RasdApp::new(cc, options));
    harness.step();
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(Command::Watch(corpus.clone()), &ctx);
    let started = Instant::now();
    let mut frames = Vec::new();
    let mut last_report = Instant::now();
    while harness.state().counts().0 < DISTINCT_ARTICLES || !harness.state().is_idle() {
        let frame = Instant::now();
        harness.step();
        frames.push(frame.elapsed().as_secs_f64() * 1000.0);
        if last_report.elapsed() > Duration::from_secs(5) {
            eprintln!("  {} articles after {:.1} s", harness.state().counts().0, started.elapsed().as_secs_f64());
            last_report = Instant::now();
        }
        if started.elapsed() > Duration::from_secs(600) {
            println!("ui_scan: gave up after 600 s with {} articles", harness.state().counts().0);
            break;
        }
        // About 60 frames a second, as a window would be driven while work is in progress.
        std::thread::sleep(Duration::from_millis(16).saturating_sub(frame.elapsed()));
    }
    let total = started.elapsed().as_secs_f64();
    let mut sorted = frames.clone();
    sorted.sort_by(f64::total_cmp);
    println!("corpus: {} ({} articles on the timeline)", corpus.display(), harness.state().counts().0);
    println!(
        "time until every article is listed: {total:.1} s ({:.0} articles/s)",
        harness.state().counts().0 as f64 / total
    );
    println!(
        "frame time while scanning ({} frames): median {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        frames.len(),
        percentile(&sorted, 0.5),
        percentile(&sorted, 0.95),
        percentile(&sorted, 0.99),
        sorted.last().copied().unwrap_or(0.0)
    );
}
