//! Interrupts and the time limit: rules that move the story without a choice,
//! checked after every choice and every simulated second, each firing once; the
//! same whether time passes in one wait or many, and again on replay.

use firstshift_sims::Sims;
use std::sync::Arc;

use firstshift_core::{ChoiceError, Event, Rule, Session};
use firstshift_scenario::load_scenario;
use firstshift_sims::Scenario;

/// A loop ("keep waiting") that only the rules end: an alarm that a variable
/// raises, then the time limit at 10 minutes.
const SOURCE: &str = r#"Scenario(
    id: "test/interrupts", title: "Interrupts", career: "Tester", cluster: Education,
    minutes: 5, difficulty: Introductory, summary: "S.", setting: "A classroom.", objectives: ["Test"],
    sim: None, variables: { "noise": 0 }, start: "wait",
    interrupts: [
        (when: Var("noise", AtLeast(3)), next: "alarm"),
    ],
    time_limit: (seconds: 600, next: "bell"),
    steps: {
        "wait": (text: "You wait.", choices: [
            (id: "keep-waiting", label: "Keep waiting", takes_seconds: 90, next: "wait"),
            (id: "shout", label: "Shout", do: [Add("noise", 1)], next: "wait"),
            (id: "leave", label: "Leave", next: "gone"),
        ]),
        "alarm": (text: "The alarm goes off.", choices: [
            (id: "calm-down", label: "Calm down", takes_seconds: 30, next: "wait"),
        ]),
        "bell": (text: "The bell rings.", ending: (title: "Time", outcome: Mixed)),
        "gone": (text: "You left.", ending: (title: "Gone", outcome: Success)),
    },
    rubric: (pass_mark: 50, scores: [(id: "s", title: "S")], criteria: [
        (id: "left", title: "Leaves", score: "s", weight: 1,
         levels: [(name: "Left", points: 1, when: Visited("gone"), feedback: "Left.")], otherwise: "Stayed."),
    ]),
)"#;

fn scenario() -> Arc<Scenario> {
    let loaded = load_scenario::<Sims>(SOURCE);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    loaded.scenario.unwrap()
}

fn interrupted(events: &[Event<Sims>]) -> Vec<(Rule, String, u64)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Interrupted { rule, next, at, .. } => Some((*rule, next.clone(), *at)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_time_limit_ends_a_loop_at_its_second_even_in_the_middle_of_an_action() {
    let (mut s, _) = Session::new(scenario(), 0).unwrap();
    let mut all = Vec::new();
    while !s.is_finished() {
        let at = s.clock();
        all.extend(s.choose("keep-waiting", at).unwrap());
    }
    // 90-second waits: the seventh would end at 630, so the bell rings at 600 sharp.
    assert_eq!(
        interrupted(&all),
        [(Rule::TimeLimit, "bell".to_string(), 600)]
    );
    assert_eq!(s.clock(), 600);
    assert_eq!(s.step_id(), "bell");
    assert!(matches!(all.last(), Some(Event::Ended { step, .. }) if step == "bell"));
}

#[test]
fn an_interrupt_fires_after_the_choice_that_makes_it_due_and_only_once() {
    let (mut s, _) = Session::new(scenario(), 0).unwrap();
    s.choose("shout", 0).unwrap();
    s.choose("shout", 0).unwrap();
    let third = s.choose("shout", 0).unwrap();
    assert_eq!(
        interrupted(&third),
        [(Rule::Interrupt(0), "alarm".to_string(), 0)]
    );
    // The choice's own `next` is not entered: the alarm is where the run is.
    assert!(matches!(third.last(), Some(Event::StepEntered { step, .. }) if step == "alarm"));
    assert_eq!(s.step_id(), "alarm");
    s.choose("calm-down", 0).unwrap();
    let again = s.choose("shout", 30).unwrap();
    assert!(
        interrupted(&again).is_empty(),
        "the alarm fired once already"
    );
    assert_eq!(s.fired(), [Rule::Interrupt(0)]);
}

#[test]
fn a_rule_fires_at_the_same_second_however_the_wait_is_split() {
    let (mut whole, _) = Session::new(scenario(), 0).unwrap();
    let events = whole.wait_until(900).unwrap();
    assert_eq!(
        interrupted(&events),
        [(Rule::TimeLimit, "bell".to_string(), 600)]
    );
    let (mut frames, _) = Session::new(scenario(), 0).unwrap();
    let mut t = 0;
    while !frames.is_finished() {
        t += 7;
        frames.wait_until(t).unwrap();
    }
    assert_eq!(frames.clock(), whole.clock());
    assert_eq!(frames.history(), whole.history());
    assert_eq!(frames.fired(), whole.fired());
}

#[test]
fn a_choice_judged_after_time_has_passed_must_be_on_offer_where_the_rules_took_the_run() {
    let (mut s, _) = Session::new(scenario(), 0).unwrap();
    let before = s.clone();
    // By 700 the bell has rung: the run has ended, and nothing changed.
    assert_eq!(s.choose("leave", 700), Err(ChoiceError::Finished));
    assert_eq!(s.clock(), before.clock());
    assert_eq!(s.step_id(), before.step_id());
    // Before it, the choice is made at its time.
    s.choose("leave", 500).unwrap();
    assert_eq!(s.step_id(), "gone");
}

#[test]
fn a_run_with_rules_replays_to_the_same_history_fired_rules_and_score() {
    let scenario = scenario();
    let (mut s, _) = Session::new(Arc::clone(&scenario), 0).unwrap();
    for _ in 0..3 {
        s.choose("shout", s.clock()).unwrap();
    }
    s.choose("calm-down", 40).unwrap();
    s.wait_until(650).unwrap();
    assert!(s.is_finished());
    let (replayed, _) = s.transcript().replay(Arc::clone(&scenario)).unwrap();
    assert_eq!(replayed.history(), s.history());
    assert_eq!(replayed.fired(), s.fired());
    assert_eq!(
        firstshift_rubric::score_session(&replayed),
        firstshift_rubric::score_session(&s)
    );
}

#[test]
fn a_loop_nothing_ends_is_a_warning_until_a_rule_can_end_it() {
    use firstshift_scenario::{Code, Severity};
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/test_data/endless-loop.ron"
    ))
    .unwrap();
    let loaded = load_scenario::<Sims>(&text);
    let found: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity, d.message.clone()))
        .collect();
    assert_eq!(
        found,
        [(
            Code::EndlessLoop,
            Severity::Warning,
            "`wait` leads back to `start`, and nothing ends the loop".to_string()
        )]
    );
    // The primary label is on the `next` that closes the loop.
    let span = loaded.diagnostics[0].span.clone().unwrap();
    assert_eq!(&text[span], "\"start\"");
    assert!(
        loaded.scenario.is_some(),
        "a warning keeps the scenario playable"
    );

    let limited = text.replace(
        "    start: \"start\",",
        "    start: \"start\",\n    time_limit: (seconds: 1800, next: \"done\"),",
    );
    assert!(load_scenario::<Sims>(&limited).diagnostics.is_empty());
}
