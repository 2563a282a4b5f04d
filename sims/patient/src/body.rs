//! The physiology: a handful of internal quantities (circulating volume, vessel
//! tone, airway narrowing, opioid level, glucose, oxygen delivered) that the
//! conditions push on and the treatments push back, and the vital signs that follow
//! from them. It is a teaching model, not a research one: each relation is a simple
//! curve sized so that the textbook picture appears at the textbook severity (a
//! class III haemorrhage gives a heart rate over 120 and a falling pressure; an
//! opioid overdose gives a rate under 8 and pinpoint pupils). Oxygen saturation
//! comes from the alveolar gas equation and the Severinghaus dissociation curve, so
//! oxygen raises it over minutes and cannot take it over 100 %.
//!
//! The model steps one simulated second at a time; every value is clamped to what a
//! living (or arrested) body can show, and none can become NaN.

use firstshift_core::Seconds;

use crate::course::{self, EffectCourse};
use crate::news2::Consciousness;
use crate::setup::{Baseline, PatientCondition, PatientSetup};
use crate::vocabulary::{GlucoseRoute, OxygenDevice, Position};

/// The true vital signs at one moment (what a perfect instrument would read).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Vitals {
    pub heart_rate: f64,
    pub resp_rate: f64,
    pub spo2: f64,
    pub systolic: f64,
    pub diastolic: f64,
    pub mean_pressure: f64,
    pub temperature: f64,
    pub consciousness: Consciousness,
    pub pain: f64,
    pub glucose: f64,
}

/// Something given that acts over time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Dose {
    Naloxone,
    Adrenaline,
    Bronchodilator,
    Antibiotics,
    Paracetamol,
    /// Adds to the opioid level as it is absorbed.
    Morphine,
    /// Millilitres of fluid running in.
    Fluid(f64),
    /// mmol/L of blood glucose gained when fully absorbed.
    Glucose(GlucoseRoute),
}

impl Dose {
    fn course(self) -> EffectCourse {
        match self {
            Dose::Naloxone => course::NALOXONE,
            Dose::Adrenaline => course::ADRENALINE,
            Dose::Bronchodilator => course::BRONCHODILATOR,
            Dose::Antibiotics => course::ANTIBIOTICS,
            Dose::Paracetamol => course::PARACETAMOL,
            Dose::Morphine => course::MORPHINE,
            Dose::Fluid(ml) => course::fluid_bolus(ml),
            Dose::Glucose(GlucoseRoute::Oral) => course::GLUCOSE_ORAL,
            Dose::Glucose(GlucoseRoute::Intravenous) => course::GLUCOSE_IV,
            Dose::Glucose(GlucoseRoute::Glucagon) => course::GLUCAGON,
        }
    }
}

/// How much of the opioid level 1.0 one dose of morphine adds.
const MORPHINE_LEVEL: f64 = 0.3;
/// Opioid elimination half-life.
const OPIOID_HALF_LIFE_S: f64 = 3.0 * 3600.0;
/// Seconds of severe hypoxia or hypotension a body survives before the heart stops.
const ARREST_AFTER_S: f64 = 240.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    base: Baseline,
    blood_volume_ml: f64,
    /// Where the resting saturation comes from: the gradient that gives the
    /// baseline SpO2 on room air.
    base_gradient: f64,
    heart_failure: bool,
    copd: bool,

    // The courses of the conditions.
    sepsis: f64,
    sepsis_rate: f64,
    bleeding_ml_min: f64,
    pub(crate) bleeding_controlled: bool,
    spasm: f64,
    spasm_rate: f64,
    glucose_fall_per_h: f64,
    opioid: f64,
    opioid_infusion_per_h: f64,
    anaphylaxis: f64,
    anaphylaxis_target: f64,
    anaphylaxis_peak_s: f64,
    anaphylaxis_from_infusion: bool,
    /// A drip (PCA, antibiotic) is running; `StopInfusion` stops it.
    pub(crate) infusion_running: bool,

    // Internal state.
    /// Circulating volume below normal, ml (negative: overloaded).
    deficit_ml: f64,
    glucose: f64,
    temperature: f64,
    fio2: f64,
    pub(crate) device: OxygenDevice,
    pub(crate) position: Position,
    doses: Vec<(Dose, Seconds)>,
    hypoxic_seconds: f64,
    pub(crate) arrested: bool,

    // The vital signs as they drift toward where the physiology puts them.
    heart_rate: f64,
    resp_rate: f64,
    spo2: f64,
    mean_pressure: f64,
    pulse_pressure: f64,
    paco2: f64,
    consciousness: Consciousness,

    // Effective drivers, kept for the examination findings.
    pub(crate) drivers: Drivers,
}

/// The effective strength (0–1) of each process after treatment, this second.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Drivers {
    pub bronchospasm: f64,
    pub anaphylaxis: f64,
    pub opioid: f64,
    pub vasodilation: f64,
    /// Share of the blood volume missing.
    pub volume_loss: f64,
    /// Water in the lungs from too much fluid.
    pub lung_water: f64,
    pub sepsis: f64,
    pub paco2: f64,
    /// Drug effects (0–1; adrenaline up to 1.3 when doses overlap).
    pub adrenaline: f64,
    pub bronchodilator: f64,
}

/// Saturation of haemoglobin at a partial pressure of oxygen (Severinghaus 1979).
pub fn saturation(po2: f64) -> f64 {
    let p = po2.max(0.0);
    100.0 / (1.0 + 23_400.0 / (p * p * p + 150.0 * p).max(1e-9))
}

/// The partial pressure that gives a saturation (by bisection; setup only).
fn po2_for(saturation_pct: f64) -> f64 {
    let target = saturation_pct.clamp(1.0, 99.7);
    let (mut lo, mut hi) = (1.0_f64, 700.0_f64);
    for _ in 0..60 {
        let mid = (lo + hi) / 2.0;
        if saturation(mid) < target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo + hi) / 2.0
}

/// Moves `value` toward `target` with time constant `tau` seconds, for one second.
fn drift(value: f64, target: f64, tau: f64) -> f64 {
    value + (target - value) / tau.max(1.0)
}

/// A resting shunt: 2 % of blood passes the lungs without meeting air.
const BASE_SHUNT: f64 = 0.02;
const VENOUS_SATURATION: f64 = 72.0;

impl Body {
    pub fn new(setup: &PatientSetup) -> Body {
        let base = setup.baseline.clone();
        let alveolar = 0.21 * 713.0 - 40.0 / 0.8;
        let arterial_sat =
            ((base.spo2 - BASE_SHUNT * VENOUS_SATURATION) / (1.0 - BASE_SHUNT)).min(99.7);
        let base_gradient = (alveolar - po2_for(arterial_sat)).max(2.0);
        let mut body = Body {
            blood_volume_ml: 70.0 * setup.weight_kg.clamp(2.0, 250.0),
            base_gradient,
            heart_failure: false,
            copd: false,
            sepsis: 0.0,
            sepsis_rate: 0.0,
            bleeding_ml_min: 0.0,
            bleeding_controlled: false,
            spasm: 0.0,
            spasm_rate: 0.0,
            glucose_fall_per_h: 0.0,
            opioid: 0.0,
            opioid_infusion_per_h: 0.0,
            anaphylaxis: 0.0,
            anaphylaxis_target: 0.0,
            anaphylaxis_peak_s: 0.0,
            anaphylaxis_from_infusion: false,
            infusion_running: false,
            deficit_ml: 0.0,
            glucose: base.glucose,
            temperature: base.temperature,
            fio2: setup.oxygen.fio2(),
            device: setup.oxygen,
            position: setup.position,
            doses: Vec::new(),
            hypoxic_seconds: 0.0,
            arrested: false,
            heart_rate: base.heart_rate,
            resp_rate: base.resp_rate,
            spo2: base.spo2,
            mean_pressure: (base.systolic + 2.0 * base.diastolic) / 3.0,
            pulse_pressure: base.systolic - base.diastolic,
            paco2: 40.0,
            consciousness: base.consciousness,
            drivers: Drivers::default(),
            base,
        };
        for c in &setup.conditions {
            body.add_condition(c);
        }
        // Start where the conditions already have the patient, not at the baseline.
        for _ in 0..600 {
            body.settle();
        }
        body
    }

    fn add_condition(&mut self, c: &PatientCondition) {
        let unit = |x: f64| {
            if x.is_finite() {
                x.clamp(0.0, 1.0)
            } else {
                0.0
            }
        };
        let rate = |x: f64, hi: f64| if x.is_finite() { x.clamp(0.0, hi) } else { 0.0 };
        match *c {
            PatientCondition::Sepsis {
                severity,
                worsening_per_hour,
            } => {
                self.sepsis = unit(severity);
                self.sepsis_rate = rate(worsening_per_hour, 2.0);
                self.temperature += 2.5 * self.sepsis;
                self.deficit_ml += 800.0 * self.sepsis;
            }
            PatientCondition::Haemorrhage {
                lost_ml,
                ml_per_minute,
            } => {
                self.deficit_ml += rate(lost_ml, 3000.0);
                self.bleeding_ml_min = rate(ml_per_minute, 500.0);
            }
            PatientCondition::Asthma {
                severity,
                worsening_per_hour,
            } => {
                self.spasm = unit(severity);
                self.spasm_rate = rate(worsening_per_hour, 2.0);
            }
            PatientCondition::Copd {
                severity,
                worsening_per_hour,
            } => {
                self.spasm = unit(severity);
                self.spasm_rate = rate(worsening_per_hour, 2.0);
                self.copd = true;
            }
            PatientCondition::Hypoglycaemia { falling_per_hour } => {
                self.glucose_fall_per_h = rate(falling_per_hour, 20.0);
            }
            PatientCondition::OpioidToxicity {
                level,
                infusion_per_hour,
            } => {
                self.opioid = unit(level);
                self.opioid_infusion_per_h = rate(infusion_per_hour, 2.0);
                self.infusion_running |= self.opioid_infusion_per_h > 0.0;
            }
            PatientCondition::Anaphylaxis {
                severity,
                peak_minutes,
                from_infusion,
            } => self.start_anaphylaxis(unit(severity), rate(peak_minutes, 240.0), from_infusion),
            PatientCondition::HeartFailure => self.heart_failure = true,
        }
    }

    pub(crate) fn start_anaphylaxis(
        &mut self,
        severity: f64,
        peak_minutes: f64,
        from_infusion: bool,
    ) {
        self.anaphylaxis_target = self.anaphylaxis_target.max(severity);
        self.anaphylaxis_peak_s = (peak_minutes * 60.0).max(60.0);
        self.anaphylaxis_from_infusion |= from_infusion;
        self.infusion_running |= from_infusion;
    }

    /// Lets the vital signs reach the state the conditions describe at time zero,
    /// without moving the courses themselves.
    fn settle(&mut self) {
        let drivers = self.drivers_now(0);
        self.follow(drivers);
    }

    pub(crate) fn give(&mut self, dose: Dose, at: Seconds) {
        self.doses.push((dose, at));
    }

    fn effect(&self, which: Dose, now: Seconds, cap: f64) -> f64 {
        self.doses
            .iter()
            .filter(|(d, _)| *d == which)
            .map(|(d, at)| d.course().level(now.saturating_sub(*at)))
            .sum::<f64>()
            .min(cap)
    }

    /// One simulated second, ending at `now`.
    pub fn step(&mut self, now: Seconds) {
        if self.arrested {
            return;
        }
        // What was absorbed or infused during this second.
        for (dose, at) in self.doses.clone() {
            if now <= at {
                continue;
            }
            let c = dose.course();
            let gained = c.absorbed(now - at) - c.absorbed(now - 1 - at);
            if gained <= 0.0 {
                continue;
            }
            match dose {
                Dose::Fluid(ml) => self.deficit_ml -= ml * gained,
                Dose::Morphine => self.opioid += MORPHINE_LEVEL * gained,
                Dose::Glucose(route) => {
                    let rise = match route {
                        GlucoseRoute::Oral => 3.0,
                        GlucoseRoute::Intravenous => 5.0,
                        GlucoseRoute::Glucagon => 3.5,
                    };
                    self.glucose += rise * gained;
                }
                _ => {}
            }
        }

        let antibiotics = self.effect(Dose::Antibiotics, now, 1.0);
        let bronchodilator = self.effect(Dose::Bronchodilator, now, 1.0);

        // The courses.
        let per_s = 1.0 / 3600.0;
        self.sepsis = (self.sepsis + self.sepsis_rate * per_s * (1.0 - 0.9 * antibiotics)
            - if self.sepsis > 0.0 {
                0.1 * per_s * antibiotics
            } else {
                0.0
            })
        .clamp(0.0, 1.0);
        // Leaky vessels: up to 6 ml a minute leaves the circulation in severe
        // sepsis, and up to 40 in anaphylaxis.
        self.deficit_ml += (self.sepsis * 6.0 + self.anaphylaxis * 40.0) / 60.0;
        let bleeding = if self.bleeding_controlled { 0.1 } else { 1.0 };
        self.deficit_ml += self.bleeding_ml_min * bleeding / 60.0;
        self.deficit_ml = self.deficit_ml.clamp(-6000.0, 0.7 * self.blood_volume_ml);
        self.spasm =
            (self.spasm + self.spasm_rate * per_s - 0.1 * per_s * bronchodilator).clamp(0.0, 1.0);
        self.glucose = (self.glucose - self.glucose_fall_per_h * per_s).clamp(0.5, 40.0);
        if self.infusion_running {
            self.opioid += self.opioid_infusion_per_h * per_s;
        }
        self.opioid =
            (self.opioid * (1.0 - std::f64::consts::LN_2 / OPIOID_HALF_LIFE_S)).clamp(0.0, 2.0);
        self.anaphylaxis = self.anaphylaxis_course(now as f64);

        let drivers = self.drivers_now(now);
        let para = self.effect(Dose::Paracetamol, now, 1.0);
        let fever = 2.5 * self.sepsis
            - if self.temperature > 37.5 {
                1.2 * para
            } else {
                0.0
            };
        self.temperature =
            drift(self.temperature, self.base.temperature + fever, 20.0 * 60.0).clamp(30.0, 43.0);
        self.follow(drivers);

        // Severe hypoxia or shock, sustained, stops the heart.
        let failing = self.spo2 < 60.0 || self.mean_pressure < 40.0 || self.glucose < 1.0;
        self.hypoxic_seconds = if failing {
            self.hypoxic_seconds + 1.0
        } else {
            (self.hypoxic_seconds - 0.5).max(0.0)
        };
        if self.hypoxic_seconds > ARREST_AFTER_S {
            self.arrested = true;
        }
    }

    fn anaphylaxis_course(&self, now: f64) -> f64 {
        if self.anaphylaxis_target <= 0.0 {
            return 0.0;
        }
        let ongoing = self.anaphylaxis_from_infusion && self.infusion_running;
        let target = if ongoing {
            (self.anaphylaxis_target + 0.3).min(1.0)
        } else {
            self.anaphylaxis_target
        };
        if ongoing || now < self.anaphylaxis_peak_s {
            drift(self.anaphylaxis, target, self.anaphylaxis_peak_s / 3.0)
        } else {
            // Past its peak with the trigger gone, it settles over a couple of hours.
            drift(self.anaphylaxis, 0.0, 2.0 * 3600.0)
        }
    }

    fn drivers_now(&self, now: Seconds) -> Drivers {
        let adrenaline = self.effect(Dose::Adrenaline, now, 1.3);
        let naloxone = self.effect(Dose::Naloxone, now, 1.0);
        let bronchodilator = self.effect(Dose::Bronchodilator, now, 1.0);
        let anaphylaxis = self.anaphylaxis * (1.0 - 0.85 * adrenaline.min(1.0));
        let posture = match self.position {
            Position::SittingUp => 0.9,
            Position::LegsRaised => 1.15,
            Position::LyingFlat | Position::Recovery => 1.05,
        };
        let bronchospasm =
            ((self.spasm * (1.0 - 0.65 * bronchodilator) * (1.0 - 0.4 * adrenaline.min(1.0))
                + 0.6 * anaphylaxis)
                * posture)
                .clamp(0.0, 1.0);
        let preload = match self.position {
            Position::LegsRaised => -0.05,
            Position::SittingUp => 0.02,
            _ => 0.0,
        };
        let overload =
            (-self.deficit_ml - if self.heart_failure { 500.0 } else { 1500.0 }).max(0.0);
        Drivers {
            bronchospasm,
            anaphylaxis,
            opioid: (self.opioid - 1.2 * naloxone).clamp(0.0, 1.2),
            vasodilation: (0.7 * self.sepsis + 0.8 * anaphylaxis - 0.5 * adrenaline)
                .clamp(0.0, 1.0),
            volume_loss: (self.deficit_ml / self.blood_volume_ml + preload).max(-0.3),
            lung_water: (overload / 1500.0).clamp(0.0, 1.0),
            sepsis: self.sepsis,
            paco2: self.paco2,
            adrenaline,
            bronchodilator,
        }
    }

    /// Moves the vital signs one second toward where the drivers put them.
    fn follow(&mut self, mut d: Drivers) {
        let b = &self.base;
        let opioid = d.opioid.min(1.0);
        let shock = (d.volume_loss - 0.15).max(0.0);
        // Within ±15 % of normal volume the pressure follows the filling (a fluid
        // bolus helps a little even without blood loss); beyond a 15 % loss it falls
        // away steeply.
        let filling = 1.0 - 0.8 * d.volume_loss.clamp(-0.15, 0.15);

        // Gas exchange.
        let mut paco2 = 40.0
            * libm::pow(b.resp_rate / self.resp_rate.max(1.0), 0.6)
            * (1.0 + 0.5 * d.bronchospasm * d.bronchospasm);
        if self.copd {
            // A chronic retainer, whose drive to breathe blunts on high oxygen.
            paco2 += 8.0 + 110.0 * (self.fio2 - 0.28).max(0.0) * self.spasm.max(0.4);
        }
        self.paco2 = drift(self.paco2, paco2.clamp(20.0, 150.0), 60.0);
        d.paco2 = self.paco2;
        self.fio2 = drift(self.fio2, self.device.fio2(), 15.0);
        let alveolar = (self.fio2 * 713.0 - self.paco2 / 0.8).max(0.0);
        let arterial =
            (alveolar - self.base_gradient - 60.0 * d.bronchospasm - 40.0 * d.lung_water).max(15.0);
        let shunt = BASE_SHUNT
            + 0.3 * d.lung_water
            + 0.1 * d.bronchospasm * d.bronchospasm
            + 0.05 * d.anaphylaxis;
        let venous =
            (VENOUS_SATURATION - 40.0 * (d.volume_loss - 0.2).max(0.0) - 10.0 * d.vasodilation)
                .clamp(30.0, 80.0);
        let spo2 = (1.0 - shunt) * saturation(arterial) + shunt * venous;
        self.spo2 = drift(self.spo2, spo2.clamp(0.0, 100.0), 30.0);

        // Circulation.
        let base_map = (b.systolic + 2.0 * b.diastolic) / 3.0;
        let mut map =
            base_map * (1.0 - 0.6 * d.vasodilation) * filling * (1.0 - 1.6 * shock).max(0.2)
                + 10.0 * d.adrenaline.min(1.0)
                - 6.0 * opioid
                + 10.0 * d.lung_water;
        if self.spo2 < 70.0 {
            map *= 0.8;
        }
        self.mean_pressure = drift(self.mean_pressure, map.clamp(20.0, 200.0), 30.0);
        let pulse_pressure = (b.systolic - b.diastolic)
            * (1.0 - 1.2 * shock).max(0.3)
            * (1.0 + 0.1 * d.vasodilation);
        self.pulse_pressure = drift(self.pulse_pressure, pulse_pressure.clamp(5.0, 120.0), 30.0);

        let hypoglycaemic = ((3.5 - self.glucose) / 1.5).clamp(0.0, 1.0);
        let mut hr = b.heart_rate + 150.0 * (d.volume_loss - 0.05).max(0.0)
            - 40.0 * d.volume_loss.min(0.0)
            + 45.0 * d.vasodilation
            + 10.0 * (self.temperature - 37.0).max(0.0)
            + 0.8 * (94.0 - self.spo2).max(0.0)
            + 25.0 * d.adrenaline
            + 12.0 * d.bronchodilator
            + 12.0 * d.bronchospasm.min(0.5)
            + 20.0 * hypoglycaemic
            + 1.5 * self.pain_now(opioid)
            - 10.0 * opioid;
        if self.spo2 < 60.0 {
            hr *= 0.5;
        }
        self.heart_rate = drift(self.heart_rate, hr.clamp(25.0, 220.0), 20.0);

        let rr = b.resp_rate * (1.0 - 0.85 * opioid)
            + 14.0 * d.bronchospasm
            + 30.0 * shock
            + 14.0 * d.sepsis
            + 0.5 * (92.0 - self.spo2).max(0.0) * (1.0 - opioid)
            + 6.0 * d.lung_water;
        self.resp_rate = drift(self.resp_rate, rr.clamp(2.0, 60.0), 30.0);

        self.consciousness = self.consciousness_now(opioid, d);
        self.drivers = d;
    }

    fn pain_now(&self, opioid: f64) -> f64 {
        (self.base.pain * (1.0 - 0.8 * opioid)).clamp(0.0, 10.0)
    }

    fn consciousness_now(&self, opioid: f64, d: Drivers) -> Consciousness {
        use Consciousness::*;
        let by = |value: f64, thresholds: [f64; 4], falling: bool| {
            let levels = [Confusion, Voice, Pain, Unresponsive];
            let mut level = Alert;
            for (t, l) in thresholds.iter().zip(levels) {
                if (falling && value < *t) || (!falling && value > *t) {
                    level = l;
                }
            }
            level
        };
        [
            self.base.consciousness,
            by(self.glucose, [3.0, 2.2, 1.6, 1.1], true),
            by(self.paco2, [65.0, 80.0, 95.0, 110.0], false),
            by(opioid, [0.35, 0.5, 0.75, 0.95], false),
            by(self.mean_pressure, [60.0, 50.0, 40.0, 30.0], true),
            by(self.spo2, [82.0, 72.0, 62.0, 50.0], true),
            by(d.sepsis, [0.6, 0.9, 2.0, 2.0], false),
            by(self.temperature, [40.5, 42.0, 43.0, 43.0], false),
        ]
        .into_iter()
        .max_by_key(|c| rank(*c))
        .unwrap_or(Alert)
    }

    /// The true vital signs now.
    pub fn vitals(&self) -> Vitals {
        if self.arrested {
            return Vitals {
                heart_rate: 0.0,
                resp_rate: 0.0,
                spo2: 0.0,
                systolic: 0.0,
                diastolic: 0.0,
                mean_pressure: 0.0,
                temperature: self.temperature,
                consciousness: Consciousness::Unresponsive,
                pain: 0.0,
                glucose: self.glucose,
            };
        }
        let systolic = (self.mean_pressure + 2.0 / 3.0 * self.pulse_pressure).clamp(10.0, 260.0);
        let diastolic = (self.mean_pressure - self.pulse_pressure / 3.0).clamp(5.0, systolic - 1.0);
        Vitals {
            heart_rate: self.heart_rate.clamp(0.0, 250.0),
            resp_rate: self.resp_rate.clamp(0.0, 70.0),
            spo2: self.spo2.clamp(0.0, 100.0),
            systolic,
            diastolic,
            mean_pressure: self.mean_pressure.clamp(0.0, 260.0),
            temperature: self.temperature.clamp(30.0, 43.0),
            consciousness: self.consciousness,
            pain: self.pain_now(self.drivers.opioid.min(1.0)),
            glucose: self.glucose.clamp(0.5, 40.0),
        }
    }

    pub fn is_copd(&self) -> bool {
        self.copd
    }
    pub fn has_anaphylaxis(&self) -> bool {
        self.anaphylaxis_target > 0.0
    }
    pub fn has_bronchospasm(&self) -> bool {
        self.spasm > 0.0
    }
}

/// ACVPU as a number: 0 Alert … 4 Unresponsive.
pub fn rank(c: Consciousness) -> u8 {
    match c {
        Consciousness::Alert => 0,
        Consciousness::Confusion => 1,
        Consciousness::Voice => 2,
        Consciousness::Pain => 3,
        Consciousness::Unresponsive => 4,
    }
}
