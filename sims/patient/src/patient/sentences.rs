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
            return self
                .say("No breathing, no pulse: the patient is in cardiac arrest.")
                .into();
        }
        let unresponsive = rank(v.consciousness) >= 3;
        match exam {
            Exam::Airway => out(vec![
                if unresponsive && self.body.position != Position::Recovery {
                    self.say("Snoring, gurgling breaths: the airway is at risk.")
                } else if d.anaphylaxis > 0.5 {
                    self.say("Hoarse voice and noisy breathing in (stridor); lips and tongue are swollen.")
                } else if d.bronchospasm > 0.6 {
                    self.say("Airway open, but speaking only single words between breaths.")
                } else if rank(v.consciousness) >= 2 {
                    self.say("Airway open while you talk to the patient; they drift off between answers.")
                } else {
                    self.say("Talking in full sentences: the airway is clear.")
                },
            ]),
            Exam::Chest => {
                let mut parts = Vec::new();
                if d.bronchospasm > 0.85 {
                    parts.push(
                        self.say("Silent chest: hardly any air moving. This is life-threatening."),
                    );
                } else if d.bronchospasm > 0.35 {
                    parts.push(
                        self.say("Loud wheeze throughout; using the neck muscles to breathe."),
                    );
                } else if d.bronchospasm > 0.1 {
                    parts.push(self.say("A mild wheeze as the patient breathes out."));
                }
                if d.lung_water > 0.05 {
                    parts.push(self.say("Fine crackles at both lung bases."));
                }
                if d.opioid > 0.45 {
                    parts.push(self.say("Slow, shallow breaths."));
                }
                if parts.is_empty() {
                    parts.push(
                        self.say("Clear breath sounds on both sides; the chest rises equally."),
                    );
                }
                out(parts)
            }
            Exam::Skin => {
                let mut parts = Vec::new();
                if d.anaphylaxis > 0.2 {
                    parts.push(
                        self.say("Raised red hives over the chest and arms; the face is flushed."),
                    );
                }
                if v.spo2 < 85.0 {
                    parts.push(self.say("The lips look blue (cyanosis)."));
                }
                if d.volume_loss > 0.15 || (v.mean_pressure < 65.0 && d.vasodilation < 0.2) {
                    parts.push(self.say("Pale, cool and clammy."));
                } else if d.sepsis > 0.25 || v.temperature >= 38.0 {
                    parts.push(self.say("Hot and flushed to touch."));
                }
                if v.glucose < 3.5 {
                    parts.push(self.say("Pale and sweaty."));
                }
                if parts.is_empty() {
                    parts.push(self.say("Warm and dry, normal colour."));
                }
                out(parts)
            }
            Exam::CapillaryRefill => {
                let seconds = (1.5
                    + 8.0 * (d.volume_loss - 0.1).max(0.0)
                    + 0.05 * (70.0 - v.mean_pressure).max(0.0))
                .min(8.0);
                let judged = if seconds > 2.0 {
                    self.say("slow (normal is 2 seconds or less)")
                } else {
                    self.say("normal")
                };
                self.fill(
                    "Capillary refill {} seconds: {}.",
                    &[&format!("{seconds:.0}"), &judged],
                )
            }
            Exam::Pupils => if d.opioid > 0.4 {
                self.say("Pinpoint pupils, equal, sluggish to light.")
            } else {
                self.say("Pupils equal and reactive to light, 4 mm.")
            }
            .into(),
        }
    }

    pub(crate) fn answer(&self, topic: Topic) -> String {
        let said = self.answers.get(&topic).map_or_else(
            || self.say("I'm not sure. Nobody's asked me that."),
            String::as_str,
        );
        let name = &self.name;
        match self.vitals().consciousness {
            Consciousness::Alert => format!("{name}: \u{201c}{said}\u{201d}"),
            Consciousness::Confusion => self.fill(
                "{} is muddled and slow to answer: \u{201c}{}\u{201d} You are not sure this is reliable.",
                &[name, &said],
            ),
            Consciousness::Voice => self.fill(
                "{} mumbles and drifts off; you cannot get a clear answer.",
                &[name],
            ),
            Consciousness::Pain | Consciousness::Unresponsive => {
                self.fill("No answer: {} does not respond.", &[name])
            }
        }
    }

    pub(crate) fn consciousness_change_text(
        &self,
        from: Consciousness,
        to: Consciousness,
    ) -> String {
        let worse = rank(to) > rank(from);
        let name = &self.name;
        let how = match to {
            Consciousness::Alert => self.say("is awake and alert again"),
            Consciousness::Confusion => self.say("seems newly confused"),
            Consciousness::Voice => self.say("is drowsy and opens their eyes only when you speak"),
            Consciousness::Pain => self.say("responds only to pain"),
            Consciousness::Unresponsive => self.say("does not respond at all"),
        };
        if worse {
            format!("{name} {how}.")
        } else {
            self.fill("{} is more awake: {} {}.", &[name, name, &how])
        }
    }
}

/// ACVPU's words, in English (the phrasebook's key).
pub(crate) fn consciousness_name(c: Consciousness) -> &'static str {
    match c {
        Consciousness::Alert => "Alert",
        Consciousness::Confusion => "Confusion",
        Consciousness::Voice => "Voice",
        Consciousness::Pain => "Pain",
        Consciousness::Unresponsive => "Unresponsive",
    }
}
