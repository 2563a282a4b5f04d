//! `cargo xtask fuzz [--minutes N] [--cases N]`: the property tests with fresh random
//! seeds, round after round, until the time is up. CI runs the same properties from
//! a fixed seed (`firstshift-testkit`); this is the long exploration a developer or
//! a nightly job runs. A failure is saved by proptest beside its test in
//! `<test>.proptest-regressions`: commit that file with the fix, and CI replays the
//! case on every run from then on.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{cargo, root};

/// The test files that hold property tests, by package.
const PROPERTIES: &[(&str, &str)] = &[
    ("firstshift-scenario", "robustness"),
    ("firstshift-patient", "bounds"),
    ("firstshift-line", "decisions"),
    ("firstshift-business", "ledger"),
];

/// A round that runs longer than this is a hang: it is stopped and reported.
const ROUND_LIMIT: Duration = Duration::from_secs(30 * 60);

fn test_command() -> Command {
    let mut cmd = cargo();
    cmd.args(["test", "--release"]);
    for (package, test) in PROPERTIES {
        cmd.args(["-p", package, "--test", test]);
    }
    cmd
}

pub fn fuzz(minutes: u64, cases: u32) -> Result<(), String> {
    let dir = root().join("target/fuzz");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    crate::run(
        "build the property tests (release)",
        test_command().arg("--no-run"),
    )?;
    let log = dir.join("properties.log");
    let _ = std::fs::remove_file(&log);
    let started = Instant::now();
    let deadline = started + Duration::from_secs(minutes * 60);
    let (mut rounds, mut failures) = (0u32, Vec::new());
    while Instant::now() < deadline {
        rounds += 1;
        let output = dir.join(format!("round-{rounds}.txt"));
        let file = std::fs::File::create(&output).map_err(|e| e.to_string())?;
        let err = file.try_clone().map_err(|e| e.to_string())?;
        let mut child = test_command()
            .env(firstshift_testkit::FUZZ_ENV, "1")
            .env(firstshift_testkit::FUZZ_CASES_ENV, cases.to_string())
            .env(firstshift_testkit::FUZZ_LOG_ENV, &log)
            .stdout(Stdio::from(file))
            .stderr(Stdio::from(err))
            .spawn()
            .map_err(|e| format!("could not start cargo test: {e}"))?;
        let round_started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
                break Some(status);
            }
            if round_started.elapsed() > ROUND_LIMIT {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(500));
        };
        match status {
            Some(s) if s.success() => {
                let _ = std::fs::remove_file(&output);
            }
            Some(_) => {
                let text = std::fs::read_to_string(&output).unwrap_or_default();
                let failed: Vec<&str> = text
                    .lines()
                    .filter(|l| l.starts_with("test ") && l.ends_with("FAILED"))
                    .collect();
                eprintln!(
                    "xtask: round {rounds}: {} failed; output kept in {}",
                    if failed.is_empty() {
                        "the build or a test".to_string()
                    } else {
                        failed.join(", ")
                    },
                    output.display()
                );
                failures.push(format!("round {rounds}: {}", output.display()));
            }
            None => {
                eprintln!(
                    "xtask: round {rounds} ran longer than {} minutes (a hang?); output kept in {}",
                    ROUND_LIMIT.as_secs() / 60,
                    output.display()
                );
                failures.push(format!("round {rounds}: hang, {}", output.display()));
            }
        }
    }
    let (properties, tried) = count(&log);
    eprintln!(
        "xtask: fuzz: {:.1} minutes, {rounds} rounds, {properties} property runs, {tried} cases tried, {} failures",
        started.elapsed().as_secs_f64() / 60.0,
        failures.len()
    );
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} failing rounds:\n  {}\nproptest saved each failing case beside its test (*.proptest-regressions): fix it and commit that file",
            failures.len(),
            failures.join("\n  ")
        ))
    }
}

/// Property runs and cases from the log each property appends to as it starts
/// (`<test name> <cases>`): a property that fails stops early, so this counts the
/// cases asked for.
fn count(log: &Path) -> (u64, u64) {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    text.lines()
        .filter_map(|l| l.rsplit_once(' ')?.1.parse::<u64>().ok())
        .fold((0, 0), |(runs, cases), n| (runs + 1, cases + n))
}
