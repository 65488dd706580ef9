//! The calibration that turns evidence into a stance: a weight multiplier per kind of evidence,
//! the label threshold, the mixed rule and the voice-rule switches. Shipped as data beside the
//! packs (`assets/lexicons/calibration.ron`, fitted by `rasd calibrate` on the training part of
//! the gold sets); a `calibration.ron` in `--lexicon DIR` replaces it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::load::{LexiconError, PackSource};

/// The kind of a piece of evidence, for its weight multiplier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
pub enum EvidenceClass {
    /// A label for the actor (militia, army, terrorists).
    Label,
    /// A descriptive title.
    Title,
    /// A rank or office one camp confers.
    Rank,
    /// A qualifier after the name (internationally recognised).
    Qualifier,
    /// A backer named beside the proxy (Iran-backed), for the proxy.
    Backer,
    /// The same construction, for the backer.
    Proxy,
    /// An institution named after a person.
    Personalization,
    /// Geographic relativization.
    Geographic,
    /// An operation name.
    OperationName,
    /// A name that is itself a frame.
    Name,
    /// A designation that is itself a frame (the internationally recognised government).
    Designation,
    /// A distancer before a name.
    Distancer,
    /// An event with the actor in a role (liberation, occupation, massacre).
    Event,
}

impl EvidenceClass {
    /// Every class.
    pub const ALL: [Self; 13] = [
        Self::Label,
        Self::Title,
        Self::Rank,
        Self::Qualifier,
        Self::Backer,
        Self::Proxy,
        Self::Personalization,
        Self::Geographic,
        Self::OperationName,
        Self::Name,
        Self::Designation,
        Self::Distancer,
        Self::Event,
    ];
}

/// Switches for rules whose effect is measured on the gold sets (`rasd calibrate` prints it).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RuleSwitches {
    /// Names, titles and descriptors inside indirect speech are the outlet's words
    /// (ANNOTATION.md); only quotation marks and hand-offs (ما وصفه بـ, "what it called") give
    /// them to the source. Events stay reported.
    pub referring_expressions_follow_the_outlet: bool,
    /// A qualifier or backer phrase may follow the name across one comma or an opening
    /// parenthesis (حكومة الوفاق، المعترف بها دوليا).
    pub apposition_across_punctuation: bool,
    /// A rule that fires several times for one actor in one voice counts once, at its
    /// strongest: an outlet's consistent naming is one choice, not many.
    pub count_each_rule_once: bool,
    /// Neutral evidence (plain naming such as قوات حفتر) counts in the evidence mass, so it
    /// dilutes a lone loaded label; off, only loaded evidence weighs.
    #[serde(default = "yes")]
    pub neutral_evidence_dilutes: bool,
    /// A backer phrase marked `inherit` gives the backer the frame the article gives what it
    /// backs (the proxy's own-voice stance, or the event its support serves), not a fixed one.
    #[serde(default)]
    pub backers_share_the_proxys_frame: bool,
}

fn yes() -> bool {
    true
}

impl Default for RuleSwitches {
    fn default() -> Self {
        Self {
            referring_expressions_follow_the_outlet: true,
            apposition_across_punctuation: true,
            count_each_rule_once: false,
            neutral_evidence_dilutes: true,
            backers_share_the_proxys_frame: false,
        }
    }
}

/// The calibration file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Calibration {
    /// Must be 1.
    pub schema_version: u32,
    /// Net score at or above which a channel is legitimizing (at or below its negative,
    /// delegitimizing).
    pub threshold: f32,
    /// Positive and negative mass both at least this: mixed.
    pub mixed_mass: f32,
    /// Added to the evidence mass in the denominator: thin evidence is shrunk toward zero.
    pub shrink: f32,
    /// Weight of evidence rolled up from a group to its leader (ميليشيا حفتر → Haftar).
    #[serde(default = "default_roll_up")]
    pub roll_up: f32,
    /// Multiplier per kind of evidence (1 when absent).
    #[serde(default)]
    pub weights: BTreeMap<EvidenceClass, f32>,
    /// Rule switches.
    #[serde(default)]
    pub rules: RuleSwitches,
    /// Where the figures come from (gold sets, folds, cross-validated κ).
    #[serde(default)]
    pub fitted_on: String,
}

fn default_roll_up() -> f32 {
    0.5
}

impl Default for Calibration {
    fn default() -> Self {
        Self {
            schema_version: 1,
            threshold: 0.3,
            mixed_mass: 1.0,
            shrink: 1.0,
            roll_up: default_roll_up(),
            weights: BTreeMap::new(),
            rules: RuleSwitches::default(),
            fitted_on: String::new(),
        }
    }
}

impl Calibration {
    /// The multiplier of one kind of evidence.
    #[must_use]
    pub fn weight(&self, class: EvidenceClass) -> f32 {
        self.weights.get(&class).copied().unwrap_or(1.0)
    }

    /// Parse a calibration file.
    ///
    /// # Errors
    /// A RON syntax or schema error, or a value out of range, at its line and column.
    pub fn parse(source: &PackSource) -> Result<Self, LexiconError> {
        let calibration: Self = ron::Options::default().from_str(&source.text).map_err(|e| LexiconError {
            file: source.file.clone(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
        let bad = |name: &str, message: String| source.error_at(source.value_offset(0, name), message);
        if calibration.schema_version != 1 {
            return Err(bad(
                "schema_version",
                format!("schema_version {} is not supported (expected 1)", calibration.schema_version),
            ));
        }
        if !(0.0..1.0).contains(&calibration.threshold) || calibration.threshold == 0.0 {
            return Err(bad("threshold", format!("threshold {} must be in (0, 1)", calibration.threshold)));
        }
        if !(calibration.shrink >= 0.0 && calibration.mixed_mass > 0.0 && (0.0..=1.0).contains(&calibration.roll_up)) {
            return Err(bad("shrink", "shrink must be ≥ 0, mixed_mass > 0 and roll_up in [0, 1]".into()));
        }
        if let Some((class, w)) = calibration.weights.iter().find(|(_, w)| !(0.0..=5.0).contains(*w)) {
            return Err(bad(&format!("{class:?}"), format!("weight {w} of {class:?} must be in [0, 5]")));
        }
        Ok(calibration)
    }

    /// The calibration as RON text (what `rasd calibrate` writes).
    #[must_use]
    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new().depth_limit(3);
        ron::ser::to_string_pretty(self, config).unwrap_or_default()
    }
}

/// The calibration shipped beside the packs.
pub const BUILTIN_CALIBRATION: &str = include_str!("../../assets/lexicons/calibration.ron");

/// The file name of a calibration in a lexicon folder.
pub const CALIBRATION_FILE: &str = "calibration.ron";

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> PackSource {
        PackSource { file: "calibration.ron".into(), text: text.into() }
    }

    #[test]
    fn the_shipped_calibration_parses_and_round_trips() {
        let shipped = Calibration::parse(&source(BUILTIN_CALIBRATION)).unwrap_or_else(|e| panic!("{e}"));
        let again = Calibration::parse(&source(&shipped.to_ron())).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(shipped, again);
    }

    #[test]
    fn bad_values_are_refused_with_their_position() {
        let e = Calibration::parse(&source("(schema_version: 1, threshold: 1.5, mixed_mass: 1.0, shrink: 1.0)")).err();
        assert!(e.as_ref().is_some_and(|e| e.message.contains("threshold") && e.column > 1), "{e:?}");
        let e = Calibration::parse(&source(
            "(schema_version: 1,\n threshold: 0.3, mixed_mass: 1.0, shrink: 1.0, weights: {Lable: 1.0})",
        ));
        assert!(e.err().is_some_and(|e| e.line == 2), "a misspelt class is an error");
    }
}
