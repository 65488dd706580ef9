//! Every view of the window. Each `*_ui` function draws from the app state and pushes
//! commands; `draw` lays the panels out and handles drops and the keyboard.

mod agreement;
mod dialogs;
mod filters;
mod list;
mod reader;
mod status;
mod style;
mod timeline;

use super::app::{Command, RasdApp};

/// Draw the whole window and return what the user asked for.
pub fn draw(app: &mut RasdApp, ui: &mut egui::Ui) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::Panel::top("top_bar").show(ui, |ui| status::top_bar_ui(app, ui, &mut commands));
    egui::Panel::bottom("status_bar").show(ui, |ui| status::status_bar_ui(app, ui, &mut commands));
    egui::Panel::left("filters").resizable(true).default_size(250.0).show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| filters::filters_ui(app, ui, &mut commands));
    });
    if app.opened.is_some() {
        let width = (ui.available_width() * 0.45).max(360.0);
        egui::Panel::right("reader")
            .resizable(true)
            .default_size(width)
            .show(ui, |ui| reader::reader_ui(app, ui, &mut commands));
    }
    egui::CentralPanel::default().show(ui, |ui| {
        filters::chips_ui(app, ui, &mut commands);
        timeline::timeline_ui(app, ui, &mut commands);
        ui.separator();
        list::list_ui(app, ui, &mut commands);
    });
    dialogs::dialogs_ui(app, ui.ctx(), &mut commands);
    agreement::agreement_ui(app, ui.ctx(), &mut commands);
    dialogs::drop_ui(app, ui.ctx(), &mut commands);
    keyboard(ui.ctx(), &mut commands, app);
    commands
}

fn keyboard(ctx: &egui::Context, commands: &mut Vec<Command>, app: &RasdApp) {
    if ctx.memory(|m| m.focused().is_some()) {
        return;
    }
    let (undo, redo) = ctx.input(|i| {
        let command = i.modifiers.command;
        (
            command && !i.modifiers.shift && i.key_pressed(egui::Key::Z),
            command && (i.key_pressed(egui::Key::Y) || (i.modifiers.shift && i.key_pressed(egui::Key::Z))),
        )
    });
    if undo {
        commands.push(Command::Undo);
    }
    if redo {
        commands.push(Command::Redo);
    }
    let (down, up, enter) = ctx.input(|i| {
        (i.key_pressed(egui::Key::ArrowDown), i.key_pressed(egui::Key::ArrowUp), i.key_pressed(egui::Key::Enter))
    });
    if down {
        commands.push(Command::MoveSelection(1));
    }
    if up {
        commands.push(Command::MoveSelection(-1));
    }
    if enter && let Some(id) = &app.selected {
        commands.push(Command::Open(id.clone()));
    }
}
