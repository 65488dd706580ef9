//! Agreement statistics between two codings of the same items (Rasd against a gold set, or one
//! coder against another): confusion matrix, accuracy, precision/recall/F1 per label, Cohen's κ
//! and Krippendorff's α (nominal, any number of coders, missing values allowed). Pure numbers:
//! no files, no analysis.

use serde::Serialize;

/// Counts of (reference, candidate) label pairs. Weights may be fractional (an expected
/// matrix, such as one annotator drawn at random from vote counts).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Confusion {
    /// The label names, in row and column order.
    pub labels: Vec<String>,
    /// `counts[reference][candidate]`.
    pub counts: Vec<Vec<f64>>,
}

impl Confusion {
    /// An empty matrix over `labels`.
    #[must_use]
    pub fn new(labels: &[&str]) -> Self {
        let n = labels.len();
        Self { labels: labels.iter().map(|l| (*l).to_string()).collect(), counts: vec![vec![0.0; n]; n] }
    }

    /// Add one pair with weight `weight`.
    pub fn add(&mut self, reference: usize, candidate: usize, weight: f64) {
        if let Some(cell) = self.counts.get_mut(reference).and_then(|row| row.get_mut(candidate)) {
            *cell += weight;
        }
    }

    /// The total weight.
    #[must_use]
    pub fn total(&self) -> f64 {
        self.counts.iter().flatten().sum()
    }

    fn diagonal(&self) -> f64 {
        (0..self.labels.len()).map(|i| self.counts[i][i]).sum()
    }

    fn row_sum(&self, i: usize) -> f64 {
        self.counts[i].iter().sum()
    }

    fn column_sum(&self, j: usize) -> f64 {
        self.counts.iter().map(|row| row[j]).sum()
    }

    /// Share of pairs on the diagonal; `None` when empty.
    #[must_use]
    pub fn accuracy(&self) -> Option<f64> {
        let total = self.total();
        (total > 0.0).then(|| self.diagonal() / total)
    }

    /// Cohen's κ: (observed − chance agreement) / (1 − chance), chance from the two margins.
    /// `None` when empty or when chance agreement is total (one label used by both).
    #[must_use]
    pub fn cohen_kappa(&self) -> Option<f64> {
        let total = self.total();
        if total <= 0.0 {
            return None;
        }
        let observed = self.diagonal() / total;
        let chance: f64 = (0..self.labels.len()).map(|i| self.row_sum(i) / total * (self.column_sum(i) / total)).sum();
        (chance < 1.0 - 1e-12).then(|| (observed - chance) / (1.0 - chance))
    }

    /// Krippendorff's α (nominal) for two coders with no missing values: the matrix read as a
    /// coincidence table.
    #[must_use]
    pub fn krippendorff_alpha(&self) -> Option<f64> {
        let n = self.labels.len();
        let mut coincidences = vec![vec![0.0; n]; n];
        for (i, row) in self.counts.iter().enumerate() {
            for (j, &w) in row.iter().enumerate() {
                coincidences[i][j] += w;
                coincidences[j][i] += w;
            }
        }
        alpha_from_coincidences(&coincidences)
    }

    /// Precision, recall and F1 of each label, the reference being the rows.
    #[must_use]
    pub fn per_label(&self) -> Vec<LabelScores> {
        (0..self.labels.len())
            .map(|i| {
                let hit = self.counts[i][i];
                let predicted = self.column_sum(i);
                let actual = self.row_sum(i);
                let precision = (predicted > 0.0).then(|| hit / predicted);
                let recall = (actual > 0.0).then(|| hit / actual);
                let f1 = match (precision, recall) {
                    (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
                    (Some(_), Some(_)) => Some(0.0),
                    _ => None,
                };
                LabelScores { label: self.labels[i].clone(), support: actual, predicted, precision, recall, f1 }
            })
            .collect()
    }

    /// Every figure at once.
    #[must_use]
    pub fn summary(&self) -> Agreement {
        Agreement {
            n: self.total(),
            accuracy: self.accuracy(),
            kappa: self.cohen_kappa(),
            alpha: self.krippendorff_alpha(),
            per_label: self.per_label(),
            confusion: self.clone(),
        }
    }
}

/// Precision, recall and F1 of one label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelScores {
    /// The label.
    pub label: String,
    /// Pairs the reference gives this label.
    pub support: f64,
    /// Pairs the candidate gives this label.
    pub predicted: f64,
    /// Of the candidate's, how many the reference agrees with.
    pub precision: Option<f64>,
    /// Of the reference's, how many the candidate found.
    pub recall: Option<f64>,
    /// Harmonic mean of the two.
    pub f1: Option<f64>,
}

/// The agreement figures of one comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    /// Number of pairs (their total weight).
    pub n: f64,
    /// Share of identical labels.
    pub accuracy: Option<f64>,
    /// Cohen's κ.
    pub kappa: Option<f64>,
    /// Krippendorff's α (nominal).
    pub alpha: Option<f64>,
    /// Per label.
    pub per_label: Vec<LabelScores>,
    /// The matrix itself.
    pub confusion: Confusion,
}

/// Krippendorff's α (nominal) over `units`, each the values the coders gave it (`None` where a
/// coder gave none), values being label indexes below `labels`. Units with fewer than two values
/// are not pairable and are left out, as Krippendorff prescribes. `None` when fewer than two
/// pairable values remain or the data hold a single value.
#[must_use]
pub fn krippendorff_alpha_nominal(units: &[Vec<Option<usize>>], labels: usize) -> Option<f64> {
    let mut coincidences = vec![vec![0.0; labels]; labels];
    for unit in units {
        let values: Vec<usize> = unit.iter().flatten().copied().filter(|&v| v < labels).collect();
        let m = values.len();
        if m < 2 {
            continue;
        }
        let share = 1.0 / (m as f64 - 1.0);
        for (a, &c) in values.iter().enumerate() {
            for (b, &k) in values.iter().enumerate() {
                if a != b {
                    coincidences[c][k] += share;
                }
            }
        }
    }
    alpha_from_coincidences(&coincidences)
}

/// α = 1 − D_o / D_e from a coincidence matrix, with the nominal metric.
fn alpha_from_coincidences(o: &[Vec<f64>]) -> Option<f64> {
    let totals: Vec<f64> = o.iter().map(|row| row.iter().sum()).collect();
    let n: f64 = totals.iter().sum();
    if n <= 1.0 {
        return None;
    }
    let disagree_observed: f64 = o
        .iter()
        .enumerate()
        .flat_map(|(c, row)| row.iter().enumerate().filter(move |(k, _)| *k != c))
        .map(|(_, w)| w)
        .sum();
    let disagree_expected: f64 = (0..totals.len())
        .flat_map(|c| (0..totals.len()).filter(move |&k| k != c).map(move |k| (c, k)))
        .map(|(c, k)| totals[c] * totals[k])
        .sum::<f64>()
        / (n - 1.0);
    (disagree_expected > 0.0).then(|| 1.0 - disagree_observed / disagree_expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: Option<f64>, want: f64) -> bool {
        got.is_some_and(|g| (g - want).abs() < 5e-4)
    }

    /// Two coders' labels as a confusion matrix.
    fn pairs(a: &[usize], b: &[usize], labels: &[&str]) -> Confusion {
        let mut m = Confusion::new(labels);
        for (&x, &y) in a.iter().zip(b) {
            m.add(x, y, 1.0);
        }
        m
    }

    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example A: binary
    // data, two observers, no missing data: α = 0.095.
    #[test]
    fn krippendorff_example_binary_two_observers() {
        let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
        let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
        let m = pairs(&a, &b, &["0", "1"]);
        let alpha = m.krippendorff_alpha();
        assert!(close(alpha, 0.095), "{alpha:?}");
        let units: Vec<Vec<Option<usize>>> = a.iter().zip(&b).map(|(&x, &y)| vec![Some(x), Some(y)]).collect();
        assert!(close(krippendorff_alpha_nominal(&units, 2), 0.095));
    }

    // Example B: nominal data (a–e), two observers, no missing data: α = 0.692.
    #[test]
    fn krippendorff_example_nominal_two_observers() {
        let code = |s: &str| s.bytes().map(|b| usize::from(b - b'a')).collect::<Vec<_>>();
        let m = pairs(&code("aabbdcccedda"), &code("babbbccceddd"), &["a", "b", "c", "d", "e"]);
        let alpha = m.krippendorff_alpha();
        assert!(close(alpha, 0.692), "{alpha:?}");
    }

    // Example C: nominal data, four observers, missing values: α = 0.743.
    #[test]
    fn krippendorff_example_four_observers_with_missing_values() {
        let rows: [[Option<usize>; 12]; 4] = [
            [Some(1), Some(2), Some(3), Some(3), Some(2), Some(1), Some(4), Some(1), Some(2), None, None, None],
            [Some(1), Some(2), Some(3), Some(3), Some(2), Some(2), Some(4), Some(1), Some(2), Some(5), None, Some(3)],
            [None, Some(3), Some(3), Some(3), Some(2), Some(3), Some(4), Some(2), Some(2), Some(5), Some(1), None],
            [Some(1), Some(2), Some(3), Some(3), Some(2), Some(4), Some(4), Some(1), Some(2), Some(5), Some(1), None],
        ];
        let units: Vec<Vec<Option<usize>>> = (0..12).map(|u| rows.iter().map(|r| r[u]).collect()).collect();
        let alpha = krippendorff_alpha_nominal(&units, 6);
        assert!(close(alpha, 0.743), "{alpha:?}");
    }

    #[test]
    fn cohen_kappa_of_a_textbook_table() {
        // 50 items: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: p_o = 0.7, p_e = 0.5, κ = 0.4.
        let mut m = Confusion::new(&["yes", "no"]);
        m.add(0, 0, 20.0);
        m.add(0, 1, 5.0);
        m.add(1, 0, 10.0);
        m.add(1, 1, 15.0);
        assert!(close(m.cohen_kappa(), 0.4));
        assert!(close(m.accuracy(), 0.7));
        let yes = &m.per_label()[0];
        assert!(close(yes.precision, 20.0 / 30.0) && close(yes.recall, 0.8));
    }

    #[test]
    fn degenerate_tables_have_no_kappa() {
        let mut m = Confusion::new(&["a", "b"]);
        assert_eq!(m.cohen_kappa(), None, "empty");
        m.add(0, 0, 3.0);
        assert_eq!(m.cohen_kappa(), None, "one label everywhere: chance agreement is total");
        assert_eq!(m.krippendorff_alpha(), None);
        assert!(close(m.accuracy(), 1.0));
    }

    #[test]
    fn perfect_and_opposite_agreement() {
        let m = pairs(&[0, 1, 0, 1], &[0, 1, 0, 1], &["a", "b"]);
        assert!(close(m.cohen_kappa(), 1.0) && close(m.krippendorff_alpha(), 1.0));
        let m = pairs(&[0, 1, 0, 1], &[1, 0, 1, 0], &["a", "b"]);
        assert!(m.cohen_kappa().is_some_and(|k| k < -0.99));
    }
}
