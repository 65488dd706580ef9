//! The article list: only visible rows are drawn (fine with 100,000 rows); date, outlet,
//! language, title (Arabic right to left) and a chip per actor coloured by stance. Sort by
//! date or outlet; click or Enter opens the reader.

use egui_extras::{Column, TableBuilder};

use super::style::{chip, stance_colour};
use crate::text::Language;
use crate::ui::app::{Command, RasdApp};
use crate::ui::rich_text::single_line_ui;
use crate::ui::settings::SortBy;

const ROW_HEIGHT: f32 = 26.0;
const MAX_CHIPS: usize = 4;

/// The list, or the explanation of why it is empty.
pub fn list_ui(app: &mut RasdApp, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    if app.library.index().is_empty() {
        empty_ui(app, ui);
        return;
    }
    if app.library.shown().is_empty() {
        ui.label("No article passes these filters. Remove a filter above to see more.");
        return;
    }
    let selected_position = app.selected.as_deref().and_then(|id| app.library.shown_position(id));
    let mut table = TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(92.0))
        .column(Column::initial(130.0).resizable(true).clip(true))
        .column(Column::exact(30.0))
        .column(Column::remainder().at_least(200.0).clip(true))
        .column(Column::initial(230.0).clip(true));
    if let Some(position) = selected_position {
        table = table.scroll_to_row(position, None);
    }
    let sort = app.settings.sort;
    table
        .header(22.0, |mut header| {
            header.col(|ui| {
                let label = match sort {
                    SortBy::DateDescending => "Date (newest)",
                    SortBy::DateAscending => "Date (oldest)",
                    SortBy::Outlet => "Date",
                };
                if ui.button(label).on_hover_text("sort by date").clicked() {
                    app.settings.sort =
                        if sort == SortBy::DateDescending { SortBy::DateAscending } else { SortBy::DateDescending };
                }
            });
            header.col(|ui| {
                if ui
                    .button(if sort == SortBy::Outlet { "Outlet (A–Z)" } else { "Outlet" })
                    .on_hover_text("sort by outlet")
                    .clicked()
                {
                    app.settings.sort = SortBy::Outlet;
                }
            });
            header.col(|ui| {
                ui.strong("Lang");
            });
            header.col(|ui| {
                ui.strong("Title");
            });
            header.col(|ui| {
                ui.strong("Actors (outlet's stance)");
            });
        })
        .body(|body| {
            let library = &app.library;
            let shown = library.shown();
            body.rows(ROW_HEIGHT, shown.len(), |mut row| {
                let index = library.index();
                let p = shown[row.index()];
                let id = index.id(p);
                row.set_selected(app.selected.as_deref() == Some(id.as_str()));
                let published = index.published(p);
                row.col(|ui| {
                    ui.label(if published.is_empty() { "—" } else { published.get(..10).unwrap_or(published) });
                });
                let source = index.outlet(p);
                let source_rtl = crate::text::detect_language(source) == Language::Ar;
                row.col(|ui| {
                    single_line_ui(ui, &mut app.text_cache, source, source_rtl, &egui::FontId::proportional(13.0));
                });
                row.col(|ui| {
                    ui.label(index.language(p).code());
                });
                let title = index.title(p);
                let rtl = index.language(p) == Language::Ar;
                let actors: Vec<(String, crate::analysis::StanceLabel)> = index
                    .cells_of(p)
                    .iter()
                    .take(MAX_CHIPS)
                    .map(|a| {
                        let mark = if a.origin == crate::analysis::Origin::Human { " (by hand)" } else { "" };
                        (format!("{}{mark}", index.actor_names().name(a.actor)), a.stance)
                    })
                    .collect();
                row.col(|ui| {
                    single_line_ui(ui, &mut app.text_cache, title, rtl, &egui::FontId::proportional(15.0));
                });
                row.col(|ui| {
                    for (actor, stance) in &actors {
                        chip(ui, actor, stance_colour(*stance)).on_hover_text(format!("{actor}: {}", stance.as_str()));
                    }
                });
                if row.response().clicked() {
                    commands.push(Command::Open(id));
                }
            });
        });
}

/// Why the inbox gives nothing, when it is not simply waiting for files.
fn inbox_problem(inbox: &std::path::Path) -> Option<String> {
    let shown = inbox.display();
    match std::fs::read_dir(inbox) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(format!(
            "The inbox {shown} does not exist any more (moved or deleted?). Drop files on this window to create it again, or watch another folder."
        )),
        Err(e) => {
            Some(format!("The inbox {shown} cannot be read: {e}. Check its permissions, or watch another folder."))
        }
        Ok(mut entries) => {
            entries.next().is_none().then(|| format!("The inbox {shown} is empty: copy or save article files into it."))
        }
    }
}

/// [`inbox_problem`], looked at again at most every two seconds.
fn cached_inbox_problem(app: &mut RasdApp) -> Option<String> {
    let fresh = app.inbox_problem.as_ref().is_some_and(|(at, _)| at.elapsed() < std::time::Duration::from_secs(2));
    if !fresh {
        app.inbox_problem = Some((std::time::Instant::now(), inbox_problem(&app.inbox)));
    }
    app.inbox_problem.as_ref().and_then(|(_, problem)| problem.clone())
}

fn empty_ui(app: &mut RasdApp, ui: &mut egui::Ui) {
    ui.add_space(30.0);
    ui.vertical_centered(|ui| {
        if !app.loaded {
            ui.spinner();
            ui.label("Opening the store…");
            return;
        }
        ui.heading("No articles yet");
        ui.label(format!("Rasd watches {} for new article files.", app.inbox.display()));
        if let Some(problem) = cached_inbox_problem(app) {
            ui.label(problem);
        }
        if app.watching.is_empty() {
            ui.label("No folder is being watched: use “Watch folder…” above.");
        }
        if !app.failures.is_empty() {
            ui.label(format!("{} files could not be read: see “Unreadable files” below.", app.failures.len()));
        }
        ui.label("Drop article files (text, Markdown, TREC, web pages, JSON, feeds, Word, e-mail) on this window to import them.");
    });
}
