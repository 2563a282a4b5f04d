//! What the server's tests need on the machine: Debian's PostgreSQL, whose
//! binaries the tests use to start throwaway clusters of their own on loopback
//! (`server/tests/support`). Nothing is started here and no service is enabled.

use std::path::Path;
use std::process::Command;

use crate::run;

/// Where Debian's `postgresql` (15) puts `initdb` and `pg_ctl`.
pub const POSTGRES_BIN: &str = "/usr/lib/postgresql/15/bin";

/// Installs Debian's postgresql if it is missing (CI runs as root).
pub fn ensure_postgresql() -> Result<(), String> {
    if Path::new(POSTGRES_BIN).join("initdb").exists() {
        return Ok(());
    }
    run(
        "apt-get update",
        Command::new("apt-get").args(["update", "-qq"]),
    )?;
    run(
        "install Debian's postgresql",
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "postgresql"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}
