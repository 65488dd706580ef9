//! The top bar (watch, import, export, rescan, settings) and the status bar (counts, watched
//! folders, progress with rate and time left, cancel, unreadable files, notices).

use crate::engine::WatchMode;
use crate::ui::app::{Command, RasdApp};

/// The top bar.
pub fn top_bar_ui(app: &mut RasdApp, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.heading("Rasd · رصد");
        ui.separator();
        if ui.button("Watch folder…").clicked() {
            app.watch_window = true;
        }
        if ui.button("Export CSV…").clicked() {
            app.export.open = true;
        }
        if ui
            .button("Agreement")
            .on_hover_text("Rasd against your corrections, and against a second coder (κ, α)")
            .clicked()
        {
            app.agreement.open = true;
        }
        if ui.button("Rescan").on_hover_text("check every watched folder again").clicked() {
            commands.push(Command::Rescan);
        }
        let (can_undo, can_redo) = app.can_undo();
        if ui
            .add_enabled(can_undo, egui::Button::new("Undo"))
            .on_hover_text("undo the last correction (Ctrl+Z)")
            .clicked()
        {
            commands.push(Command::Undo);
        }
        if ui.add_enabled(can_redo, egui::Button::new("Redo")).on_hover_text("redo (Ctrl+Y)").clicked() {
            commands.push(Command::Redo);
        }
        ui.menu_button("Settings", |ui| {
            let mut polling = app.settings.polling;
            if ui.checkbox(&mut polling, "Poll folders instead of system notifications").changed() {
                commands.push(Command::SetPolling(polling));
            }
            ui.checkbox(&mut app.settings.export_bom, "CSV with a byte-order mark (for Excel)");
            ui.label(format!("Data folder: {}", app.data_dir().display()));
        });
    });
}

/// The status bar.
pub fn status_bar_ui(app: &mut RasdApp, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        let (total, shown) = app.counts();
        ui.label(format!("{total} articles · {shown} shown"));
        ui.separator();
        for (root, mode) in app.watching.clone() {
            let how = match mode {
                WatchMode::Native => "watching",
                WatchMode::Polling(_) => "polling",
            };
            let name =
                root.file_name().map_or_else(|| root.display().to_string(), |n| n.to_string_lossy().into_owned());
            ui.label(format!("{how} {name}")).on_hover_text(root.display().to_string());
            if ui.small_button("×").on_hover_text(format!("stop watching {}", root.display())).clicked() {
                commands.push(Command::Unwatch(root));
            }
        }
        if let Some(p) = app.progress {
            ui.separator();
            let fraction = p.done as f32 / p.total.max(1) as f32;
            let rate = p.done as f64 / p.seconds.max(0.001);
            let left = if rate > 0.0 { (p.total - p.done) as f64 / rate } else { 0.0 };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(180.0)
                    .text(format!("{}/{} · {rate:.0}/s · {left:.0} s left", p.done, p.total)),
            );
            if ui.button("Cancel").clicked() {
                commands.push(Command::Cancel);
            }
        }
        if !app.failures.is_empty() {
            ui.separator();
            if ui.button(format!("Unreadable files: {}", app.failures.len())).clicked() {
                app.failures_window = true;
            }
        }
        if let Some(last) = app.notices.last() {
            ui.separator();
            ui.colored_label(egui::Color32::from_rgb(0xd0, 0x80, 0x20), last).on_hover_text(app.notices.join("\n"));
        }
    });
}
