//! A student in the browser gets a random seed, so the luck of a simulation (a
//! breakdown, a slow part, a little physiological noise) differs from run to run.
//! The rubric must judge the decisions, not the luck: every playthrough of every
//! built-in scenario must pass or fail as it says, whatever the seed. (Where it ends
//! may differ: a lucky line can just make its order, an unlucky one just miss it.)

mod common;

use firstshift_rubric::score_session;
use firstshift_scenario::plays::{parse_plays, perform};

/// Seeds tried per playthrough, besides the one the file names.
const SEEDS: u64 = 40;

#[test]
fn every_playthrough_reaches_its_verdict_whatever_the_seed() {
    let mut checked = 0;
    let mut problems = Vec::new();
    for (path, _, scenario) in common::builtin() {
        let plays_path = path.with_extension("plays.ron");
        let Ok(text) = std::fs::read_to_string(&plays_path) else {
            continue;
        };
        let plays = parse_plays(&text).value.expect("playthroughs parse");
        for play in &plays.plays {
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
                let report = score_session(&session);
                checked += 1;
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
            }
        }
    }
    assert!(checked > 0);
    assert!(
        problems.is_empty(),
        "{} of {checked} runs:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
