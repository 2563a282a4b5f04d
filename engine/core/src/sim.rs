//! The extension point for simulation models.
//!
//! A scenario names one [`SimKind`]'s setup (`sim: None`, later `sim: Patient(...)`,
//! `sim: Line(...)`). Choices carry the kind's actions (`do: [Sim(...)]`) and
//! conditions may ask the kind's queries (`Sim(...)`). The core only moves the clock
//! and forwards; the model decides what happens. A model must be deterministic for
//! a given seed, setup, actions and times.

use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::Seconds;

/// A family of simulation models, with the vocabulary scenario files use for it.
pub trait SimKind: Sized + Clone + Debug + PartialEq + Send + Sync + 'static {
    /// What a scenario file writes after `sim:`.
    type Setup: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync;
    /// What a choice can do to the model (`do: [Sim(...)]`).
    type Action: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync;
    /// What a condition can ask of the model (`when: Sim(...)`).
    type Query: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync;
    /// What the model reports as it runs (alarms, breakdowns, measurements).
    type Event: Clone + Debug + PartialEq + Serialize + Send + Sync;
    /// The running model.
    type State: SimState<Self> + Clone + Debug + Send + Sync;

    /// Builds the model at time zero. All randomness must come from `seed`.
    fn start(setup: &Self::Setup, seed: u64) -> Self::State;
}

/// A running simulation model.
pub trait SimState<K: SimKind> {
    /// Runs the model forward to `to` (never backwards) and reports what happened.
    fn advance(&mut self, to: Seconds) -> Vec<K::Event>;
    /// Applies a student's action at the model's current time.
    fn act(&mut self, action: &K::Action) -> Vec<K::Event>;
    /// Answers a query about the model's current state.
    fn holds(&self, query: &K::Query) -> bool;
}

/// The kind for pure branching scenarios: no model at all.
///
/// Its action and query types have no values, so a scenario that uses `sim: None`
/// cannot name a sim action or query: the format rejects it with the list of valid
/// variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoSim;

/// `sim: None` in a scenario file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum NoSetup {
    /// A pure branching scenario.
    None,
}

/// Uninhabited: a branching scenario has no sim actions, queries or events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Never {}

impl SimKind for NoSim {
    type Setup = NoSetup;
    type Action = Never;
    type Query = Never;
    type Event = Never;
    type State = NoSim;

    fn start(_: &NoSetup, _: u64) -> NoSim {
        NoSim
    }
}

impl SimState<NoSim> for NoSim {
    fn advance(&mut self, _: Seconds) -> Vec<Never> {
        Vec::new()
    }
    fn act(&mut self, action: &Never) -> Vec<Never> {
        match *action {}
    }
    fn holds(&self, query: &Never) -> bool {
        match *query {}
    }
}

/// A value in a model's setup that the model cannot use, with where it is and how
/// to fix it. The scenario validator turns each into a diagnostic on that value.
#[derive(Debug, Clone, PartialEq)]
pub struct SetupProblem {
    /// Where, below `sim: Model(...)`.
    pub path: Vec<SetupKey>,
    pub message: String,
    pub help: String,
}

/// One step of a [`SetupProblem`]'s path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupKey {
    Field(&'static str),
    Index(usize),
}

impl std::fmt::Display for SetupKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SetupKey::Field(name) => f.write_str(name),
            SetupKey::Index(i) => write!(f, "{i}"),
        }
    }
}

/// A path as a teacher reads it: `baseline.heart_rate`, `stations.2.cycle`.
pub fn path_text(path: &[SetupKey]) -> String {
    path.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(".")
}
