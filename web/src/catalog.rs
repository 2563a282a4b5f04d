//! Built-in scenarios fetched by id, for the pages that re-score kept runs.

use std::collections::BTreeMap;
use std::sync::Arc;

use firstshift_scenario::compiled::load_compiled;
use firstshift_scenario::site_path;
use firstshift_sims::Scenario;

/// The built-in scenarios with these ids, fetched from this site once each; an id
/// that is not of the id grammar, missing, or broken is left out (the caller then
/// reports the run as not found).
pub async fn fetch_builtin(
    ids: impl IntoIterator<Item = String>,
) -> BTreeMap<String, Arc<Scenario>> {
    let mut ids: Vec<String> = ids.into_iter().collect();
    ids.sort();
    ids.dedup();
    let mut library = BTreeMap::new();
    for id in ids {
        let Ok(path) = site_path::compiled_scenario_file(&id) else {
            continue;
        };
        if let Some(text) = crate::dom::fetch_text_async(&path).await
            && let Ok(scenario) = load_compiled(&text)
        {
            library.insert(id, scenario);
        }
    }
    library
}
