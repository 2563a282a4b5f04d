//! The patient as a scenario sees it: the actions a choice can take, the questions a
//! condition can ask, and the events a run reports, each with its sentence.

use firstshift_core::{Compare, Seconds, SimKind};
use serde::{Deserialize, Serialize};

use crate::body::Vitals;
use crate::news2::{Consciousness, Risk};
use crate::patient::{Patient, value_of};
use crate::setup::PatientSetup;
use crate::vocabulary::{
    Exam, GlucoseRoute, Harm, OxygenDevice, Position, Topic, Treatment, Vital,
};

/// The patient simulation as a [`SimKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatientKind;

impl SimKind for PatientKind {
    type Setup = PatientSetup;
    type Action = PatientAction;
    type Query = PatientQuery;
    type Event = PatientEvent;
    type State = Patient;

    fn start(setup: &PatientSetup, seed: u64) -> Patient {
        Patient::new(setup, seed)
    }
}

/// What a choice can do (`do: [Sim(Oxygen(NonRebreather))]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PatientAction {
    // Assessment.
    /// A full set of observations (the NEWS2 parameters), charted with its score.
    MeasureVitals,
    Measure(Vital),
    AttachMonitor,
    DetachMonitor,
    Examine(Exam),
    Ask(Topic),
    // Treatment.
    Oxygen(OxygenDevice),
    /// Millilitres of crystalloid, run in at 500 ml per 15 minutes.
    FluidBolus(f64),
    /// Salbutamol 5 mg nebulised.
    Bronchodilator,
    Glucose(GlucoseRoute),
    /// 400 micrograms.
    Naloxone,
    /// 0.5 mg intramuscular (an auto-injector gives 0.3).
    Adrenaline,
    Antibiotics,
    Paracetamol,
    /// 5 mg IV: pain relief, and a respiratory depressant.
    Morphine,
    /// Stops a running drip or pump (a PCA, an antibiotic infusion).
    StopInfusion,
    /// Firm direct pressure on the wound.
    ControlBleeding,
    Position(Position),
}

/// What a condition can ask (`when: Sim(Vital(Spo2, Below(92)))`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PatientQuery {
    /// The true current value (what the patient *is*, measured or not). Blood
    /// pressure compares its systolic value; consciousness 0 (Alert) to 4.
    Vital(Vital, Compare),
    /// NEWS2 of the true current values.
    News2(Compare),
    /// The student knows this value: measured at least once, or on the monitor now.
    Measured(Vital),
    /// The treatment was given at any time.
    Given(Treatment),
    /// The treatment was given no later than `seconds` after `sign` first held
    /// (judged on the model's 10-second trend record and at every action).
    GivenWithin(Treatment, Seconds, Sign),
    /// The oxygen device in use now.
    OnOxygen(OxygenDevice),
    Monitored,
    Harmed(Harm),
    /// The patient's heart has stopped.
    Arrested,
}

/// A sign that `GivenWithin` waits for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Sign {
    Vital(Vital, Compare),
    News2(Compare),
}

impl Sign {
    pub(crate) fn holds(&self, vitals: &Vitals, news2: u8) -> bool {
        match self {
            Sign::Vital(v, cmp) => cmp.test(value_of(*v, vitals)),
            Sign::News2(cmp) => cmp.test(f64::from(news2)),
        }
    }
}

/// What the run reports. Each carries the sentence the player shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PatientEvent {
    /// One measurement.
    Observed {
        vital: Vital,
        value: f64,
        text: String,
    },
    /// A full set of observations, charted with its NEWS2.
    ObservationsCharted {
        news2: u8,
        risk: Risk,
        response: String,
        text: String,
    },
    Finding {
        exam: Exam,
        text: String,
    },
    Answer {
        topic: Topic,
        text: String,
    },
    Treated {
        treatment: Treatment,
        text: String,
    },
    Monitor {
        attached: bool,
        text: String,
    },
    /// The monitor alarms (only while attached).
    Alarm {
        vital: Vital,
        critical: bool,
        text: String,
    },
    /// Visible without measuring: the patient becomes drowsier or wakes up.
    ConsciousnessChanged {
        to: Consciousness,
        text: String,
    },
    Harmed {
        harm: Harm,
        text: String,
    },
    Arrest {
        text: String,
    },
}

impl PatientEvent {
    pub fn text(&self) -> &str {
        match self {
            PatientEvent::Observed { text, .. }
            | PatientEvent::ObservationsCharted { text, .. }
            | PatientEvent::Finding { text, .. }
            | PatientEvent::Answer { text, .. }
            | PatientEvent::Treated { text, .. }
            | PatientEvent::Monitor { text, .. }
            | PatientEvent::Alarm { text, .. }
            | PatientEvent::ConsciousnessChanged { text, .. }
            | PatientEvent::Harmed { text, .. }
            | PatientEvent::Arrest { text } => text,
        }
    }
}
