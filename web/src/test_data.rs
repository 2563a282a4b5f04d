//! What the native tests of the player's rules share: a built-in scenario, read
//! from `scenarios/` as a teacher wrote it.

use std::sync::Arc;

use firstshift_scenario::load_scenario;
use firstshift_sims::Scenario;

/// The front-desk scenario (branching, a few steps, a translation).
pub fn front_desk() -> Arc<Scenario> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../scenarios/hospitality/front-desk-overbooked.ron"
    ))
    .unwrap();
    load_scenario(&text).scenario.unwrap()
}
