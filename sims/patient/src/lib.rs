//! The patient simulation (issue: "The patient simulation"). Built up in parts:
//!
//! * [`news2`] — the National Early Warning Score 2 (Royal College of Physicians,
//!   2017), computed exactly from a set of observations, with the clinical response
//!   each score calls for.
//!
//! Still to come: the physiology model (conditions as courses of deterioration,
//! interventions with onset and duration), measurement and examination actions, the
//! `SimKind` implementation, and the bedside monitor view behind a `bevy` feature.

pub mod news2;
