//! The Agreement window: the analyst's corrections as the gold set for the articles the filters
//! show — κ, α and accuracy of Rasd against the analyst, the confusion matrix, per actor and per
//! outlet, a filter to the disagreeing pairs — and a second coder's corrections against the
//! analyst's on the pairs both coded.

use std::path::PathBuf;

use egui::RichText;

use crate::query::{Agreement, CodingAgreement};
use crate::ui::app::{Command, RasdApp};

fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{v:.2}"))
}

fn headline(ui: &mut egui::Ui, a: &Agreement) {
    ui.label(format!(
        "{:.0} pairs · accuracy {} · Cohen's κ {} · Krippendorff's α {}",
        a.n,
        a.accuracy.map_or_else(|| "–".to_string(), |v| format!("{:.0}%", v * 100.0)),
        figure(a.kappa),
        figure(a.alpha)
    ));
}

fn confusion_ui(ui: &mut egui::Ui, id: &str, a: &Agreement, rows: &str, columns: &str) {
    ui.label(format!("rows: {rows} · columns: {columns}"));
    egui::Grid::new(id).striped(true).show(ui, |ui| {
        ui.label("");
        for label in &a.confusion.labels {
            ui.label(RichText::new(label.as_str()).small());
        }
        ui.end_row();
        for (label, row) in a.confusion.labels.iter().zip(&a.confusion.counts) {
            ui.label(RichText::new(label.as_str()).small());
            for count in row {
                ui.label(format!("{count:.0}"));
            }
            ui.end_row();
        }
    });
}

fn breakdown_ui(ui: &mut egui::Ui, id: &str, title: &str, groups: &[(String, Agreement)]) {
    egui::CollapsingHeader::new(title).id_salt(id).show(ui, |ui| {
        egui::Grid::new(id).striped(true).show(ui, |ui| {
            for head in ["", "pairs", "accuracy", "κ"] {
                ui.strong(head);
            }
            ui.end_row();
            for (name, a) in groups {
                ui.label(name);
                ui.label(format!("{:.0}", a.n));
                ui.label(a.accuracy.map_or_else(|| "–".to_string(), |v| format!("{:.0}%", v * 100.0)));
                ui.label(figure(a.kappa));
                ui.end_row();
            }
        });
    });
}

fn figures_ui(ui: &mut egui::Ui, figures: &CodingAgreement, app: &RasdApp, commands: &mut Vec<Command>) {
    if figures.overall.n == 0.0 {
        ui.label("No corrections among the articles shown: set stances by hand in the reader, then come back.");
        return;
    }
    ui.strong("Rasd against your corrections");
    headline(ui, &figures.overall);
    confusion_ui(ui, "agreement_confusion", &figures.overall, "you", "Rasd");
    ui.horizontal(|ui| {
        let showing = app.settings.filter.disagreements;
        let label = if showing { "Show every article" } else { "Show the disagreements" };
        if ui.button(format!("{label} ({})", figures.disagreements)).clicked() {
            let mut filter = app.settings.filter.clone();
            filter.disagreements = !showing;
            commands.push(Command::SetFilter(filter));
        }
    });
    breakdown_ui(ui, "agreement_by_actor", "Per actor", &figures.by_actor);
    breakdown_ui(ui, "agreement_by_outlet", "Per outlet", &figures.by_outlet);
}

fn second_coder_ui(
    app: &mut RasdApp,
    ui: &mut egui::Ui,
    figures: Option<&CodingAgreement>,
    commands: &mut Vec<Command>,
) {
    ui.separator();
    ui.strong("A second coder");
    ui.label("Their data folder, or a file written by `rasd annotations` (JSON Lines or CSV).");
    let label = ui.label("Second coder's folder or file");
    ui.text_edit_singleline(&mut app.agreement.second_path).labelled_by(label.id);
    let path = PathBuf::from(app.agreement.second_path.trim());
    let ready = !app.agreement.second_path.trim().is_empty() && app.agreement.loading.is_none();
    if ui.add_enabled(ready, egui::Button::new("Compare")).clicked() {
        commands.push(Command::LoadSecondCoder(path));
    }
    if app.agreement.loading.is_some() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Reading…");
        });
    }
    if let Some(error) = &app.agreement.error {
        ui.colored_label(egui::Color32::from_rgb(190, 40, 40), error);
    }
    if let (Some((name, _)), Some((shared, people))) =
        (&app.agreement.second, figures.and_then(|f| f.second_coder.as_ref()))
    {
        ui.label(format!("{name}: {shared} pairs coded by both"));
        if *shared > 0 {
            headline(ui, people);
            confusion_ui(ui, "agreement_people", people, "you", "second coder");
        }
    }
}

/// The Agreement window, when open.
pub fn agreement_ui(app: &mut RasdApp, ctx: &egui::Context, commands: &mut Vec<Command>) {
    if !app.agreement.open {
        return;
    }
    let figures = app.coding_agreement();
    let mut open = true;
    egui::Window::new("Agreement").open(&mut open).default_width(480.0).show(ctx, |ui| {
        ui.label(format!("Articles shown: {} ({})", app.counts().1, app.settings.filter.describe()));
        egui::ScrollArea::vertical().max_height(520.0).show(ui, |ui| {
            figures_ui(ui, &figures, app, commands);
            second_coder_ui(app, ui, Some(&figures), commands);
        });
    });
    if !open {
        app.agreement.open = false;
    }
}
