//! The teacher's checker (`web/checker`, a second wasm module), imported the first
//! time a teacher opens a file of their own: students' downloads never include the
//! RON reader, the validation passes or the diagnostics.

use firstshift_scenario::compiled::CheckedFile;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `boot.js` defines it: it imports the checker module the first time, so
    /// nothing of it is fetched before a teacher needs it (and the player's own
    /// glue imports no extra script before the student's first step).
    #[wasm_bindgen(catch, js_namespace = firstshiftChecker, js_name = check)]
    fn check_file(name: &str, text: &str) -> Result<js_sys::Promise, JsValue>;
}

/// Checks a teacher's file, or says why the checker could not be had.
pub async fn check(name: &str, text: &str) -> Result<CheckedFile, String> {
    let not_loaded = |e: JsValue| {
        format!(
            "the scenario checker did not load ({}); check the connection and open the file again",
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| e.as_string())
                .unwrap_or_else(|| "no reason given".into())
        )
    };
    let answer = wasm_bindgen_futures::JsFuture::from(check_file(name, text).map_err(not_loaded)?)
        .await
        .map_err(not_loaded)?;
    let json = answer.as_string().unwrap_or_default();
    serde_json::from_str(&json).map_err(|e| {
        format!("the scenario checker answered in a form this player does not read ({e}); reload the page")
    })
}
