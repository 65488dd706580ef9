//! Fitting the calibration (class multipliers, label threshold, shrinkage, mixed mass) on the
//! training part of the gold sets by coordinate descent on Cohen's κ, with k-fold
//! cross-validation by article so that a fold's articles are never seen by its fit. Pure: the
//! caller analyses the articles; the stance comes from the same scoring the analysis uses.

use crate::analysis::{Evidence, StanceLabel, stance_of};
use crate::lexicon::{Calibration, EvidenceClass};

use super::agreement::Confusion;
use super::evaluation::OWN_LABELS;

/// One labelled (article, actor) pair: Rasd's evidence and the gold own-voice stance.
#[derive(Debug, Clone)]
pub struct Example<'a> {
    /// Rasd's evidence for the actor (empty when Rasd did not find it).
    pub evidence: &'a [Evidence],
    /// The careful reader's stance.
    pub gold: StanceLabel,
    /// The fold of the example's article.
    pub fold: usize,
}

/// Values tried for each class multiplier.
const MULTIPLIERS: [f32; 11] = [0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0];
/// Values tried for the label threshold.
const THRESHOLDS: [f32; 9] = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];
/// Values tried for the shrinkage.
const SHRINKS: [f32; 6] = [0.25, 0.5, 0.75, 1.0, 1.5, 2.0];
/// Values tried for the mixed mass.
const MIXED: [f32; 6] = [0.5, 0.75, 1.0, 1.5, 2.0, 3.0];
/// Values tried for the leader roll-up.
const ROLL_UPS: [f32; 5] = [0.0, 0.25, 0.5, 0.75, 1.0];
/// Coordinate-descent passes at most.
const PASSES: usize = 4;
/// κ a parameter must buy to leave its default (a multiplier of 1, the FRAMING.md threshold,
/// shrinkage and mixed mass): about two examples in five hundred. Without it the fit zeroes a
/// class to win one example, and the domain's priors are lost on little evidence.
const PENALTY_PER_PARAMETER: f64 = 0.005;

fn index(label: StanceLabel) -> usize {
    OWN_LABELS.iter().position(|l| *l == label.as_str()).unwrap_or(1)
}

/// Rasd's own-voice stance of every example under `calibration`, against the gold.
#[must_use]
pub fn confusion<'e>(examples: impl Iterator<Item = &'e Example<'e>>, calibration: &Calibration) -> Confusion {
    let mut matrix = Confusion::new(&OWN_LABELS);
    for e in examples {
        matrix.add(index(e.gold), index(stance_of(e.evidence, true, calibration)), 1.0);
    }
    matrix
}

/// How many parameters differ from their defaults.
fn moved(calibration: &Calibration) -> usize {
    let defaults = Calibration::default();
    let close = |a: f32, b: f32| (a - b).abs() < 1e-6;
    calibration.weights.values().filter(|w| !close(**w, 1.0)).count()
        + usize::from(!close(calibration.threshold, defaults.threshold))
        + usize::from(!close(calibration.shrink, defaults.shrink))
        + usize::from(!close(calibration.mixed_mass, defaults.mixed_mass))
        + usize::from(!close(calibration.roll_up, defaults.roll_up))
}

/// Sets one scalar of the calibration.
type Setter = fn(&mut Calibration, f32);

/// What the fit maximises: κ less the penalty for moved parameters, then accuracy.
fn objective(matrix: &Confusion, calibration: &Calibration) -> (f64, f64) {
    let kappa = matrix.cohen_kappa().unwrap_or(-1.0);
    (kappa - PENALTY_PER_PARAMETER * moved(calibration) as f64, matrix.accuracy().unwrap_or(0.0))
}

fn better(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 > b.0 + 1e-9 || ((a.0 - b.0).abs() <= 1e-9 && a.1 > b.1 + 1e-9)
}

/// Fit the calibration on `examples`, starting from `start` (its rule switches are kept).
#[must_use]
pub fn fit(examples: &[&Example<'_>], start: &Calibration) -> Calibration {
    let score = |c: &Calibration| objective(&confusion(examples.iter().copied(), c), c);
    let mut best = start.clone();
    let mut best_score = score(&best);
    for _ in 0..PASSES {
        let before = best_score;
        for class in EvidenceClass::ALL {
            for &m in &MULTIPLIERS {
                let mut candidate = best.clone();
                candidate.weights.insert(class, m);
                let s = score(&candidate);
                if better(s, best_score) {
                    (best, best_score) = (candidate, s);
                }
            }
        }
        let scalars: [(&[f32], Setter); 4] = [
            (&THRESHOLDS, |c, v| c.threshold = v),
            (&SHRINKS, |c, v| c.shrink = v),
            (&MIXED, |c, v| c.mixed_mass = v),
            (&ROLL_UPS, |c, v| c.roll_up = v),
        ];
        for (values, set) in scalars {
            for &v in values {
                let mut candidate = best.clone();
                set(&mut candidate, v);
                let s = score(&candidate);
                if better(s, best_score) {
                    (best, best_score) = (candidate, s);
                }
            }
        }
        if !better(best_score, before) {
            break;
        }
    }
    best
}

/// k-fold cross-validation: each fold predicted by a fit on the others; the pooled matrix.
#[must_use]
pub fn cross_validate(examples: &[Example<'_>], start: &Calibration, folds: usize) -> Confusion {
    let mut pooled = Confusion::new(&OWN_LABELS);
    for fold in 0..folds {
        let training: Vec<&Example<'_>> = examples.iter().filter(|e| e.fold != fold).collect();
        let fitted = fit(&training, start);
        let held = confusion(examples.iter().filter(|e| e.fold == fold), &fitted);
        for (row, counts) in held.counts.iter().enumerate() {
            for (column, &n) in counts.iter().enumerate() {
                pooled.add(row, column, n);
            }
        }
    }
    pooled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{AttachKind, FieldKind, Voice};
    use crate::lexicon::{Axis, Stance};

    fn evidence(class: EvidenceClass, stance: Stance, weight: f32) -> Evidence {
        Evidence {
            actor: 0,
            text: String::new(),
            stance,
            rule: format!("{class:?}"),
            attach: AttachKind::Idafa,
            voice: Voice::Own,
            axis: Axis::Legitimacy,
            class,
            field: FieldKind::Body,
            start: 0,
            end: 0,
            target_start: 0,
            target_end: 0,
            weight,
            position: 1.0,
            negated: false,
            distanced: false,
            hedged: false,
            via: None,
            implied_mention: false,
            proxy: None,
        }
    }

    #[test]
    fn the_fit_learns_that_a_class_misleads_and_cross_validation_scores_held_out_folds() {
        // Titles (weight 0.5) are read as neutral by the gold, labels (0.8) as delegitimizing.
        let titles = vec![evidence(EvidenceClass::Title, Stance::Legitimizing, 0.5)];
        let labels = vec![evidence(EvidenceClass::Label, Stance::Delegitimizing, 0.8)];
        let mut examples = Vec::new();
        for i in 0..20 {
            examples.push(Example { evidence: &titles, gold: StanceLabel::Neutral, fold: i % 4 });
            examples.push(Example { evidence: &labels, gold: StanceLabel::Delegitimizing, fold: i % 4 });
        }
        let start = Calibration::default();
        let before = confusion(examples.iter(), &start);
        assert!(before.accuracy().is_some_and(|a| a < 0.6), "the defaults call titles legitimizing");
        let all: Vec<&Example<'_>> = examples.iter().collect();
        let fitted = fit(&all, &start);
        assert!(confusion(examples.iter(), &fitted).accuracy().is_some_and(|a| a > 0.99));
        assert!(fitted.weight(EvidenceClass::Title) < 0.6);
        let cv = cross_validate(&examples, &start, 4);
        assert!(cv.accuracy().is_some_and(|a| a > 0.99));
        assert!((cv.total() - 40.0).abs() < 1e-9, "every example predicted once");
    }
}
