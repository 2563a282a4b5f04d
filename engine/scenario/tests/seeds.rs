//! A student in the browser gets a random seed, so the luck of a simulation (a
//! breakdown, a slow part, a little physiological noise) differs from run to run.
//! The rubric must judge the decisions, not the luck: every playthrough of every
//! built-in scenario whose run depends on the seed must reach the same verdict and
//! the same ending whatever the seed. One exception is checked narrowly: where the
//! story tells what the simulation produced (the last choice branches on a `Sim(..)`
//! question, such as "was the order met?"), a lucky or unlucky line may end at a
//! neighbouring ending; the verdict still may not change.
//!
//! A scenario with no simulation has no luck at all (its seed changes nothing), so
//! trying other seeds there would prove nothing: those are counted and skipped, and
//! the test checks that every scenario with a simulation really does depend on its
//! seed (or the claim above would be empty).

mod common;

use firstshift_core::Condition;
use firstshift_rubric::score_session;
use firstshift_scenario::plays::{parse_plays, perform};
use firstshift_sims::{Scenario, Session, SimSetup, Sims};

/// Seeds tried per playthrough, besides the one the file names.
const SEEDS: u64 = 40;

#[test]
fn every_playthrough_reaches_its_verdict_and_ending_whatever_the_seed() {
    let mut checked = 0;
    let mut seed_dependent = Vec::new();
    let mut problems = Vec::new();
    for (path, _, scenario) in common::builtin() {
        let plays_path = path.with_extension("plays.ron");
        let Ok(text) = std::fs::read_to_string(&plays_path) else {
            continue;
        };
        if matches!(scenario.sim, SimSetup::None) {
            continue;
        }
        let plays = parse_plays(&text).value.expect("playthroughs parse");
        let mut luck_changed_something = false;
        for play in &plays.plays {
            let base = perform(&scenario, play).expect("the playthrough plays");
            let base_sim = format!("{:?}", base.sim());
            let base_ending = base.ending().map(|_| base.step_id().to_string());
            let expected_ending = play.expect.ending.clone().or(base_ending);
            for seed in 1..=SEEDS {
                let mut play = play.clone();
                play.seed = play.seed.wrapping_add(seed.wrapping_mul(0x9E37_79B9));
                let Ok(session) = perform(&scenario, &play) else {
                    problems.push(format!(
                        "{} :: {} (seed {}): could not be played",
                        scenario.id, play.name, play.seed
                    ));
                    continue;
                };
                checked += 1;
                luck_changed_something |= format!("{:?}", session.sim()) != base_sim;
                let report = score_session(&session);
                if report.passed != play.expect.passed {
                    problems.push(format!(
                        "{} :: {} (seed {}): {}, {} %",
                        scenario.id,
                        play.name,
                        play.seed,
                        if report.passed { "passed" } else { "failed" },
                        report.percent
                    ));
                }
                let ending = session.ending().map(|_| session.step_id().to_string());
                if ending != expected_ending && !ended_by_the_simulation(&scenario, &session) {
                    problems.push(format!(
                        "{} :: {} (seed {}): ended at {ending:?}, not {expected_ending:?}",
                        scenario.id, play.name, play.seed
                    ));
                }
            }
        }
        // A business whose customers come exactly as forecast has no luck by design.
        let luck_free = matches!(
            &scenario.sim,
            SimSetup::Business(b) if b.arrivals == firstshift_business::Arrivals::Steady
        );
        if luck_changed_something {
            seed_dependent.push(scenario.id.clone());
        } else if !luck_free {
            problems.push(format!(
                "{}: has a simulation, but no seed changed anything in it",
                scenario.id
            ));
        }
    }
    assert!(
        seed_dependent.len() >= 6,
        "only {seed_dependent:?} depend on their seed"
    );
    assert!(checked > 0);
    assert!(
        problems.is_empty(),
        "{} problems in {checked} runs:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Whether the choice that ended the run picks its ending by asking the simulation.
fn ended_by_the_simulation(scenario: &Scenario, session: &Session) -> bool {
    fn reads_sim(c: &Condition<Sims>) -> bool {
        match c {
            Condition::Sim(_) => true,
            Condition::All(cs) | Condition::Any(cs) => cs.iter().any(reads_sim),
            Condition::Not(c) => reads_sim(c),
            _ => false,
        }
    }
    session
        .history()
        .choices
        .last()
        .and_then(|last| scenario.choice(&last.choice))
        .is_some_and(|(_, choice)| choice.branches.iter().any(|b| reads_sim(&b.when)))
}
