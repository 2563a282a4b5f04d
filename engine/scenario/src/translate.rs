//! Translations: every string a student reads has a stable id (`title`,
//! `steps.arrival.text`, `steps.arrival.choices.greet-warmly.label`, ...), and a
//! translation file beside the scenario (`<name>.<language>.ron`, e.g.
//! `front-desk-overbooked.es.ron`) gives each id's text in another language together
//! with the English it translates. A string whose English has changed since it was
//! translated is **stale**: the player shows the English instead, and the validator
//! says which. Ids, choices, conditions and scores are never translated, so a run in
//! any language is the same run and re-scores against the original scenario.
//!
//! A simulation's setup texts (a patient's name and answers, the line's station
//! names) have ids under `sim.` that the model gives (`sim.answers.History`,
//! `sim.stations.2.name`). What a model says as it runs is not in the file: it
//! holds numbers only the run knows, so each model says it in the translation's
//! language from its own phrasebook (`firstshift_core::language`).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use firstshift_core::Language;

use crate::diagnostic::{Code, Diagnostic};
use crate::load;
use crate::tree::Key;
use crate::{Scenario, SimCatalog};

/// A translation file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// The id of the scenario it translates.
    pub scenario: String,
    /// A language code: `es`, `fr`, `pt-BR`.
    pub language: String,
    /// Each string id with its translation.
    pub strings: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The English this translates, as it was when translated.
    pub source: String,
    /// The translation; empty while not yet translated.
    pub text: String,
}

/// Calls `f` with the id and a mutable reference of every string a student reads, in
/// the order they appear in the file.
fn visit<K: SimCatalog>(s: &mut Scenario<K>, f: &mut dyn FnMut(&str, &mut String)) {
    f("title", &mut s.title);
    f("career", &mut s.career);
    f("summary", &mut s.summary);
    f("setting", &mut s.setting);
    for (i, objective) in s.objectives.iter_mut().enumerate() {
        f(&format!("objectives.{i}"), objective);
    }
    if let Some(facts) = &mut s.career_facts {
        f("career_facts.about", &mut facts.about);
        for (i, task) in facts.tasks.iter_mut().enumerate() {
            f(&format!("career_facts.tasks.{i}"), task);
        }
        f("career_facts.pathway", &mut facts.pathway);
        for (i, related) in facts.related.iter_mut().enumerate() {
            f(&format!("career_facts.related.{i}"), related);
        }
        // A figure's source is a name and its year a number: neither is translated.
        for (i, figure) in facts.figures.iter_mut().enumerate() {
            f(
                &format!("career_facts.figures.{i}.label"),
                &mut figure.label,
            );
            f(
                &format!("career_facts.figures.{i}.value"),
                &mut figure.value,
            );
        }
    }
    K::visit_setup_texts(&mut s.sim, &mut |id, text| f(&format!("sim.{id}"), text));
    for (id, step) in &mut s.steps {
        f(&format!("steps.{id}.text"), &mut step.text);
        for c in &mut step.choices {
            f(&format!("steps.{id}.choices.{}.label", c.id), &mut c.label);
            if let Some(response) = &mut c.response {
                f(&format!("steps.{id}.choices.{}.response", c.id), response);
            }
        }
        if let Some(ending) = &mut step.ending {
            f(&format!("steps.{id}.ending.title"), &mut ending.title);
        }
    }
    let r = &mut s.rubric;
    for score in &mut r.scores {
        f(
            &format!("rubric.scores.{}.title", score.id),
            &mut score.title,
        );
    }
    for c in &mut r.criteria {
        f(&format!("rubric.criteria.{}.title", c.id), &mut c.title);
        for level in &mut c.levels {
            let name = level.name.clone();
            f(
                &format!("rubric.criteria.{}.levels.{name}.name", c.id),
                &mut level.name,
            );
            f(
                &format!("rubric.criteria.{}.levels.{name}.feedback", c.id),
                &mut level.feedback,
            );
        }
        f(
            &format!("rubric.criteria.{}.otherwise", c.id),
            &mut c.otherwise,
        );
    }
    for c in &mut r.critical {
        f(&format!("rubric.critical.{}.title", c.id), &mut c.title);
        f(
            &format!("rubric.critical.{}.feedback", c.id),
            &mut c.feedback,
        );
    }
    for h in &mut r.harmful {
        f(&format!("rubric.harmful.{}.title", h.id), &mut h.title);
        f(
            &format!("rubric.harmful.{}.feedback", h.id),
            &mut h.feedback,
        );
    }
}

/// Every student-visible string of the scenario: (id, English), in file order.
pub fn strings<K: SimCatalog>(scenario: &Scenario<K>) -> Vec<(String, String)> {
    let mut copy = scenario.clone();
    let mut out = Vec::new();
    visit(&mut copy, &mut |id, text| {
        out.push((id.to_string(), text.clone()))
    });
    out
}

/// The scenario as a student reading `translation` sees it: each string translated
/// when its translation is there and not stale, the English otherwise. Everything
/// else, and the content hash, stay the original's.
pub fn translate<K: SimCatalog>(
    scenario: &Arc<Scenario<K>>,
    translation: &Translation,
) -> Arc<Scenario<K>> {
    let mut copy = (**scenario).clone();
    visit(&mut copy, &mut |id, text| {
        if let Some(entry) = translation.strings.get(id)
            && !entry.text.trim().is_empty()
            && entry.source == *text
        {
            *text = entry.text.clone();
        }
    });
    copy.translated_from = Some(scenario.content_hash());
    copy.language = Language::from_code(&translation.language).unwrap_or_default();
    Arc::new(copy)
}

/// `es`, `fr`, `pt-BR`, `zh-Hant`: a language, then an optional region or script.
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let language = parts.next().unwrap_or("");
    let ok_language =
        (2..=3).contains(&language.len()) && language.chars().all(|c| c.is_ascii_lowercase());
    ok_language
        && parts.all(|p| (2..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The language of a translation file from its name: `x.es.ron` → `es`; `None` for a
/// scenario (`x.ron`) or playthrough file (`x.plays.ron`).
pub fn language_of_file(file_name: &str) -> Option<&str> {
    let stem = file_name.strip_suffix(".ron")?;
    let (_, language) = stem.rsplit_once('.')?;
    (language != "plays").then_some(language)
}

/// Checks a translation file against its scenario: the right scenario, a language
/// code that matches the file name, and for each string whether it is missing,
/// stale, or no longer in the scenario.
pub fn check_translation<K: SimCatalog>(
    scenario: &Scenario<K>,
    source: &str,
    file_language: Option<&str>,
) -> (Option<Translation>, Vec<Diagnostic>) {
    let parsed = load::parse_ron::<Translation>(source);
    let mut diagnostics = parsed.diagnostics;
    let (Some(translation), Some(tree)) = (parsed.value, parsed.tree) else {
        return (None, diagnostics);
    };
    let field_span = |name: &'static str| tree.lookup(&[Key::Field(name)]).map(|n| n.span.clone());
    if translation.scenario != scenario.id {
        diagnostics.push(
            Diagnostic::error(
                Code::TranslationOtherScenario,
                format!(
                    "this translation is for `{}`, but the scenario beside it is `{}`",
                    translation.scenario, scenario.id
                ),
            )
            .at(field_span("scenario"), "scenario id")
            .help(format!(
                "write `scenario: \"{}\"`, or move the file next to its scenario",
                scenario.id
            )),
        );
        return (Some(translation), diagnostics);
    }
    let language_ok = is_language_code(&translation.language)
        && file_language.is_none_or(|f| f == translation.language);
    if !language_ok {
        let expected = file_language.unwrap_or("es");
        diagnostics.push(
            Diagnostic::error(
                Code::BadLanguage,
                format!("`{}` is not the language code this file's name gives", translation.language),
            )
            .at(field_span("language"), "language")
            .help(format!(
                "use a language code such as `es` or `pt-BR`, the same as in the file name (`<name>.{expected}.ron`)"
            )),
        );
    }
    let english: BTreeMap<String, String> = strings(scenario).into_iter().collect();
    let entry_span = |id: &str| tree.key_span(&[Key::Field("strings"), Key::Entry(id.to_string())]);
    for (id, entry) in &translation.strings {
        match english.get(id) {
            None => diagnostics.push(
                Diagnostic::warning(
                    Code::UnknownString,
                    format!("the scenario has no string `{id}`"),
                )
                .at(entry_span(id), "unknown string id")
                .help("the step, choice or criterion was renamed or removed; delete this entry or rename it to match"),
            ),
            Some(now) if *now != entry.source && !entry.text.trim().is_empty() => diagnostics.push(
                Diagnostic::warning(
                    Code::StaleTranslation,
                    format!("the English of `{id}` changed since it was translated; students see the English until it is updated"),
                )
                .at(entry_span(id), "stale translation")
                .help(format!("update `text` to translate the new English, then set `source` to it: {now:?}")),
            ),
            _ => {}
        }
    }
    let missing: Vec<&String> = english
        .keys()
        .filter(|id| {
            translation
                .strings
                .get(*id)
                .is_none_or(|e| e.text.trim().is_empty())
        })
        .collect();
    if !missing.is_empty() {
        let shown: Vec<String> = missing.iter().take(5).map(|id| format!("`{id}`")).collect();
        let more = if missing.len() > 5 {
            format!(" and {} more", missing.len() - 5)
        } else {
            String::new()
        };
        diagnostics.push(
            Diagnostic::warning(
                Code::MissingTranslation,
                format!("{} of {} strings are not translated: {}{more}", missing.len(), english.len(), shown.join(", ")),
            )
            .at(tree.key_span(&[Key::Field("strings")]), "these translations")
            .help("students see the English for these; `firstshift translate` adds entries for every string"),
        );
    }
    crate::sort(&mut diagnostics);
    (Some(translation), diagnostics)
}

/// A translation file to fill in: every string with its English, and the
/// translations already in `existing` kept as they are.
pub fn template<K: SimCatalog>(
    scenario: &Scenario<K>,
    language: &str,
    existing: Option<&Translation>,
) -> String {
    let quote = |s: &str| {
        // RON's own writer escapes apostrophes too; translators read this file, so
        // only what must be escaped is.
        let mut out = String::from('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    };
    let mut out = format!(
        "// {} translation of \"{}\" ({}).\n// For each string: `source` is the English it translates; write the translation in\n// `text`. When the English changes, the validator reports the string as stale: update\n// `text`, then copy the new English into `source`. Empty texts show the English.\nTranslation(\n    scenario: {},\n    language: {},\n    strings: {{\n",
        language,
        scenario.title,
        scenario.id,
        quote(&scenario.id),
        quote(language),
    );
    for (id, english) in strings(scenario) {
        let (source, text) = match existing.and_then(|t| t.strings.get(&id)) {
            Some(entry) => (entry.source.clone(), entry.text.clone()),
            None => (english, String::new()),
        };
        out.push_str(&format!(
            "        {}: (\n            source: {},\n            text: {},\n        ),\n",
            quote(&id),
            quote(&source),
            quote(&text)
        ));
    }
    out.push_str("    },\n)\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load_scenario;

    const SCENARIO: &str = r#"Scenario(
        id: "test/desk", title: "The desk", career: "Clerk", cluster: Education, minutes: 2,
        difficulty: Introductory, summary: "A visitor.", setting: "A desk.",
        objectives: ["Greet"], sim: None, start: "a",
        steps: {
            "a": (text: "A visitor arrives.", choices: [
                (id: "greet", label: "Greet them", response: "They smile.", next: "end"),
            ]),
            "end": (text: "Done.", ending: (title: "Welcomed", outcome: Success)),
        },
        rubric: (pass_mark: 50, scores: [(id: "s", title: "Service")], criteria: [
            (id: "c", title: "Greets", score: "s", weight: 100,
             levels: [(name: "Good", points: 1, when: Chose("greet"), feedback: "Well done.")],
             otherwise: "No greeting."),
        ]),
    )"#;

    fn scenario() -> Arc<Scenario<firstshift_core::NoSim>> {
        load_scenario(SCENARIO).scenario.unwrap()
    }

    #[test]
    fn every_visible_string_has_a_stable_id() {
        let ids: Vec<String> = strings(&scenario()).into_iter().map(|(id, _)| id).collect();
        for id in [
            "title",
            "objectives.0",
            "steps.a.text",
            "steps.a.choices.greet.label",
            "steps.a.choices.greet.response",
            "steps.end.ending.title",
            "rubric.scores.s.title",
            "rubric.criteria.c.levels.Good.name",
            "rubric.criteria.c.levels.Good.feedback",
            "rubric.criteria.c.otherwise",
        ] {
            assert!(ids.contains(&id.to_string()), "{id} in {ids:?}");
        }
        assert_eq!(ids.len(), 15);
    }

    #[test]
    fn a_template_filled_in_translates_and_keeps_the_run_and_its_hash() {
        let s = scenario();
        let template = template(&s, "es", None);
        let (t, d) = check_translation(&s, &template, Some("es"));
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].code, Code::MissingTranslation);
        let mut t = t.unwrap();
        t.strings.get_mut("title").unwrap().text = "El mostrador".into();
        t.strings
            .get_mut("steps.a.choices.greet.label")
            .unwrap()
            .text = "Saludar".into();
        let es = translate(&s, &t);
        assert_eq!(es.title, "El mostrador");
        assert_eq!(es.steps["a"].choices[0].label, "Saludar");
        // Untranslated strings fall back to the English, one by one.
        assert_eq!(es.steps["a"].text, "A visitor arrives.");
        // Same run: ids, logic and the content hash are the original's.
        assert_eq!(es.steps["a"].choices[0].id, "greet");
        assert_eq!(es.content_hash(), s.content_hash());
        assert_ne!(*es, *s);
    }

    #[test]
    fn stale_unknown_and_misfiled_translations_are_reported() {
        let s = scenario();
        let text = r#"Translation(scenario: "test/desk", language: "es", strings: {
            "title": (source: "The old desk", text: "El mostrador viejo"),
            "steps.gone.text": (source: "Gone", text: "Ido"),
        })"#;
        let (t, d) = check_translation(&s, text, Some("es"));
        let codes: Vec<Code> = d.iter().map(|d| d.code).collect();
        assert!(codes.contains(&Code::StaleTranslation), "{codes:?}");
        assert!(codes.contains(&Code::UnknownString), "{codes:?}");
        assert!(d.iter().all(|d| !d.is_error()));
        // A stale string shows the English.
        assert_eq!(translate(&s, &t.unwrap()).title, "The desk");

        let (_, d) = check_translation(&s, &text.replace("test/desk", "test/other"), Some("es"));
        assert_eq!(d[0].code, Code::TranslationOtherScenario);
        let (_, d) = check_translation(&s, text, Some("fr"));
        assert!(
            d.iter()
                .any(|d| d.code == Code::BadLanguage && d.is_error())
        );
        let (_, d) = check_translation(&s, "Translation(", Some("es"));
        assert!(d.iter().any(Diagnostic::is_error));
    }

    #[test]
    fn language_codes_and_file_names() {
        for good in ["es", "fr", "pt-BR", "zh-Hant", "es-419"] {
            assert!(is_language_code(good), "{good}");
        }
        for bad in ["", "ES", "spanish", "e", "es_MX", "es-"] {
            assert!(!is_language_code(bad), "{bad}");
        }
        assert_eq!(language_of_file("front-desk.es.ron"), Some("es"));
        assert_eq!(language_of_file("front-desk.plays.ron"), None);
        assert_eq!(language_of_file("front-desk.ron"), None);
    }
}
