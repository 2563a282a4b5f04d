//! The run API end to end over loopback HTTP: a run played through the server
//! scores exactly as it does natively, on SQLite and on PostgreSQL, and every bad
//! request gets a refusal in words.

mod support;

use firstshift_rubric::score_session;
use support::{Client, Posted, Postgres, library, play_natively, report, serve_here, sqlite_url};

/// One scenario of each kind of model, and a plain branching one.
const SCENARIOS: [&str; 4] = [
    "hospitality/front-desk-overbooked",
    "healthcare/emt-anaphylaxis",
    "manufacturing/supervisor-bottleneck",
    "management/food-truck-first-week",
];

/// Plays each scenario through the server, one choice a request, and checks that
/// the server's own score is the one the run gives natively, and that the run the
/// server gives back (to resume on another device) replays to the same place.
async fn every_choice_through_the_server(base: &str) {
    let client = Client::new(base);
    for id in SCENARIOS {
        let scenario = library().get(id).unwrap().clone();
        let run = client.start(id).await;
        let (choices, session) = play_natively(&scenario, run.seed);
        assert!(
            session.is_finished(),
            "{id}: the fixed player never finished"
        );
        let mut last = serde_json::Value::Null;
        for (position, choice) in choices.iter().enumerate() {
            let (status, body) = client.choose(&run, position, choice).await;
            assert_eq!(status, 200, "{id} #{position}: {body}");
            assert_eq!(body["choices"], position as u64 + 1);
            let finished = position + 1 == choices.len();
            assert_eq!(
                body["result"].is_null(),
                !finished,
                "{id} #{position}: {body}"
            );
            last = body;
        }
        assert_eq!(report(&last), score_session(&session), "{id}");
        assert_eq!(last["result"]["ending"], session.step_id(), "{id}");

        let (status, state) = client.state(&run).await;
        assert_eq!(status, 200);
        let transcript: firstshift_core::Transcript =
            serde_json::from_value(state["transcript"].clone()).unwrap();
        assert_eq!(transcript.seed, run.seed);
        assert_eq!(transcript.choices, session.transcript().choices, "{id}");
        let rescored = firstshift_rubric::rescore(scenario.clone(), &transcript).unwrap();
        assert_eq!(rescored, score_session(&session), "{id}");
        assert_eq!(report(&state), rescored, "{id}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_through_the_server_scores_as_it_does_natively_on_sqlite() {
    let (url, dir) = sqlite_url("natively");
    every_choice_through_the_server(&serve_here(&url, true).await).await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_through_the_server_scores_as_it_does_natively_on_postgres() {
    let pg = Postgres::start("natively");
    every_choice_through_the_server(&serve_here(&pg.url(), true).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn time_alone_ends_a_run_and_the_server_scores_it() {
    let (url, dir) = sqlite_url("timed");
    let client = Client::new(&serve_here(&url, true).await);
    let run = client.start("test/timed").await;
    let wait = Posted {
        step: "wait".into(),
        choice: "keep-waiting".into(),
        at: 100,
    };
    assert_eq!(client.choose(&run, 0, &wait).await.0, 200);
    let (status, body) = client.clock(&run, 300).await;
    assert_eq!(status, 200, "{body}");
    assert!(body["result"].is_null(), "{body}");
    // A clock that goes back is no news.
    let (status, body) = client.clock(&run, 200).await;
    assert_eq!((status, body["clock"].as_u64()), (200, Some(300)));
    let (status, body) = client.clock(&run, 600).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["result"]["ending"], "bell");
    assert_eq!(report(&body).percent, 0);
    // Over: no more choices, and the result stays.
    let leave = Posted {
        step: "wait".into(),
        choice: "leave".into(),
        at: 601,
    };
    let (status, body) = client.choose(&run, 1, &leave).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (409, Some("over"))
    );
    let (_, state) = client.state(&run).await;
    assert_eq!(state["transcript"]["ending"], "bell");
    assert_eq!(state["transcript"]["clock"], 600);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bad_request_is_refused_in_words_and_changes_nothing() {
    let (url, dir) = sqlite_url("refusals");
    let base = serve_here(&url, true).await;
    let client = Client::new(&base);
    let code = |body: &serde_json::Value| body["error"]["code"].as_str().map(str::to_string);
    let message = |body: &serde_json::Value| body["error"]["message"].as_str().unwrap().to_string();

    let run = client.start("test/timed").await;
    let first = Posted {
        step: "wait".into(),
        choice: "keep-waiting".into(),
        at: 10,
    };

    // Out of order: the answer says where to resume, in the body and a header.
    let response = reqwest::Client::new()
        .post(format!("{base}/api/runs/{}/choices", run.id))
        .bearer_auth(&run.token)
        .json(&serde_json::json!({"position": 2, "step": "wait", "choice": "leave", "at": 20}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 409);
    assert_eq!(response.headers()["x-firstshift-expected"], "0");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(code(&body).as_deref(), Some("out-of-order"));
    assert_eq!(body["error"]["expected"], 0);
    assert!(
        message(&body).contains("choice #3 arrived before choice #1"),
        "{body}"
    );

    // Wrong and missing tokens.
    let mut stolen = run.clone();
    stolen.token = "not-the-token".into();
    let (status, body) = client.choose(&stolen, 0, &first).await;
    assert_eq!((status, code(&body).as_deref()), (401, Some("wrong-token")));
    let (status, _) = client
        .send(reqwest::Client::new().get(format!("{base}/api/runs/{}", run.id)))
        .await;
    assert_eq!(status, 401);

    // A choice the step does not offer, and one at an impossible time.
    let mut made_up = first.clone();
    made_up.choice = "fly-away".into();
    let (status, body) = client.choose(&run, 0, &made_up).await;
    assert_eq!(
        (status, code(&body).as_deref()),
        (422, Some("does-not-fit")),
        "{body}"
    );
    assert!(message(&body).contains("fly-away"), "{body}");
    let mut too_late = first.clone();
    too_late.at = u64::MAX / 2;
    let (status, body) = client.choose(&run, 0, &too_late).await;
    assert_eq!(
        (status, code(&body).as_deref()),
        (422, Some("does-not-fit")),
        "{body}"
    );

    // None of that was kept: the first real choice is still #1.
    let (status, ack) = client.choose(&run, 0, &first).await;
    assert_eq!(status, 200, "{ack}");
    // The same choice again (a retry after a lost answer) is acknowledged again...
    assert_eq!(client.choose(&run, 0, &first).await, (200, ack));
    // ...but a different one in its place is not.
    let mut changed = first.clone();
    changed.choice = "leave".into();
    let (status, body) = client.choose(&run, 0, &changed).await;
    assert_eq!((status, code(&body).as_deref()), (409, Some("changed")));

    // A choice before a time already reported.
    assert_eq!(client.clock(&run, 200).await.0, 200);
    let early = Posted {
        step: "wait".into(),
        choice: "leave".into(),
        at: 150,
    };
    let (status, body) = client.choose(&run, 1, &early).await;
    assert_eq!(
        (status, code(&body).as_deref()),
        (422, Some("before-clock")),
        "{body}"
    );

    // Bodies that are not what the address takes.
    for bad in [
        "",
        "{",
        "{\"position\": 1}",
        "[1,2]",
        "{\"position\": -1, \"step\": \"wait\", \"choice\": \"leave\", \"at\": 1}",
    ] {
        let (status, body) = client
            .send(
                reqwest::Client::new()
                    .post(format!("{base}/api/runs/{}/choices", run.id))
                    .bearer_auth(&run.token)
                    .header("content-type", "application/json")
                    .body(bad),
            )
            .await;
        assert_eq!(
            (status, code(&body).as_deref()),
            (400, Some("bad-request")),
            "{bad}: {body}"
        );
    }
    let (status, body) = client
        .send(
            reqwest::Client::new()
                .post(format!("{base}/api/runs/{}/choices", run.id))
                .bearer_auth(&run.token)
                .header("content-type", "application/json")
                .body(vec![b' '; 100_000]),
        )
        .await;
    assert!(status == 400 || status == 413, "{status} {body}");

    // Unknown runs, scenarios and addresses.
    let mut nowhere = run.clone();
    nowhere.id = "no-such-run".into();
    let (status, body) = client.state(&nowhere).await;
    assert_eq!((status, code(&body).as_deref()), (404, Some("no-such-run")));
    let (status, body) = client
        .send(
            reqwest::Client::new()
                .post(format!("{base}/api/runs"))
                .json(&serde_json::json!({"scenario": "nope/nothing"})),
        )
        .await;
    assert_eq!(
        (status, code(&body).as_deref()),
        (404, Some("no-such-scenario"))
    );
    assert!(message(&body).contains("nope/nothing"));
    let (status, body) = client
        .send(reqwest::Client::new().get(format!("{base}/api/elsewhere")))
        .await;
    assert_eq!((status, code(&body).as_deref()), (404, Some("not-found")));

    // After all that, the run holds exactly its one choice.
    let (_, state) = client.state(&run).await;
    assert_eq!(state["transcript"]["choices"].as_array().unwrap().len(), 1);

    // A server that is not open starts no run by itself.
    let closed = Client::new(&serve_here(&url, false).await);
    let (status, body) = closed
        .send(
            reqwest::Client::new()
                .post(format!("{}/api/runs", closed.base))
                .json(&serde_json::json!({"scenario": "test/timed"})),
        )
        .await;
    assert_eq!((status, code(&body).as_deref()), (403, Some("closed")));
    let _ = std::fs::remove_dir_all(dir);
}

/// Two runs of one scenario get different seeds, both from the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_draws_each_runs_seed() {
    let (url, dir) = sqlite_url("seeds");
    let client = Client::new(&serve_here(&url, true).await);
    let a = client.start("test/timed").await;
    let b = client.start("test/timed").await;
    assert_ne!(a.seed, b.seed);
    assert_ne!(a.id, b.id);
    assert_ne!(a.token, b.token);
    let _ = std::fs::remove_dir_all(dir);
}
