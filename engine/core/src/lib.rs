//! The core of FirstShift: what a scenario *is* and how one run of it unfolds.
//!
//! This crate knows nothing of files, browsers, Bevy or any concrete simulation.
//! Everything here is a pure function of its inputs, which is what makes a run
//! replayable: `(scenario, seed, choices with their times)` → the same events,
//! the same history and (in `firstshift-rubric`) the same score, on every platform.
//!
//! * [`model`] — the scenario data model a teacher writes (through the RON format
//!   in `firstshift-scenario`).
//! * [`condition`] — evaluation of typed conditions against a run's [`History`].
//! * [`sim`] — the extension point through which simulation models plug in.
//! * [`session`] — a running scenario: offered choices, `choose`, the clock, events.
//! * [`transcript`] — the JSON record of a run and the compact save that fits
//!   SCORM 1.2's `suspend_data`.

pub mod condition;
pub mod model;
pub mod session;
pub mod sim;
pub mod transcript;

pub use condition::History;
pub use model::*;
pub use session::{ChoiceError, Event, Session};
pub use sim::{NoSim, SimKind, SimState};
pub use transcript::{ReplayError, SaveError, Transcript, TranscriptEntry};

/// Simulated time in whole seconds since the scenario started.
pub type Seconds = u64;
