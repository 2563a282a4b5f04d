//! Invariant 1: a run is a pure function of (scenario, seed, choices and times).
//! Thousands of random runs of every built-in scenario are replayed from their
//! JSON transcript and from their compact save; events, state and score must match.

mod common;

use std::sync::Arc;

use common::{Rng, builtin};
use firstshift_core::transcript::{decode_save, encode_save};
use firstshift_core::{Event, Session, Transcript};
use firstshift_rubric::{rescore, score_session};
use firstshift_scenario::load_scenario;
use firstshift_sims::{Scenario, SimSetup, Sims};

const RUNS_PER_SCENARIO: u64 = 2_000;
/// A run with a simulation steps the model through every simulated second (each run
/// here is replayed three times), so fewer random runs cover those scenarios.
const RUNS_PER_SIM_SCENARIO: u64 = 300;

/// Plays random offered choices with random pauses until the run ends.
fn random_run(scenario: &Arc<Scenario>, seed: u64) -> (Session<Sims>, Vec<Event<Sims>>) {
    let mut rng = Rng(seed);
    let (mut session, mut events) = Session::new(Arc::clone(scenario), seed).unwrap();
    while !session.is_finished() && session.history().choices.len() < 300 {
        // The student thinks a while first; an interrupt may move the story (or end
        // it) meanwhile, and the choice is then made from what is on offer.
        if rng.below(3) == 0 {
            let to = (session.clock() + rng.below(120) as u64).min(session.horizon());
            events.extend(session.wait_until(to).unwrap());
            if session.is_finished() {
                break;
            }
        }
        let offered: Vec<String> = session.offered().iter().map(|c| c.id.clone()).collect();
        let pick = offered[rng.below(offered.len())].clone();
        events.extend(session.choose(&pick, session.clock()).unwrap());
    }
    (session, events)
}

#[test]
fn replay_gives_the_same_events_state_and_score() {
    let mut total = 0;
    for (path, _, scenario) in builtin() {
        let runs = match scenario.sim {
            SimSetup::None => RUNS_PER_SCENARIO,
            _ => RUNS_PER_SIM_SCENARIO,
        };
        for seed in 0..runs {
            let (session, events) = random_run(&scenario, seed);
            let report = score_session(&session);

            // Through JSON, as `firstshift replay` reads a downloaded run.
            let json = serde_json::to_string(&session.transcript()).unwrap();
            let transcript: Transcript = serde_json::from_str(&json).unwrap();
            let (replayed, replay_events) = transcript.replay(Arc::clone(&scenario)).unwrap();
            assert_eq!(
                replay_events,
                events,
                "{} seed {seed}: events differ",
                path.display()
            );
            assert_eq!(replayed.history(), session.history());
            assert_eq!(score_session(&replayed), report);
            assert_eq!(rescore(Arc::clone(&scenario), &transcript).unwrap(), report);

            // Through the compact save, as a resumed LMS session does.
            let save = encode_save(&session);
            let (resumed, resumed_events) = decode_save(Arc::clone(&scenario), &save).unwrap();
            assert_eq!(resumed_events, events);
            assert_eq!(resumed.history(), session.history());
            assert_eq!(score_session(&resumed), report);
            total += 1;
        }
    }
    assert!(total >= 4_000, "expected thousands of runs, ran {total}");
}

#[test]
fn a_sixty_choice_run_saves_within_scorm_12_suspend_data() {
    // A help-desk queue that loops: each ticket is a choice, so runs can be long.
    let source = r#"Scenario(
        id: "test/long-queue", title: "Long queue", career: "Help-desk technician",
        cluster: DigitalTechnology, minutes: 60, difficulty: Advanced,
        summary: "Many tickets.", setting: "A help desk.", objectives: ["Work the queue"],
        sim: None, variables: { "solved": 0 }, start: "queue",
        steps: {
            "queue": (text: "Next ticket.", choices: [
                (id: "solve", label: "Solve it", takes_seconds: 1234, do: [Add("solved", 1)], next: "queue"),
                (id: "escalate", label: "Escalate it", takes_seconds: 95, next: "queue"),
                (id: "go-home", label: "Go home", when: Var("solved", AtLeast(1)), next: "home"),
            ]),
            "home": (text: "Done.", ending: (title: "Home", outcome: Success)),
        },
        rubric: (pass_mark: 50, scores: [(id: "s", title: "S")], criteria: [
            (id: "c", title: "Solves", score: "s", weight: 1,
             levels: [(name: "Many", points: 2, when: Var("solved", AtLeast(30)), feedback: "Many."),
                      (name: "Some", points: 1, when: Var("solved", AtLeast(1)), feedback: "Some.")],
             otherwise: "None."),
        ]),
    )"#;
    let loaded = load_scenario::<Sims>(source);
    let scenario = loaded
        .scenario
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
    let mut rng = Rng(7);
    let (mut session, _) = Session::new(Arc::clone(&scenario), u64::MAX).unwrap();
    for i in 0..60 {
        let id = if i % 3 == 0 { "escalate" } else { "solve" };
        // Irregular pauses of up to eight minutes (two-byte waits): as long as the
        // scenario's horizon (one simulated day here) lets sixty choices be.
        let at = session.clock() + rng.below(500) as u64;
        session.choose(id, at).unwrap();
    }
    assert!(session.clock() < session.horizon());
    let save = encode_save(&session);
    assert!(
        save.len() <= 4096,
        "a 60-choice save is {} characters",
        save.len()
    );
    let (resumed, _) = decode_save(Arc::clone(&scenario), &save).unwrap();
    assert_eq!(resumed.history(), session.history());
    println!("60-choice save: {} characters", save.len());
}

/// The class results page replays a run a slice at a time (so the page can yield);
/// a sliced replay must leave the run in exactly the state a whole one does.
#[test]
fn a_replay_in_slices_ends_in_the_same_state_and_score() {
    for (path, _, scenario) in builtin() {
        for seed in 0..40 {
            let (session, _) = random_run(&scenario, seed);
            let transcript = session.transcript();
            let mut sliced =
                firstshift_core::Replay::new(transcript.clone(), Arc::clone(&scenario)).unwrap();
            let mut slices = 0;
            while !sliced.step(37).unwrap() {
                slices += 1;
            }
            let (sliced, _) = sliced.finish().unwrap();
            assert_eq!(
                sliced.history(),
                session.history(),
                "{} seed {seed}",
                path.display()
            );
            assert_eq!(
                format!("{:?}", sliced.sim()),
                format!("{:?}", session.sim())
            );
            assert_eq!(score_session(&sliced), score_session(&session));
            assert!(slices >= transcript.choices.len());
        }
    }
}
