//! A simulation scenario played in Spanish: the translation file reaches the
//! model's setup (the patient's name and answers, the line's stations) and the
//! model speaks Spanish from its own phrasebook, while the run stays the same run:
//! the same choices at the same times earn the same score, and the Spanish
//! transcript re-scores against the English original.

mod common;

use std::sync::Arc;

use common::{Rng, builtin};
use firstshift_core::{Event, Language, Session};
use firstshift_rubric::{rescore, score_session};
use firstshift_scenario::translate::{check_translation, translate};
use firstshift_sims::{Scenario, SimSetup, Sims};

/// The model's sentences of a run, in order.
fn model_sentences(events: &[Event<Sims>]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Sim(e) => Some(e.text().to_owned()),
            _ => None,
        })
        .collect()
}

/// Plays offered choices picked by a seeded generator, at once, to the end.
fn play(scenario: &Arc<Scenario>, seed: u64) -> (Session<Sims>, Vec<Event<Sims>>) {
    let mut rng = Rng(seed);
    let (mut session, mut events) = Session::new(Arc::clone(scenario), seed).unwrap();
    while !session.is_finished() && session.history().choices.len() < 200 {
        let offered: Vec<String> = session.offered().iter().map(|c| c.id.clone()).collect();
        let pick = offered[rng.below(offered.len())].clone();
        events.extend(session.choose(&pick, session.clock()).unwrap());
    }
    (session, events)
}

#[test]
fn a_simulation_scenario_in_spanish_is_the_same_run_in_other_words() {
    let mut checked = Vec::new();
    for (path, _, english) in builtin() {
        if matches!(english.sim, SimSetup::None) {
            continue;
        }
        let spanish_file = path.with_extension("es.ron");
        let text = std::fs::read_to_string(&spanish_file).unwrap_or_else(|_| {
            panic!(
                "every simulation scenario has Spanish: write {} with `firstshift translate --lang es`",
                spanish_file.display()
            )
        });
        let (translation, diagnostics) = check_translation(&english, &text, Some("es"));
        assert!(
            diagnostics.is_empty(),
            "{}: {diagnostics:#?}",
            spanish_file.display()
        );
        let spanish = translate(&english, &translation.unwrap());
        assert_eq!(spanish.language, Language::Spanish);
        assert_ne!(spanish.sim, english.sim, "the setup's texts are translated");

        for seed in 0..20 {
            let (en_session, en_events) = play(&english, seed);
            let (es_session, es_events) = play(&spanish, seed);
            // The same run: the same choices at the same times, the same score.
            assert_eq!(
                es_session.history().choices,
                en_session.history().choices,
                "{}",
                path.display()
            );
            let (en_report, es_report) = (score_session(&en_session), score_session(&es_session));
            assert_eq!(es_report.percent, en_report.percent);
            assert_eq!(es_report.passed, en_report.passed);
            let points = |r: &firstshift_rubric::ScoreReport| {
                r.criteria
                    .iter()
                    .map(|c| (c.id.clone(), c.points))
                    .collect::<Vec<_>>()
            };
            assert_eq!(points(&es_report), points(&en_report));
            // It re-scores against the English original.
            let rescored = rescore(Arc::clone(&english), &es_session.transcript()).unwrap();
            assert_eq!(rescored, en_report);
            // In other words: as many model sentences, none of them the English one
            // (numbers alone, such as "Temperature 36.6 °C", aside).
            let (en_said, es_said) = (model_sentences(&en_events), model_sentences(&es_events));
            assert_eq!(en_said.len(), es_said.len());
            let untranslated: Vec<_> = en_said
                .iter()
                .zip(&es_said)
                .filter(|(en, es)| {
                    en == es && en.chars().filter(|c| c.is_alphabetic()).count() > 12
                })
                .collect();
            assert!(
                untranslated.is_empty(),
                "{}: said in English: {untranslated:#?}",
                path.display()
            );
        }
        checked.push(path);
    }
    assert!(
        checked.len() >= 8,
        "expected Spanish for every simulation scenario, found {checked:?}"
    );
}
