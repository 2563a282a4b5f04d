//! The running patient: what the student knows (a vital sign is known only once
//! measured, or while a monitor shows it), the monitor and its alarms, and how each
//! action and question of [`crate::kind`] is answered.

use std::collections::{BTreeMap, BTreeSet};

use std::fmt::Display;

use firstshift_core::{Language, Seconds, SimState};
use serde::Serialize;

use crate::body::{Body, Dose, Vitals, rank};
use crate::news2::{self, Consciousness, Observations, Risk, SpO2Scale};
mod sentences;

pub(crate) use sentences::consciousness_name;

use crate::kind::{PatientAction, PatientEvent, PatientKind, PatientQuery};
use crate::setup::PatientSetup;
use crate::spanish::WORDS;
use crate::vocabulary::{GlucoseRoute, Harm, OxygenDevice, Position, Topic, Treatment, Vital};

/// One point of the model's trend record.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TrendPoint {
    pub at: Seconds,
    pub vitals: Vitals,
    pub news2: u8,
}

/// A NEWS2 the student charted.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ChartedScore {
    pub at: Seconds,
    pub news2: u8,
}

/// How often the trend record takes a point.
pub const TREND_EVERY: Seconds = 10;

/// The most points the trend record keeps: enough for the longest run any scenario
/// allows ([`firstshift_core::MAX_HORIZON`]); past that (only a caller that is not a
/// `Session` can get there) the record stops growing rather than fill memory.
pub const MAX_TREND_POINTS: usize = (firstshift_core::MAX_HORIZON / TREND_EVERY) as usize + 2;

/// The running patient.
#[derive(Debug, Clone, PartialEq)]
pub struct Patient {
    name: String,
    answers: BTreeMap<Topic, String>,
    allergies: Vec<Treatment>,
    scale: SpO2Scale,
    seed: u64,
    clock: Seconds,
    body: Body,
    monitor: bool,
    /// The last measured value of each vital, and when.
    known: BTreeMap<Vital, (f64, Seconds)>,
    given: Vec<(Treatment, Seconds)>,
    harms: BTreeMap<Harm, Seconds>,
    alarming: BTreeSet<Vital>,
    consciousness: Consciousness,
    trend: Vec<TrendPoint>,
    charted: Vec<ChartedScore>,
    /// The language of its sentences; never read by the physiology.
    language: Language,
}

impl Patient {
    pub fn new(setup: &PatientSetup, seed: u64) -> Patient {
        let body = Body::new(setup);
        let mut patient = Patient {
            name: setup.name.clone(),
            answers: setup.answers.clone(),
            allergies: setup.allergies.clone(),
            scale: setup.spo2_scale,
            seed,
            clock: 0,
            consciousness: body.vitals().consciousness,
            body,
            monitor: setup.monitor,
            known: BTreeMap::new(),
            given: Vec::new(),
            harms: BTreeMap::new(),
            alarming: BTreeSet::new(),
            trend: Vec::new(),
            charted: Vec::new(),
            language: Language::English,
        };
        patient.record();
        patient
    }

    pub fn name(&self) -> &str {
        &self.name
    }
    /// The language the patient's sentences are in.
    pub fn language(&self) -> Language {
        self.language
    }
    /// A phrase of [`WORDS`] in the run's language.
    pub(crate) fn say(&self, english: &'static str) -> &'static str {
        WORDS.say(self.language, english)
    }
    /// A phrase of [`WORDS`] in the run's language, its `{}` slots filled.
    pub(crate) fn fill(&self, english: &'static str, args: &[&dyn Display]) -> String {
        WORDS.fill(self.language, english, args)
    }
    pub fn clock(&self) -> Seconds {
        self.clock
    }
    /// The true vital signs (for the debrief and tests; the player shows only what
    /// the student measured or monitors).
    pub fn vitals(&self) -> Vitals {
        self.body.vitals()
    }
    pub fn news2(&self) -> news2::Score {
        news2::score(&self.observations(&self.vitals()))
    }
    pub fn is_monitored(&self) -> bool {
        self.monitor
    }
    pub fn is_arrested(&self) -> bool {
        self.body.arrested
    }
    pub fn oxygen(&self) -> OxygenDevice {
        self.body.device
    }
    pub fn position(&self) -> Position {
        self.body.position
    }
    /// The 10-second trend record of the true state.
    pub fn trend(&self) -> &[TrendPoint] {
        &self.trend
    }
    /// Every NEWS2 the student charted.
    pub fn charted(&self) -> &[ChartedScore] {
        &self.charted
    }
    pub fn harms(&self) -> impl Iterator<Item = (Harm, Seconds)> + '_ {
        self.harms.iter().map(|(h, at)| (*h, *at))
    }
    /// The last measured value of a vital and when it was measured.
    pub fn known(&self, vital: Vital) -> Option<(f64, Seconds)> {
        self.known.get(&vital).copied()
    }

    /// What the bedside monitor shows now, if one is attached: heart rate, SpO2 and
    /// respiratory rate live (with a little noise), blood pressure from the last cuff
    /// reading.
    pub fn monitor(&self) -> Option<MonitorReading> {
        if !self.monitor {
            return None;
        }
        let t = self.clock;
        Some(MonitorReading {
            heart_rate: self.reading(Vital::HeartRate, t),
            spo2: self.reading(Vital::Spo2, t),
            resp_rate: self.reading(Vital::RespRate, t),
            blood_pressure: self.measured_blood_pressure(),
            news2: self.charted.last().copied(),
            alarms: self.alarming.iter().copied().collect(),
            arrested: self.body.arrested,
        })
    }

    /// The last cuff reading: systolic, diastolic and when it was taken.
    pub fn measured_blood_pressure(&self) -> Option<(f64, f64, Seconds)> {
        self.known.get(&Vital::BloodPressure).map(|(sys, at)| {
            let v = self.trend_at(*at);
            (sys.round(), v.diastolic.round(), *at)
        })
    }

    fn trend_at(&self, at: Seconds) -> Vitals {
        self.trend
            .iter()
            .rev()
            .find(|p| p.at <= at)
            .map_or_else(|| self.vitals(), |p| p.vitals)
    }

    fn observations(&self, v: &Vitals) -> Observations {
        Observations {
            respiration_rate: v.resp_rate,
            spo2: v.spo2,
            spo2_scale: self.scale,
            on_oxygen: self.body.device != OxygenDevice::Air,
            systolic_bp: v.systolic,
            pulse: v.heart_rate,
            consciousness: v.consciousness,
            temperature: v.temperature,
        }
    }

    /// A measured value: the true one with a little seeded noise, rounded as charted.
    fn reading(&self, vital: Vital, at: Seconds) -> f64 {
        let v = self.vitals();
        let n = noise(self.seed, at, vital as u64);
        let raw = value_of(vital, &v);
        if self.body.arrested {
            return raw;
        }
        match vital {
            Vital::HeartRate => (raw + 1.5 * n).round().clamp(0.0, 250.0),
            Vital::RespRate => (raw + 0.6 * n).round().clamp(0.0, 70.0),
            Vital::Spo2 => (raw + 0.6 * n).round().clamp(0.0, 100.0),
            Vital::BloodPressure => (raw + 2.0 * n).round().clamp(0.0, 260.0),
            Vital::Temperature => ((raw + 0.05 * n) * 10.0).round() / 10.0,
            Vital::Glucose => ((raw + 0.1 * n).max(0.5) * 10.0).round() / 10.0,
            Vital::Consciousness | Vital::Pain => raw.round(),
        }
    }

    fn record(&mut self) {
        let vitals = self.vitals();
        let news2 = news2::score(&self.observations(&vitals)).total;
        if self.trend.last().is_some_and(|p| p.at == self.clock) {
            self.trend.pop();
        }
        if self.trend.len() >= MAX_TREND_POINTS {
            return;
        }
        self.trend.push(TrendPoint {
            at: self.clock,
            vitals,
            news2,
        });
    }

    fn treat(&mut self, treatment: Treatment, text: String, events: &mut Vec<PatientEvent>) {
        self.given.push((treatment, self.clock));
        events.push(PatientEvent::Treated { treatment, text });
        if self.allergies.contains(&treatment) {
            self.body.start_anaphylaxis(0.8, 5.0, false);
            self.harm(Harm::WrongDrug, events);
        }
    }

    fn harm(&mut self, harm: Harm, events: &mut Vec<PatientEvent>) {
        if !self.harms.contains_key(&harm) {
            self.harms.insert(harm, self.clock);
            events.push(PatientEvent::Harmed {
                harm,
                text: self.say(harm.text()).to_string(),
            });
        }
    }

    fn measure(&mut self, vital: Vital) -> PatientEvent {
        let value = self.reading(vital, self.clock);
        self.known.insert(vital, (value, self.clock));
        let text = match vital {
            Vital::BloodPressure => {
                let dia = self.vitals().diastolic.round();
                self.fill(
                    "Blood pressure {}/{} mmHg",
                    &[&format!("{value:.0}"), &format!("{dia:.0}")],
                )
            }
            _ => format!(
                "{} {}",
                self.say(vital.label()),
                self.value_text(vital, value)
            ),
        };
        PatientEvent::Observed { vital, value, text }
    }

    fn value_text(&self, vital: Vital, value: f64) -> String {
        match vital {
            Vital::HeartRate => self.fill("{} beats/min", &[&format!("{value:.0}")]),
            Vital::RespRate => self.fill("{} breaths/min", &[&format!("{value:.0}")]),
            Vital::Spo2 if self.body.arrested => self.say("no trace").to_string(),
            Vital::Spo2 => self.fill(
                "{} % on {}",
                &[&format!("{value:.0}"), &self.say(self.body.device.label())],
            ),
            Vital::BloodPressure => self.fill("{} mmHg systolic", &[&format!("{value:.0}")]),
            Vital::Temperature => format!("{value:.1} °C"),
            Vital::Consciousness => self
                .say(consciousness_name(self.vitals().consciousness))
                .to_string(),
            Vital::Pain => self.fill("{} out of 10", &[&format!("{value:.0}")]),
            // Both units: US clinics chart mg/dL, most others mmol/L (1 mmol/L = 18 mg/dL).
            Vital::Glucose => format!("{value:.1} mmol/L ({:.0} mg/dL)", value * 18.0),
        }
    }

    fn chart(&mut self) -> Vec<PatientEvent> {
        let mut events: Vec<PatientEvent> = [
            Vital::RespRate,
            Vital::Spo2,
            Vital::BloodPressure,
            Vital::HeartRate,
            Vital::Consciousness,
            Vital::Temperature,
        ]
        .into_iter()
        .map(|v| self.measure(v))
        .collect();
        let measured = |v: Vital| self.known[&v].0;
        let vitals = self.vitals();
        let obs = Observations {
            respiration_rate: measured(Vital::RespRate),
            spo2: measured(Vital::Spo2),
            systolic_bp: measured(Vital::BloodPressure),
            pulse: measured(Vital::HeartRate),
            temperature: measured(Vital::Temperature),
            consciousness: vitals.consciousness,
            ..self.observations(&vitals)
        };
        let score = news2::score(&obs);
        let response = score.response();
        self.charted.push(ChartedScore {
            at: self.clock,
            news2: score.total,
        });
        events.push(PatientEvent::ObservationsCharted {
            news2: score.total,
            risk: score.risk(),
            response: format!(
                "{} — {}",
                self.say(response.monitoring),
                self.say(response.action)
            ),
            text: self.fill(
                "NEWS2 {} ({} risk). {}",
                &[
                    &score.total,
                    &match score.risk() {
                        Risk::Low => self.say("low"),
                        Risk::LowMedium => self.say("low–medium"),
                        Risk::Medium => self.say("medium"),
                        Risk::High => self.say("high"),
                    },
                    &self.say(response.action),
                ],
            ),
        });
        events
    }

    fn check_alarms(&mut self, events: &mut Vec<PatientEvent>) {
        if !self.monitor {
            self.alarming.clear();
            return;
        }
        let t = self.clock;
        for vital in [Vital::HeartRate, Vital::Spo2, Vital::RespRate] {
            let value = self.reading(vital, t);
            let (warn, critical) = alarm_level(vital, value, self.scale);
            let was = self.alarming.contains(&vital);
            if warn && !was {
                self.alarming.insert(vital);
                let text = if self.body.arrested {
                    self.say("Monitor alarm: asystole, no output!").to_string()
                } else {
                    self.fill(
                        "Monitor alarm: {} {}",
                        &[&self.say(vital.label()), &self.value_text(vital, value)],
                    )
                };
                events.push(PatientEvent::Alarm {
                    vital,
                    critical,
                    text,
                });
            } else if was && !warn && !alarm_level(vital, value, self.scale).0 {
                // Hysteresis: a value must be clearly back in range to clear.
                let (lo, hi) = alarm_limits(vital, self.scale);
                if value > lo + 2.0 && value < hi - 2.0 {
                    self.alarming.remove(&vital);
                }
            }
        }
    }
}

/// The monitor's warning limits (low, high).
fn alarm_limits(vital: Vital, scale: SpO2Scale) -> (f64, f64) {
    match vital {
        Vital::HeartRate => (50.0, 120.0),
        Vital::RespRate => (8.0, 25.0),
        Vital::Spo2 if scale == SpO2Scale::Scale2 => (86.0, 101.0),
        Vital::Spo2 => (91.0, 101.0),
        _ => (f64::MIN, f64::MAX),
    }
}

/// (outside the warning limits, critically so).
pub fn alarm_level(vital: Vital, value: f64, scale: SpO2Scale) -> (bool, bool) {
    let (lo, hi) = alarm_limits(vital, scale);
    let warn = value < lo || value > hi;
    let critical = match vital {
        Vital::HeartRate => !(40.0..=140.0).contains(&value),
        Vital::RespRate => !(6.0..=30.0).contains(&value),
        Vital::Spo2 => value < lo - 6.0,
        _ => false,
    };
    (warn, critical)
}

/// What the bedside monitor shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonitorReading {
    pub heart_rate: f64,
    pub spo2: f64,
    pub resp_rate: f64,
    /// Systolic, diastolic, and when the cuff last measured.
    pub blood_pressure: Option<(f64, f64, Seconds)>,
    /// The last NEWS2 the student charted.
    pub news2: Option<ChartedScore>,
    pub alarms: Vec<Vital>,
    pub arrested: bool,
}

/// A vital as a number for comparisons.
pub(crate) fn value_of(vital: Vital, v: &Vitals) -> f64 {
    match vital {
        Vital::HeartRate => v.heart_rate,
        Vital::RespRate => v.resp_rate,
        Vital::Spo2 => v.spo2,
        Vital::BloodPressure => v.systolic,
        Vital::Temperature => v.temperature,
        Vital::Consciousness => f64::from(rank(v.consciousness)),
        Vital::Pain => v.pain,
        Vital::Glucose => v.glucose,
    }
}

/// Deterministic noise in [-1, 1] for (seed, second, channel): SplitMix64's
/// finaliser, so a reading at a given second is the same however the run got there.
fn noise(seed: u64, at: Seconds, channel: u64) -> f64 {
    let mut z =
        seed ^ at.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ channel.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
}

impl SimState<PatientKind> for Patient {
    fn advance(&mut self, to: Seconds) -> Vec<PatientEvent> {
        let mut events = Vec::new();
        while self.clock < to {
            self.clock += 1;
            let was_arrested = self.body.arrested;
            self.body.step(self.clock);
            if self.body.arrested && !was_arrested {
                events.push(PatientEvent::Arrest {
                    text: self.fill(
                        "{} has stopped breathing and has no pulse: cardiac arrest.",
                        &[&self.name],
                    ),
                });
            }
            let c = self.body.vitals().consciousness;
            if c != self.consciousness {
                let text = self.consciousness_change_text(self.consciousness, c);
                self.consciousness = c;
                events.push(PatientEvent::ConsciousnessChanged { to: c, text });
            }
            let d = self.body.drivers;
            if d.lung_water > 0.05 {
                self.harm(Harm::FluidOverload, &mut events);
            }
            if self.body.is_copd() && d.paco2 > 60.0 && self.body.device >= OxygenDevice::SimpleMask
            {
                self.harm(Harm::OxygenExcessInCopd, &mut events);
            }
            self.check_alarms(&mut events);
            if self.clock.is_multiple_of(TREND_EVERY) {
                self.record();
            }
        }
        events
    }

    fn act(&mut self, action: &PatientAction) -> Vec<PatientEvent> {
        let mut events = Vec::new();
        let v = self.vitals();
        let name = self.name.clone();
        match *action {
            PatientAction::MeasureVitals => events.extend(self.chart()),
            PatientAction::Measure(vital) => events.push(self.measure(vital)),
            PatientAction::AttachMonitor => {
                self.monitor = true;
                let bp = self.measure(Vital::BloodPressure);
                events.push(PatientEvent::Monitor {
                    attached: true,
                    text: self
                        .say("Monitor attached: ECG, pulse oximeter and blood-pressure cuff.")
                        .into(),
                });
                events.push(bp);
                for vital in [Vital::HeartRate, Vital::Spo2, Vital::RespRate] {
                    let value = self.reading(vital, self.clock);
                    self.known.insert(vital, (value, self.clock));
                }
                self.check_alarms(&mut events);
            }
            PatientAction::DetachMonitor => {
                self.monitor = false;
                self.alarming.clear();
                events.push(PatientEvent::Monitor {
                    attached: false,
                    text: self.say("Monitor removed.").into(),
                });
            }
            PatientAction::Examine(exam) => events.push(PatientEvent::Finding {
                exam,
                text: self.examine(exam),
            }),
            PatientAction::Ask(topic) => events.push(PatientEvent::Answer {
                topic,
                text: self.answer(topic),
            }),
            PatientAction::Oxygen(device) => {
                let before = self.body.device;
                if device == OxygenDevice::Air && before != OxygenDevice::Air && v.spo2 < 92.0 {
                    self.harm(Harm::OxygenWithdrawn, &mut events);
                }
                self.body.device = device;
                if device == OxygenDevice::Air {
                    events.push(PatientEvent::Treated {
                        treatment: Treatment::Oxygen,
                        text: self.fill("Oxygen removed: {} is breathing room air.", &[&name]),
                    });
                } else {
                    self.treat(
                        Treatment::Oxygen,
                        self.fill("Oxygen by {}.", &[&self.say(device.label())]),
                        &mut events,
                    );
                }
            }
            PatientAction::FluidBolus(ml) => {
                let ml = if ml.is_finite() {
                    ml.clamp(0.0, 2000.0)
                } else {
                    0.0
                };
                self.body.give(Dose::Fluid(ml), self.clock);
                self.treat(
                    Treatment::FluidBolus,
                    self.fill(
                        "{} ml of fluid running in over {} minutes.",
                        &[&format!("{ml:.0}"), &format!("{:.0}", ml / 500.0 * 15.0)],
                    ),
                    &mut events,
                );
            }
            PatientAction::Bronchodilator => {
                self.body.give(Dose::Bronchodilator, self.clock);
                self.treat(
                    Treatment::Bronchodilator,
                    self.say("Salbutamol nebuliser started.").into(),
                    &mut events,
                );
            }
            PatientAction::Glucose(route) => {
                let can_swallow = rank(v.consciousness) <= 1;
                if route == GlucoseRoute::Oral && !can_swallow {
                    self.treat(
                        Treatment::Glucose,
                        self.fill(
                            "You try to give glucose gel, but {} cannot swallow it.",
                            &[&name],
                        ),
                        &mut events,
                    );
                    self.harm(Harm::AspirationRisk, &mut events);
                } else {
                    self.body.give(Dose::Glucose(route), self.clock);
                    let text = match route {
                        GlucoseRoute::Oral => {
                            self.fill("{} takes 15–20 g of fast-acting glucose.", &[&name])
                        }
                        GlucoseRoute::Intravenous => {
                            self.say("150 ml of 10 % glucose given into a vein.").into()
                        }
                        GlucoseRoute::Glucagon => self
                            .say("Glucagon 1 mg given into the thigh muscle.")
                            .into(),
                    };
                    self.treat(Treatment::Glucose, text, &mut events);
                }
            }
            PatientAction::Naloxone => {
                self.body.give(Dose::Naloxone, self.clock);
                self.treat(
                    Treatment::Naloxone,
                    self.say("Naloxone 400 micrograms given.").into(),
                    &mut events,
                );
            }
            PatientAction::Adrenaline => {
                self.body.give(Dose::Adrenaline, self.clock);
                self.treat(
                    Treatment::Adrenaline,
                    self.say("Adrenaline (epinephrine) given into the outer thigh muscle.")
                        .into(),
                    &mut events,
                );
                if !self.body.has_anaphylaxis() && !self.body.has_bronchospasm() {
                    self.harm(Harm::WrongDrug, &mut events);
                }
            }
            PatientAction::Antibiotics => {
                self.body.give(Dose::Antibiotics, self.clock);
                self.treat(
                    Treatment::Antibiotics,
                    self.say("IV antibiotics started.").into(),
                    &mut events,
                );
            }
            PatientAction::Paracetamol => {
                self.body.give(Dose::Paracetamol, self.clock);
                self.treat(
                    Treatment::Paracetamol,
                    self.say("Paracetamol 1 g given.").into(),
                    &mut events,
                );
            }
            PatientAction::Morphine => {
                let depressed = v.resp_rate < 10.0 || rank(v.consciousness) >= 2;
                self.body.give(Dose::Morphine, self.clock);
                self.treat(
                    Treatment::Morphine,
                    self.say("Morphine 5 mg given into a vein.").into(),
                    &mut events,
                );
                if depressed {
                    self.harm(Harm::OpioidWhileDepressed, &mut events);
                }
            }
            PatientAction::StopInfusion => {
                let was = self.body.infusion_running;
                self.body.infusion_running = false;
                self.treat(
                    Treatment::StopInfusion,
                    if was {
                        self.say("Infusion stopped.")
                    } else {
                        self.say("There was no infusion running.")
                    }
                    .into(),
                    &mut events,
                );
            }
            PatientAction::ControlBleeding => {
                self.body.bleeding_controlled = true;
                self.treat(
                    Treatment::ControlBleeding,
                    self.say("Firm direct pressure on the wound: the bleeding slows to an ooze.")
                        .into(),
                    &mut events,
                );
            }
            PatientAction::Position(position) => {
                self.body.position = position;
                let text = match position {
                    Position::LyingFlat => self.say("Patient laid flat."),
                    Position::SittingUp => self.say("Patient sat upright."),
                    Position::LegsRaised => self.say("Patient lying flat with the legs raised."),
                    Position::Recovery => self.say("Patient rolled into the recovery position."),
                };
                self.treat(Treatment::Position, text.into(), &mut events);
            }
        }
        self.record();
        events
    }

    fn set_language(&mut self, language: Language) {
        self.language = language;
    }

    fn holds(&self, query: &PatientQuery) -> bool {
        let v = self.vitals();
        match query {
            PatientQuery::Vital(vital, cmp) => cmp.test(value_of(*vital, &v)),
            PatientQuery::News2(cmp) => cmp.test(f64::from(self.news2().total)),
            PatientQuery::Measured(vital) => {
                self.known.contains_key(vital)
                    || (self.monitor
                        && matches!(vital, Vital::HeartRate | Vital::Spo2 | Vital::RespRate))
            }
            PatientQuery::Given(t) => self.given.iter().any(|(g, _)| g == t),
            PatientQuery::GivenWithin(t, seconds, sign) => {
                let Some(first) = self
                    .trend
                    .iter()
                    .find(|p| sign.holds(&p.vitals, p.news2))
                    .map(|p| p.at)
                else {
                    return false;
                };
                self.given
                    .iter()
                    .any(|(g, at)| g == t && *at <= first.saturating_add(*seconds))
            }
            PatientQuery::OnOxygen(device) => self.body.device == *device,
            PatientQuery::Monitored => self.monitor,
            PatientQuery::Harmed(h) => self.harms.contains_key(h),
            PatientQuery::Arrested => self.body.arrested,
        }
    }
}
