//! What the patient says and what an examination finds: the student-facing
//! sentences the physiology produces, kept apart from it in one place, so the
//! model's numbers and its words can change (and be translated) separately.

use super::Patient;
use crate::body::rank;
use crate::news2::Consciousness;
use crate::vocabulary::{Exam, Position, Topic};

impl Patient {
    pub(crate) fn examine(&self, exam: Exam) -> String {
        let d = self.body.drivers;
        let v = self.vitals();
        let out = |parts: Vec<&str>| parts.join(" ");
        if self.body.arrested {
            return "No breathing, no pulse: the patient is in cardiac arrest.".into();
        }
        let unresponsive = rank(v.consciousness) >= 3;
        match exam {
            Exam::Airway => out(vec![
                if unresponsive && self.body.position != Position::Recovery {
                    "Snoring, gurgling breaths: the airway is at risk."
                } else if d.anaphylaxis > 0.5 {
                    "Hoarse voice and noisy breathing in (stridor); lips and tongue are swollen."
                } else if d.bronchospasm > 0.6 {
                    "Airway open, but speaking only single words between breaths."
                } else if rank(v.consciousness) >= 2 {
                    "Airway open while you talk to the patient; they drift off between answers."
                } else {
                    "Talking in full sentences: the airway is clear."
                },
            ]),
            Exam::Chest => {
                let mut parts = Vec::new();
                if d.bronchospasm > 0.85 {
                    parts.push("Silent chest: hardly any air moving. This is life-threatening.");
                } else if d.bronchospasm > 0.35 {
                    parts.push("Loud wheeze throughout; using the neck muscles to breathe.");
                } else if d.bronchospasm > 0.1 {
                    parts.push("A mild wheeze as the patient breathes out.");
                }
                if d.lung_water > 0.05 {
                    parts.push("Fine crackles at both lung bases.");
                }
                if d.opioid > 0.45 {
                    parts.push("Slow, shallow breaths.");
                }
                if parts.is_empty() {
                    parts.push("Clear breath sounds on both sides; the chest rises equally.");
                }
                out(parts)
            }
            Exam::Skin => {
                let mut parts = Vec::new();
                if d.anaphylaxis > 0.2 {
                    parts.push("Raised red hives over the chest and arms; the face is flushed.");
                }
                if v.spo2 < 85.0 {
                    parts.push("The lips look blue (cyanosis).");
                }
                if d.volume_loss > 0.15 || (v.mean_pressure < 65.0 && d.vasodilation < 0.2) {
                    parts.push("Pale, cool and clammy.");
                } else if d.sepsis > 0.25 || v.temperature >= 38.0 {
                    parts.push("Hot and flushed to touch.");
                }
                if v.glucose < 3.5 {
                    parts.push("Pale and sweaty.");
                }
                if parts.is_empty() {
                    parts.push("Warm and dry, normal colour.");
                }
                out(parts)
            }
            Exam::CapillaryRefill => {
                let seconds = (1.5
                    + 8.0 * (d.volume_loss - 0.1).max(0.0)
                    + 0.05 * (70.0 - v.mean_pressure).max(0.0))
                .min(8.0);
                let judged = if seconds > 2.0 {
                    "slow (normal is 2 seconds or less)"
                } else {
                    "normal"
                };
                format!("Capillary refill {seconds:.0} seconds: {judged}.")
            }
            Exam::Pupils => if d.opioid > 0.4 {
                "Pinpoint pupils, equal, sluggish to light."
            } else {
                "Pupils equal and reactive to light, 4 mm."
            }
            .into(),
        }
    }

    pub(crate) fn answer(&self, topic: Topic) -> String {
        let said = self
            .answers
            .get(&topic)
            .map_or("I'm not sure. Nobody's asked me that.", String::as_str);
        match self.vitals().consciousness {
            Consciousness::Alert => format!("{}: \u{201c}{said}\u{201d}", self.name),
            Consciousness::Confusion => format!(
                "{} is muddled and slow to answer: \u{201c}{said}\u{201d} You are not sure this is reliable.",
                self.name
            ),
            Consciousness::Voice => {
                format!(
                    "{} mumbles and drifts off; you cannot get a clear answer.",
                    self.name
                )
            }
            Consciousness::Pain | Consciousness::Unresponsive => {
                format!("No answer: {} does not respond.", self.name)
            }
        }
    }
}

pub(crate) fn consciousness_change_text(
    name: &str,
    from: Consciousness,
    to: Consciousness,
) -> String {
    let worse = rank(to) > rank(from);
    let how = match to {
        Consciousness::Alert => "is awake and alert again",
        Consciousness::Confusion => "seems newly confused",
        Consciousness::Voice => "is drowsy and opens their eyes only when you speak",
        Consciousness::Pain => "responds only to pain",
        Consciousness::Unresponsive => "does not respond at all",
    };
    if worse {
        format!("{name} {how}.")
    } else {
        format!("{name} is more awake: {name} {how}.")
    }
}
