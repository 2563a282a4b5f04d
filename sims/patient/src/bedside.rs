//! What the bedside shows the student, as data: one row per vital sign with its
//! value and where it came from (live on the monitor, measured at a time, or not
//! yet measured), the alarms, and the NEWS2 scores charted so far.
//!
//! Both front ends draw from this one model, so they cannot disagree: the monitor
//! scene ([`crate::scene`]) paints it, and the web player's DOM panel is its text
//! equivalent for screen readers. It shows only what the student
//! has found out; the model's true state stays hidden until the debrief.

use firstshift_core::{Language, Seconds, clock_text};

use crate::patient::ChartedScore;
use crate::spanish::WORDS;
use crate::{Patient, Vital};

/// Where a shown value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Live on the attached monitor.
    Live,
    /// Measured by the student at this time.
    Measured(Seconds),
    NotMeasured,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub vital: Vital,
    /// Short label for the monitor ("HR", "SpO2").
    pub short: &'static str,
    /// The value as the monitor prints it ("96", "118/76", "V"), if known.
    pub value: Option<String>,
    pub unit: &'static str,
    pub source: Source,
    /// Outside its alarm limits on the attached monitor.
    pub alarm: bool,
    /// The language of [`Row::sentence`].
    pub language: Language,
}

impl Row {
    /// One sentence for the text equivalent: "Heart rate 96 beats/min, live on the monitor."
    pub fn sentence(&self) -> String {
        let language = self.language;
        let label = WORDS.say(language, self.vital.label());
        let alarm = if self.alarm {
            WORDS.say(language, " Alarm: out of range.")
        } else {
            ""
        };
        let value = |v: &str| format!("{label} {v}{}", unit(self.unit));
        match (&self.value, self.source) {
            (Some(v), Source::Live) => {
                WORDS.fill(language, "{}, live on the monitor.{}", &[&value(v), &alarm])
            }
            (Some(v), Source::Measured(at)) => WORDS.fill(
                language,
                "{}, measured at {}.{}",
                &[&value(v), &clock_text(at), &alarm],
            ),
            _ => WORDS.fill(language, "{}: not measured yet.", &[&label]),
        }
    }
}

fn unit(u: &str) -> String {
    if u.is_empty() {
        String::new()
    } else {
        format!(" {u}")
    }
}

/// The bedside at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Bedside {
    pub name: String,
    pub clock: Seconds,
    pub monitor_attached: bool,
    pub arrested: bool,
    /// Heart rate, respiratory rate and SpO2 the monitor is tracing now (for the waveforms).
    pub live_rates: Option<LiveRates>,
    pub rows: Vec<Row>,
    /// Every NEWS2 charted, oldest first.
    pub news2: Vec<ChartedScore>,
    pub language: Language,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LiveRates {
    pub heart_rate: f64,
    pub resp_rate: f64,
    pub spo2: f64,
}

/// The vitals the bedside lists, in the order a chart does.
pub const SHOWN: [Vital; 7] = [
    Vital::HeartRate,
    Vital::Spo2,
    Vital::RespRate,
    Vital::BloodPressure,
    Vital::Temperature,
    Vital::Consciousness,
    Vital::Glucose,
];

fn short(vital: Vital) -> (&'static str, &'static str) {
    match vital {
        Vital::HeartRate => ("HR", "/min"),
        Vital::Spo2 => ("SpO2", "%"),
        Vital::RespRate => ("RR", "/min"),
        Vital::BloodPressure => ("BP", "mmHg"),
        Vital::Temperature => ("Temp", "°C"),
        Vital::Consciousness => ("ACVPU", ""),
        Vital::Glucose => ("Gluc", "mmol/L"),
        Vital::Pain => ("Pain", "/10"),
    }
}

fn acvpu(rank: f64) -> &'static str {
    match rank.round() as i64 {
        ..=0 => "A",
        1 => "C",
        2 => "V",
        3 => "P",
        _ => "U",
    }
}

impl Bedside {
    pub fn of(patient: &Patient) -> Bedside {
        let monitor = patient.monitor();
        let arrested = patient.is_arrested();
        let language = patient.language();
        let rows = SHOWN
            .iter()
            .map(|&vital| {
                let (short, unit) = short(vital);
                let live = monitor.as_ref().and_then(|m| match vital {
                    Vital::HeartRate => Some(m.heart_rate),
                    Vital::Spo2 => Some(m.spo2),
                    Vital::RespRate => Some(m.resp_rate),
                    _ => None,
                });
                let (raw, source) = match (live, patient.known(vital)) {
                    (Some(v), _) => (Some(v), Source::Live),
                    (None, Some((v, at))) => (Some(v), Source::Measured(at)),
                    (None, None) => (None, Source::NotMeasured),
                };
                let value = raw.map(|v| match vital {
                    Vital::Spo2 if arrested && source == Source::Live => "--".to_string(),
                    Vital::BloodPressure => patient
                        .measured_blood_pressure()
                        .map_or(format!("{v:.0}"), |(s, d, _)| format!("{s:.0}/{d:.0}")),
                    Vital::Temperature | Vital::Glucose => format!("{v:.1}"),
                    Vital::Consciousness => acvpu(v).to_string(),
                    _ => format!("{v:.0}"),
                });
                let alarm = monitor.as_ref().is_some_and(|m| m.alarms.contains(&vital));
                Row {
                    vital,
                    short,
                    value,
                    unit,
                    source,
                    alarm,
                    language,
                }
            })
            .collect();
        Bedside {
            name: patient.name().to_owned(),
            clock: patient.clock(),
            monitor_attached: monitor.is_some(),
            arrested,
            live_rates: monitor.map(|m| LiveRates {
                heart_rate: if arrested { 0.0 } else { m.heart_rate },
                resp_rate: if arrested { 0.0 } else { m.resp_rate },
                spo2: m.spo2,
            }),
            rows,
            news2: patient.charted().to_vec(),
            language,
        }
    }

    pub fn row(&self, vital: Vital) -> Option<&Row> {
        self.rows.iter().find(|r| r.vital == vital)
    }

    /// One line about the monitor itself, for the text equivalent.
    pub fn status_sentence(&self) -> String {
        let name = &self.name;
        let l = self.language;
        if self.arrested && self.monitor_attached {
            WORDS.fill(l, "Monitor on {}: no pulse. Cardiac arrest.", &[name])
        } else if self.monitor_attached {
            WORDS.fill(
                l,
                "Monitor attached to {}: heart rate, SpO2 and breathing live.",
                &[name],
            )
        } else {
            WORDS.fill(
                l,
                "No monitor attached to {}: the values are what you last measured.",
                &[name],
            )
        }
    }

    /// The charted NEWS2 scores in words: "NEWS2 charted: 3 at 1:00, 6 at 9:30."
    pub fn news2_sentence(&self) -> String {
        let l = self.language;
        if self.news2.is_empty() {
            return WORDS
                .say(l, "NEWS2: no full set of observations charted yet.")
                .into();
        }
        let list: Vec<String> = self
            .news2
            .iter()
            .map(|c| WORDS.fill(l, "{} at {}", &[&c.news2, &clock_text(c.at)]))
            .collect();
        WORDS.fill(l, "NEWS2 charted: {}.", &[&list.join(", ")])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{PatientAction, PatientKind, PatientSetup};
    use firstshift_core::SimState;

    fn patient(ron_setup: &str) -> Patient {
        let setup: PatientSetup = ron::from_str(ron_setup).unwrap();
        Patient::new(&setup, 7)
    }

    fn act(p: &mut Patient, a: PatientAction) {
        let _ = <Patient as SimState<PatientKind>>::act(p, &a);
    }

    const OPIOID: &str = r#"(name: "Mr. Hale", age: 67,
        baseline: (heart_rate: 80, resp_rate: 16, spo2: 96, systolic: 130, diastolic: 80, temperature: 37.0),
        conditions: [OpioidToxicity(level: 0.9)])"#;

    #[test]
    fn before_anything_is_measured_the_bedside_shows_nothing_it_should_not() {
        let p = patient(OPIOID);
        let b = Bedside::of(&p);
        assert!(!b.monitor_attached);
        assert!(b.live_rates.is_none());
        assert!(
            b.rows
                .iter()
                .all(|r| r.value.is_none() && r.source == Source::NotMeasured)
        );
        assert_eq!(
            b.row(Vital::HeartRate).unwrap().sentence(),
            "Heart rate: not measured yet."
        );
        assert!(
            b.status_sentence()
                .starts_with("No monitor attached to Mr. Hale")
        );
        assert_eq!(
            b.news2_sentence(),
            "NEWS2: no full set of observations charted yet."
        );
    }

    #[test]
    fn a_full_set_of_observations_fills_every_row_and_charts_a_news2() {
        let mut p = patient(OPIOID);
        act(&mut p, PatientAction::MeasureVitals);
        let b = Bedside::of(&p);
        // A NEWS2 set is everything but the blood glucose, which needs a fingerstick.
        for row in b.rows.iter().filter(|r| r.vital != Vital::Glucose) {
            assert!(row.value.is_some(), "{row:?}");
            assert_eq!(row.source, Source::Measured(0));
        }
        assert_eq!(b.row(Vital::Glucose).unwrap().source, Source::NotMeasured);
        let bp = b.row(Vital::BloodPressure).unwrap().value.clone().unwrap();
        assert!(bp.contains('/'), "{bp}");
        assert_eq!(b.news2.len(), 1);
        assert!(b.news2_sentence().starts_with("NEWS2 charted: "));
        let rr = b.row(Vital::RespRate).unwrap().sentence();
        assert!(
            rr.starts_with("Respiratory rate ") && rr.ends_with("/min, measured at 0:00."),
            "{rr}"
        );
    }

    #[test]
    fn the_monitor_shows_live_rates_and_flags_alarms() {
        let mut p = patient(OPIOID);
        act(&mut p, PatientAction::AttachMonitor);
        let b = Bedside::of(&p);
        assert!(b.monitor_attached);
        let rates = b.live_rates.unwrap();
        assert!(
            rates.resp_rate < 8.0,
            "opioid toxicity slows breathing: {rates:?}"
        );
        let rr = b.row(Vital::RespRate).unwrap();
        assert_eq!(rr.source, Source::Live);
        assert!(rr.alarm, "{rr:?}");
        assert!(
            rr.sentence()
                .contains("live on the monitor. Alarm: out of range.")
        );
        // Temperature is not on the monitor: still not measured.
        assert_eq!(
            b.row(Vital::Temperature).unwrap().source,
            Source::NotMeasured
        );
    }
}
