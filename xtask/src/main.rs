//! `cargo xtask <chore>`: every project chore in one place, in Rust, so it runs the
//! same on a fresh machine, a teacher's laptop and CI.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "cargo xtask", about = "FirstShift project chores")]
struct Cli {
    #[command(subcommand)]
    command: Chore,
}

#[derive(Debug, Subcommand)]
enum Chore {
    /// Everything CI checks: formatting, lints, all tests, the scenario library.
    Test {
        /// Skip `cargo fmt --check` and clippy (quicker while iterating).
        #[arg(long)]
        quick: bool,
    },
    /// Runs the criterion benchmarks.
    Bench,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Chore::Test { quick } => test(quick),
        Chore::Bench => run("benchmarks", cargo().args(["bench", "--workspace"])),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

/// Runs a step, timing it, and fails with its name if it fails.
fn run(name: &str, cmd: &mut Command) -> Result<(), String> {
    eprintln!("xtask: ── {name} ──");
    let started = Instant::now();
    let status = cmd
        .status()
        .map_err(|e| format!("{name}: could not start: {e}"))?;
    eprintln!(
        "xtask: {name} took {:.1} s",
        started.elapsed().as_secs_f64()
    );
    if status.success() {
        Ok(())
    } else {
        Err(format!("{name} failed ({status})"))
    }
}

fn test(quick: bool) -> Result<(), String> {
    if !quick {
        run(
            "formatting",
            cargo().args(["fmt", "--all", "--", "--check"]),
        )?;
        run(
            "lints",
            cargo().args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
        )?;
    }
    run(
        "unit and integration tests",
        cargo().args(["test", "--workspace"]),
    )?;
    let cli = ["run", "--quiet", "--package", "firstshift-cli", "--"];
    run(
        "validate the scenario library",
        cargo().args(cli).args(["validate", "scenarios"]),
    )?;
    run(
        "run every playthrough",
        cargo().args(cli).args(["test", "scenarios"]),
    )?;
    Ok(())
}
