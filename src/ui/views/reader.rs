//! The reader: the opened article right to left or left to right, its evidence highlighted in
//! the stance's colour (hover says why), a card per actor, copy paragraph / copy article with
//! the logical text, and the original file.

use std::ops::Range;

use super::style::{chip, evidence_colour, stance_colour};
use crate::analysis::{ActorFraming, Evidence, FieldKind};
use crate::store::StoredArticle;
use crate::text::Language;
use crate::ui::app::{Command, RasdApp};
use crate::ui::rich_text::{Highlight, TextCache, bidi_label, paragraph_ui};

const BODY_SIZE: f32 = 17.0;
const TITLE_SIZE: f32 = 23.0;

fn highlights_in<'a>(
    article: &'a StoredArticle,
    field: FieldKind,
    range: &Range<usize>,
) -> Vec<(Highlight, Vec<(&'a ActorFraming, &'a Evidence)>)> {
    let mut out: Vec<(Highlight, Vec<(&'a ActorFraming, &'a Evidence)>)> = Vec::new();
    for actor in &article.actors {
        for e in actor.evidence.iter().filter(|e| e.field == field && e.start >= range.start && e.end <= range.end) {
            let term = e.start - range.start..e.end - range.start;
            match out.iter_mut().find(|(h, _)| h.range == term) {
                Some((_, list)) => list.push((actor, e)),
                None => {
                    let background = evidence_colour(e.stance).gamma_multiply(if e.negated { 0.15 } else { 0.45 });
                    out.push((Highlight { range: term, background, underline: false }, vec![(actor, e)]));
                }
            }
            if e.target_start >= range.start && e.target_end <= range.end {
                let target = e.target_start - range.start..e.target_end - range.start;
                if !out.iter().any(|(h, _)| h.range == target) {
                    out.push((
                        Highlight { range: target, background: egui::Color32::TRANSPARENT, underline: true },
                        Vec::new(),
                    ));
                }
            }
        }
    }
    out
}

/// The words of `text` that the search box's query matches (compared in search form, so a
/// clitic or a hamza does not hide them).
fn search_hits(text: &str, query: &str) -> Vec<Highlight> {
    let wanted: std::collections::HashSet<String> = crate::text::search_text(query)
        .split(' ')
        .filter(|w| !w.is_empty() && !matches!(*w, "and" | "or" | "not" | "near"))
        .map(str::to_string)
        .collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let normalized = crate::text::normalize(text);
    let tokens = crate::text::TokenizedText::new(&normalized.text);
    tokens
        .tokens
        .iter()
        .filter(|t| wanted.contains(crate::text::stem(&normalized.text[t.start..t.end])))
        .map(|t| Highlight {
            range: normalized.original_range(t.start, t.end),
            background: egui::Color32::from_rgba_unmultiplied(0xf0, 0xd0, 0x40, 90),
            underline: false,
        })
        .collect()
}

fn why(actor: &ActorFraming, e: &Evidence) -> String {
    let sign = match e.stance {
        crate::lexicon::Stance::Legitimizing => "+",
        crate::lexicon::Stance::Delegitimizing => "−",
        crate::lexicon::Stance::Neutral => "±",
    };
    let mut notes = Vec::new();
    if e.negated {
        notes.push("negated: counts 0");
    }
    if e.distanced {
        notes.push("distanced");
    }
    if e.hedged {
        notes.push("hedged: halved");
    }
    let via = e.via.as_ref().map(|v| format!(" via {v}")).unwrap_or_default();
    format!(
        "{} → {} ({}{via}): rule {}, {:?} attachment, {} voice, {sign}{:.2}{}",
        e.text,
        actor.name,
        actor.id,
        e.rule,
        e.attach,
        voice_name(e.voice),
        e.weight * e.position,
        if notes.is_empty() { String::new() } else { format!(" — {}", notes.join(", ")) }
    )
}

fn voice_name(voice: crate::analysis::Voice) -> &'static str {
    match voice {
        crate::analysis::Voice::Own => "outlet's own",
        crate::analysis::Voice::Headline => "headline",
        crate::analysis::Voice::Reported => "reported",
        crate::analysis::Voice::Quoted => "quoted",
    }
}

fn paragraph(
    app: &mut RasdApp,
    ui: &mut egui::Ui,
    text: &str,
    field: FieldKind,
    range: Range<usize>,
    size: f32,
    commands: &mut Vec<Command>,
) {
    let Some(article) = app.opened.as_ref() else { return };
    let rtl = article.row.language == Language::Ar;
    let found = highlights_in(article, field, &range);
    let mut highlights: Vec<Highlight> = found.iter().map(|(h, _)| h.clone()).collect();
    highlights.extend(search_hits(text, &app.settings.filter.text));
    let font = egui::FontId::proportional(size);
    let drawn = paragraph_ui(ui, &mut app.text_cache, text, rtl, &font, &highlights, egui::Sense::click());
    if let Some(byte) = drawn.hovered_byte {
        let lines: Vec<String> = found
            .iter()
            .filter(|(h, list)| h.range.contains(&byte) && !list.is_empty())
            .flat_map(|(_, list)| list.iter().map(|(a, e)| why(a, e)))
            .collect();
        if !lines.is_empty() {
            drawn.response.clone().on_hover_text_at_pointer(lines.join("\n"));
        }
    }
    let logical = text.to_string();
    drawn.response.context_menu(|ui| {
        if ui.button("Copy paragraph").clicked() {
            commands.push(Command::Copy(logical.clone()));
            ui.close();
        }
    });
}

/// The right panel.
pub fn reader_ui(app: &mut RasdApp, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    let Some(article) = app.opened.clone() else { return };
    ui.horizontal(|ui| {
        if ui.button("Copy article").on_hover_text("title and body, in reading order").clicked() {
            commands.push(Command::Copy(format!("{}\n\n{}", article.row.title, article.body)));
        }
        if let Some(path) = article.paths.first()
            && ui.button("Open file").on_hover_text(path).clicked()
        {
            commands.push(Command::OpenFile(path.into()));
        }
        if ui.button("Close").clicked() {
            app.opened = None;
        }
    });
    ui.separator();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let title = article.row.title.clone();
        let title_range = 0..title.len();
        paragraph(app, ui, &title, FieldKind::Title, title_range, TITLE_SIZE, commands);
        meta_ui(&article, ui, &mut app.text_cache);
        marks_ui(app, &article, ui, commands);
        ui.separator();
        for actor in &article.actors {
            card_ui(actor, ui, &mut app.text_cache);
            correction_ui(app, &article.row.id, actor, ui, commands);
        }
        ui.separator();
        let mut offset = 0;
        for line in article.body.split('\n') {
            let range = offset..offset + line.len();
            offset = range.end + 1;
            if line.trim().is_empty() {
                continue;
            }
            paragraph(app, ui, line, FieldKind::Body, range, BODY_SIZE, commands);
            ui.add_space(6.0);
        }
        if !article.keywords.is_empty() || !article.related.is_empty() {
            ui.separator();
            ui.weak("Keywords and related headlines (not part of the article):");
            let rtl = article.row.language == Language::Ar;
            let font = egui::FontId::proportional(14.0);
            for line in article.keywords.iter().chain(&article.related) {
                paragraph_ui(ui, &mut app.text_cache, line, rtl, &font, &[], egui::Sense::hover());
            }
        }
    });
}

fn meta_ui(article: &StoredArticle, ui: &mut egui::Ui, cache: &mut TextCache) {
    let row = &article.row;
    let font = egui::FontId::proportional(14.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(row.published.as_deref().unwrap_or("no date")).strong());
        if let Some(printed) = &article.published_text {
            ui.weak("printed:");
            bidi_label(ui, cache, printed, &font);
        }
        ui.weak("·");
        bidi_label(ui, cache, if row.source.is_empty() { "no outlet" } else { &row.source }, &font);
        ui.weak(format!("· {}", row.language.code()));
    });
    for path in &article.paths {
        ui.weak(path);
    }
}

fn marks_ui(app: &mut RasdApp, article: &StoredArticle, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    let row = &article.row;
    let current = crate::store::Marks { reviewed: row.reviewed, starred: row.starred, tags: row.tags.clone() };
    ui.horizontal_wrapped(|ui| {
        let mut reviewed = row.reviewed;
        if ui.checkbox(&mut reviewed, "Reviewed").changed() {
            commands.push(Command::SetMarks {
                article: row.id.clone(),
                marks: crate::store::Marks { reviewed, ..current.clone() },
            });
        }
        let star = if row.starred { "Starred (remove)" } else { "Star" };
        if ui.button(star).on_hover_text("star this article").clicked() {
            commands.push(Command::SetMarks {
                article: row.id.clone(),
                marks: crate::store::Marks { starred: !row.starred, ..current.clone() },
            });
        }
        let label = ui.label("Tags");
        let response = ui
            .add(egui::TextEdit::singleline(&mut app.tags_draft).hint_text("comma-separated").desired_width(160.0))
            .labelled_by(label.id);
        let tags: Vec<String> =
            app.tags_draft.split([',', '،']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect();
        if tags != row.tags
            && (ui.button("Save tags").clicked()
                || response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
        {
            commands
                .push(Command::SetMarks { article: row.id.clone(), marks: crate::store::Marks { tags, ..current } });
        }
    });
}

fn correction_ui(
    app: &mut RasdApp,
    article: &str,
    actor: &ActorFraming,
    ui: &mut egui::Ui,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        let human = actor.origin == crate::analysis::Origin::Human;
        let computed = actor.auto_stance.unwrap_or(actor.stance);
        let shown = if human { actor.stance.as_str().to_string() } else { format!("auto ({})", computed.as_str()) };
        let mut choice: Option<Option<crate::analysis::StanceLabel>> = None;
        let label = format!("Stance toward {} (by hand)", actor.id);
        egui::ComboBox::from_label(label).selected_text(shown).show_ui(ui, |ui| {
            if ui.selectable_label(!human, format!("auto ({})", computed.as_str())).clicked() {
                choice = Some(None);
            }
            for stance in crate::analysis::StanceLabel::ALL {
                if ui.selectable_label(human && actor.stance == stance, stance.as_str()).clicked() {
                    choice = Some(Some(stance));
                }
            }
        });
        let draft = app.note_drafts.entry(actor.id.clone()).or_default();
        let label = ui.label(format!("Note on {}", actor.id));
        ui.add(egui::TextEdit::singleline(draft).hint_text("why").desired_width(180.0)).labelled_by(label.id);
        let note = draft.clone();
        if human && Some(note.as_str()) != actor.note.as_deref().or(Some("")) && ui.button("Save note").clicked() {
            choice = Some(Some(actor.stance));
        }
        if let Some(value) = choice {
            commands.push(Command::Annotate {
                article: article.to_string(),
                actor: actor.id.clone(),
                value: value.map(|s| (s, note)),
            });
        }
    });
}

fn card_ui(actor: &ActorFraming, ui: &mut egui::Ui, cache: &mut TextCache) {
    let font = egui::FontId::proportional(15.0);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            bidi_label(ui, cache, &actor.name, &font);
            ui.weak(format!("{} · {}", actor.id, actor.side.as_deref().unwrap_or("no side")));
            chip(ui, actor.stance.as_str(), stance_colour(actor.stance))
                .on_hover_text("stance of the outlet's own voice");
            ui.label(format!(
                "score {:+.2} · confidence {:.0}% · {} mentions",
                actor.score,
                actor.confidence * 100.0,
                actor.mentions
            ));
        });
        let quoted: Vec<&Evidence> = actor.evidence.iter().filter(|e| !e.voice.is_outlet()).collect();
        if quoted.is_empty() {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label("Quoted sources:");
            chip(ui, actor.quoted_stance.as_str(), stance_colour(actor.quoted_stance));
            for e in quoted {
                bidi_label(ui, cache, &e.text, &font).on_hover_text(format!("{} · {}", e.rule, voice_name(e.voice)));
            }
        });
    });
}
