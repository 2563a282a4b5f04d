//! The student's career profile in this browser's localStorage: a record of each
//! finished run (for the portfolio page) with the reflection after it. Nothing here
//! leaves the browser except a reflection sent to the LMS that launched the player;
//! the student can clear it all from the profile page.

use firstshift_report::profile::{Profile, Reflection, RunRecord};
use firstshift_rubric::ScoreReport;
use firstshift_scenario::Scenario;

const KEY: &str = "firstshift.profile.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored profile, and a message when it was damaged (it then starts again).
pub fn load() -> (Profile, Option<String>) {
    let text = storage().and_then(|s| s.get_item(KEY).ok().flatten());
    match Profile::from_json(text.as_deref()) {
        Ok(p) => (p, None),
        Err((p, why)) => (p, Some(why)),
    }
}

fn save(profile: &Profile) {
    if let Some(s) = storage() {
        // Full or blocked storage: the run still shows its debrief, it is only not kept.
        let _ = s.set_item(KEY, &profile.to_json());
    }
}

pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}

/// Today as `YYYY-MM-DD`, in the student's time zone.
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// Keeps a finished run; returns its index in the profile.
pub fn record_run(scenario: &Scenario, report: &ScoreReport) -> usize {
    let (mut profile, _) = load();
    let index = profile.add(RunRecord::new(scenario, report, &today()));
    save(&profile);
    index
}

/// Stores the reflection on run `index`; `false` when the run is no longer kept.
pub fn reflect(index: usize, reflection: Reflection) -> bool {
    let (mut profile, _) = load();
    let kept = profile.reflect(index, reflection);
    if kept {
        save(&profile);
    }
    kept
}
