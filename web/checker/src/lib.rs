//! The teacher's checker: the part of the player that reads a scenario's RON source.
//!
//! Students open built-in scenarios in their compiled form, checked when the site
//! was built, so their download has no RON reader, no validation passes and no
//! diagnostics. A teacher who opens a file of their own (`?src=`, the file picker,
//! a built-in being edited under `cargo xtask serve`) needs all of them: the player
//! then imports this module (`web/src/checker.rs`) and hands it the file's text.
//! The answer is JSON, a [`CheckedFile`]: the compiled scenario when the file has
//! no errors, and every diagnostic either way, so the two modules share no memory
//! and no types beyond the JSON form.

use firstshift_scenario::compiled::{CheckedFile, check_file};

/// Checks the file `name` holding `text`; answers a [`CheckedFile`] as JSON.
pub fn check(name: &str, text: &str) -> String {
    let checked: CheckedFile = check_file::<firstshift_sims::Sims>(name, text);
    // Strings, numbers and options only: writing it cannot fail.
    serde_json::to_string(&checked).unwrap_or_default()
}

#[cfg(target_arch = "wasm32")]
mod web {
    use wasm_bindgen::prelude::*;

    /// The module's one export, called by the player's `checker.rs`.
    #[wasm_bindgen(js_name = check)]
    pub fn check(name: &str, text: &str) -> String {
        super::check(name, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_file_comes_back_compiled_and_a_broken_one_with_its_errors() {
        let good = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scenarios/hospitality/front-desk-overbooked.ron"
        ))
        .unwrap();
        let answer: CheckedFile = serde_json::from_str(&check("desk.ron", &good)).unwrap();
        let scenario = firstshift_scenario::compiled::load_compiled::<firstshift_sims::Sims>(
            &answer.scenario.unwrap(),
        )
        .unwrap();
        assert_eq!(scenario.title, "Friday night, no rooms left");

        let answer: CheckedFile = serde_json::from_str(&check("mine.ron", "(")).unwrap();
        assert!(answer.scenario.is_none());
        assert!(answer.diagnostics.iter().any(|d| d.severity
            == firstshift_scenario::diagnostic::Severity::Error
            && d.file == "mine.ron"));
    }
}
