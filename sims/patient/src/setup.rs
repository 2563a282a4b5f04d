//! What a scenario file writes after `sim: Patient(...)`: who the patient is, their
//! vital signs before anything goes wrong, what is wrong with them, and what they
//! answer when asked.

use std::collections::BTreeMap;

use firstshift_core::sim::{SetupKey, SetupProblem};
use serde::{Deserialize, Serialize};

use crate::news2::{Consciousness, SpO2Scale};
use crate::vocabulary::{OxygenDevice, Position, Topic, Treatment};

/// The patient at the start of the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatientSetup {
    /// How the student hears the patient named ("Mr. Ortiz").
    pub name: String,
    pub age: u32,
    /// Body weight; sets the blood volume (70 ml/kg) that blood loss is a share of.
    #[serde(default = "default_weight")]
    pub weight_kg: f64,
    /// The patient's own normal: the values before any condition acts on them.
    pub baseline: Baseline,
    /// What is wrong, each a course that unfolds over time. Empty for a well patient.
    #[serde(default)]
    pub conditions: Vec<PatientCondition>,
    /// NEWS2 SpO2 scale 2 for prescribed hypercapnic targets (88–92 %).
    #[serde(default)]
    pub spo2_scale: SpO2Scale,
    /// The oxygen the patient is already on when the scenario starts.
    #[serde(default)]
    pub oxygen: OxygenDevice,
    #[serde(default)]
    pub position: Position,
    /// A bedside monitor is already attached.
    #[serde(default)]
    pub monitor: bool,
    /// Treatments the patient reacts to: giving one starts anaphylaxis.
    #[serde(default)]
    pub allergies: Vec<Treatment>,
    /// What the patient (or whoever speaks for them) says when asked.
    #[serde(default)]
    pub answers: BTreeMap<Topic, String>,
}

fn default_weight() -> f64 {
    70.0
}

/// The patient's normal vital signs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Beats per minute.
    pub heart_rate: f64,
    /// Breaths per minute.
    pub resp_rate: f64,
    /// Percent, on room air.
    pub spo2: f64,
    /// mmHg.
    pub systolic: f64,
    /// mmHg.
    pub diastolic: f64,
    /// Degrees Celsius.
    pub temperature: f64,
    /// Capillary blood glucose, mmol/L.
    #[serde(default = "default_glucose")]
    pub glucose: f64,
    /// 0 (none) to 10 (worst imaginable).
    #[serde(default)]
    pub pain: f64,
    /// Before any condition acts (a patient with dementia may start `Confusion`).
    #[serde(default = "alert")]
    pub consciousness: Consciousness,
}

fn default_glucose() -> f64 {
    5.5
}
fn alert() -> Consciousness {
    Consciousness::Alert
}

/// A course of illness. Severities run from 0 (absent) to 1 (as bad as it gets).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PatientCondition {
    /// Infection with a systemic response: fever, fast heart and breathing, leaky
    /// vessels (falling pressure), later confusion. Antibiotics slow it; fluids
    /// restore the pressure for a while.
    Sepsis {
        severity: f64,
        #[serde(default)]
        worsening_per_hour: f64,
    },
    /// Blood already lost, and bleeding that continues until controlled.
    /// `ml_per_minute: 0` is plain hypovolaemia (dehydration, an old bleed).
    Haemorrhage {
        lost_ml: f64,
        #[serde(default)]
        ml_per_minute: f64,
    },
    /// Bronchospasm: wheeze, fast breathing, falling SpO2; a bronchodilator eases it.
    Asthma {
        severity: f64,
        #[serde(default)]
        worsening_per_hour: f64,
    },
    /// As asthma, in a patient who retains carbon dioxide: high-flow oxygen makes
    /// them drowsy. Use with `spo2_scale: Scale2`.
    Copd {
        severity: f64,
        #[serde(default)]
        worsening_per_hour: f64,
    },
    /// Blood glucose falling (too much insulin, a missed meal).
    Hypoglycaemia {
        #[serde(default)]
        falling_per_hour: f64,
    },
    /// An opioid in the body (1 = enough to stop breathing), and an infusion (a PCA
    /// pump) that keeps adding to it until stopped.
    OpioidToxicity {
        level: f64,
        #[serde(default)]
        infusion_per_hour: f64,
    },
    /// A severe allergic reaction that reaches `severity` over `peak_minutes`; if it
    /// comes from an infusion it keeps worsening until the infusion is stopped.
    Anaphylaxis {
        severity: f64,
        peak_minutes: f64,
        #[serde(default)]
        from_infusion: bool,
    },
    /// A weak heart: fluid overloads the lungs after 500 ml instead of 1.5 L.
    HeartFailure,
}

impl PatientSetup {
    /// Every value outside what the model (and a living patient) can have.
    pub fn problems(&self) -> Vec<SetupProblem> {
        let mut out = Vec::new();
        let mut check = |path: &[&'static str], value: f64, lo: f64, hi: f64, unit: &str| {
            if !(lo..=hi).contains(&value) || value.is_nan() {
                out.push(SetupProblem {
                    path: path.iter().map(|s| SetupKey::Field(s)).collect(),
                    message: format!("`{}` of {value} is outside {lo}–{hi}{unit}", path.join(".")),
                    help: format!("give a value from {lo} to {hi}{unit}"),
                });
            }
        };
        let b = &self.baseline;
        check(&["weight_kg"], self.weight_kg, 2.0, 250.0, " kg");
        check(&["age"], f64::from(self.age), 0.0, 120.0, " years");
        check(
            &["baseline", "heart_rate"],
            b.heart_rate,
            30.0,
            200.0,
            " beats/min",
        );
        check(
            &["baseline", "resp_rate"],
            b.resp_rate,
            6.0,
            60.0,
            " breaths/min",
        );
        check(&["baseline", "spo2"], b.spo2, 70.0, 100.0, " %");
        check(&["baseline", "systolic"], b.systolic, 60.0, 240.0, " mmHg");
        check(
            &["baseline", "diastolic"],
            b.diastolic,
            30.0,
            140.0,
            " mmHg",
        );
        check(
            &["baseline", "temperature"],
            b.temperature,
            33.0,
            42.0,
            " °C",
        );
        check(&["baseline", "glucose"], b.glucose, 1.0, 35.0, " mmol/L");
        check(&["baseline", "pain"], b.pain, 0.0, 10.0, "");
        if b.diastolic >= b.systolic {
            out.push(SetupProblem {
                path: vec![SetupKey::Field("baseline"), SetupKey::Field("diastolic")],
                message: format!(
                    "diastolic pressure {} is not below systolic {}",
                    b.diastolic, b.systolic
                ),
                help: "the diastolic (lower) number must be less than the systolic".into(),
            });
        }
        for (i, c) in self.conditions.iter().enumerate() {
            let at = |field| {
                vec![
                    SetupKey::Field("conditions"),
                    SetupKey::Index(i),
                    SetupKey::Field(field),
                ]
            };
            let mut severity = |field: &'static str, v: f64| {
                if !(0.0..=1.0).contains(&v) || v.is_nan() {
                    out.push(SetupProblem {
                        path: at(field),
                        message: format!("`{field}` of {v} is outside 0–1"),
                        help: "severities run from 0 (absent) to 1 (as bad as it gets)".into(),
                    });
                }
            };
            match c {
                PatientCondition::Sepsis { severity: s, .. }
                | PatientCondition::Asthma { severity: s, .. }
                | PatientCondition::Copd { severity: s, .. }
                | PatientCondition::Anaphylaxis { severity: s, .. } => severity("severity", *s),
                PatientCondition::OpioidToxicity { level, .. } => severity("level", *level),
                _ => {}
            }
            let mut rate = |field: &'static str, v: f64, hi: f64| {
                if !(0.0..=hi).contains(&v) || v.is_nan() {
                    out.push(SetupProblem {
                        path: at(field),
                        message: format!("`{field}` of {v} is outside 0–{hi}"),
                        help: format!("give a value from 0 to {hi}"),
                    });
                }
            };
            match c {
                PatientCondition::Sepsis {
                    worsening_per_hour: w,
                    ..
                }
                | PatientCondition::Asthma {
                    worsening_per_hour: w,
                    ..
                }
                | PatientCondition::Copd {
                    worsening_per_hour: w,
                    ..
                } => {
                    rate("worsening_per_hour", *w, 2.0);
                }
                PatientCondition::Haemorrhage {
                    lost_ml,
                    ml_per_minute,
                } => {
                    rate("lost_ml", *lost_ml, 3000.0);
                    rate("ml_per_minute", *ml_per_minute, 500.0);
                }
                PatientCondition::Hypoglycaemia { falling_per_hour } => {
                    rate("falling_per_hour", *falling_per_hour, 20.0);
                }
                PatientCondition::OpioidToxicity {
                    infusion_per_hour, ..
                } => rate("infusion_per_hour", *infusion_per_hour, 2.0),
                PatientCondition::Anaphylaxis { peak_minutes, .. } => {
                    rate("peak_minutes", *peak_minutes, 240.0);
                }
                _ => {}
            }
        }
        if self.name.trim().is_empty() {
            out.push(SetupProblem {
                path: vec![SetupKey::Field("name")],
                message: "the patient has no name".into(),
                help: "students hear the patient by name: `name: \"Mr. Ortiz\"`".into(),
            });
        }
        out
    }
}
