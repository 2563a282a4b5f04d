//! What the page asks the player for: the commands DOM events, fetches and the
//! checker push into the inbox (`inbox.rs`), and that the [`Controller`] takes one
//! at a time. Plain data, so the controller's native tests can make them.
//!
//! [`Controller`]: crate::controller::Controller

use firstshift_draw::chart::Timeline;
use firstshift_report::profile::{Check, Profile};
use firstshift_scenario::compiled::CheckedFile;

use crate::route::{SiteFile, View};

#[derive(Debug, Clone)]
pub enum UiCommand {
    /// A file the teacher picked or dropped.
    OpenText {
        name: String,
        text: String,
    },
    Choose(String),
    /// A number key: the n-th choice on offer (1-based).
    ChooseNumber(usize),
    TogglePause,
    Restart,
    ContinueSaved,
    StartOver,
    Download,
    Wait(u64),
    /// The reflection form's Save button: its answers are read from the page.
    SaveReflection,
    /// The profile or portfolio page, its records re-scored.
    ShowRecords {
        view: View,
        profile: Profile,
        checks: Vec<Check>,
        damaged: Option<String>,
        /// The portfolio's run as a timeline, when it was re-played and has a model.
        chart: Option<Timeline>,
    },
    ClearProfile,
    /// A file of this site the player asked for has arrived (or why not).
    FileArrived {
        file: SiteFile,
        text: Result<String, String>,
    },
    /// The checker module's answer for a teacher's file (or why it did not load).
    Checked {
        name: String,
        answer: Result<CheckedFile, String>,
    },
}
