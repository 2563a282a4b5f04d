//! A sim's panel: the text equivalent of what the canvas draws for it, and the
//! sentences its events produce. Each sim the player knows has one (the bedside
//! monitor, `bedside_panel.rs`; the production board, `line_panel.rs`); the play
//! screen and the app reach them only through this trait, so a new sim's panel
//! is one more implementation and one more entry in `Ui::sim_panels`.

use firstshift_core::{Event, Seconds};
use firstshift_scenario::{Scenario, Session, Sims};

pub trait SimPanel {
    /// A new run: nothing found, nothing shown.
    fn begin(&mut self);
    /// Keeps this sim's events from one batch; returns the sentences the last
    /// choice produced (for the step's list and the page's announcement).
    fn take_events(&mut self, events: &[Event<Sims>], at: Seconds) -> Vec<String>;
    /// Shows what the last choice produced (empty: hides the list).
    fn show_latest(&self, sentences: &[String]);
    /// Each frame: redraws the text equivalent if anything shown changed.
    fn render(&mut self, session: &Session, now_ms: f64);
    /// When `scenario` runs this sim, the canvas's label and the id of the
    /// section that describes it.
    fn canvas_description(&self, scenario: &Scenario) -> Option<(&'static str, &'static str)>;
}
