//! `rasd bench --data-dir DIR`: the window's own code on the store in DIR, without a display —
//! start-up to a drawn timeline, filter changes, frames while scrolling the list, resident
//! memory, and an export of every row — printed as one JSON object.

use std::path::PathBuf;
use std::time::Instant;

use serde::Serialize;

use super::{EXIT_FILE_FAILED, EXIT_OK};
use crate::query::{ExportOptions, Filter, VoiceFilter, write_csv};
use crate::store::Store;
use crate::ui::{AppOptions, Command, RasdApp};

/// Arguments of `rasd bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// The data folder whose store is measured (fill it with `rasd gen` and `rasd index`).
    #[arg(long, value_name = "DIR")]
    pub data_dir: PathBuf,
}

#[derive(Serialize)]
struct Report {
    articles: usize,
    startup_ms: f64,
    filter_ms: f64,
    filter_ms_each: Vec<(String, f64)>,
    frame_ms: f64,
    rss_mb: f64,
    export_ms: f64,
    export_rows: usize,
}

struct Window {
    ctx: egui::Context,
    app: RasdApp,
    frame: eframe::Frame,
    /// Set when the app asks for a repaint at once (a background search is done, the engine
    /// sent something), as a real window would be woken.
    woken: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Window {
    fn frame(&mut self, events: Vec<egui::Event>) -> f64 {
        let started = Instant::now();
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0))),
            events,
            ..Default::default()
        };
        eframe::App::logic(&mut self.app, &self.ctx, &mut self.frame);
        let app = &mut self.app;
        let frame = &mut self.frame;
        let _ = self.ctx.run_ui(input, |ui| eframe::App::ui(app, ui, frame));
        started.elapsed().as_secs_f64() * 1000.0
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Run the benchmark.
pub fn run(args: &BenchArgs) -> u8 {
    let started = Instant::now();
    let ctx = egui::Context::default();
    let woken = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let wake = woken.clone();
    ctx.set_request_repaint_callback(move |info| {
        if info.delay.is_zero() {
            wake.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    });
    let options =
        AppOptions { data_dir: args.data_dir.clone(), folders: Vec::new(), files: Vec::new(), test_mode: true };
    let app = RasdApp::new(&eframe::CreationContext::_new_kittest(ctx.clone()), options);
    let mut window = Window { ctx, app, frame: eframe::Frame::_new_kittest(), woken };
    while !(window.app.counts().0 > 0 && window.app.is_idle()) {
        window.frame(Vec::new());
        if started.elapsed().as_secs() > 600 {
            eprintln!("rasd bench: the store did not load in 600 s");
            return EXIT_FILE_FAILED;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    window.frame(Vec::new());
    let startup_ms = started.elapsed().as_secs_f64() * 1000.0;
    let articles = window.app.counts().0;
    let each = filter_changes(&mut window);
    let mut filter_times: Vec<f64> = each.iter().map(|(_, ms)| *ms).collect();
    let filter_ms = median(&mut filter_times);
    let frame_ms = scrolling(&mut window);
    let rss = rss_mb();
    let (export_ms, export_rows_count) = export_all(&window, &args.data_dir);
    let report = Report {
        articles,
        startup_ms,
        filter_ms,
        filter_ms_each: each,
        frame_ms,
        rss_mb: rss,
        export_ms,
        export_rows: export_rows_count,
    };
    match serde_json::to_string(&report) {
        Ok(json) => {
            println!("{json}");
            EXIT_OK
        }
        Err(e) => {
            eprintln!("rasd bench: {e}");
            EXIT_FILE_FAILED
        }
    }
}

/// A fixed set of filter changes, each timed as the frame that applies it.
fn filter_changes(window: &mut Window) -> Vec<(String, f64)> {
    let haftar = || Some("haftar".to_string());
    let delegit = Some(crate::analysis::StanceLabel::Delegitimizing);
    let changes: Vec<(&str, Filter)> = vec![
        ("actor haftar", Filter { actor: haftar(), ..Filter::default() }),
        ("+ stance delegitimizing", Filter { actor: haftar(), stance: delegit, ..Filter::default() }),
        (
            "+ quoted voice",
            Filter { actor: haftar(), stance: delegit, voice: VoiceFilter::Quoted, ..Filter::default() },
        ),
        ("side yemen_houthis", Filter { side: Some("yemen_houthis".into()), ..Filter::default() }),
        ("outlet", Filter { outlet: Some("Mediterranean Wire".into()), ..Filter::default() }),
        ("language en", Filter { language: Some(crate::text::Language::En), ..Filter::default() }),
        (
            "dates 2019",
            Filter {
                from: crate::query::parse_date("2019", false),
                to: crate::query::parse_date("2019", true),
                ..Filter::default()
            },
        ),
        ("text طرابلس", Filter { text: "طرابلس".into(), ..Filter::default() }),
        ("text phrase", Filter { text: "\"ميليشيا حفتر\"".into(), ..Filter::default() }),
        ("no filter", Filter::default()),
    ];
    let mut each = Vec::new();
    for (name, filter) in changes {
        let ctx = window.ctx.clone();
        window.app.apply(Command::SetFilter(filter), &ctx);
        // Until the frame that shows the result. A text query runs on its own threads: the next
        // frame comes when they wake the window, as in the real one.
        let started = Instant::now();
        window.frame(Vec::new());
        while !window.app.is_idle() {
            if window.woken.swap(false, std::sync::atomic::Ordering::SeqCst) {
                window.frame(Vec::new());
            } else {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
        }
        each.push((name.to_string(), started.elapsed().as_secs_f64() * 1000.0));
    }
    each
}

/// Median frame time while the list scrolls down and back up.
fn scrolling(window: &mut Window) -> f64 {
    let mut frames = Vec::new();
    for i in 0..120 {
        let scroll = egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, if i < 60 { -3.0 } else { 3.0 }),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        };
        let pointer = egui::Event::PointerMoved(egui::pos2(700.0, 600.0));
        frames.push(window.frame(vec![pointer, scroll]));
    }
    median(&mut frames)
}

/// Export every article, as the window's export does (the loaded index, one row per article ×
/// actor) to a temporary CSV: (milliseconds, rows).
fn export_all(window: &Window, data_dir: &std::path::Path) -> (f64, usize) {
    let index = window.app.library.shared_index();
    let all: Vec<u32> = index.by_date().iter().rev().copied().collect();
    let out = std::env::temp_dir().join(format!("rasd-bench-{}.csv", std::process::id()));
    let started = Instant::now();
    let exported = Store::open(data_dir)
        .map_err(|e| e.to_string())
        .and_then(|store| write_csv(&out, &store, &index, &all, &Filter::default(), ExportOptions::default()));
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    let _ = std::fs::remove_file(&out);
    let _ = std::fs::remove_file(crate::query::sidecar_path(&out));
    match exported {
        Ok(rows) => (elapsed, rows),
        Err(e) => {
            eprintln!("rasd bench: export: {e}");
            (elapsed, 0)
        }
    }
}
