//! The text report of `rasd eval`: figures first, then the breakdowns, then every disagreement
//! and recall gap.

use std::collections::BTreeMap;

use crate::query::{Agreement, EvalReport, VoiceAgreement};

/// A figure with three decimals, or `-` when it is undefined.
pub fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

/// A share as a percentage, or `-`.
pub fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{:.1}%", v * 100.0))
}

/// One agreement block: headline figures, per-label scores, confusion matrix.
pub fn agreement(title: &str, a: &Agreement) {
    println!("{title}: n={:.0}  accuracy {}  κ {}  α {}", a.n, percent(a.accuracy), figure(a.kappa), figure(a.alpha));
    println!("  {:<16} {:>9} {:>7} {:>7} {:>6} {:>6}", "label", "precision", "recall", "F1", "gold", "rasd");
    for l in &a.per_label {
        println!(
            "  {:<16} {:>9} {:>7} {:>7} {:>6.0} {:>6.0}",
            l.label,
            figure(l.precision),
            figure(l.recall),
            figure(l.f1),
            l.support,
            l.predicted
        );
    }
    let short: Vec<String> = a.confusion.labels.iter().map(|l| l.chars().take(7).collect()).collect();
    println!("  confusion (rows: reference, columns: candidate)");
    println!("  {:<16} {}", "", short.iter().map(|s| format!("{s:>8}")).collect::<String>());
    for (label, row) in a.confusion.labels.iter().zip(&a.confusion.counts) {
        println!("  {label:<16} {}", row.iter().map(|c| format!("{c:>8.0}")).collect::<String>());
    }
}

fn breakdown(title: &str, groups: &BTreeMap<String, VoiceAgreement>) {
    println!("\n{title}");
    println!(
        "  {:<24} {:>5} {:>9} {:>7} {:>7}   {:>9} {:>7}",
        "", "n", "own acc", "own κ", "own α", "quot acc", "quot κ"
    );
    for (name, g) in groups {
        println!(
            "  {:<24} {:>5.0} {:>9} {:>7} {:>7}   {:>9} {:>7}",
            name,
            g.own.n,
            percent(g.own.accuracy),
            figure(g.own.kappa),
            figure(g.own.alpha),
            percent(g.quoted.accuracy),
            figure(g.quoted.kappa)
        );
    }
}

/// The whole report.
pub fn report(
    gold: &[String],
    r: &EvalReport,
    human: Option<(usize, &VoiceAgreement, &VoiceAgreement)>,
    summary: bool,
) {
    println!("rasd eval — {}", gold.join(", "));
    println!(
        "{} rows: {} scored, {} left out as low confidence, {} not scored (listed below)",
        r.rows,
        r.scored,
        r.low_confidence,
        r.unscored.len()
    );
    let t = &r.targets;
    println!(
        "\nTARGETS  own-voice accuracy {}  κ {}  recall legitimizing {}  recall delegitimizing {}  polar claims on gold-neutral pairs {}",
        percent(t.accuracy),
        figure(t.kappa),
        percent(t.recall_legitimizing),
        percent(t.recall_delegitimizing),
        percent(t.polar_on_neutral)
    );
    let m = &r.mentions;
    println!(
        "actors found: {} of {} ({}); actors the gold says are absent but Rasd claims: {} of {}\n",
        m.found,
        m.gold_mentioned,
        percent(m.recall),
        m.false_mentions,
        m.gold_absent
    );
    agreement("own voice (Rasd against the gold)", &r.overall.own);
    println!();
    agreement("quoted voice (Rasd against the gold)", &r.overall.quoted);
    if let Some((shared, people, rasd)) = human {
        println!("\nHUMAN AGREEMENT on the {shared} pairs both coders labelled (second coder against the first):");
        agreement("own voice, people", &people.own);
        agreement("own voice, Rasd on the same pairs", &rasd.own);
        println!(
            "quoted voice: people accuracy {} κ {} · Rasd accuracy {} κ {}",
            percent(people.quoted.accuracy),
            figure(people.quoted.kappa),
            percent(rasd.quoted.accuracy),
            figure(rasd.quoted.kappa)
        );
    }
    breakdown("BY LANGUAGE", &r.by_language);
    breakdown("BY CONFLICT PACK (of the actor)", &r.by_pack);
    breakdown("BY OUTLET", &r.by_outlet);
    if !r.unscored.is_empty() {
        println!("\nNOT SCORED ({})", r.unscored.len());
        for u in &r.unscored {
            println!("  line {}: {} {}: {}", u.line, u.file, u.actor_id, u.reason);
        }
    }
    if summary {
        return;
    }
    println!("\nDISAGREEMENTS ({})", r.disagreements.len());
    for d in &r.disagreements {
        let found = if d.found { "" } else { " (actor not found)" };
        println!("  line {} {} {} [{}] gold {} · rasd {}{found}", d.line, d.file, d.actor_id, d.voice, d.gold, d.rasd);
        if !d.rasd_evidence.is_empty() {
            let items: Vec<String> =
                d.rasd_evidence.iter().map(|e| format!("{} ({}, {}, {})", e.term, e.rule, e.voice, e.stance)).collect();
            println!("      rasd: {}", items.join(" | "));
        }
        if !d.gold_evidence.is_empty() {
            println!("      gold: {}", d.gold_evidence.join(" | "));
        }
    }
    println!("\nRECALL GAPS: gold evidence of a polar judgement that Rasd never touched ({})", r.recall_gaps.len());
    for g in &r.recall_gaps {
        let located = if g.located { "" } else { " (phrase not found in the text)" };
        println!("  line {} {} {} [{}] {}{located}", g.line, g.file, g.actor_id, g.gold, g.phrase);
    }
}
