//! Per-actor scores from evidence (FRAMING.md §2.6): signed mass over evidence mass, shrunk
//! toward zero for thin evidence; `mixed` when both sides carry real weight.

use serde::{Deserialize, Serialize};

use super::evidence::Evidence;
use crate::lexicon::{Axis, Calibration};

/// The stance label of one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StanceLabel {
    /// Net legitimizing.
    Legitimizing,
    /// Net delegitimizing.
    Delegitimizing,
    /// Little or balanced evidence.
    Neutral,
    /// Strong evidence both ways.
    Mixed,
}

impl StanceLabel {
    /// Every label, in display order.
    pub const ALL: [Self; 4] = [Self::Legitimizing, Self::Neutral, Self::Mixed, Self::Delegitimizing];

    /// Parse the lower-case name; anything unknown is neutral.
    #[must_use]
    pub fn parse(name: &str) -> Self {
        Self::from_name(name).unwrap_or(Self::Neutral)
    }

    /// Parse the lower-case name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// The lower-case name used in output and filters.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Legitimizing => "legitimizing",
            Self::Delegitimizing => "delegitimizing",
            Self::Neutral => "neutral",
            Self::Mixed => "mixed",
        }
    }
}

/// Where a stance comes from: Rasd's analysis or the analyst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Computed from the evidence.
    #[default]
    Auto,
    /// Set by hand.
    Human,
}

impl Origin {
    /// The lower-case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Human => "human",
        }
    }
}

/// Mass at which confidence reaches one half.
const HALF_CONFIDENCE_MASS: f32 = 2.0;

/// The result for one channel and axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChannelScore {
    /// Net score in (−1, 1).
    pub score: f32,
    /// Label from the score and masses.
    pub label: StanceLabel,
    /// Evidence mass (for confidence).
    pub mass: f32,
}

/// Score the evidence on `axis`, each piece weighted by its class's multiplier.
pub fn channel<'e>(
    evidence: impl Iterator<Item = &'e Evidence>,
    axis: Axis,
    calibration: &Calibration,
) -> ChannelScore {
    let (mut signed, mut mass, mut positive, mut negative) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
    let mut counted: Vec<(&str, bool)> = Vec::new();
    let mut kept: Vec<&Evidence> = evidence.filter(|e| e.axis == axis).collect();
    if calibration.rules.count_each_rule_once {
        // Strongest first, then each (rule, sign) once.
        kept.sort_by(|a, b| b.mass(1.0).total_cmp(&a.mass(1.0)));
        kept.retain(|e| {
            let key = (e.rule.as_str(), e.stance.sign() > 0.0);
            let first = !counted.contains(&key);
            counted.push(key);
            first
        });
    }
    for e in kept {
        let multiplier = calibration.weight(e.class) * if e.via.is_some() { calibration.roll_up } else { 1.0 };
        let c = e.contribution(multiplier);
        signed += c;
        if calibration.rules.neutral_evidence_dilutes || e.stance.sign() != 0.0 {
            mass += e.mass(multiplier);
        }
        if c > 0.0 {
            positive += c;
        } else {
            negative -= c;
        }
    }
    let score = signed / (mass + calibration.shrink);
    let label = if positive >= calibration.mixed_mass && negative >= calibration.mixed_mass {
        StanceLabel::Mixed
    } else if score >= calibration.threshold {
        StanceLabel::Legitimizing
    } else if score <= -calibration.threshold {
        StanceLabel::Delegitimizing
    } else {
        StanceLabel::Neutral
    };
    ChannelScore { score, label, mass }
}

/// Confidence in [0, 1) from evidence mass.
#[must_use]
pub fn confidence(mass: f32) -> f32 {
    mass / (mass + HALF_CONFIDENCE_MASS)
}

/// Round to 3 decimals for stable output.
#[must_use]
pub fn round3(value: f32) -> f32 {
    (value * 1000.0).round() / 1000.0
}
