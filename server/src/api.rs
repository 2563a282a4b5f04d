//! The HTTP API the player and tools talk to, as JSON.
//!
//! Every refusal is `{"error": {"code": …, "message": …}}` with a status that
//! says whether to retry: 4xx means this request will never succeed as it is,
//! 503 means try again later (the player's queue does).

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::runs::{PostedChoice, RunError, Runs};
use crate::store::{Backend, StoreError};

/// What every request handler shares.
#[derive(Debug, Clone)]
pub struct AppState {
    pub runs: Runs,
    /// Whether anyone who can reach the server may start a run (`--open`): for
    /// trying the server out and for `cargo xtask bench-server`. Otherwise a run
    /// starts only from a course's launch.
    pub open: bool,
    /// The address students and platforms reach this server at (no trailing
    /// `/`): where the player is, and the LTI launch's `redirect_uri`.
    pub public_url: String,
    /// The platforms' public keys, cached.
    pub keys: Arc<crate::lti::keys::PlatformKeys>,
    /// The built player (`cargo xtask build-web`'s `target/web`), served at `/`
    /// so a launch opens it on this server's origin; none for an API alone.
    pub site: Option<std::path::PathBuf>,
}

/// A request body is a few hundred bytes; anything much larger is not ours.
const BODY_LIMIT: usize = 16 * 1024;

pub fn router(state: AppState) -> Router {
    let site = state.site.clone();
    let api = Router::new()
        .route("/api/health", get(health))
        .route("/api/runs", post(start_run))
        .route("/api/runs/{id}", get(run_state))
        .route("/api/runs/{id}/choices", post(post_choice))
        .route("/api/runs/{id}/clock", post(post_clock))
        .route(
            "/lti/login",
            get(crate::lti::login_get).post(crate::lti::login_post),
        )
        .route("/lti/launch", post(crate::lti::launch))
        .route("/api/{*rest}", get(not_found).post(not_found))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(Arc::new(state));
    match site {
        Some(site) => api.fallback_service(
            tower_http::services::ServeDir::new(site)
                .precompressed_br()
                .precompressed_gzip(),
        ),
        None => api.fallback(not_found),
    }
}

async fn not_found() -> Response {
    refusal(
        StatusCode::NOT_FOUND,
        "not-found",
        "there is nothing at this address on the FirstShift server".into(),
    )
}

type Shared = State<Arc<AppState>>;

pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

async fn health(State(state): Shared) -> Response {
    let runs = &state.runs;
    Json(json!({
        "ok": true,
        "database": match runs.store().backend() {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        },
        "scenarios": runs.library().len(),
    }))
    .into_response()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StartRequest {
    scenario: String,
    #[serde(default = "english")]
    language: String,
}

fn english() -> String {
    "en".into()
}

async fn start_run(
    State(state): Shared,
    body: Result<Json<StartRequest>, JsonRejection>,
) -> Response {
    if !state.open {
        return refusal(
            StatusCode::FORBIDDEN,
            "closed",
            "this server starts runs only when a student opens the activity from their course; open it there".into(),
        );
    }
    let Json(request) = match body {
        Ok(body) => body,
        Err(rejection) => return bad_body(rejection),
    };
    match state
        .runs
        .start(&request.scenario, &request.language, now_ms())
        .await
    {
        Ok(started) => (StatusCode::CREATED, Json(started)).into_response(),
        Err(e) => run_refusal(e),
    }
}

async fn run_state(State(state): Shared, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let Some(token) = bearer(&headers) else {
        return run_refusal(RunError::WrongToken);
    };
    match state.runs.state(&id, token).await {
        Ok(run) => Json(run).into_response(),
        Err(e) => run_refusal(e),
    }
}

async fn post_choice(
    State(state): Shared,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<PostedChoice>, JsonRejection>,
) -> Response {
    let Some(token) = bearer(&headers) else {
        return run_refusal(RunError::WrongToken);
    };
    let Json(posted) = match body {
        Ok(body) => body,
        Err(rejection) => return bad_body(rejection),
    };
    match state.runs.choose(&id, token, posted, now_ms()).await {
        Ok(ack) => Json(ack).into_response(),
        Err(e) => run_refusal(e),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockReport {
    at: u64,
}

async fn post_clock(
    State(state): Shared,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<ClockReport>, JsonRejection>,
) -> Response {
    let Some(token) = bearer(&headers) else {
        return run_refusal(RunError::WrongToken);
    };
    let Json(report) = match body {
        Ok(body) => body,
        Err(rejection) => return bad_body(rejection),
    };
    match state
        .runs
        .advance_clock(&id, token, report.at, now_ms())
        .await
    {
        Ok(ack) => Json(ack).into_response(),
        Err(e) => run_refusal(e),
    }
}

/// The token of `Authorization: Bearer <token>`.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

fn run_refusal(error: RunError) -> Response {
    let (status, code) = match &error {
        RunError::NoSuchScenario(_) => (StatusCode::NOT_FOUND, "no-such-scenario"),
        RunError::NoSuchRun => (StatusCode::NOT_FOUND, "no-such-run"),
        RunError::WrongToken => (StatusCode::UNAUTHORIZED, "wrong-token"),
        RunError::OutOfOrder { .. } => (StatusCode::CONFLICT, "out-of-order"),
        RunError::Changed { .. } => (StatusCode::CONFLICT, "changed"),
        RunError::DoesNotFit(_) => (StatusCode::UNPROCESSABLE_ENTITY, "does-not-fit"),
        RunError::Over => (StatusCode::CONFLICT, "over"),
        RunError::ScenarioChanged => (StatusCode::CONFLICT, "scenario-changed"),
        RunError::BeforeClock { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "before-clock"),
        RunError::Store(StoreError::Full) => (StatusCode::SERVICE_UNAVAILABLE, "database-full"),
        RunError::Store(StoreError::Unreachable(_)) => {
            (StatusCode::SERVICE_UNAVAILABLE, "database-unreachable")
        }
        RunError::Store(_) => (StatusCode::SERVICE_UNAVAILABLE, "database-failed"),
    };
    let message = error.to_string();
    if let RunError::OutOfOrder { expected, .. } = error {
        // The player's outbox resends from here.
        let body = json!({ "error": { "code": code, "message": message, "expected": expected } });
        let mut response = (status, Json(body)).into_response();
        response
            .headers_mut()
            .insert("x-firstshift-expected", expected.into());
        return response;
    }
    refusal(status, code, message)
}

fn bad_body(rejection: JsonRejection) -> Response {
    refusal(
        StatusCode::BAD_REQUEST,
        "bad-request",
        format!(
            "the request's JSON is not what this address takes: {}",
            rejection.body_text()
        ),
    )
}

fn refusal(status: StatusCode, code: &str, message: String) -> Response {
    (
        status,
        Json(json!({ "error": { "code": code, "message": message } })),
    )
        .into_response()
}
