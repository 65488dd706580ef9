//! The filter panel (actor grouped by side and searchable, stance, voice, outlet, language,
//! dates, text) and the removable chips of the active filters.

use std::collections::HashMap;

use crate::analysis::StanceLabel;
use crate::query::{Filter, VoiceFilter, parse_date};
use crate::text::{Language, normalize_str};
use crate::ui::app::{Command, RasdApp};
use crate::ui::rich_text::paragraph_ui;

fn labelled_text(ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str) -> egui::Response {
    let label = ui.label(label);
    ui.add(egui::TextEdit::singleline(value).hint_text(hint).desired_width(f32::INFINITY)).labelled_by(label.id)
}

/// The left panel.
pub fn filters_ui(app: &mut RasdApp, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    let mut filter = app.settings.filter.clone();
    ui.heading("Filters");
    let mut text = filter.text.clone();
    labelled_text(ui, "Search text", &mut text, "words in title or body");
    if text.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c)) {
        // egui's text field shows Arabic words reversed: show what was typed as it reads.
        let font = egui::FontId::proportional(14.0);
        paragraph_ui(ui, &mut app.text_cache, &text, true, &font, &[], egui::Sense::hover());
    }
    filter.text = text;
    ui.weak("Words, \"phrases\", AND, OR, NOT, NEAR(a b, 5)");
    if let Some(error) = &app.search_error {
        ui.colored_label(egui::Color32::from_rgb(0xd0, 0x80, 0x20), error);
    }
    ui.separator();
    actor_ui(app, ui, &mut filter);
    ui.separator();
    stance_ui(ui, &mut filter);
    ui.separator();
    outlet_language_ui(app, ui, &mut filter);
    ui.separator();
    dates_ui(ui, &mut filter);
    ui.separator();
    review_ui(ui, &mut filter);
    if ui.button("Clear all filters").clicked() {
        filter = Filter::default();
    }
    if filter != app.settings.filter {
        commands.push(Command::SetFilter(filter));
    }
}

fn actor_ui(app: &mut RasdApp, ui: &mut egui::Ui, filter: &mut Filter) {
    ui.strong("Actor");
    labelled_text(ui, "Find actor", &mut app.actor_search, "name or id");
    let query = normalize_str(app.actor_search.trim());
    let counts: HashMap<String, usize> = app.menu_counts().actors.clone();
    if ui.selectable_label(filter.actor.is_none(), "Any actor").clicked() {
        filter.actor = None;
    }
    let lexicon = app.lexicon.clone();
    let mut sides: Vec<(Option<&str>, String)> = lexicon
        .sides
        .iter()
        .map(|(id, names)| (Some(id.as_str()), names.get("en").cloned().unwrap_or_else(|| id.clone())))
        .collect();
    sides.push((None, "No side".to_string()));
    for (side, side_name) in sides {
        let actors: Vec<_> = lexicon
            .actors
            .iter()
            .filter(|a| a.side.as_deref() == side)
            .filter(|a| {
                query.is_empty()
                    || normalize_str(&a.id).contains(&query)
                    || a.names.values().any(|n| normalize_str(n).contains(&query))
            })
            .collect();
        if actors.is_empty() {
            continue;
        }
        let open = !query.is_empty() || actors.iter().any(|a| filter.actor.as_deref() == Some(a.id.as_str()));
        egui::CollapsingHeader::new(side_name).id_salt(("side", side)).open(open.then_some(true)).show(ui, |ui| {
            if let Some(side) = side {
                let chosen = filter.side.as_deref() == Some(side);
                if ui
                    .selectable_label(chosen, "Whole side")
                    .on_hover_text("articles naming any actor of this side")
                    .clicked()
                {
                    filter.side = if chosen { None } else { Some(side.to_string()) };
                    filter.actor = None;
                }
            }
            for actor in actors {
                let count = counts.get(&actor.id).copied().unwrap_or(0);
                let label = format!("{} · {} ({count})", actor.name("en"), actor.name("ar"));
                let chosen = filter.actor.as_deref() == Some(actor.id.as_str());
                if ui.selectable_label(chosen, label).on_hover_text(&actor.id).clicked() {
                    filter.actor = if chosen { None } else { Some(actor.id.clone()) };
                }
            }
        });
    }
}

fn stance_ui(ui: &mut egui::Ui, filter: &mut Filter) {
    ui.strong("Stance");
    egui::ComboBox::from_label("Stance toward the actor")
        .selected_text(filter.stance.map_or("any", StanceLabel::as_str))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut filter.stance, None, "any");
            for stance in StanceLabel::ALL {
                ui.selectable_value(&mut filter.stance, Some(stance), stance.as_str());
            }
        });
    egui::ComboBox::from_label("Stance set by")
        .selected_text(
            filter
                .origin
                .map_or("anyone", |o| if o == crate::analysis::Origin::Human { "the analyst" } else { "Rasd" }),
        )
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut filter.origin, None, "anyone");
            ui.selectable_value(&mut filter.origin, Some(crate::analysis::Origin::Auto), "Rasd");
            ui.selectable_value(&mut filter.origin, Some(crate::analysis::Origin::Human), "the analyst");
        });
    ui.horizontal(|ui| {
        ui.label("Voice:");
        ui.radio_value(&mut filter.voice, VoiceFilter::Own, "outlet's own");
        ui.radio_value(&mut filter.voice, VoiceFilter::Quoted, "quoted sources");
    });
}

fn review_ui(ui: &mut egui::Ui, filter: &mut Filter) {
    ui.strong("Review");
    egui::ComboBox::from_label("Reviewed")
        .selected_text(match filter.reviewed {
            None => "any",
            Some(true) => "reviewed",
            Some(false) => "not reviewed",
        })
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut filter.reviewed, None, "any");
            ui.selectable_value(&mut filter.reviewed, Some(true), "reviewed");
            ui.selectable_value(&mut filter.reviewed, Some(false), "not reviewed");
        });
    ui.checkbox(&mut filter.starred, "Starred only");
    let mut tag = filter.tag.clone().unwrap_or_default();
    if labelled_text(ui, "Tag", &mut tag, "one tag").changed() {
        filter.tag = Some(tag.trim().to_string()).filter(|t| !t.is_empty());
    }
}

fn outlet_language_ui(app: &mut RasdApp, ui: &mut egui::Ui, filter: &mut Filter) {
    let outlets = app.menu_counts().outlets.clone();
    egui::ComboBox::from_label("Outlet")
        .selected_text(filter.outlet.clone().unwrap_or_else(|| "any".to_string()))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut filter.outlet, None, "any");
            for (outlet, count) in &outlets {
                let name = if outlet.is_empty() { "(no outlet)" } else { outlet.as_str() };
                ui.selectable_value(&mut filter.outlet, Some(outlet.clone()), format!("{name} ({count})"));
            }
        });
    let name = |l: Language| match l {
        Language::Ar => "Arabic (ar)",
        Language::En => "English (en)",
        Language::Other => "other",
    };
    egui::ComboBox::from_label("Language").selected_text(filter.language.map_or("any", name)).show_ui(ui, |ui| {
        ui.selectable_value(&mut filter.language, None, "any");
        for language in [Language::Ar, Language::En, Language::Other] {
            ui.selectable_value(&mut filter.language, Some(language), name(language));
        }
    });
}

type DateFields = (String, String, Option<chrono::NaiveDate>, Option<chrono::NaiveDate>);

fn dates_ui(ui: &mut egui::Ui, filter: &mut Filter) {
    ui.strong("Dates");
    let id = ui.scope_id().with("date_fields");
    let show = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let (mut from, mut to, seen_from, seen_to): DateFields =
        ui.data(|d| d.get_temp(id)).unwrap_or_else(|| (show(filter.from), show(filter.to), filter.from, filter.to));
    // The filter changed elsewhere (chart drag, a chip): show its dates.
    if seen_from != filter.from {
        from = show(filter.from);
    }
    if seen_to != filter.to {
        to = show(filter.to);
    }
    if labelled_text(ui, "From (YYYY-MM-DD)", &mut from, "first day").changed() {
        filter.from = parse_date(&from, false);
    }
    if labelled_text(ui, "To (YYYY-MM-DD)", &mut to, "last day").changed() {
        filter.to = parse_date(&to, true);
    }
    ui.data_mut(|d| d.insert_temp::<DateFields>(id, (from, to, filter.from, filter.to)));
}

/// The active filters as removable chips above the chart.
pub fn chips_ui(app: &RasdApp, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    let filter = &app.settings.filter;
    let (total, shown) = app.counts();
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{shown} of {total} articles"));
        let mut chip = |label: String, clear: &dyn Fn(&mut Filter)| {
            if ui.button(format!("{label}  ×")).on_hover_text("remove this filter").clicked() {
                let mut f = filter.clone();
                clear(&mut f);
                commands.push(Command::SetFilter(f));
            }
        };
        if let Some(actor) = &filter.actor {
            let name =
                app.lexicon.actor_index(actor).map_or(actor.clone(), |i| app.lexicon.actors[i].name("en").to_string());
            chip(format!("actor: {name}"), &|f| f.actor = None);
        }
        if let Some(side) = &filter.side {
            chip(format!("side: {side}"), &|f| f.side = None);
        }
        if let Some(stance) = filter.stance {
            chip(format!("{}: {}", filter.voice.as_str(), stance.as_str()), &|f| f.stance = None);
        }
        if let Some(outlet) = &filter.outlet {
            chip(format!("outlet: {outlet}"), &|f| f.outlet = None);
        }
        if let Some(language) = filter.language {
            chip(format!("language: {}", language.code()), &|f| f.language = None);
        }
        if filter.from.is_some() || filter.to.is_some() {
            let span = format!(
                "{} – {}",
                filter.from.map(|d| d.to_string()).unwrap_or_default(),
                filter.to.map(|d| d.to_string()).unwrap_or_default()
            );
            chip(format!("dates: {span}"), &|f| {
                f.from = None;
                f.to = None;
            });
        }
        if !filter.text.trim().is_empty() {
            chip(format!("text: {}", filter.text.trim()), &|f| f.text.clear());
        }
        if let Some(origin) = filter.origin {
            chip(format!("set by: {}", origin.as_str()), &|f| f.origin = None);
        }
        if let Some(reviewed) = filter.reviewed {
            chip(if reviewed { "reviewed".to_string() } else { "not reviewed".to_string() }, &|f| f.reviewed = None);
        }
        if filter.starred {
            chip("starred".to_string(), &|f| f.starred = false);
        }
        if let Some(tag) = &filter.tag {
            chip(format!("tag: {tag}"), &|f| f.tag = None);
        }
    });
}
