//! The built-in library is what the catalog promises teachers: at least twelve
//! scenarios across at least five career clusters, each with a rubric and a
//! playthrough file whose runs all pass and include both a passing and a failing run.

mod common;

use firstshift_sims::Sims;
use std::collections::BTreeSet;

use firstshift_scenario::plays::{parse_plays, run_play};

#[test]
fn the_library_has_twelve_scenarios_across_five_clusters() {
    let library = common::builtin();
    let clusters: BTreeSet<_> = library.iter().map(|(_, _, s)| s.cluster).collect();
    assert!(
        library.len() >= 12,
        "{} built-in scenarios; the catalog promises at least 12",
        library.len()
    );
    assert!(
        clusters.len() >= 5,
        "{} career clusters ({clusters:?}); the catalog promises at least 5",
        clusters.len()
    );
}

#[test]
fn every_scenario_has_a_rubric_and_playthroughs_that_pass_and_fail() {
    for (path, _, scenario) in common::builtin() {
        assert!(
            !scenario.rubric.criteria.is_empty(),
            "{}: no rubric criteria",
            path.display()
        );
        let plays_path = path.with_extension("plays.ron");
        let text = std::fs::read_to_string(&plays_path)
            .unwrap_or_else(|_| panic!("{} has no playthrough file", path.display()));
        let plays = parse_plays(&text)
            .value
            .unwrap_or_else(|| panic!("{} does not parse", plays_path.display()));
        let mut outcomes = BTreeSet::new();
        for play in &plays.plays {
            let result = run_play(&scenario, play);
            assert!(
                result.passed(),
                "{} :: {}: {:?}",
                plays_path.display(),
                play.name,
                result.failures
            );
            outcomes.insert(result.report.expect("a finished run has a report").passed);
        }
        assert_eq!(
            outcomes,
            BTreeSet::from([false, true]),
            "{}: the playthroughs should include a passing and a failing run",
            plays_path.display()
        );
    }
}

#[test]
fn at_least_four_scenarios_are_fully_translated_into_spanish() {
    use firstshift_scenario::translate::check_translation;
    let mut complete = Vec::new();
    for (path, _, scenario) in common::builtin() {
        let spanish = path.with_extension("es.ron");
        let Ok(text) = std::fs::read_to_string(&spanish) else {
            continue;
        };
        let (translation, diagnostics) = check_translation(&scenario, &text, Some("es"));
        assert!(
            translation.is_some(),
            "{}: {diagnostics:?}",
            spanish.display()
        );
        assert!(
            diagnostics.is_empty(),
            "{}: missing, stale or unknown strings: {:#?}",
            spanish.display(),
            diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
        complete.push(scenario.id.clone());
    }
    assert!(
        complete.len() >= 4,
        "Spanish for at least four scenarios; found {complete:?}"
    );
}

/// The player opens built-in scenarios from their compiled form: it must be the
/// very scenario the file describes, with the same content hash (run files and
/// profile records name scenarios by it), and play every playthrough the same.
#[test]
fn every_scenario_compiles_to_the_same_scenario() {
    use firstshift_scenario::compiled::{compile, load_compiled};
    for (path, _, scenario) in common::builtin() {
        let compiled = compile(&scenario);
        let back =
            load_compiled::<Sims>(&compiled).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(*back, *scenario, "{}", path.display());
        assert_eq!(back.content_hash(), scenario.content_hash());
        let text = std::fs::read_to_string(path.with_extension("plays.ron")).unwrap();
        for play in parse_plays(&text).value.unwrap().plays {
            let (a, b) = (run_play(&scenario, &play), run_play(&back, &play));
            assert_eq!(
                format!("{a:?}"),
                format!("{b:?}"),
                "{}: {}",
                path.display(),
                play.name
            );
        }
    }
}

/// A student who keyboards through a scenario by always pressing 1 (the first
/// choice on offer) reaches an ending: no built-in scenario loops for ever.
#[test]
fn always_taking_the_first_choice_ends_every_scenario() {
    use firstshift_sims::Session;
    for (path, _, scenario) in common::builtin() {
        let (mut session, _) = Session::new(std::sync::Arc::clone(&scenario), 1).unwrap();
        let mut taken = Vec::new();
        while !session.is_finished() && taken.len() < 500 {
            let id = session.offered()[0].id.clone();
            let at = session.clock();
            session.choose(&id, at).unwrap();
            taken.push(id);
        }
        if std::env::var_os("FIRSTSHIFT_PRINT_RUNS").is_some() {
            println!(
                "{}: {:?} ends at {:?} ({} s)",
                path.display(),
                taken,
                session.step_id(),
                session.clock()
            );
        }
        assert!(
            session.is_finished(),
            "{}: still going after {} choices ({} s): {:?}…",
            path.display(),
            taken.len(),
            session.clock(),
            &taken[taken.len() - 5..]
        );
    }
}
