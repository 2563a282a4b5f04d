//! The server as processes: two share one database with no state of their own, and
//! one killed with `kill -9` in the middle of a load loses no choice it
//! acknowledged; every run then goes on and scores as it does natively.

mod support;

use firstshift_rubric::score_session;
use support::{Client, Postgres, ServerProcess, library, play_natively, report, sqlite_url};

const SCENARIO: &str = "healthcare/night-shift-opioid";

/// Two processes on one database, each choice of each run sent to the other one
/// than the last: every run ends with the score it has natively.
async fn two_processes_share_one_database(database: &str) {
    let a = ServerProcess::start(database);
    let b = ServerProcess::start(database);
    let client = Client::new(&a.base);
    let scenario = library().get(SCENARIO).unwrap().clone();
    for _ in 0..3 {
        let run = client.start(SCENARIO).await;
        let (choices, session) = play_natively(&scenario, run.seed);
        let mut last = serde_json::Value::Null;
        for (position, choice) in choices.iter().enumerate() {
            let server = if position % 2 == 0 { &b.base } else { &a.base };
            let (status, body) = client.to(server).choose(&run, position, choice).await;
            assert_eq!(status, 200, "#{position}: {body}");
            last = body;
        }
        assert_eq!(report(&last), score_session(&session));
        // Both see the same run.
        assert_eq!(
            client.to(&a.base).state(&run).await,
            client.to(&b.base).state(&run).await
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_one_sqlite_file() {
    let (url, dir) = sqlite_url("two-processes");
    two_processes_share_one_database(&url).await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_one_postgres_database() {
    let pg = Postgres::start("two-processes");
    two_processes_share_one_database(&pg.url()).await;
}

/// Twelve students post their choices at once; the server is killed once some
/// have been acknowledged. After a restart each run holds at least every choice
/// the server acknowledged, in order and unchanged; the students send the rest
/// (as the player's queue does) and every run scores as it does natively.
async fn a_killed_server_loses_no_acknowledged_choice(database: &str) {
    let scenario = library().get(SCENARIO).unwrap().clone();
    let server = ServerProcess::start(database);
    let client = Client::new(&server.base);
    let mut students = Vec::new();
    for _ in 0..12 {
        let run = client.start(SCENARIO).await;
        let (choices, session) = play_natively(&scenario, run.seed);
        students.push((run, choices, session));
    }
    let acknowledged = std::sync::Arc::new(std::sync::Mutex::new(vec![0usize; students.len()]));
    let mut posting = Vec::new();
    for (i, (run, choices, _)) in students.iter().enumerate() {
        let (client, run, choices, acknowledged) = (
            client.clone(),
            run.clone(),
            choices.clone(),
            acknowledged.clone(),
        );
        posting.push(tokio::spawn(async move {
            for (position, choice) in choices.iter().enumerate() {
                let request = reqwest::Client::new()
                    .post(format!("{}/api/runs/{}/choices", client.base, run.id))
                    .bearer_auth(&run.token)
                    .json(&serde_json::json!({
                        "position": position, "step": choice.step, "choice": choice.choice, "at": choice.at,
                    }));
                match request.send().await {
                    Ok(response) if response.status() == 200 => {
                        acknowledged.lock().unwrap()[i] = position + 1;
                    }
                    _ => return, // the server is gone
                }
            }
        }));
    }
    // Kill it once a good share of the load is acknowledged, mid-stream.
    let total: usize = students.iter().map(|(_, c, _)| c.len()).sum();
    loop {
        let done: usize = acknowledged.lock().unwrap().iter().sum();
        if done >= total / 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    server.kill();
    for task in posting {
        task.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    eprintln!(
        "killed with {} of {total} choices acknowledged",
        acknowledged.iter().sum::<usize>()
    );
    assert!(
        acknowledged.iter().sum::<usize>() < total,
        "the server finished before it was killed"
    );

    let server = ServerProcess::start(database);
    let client = client.to(&server.base);
    for ((run, choices, session), acked) in students.iter().zip(acknowledged) {
        let (status, state) = client.state(run).await;
        assert_eq!(status, 200, "{state}");
        let kept: Vec<support::Posted> = state["transcript"]["choices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| support::Posted {
                step: c["step"].as_str().unwrap().into(),
                choice: c["choice"].as_str().unwrap().into(),
                at: c["at"].as_u64().unwrap(),
            })
            .collect();
        assert!(
            kept.len() >= acked,
            "{} kept of {acked} acknowledged",
            kept.len()
        );
        assert_eq!(kept[..], choices[..kept.len()]);
        let mut last = serde_json::Value::Null;
        for (position, choice) in choices.iter().enumerate().skip(kept.len()) {
            let (status, body) = client.choose(run, position, choice).await;
            assert_eq!(status, 200, "#{position}: {body}");
            last = body;
        }
        if kept.len() == choices.len() {
            last = state;
        }
        assert_eq!(report(&last), score_session(session));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_server_loses_no_acknowledged_choice_on_sqlite() {
    let (url, dir) = sqlite_url("killed");
    a_killed_server_loses_no_acknowledged_choice(&url).await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_server_loses_no_acknowledged_choice_on_postgres() {
    let pg = Postgres::start("killed");
    a_killed_server_loses_no_acknowledged_choice(&pg.url()).await;
}
