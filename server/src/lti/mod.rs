//! LTI 1.3: how an LMS opens FirstShift for a student.
//!
//! 1. The platform starts a third-party-initiated OIDC login at `/lti/login`; the
//!    server keeps a fresh state and nonce and sends the browser to the
//!    platform's authorisation address.
//! 2. The platform posts an id_token and that state to `/lti/launch`; the server
//!    takes the login out (once, so a replay finds nothing), verifies the token
//!    (`launch::verify`), finds or makes the placement and the student, and
//!    sends the browser to the player with its run.
//!
//! No cookie is used anywhere: inside an LMS's iframe third-party cookies are
//! often blocked, so the state lives in the database and the run's token travels
//! in the player's URL fragment (never sent to a server, never logged).

pub mod claims;
pub mod keys;
pub mod launch;

use std::sync::Arc;

use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use crate::api::AppState;
use crate::runs::RunError;
use crate::store::{LoginRow, Placement};
use crate::token;
use launch::LaunchError;

/// How long a login may take to come back as a launch, in milliseconds.
const LOGIN_LIFETIME_MS: i64 = 10 * 60 * 1000;

/// The parameters of a third-party-initiated login (LTI Core 1.3, 5.1.1.1),
/// by query (GET) or form (POST).
#[derive(Debug, Deserialize)]
pub struct LoginRequest {
    iss: Option<String>,
    login_hint: Option<String>,
    target_link_uri: Option<String>,
    lti_message_hint: Option<String>,
    client_id: Option<String>,
}

pub async fn login_get(
    State(state): State<Arc<AppState>>,
    Query(request): Query<LoginRequest>,
) -> Response {
    login(&state, request).await
}

pub async fn login_post(
    State(state): State<Arc<AppState>>,
    Form(request): Form<LoginRequest>,
) -> Response {
    login(&state, request).await
}

async fn login(state: &AppState, request: LoginRequest) -> Response {
    let (Some(issuer), Some(login_hint), Some(_target)) =
        (&request.iss, &request.login_hint, &request.target_link_uri)
    else {
        return refused(StatusCode::BAD_REQUEST, &LaunchError::NotALaunch);
    };
    let store = state.runs.store();
    let platforms = match store.platforms(issuer).await {
        Ok(platforms) => platforms,
        Err(e) => return unavailable(&e.to_string()),
    };
    let platform = match &request.client_id {
        Some(client_id) => platforms.into_iter().find(|p| &p.client_id == client_id),
        // Without a client id the issuer must have one registration.
        None if platforms.len() == 1 => platforms.into_iter().next(),
        None => None,
    };
    let Some(platform) = platform else {
        return refused(
            StatusCode::BAD_REQUEST,
            &LaunchError::UnknownPlatform {
                issuer: issuer.clone(),
            },
        );
    };
    let login = LoginRow {
        state: token::random_text(24),
        nonce: token::random_text(24),
        issuer: platform.issuer.clone(),
        client_id: platform.client_id.clone(),
        created_at: crate::api::now_ms(),
    };
    if let Err(e) = store.insert_login(&login).await {
        return unavailable(&e.to_string());
    }
    let redirect_uri = format!("{}/lti/launch", state.public_url);
    let mut query = vec![
        ("scope", "openid"),
        ("response_type", "id_token"),
        ("response_mode", "form_post"),
        ("prompt", "none"),
        ("client_id", platform.client_id.as_str()),
        ("redirect_uri", redirect_uri.as_str()),
        ("login_hint", login_hint.as_str()),
        ("state", login.state.as_str()),
        ("nonce", login.nonce.as_str()),
    ];
    if let Some(hint) = &request.lti_message_hint {
        query.push(("lti_message_hint", hint));
    }
    let query = serde_urlencoded::to_string(&query).expect("strings encode");
    let join = if platform.auth_login_url.contains('?') {
        '&'
    } else {
        '?'
    };
    let location = format!("{}{join}{query}", platform.auth_login_url);
    (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
}

/// What a platform posts to the launch address (the OIDC `form_post`).
#[derive(Debug, Deserialize)]
pub struct LaunchForm {
    id_token: Option<String>,
    state: Option<String>,
}

pub async fn launch(
    State(state): State<Arc<AppState>>,
    form: Result<Form<LaunchForm>, FormRejection>,
) -> Response {
    match launched(&state, form.ok().map(|Form(f)| f)).await {
        Ok(location) => (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response(),
        Err(Refusal::Launch(e)) => {
            let status = match e {
                LaunchError::Key(keys::KeyError::Unavailable { .. }) => StatusCode::BAD_GATEWAY,
                LaunchError::NoSuchScenario { .. } | LaunchError::NoScenario => {
                    StatusCode::NOT_FOUND
                }
                LaunchError::NotALaunch | LaunchError::Malformed(_) => StatusCode::BAD_REQUEST,
                _ => StatusCode::UNAUTHORIZED,
            };
            refused(status, &e)
        }
        Err(Refusal::Unavailable(why)) => unavailable(&why),
    }
}

enum Refusal {
    Launch(LaunchError),
    Unavailable(String),
}

impl From<LaunchError> for Refusal {
    fn from(e: LaunchError) -> Self {
        Refusal::Launch(e)
    }
}

impl From<crate::store::StoreError> for Refusal {
    fn from(e: crate::store::StoreError) -> Self {
        Refusal::Unavailable(e.to_string())
    }
}

/// The player's address for the launched run.
async fn launched(state: &AppState, form: Option<LaunchForm>) -> Result<String, Refusal> {
    let Some(LaunchForm {
        id_token: Some(id_token),
        state: Some(login_state),
    }) = form
    else {
        return Err(LaunchError::NotALaunch.into());
    };
    let store = state.runs.store();
    let now_ms = crate::api::now_ms();
    let login = store
        .take_login(&login_state, now_ms - LOGIN_LIFETIME_MS)
        .await?
        .ok_or(LaunchError::LoginUsed)?;
    let platform = store
        .platforms(&login.issuer)
        .await?
        .into_iter()
        .find(|p| p.client_id == login.client_id)
        .ok_or_else(|| LaunchError::UnknownPlatform {
            issuer: login.issuer.clone(),
        })?;
    let claims = launch::verify(&id_token, &login, &platform, &state.keys, now_ms / 1000).await?;
    let deployment = claims.deployment_id.clone().unwrap_or_default();
    if !store
        .has_deployment(&platform.issuer, &platform.client_id, &deployment)
        .await?
    {
        return Err(LaunchError::UnknownDeployment { deployment }.into());
    }
    let scenario = claims.scenario().ok_or(LaunchError::NoScenario)?;
    let Some(found) = state.runs.library().get(&scenario) else {
        return Err(LaunchError::NoSuchScenario { scenario }.into());
    };
    let link = claims.resource_link.as_ref().expect("verify checked it");
    let placement = store
        .placement(
            &platform,
            &deployment,
            &link.id,
            Placement {
                id: token::random_text(16),
                scenario: found.id.clone(),
                title: link.title.clone().unwrap_or_else(|| found.title.clone()),
            },
        )
        .await?;
    let subject = claims.sub.as_deref().expect("verify checked it");
    let student = store
        .student(&platform.issuer, subject, &token::random_text(16))
        .await?;
    let run = state
        .runs
        .launch(&placement, &student, &claims.language(), now_ms)
        .await
        .map_err(|e| match e {
            RunError::NoSuchScenario(scenario) => {
                Refusal::Launch(LaunchError::NoSuchScenario { scenario })
            }
            other => Refusal::Unavailable(other.to_string()),
        })?;
    let query = serde_urlencoded::to_string([
        ("scenario", run.scenario.as_str()),
        ("lang", run.language.as_str()),
        ("server-run", run.id.as_str()),
    ])
    .expect("strings encode");
    Ok(format!("{}/?{query}#token={}", state.public_url, run.token))
}

fn refused(status: StatusCode, error: &LaunchError) -> Response {
    page(
        status,
        "FirstShift could not open this activity",
        &error.to_string(),
        error.code(),
    )
}

fn unavailable(why: &str) -> Response {
    page(
        StatusCode::SERVICE_UNAVAILABLE,
        "FirstShift is not available just now",
        &format!("{why}. Try again in a minute."),
        "unavailable",
    )
}

/// A page of the server's own words (and values a platform sent, escaped).
fn page(status: StatusCode, title: &str, message: &str, code: &str) -> Response {
    let body = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>\
         <style>body{{font:1.1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}}code{{background:#eee;padding:0 .2em}}</style></head>\
         <body><main><h1>{title}</h1><p id=\"message\">{}</p><p>For the administrator: <code id=\"code\">{code}</code></p></main></body></html>\n",
        escape(message)
    );
    (status, Html(body)).into_response()
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_platforms_words_are_escaped_on_the_page() {
        assert_eq!(
            super::escape("<script>\"x\" & 'y'</script>"),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }
}
