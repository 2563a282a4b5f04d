//! The patient simulation: a physiology model whose vital signs respond to care.
//!
//! Plain Rust, no Bevy, no IO: a run is a pure function of the setup, the seed and
//! the actions with their times, like every FirstShift model.
//!
//! * [`setup`] — what a scenario writes after `sim: Patient(...)`: the patient, their
//!   baseline, their conditions (sepsis, haemorrhage, asthma / COPD, hypoglycaemia,
//!   opioid toxicity, anaphylaxis, heart failure) and their answers.
//! * [`vocabulary`] — the closed lists a file names: vitals, examinations, history
//!   topics, oxygen devices, positions, treatments, harms.
//! * [`body`] — the physiology, one simulated second at a time.
//! * [`course`] — onset, peak and duration of each drug.
//! * [`kind`] — the [`SimKind`](firstshift_core::SimKind): the actions, questions and
//!   events a scenario names.
//! * [`patient`] — the running patient: what the student knows, the monitor and its
//!   alarms, and how each action and question is answered; what the patient says
//!   and what an examination finds sit apart from the physiology, in
//!   `patient/sentences.rs`.
//! * [`plugin`] — the patient as a plugin of the scenario format: examples, the
//!   template, the checks on a setup and on the questions a file asks.
//! * [`news2`] — the National Early Warning Score 2 (RCP, 2017), exactly.
//! * [`bedside`] — what the student can see at the bedside, for the monitor and its text.
//! * [`waveform`] — the shapes the bedside monitor draws (ECG-like, pleth, breath).
//! * [`announce`] — alarms for screen readers, rate-limited.
//! * [`scene`] — the bedside monitor drawn as a 2D scene (shapes and text, no renderer).
//! * [`spanish`] — the Spanish of every sentence the model says (its phrasebook).
//! * [`timeline`] — the run's NEWS2 and vital signs for the debrief's chart and table.

pub mod announce;
pub mod bedside;
pub mod body;
pub mod course;
pub mod kind;
pub mod news2;
pub mod patient;
pub mod plugin;
pub mod scene;
pub mod setup;
pub mod spanish;
pub mod timeline;
pub mod vocabulary;
pub mod waveform;

pub use kind::{PatientAction, PatientEvent, PatientKind, PatientQuery, Sign};
pub use patient::{MonitorReading, Patient};
pub use setup::{Baseline, PatientCondition, PatientSetup};
pub use vocabulary::{Exam, GlucoseRoute, Harm, OxygenDevice, Position, Topic, Treatment, Vital};
