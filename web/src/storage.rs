//! Saves in the browser's localStorage: only the compact save string (scenario id,
//! content hash, seed, choice indices and times). No personal data.

const PREFIX: &str = "firstshift.save.";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn save(scenario_id: &str, save: &str) {
    if let Some(s) = storage() {
        // Storage can be full or blocked (private mode, partitioned iframes); the
        // run goes on without a save rather than fail.
        let _ = s.set_item(&format!("{PREFIX}{scenario_id}"), save);
    }
}

pub fn load(scenario_id: &str) -> Option<String> {
    storage()?
        .get_item(&format!("{PREFIX}{scenario_id}"))
        .ok()
        .flatten()
}

pub fn clear(scenario_id: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&format!("{PREFIX}{scenario_id}"));
    }
}
