//! The server's chores: installing Debian's PostgreSQL, whose binaries the server's
//! tests start throwaway clusters with (`firstshift_testkit::postgres`; nothing is
//! started here and no service is enabled), and `bench-server`.

use std::path::Path;

use crate::run;

/// Installs Debian's postgresql if it is missing (CI runs as root).
pub fn ensure_postgresql() -> Result<(), String> {
    if Path::new(firstshift_testkit::postgres::PG_BIN)
        .join("initdb")
        .exists()
    {
        return Ok(());
    }
    crate::e2e::apt_install("postgresql")
}

/// The scenarios the benchmark plays: a branching one (the replay is cheap) and
/// a patient one (every replay steps the physiology through the whole run).
const BENCH_SCENARIOS: [&str; 2] = [
    "hospitality/front-desk-overbooked",
    "healthcare/emt-anaphylaxis",
];

/// `cargo xtask bench-server`: simulated students on loopback posting their
/// choices to a release build of the server, on SQLite and on PostgreSQL, all at
/// once. Writes `target/bench-server.md`: choices per second, p50 / p99 latency,
/// errors. Goal (issue 18): ≥ 2,000 choices/s with p99 ≤ 50 ms, 500 students.
pub fn bench_server(students: usize) -> Result<(), String> {
    run(
        "build the server (release)",
        crate::cargo().args(["build", "--release", "-p", "firstshift-server"]),
    )?;
    ensure_postgresql()?;
    let binary = crate::root().join("target/release/firstshift-server");
    let loaded = firstshift_scenario_library()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let mut rows = Vec::new();
    for backend in ["SQLite", "PostgreSQL"] {
        for scenario in BENCH_SCENARIOS {
            let temp =
                std::env::temp_dir().join(format!("firstshift-bench-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&temp);
            std::fs::create_dir_all(&temp).map_err(|e| e.to_string())?;
            let cluster = (backend == "PostgreSQL")
                .then(|| firstshift_testkit::postgres::Cluster::start("bench"));
            let database = match &cluster {
                Some(cluster) => cluster.url(),
                None => format!("sqlite://{}/bench.db", temp.display()),
            };
            let server = bench::Server::start(&binary, &database)?;
            let scenario_arc = loaded
                .get(scenario)
                .ok_or_else(|| format!("no scenario {scenario}"))?
                .clone();
            let measured = runtime.block_on(bench::load(&server.base, scenario_arc, students))?;
            eprintln!("xtask: {backend}, {scenario}: {measured}");
            rows.push((backend, scenario, measured));
            drop(server);
            drop(cluster);
            let _ = std::fs::remove_dir_all(&temp);
        }
    }
    let mut report = format!(
        "# bench-server\n\n{students} students at once on loopback, each posting every choice of one run as soon as the last was acknowledged, against a release build of the server on this machine ({} cores; the students share them).\n\n| database | scenario | choices | seconds | choices/s | p50 ms | p99 ms | max ms | errors |\n|---|---|---|---|---|---|---|---|---|\n",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    for (backend, scenario, m) in &rows {
        report.push_str(&format!(
            "| {backend} | {scenario} | {} | {:.2} | {:.0} | {:.1} | {:.1} | {:.1} | {} |\n",
            m.choices,
            m.seconds,
            m.per_second(),
            m.p50_ms,
            m.p99_ms,
            m.max_ms,
            m.errors
        ));
    }
    let path = crate::root().join("target/bench-server.md");
    std::fs::write(&path, &report).map_err(|e| e.to_string())?;
    println!("{report}");
    eprintln!("xtask: wrote {}", path.display());
    Ok(())
}

fn firstshift_scenario_library()
-> Result<std::collections::BTreeMap<String, std::sync::Arc<firstshift_sims::Scenario>>, String> {
    let mut out = std::collections::BTreeMap::new();
    for id in BENCH_SCENARIOS {
        let path = crate::root().join("scenarios").join(format!("{id}.ron"));
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let loaded = firstshift_scenario::load_scenario::<firstshift_sims::Sims>(&text);
        let scenario = loaded
            .scenario
            .ok_or_else(|| format!("{} has errors", path.display()))?;
        out.insert(id.to_string(), scenario);
    }
    Ok(out)
}

mod bench {
    use std::io::{BufRead, BufReader};
    use std::path::Path;
    use std::process::{Child, Command, Stdio};
    use std::sync::Arc;
    use std::time::Instant;

    use firstshift_sims::{Scenario, Session};
    use serde_json::{Value, json};

    /// A server process, killed when dropped.
    #[derive(Debug)]
    pub struct Server {
        child: Child,
        pub base: String,
    }

    impl Server {
        pub fn start(binary: &Path, database: &str) -> Result<Server, String> {
            let mut child = Command::new(binary)
                .args(["--database", database, "--listen", "127.0.0.1:0", "--open"])
                .arg("--scenarios")
                .arg(crate::root().join("scenarios"))
                .stderr(Stdio::piped())
                .spawn()
                .map_err(|e| format!("cannot start the server: {e}"))?;
            let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
            let base = loop {
                let Some(Ok(line)) = lines.next() else {
                    return Err("the server stopped before it listened".into());
                };
                if let Some(rest) = line.strip_prefix("firstshift-server: listening on ") {
                    break rest.split(' ').next().unwrap_or_default().to_string();
                }
            };
            std::thread::spawn(move || for _ in lines {});
            Ok(Server { child, base })
        }
    }

    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    #[derive(Debug, Default)]
    pub struct Measured {
        pub choices: usize,
        pub seconds: f64,
        pub p50_ms: f64,
        pub p99_ms: f64,
        pub max_ms: f64,
        pub errors: usize,
    }

    impl Measured {
        pub fn per_second(&self) -> f64 {
            self.choices as f64 / self.seconds.max(1e-9)
        }
    }

    impl std::fmt::Display for Measured {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(
                f,
                "{} choices in {:.2} s = {:.0}/s, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {} errors",
                self.choices,
                self.seconds,
                self.per_second(),
                self.p50_ms,
                self.p99_ms,
                self.max_ms,
                self.errors
            )
        }
    }

    /// Starts `students` runs, plays each natively from the seed the server drew
    /// (a fixed rule per step, as the server's tests do), then posts every
    /// student's choices at once, each after the last was acknowledged.
    pub async fn load(
        base: &str,
        scenario: Arc<Scenario>,
        students: usize,
    ) -> Result<Measured, String> {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(students)
            .build()
            .map_err(|e| e.to_string())?;
        let mut plans = Vec::new();
        for _ in 0..students {
            let started: Value = client
                .post(format!("{base}/api/runs"))
                .json(&json!({ "scenario": scenario.id }))
                .send()
                .await
                .map_err(|e| e.to_string())?
                .json()
                .await
                .map_err(|e| e.to_string())?;
            let seed = started["seed"].as_u64().ok_or("no seed in the answer")?;
            let (mut session, _) =
                Session::new(scenario.clone(), seed).map_err(|e| e.to_string())?;
            let mut choices = Vec::new();
            while !session.is_finished() && choices.len() < 80 {
                let offered = session.offered();
                let Some(pick) = offered.get((choices.len() * 7 + 3) % offered.len().max(1)) else {
                    break;
                };
                let body = json!({
                    "position": choices.len(), "step": session.step_id(),
                    "choice": pick.id, "at": session.clock() + 5,
                });
                let id = pick.id.clone();
                session
                    .choose(&id, session.clock() + 5)
                    .map_err(|e| e.to_string())?;
                choices.push(body);
            }
            plans.push((
                started["id"].as_str().unwrap_or_default().to_string(),
                started["token"].as_str().unwrap_or_default().to_string(),
                choices,
            ));
        }
        let began = Instant::now();
        let mut tasks = Vec::new();
        for (id, token, choices) in plans {
            let (client, url) = (client.clone(), format!("{base}/api/runs/{id}/choices"));
            tasks.push(tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0;
                for body in choices {
                    let sent = Instant::now();
                    let ok = matches!(
                        client.post(&url).bearer_auth(&token).json(&body).send().await,
                        Ok(r) if r.status() == 200
                    );
                    latencies.push(sent.elapsed().as_secs_f64() * 1000.0);
                    if !ok {
                        errors += 1;
                    }
                }
                (latencies, errors)
            }));
        }
        let mut latencies = Vec::new();
        let mut errors = 0;
        for task in tasks {
            let (l, e) = task.await.map_err(|e| e.to_string())?;
            latencies.extend(l);
            errors += e;
        }
        let seconds = began.elapsed().as_secs_f64();
        latencies.sort_by(f64::total_cmp);
        let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q).round() as usize];
        Ok(Measured {
            choices: latencies.len(),
            seconds,
            p50_ms: at(0.5),
            p99_ms: at(0.99),
            max_ms: at(1.0),
            errors,
        })
    }
}
