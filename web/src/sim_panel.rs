//! A sim's panel: the text equivalent of what the canvas draws for it, and the
//! sentences its events produce. Each sim the player knows has one (the bedside
//! monitor, `bedside_panel.rs`; the production board, `line_panel.rs`), listed with
//! its canvas view in `sims.rs`; the play screen and the app reach them only
//! through this trait, so a new sim's panel is one more implementation and one
//! more entry in that list.

use firstshift_core::sim_set::Includes;
use firstshift_core::sim::SimModel;
use firstshift_core::{Event, Seconds, SimKind};
use firstshift_sims::{Scenario, Session, Sims};
use web_sys::Element;

use crate::dom::{Build, append, clear, el, set_hidden};

/// Where on the play screen a panel's parts go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Above the step's heading: what the last choice produced.
    AboveStep,
    /// Under the choices: a running record.
    BelowChoices,
    /// Beside the scene (under it on a narrow screen): the readings.
    Aside,
    /// At the end of the page: a live region of its own.
    Page,
}

pub trait SimPanel {
    /// The panel's element for this place on the screen, if it has one.
    fn part(&self, slot: Slot) -> Option<&Element>;
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

/// The model `K`'s own event, when `event` is one of its.
pub fn sim_event<K: SimKind>(event: &Event<Sims>) -> Option<&K::Event>
where
    Sims: Includes<K>,
{
    match event {
        Event::Sim(e) => e.get::<K>(),
        _ => None,
    }
}

/// The sentences of model `K`'s events in a batch, in order.
pub fn sentences_of<K: SimModel>(events: &[Event<Sims>]) -> Vec<String>
where
    Sims: Includes<K>,
{
    events
        .iter()
        .filter_map(|event| sim_event::<K>(event).map(|e| K::event_text(e).to_owned()))
        .collect()
}

/// Lists `sentences` in `list`, one item each, and hides an empty list.
pub fn list_sentences(list: &Element, sentences: &[String]) {
    clear(list);
    for text in sentences {
        append(list, &el("li").text(text));
    }
    set_hidden(list, sentences.is_empty());
}

/// Writes a board's figures into `list`, each its name in bold and its value,
/// marked with `data-kpi` for the tests.
pub fn list_figures(list: &Element, figures: impl IntoIterator<Item = (&'static str, String)>) {
    clear(list);
    for (name, value) in figures {
        append(
            list,
            &el("li")
                .attr("data-kpi", name)
                .child(&el("strong").text(name))
                .child(&el("span").text(&format!(": {value}"))),
        );
    }
}
