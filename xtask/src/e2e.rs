//! The browser tests and the startup benchmark, in Debian's Chromium driven by
//! playwright-core (which never downloads a browser of its own).

use std::path::Path;
use std::process::Command;

use crate::{package, root, run, serve, web};

pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Installs Debian's chromium if it is missing (CI runs as root).
fn ensure_chromium() -> Result<(), String> {
    if Path::new(CHROMIUM).exists() {
        return Ok(());
    }
    apt_install("chromium")
}

/// Installs one of Debian's packages (CI runs as root; nothing else may be
/// downloaded, so the tests' browser and database come from Debian).
pub fn apt_install(package: &str) -> Result<(), String> {
    run(
        "apt-get update",
        Command::new("apt-get").args(["update", "-qq"]),
    )?;
    run(
        &format!("install Debian's {package}"),
        Command::new("apt-get")
            .args(["install", "-y", "-qq", package])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// Installs the test's npm packages from the lock file.
fn ensure_npm_packages() -> Result<(), String> {
    let dir = root().join("web/e2e");
    if dir.join("node_modules/playwright-core").exists() {
        return Ok(());
    }
    run(
        "npm packages for the browser tests",
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir),
    )
}

/// Runs the browser tests: every file in web/e2e/tests, or only those named.
pub fn run_browser_tests(site: &Path, only: &[String]) -> Result<(), String> {
    ensure_chromium()?;
    ensure_npm_packages()?;
    // The server-launch test runs the FirstShift server over the built player:
    // the binary `cargo test --workspace` builds for the server's own tests. Asked
    // for the same way, with the same features, so after `test`'s own step it is
    // already there (a `cargo build` would unify features differently and
    // rebuild half the dependencies: 172 s in CI).
    run(
        "build the FirstShift server",
        crate::cargo().args(["test", "--workspace", "--no-run"]),
    )?;
    let addr = serve::spawn(site.to_path_buf(), 0)?;
    let dir = root().join("web/e2e/tests");
    let targets: Vec<std::path::PathBuf> = if only.is_empty() {
        vec![dir]
    } else {
        only.iter().map(|t| dir.join(t)).collect()
    };
    run(
        "browser tests (headless Chromium)",
        Command::new("node")
            .args(["--test", "--test-concurrency=1"])
            .args(&targets)
            .env("FIRSTSHIFT_URL", format!("http://{addr}/"))
            .env("CHROMIUM", CHROMIUM)
            .env("FIRSTSHIFT_ROOT", root())
            .env("FIRSTSHIFT_SITE", site)
            .env(
                "FIRSTSHIFT_SERVER_BIN",
                root().join("target/debug/firstshift-server"),
            )
            .env(
                "FIRSTSHIFT_CMI5_SITE",
                package::unpacked(package::Format::Cmi5),
            ),
    )
}

pub fn bench_web() -> Result<(), String> {
    let site = web::build()?;
    ensure_chromium()?;
    ensure_npm_packages()?;
    let addr = serve::spawn(site.clone(), 0)?;
    let plain = serve::spawn_with(site.clone(), 0, serve::Compression::None)?;
    run(
        "startup benchmark",
        Command::new("node")
            .arg(root().join("web/e2e/bench.mjs"))
            .env("FIRSTSHIFT_URL", format!("http://{addr}/"))
            .env("FIRSTSHIFT_PLAIN_URL", format!("http://{plain}/"))
            .env("CHROMIUM", CHROMIUM)
            .env("FIRSTSHIFT_SITE", &site),
    )
}
