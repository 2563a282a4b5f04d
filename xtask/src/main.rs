//! `cargo xtask <chore>`: every project chore in one place, in Rust, so it runs the
//! same on a fresh machine, a teacher's laptop and CI.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use clap::{Parser, Subcommand};

mod budget;
mod docs;
mod e2e;
mod fingerprint;
mod fuzz;
mod offline;
mod package;
mod player_words;
mod serve;
mod server;
mod wasm_size;
mod web;

#[derive(Debug, Parser)]
#[command(name = "cargo xtask", about = "FirstShift project chores")]
struct Cli {
    #[command(subcommand)]
    command: Chore,
}

#[derive(Debug, Subcommand)]
enum Chore {
    /// Everything CI checks: formatting, lints, all tests, the scenario library, and
    /// the browser tests in headless Chromium. Installs what is missing.
    Test {
        /// Skip formatting, lints and the browser tests (quicker while iterating).
        #[arg(long)]
        quick: bool,
    },
    /// Builds the player into target/web (wasm-release profile), compresses it and
    /// prints a size report.
    BuildWeb,
    /// Builds the player if needed and serves it on 127.0.0.1, reloading the page
    /// when a file under scenarios/ changes.
    Serve {
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Origins (space-separated) allowed to show the player in a frame, e.g.
        /// "https://moodle.example.edu"; by default only this machine.
        #[arg(long, default_value = serve::LOCAL_FRAME_ANCESTORS)]
        frame_ancestors: String,
    },
    /// Builds the player and runs the browser tests only (all of them, or the named
    /// files in web/e2e/tests, e.g. `cmi5.test.mjs`).
    E2e { tests: Vec<String> },
    /// Measures the player in headless Chromium: wasm and site size, and the time
    /// from navigation to the first clickable choice (median of 5).
    BenchWeb,
    /// Simulated students posting choices to a release build of the server, on
    /// SQLite and PostgreSQL: choices per second and latency (target/bench-server.md).
    BenchServer {
        /// How many students post at once.
        #[arg(long, default_value_t = 500)]
        students: usize,
    },
    /// Runs the criterion benchmarks.
    Bench,
    /// Explores the property tests with random seeds until the time is up (CI runs
    /// them from a fixed seed); prints the cases tried and the failures found.
    Fuzz {
        #[arg(long, default_value_t = 60)]
        minutes: u64,
        /// Cases each property runs per round.
        #[arg(long, default_value_t = 1000)]
        cases: u32,
    },
    /// Writes a package an LMS administrator uploads: the player, the scenarios and
    /// the manifest (SCORM 1.2, SCORM 2004 4th edition, or cmi5).
    Package {
        #[arg(long, value_enum)]
        format: package::Format,
        /// A built-in scenario id; give it more than once for several.
        #[arg(long = "scenario", required = true)]
        scenarios: Vec<String>,
        #[arg(long)]
        out: PathBuf,
        /// cmi5 only: an origin of the LMS's LRS when it is not the origin the
        /// package is served from, e.g. "https://lrs.example.edu"; give it more than
        /// once for several. The player's page may connect only to these.
        #[arg(long = "lrs-origin")]
        lrs_origins: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Chore::Test { quick } => test(quick),
        Chore::BuildWeb => web::build().map(|_| ()),
        Chore::Serve {
            port,
            frame_ancestors,
        } => web::build().and_then(|site| serve::serve_forever(&site, port, &frame_ancestors)),
        Chore::BenchWeb => e2e::bench_web(),
        Chore::BenchServer { students } => server::bench_server(students),
        Chore::E2e { tests } => web::build().and_then(|site| {
            package::smoke_test()?;
            e2e::run_browser_tests(&site, &tests)
        }),
        Chore::Bench => run("benchmarks", cargo().args(["bench", "--workspace"])),
        Chore::Fuzz { minutes, cases } => fuzz::fuzz(minutes, cases),
        Chore::Package {
            format,
            scenarios,
            out,
            lrs_origins,
        } => package::package(format, &scenarios, &out, &lrs_origins),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

/// Runs a step, timing it, and fails with its name if it fails.
pub fn run(name: &str, cmd: &mut Command) -> Result<(), String> {
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
        // A fresh toolchain may lack these; rustup adds them in seconds.
        run(
            "rustfmt and clippy components",
            Command::new("rustup").args(["component", "add", "rustfmt", "clippy"]),
        )?;
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
    // The server's tests start PostgreSQL clusters of their own.
    server::ensure_postgresql()?;
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
    if !quick {
        web::ensure_wasm_target()?;
        run(
            "lints (wasm)",
            cargo().args([
                "clippy",
                "-p",
                "firstshift-web",
                "-p",
                "firstshift-checker",
                "--target",
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ]),
        )?;
        let site = web::build()?;
        budget::check(&site)?;
        // Before the browser tests: the cmi5 test plays the unpacked cmi5 package.
        package::smoke_test()?;
        e2e::run_browser_tests(&site, &[])?;
    }
    Ok(())
}
