//! Saves in the browser's localStorage: only the compact save string (scenario id,
//! content hash, seed, choice indices and times). No personal data.
//!
//! A standalone run is saved under its scenario's id. A cmi5 launch's run belongs to
//! that student's registration: it is saved under a key made from the actor and the
//! registration (a hash: the key names no one), so on a shared computer a student
//! is never offered, and can never finish, another student's run. A SCORM launch
//! keeps nothing here: the LMS keeps the attempt (`suspend_data`), and a copy here
//! would be offered to whoever opens the scenario next on that computer.

const PREFIX: &str = "firstshift.save.";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Where this run is saved here; `None` in a SCORM launch.
fn key(scenario_id: &str) -> Option<String> {
    if crate::lms::with(|_| ()).is_some() {
        return None;
    }
    Some(match crate::cmi5::save_key() {
        Some(registration) => format!("{PREFIX}cmi5.{registration}.{scenario_id}"),
        None => format!("{PREFIX}{scenario_id}"),
    })
}

pub fn save(scenario_id: &str, save: &str) {
    if let (Some(s), Some(key)) = (storage(), key(scenario_id)) {
        // Storage can be full or blocked (private mode, partitioned iframes); the
        // run goes on without a save rather than fail.
        let _ = s.set_item(&key, save);
    }
}

pub fn load(scenario_id: &str) -> Option<String> {
    storage()?.get_item(&key(scenario_id)?).ok().flatten()
}

pub fn clear(scenario_id: &str) {
    if let (Some(s), Some(key)) = (storage(), key(scenario_id)) {
        let _ = s.remove_item(&key);
    }
}

/// This browser's save as a host: kept after every change, cleared when a run
/// starts over or ends.
pub struct LocalSave;

impl crate::hosts::Host for LocalSave {
    fn began(&mut self, scenario: &firstshift_sims::Scenario, how: crate::hosts::Began) {
        use crate::hosts::Began;
        if matches!(how, Began::Fresh | Began::Restarted) {
            clear(&scenario.id);
        }
    }

    fn progressed(&mut self, session: &firstshift_sims::Session, save_text: &str) {
        save(&session.scenario().id, save_text);
    }

    fn finished(
        &mut self,
        session: &firstshift_sims::Session,
        _: &firstshift_rubric::ScoreReport,
        _: &str,
    ) {
        clear(&session.scenario().id);
    }
}
