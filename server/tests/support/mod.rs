//! What the server's tests share: the scenario library, a server in this process
//! or as its own process, a throwaway PostgreSQL cluster, a client, and a student
//! played natively to compare the server with.
#![allow(dead_code)] // each test file uses its own part

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

#[allow(unused_imports)] // the files that use no database
pub use firstshift_testkit::postgres::Cluster as Postgres;
use std::sync::{Arc, OnceLock};

use firstshift_rubric::ScoreReport;
use firstshift_scenario::load_scenario;
use firstshift_server::{AppState, Library, Runs, Store, router};
use firstshift_sims::{Scenario, Session};
use serde_json::{Value, json};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The built-in scenarios and `test_data/timed.ron`, loaded once per test binary.
pub fn library() -> Arc<Library> {
    static LIBRARY: OnceLock<Arc<Library>> = OnceLock::new();
    LIBRARY
        .get_or_init(|| {
            let mut loaded = Library::load(&repo().join("scenarios")).unwrap();
            assert!(loaded.left_out.is_empty(), "{:?}", loaded.left_out);
            loaded.library.add(timed_scenario());
            Arc::new(loaded.library)
        })
        .clone()
}

pub fn timed_scenario() -> Arc<Scenario> {
    let text = include_str!("../test_data/timed.ron");
    let loaded = load_scenario::<firstshift_sims::Sims>(text);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    loaded.scenario.unwrap()
}

/// A fresh SQLite file in the temporary folder.
pub fn sqlite_url(name: &str) -> (String, PathBuf) {
    let dir = std::env::temp_dir().join(format!("firstshift-server-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    (format!("sqlite://{}/runs.db", dir.display()), dir)
}

/// Serves the API in this process on a free loopback port; answers its address.
pub async fn serve_here(database: &str, open: bool) -> String {
    let store = Store::open(database).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = router(AppState {
        runs: Runs::new(store, library()),
        open,
        public_url: format!("http://{address}"),
        keys: Default::default(),
        site: None,
    });
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

/// The server binary, as its own process (so a test can kill it).
#[derive(Debug)]
pub struct ServerProcess {
    child: Child,
    pub base: String,
}

impl ServerProcess {
    pub fn start(database: &str) -> ServerProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_firstshift-server"))
            .args(["--database", database, "--listen", "127.0.0.1:0", "--open"])
            .arg("--scenarios")
            .arg(repo().join("scenarios"))
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        let base = loop {
            let line = lines
                .next()
                .expect("the server stopped before it listened")
                .unwrap();
            if let Some(rest) = line.strip_prefix("firstshift-server: listening on ") {
                break rest.split(' ').next().unwrap().to_string();
            }
        };
        // Keep reading its log so the pipe never fills.
        std::thread::spawn(move || for _ in lines {});
        ServerProcess { child, base }
    }

    /// `kill -9`: no chance to flush or say goodbye.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A client of the run API.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    pub base: String,
}

/// A run as `POST /api/runs` answered it.
#[derive(Debug, Clone)]
pub struct Run {
    pub id: String,
    pub token: String,
    pub seed: u64,
}

impl Client {
    pub fn new(base: &str) -> Client {
        Client {
            http: reqwest::Client::new(),
            base: base.to_string(),
        }
    }

    pub fn to(&self, base: &str) -> Client {
        Client {
            http: self.http.clone(),
            base: base.to_string(),
        }
    }

    pub async fn start(&self, scenario: &str) -> Run {
        let (status, body) = self
            .send(
                self.http
                    .post(format!("{}/api/runs", self.base))
                    .json(&json!({ "scenario": scenario })),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        Run {
            id: body["id"].as_str().unwrap().to_string(),
            token: body["token"].as_str().unwrap().to_string(),
            seed: body["seed"].as_u64().unwrap(),
        }
    }

    pub async fn choose(&self, run: &Run, position: usize, choice: &Posted) -> (u16, Value) {
        self.send(
            self.http
                .post(format!("{}/api/runs/{}/choices", self.base, run.id))
                .bearer_auth(&run.token)
                .json(&json!({
                    "position": position,
                    "step": choice.step,
                    "choice": choice.choice,
                    "at": choice.at,
                })),
        )
        .await
    }

    pub async fn clock(&self, run: &Run, at: u64) -> (u16, Value) {
        self.send(
            self.http
                .post(format!("{}/api/runs/{}/clock", self.base, run.id))
                .bearer_auth(&run.token)
                .json(&json!({ "at": at })),
        )
        .await
    }

    pub async fn state(&self, run: &Run) -> (u16, Value) {
        self.send(
            self.http
                .get(format!("{}/api/runs/{}", self.base, run.id))
                .bearer_auth(&run.token),
        )
        .await
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> (u16, Value) {
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

/// One choice of a student's run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub step: String,
    pub choice: String,
    pub at: u64,
}

/// A student played natively: each step's choice picked by a fixed rule that
/// varies with the step, made a few simulated seconds after the clock.
pub fn play_natively(scenario: &Arc<Scenario>, seed: u64) -> (Vec<Posted>, Session) {
    let (mut session, _) = Session::new(scenario.clone(), seed).unwrap();
    let mut choices = Vec::new();
    while !session.is_finished() && choices.len() < 80 {
        let offered = session.offered();
        if offered.is_empty() {
            break;
        }
        let pick = offered[(choices.len() * 7 + 3) % offered.len()].id.clone();
        let posted = Posted {
            step: session.step_id().to_string(),
            choice: pick,
            at: session.clock() + 5,
        };
        session.choose(&posted.choice, posted.at).unwrap();
        choices.push(posted);
    }
    (choices, session)
}

/// The score report as the server sent it, read back.
pub fn report(body: &Value) -> ScoreReport {
    serde_json::from_value(body["result"]["report"].clone()).unwrap()
}
