//! Checking an LTI 1.3 launch: the id_token a platform posts back after the OIDC
//! login, verified as LTI Core 1.3 (5.1.3) and the IMS Security Framework (5.1.3)
//! ask: the signature against the platform's published keys, `iss`, `aud`, `azp`,
//! `exp`, `iat`, the nonce of this login (each login is used once), the deployment,
//! the message type and the version.

use jsonwebtoken::{Algorithm, Validation, decode, decode_header, errors::ErrorKind};

use super::claims::{self, IdToken};
use super::keys::{KeyError, PlatformKeys};
use crate::store::{LoginRow, Platform};

/// How far a platform's clock may be from ours, in seconds.
pub const LEEWAY: u64 = 60;

/// Why a launch was refused, each with a code for the administrator and words
/// for whoever sees the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LaunchError {
    /// The page was opened without the form a platform posts.
    NotALaunch,
    /// No login with this state: already used (a replay), too old, or never made.
    LoginUsed,
    UnknownPlatform {
        issuer: String,
    },
    Key(KeyError),
    BadSignature,
    WrongIssuer,
    WrongAudience,
    Expired,
    IssuedInTheFuture,
    WrongNonce,
    UnknownDeployment {
        deployment: String,
    },
    WrongMessage {
        found: String,
    },
    WrongVersion {
        found: String,
    },
    NoResourceLink,
    NoUser,
    NoScenario,
    NoSuchScenario {
        scenario: String,
    },
    Malformed(String),
}

impl LaunchError {
    pub fn code(&self) -> &'static str {
        match self {
            LaunchError::NotALaunch => "not-a-launch",
            LaunchError::LoginUsed => "login-used",
            LaunchError::UnknownPlatform { .. } => "unknown-platform",
            LaunchError::Key(_) => "platform-keys",
            LaunchError::BadSignature => "bad-signature",
            LaunchError::WrongIssuer => "wrong-issuer",
            LaunchError::WrongAudience => "wrong-audience",
            LaunchError::Expired => "expired",
            LaunchError::IssuedInTheFuture => "issued-in-the-future",
            LaunchError::WrongNonce => "wrong-nonce",
            LaunchError::UnknownDeployment { .. } => "unknown-deployment",
            LaunchError::WrongMessage { .. } => "wrong-message-type",
            LaunchError::WrongVersion { .. } => "wrong-version",
            LaunchError::NoResourceLink => "no-resource-link",
            LaunchError::NoUser => "no-user",
            LaunchError::NoScenario => "no-scenario",
            LaunchError::NoSuchScenario { .. } => "no-such-scenario",
            LaunchError::Malformed(_) => "malformed",
        }
    }
}

impl std::fmt::Display for LaunchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const AGAIN: &str = "open the activity again from your course";
        match self {
            LaunchError::NotALaunch => write!(
                f,
                "this address is where your LMS opens FirstShift activities; it cannot be opened by itself. Open the activity from your course"
            ),
            LaunchError::LoginUsed => write!(
                f,
                "this launch was already used, or took too long to arrive; {AGAIN}"
            ),
            LaunchError::UnknownPlatform { issuer } => write!(
                f,
                "the LMS `{issuer}` is not registered with this FirstShift server; ask your LMS administrator to register it"
            ),
            LaunchError::Key(e) => e.fmt(f),
            LaunchError::BadSignature => write!(
                f,
                "the launch's signature does not match the LMS's published keys, so it cannot be trusted; {AGAIN}"
            ),
            LaunchError::WrongIssuer => write!(
                f,
                "the launch names a different LMS from the one the login came from; {AGAIN}"
            ),
            LaunchError::WrongAudience => write!(
                f,
                "the launch was meant for another tool (its audience is not FirstShift's client id); ask your LMS administrator to check the client id registered with FirstShift"
            ),
            LaunchError::Expired => write!(f, "the launch has expired; {AGAIN}"),
            LaunchError::IssuedInTheFuture => write!(
                f,
                "the launch is dated in the future: the LMS's clock or this server's is wrong; ask an administrator to check the clocks"
            ),
            LaunchError::WrongNonce => write!(
                f,
                "the launch does not belong to the login that asked for it (its nonce differs); {AGAIN}"
            ),
            LaunchError::UnknownDeployment { deployment } => write!(
                f,
                "the LMS deployment `{deployment}` is not registered with this FirstShift server; ask your LMS administrator to add it"
            ),
            LaunchError::WrongMessage { found } => write!(
                f,
                "the LMS sent a `{found}` message, which this server does not take yet; it takes LtiResourceLinkRequest"
            ),
            LaunchError::WrongVersion { found } => write!(
                f,
                "the LMS speaks LTI `{found}`; FirstShift speaks LTI 1.3.0"
            ),
            LaunchError::NoResourceLink => write!(
                f,
                "the launch names no resource link (placement); ask your teacher to add the activity again"
            ),
            LaunchError::NoUser => write!(
                f,
                "the launch names no user, and a run must belong to someone; sign in to your course and open the activity there"
            ),
            LaunchError::NoScenario => write!(
                f,
                "the activity does not say which scenario to play; ask your teacher to choose the scenario again"
            ),
            LaunchError::NoSuchScenario { scenario } => write!(
                f,
                "the activity names the scenario `{scenario}`, which this server does not have; ask your teacher to choose the scenario again"
            ),
            LaunchError::Malformed(why) => write!(
                f,
                "the launch is not a valid LTI 1.3 launch ({why}); {AGAIN}"
            ),
        }
    }
}

impl std::error::Error for LaunchError {}

/// Verifies `id_token` as the answer to `login`, from `platform`, at `now`
/// (seconds since 1970).
pub async fn verify(
    id_token: &str,
    login: &LoginRow,
    platform: &Platform,
    keys: &PlatformKeys,
    now: i64,
) -> Result<IdToken, LaunchError> {
    let header = decode_header(id_token).map_err(|e| LaunchError::Malformed(e.to_string()))?;
    // RS256 is what LTI requires platforms to support; the algorithm comes from
    // us, never from the token, so `none` or HS256 tricks cannot apply.
    if header.alg != Algorithm::RS256 {
        return Err(LaunchError::Malformed(format!(
            "it is signed with {:?}, not RS256",
            header.alg
        )));
    }
    let key = keys
        .key(&platform.jwks_url, header.kid.as_deref())
        .await
        .map_err(LaunchError::Key)?;
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_issuer(&[&platform.issuer]);
    validation.set_audience(&[&platform.client_id]);
    validation.set_required_spec_claims(&["exp", "iat", "iss", "aud"]);
    validation.leeway = LEEWAY;
    let token = decode::<IdToken>(id_token, &key, &validation).map_err(|e| match e.kind() {
        ErrorKind::InvalidSignature => LaunchError::BadSignature,
        ErrorKind::ExpiredSignature => LaunchError::Expired,
        ErrorKind::InvalidIssuer => LaunchError::WrongIssuer,
        ErrorKind::InvalidAudience => LaunchError::WrongAudience,
        _ => LaunchError::Malformed(e.to_string()),
    })?;
    let claims = token.claims;
    if claims.aud.is_several() && claims.azp.as_deref() != Some(platform.client_id.as_str()) {
        return Err(LaunchError::WrongAudience);
    }
    if let Some(azp) = &claims.azp
        && azp != &platform.client_id
    {
        return Err(LaunchError::WrongAudience);
    }
    if claims.iat > now + LEEWAY as i64 {
        return Err(LaunchError::IssuedInTheFuture);
    }
    if claims.nonce.as_deref() != Some(login.nonce.as_str()) {
        return Err(LaunchError::WrongNonce);
    }
    let message = claims.message_type.clone().unwrap_or_default();
    if message != claims::RESOURCE_LINK_REQUEST {
        return Err(LaunchError::WrongMessage { found: message });
    }
    let version = claims.version.clone().unwrap_or_default();
    if version != "1.3.0" {
        return Err(LaunchError::WrongVersion { found: version });
    }
    if claims.resource_link.is_none() {
        return Err(LaunchError::NoResourceLink);
    }
    if claims.sub.as_deref().is_none_or(str::is_empty) {
        return Err(LaunchError::NoUser);
    }
    Ok(claims)
}
