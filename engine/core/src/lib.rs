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
//! * [`language`] — the language a model's own sentences are said in.
//! * [`sim_set`] — models composed into the one set a scenario's `sim:` names.
//! * [`session`] — a running scenario: offered choices, `choose`, the clock, events.
//! * [`transcript`] — the JSON record of a run and the compact save that fits
//!   SCORM 1.2's `suspend_data`.

pub mod condition;
pub mod language;
pub mod model;
pub mod session;
pub mod sim;
pub mod sim_set;
pub mod transcript;

pub use condition::History;
pub use language::{Language, Phrasebook};
pub use model::*;
pub use session::{ChoiceError, Event, Session};
pub use sim::{NoSim, SimKind, SimModel, SimState};
pub use sim_set::SimCatalog;
pub use transcript::{Replay, ReplayError, SaveError, Transcript, TranscriptEntry};

/// Simulated time in whole seconds since the scenario started.
pub type Seconds = u64;

/// Simulated time as a clock shows it: `m:ss`, or `h:mm:ss` from an hour on.
pub fn clock_text(seconds: Seconds) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn clock_text_reads_like_a_clock() {
        assert_eq!(super::clock_text(0), "0:00");
        assert_eq!(super::clock_text(75), "1:15");
        assert_eq!(super::clock_text(3600 + 5 * 60 + 9), "1:05:09");
    }
}
