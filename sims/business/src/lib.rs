//! The small-business simulation: a food truck, a market stall or a school store
//! trading day by day, and the figures an owner runs it by.
//!
//! Plain Rust, no Bevy, no IO: a run is a pure function of the setup, the seed and
//! the decisions with their times, like every FirstShift model.
//!
//! * [`setup`] — what a scenario writes after `sim: Business(...)`: the days and
//!   their weather, the products (price, cost, demand curve, shelf life, stock), the
//!   staff, fixed costs, cash and the loan on offer.
//! * [`money`] — amounts in whole cents, so that every sum adds up to the cent.
//! * [`demand`] — the constant-elasticity demand curve and seeded arrivals.
//! * [`model`] — the running business: trading an hour at a time, opening and
//!   closing, the student's decisions, the ledger.
//! * [`report`] — the figures: cash, profit, takings, customers served and lost,
//!   each product's shelf, each day closed.
//! * [`board`] — those figures in words (the text equivalent).
//! * [`sentences`] — every sentence the model says to a student.
//! * [`kind`] — the [`SimKind`](firstshift_core::SimKind) and its plugin side
//!   ([`SimModel`](firstshift_core::SimModel)): decisions, questions, events, examples,
//!   the template, the checks on product names.
//! * [`scene`] — the business drawn as a 2D scene (shapes and text, no renderer).
//! * [`spanish`] — the Spanish of every sentence the model says (its phrasebook).
//! * [`timeline`] — cash over the run, for the debrief's chart and table.

pub mod board;
pub mod demand;
pub mod kind;
pub mod model;
pub mod money;
pub mod report;
pub mod scene;
pub mod sentences;
pub mod setup;
pub mod spanish;
pub mod timeline;

pub use kind::{BusinessAction, BusinessEvent, BusinessKind, BusinessQuery, EXAMPLES, EventKind};
pub use model::{Business, DayRecord, Ledger, Tally};
pub use money::Cents;
pub use report::{ProductReport, Report};
pub use setup::{Arrivals, Bill, BusinessSetup, Day, LoanOffer, Product, Staff, Weather};
