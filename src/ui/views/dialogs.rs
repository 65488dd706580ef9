//! Windows: welcome, watch a folder, export, what to do with a dropped folder, unreadable
//! files; and drag-and-drop with its overlay. File dialogs (rfd) run on their own thread; when
//! none is available the typed path field still works.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use crate::engine::{collect_files, is_readable_path};
use crate::ui::app::{Command, RasdApp};

fn spawn_dialog(save: bool, start: Option<PathBuf>) -> Receiver<Option<PathBuf>> {
    let (tx, rx) = channel();
    let spawned = std::thread::Builder::new().name("rasd-file-dialog".to_string()).spawn(move || {
        let dialog = rfd::FileDialog::new();
        let dialog = match &start {
            Some(dir) => dialog.set_directory(dir),
            None => dialog,
        };
        let choice = if save {
            dialog.add_filter("CSV", &["csv"]).set_file_name("rasd-export.csv").save_file()
        } else {
            dialog.pick_folder()
        };
        let _ = tx.send(choice);
    });
    if spawned.is_err() {
        let (tx, rx) = channel();
        let _ = tx.send(None);
        return rx;
    }
    rx
}

/// Every window.
pub fn dialogs_ui(app: &mut RasdApp, ctx: &egui::Context, commands: &mut Vec<Command>) {
    welcome_ui(app, ctx);
    watch_ui(app, ctx, commands);
    export_ui(app, ctx, commands);
    folder_question_ui(app, ctx, commands);
    failures_ui(app, ctx);
}

fn welcome_ui(app: &mut RasdApp, ctx: &egui::Context) {
    if app.settings.welcomed {
        return;
    }
    let mut open = !ctx.input(|i| i.key_pressed(egui::Key::Escape));
    egui::Window::new("Welcome to Rasd · رصد")
        .collapsible(false)
        .open(&mut open)
        .default_width(460.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            ui.label("Rasd shows how each article frames each side of a conflict, with the evidence.");
            ui.label(format!("Your inbox {} is watched; sample articles are on the timeline.", app.inbox.display()));
            ui.add_space(6.0);
            ui.strong("Next steps");
            if ui.button("1. Watch a folder of articles…").clicked() {
                app.watch_window = true;
            }
            ui.label("2. Drop article files on this window to import them.");
            if ui.button("3. Export the filtered rows to CSV…").clicked() {
                app.export.open = true;
            }
            if ui.button("Start").clicked() {
                app.settings.welcomed = true;
            }
        });
    if !open {
        app.settings.welcomed = true;
    }
}

fn watch_ui(app: &mut RasdApp, ctx: &egui::Context, commands: &mut Vec<Command>) {
    if !app.watch_window {
        return;
    }
    let mut open = true;
    egui::Window::new("Watch a folder").collapsible(false).open(&mut open).show(ctx, |ui| {
        let label = ui.label("Folder to watch");
        ui.text_edit_singleline(&mut app.watch_path_text).labelled_by(label.id);
        ui.horizontal(|ui| {
            if ui.add_enabled(app.folder_dialog.is_none(), egui::Button::new("Browse…")).clicked() {
                app.folder_dialog = Some(spawn_dialog(false, None));
            }
            let path = PathBuf::from(app.watch_path_text.trim());
            if ui.add_enabled(path.is_dir(), egui::Button::new("Watch")).clicked() {
                commands.push(Command::Watch(path));
                app.watch_window = false;
            }
        });
        ui.separator();
        ui.label("Watched now:");
        for folder in app.settings.watched.clone() {
            ui.horizontal(|ui| {
                ui.label(folder.display().to_string());
                if ui.small_button("Stop").clicked() {
                    commands.push(Command::Unwatch(folder));
                }
            });
        }
    });
    if !open {
        app.watch_window = false;
    }
}

fn export_ui(app: &mut RasdApp, ctx: &egui::Context, commands: &mut Vec<Command>) {
    if !app.export.open {
        return;
    }
    let mut open = true;
    egui::Window::new("Export CSV").collapsible(false).open(&mut open).show(ctx, |ui| {
        let (_, shown) = app.counts();
        ui.label(format!(
            "Writes the {shown} articles the filters show, one row per article and actor ({}).",
            app.settings.filter.describe()
        ));
        let label = ui.label("CSV file");
        ui.text_edit_singleline(&mut app.settings.export_path).labelled_by(label.id);
        ui.checkbox(&mut app.settings.export_bom, "Byte-order mark (Excel needs it for Arabic)");
        ui.horizontal(|ui| {
            if ui.add_enabled(app.export.dialog.is_none(), egui::Button::new("Browse…")).clicked() {
                app.export.dialog = Some(spawn_dialog(true, None));
            }
            let path = PathBuf::from(app.settings.export_path.trim());
            let ready = !app.settings.export_path.trim().is_empty() && app.export.running.is_none();
            if ui.add_enabled(ready, egui::Button::new("Export")).clicked() {
                commands.push(Command::Export(path));
            }
        });
        if app.export.running.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Writing…");
            });
        }
        match &app.export.last {
            Some(Ok((path, rows))) => {
                ui.label(format!(
                    "Wrote {rows} rows to {} (filters in {}.filters.json).",
                    path.display(),
                    path.display()
                ));
            }
            Some(Err(e)) => {
                ui.colored_label(egui::Color32::RED, format!("Export failed: {e}"));
            }
            None => {}
        }
    });
    if !open {
        app.export.open = false;
    }
}

fn folder_question_ui(app: &mut RasdApp, ctx: &egui::Context, commands: &mut Vec<Command>) {
    let Some(folder) = app.folder_question.clone() else { return };
    egui::Window::new("A folder was dropped")
        .collapsible(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            ui.label(format!("What should Rasd do with {}?", folder.display()));
            ui.horizontal(|ui| {
                if ui.button("Watch this folder").clicked() {
                    commands.push(Command::Watch(folder.clone()));
                    app.folder_question = None;
                }
                if ui.button("Import its files").clicked() {
                    let (files, _) = collect_files(std::slice::from_ref(&folder));
                    commands.push(Command::Import(files));
                    app.folder_question = None;
                }
                if ui.button("Cancel").clicked() {
                    app.folder_question = None;
                }
            });
        });
}

fn failures_ui(app: &mut RasdApp, ctx: &egui::Context) {
    if !app.failures_window {
        return;
    }
    let mut open = true;
    egui::Window::new("Unreadable files").open(&mut open).default_width(520.0).show(ctx, |ui| {
        egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
            for (path, reason) in &app.failures {
                ui.label(egui::RichText::new(path.display().to_string()).strong());
                ui.label(reason);
                ui.add_space(4.0);
            }
        });
    });
    if !open {
        app.failures_window = false;
    }
}

/// Files hovering over the window: say what will happen; dropped: import files, ask about
/// folders.
pub fn drop_ui(app: &mut RasdApp, ctx: &egui::Context, commands: &mut Vec<Command>) {
    let hovered: Vec<PathBuf> = ctx.input(|i| i.raw.hovered_files.iter().filter_map(|f| f.path.clone()).collect());
    let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
    if hovering {
        let folders = hovered.iter().filter(|p| p.is_dir()).count();
        let files = hovered.len() - folders;
        let message = match (files, folders) {
            (0, 0) => "Drop to import into the inbox".to_string(),
            (f, 0) => format!("Drop to import {f} file(s) into the inbox {}", app.inbox.display()),
            (0, d) => format!("Drop {d} folder(s): you will choose to watch or import"),
            (f, d) => format!("Drop to import {f} file(s); for the {d} folder(s) you will choose"),
        };
        let painter = ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop_overlay")));
        let rect = ctx.content_rect();
        painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(170));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            message,
            egui::FontId::proportional(22.0),
            egui::Color32::WHITE,
        );
    }
    let dropped: Vec<PathBuf> = ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
    if dropped.is_empty() {
        return;
    }
    let (folders, files): (Vec<PathBuf>, Vec<PathBuf>) = dropped.into_iter().partition(|p| p.is_dir());
    if !files.is_empty() {
        let (readable, other): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|p| is_readable_path(p));
        for path in other {
            app.failures.insert(path, "not an article file Rasd reads (txt, md, trec, xml)".to_string());
        }
        if !readable.is_empty() {
            commands.push(Command::Import(readable));
        }
    }
    if let Some(folder) = folders.into_iter().next() {
        commands.push(Command::AskAboutFolder(folder));
    }
}
