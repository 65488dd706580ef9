//! The timeline: article counts per day, week or month, stacked by stance toward the chosen
//! actor (or by side); hovering a bar shows its counts; dragging across the chart sets the
//! date filter.

use egui_plot::{Bar, BarChart, Legend, Plot};

use super::style::{side_colour, stance_colour};
use crate::analysis::StanceLabel;
use crate::query::{Bucket, Granularity, Series};
use crate::ui::app::{Command, RasdApp};

const HEIGHT: f32 = 170.0;

fn epoch() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

fn day_number(date: chrono::NaiveDate) -> f64 {
    (date - epoch()).num_days() as f64
}

fn date_of(x: f64) -> chrono::NaiveDate {
    let days = x.round() as i64;
    if days >= 0 {
        epoch() + chrono::Days::new(days.unsigned_abs())
    } else {
        epoch() - chrono::Days::new(days.unsigned_abs())
    }
}

fn series_name(series: &Series) -> String {
    match series {
        Series::Stance(s) => s.as_str().to_string(),
        Series::Side(side) => side.clone(),
        Series::NoActor => "no actor".to_string(),
    }
}

fn series_colour(series: &Series) -> egui::Color32 {
    match series {
        Series::Stance(s) => stance_colour(*s),
        Series::Side(side) => side_colour(side),
        Series::NoActor => egui::Color32::GRAY,
    }
}

fn width_of(granularity: Granularity) -> f64 {
    match granularity {
        Granularity::Day => 0.85,
        Granularity::Week => 6.0,
        Granularity::Month => 26.0,
    }
}

/// The chart.
pub fn timeline_ui(app: &mut RasdApp, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    let filter = app.settings.filter.clone();
    let (granularity, buckets) = app.timeline();
    let buckets: Vec<Bucket> = buckets.to_vec();
    if buckets.is_empty() {
        ui.allocate_ui(egui::vec2(ui.available_width(), HEIGHT), |ui| {
            ui.centered_and_justified(|ui| ui.label("No dated articles to chart."));
        });
        return;
    }
    let mut order: Vec<Series> = Vec::new();
    if filter.actor.is_some() {
        order.extend(StanceLabel::ALL.map(Series::Stance));
    }
    for bucket in &buckets {
        for (series, _) in &bucket.counts {
            if !order.contains(series) {
                order.push(series.clone());
            }
        }
    }
    let width = width_of(granularity);
    let mut charts: Vec<BarChart> = Vec::new();
    for series in &order {
        let bars: Vec<Bar> = buckets
            .iter()
            .map(|b| {
                let count = b.counts.iter().find(|(s, _)| s == series).map_or(0, |(_, c)| *c);
                Bar::new(day_number(b.start) + width / 2.0, count as f64).width(width).name(tooltip(b, granularity))
            })
            .collect();
        let mut chart = BarChart::new(series_name(series), bars).color(series_colour(series));
        if !charts.is_empty() {
            let below: Vec<&BarChart> = charts.iter().collect();
            chart = chart.stack_on(&below);
        }
        charts.push(chart);
    }
    ui.label(format!("Articles per {} — drag across the chart to set the dates", granularity.as_str()));
    // At least a few buckets wide, so one day of articles is a bar and not the whole chart.
    let first = buckets.first().map_or(0.0, |b| day_number(b.start));
    let last = buckets.last().map_or(0.0, |b| day_number(b.start));
    let padding = ((7.0 * width - (last + width - first)) / 2.0).max(0.0);
    let response = Plot::new("timeline")
        .height(HEIGHT)
        .legend(Legend::default())
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        // Dates on whole days only (a grid finer than a day would repeat the same date).
        .x_axis_formatter(|mark, _| if mark.step_size >= 1.0 { date_of(mark.value).to_string() } else { String::new() })
        .include_x(first - padding)
        .include_x(last + width + padding)
        .y_axis_min_width(24.0)
        .show(ui, |plot_ui| {
            for chart in charts {
                plot_ui.bar_chart(chart);
            }
            plot_ui.pointer_coordinate()
        });
    let pointer_x = response.inner.map(|p| p.x);
    let r = &response.response;
    if r.drag_started() {
        app.drag_from_day = pointer_x;
    }
    if r.drag_stopped()
        && let (Some(from), Some(to)) = (app.drag_from_day.take(), pointer_x)
    {
        let (a, b) = if from <= to { (from, to) } else { (to, from) };
        let mut f = filter;
        f.from = Some(date_of(a.floor()));
        f.to = Some(date_of(b.floor()));
        commands.push(Command::SetFilter(f));
    }
}

fn tooltip(bucket: &Bucket, granularity: Granularity) -> String {
    let counts: Vec<String> = bucket.counts.iter().map(|(s, c)| format!("{}: {c}", series_name(s))).collect();
    format!("{} {} — {} articles ({})", granularity.as_str(), bucket.start, bucket.total(), counts.join(", "))
}
