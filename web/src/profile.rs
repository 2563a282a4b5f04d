//! The student's career profile in this browser's localStorage: a record of each
//! finished run (for the portfolio page) with the reflection after it. Nothing here
//! leaves the browser except a reflection sent to the LMS that launched the player;
//! the student can clear it all from the profile page.

use std::sync::Arc;

use firstshift_core::Transcript;
use firstshift_draw::chart::Timeline;
use firstshift_report::profile::{Check, Profile, Reflection, RunRecord};
use firstshift_rubric::ScoreReport;
use firstshift_sims::Scenario;

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

/// Keeps a finished run with its transcript (so it can be re-scored whenever it is
/// shown); returns its index in the profile.
pub fn record_run(scenario: &Scenario, report: &ScoreReport, transcript: Transcript) -> usize {
    let (mut profile, _) = load();
    let index = profile.add(RunRecord::new(scenario, report, &today()).with_transcript(transcript));
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

/// The stored profile with every record re-scored against its built-in scenario
/// (fetched from this site, once each), and what each check found; with run
/// `chart_of`'s timeline, re-played from its choices, for its portfolio page.
pub async fn load_checked(
    chart_of: Option<usize>,
) -> (Profile, Vec<Check>, Option<String>, Option<Timeline>) {
    let (profile, damaged) = load();
    let library =
        crate::catalog::fetch_builtin(profile.runs.iter().map(|r| r.scenario.clone())).await;
    let (shown, checks) = profile.checked(|id| library.get(id).cloned());
    // Only a run whose choices re-scored is re-played: its chart is what they did.
    let chart = chart_of
        .filter(|&i| matches!(checks.get(i), Some(Check::Confirmed | Check::Corrected)))
        .and_then(|i| {
            let run = profile.runs.get(i)?;
            let scenario = library.get(&run.scenario)?;
            let (session, _) = run.transcript.as_ref()?.replay(Arc::clone(scenario)).ok()?;
            crate::sims::timeline(&session)
        });
    (shown, checks, damaged, chart)
}
