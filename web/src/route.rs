//! The route: what the page's URL asks the player to show, decided once at
//! start-up, before anything is built, so the files it needs are fetched at once.
//!
//! Plain Rust with no browser in it (the query is handed in as a function), so
//! its rules have native unit tests: `cargo test -p firstshift-web`.

use firstshift_scenario::site_path;

/// A file of this site the player fetches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteFile {
    /// The catalog index.
    Catalog,
    /// A built-in scenario's compiled form, checked when the site was built;
    /// `translated`: the one in the student's language.
    Compiled { path: String, translated: bool },
    /// A scenario's source (`.ron`), for the teacher's checker.
    Source(String),
}

/// Where the catalog index is, beside the player.
pub const CATALOG_INDEX: &str = "scenarios/index.json";

impl SiteFile {
    pub fn path(&self) -> &str {
        match self {
            SiteFile::Catalog => CATALOG_INDEX,
            SiteFile::Compiled { path, .. } | SiteFile::Source(path) => path,
        }
    }
}

/// One of the student's own pages (`?view=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The career profile: every kept run, re-scored.
    Profile,
    /// One run's portfolio page (`&run=N`, its place in the profile).
    Portfolio { run: Option<usize> },
    /// The teacher's class results.
    Class,
}

/// What the URL asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Nothing named: the catalog.
    Catalog,
    View(View),
    /// A scenario: the files to try, in turn, until one reads (the compiled
    /// translation, the compiled English, the source whose error panel says
    /// what is wrong with it).
    Scenario {
        files: Vec<SiteFile>,
    },
    /// Something the player may not open, and why, in words for the page.
    Refused {
        what: String,
        why: String,
    },
}

pub const NO_SUCH_SCENARIO: &str =
    "there is no built-in scenario with this id; choose one from the list";

impl Route {
    /// The route for a URL whose query parameters `query` reads, for a student
    /// whose language has the code `language` (`en`, `es`).
    pub fn from_query(query: impl Fn(&str) -> Option<String>, language: &str) -> Route {
        if let Some(view) = query("view") {
            return Route::View(match view.as_str() {
                "class" => View::Class,
                "portfolio" => View::Portfolio {
                    run: query("run").and_then(|r| r.parse().ok()),
                },
                _ => View::Profile,
            });
        }
        if let Some(src) = query("src") {
            return match site_path::teacher_file(&src) {
                Ok(path) => Route::Scenario {
                    files: vec![SiteFile::Source(path.to_string())],
                },
                Err(why) => Route::Refused {
                    why: format!(
                        "`src` must be a path on this site relative to the player, such as `my-scenarios/clinic.ron`, and {why}"
                    ),
                    what: src,
                },
            };
        }
        let Some(id) = query("scenario") else {
            return Route::Catalog;
        };
        let translated = (language != "en")
            .then(|| site_path::compiled_translation_file(&id, language).ok())
            .flatten()
            .map(|path| SiteFile::Compiled {
                path,
                translated: true,
            });
        let english = site_path::compiled_scenario_file(&id)
            .ok()
            .map(|path| SiteFile::Compiled {
                path,
                translated: false,
            });
        // No compiled form (a built-in being edited under `cargo xtask serve` that
        // has errors just now): the file itself, whose error panel says what is wrong.
        let source = site_path::scenario_file(&id).ok().map(SiteFile::Source);
        let files: Vec<SiteFile> = translated
            .into_iter()
            .chain(english)
            .chain(source)
            .collect();
        if files.is_empty() {
            return Route::Refused {
                what: id,
                why: NO_SUCH_SCENARIO.into(),
            };
        }
        Route::Scenario { files }
    }

    /// Whether the page needs the catalog index.
    pub fn needs_catalog(&self) -> bool {
        *self == Route::Catalog
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(query: &str, language: &str) -> Route {
        let pairs: Vec<(String, String)> = query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Route::from_query(
            |name| {
                pairs
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            },
            language,
        )
    }

    fn compiled(path: &str, translated: bool) -> SiteFile {
        SiteFile::Compiled {
            path: path.into(),
            translated,
        }
    }

    #[test]
    fn nothing_named_is_the_catalog() {
        assert_eq!(route("", "en"), Route::Catalog);
        assert!(route("lang=es", "es").needs_catalog());
        assert!(!route("scenario=a/b", "en").needs_catalog());
    }

    #[test]
    fn a_built_in_scenario_is_tried_compiled_then_as_source() {
        assert_eq!(
            route("scenario=hospitality/front-desk", "en"),
            Route::Scenario {
                files: vec![
                    compiled("scenarios/hospitality/front-desk.scenario.json", false),
                    SiteFile::Source("scenarios/hospitality/front-desk.ron".into()),
                ]
            }
        );
    }

    #[test]
    fn a_student_in_spanish_gets_the_compiled_translation_first() {
        let Route::Scenario { files } = route("scenario=hospitality/front-desk", "es") else {
            panic!("a scenario route");
        };
        assert_eq!(
            files[..2],
            [
                compiled("scenarios/hospitality/front-desk.es.scenario.json", true),
                compiled("scenarios/hospitality/front-desk.scenario.json", false),
            ]
        );
    }

    #[test]
    fn an_id_outside_the_grammar_is_refused_in_words() {
        for bad in ["../etc/passwd", "front-desk", "a/b/c", "https://x/y"] {
            let Route::Refused { what, why } = route(&format!("scenario={bad}"), "en") else {
                panic!("{bad} must be refused");
            };
            assert_eq!(what, bad);
            assert_eq!(why, NO_SUCH_SCENARIO);
        }
    }

    #[test]
    fn a_teachers_file_must_be_on_this_site() {
        assert_eq!(
            route("src=my/clinic.ron", "en"),
            Route::Scenario {
                files: vec![SiteFile::Source("my/clinic.ron".into())]
            }
        );
        let Route::Refused { why, .. } = route("src=https://elsewhere.example/x.ron", "en") else {
            panic!("another site's file must be refused");
        };
        assert!(
            why.starts_with("`src` must be a path on this site"),
            "{why}"
        );
    }

    #[test]
    fn views_come_before_scenarios() {
        assert_eq!(
            route("view=class&scenario=a/b", "en"),
            Route::View(View::Class)
        );
        assert_eq!(
            route("view=portfolio&run=2", "en"),
            Route::View(View::Portfolio { run: Some(2) })
        );
        assert_eq!(
            route("view=portfolio&run=x", "en"),
            Route::View(View::Portfolio { run: None })
        );
        assert_eq!(route("view=anything", "en"), Route::View(View::Profile));
    }
}
