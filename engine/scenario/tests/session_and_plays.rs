//! The session's rules (branches, variables, the clock, refusals) and playthrough
//! files (running them, and the diagnostics for ones that do not fit).

use firstshift_sims::Sims;
use std::sync::Arc;

use firstshift_core::{ChoiceError, Event, Outcome, Session};
use firstshift_scenario::plays::{parse_plays, run_play, validate_plays};
use firstshift_scenario::{Code, load_scenario};
use firstshift_sims::Scenario;

const SOURCE: &str = r#"Scenario(
    id: "test/branches", title: "Branches", career: "Tester", cluster: Education,
    minutes: 5, difficulty: Introductory, summary: "S.", setting: "A classroom.", objectives: ["Test"],
    sim: None, variables: { "calm": 0 }, start: "start",
    steps: {
        "start": (text: "Start.", choices: [
            (id: "breathe", label: "Breathe", takes_seconds: 30, do: [Add("calm", 2)], response: "You feel calmer.", next: "decide"),
            (id: "rush", label: "Rush", do: [Set("calm", -1)], next: "decide"),
        ]),
        "decide": (text: "Decide.", choices: [
            (id: "go", label: "Go", takes_seconds: 10,
             branches: [(when: Var("calm", AtLeast(2)), next: "good"), (when: Var("calm", Below(0)), next: "bad")],
             next: "meh"),
            (id: "secret", label: "Secret", when: Chose("breathe"), next: "good"),
        ]),
        "good": (text: "Good.", ending: (title: "Good", outcome: Success)),
        "meh": (text: "Meh.", ending: (title: "Meh", outcome: Mixed)),
        "bad": (text: "Bad.", ending: (title: "Bad", outcome: Failure)),
    },
    rubric: (pass_mark: 50, scores: [(id: "s", title: "S")], criteria: [
        (id: "calm", title: "Stays calm", score: "s", weight: 1,
         levels: [(name: "Calm", points: 1, when: Visited("good"), feedback: "Calm.")], otherwise: "Not calm."),
    ]),
)"#;

fn scenario() -> Arc<Scenario> {
    let loaded = load_scenario::<Sims>(SOURCE);
    loaded
        .scenario
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics))
}

#[test]
fn choices_change_variables_advance_the_clock_and_follow_branches() {
    let (mut s, events) = Session::new(scenario(), 0).unwrap();
    assert_eq!(
        events,
        vec![Event::StepEntered {
            step: "start".into(),
            at: 0
        }]
    );
    let events = s.choose("breathe", 5).unwrap();
    assert!(events.contains(&Event::ClockAdvanced { from: 0, to: 5 }));
    assert!(events.contains(&Event::VariableChanged {
        name: "calm".into(),
        from: 0.0,
        to: 2.0
    }));
    assert!(events.contains(&Event::Response {
        choice: "breathe".into(),
        text: "You feel calmer.".into()
    }));
    assert_eq!(s.clock(), 35);
    // `secret` is offered only after `breathe`.
    assert_eq!(
        s.offered()
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        vec!["go", "secret"]
    );
    let events = s.choose("go", 35).unwrap();
    assert!(matches!(
        events.last(),
        Some(Event::Ended {
            outcome: Outcome::Success,
            ..
        })
    ));
    assert_eq!(s.step_id(), "good");
    assert_eq!(s.ending().unwrap().title, "Good");
}

#[test]
fn the_default_next_applies_when_no_branch_holds() {
    let (mut s, _) = Session::new(scenario(), 0).unwrap();
    s.choose("rush", 0).unwrap();
    assert_eq!(s.offered().len(), 1);
    s.choose("go", 0).unwrap();
    assert_eq!(s.step_id(), "bad");
}

#[test]
fn refused_calls_leave_the_session_unchanged() {
    let (mut s, _) = Session::new(scenario(), 0).unwrap();
    s.choose("breathe", 100).unwrap();
    let before = s.history().clone();
    assert_eq!(
        s.choose("go", 99),
        Err(ChoiceError::TimeWentBackwards { at: 99, clock: 130 })
    );
    assert!(matches!(
        s.choose("nope", 200),
        Err(ChoiceError::NotOffered { .. })
    ));
    assert!(matches!(
        s.choose("rush", 200),
        Err(ChoiceError::NotOffered { .. })
    ));
    assert_eq!(s.history(), &before);
    assert_eq!(
        s.wait_until(500).unwrap(),
        vec![Event::ClockAdvanced { from: 130, to: 500 }]
    );
    s.choose("secret", 500).unwrap();
    assert_eq!(s.choose("go", 600), Err(ChoiceError::Finished));
    assert_eq!(s.wait_until(700), Err(ChoiceError::Finished));
}

#[test]
fn an_unvalidated_scenario_that_gets_stuck_stops_with_an_event() {
    // Validation forbids this; the runtime must still not hang or panic on it.
    let mut scenario = (*scenario()).clone();
    scenario
        .steps
        .get_mut("decide")
        .unwrap()
        .choices
        .retain(|c| c.id == "secret");
    let (mut s, _) = Session::new(Arc::new(scenario), 0).unwrap();
    let events = s.choose("rush", 0).unwrap();
    assert!(matches!(events.last(), Some(Event::Stuck { .. })));
    assert!(s.is_finished() && s.ending().is_none());
}

#[test]
fn a_missing_destination_is_refused_before_anything_changes() {
    let mut scenario = (*scenario()).clone();
    scenario.steps.get_mut("start").unwrap().choices[0].next = "nowhere".into();
    let (mut s, _) = Session::new(Arc::new(scenario), 0).unwrap();
    assert_eq!(
        s.choose("breathe", 0),
        Err(ChoiceError::MissingStep {
            step: "nowhere".into()
        })
    );
    assert_eq!(s.history().variables["calm"], 0.0);
}

const PLAYS: &str = r#"Playthroughs(scenario: "test/branches", plays: [
    (name: "calm", actions: [Choose("breathe"), Wait(60), Choose("go")],
     expect: (ending: "good", percent: 100, passed: true, levels: {"calm": "Calm"})),
    (name: "wrong expectation", actions: [Choose("rush"), Choose("go")],
     expect: (ending: "good", percent: 100, passed: true, levels: {"calm": "Calm"}, critical_failures: [], harms: ["x"])),
    (name: "unfinished", actions: [Choose("rush")], expect: (percent: 0, passed: false)),
])"#;

#[test]
fn playthroughs_report_each_mismatch() {
    let plays = parse_plays(PLAYS).value.unwrap();
    let s = scenario();
    let calm = run_play(&s, &plays.plays[0]);
    assert!(calm.passed(), "{:?}", calm.failures);
    let transcript = calm.transcript.unwrap();
    assert_eq!(
        transcript.choices[1].at, 90,
        "Wait(60) after a 30-second action"
    );

    let wrong = run_play(&s, &plays.plays[1]);
    assert_eq!(
        wrong.failures,
        vec![
            "ending: expected `good`, got `bad`".to_string(),
            "percent: expected 100, got 0".into(),
            "passed: expected true, got false".into(),
            "level of `calm`: expected `Calm`, got `none`".into(),
            "harms: expected [\"x\"], got []".into(),
        ]
    );
    let unfinished = run_play(&s, &plays.plays[2]);
    assert_eq!(
        unfinished.failures,
        vec!["the run did not reach an ending (it stopped at `decide`)".to_string()]
    );
}

#[test]
fn playthrough_files_that_do_not_fit_get_diagnostics() {
    let s = scenario();
    let (_, d) = validate_plays(
        &s,
        &PLAYS.replace("scenario: \"test/branches\"", "scenario: \"test/other\""),
    );
    assert_eq!(
        d.iter().map(|d| d.code).collect::<Vec<_>>(),
        vec![Code::PlaysOtherScenario]
    );

    let (_, d) = validate_plays(&s, &PLAYS.replace("Choose(\"go\")]", "Choose(\"secret\")]"));
    assert_eq!(
        d.iter().map(|d| d.code).collect::<Vec<_>>(),
        vec![Code::PlaysBadChoice]
    );
    assert!(
        d[0].message.contains("on offer at `decide`: `go`"),
        "{}",
        d[0].message
    );
    let span = d[0].span.clone().unwrap();
    let bad = PLAYS.replace("Choose(\"go\")]", "Choose(\"secret\")]");
    assert_eq!(&bad[span], "Choose(\"secret\")");

    let (_, d) = validate_plays(
        &s,
        &PLAYS.replacen("{\"calm\": \"Calm\"}", "{\"clam\": \"Calm\"}", 1),
    );
    assert_eq!(
        d.iter().map(|d| d.code).collect::<Vec<_>>(),
        vec![Code::PlaysUnknownExpectation]
    );

    let (_, d) = validate_plays(&s, &PLAYS.replace("Wait(60)", "Pause(60)"));
    assert_eq!(
        d.iter().map(|d| d.code).collect::<Vec<_>>(),
        vec![Code::UnknownVariant]
    );
}

#[test]
fn a_step_no_playthrough_reaches_is_a_warning() {
    let s = scenario();
    // Only the calm playthrough: the step the rushed runs reach goes untested.
    let first_only = r#"Playthroughs(scenario: "test/branches", plays: [
        (name: "calm", actions: [Choose("breathe"), Wait(60), Choose("go")],
         expect: (ending: "good", percent: 100, passed: true)),
    ])"#;
    let (_, d) = validate_plays(&s, first_only);
    let untested: Vec<_> = d
        .iter()
        .filter(|d| d.code == Code::PlaysLeaveStepUntested)
        .collect();
    assert_eq!(untested.len(), 1, "{d:#?}");
    assert!(!untested[0].is_error());
    assert!(untested[0].message.contains("no playthrough reaches"));
    assert!(
        untested[0].message.contains("`bad`"),
        "{}",
        untested[0].message
    );
    // The rushed runs reach `bad`; only `meh` is left.
    let (_, d) = validate_plays(&s, PLAYS);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0].message.ends_with("steps: `meh`"), "{}", d[0].message);
}
