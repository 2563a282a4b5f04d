//! The production-line simulation: a deterministic discrete-event model of a
//! manufacturing line, and the KPIs a supervisor runs it by.
//!
//! Plain Rust, no Bevy, no IO: a run is a pure function of the setup, the seed and
//! the decisions with their times, like every FirstShift model.
//!
//! * [`setup`] — what a scenario writes after `sim: Line(...)`: products, release,
//!   stations (cycle-time distributions, buffers, crews, changeovers, breakdowns,
//!   defects, inspections), technicians, the shift, the order, the costs.
//! * [`random`] — seeded, platform-independent streams and time distributions.
//! * [`model`] — the event-driven engine: flow, blocking and starving, breakdowns
//!   and technicians, breaks and stops, and the statistics.
//! * [`report`] — the KPIs: throughput, WIP, lead time, state shares, OEE, takt,
//!   first-pass yield, costs, the bottleneck.
//! * [`board`] — the KPI board and station states in words (the text equivalent).
//! * [`kind`] — the [`SimKind`](firstshift_core::SimKind) and its plugin side
//!   ([`SimModel`](firstshift_core::SimModel)): decisions, questions, events, examples,
//!   the template, the checks on station names.
//! * [`scene`] — the line drawn as a 2D scene (shapes and text, no renderer).
//! * [`spanish`] — the Spanish of every sentence the model says (its phrasebook).
//! * [`timeline`] — the shift's good parts against the order's pace, for the debrief.

pub mod board;
pub mod kind;
pub mod model;
pub mod random;
pub mod report;
pub mod scene;
pub mod setup;
pub mod spanish;
pub mod timeline;

pub use kind::{EXAMPLES, LineAction, LineEvent, LineKind, LineQuery};
pub use model::{DownReason, Line, StationState};
pub use random::Distribution;
pub use report::{Cost, Report, StationReport};
pub use setup::{
    Break, Breakdowns, Costs, Inspection, LineSetup, OnDefect, Release, Shift, StationSetup,
};
