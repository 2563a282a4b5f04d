//! A throwaway PostgreSQL cluster for tests and benchmarks: Debian's `postgresql`
//! binaries, a data folder in the temporary folder, a free loopback port, no
//! password (`trust`, loopback only), stopped and removed when dropped. As root the
//! cluster runs as the package's `postgres` user, since PostgreSQL refuses root.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A throwaway PostgreSQL cluster on a free loopback port, stopped and removed when
/// dropped. Debian's `postgresql` package provides it (`cargo xtask test`
/// installs it); as root, the cluster runs as the package's `postgres` user.
#[derive(Debug)]
pub struct Cluster {
    dir: PathBuf,
    port: u16,
}

pub const PG_BIN: &str = "/usr/lib/postgresql/15/bin";

impl Cluster {
    pub fn start(name: &str) -> Cluster {
        assert!(
            Path::new(PG_BIN).join("initdb").exists(),
            "PostgreSQL 15 is not installed: `apt-get install postgresql` (cargo xtask test does it)"
        );
        let dir = std::env::temp_dir().join(format!("firstshift-pg-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let as_root = Command::new("id")
            .arg("-u")
            .output()
            .map(|o| o.stdout.trim_ascii() == b"0")
            .unwrap_or(false);
        if as_root {
            assert!(
                Command::new("chown")
                    .args(["postgres:postgres"])
                    .arg(&dir)
                    .status()
                    .unwrap()
                    .success()
            );
        }
        let port = free_port();
        let pg = Cluster { dir, port };
        let data = pg.dir.join("data");
        pg.run(
            as_root,
            &[
                &format!("{PG_BIN}/initdb"),
                "-D",
                data.to_str().unwrap(),
                "-U",
                "firstshift",
                "-A",
                "trust",
                "--no-sync",
            ],
        );
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            pg.dir.display()
        );
        pg.run(
            as_root,
            &[
                &format!("{PG_BIN}/pg_ctl"),
                "-D",
                data.to_str().unwrap(),
                "-o",
                &options,
                "-l",
                pg.dir.join("log").to_str().unwrap(),
                "-w",
                "start",
            ],
        );
        pg
    }

    fn run(&self, as_root: bool, args: &[&str]) {
        let mut command = if as_root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]);
            c
        } else {
            Command::new(args[0])
        };
        if as_root {
            command.args(args);
        } else {
            command.args(&args[1..]);
        }
        let out = command.output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub fn url(&self) -> String {
        format!("postgres://firstshift@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let pg_ctl = format!("{PG_BIN}/pg_ctl");
        let args = ["-D", data.to_str().unwrap(), "-m", "immediate", "stop"];
        let stopped = Command::new("runuser")
            .args(["-u", "postgres", "--", &pg_ctl])
            .args(args)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        if !stopped {
            let _ = Command::new(&pg_ctl).args(args).output();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
