//! The built-in set's vocabulary: every model's words come from its types, parse
//! back to that model, never clash, and each word that needs a value has an example.

use firstshift_core::SimCatalog;
use firstshift_line::LineKind;
use firstshift_patient::{OxygenDevice, PatientAction, PatientKind, PatientQuery};
use firstshift_sims::{SimAction, SimQuery, Sims};

#[test]
fn every_word_is_derived_from_its_model_and_parses_as_that_model() {
    let models = Sims::models();
    assert_eq!(
        models.iter().map(|m| m.name).collect::<Vec<_>>(),
        ["Patient", "Line", "Business"]
    );
    // Spot checks that the derived lists are the enums' variants, in order.
    assert_eq!(models[0].actions.first(), Some(&"MeasureVitals"));
    assert!(models[0].queries.contains(&"Arrested"));
    assert!(models[1].actions.contains(&"StopLine"));
    assert_eq!(models[1].queries.last(), Some(&"BrokenDown"));
    for model in models {
        for word in model.actions {
            // A unit, newtype or tuple variant: the word alone parses or complains
            // about its missing contents, never that the word is unknown.
            match ron::from_str::<SimAction>(word) {
                Ok(action) => assert_eq!(Sims::action_model(&action), model.name),
                Err(e) => assert!(!e.to_string().contains("Unexpected variant"), "{word}: {e}"),
            }
        }
        for word in model.queries {
            match ron::from_str::<SimQuery>(word) {
                Ok(query) => assert_eq!(Sims::query_model(&query), model.name),
                Err(e) => assert!(!e.to_string().contains("Unexpected variant"), "{word}: {e}"),
            }
        }
    }
    let a: SimAction = ron::from_str("Oxygen(NonRebreather)").unwrap();
    assert_eq!(
        a,
        SimAction::Patient(PatientAction::Oxygen(OxygenDevice::NonRebreather))
    );
    assert_eq!(ron::to_string(&a).unwrap(), "Oxygen(NonRebreather)");
    let q: SimQuery = ron::from_str("Vital(Spo2, Below(92))").unwrap();
    assert!(matches!(q, SimQuery::Patient(PatientQuery::Vital(..))));
}

#[test]
fn every_word_that_needs_a_value_has_a_written_example_that_parses() {
    for model in Sims::models() {
        for (word, example) in model.examples {
            let parses = ron::from_str::<SimAction>(example).is_ok()
                || ron::from_str::<SimQuery>(example).is_ok();
            assert!(parses && example.starts_with(word), "{word}: {example}");
        }
        let needs = model
            .actions
            .iter()
            .filter(|w| ron::from_str::<SimAction>(w).is_err());
        let asks = model
            .queries
            .iter()
            .filter(|w| ron::from_str::<SimQuery>(w).is_err());
        for word in needs.chain(asks) {
            assert!(
                model.examples.iter().any(|(w, _)| w == word),
                "{}: no example for {word}",
                model.name
            );
        }
    }
}

#[test]
fn no_word_belongs_to_two_models() {
    for words in [Sims::action_words(), Sims::query_words()] {
        let mut sorted = words.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), words.len(), "{words:?}");
    }
    let a: SimAction = ron::from_str("MoveOperator(\"pack\", \"weld\")").unwrap();
    assert_eq!(Sims::action_model(&a), "Line");
    let q: SimQuery = ron::from_str("Oee(AtLeast(65))").unwrap();
    assert_eq!(Sims::query_model(&q), "Line");
}

#[test]
fn an_unknown_word_lists_the_valid_ones() {
    let err = ron::from_str::<SimAction>("Oxygn(NonRebreather)")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("Oxygn") && err.contains("Oxygen") && err.contains("StopLine"),
        "{err}"
    );
}

#[test]
fn each_model_is_reached_by_its_own_type() {
    use firstshift_core::{SimKind, SimState};
    use firstshift_sims::{SimRun, SimSetup};
    let setup: SimSetup = ron::from_str(
        "Patient((name: \"Mrs. Lee\", age: 72, \
         baseline: (heart_rate: 104, resp_rate: 24, spo2: 94, systolic: 98, diastolic: 60, temperature: 38.6)))",
    )
    .unwrap();
    assert_eq!(Sims::setup_model(&setup), Some("Patient"));
    assert_eq!(setup.get::<PatientKind>().map(|p| p.age), Some(72));
    assert!(setup.get::<LineKind>().is_none());
    let mut run = Sims::start(&setup, 7);
    let patient = run.get::<PatientKind>().expect("a patient runs");
    assert_eq!(patient.clock(), 0);
    assert!(run.get::<LineKind>().is_none());
    let events = run.act(&ron::from_str("MeasureVitals").unwrap());
    assert!(!events.is_empty());
    assert!(
        events
            .iter()
            .all(|e| e.get::<PatientKind>().is_some() && !e.text().is_empty())
    );
    assert!(SimRun::None.get::<PatientKind>().is_none());
}
