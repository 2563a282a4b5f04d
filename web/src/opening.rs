//! Opening a scenario: the files the route named, tried in turn, until one reads
//! (a compiled form), goes to the teacher's checker (a source file), or all have
//! failed, in words for the page. A file that arrives when the player no longer
//! waits for it is ignored.
//!
//! Plain Rust with native tests: the app (`bridge`) fetches, checks and shows
//! what [`Next`] says.

use std::collections::VecDeque;
use std::sync::Arc;

use firstshift_scenario::compiled::{CheckedFile, load_compiled};
use firstshift_scenario::diagnostic::JsonDiagnostic;
use firstshift_sims::Scenario;

use crate::route::{NO_SUCH_SCENARIO, Route, SiteFile};

/// What the app does next.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// Nothing: the file is one the player no longer waits for.
    Ignore,
    /// Fetch this file (the next to try).
    Fetch(SiteFile),
    /// Hand this teacher's file to the checker.
    Check { name: String, text: String },
    /// Play the scenario (or offer to resume it), or show its error panel when
    /// there is no scenario; `translated`: in the student's language.
    Present {
        name: String,
        scenario: Option<Arc<Scenario>>,
        diagnostics: Vec<JsonDiagnostic>,
        translated: bool,
    },
    /// Nothing could be opened, and why.
    Failed { what: String, why: String },
}

/// The scenario being opened.
#[derive(Debug, Default)]
pub struct Opening {
    /// The file on its way (or with the checker).
    pending: Option<SiteFile>,
    /// The files to try, in turn, if the pending one is missing or damaged.
    fallbacks: VecDeque<SiteFile>,
    /// A built-in named by id: when none of its files reads, there is no such
    /// scenario (rather than a file that could not be loaded).
    builtin: bool,
}

impl Opening {
    /// What `route` opens, and the first file to fetch (none for a route that
    /// opens no scenario).
    pub fn new(route: &Route) -> (Opening, Option<SiteFile>) {
        let Route::Scenario { files } = route else {
            return (Opening::default(), None);
        };
        let mut fallbacks: VecDeque<SiteFile> = files.iter().cloned().collect();
        let first = fallbacks.pop_front();
        let builtin = matches!(first, Some(SiteFile::Compiled { .. }));
        let opening = Opening {
            pending: first.clone(),
            fallbacks,
            builtin,
        };
        (opening, first)
    }

    /// The file the player waits for.
    pub fn pending(&self) -> Option<&SiteFile> {
        self.pending.as_ref()
    }

    /// A teacher's own file (picked or dropped) goes to the checker.
    pub fn open_text(&mut self, name: &str) {
        *self = Opening {
            pending: Some(SiteFile::Source(name.to_string())),
            ..Opening::default()
        };
    }

    /// A fetched file's text, or why it could not be had.
    pub fn arrived(&mut self, file: &SiteFile, text: Result<String, String>) -> Next {
        if self.pending.as_ref() != Some(file) {
            return Next::Ignore;
        }
        match file {
            SiteFile::Compiled { path, translated } => match text.and_then(|t| load_compiled(&t)) {
                Ok(scenario) => {
                    self.pending = None;
                    self.fallbacks.clear();
                    Next::Present {
                        name: path.clone(),
                        scenario: Some(scenario),
                        diagnostics: Vec::new(),
                        translated: *translated,
                    }
                }
                Err(why) => self.try_next(path, why),
            },
            // The file stays pending while the checker has it.
            SiteFile::Source(path) => match text {
                Ok(text) => Next::Check {
                    name: path.clone(),
                    text,
                },
                Err(why) => {
                    let why = if self.builtin {
                        NO_SUCH_SCENARIO.to_string()
                    } else {
                        format!("the file could not be loaded ({why})")
                    };
                    self.try_next(path, why)
                }
            },
            SiteFile::Catalog => Next::Ignore,
        }
    }

    /// The checker's answer for the teacher's file `name`.
    pub fn checked(&mut self, name: &str, answer: Result<CheckedFile, String>) -> Next {
        if self.pending != Some(SiteFile::Source(name.to_string())) {
            return Next::Ignore;
        }
        self.pending = None;
        let read = answer.and_then(|checked| {
            let scenario = checked.scenario.as_deref().map(load_compiled).transpose()?;
            Ok((scenario, checked.diagnostics))
        });
        match read {
            Ok((scenario, diagnostics)) => Next::Present {
                name: name.to_string(),
                scenario,
                diagnostics,
                // A teacher's file is shown as written.
                translated: false,
            },
            Err(why) => Next::Failed {
                what: name.to_string(),
                why,
            },
        }
    }

    fn try_next(&mut self, what: &str, why: String) -> Next {
        self.pending = self.fallbacks.pop_front();
        match &self.pending {
            Some(next) => Next::Fetch(next.clone()),
            None => Next::Failed {
                what: what.to_string(),
                why,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled_text() -> String {
        firstshift_scenario::compiled::compile(&crate::test_data::front_desk())
    }

    fn opening(query_id: &str, language: &str) -> (Opening, SiteFile) {
        let route = Route::from_query(
            |name| (name == "scenario").then(|| query_id.to_string()),
            language,
        );
        let (opening, first) = Opening::new(&route);
        (opening, first.unwrap())
    }

    #[test]
    fn a_compiled_scenario_is_presented_at_once() {
        let (mut opening, first) = opening("hospitality/front-desk-overbooked", "es");
        let Next::Present {
            scenario,
            translated,
            ..
        } = opening.arrived(&first, Ok(compiled_text()))
        else {
            panic!("presented");
        };
        assert!(translated);
        assert_eq!(scenario.unwrap().id, "hospitality/front-desk-overbooked");
        assert_eq!(opening.pending(), None);
        // The same file arriving again is not waited for.
        assert_eq!(opening.arrived(&first, Ok(compiled_text())), Next::Ignore);
    }

    #[test]
    fn a_missing_translation_falls_back_to_english_then_to_the_source() {
        let (mut opening, first) = opening("hospitality/front-desk-overbooked", "es");
        let Next::Fetch(english) = opening.arrived(&first, Err("the server answered 404".into()))
        else {
            panic!("the English next");
        };
        assert_eq!(
            english.path(),
            "scenarios/hospitality/front-desk-overbooked.scenario.json"
        );
        // Damaged (an old build's), so the source, for the checker.
        let Next::Fetch(source) = opening.arrived(&english, Ok("{\"title\": 3".into())) else {
            panic!("the source next");
        };
        assert_eq!(
            source,
            SiteFile::Source("scenarios/hospitality/front-desk-overbooked.ron".into())
        );
        assert_eq!(
            opening.arrived(&source, Ok("(id: …)".into())),
            Next::Check {
                name: source.path().into(),
                text: "(id: …)".into()
            }
        );
        // A late English file is ignored while the checker has the source.
        assert_eq!(opening.arrived(&english, Ok(compiled_text())), Next::Ignore);
    }

    #[test]
    fn a_built_in_with_no_file_at_all_is_no_such_scenario() {
        let (mut opening, mut file) = opening("hospitality/nothing-here", "en");
        loop {
            match opening.arrived(&file, Err("the server answered 404 Not Found".into())) {
                Next::Fetch(next) => file = next,
                Next::Failed { what, why } => {
                    assert_eq!(what, "scenarios/hospitality/nothing-here.ron");
                    assert_eq!(why, NO_SUCH_SCENARIO);
                    break;
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_teachers_file_that_cannot_be_had_says_why() {
        let route = Route::from_query(
            |name| (name == "src").then(|| "mine/clinic.ron".to_string()),
            "en",
        );
        let (mut opening, first) = Opening::new(&route);
        let Next::Failed { why, .. } = opening.arrived(
            &first.unwrap(),
            Err("the server answered 404 Not Found".into()),
        ) else {
            panic!("failed");
        };
        assert_eq!(
            why,
            "the file could not be loaded (the server answered 404 Not Found)"
        );
    }

    #[test]
    fn the_checkers_answer_is_a_scenario_an_error_panel_or_a_failure() {
        let mut opening = Opening::default();
        opening.open_text("mine.ron");
        let good = CheckedFile {
            scenario: Some(compiled_text()),
            diagnostics: Vec::new(),
        };
        let Next::Present { scenario, .. } = opening.checked("mine.ron", Ok(good.clone())) else {
            panic!("presented");
        };
        assert!(scenario.is_some());
        // Answered once: a second answer is not waited for.
        assert_eq!(opening.checked("mine.ron", Ok(good)), Next::Ignore);

        opening.open_text("broken.ron");
        let broken =
            firstshift_scenario::compiled::check_file::<firstshift_sims::Sims>("broken.ron", "(");
        let Next::Present {
            scenario,
            diagnostics,
            ..
        } = opening.checked("broken.ron", Ok(broken))
        else {
            panic!("the error panel");
        };
        assert!(scenario.is_none() && !diagnostics.is_empty());

        opening.open_text("offline.ron");
        assert_eq!(
            opening.checked(
                "offline.ron",
                Err("the scenario checker did not load".into())
            ),
            Next::Failed {
                what: "offline.ron".into(),
                why: "the scenario checker did not load".into()
            }
        );
    }
}
