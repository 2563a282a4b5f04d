//! NEWS2: the National Early Warning Score 2 (Royal College of Physicians, *National
//! Early Warning Score (NEWS) 2: Standardising the assessment of acute-illness severity
//! in the NHS*, 2017), chart 1 (scoring) and chart 2 (clinical response).
//!
//! Observations are scored as charted: respiration rate, SpO2, pulse and systolic
//! pressure in whole numbers, temperature to one decimal place. A value between two
//! charted values is first rounded the way a chart is filled in (to the nearest whole
//! number, or tenth of a degree).

use serde::{Deserialize, Serialize};

/// Level of consciousness on the ACVPU scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Consciousness {
    Alert,
    /// New confusion (or new disorientation or agitation).
    Confusion,
    Voice,
    Pain,
    Unresponsive,
}

/// Which SpO2 scale applies. Scale 2 is for patients with hypercapnic respiratory
/// failure (usually COPD) whose prescribed target range is 88–92 %; it must be chosen
/// by a clinician and documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SpO2Scale {
    #[default]
    Scale1,
    Scale2,
}

/// One set of observations.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Observations {
    /// Breaths per minute.
    pub respiration_rate: f64,
    /// Percent.
    pub spo2: f64,
    pub spo2_scale: SpO2Scale,
    /// Breathing supplemental oxygen (any device) rather than room air.
    pub on_oxygen: bool,
    /// mmHg.
    pub systolic_bp: f64,
    /// Beats per minute.
    pub pulse: f64,
    pub consciousness: Consciousness,
    /// Degrees Celsius.
    pub temperature: f64,
}

/// The points of each parameter and the aggregate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub respiration_rate: u8,
    pub spo2: u8,
    pub air_or_oxygen: u8,
    pub systolic_bp: u8,
    pub pulse: u8,
    pub consciousness: u8,
    pub temperature: u8,
    pub total: u8,
}

/// Clinical risk (chart 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Risk {
    Low,
    /// A score of 3 in any single parameter.
    LowMedium,
    Medium,
    High,
}

impl Score {
    pub fn risk(&self) -> Risk {
        let single_three = [
            self.respiration_rate,
            self.spo2,
            self.systolic_bp,
            self.pulse,
            self.consciousness,
            self.temperature,
        ]
        .contains(&3);
        match self.total {
            7.. => Risk::High,
            5..=6 => Risk::Medium,
            _ if single_three => Risk::LowMedium,
            _ => Risk::Low,
        }
    }

    /// The clinical response chart 2 calls for.
    pub fn response(&self) -> Response {
        RESPONSES[match (self.total, self.risk()) {
            (0, _) => 0,
            (_, Risk::Low) => 1,
            (_, Risk::LowMedium) => 2,
            (_, Risk::Medium) => 3,
            (_, Risk::High) => 4,
        }]
    }
}

/// Chart 2's responses: for a score of 0, then for low, low–medium, medium and
/// high risk.
pub const RESPONSES: [Response; 5] = [
    Response {
        monitoring: "Minimum 12-hourly",
        action: "Continue routine NEWS monitoring.",
    },
    Response {
        monitoring: "Minimum 4–6-hourly",
        action: "Inform the registered nurse, who must assess the patient and decide whether to increase monitoring or escalate care.",
    },
    Response {
        monitoring: "Minimum 1-hourly",
        action: "The registered nurse informs the medical team caring for the patient, who review and decide whether escalation is needed (urgent ward-based response).",
    },
    Response {
        monitoring: "Minimum 1-hourly",
        action: "Key threshold for urgent response: the registered nurse immediately informs the medical team; urgent assessment by a clinician or team competent in assessing acutely ill patients; provide care in an environment with monitoring facilities.",
    },
    Response {
        monitoring: "Continuous monitoring of vital signs",
        action: "Emergency response: the registered nurse immediately informs the medical team, at least at specialist registrar level; emergency assessment by a team with critical-care competencies, including airway management; consider transfer to a level 2 or 3 clinical care facility.",
    },
];

/// Monitoring frequency and action from chart 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Response {
    pub monitoring: &'static str,
    pub action: &'static str,
}

/// Rounds to a whole number as charted (NaN scores as the worst value elsewhere:
/// callers must not pass it; the model keeps values finite).
fn whole(x: f64) -> i64 {
    x.round() as i64
}

pub fn respiration_rate(rate: f64) -> u8 {
    match whole(rate) {
        ..=8 => 3,
        9..=11 => 1,
        12..=20 => 0,
        21..=24 => 2,
        _ => 3,
    }
}

pub fn spo2(spo2: f64, scale: SpO2Scale, on_oxygen: bool) -> u8 {
    let s = whole(spo2);
    match scale {
        SpO2Scale::Scale1 => match s {
            ..=91 => 3,
            92..=93 => 2,
            94..=95 => 1,
            _ => 0,
        },
        SpO2Scale::Scale2 => match s {
            ..=83 => 3,
            84..=85 => 2,
            86..=87 => 1,
            88..=92 => 0,
            // At 93 % or more, only a patient on oxygen scores (over-oxygenation).
            _ if !on_oxygen => 0,
            93..=94 => 1,
            95..=96 => 2,
            _ => 3,
        },
    }
}

pub fn air_or_oxygen(on_oxygen: bool) -> u8 {
    if on_oxygen { 2 } else { 0 }
}

pub fn systolic_bp(systolic: f64) -> u8 {
    match whole(systolic) {
        ..=90 => 3,
        91..=100 => 2,
        101..=110 => 1,
        111..=219 => 0,
        _ => 3,
    }
}

pub fn pulse(pulse: f64) -> u8 {
    match whole(pulse) {
        ..=40 => 3,
        41..=50 => 1,
        51..=90 => 0,
        91..=110 => 1,
        111..=130 => 2,
        _ => 3,
    }
}

pub fn consciousness(c: Consciousness) -> u8 {
    if c == Consciousness::Alert { 0 } else { 3 }
}

pub fn temperature(celsius: f64) -> u8 {
    // Charted to a tenth of a degree; compare in tenths to avoid float edges.
    match (celsius * 10.0).round() as i64 {
        ..=350 => 3,
        351..=360 => 1,
        361..=380 => 0,
        381..=390 => 1,
        _ => 2,
    }
}

pub fn score(o: &Observations) -> Score {
    let mut s = Score {
        respiration_rate: respiration_rate(o.respiration_rate),
        spo2: spo2(o.spo2, o.spo2_scale, o.on_oxygen),
        air_or_oxygen: air_or_oxygen(o.on_oxygen),
        systolic_bp: systolic_bp(o.systolic_bp),
        pulse: pulse(o.pulse),
        consciousness: consciousness(o.consciousness),
        temperature: temperature(o.temperature),
        total: 0,
    };
    s.total = s.respiration_rate
        + s.spo2
        + s.air_or_oxygen
        + s.systolic_bp
        + s.pulse
        + s.consciousness
        + s.temperature;
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each parameter at both sides of every band boundary of chart 1.
    #[test]
    fn respiration_rate_bands() {
        for (rate, points) in [
            (0, 3),
            (8, 3),
            (9, 1),
            (11, 1),
            (12, 0),
            (20, 0),
            (21, 2),
            (24, 2),
            (25, 3),
            (60, 3),
        ] {
            assert_eq!(respiration_rate(f64::from(rate)), points, "RR {rate}");
        }
    }

    #[test]
    fn spo2_scale_1_bands() {
        for (s, points) in [
            (70, 3),
            (91, 3),
            (92, 2),
            (93, 2),
            (94, 1),
            (95, 1),
            (96, 0),
            (100, 0),
        ] {
            assert_eq!(
                spo2(f64::from(s), SpO2Scale::Scale1, false),
                points,
                "SpO2 {s}"
            );
            assert_eq!(
                spo2(f64::from(s), SpO2Scale::Scale1, true),
                points,
                "SpO2 {s} on oxygen"
            );
        }
    }

    #[test]
    fn spo2_scale_2_bands() {
        for (s, points) in [
            (80, 3),
            (83, 3),
            (84, 2),
            (85, 2),
            (86, 1),
            (87, 1),
            (88, 0),
            (92, 0),
        ] {
            assert_eq!(
                spo2(f64::from(s), SpO2Scale::Scale2, false),
                points,
                "SpO2 {s} on air"
            );
            assert_eq!(
                spo2(f64::from(s), SpO2Scale::Scale2, true),
                points,
                "SpO2 {s} on oxygen"
            );
        }
        for (s, on_oxygen, air) in [
            (93, 1, 0),
            (94, 1, 0),
            (95, 2, 0),
            (96, 2, 0),
            (97, 3, 0),
            (100, 3, 0),
        ] {
            assert_eq!(
                spo2(f64::from(s), SpO2Scale::Scale2, true),
                on_oxygen,
                "SpO2 {s} on oxygen"
            );
            assert_eq!(
                spo2(f64::from(s), SpO2Scale::Scale2, false),
                air,
                "SpO2 {s} on air"
            );
        }
    }

    #[test]
    fn air_or_oxygen_points() {
        assert_eq!(air_or_oxygen(false), 0);
        assert_eq!(air_or_oxygen(true), 2);
    }

    #[test]
    fn systolic_bands() {
        for (bp, points) in [
            (60, 3),
            (90, 3),
            (91, 2),
            (100, 2),
            (101, 1),
            (110, 1),
            (111, 0),
            (219, 0),
            (220, 3),
            (260, 3),
        ] {
            assert_eq!(systolic_bp(f64::from(bp)), points, "SBP {bp}");
        }
    }

    #[test]
    fn pulse_bands() {
        for (p, points) in [
            (30, 3),
            (40, 3),
            (41, 1),
            (50, 1),
            (51, 0),
            (90, 0),
            (91, 1),
            (110, 1),
            (111, 2),
            (130, 2),
            (131, 3),
            (180, 3),
        ] {
            assert_eq!(pulse(f64::from(p)), points, "pulse {p}");
        }
    }

    #[test]
    fn consciousness_points() {
        assert_eq!(consciousness(Consciousness::Alert), 0);
        for c in [
            Consciousness::Confusion,
            Consciousness::Voice,
            Consciousness::Pain,
            Consciousness::Unresponsive,
        ] {
            assert_eq!(consciousness(c), 3);
        }
    }

    #[test]
    fn temperature_bands() {
        for (t, points) in [
            (33.0, 3),
            (35.0, 3),
            (35.1, 1),
            (36.0, 1),
            (36.1, 0),
            (38.0, 0),
            (38.1, 1),
            (39.0, 1),
            (39.1, 2),
            (41.0, 2),
        ] {
            assert_eq!(temperature(t), points, "temp {t}");
        }
        // Charted to a tenth: 35.04 is written 35.0.
        assert_eq!(temperature(35.04), 3);
        assert_eq!(temperature(35.06), 1);
    }

    fn healthy() -> Observations {
        Observations {
            respiration_rate: 16.0,
            spo2: 97.0,
            spo2_scale: SpO2Scale::Scale1,
            on_oxygen: false,
            systolic_bp: 124.0,
            pulse: 72.0,
            consciousness: Consciousness::Alert,
            temperature: 36.8,
        }
    }

    #[test]
    fn aggregate_risk_and_response() {
        let s = score(&healthy());
        assert_eq!((s.total, s.risk()), (0, Risk::Low));
        assert_eq!(s.response().monitoring, "Minimum 12-hourly");

        // Low: 1–4 with no single 3.
        let s = score(&Observations {
            pulse: 95.0,
            temperature: 38.4,
            ..healthy()
        });
        assert_eq!((s.total, s.risk()), (2, Risk::Low));
        assert_eq!(s.response().monitoring, "Minimum 4–6-hourly");

        // A single 3 with a low total.
        let s = score(&Observations {
            consciousness: Consciousness::Confusion,
            ..healthy()
        });
        assert_eq!((s.total, s.risk()), (3, Risk::LowMedium));
        assert!(s.response().action.contains("urgent ward-based response"));

        // Medium: 5–6.
        let s = score(&Observations {
            respiration_rate: 22.0,
            spo2: 94.0,
            pulse: 104.0,
            temperature: 38.4,
            ..healthy()
        });
        assert_eq!((s.total, s.risk()), (5, Risk::Medium));

        // High: a post-operative patient with sepsis, on oxygen.
        let s = score(&Observations {
            respiration_rate: 24.0,
            spo2: 93.0,
            on_oxygen: true,
            systolic_bp: 98.0,
            pulse: 118.0,
            temperature: 38.9,
            ..healthy()
        });
        // RR 2, SpO2 2, oxygen 2, SBP 2, pulse 2, alert 0, temperature 1.
        assert_eq!(s.total, 11);
        assert_eq!(s.risk(), Risk::High);
        assert!(s.response().action.starts_with("Emergency response"));
    }

    /// The aggregate bands of chart 2 at both sides of each edge: 4 | 5 (low to
    /// medium, whatever a single parameter scores) and 6 | 7 (medium to high).
    #[test]
    fn aggregate_band_edges() {
        let at = |o: Observations| {
            let s = score(&o);
            (s.total, s.risk())
        };
        // RR 22 → 2, pulse 95 → 1, temperature 38.4 → 1.
        let four = Observations {
            respiration_rate: 22.0,
            pulse: 95.0,
            temperature: 38.4,
            ..healthy()
        };
        assert_eq!(at(four), (4, Risk::Low));
        // SpO2 95 → 1.
        assert_eq!(at(Observations { spo2: 95.0, ..four }), (5, Risk::Medium));
        // SpO2 93 → 2.
        let six = Observations { spo2: 93.0, ..four };
        assert_eq!(at(six), (6, Risk::Medium));
        // Systolic 105 → 1.
        assert_eq!(
            at(Observations {
                systolic_bp: 105.0,
                ..six
            }),
            (7, Risk::High)
        );
        // A single 3 (RR 25) decides the band only below 5.
        let single_three = Observations {
            respiration_rate: 25.0,
            pulse: 95.0,
            ..healthy()
        };
        assert_eq!(at(single_three), (4, Risk::LowMedium));
        assert_eq!(
            at(Observations {
                temperature: 38.4,
                ..single_three
            }),
            (5, Risk::Medium)
        );
        assert_eq!(
            at(Observations {
                temperature: 38.4,
                spo2: 95.0,
                ..single_three
            }),
            (6, Risk::Medium)
        );
        assert_eq!(
            at(Observations {
                temperature: 38.4,
                spo2: 93.0,
                ..single_three
            }),
            (7, Risk::High)
        );
    }
}
