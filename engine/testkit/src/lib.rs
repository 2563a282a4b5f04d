//! How FirstShift's property tests pick their cases.
//!
//! In `cargo test` and CI every property runs a fixed number of cases from a fixed
//! seed, so a run that passes today passes tomorrow: a lucky seed can never block a
//! landing. Cases that once failed are kept beside each test file in
//! `<test>.proptest-regressions` (checked in) and are replayed first on every run.
//!
//! `cargo xtask fuzz` sets [`FUZZ_ENV`]: then each property draws a fresh random seed
//! and runs [`FUZZ_CASES_ENV`] cases, and a failure is written to the regressions file
//! for a developer to commit with its fix.

pub mod postgres;

use std::io::Write;

use proptest::test_runner::{Config, FileFailurePersistence, RngSeed};

/// Set (to anything) by `cargo xtask fuzz`: explore with random seeds.
pub const FUZZ_ENV: &str = "FIRSTSHIFT_FUZZ";
/// With [`FUZZ_ENV`]: how many cases each property runs (default 10 000).
pub const FUZZ_CASES_ENV: &str = "FIRSTSHIFT_FUZZ_CASES";
/// With [`FUZZ_ENV`]: a file to which each property appends a line when it starts, so
/// the fuzz driver can count the cases it tried.
pub const FUZZ_LOG_ENV: &str = "FIRSTSHIFT_FUZZ_LOG";

/// The seed every property uses in CI. Changing it changes which cases CI tries; do
/// it only together with a full `cargo xtask fuzz` run.
pub const CI_SEED: u64 = 0x4649_5253_5453_4846; // "FIRSTSHF"

/// Whether this process is a fuzz run.
pub fn fuzzing() -> bool {
    std::env::var_os(FUZZ_ENV).is_some()
}

/// The config for a property that runs `ci_cases` cases in CI.
pub fn config(ci_cases: u32) -> Config {
    // Regressions live beside the test source and are checked in.
    let persistence = Some(Box::new(FileFailurePersistence::SourceParallel(
        "proptest-regressions",
    )) as Box<_>);
    if !fuzzing() {
        return Config {
            cases: ci_cases,
            rng_seed: RngSeed::Fixed(CI_SEED),
            failure_persistence: persistence,
            ..Config::default()
        };
    }
    let cases = std::env::var(FUZZ_CASES_ENV)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    if let Some(log) = std::env::var_os(FUZZ_LOG_ENV)
        && let Ok(mut file) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
    {
        // The test harness names each test's thread after the test. One write of
        // the whole line: tests run on several threads, and `writeln!` may write a
        // line in pieces that another thread's line would split.
        let name = std::thread::current().name().unwrap_or("?").to_string();
        let _ = file.write_all(format!("{name} {cases}\n").as_bytes());
    }
    Config {
        cases,
        rng_seed: RngSeed::Random,
        failure_persistence: persistence,
        ..Config::default()
    }
}

/// The text of every `.rs` file under a crate's `src/` (`env!("CARGO_MANIFEST_DIR")`),
/// for tests that read the source, such as a model's phrasebook check
/// (`firstshift_core::Phrasebook::check`).
pub fn rust_sources(manifest_dir: &str) -> Vec<String> {
    let mut texts = Vec::new();
    let mut dirs = vec![std::path::Path::new(manifest_dir).join("src")];
    while let Some(dir) = dirs.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                texts.push(std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ci_runs_are_seeded() {
        // The test binary never has FIRSTSHIFT_FUZZ set by `cargo xtask test`.
        if !fuzzing() {
            let c = config(7);
            assert_eq!(c.cases, 7);
            assert_eq!(c.rng_seed, RngSeed::Fixed(CI_SEED));
        }
    }
}
