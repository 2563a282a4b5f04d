//! The built-in simulation models, composed in one place.
//!
//! Each model is its own crate implementing [`SimModel`](firstshift_core::SimModel);
//! this list is the only place the players, the command line and the tools learn
//! which ones exist. Adding a model is its crate, one line below, and (for the
//! browser) its panel and canvas view, registered in `web/src/sims.rs`.

firstshift_core::sim_set! {
    /// Every built-in model.
    pub Sims {
        Patient => firstshift_patient::PatientKind,
        Line => firstshift_line::LineKind,
        Business => firstshift_business::BusinessKind,
    }
}

/// A scenario that may run any built-in model.
pub type Scenario = firstshift_core::Scenario<Sims>;
/// A run of such a scenario.
pub type Session = firstshift_core::Session<Sims>;
