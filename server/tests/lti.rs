//! LTI 1.3 login and launch against a stand-in platform: a loopback JWKS and
//! id_tokens signed with `test_data/platform-key.pem`. A good launch opens the
//! player on its run (and a second launch goes on with the same run); every
//! forged, replayed, expired or misdirected launch is refused with a page that
//! says why.

mod support;

use std::collections::HashMap;

use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde_json::{Value, json};
use support::{Run, library, serve_here, sqlite_url};

use firstshift_server::Store;
use firstshift_server::store::Platform;

const ISSUER: &str = "https://lms.test.example";
const CLIENT_ID: &str = "firstshift-client";
const DEPLOYMENT: &str = "deployment-1";
const SCENARIO: &str = "hospitality/front-desk-overbooked";

fn platform_key() -> EncodingKey {
    EncodingKey::from_rsa_pem(include_bytes!("test_data/platform-key.pem")).unwrap()
}

fn other_key() -> EncodingKey {
    EncodingKey::from_rsa_pem(include_bytes!("test_data/other-key.pem")).unwrap()
}

/// Serves the platform's key set at `/jwks`; answers the platform's base address.
async fn platform_jwks() -> String {
    let mut jwk = Jwk::from_encoding_key(&platform_key(), Algorithm::RS256).unwrap();
    jwk.common.key_id = Some("key-1".into());
    let set = JwkSet { keys: vec![jwk] };
    let app = axum::Router::new().route(
        "/jwks",
        axum::routing::get(move || {
            let set = set.clone();
            async move { axum::Json(set) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

struct Lms {
    tool: String,
    http: reqwest::Client,
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

impl Lms {
    async fn new(name: &str) -> (Lms, std::path::PathBuf) {
        let (url, dir) = sqlite_url(name);
        let tool = serve_here(&url, false).await;
        let jwks = platform_jwks().await;
        let store = Store::open(&url).await.unwrap();
        store
            .register_platform(
                &Platform {
                    issuer: ISSUER.into(),
                    client_id: CLIENT_ID.into(),
                    auth_login_url: format!("{jwks}/authorize"),
                    jwks_url: format!("{jwks}/jwks"),
                    token_url: format!("{jwks}/token"),
                    name: "Test LMS".into(),
                },
                &[DEPLOYMENT.to_string()],
            )
            .await
            .unwrap();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        (Lms { tool, http }, dir)
    }

    /// The OIDC login: answers the state and nonce the tool sent the browser on with.
    async fn login(&self) -> (String, String) {
        let response = self
            .http
            .get(format!("{}/lti/login", self.tool))
            .query(&[
                ("iss", ISSUER),
                ("login_hint", "user-7"),
                ("target_link_uri", &format!("{}/lti/launch", self.tool)),
                ("client_id", CLIENT_ID),
                ("lti_message_hint", "opaque-hint"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 302);
        let location = response.headers()["location"].to_str().unwrap().to_string();
        let query: HashMap<String, String> =
            serde_urlencoded::from_str(location.split_once('?').unwrap().1).unwrap();
        assert!(location.contains("/authorize?"), "{location}");
        assert_eq!(query["scope"], "openid");
        assert_eq!(query["response_type"], "id_token");
        assert_eq!(query["response_mode"], "form_post");
        assert_eq!(query["prompt"], "none");
        assert_eq!(query["client_id"], CLIENT_ID);
        assert_eq!(query["login_hint"], "user-7");
        assert_eq!(query["lti_message_hint"], "opaque-hint");
        assert_eq!(query["redirect_uri"], format!("{}/lti/launch", self.tool));
        (query["state"].clone(), query["nonce"].clone())
    }

    /// The launch's claims, as a platform would send them for `nonce`.
    fn claims(&self, nonce: &str) -> Value {
        json!({
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": "user-7",
            "exp": now() + 300,
            "iat": now(),
            "nonce": nonce,
            "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
            "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
            "https://purl.imsglobal.org/spec/lti/claim/deployment_id": DEPLOYMENT,
            "https://purl.imsglobal.org/spec/lti/claim/target_link_uri": format!("{}/lti/launch", self.tool),
            "https://purl.imsglobal.org/spec/lti/claim/resource_link": {"id": "link-1", "title": "Front desk"},
            "https://purl.imsglobal.org/spec/lti/claim/roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
            "https://purl.imsglobal.org/spec/lti/claim/custom": {"scenario": SCENARIO},
            "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": {"locale": "es-MX"},
        })
    }

    async fn post_launch(&self, id_token: &str, state: &str) -> reqwest::Response {
        self.http
            .post(format!("{}/lti/launch", self.tool))
            .form(&[("id_token", id_token), ("state", state)])
            .send()
            .await
            .unwrap()
    }

    /// A whole launch with `claims` changed by `change` and signed by `key`.
    async fn launch_with(
        &self,
        change: impl FnOnce(&mut Value),
        key: &EncodingKey,
    ) -> reqwest::Response {
        let (state, nonce) = self.login().await;
        let mut claims = self.claims(&nonce);
        change(&mut claims);
        self.post_launch(&sign(&claims, key), &state).await
    }
}

/// A change made to a good launch's claims to spoil it.
type Change = Box<dyn FnOnce(&mut Value)>;

fn sign(claims: &Value, key: &EncodingKey) -> String {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("key-1".into());
    encode(&header, claims, key).unwrap()
}

/// The run the player was sent to, from a launch's `Location`.
fn run_of(response: &reqwest::Response) -> (Run, HashMap<String, String>) {
    let location = response.headers()["location"].to_str().unwrap();
    let (address, token) = location.split_once("#token=").unwrap();
    let query: HashMap<String, String> =
        serde_urlencoded::from_str(address.split_once('?').unwrap().1).unwrap();
    let run = Run {
        id: query["server-run"].clone(),
        token: token.to_string(),
        seed: 0,
    };
    (run, query)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_launch_opens_the_player_on_its_run_and_a_second_launch_goes_on_with_it() {
    let (lms, dir) = Lms::new("lti-launch").await;
    let response = lms.launch_with(|_| {}, &platform_key()).await;
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    let (run, query) = run_of(&response);
    assert!(
        response.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with(&lms.tool)
    );
    assert_eq!(query["scenario"], SCENARIO);
    assert_eq!(query["lang"], "es");

    // The player's token works on the run API.
    let client = support::Client::new(&lms.tool);
    let (status, state) = client.state(&run).await;
    assert_eq!(status, 200, "{state}");
    assert_eq!(state["language"], "es");
    let scenario = library().get(SCENARIO).unwrap().clone();
    let seed = state["transcript"]["seed"].as_u64().unwrap();
    let (choices, _) = support::play_natively(&scenario, seed);
    assert_eq!(client.choose(&run, 0, &choices[0]).await.0, 200);

    // Launching again (another device) goes on with the same run; the old
    // token stops working.
    let again = lms.launch_with(|_| {}, &platform_key()).await;
    assert_eq!(again.status(), 303);
    let (second, _) = run_of(&again);
    assert_eq!(second.id, run.id);
    assert_ne!(second.token, run.token);
    assert_eq!(client.state(&run).await.0, 401);
    let (_, state) = client.state(&second).await;
    assert_eq!(state["transcript"]["choices"].as_array().unwrap().len(), 1);

    // Another student in the same placement gets a run of their own.
    let other = lms
        .launch_with(|c| c["sub"] = json!("user-8"), &platform_key())
        .await;
    assert_eq!(other.status(), 303);
    assert_ne!(run_of(&other).0.id, run.id);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bad_launch_is_refused_with_a_page_that_says_why() {
    let (lms, dir) = Lms::new("lti-refusals").await;
    let key = platform_key();
    let forger = other_key();
    async fn refused(response: reqwest::Response) -> (u16, String, String) {
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        let code = body
            .split("<code id=\"code\">")
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .unwrap_or("")
            .to_string();
        (status, code, body)
    }
    let cases: Vec<(&str, Change, &EncodingKey)> = vec![
        (
            "wrong-audience",
            Box::new(|c| c["aud"] = json!("someone-else")),
            &key,
        ),
        (
            "wrong-audience",
            Box::new(|c| {
                c["aud"] = json!([CLIENT_ID, "another"]);
            }),
            &key,
        ),
        (
            "wrong-audience",
            Box::new(|c| {
                c["azp"] = json!("another");
            }),
            &key,
        ),
        (
            "wrong-issuer",
            Box::new(|c| c["iss"] = json!("https://elsewhere.example")),
            &key,
        ),
        (
            "expired",
            Box::new(|c| {
                c["exp"] = json!(now() - 3600);
                c["iat"] = json!(now() - 4000);
            }),
            &key,
        ),
        (
            "issued-in-the-future",
            Box::new(|c| c["iat"] = json!(now() + 3600)),
            &key,
        ),
        (
            "wrong-nonce",
            Box::new(|c| c["nonce"] = json!("a-nonce-of-another-login")),
            &key,
        ),
        (
            "unknown-deployment",
            Box::new(|c| {
                c["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] = json!("deployment-9")
            }),
            &key,
        ),
        (
            "wrong-message-type",
            Box::new(|c| {
                c["https://purl.imsglobal.org/spec/lti/claim/message_type"] =
                    json!("LtiSubmissionReviewRequest")
            }),
            &key,
        ),
        (
            "wrong-version",
            Box::new(|c| c["https://purl.imsglobal.org/spec/lti/claim/version"] = json!("1.1")),
            &key,
        ),
        (
            "no-user",
            Box::new(|c| {
                c.as_object_mut().unwrap().remove("sub");
            }),
            &key,
        ),
        (
            "no-resource-link",
            Box::new(|c| {
                c.as_object_mut()
                    .unwrap()
                    .remove("https://purl.imsglobal.org/spec/lti/claim/resource_link");
            }),
            &key,
        ),
        (
            "no-such-scenario",
            Box::new(|c| {
                c["https://purl.imsglobal.org/spec/lti/claim/custom"] =
                    json!({"scenario": "nowhere/<b>nothing</b>"})
            }),
            &key,
        ),
        (
            "no-scenario",
            Box::new(|c| {
                c.as_object_mut()
                    .unwrap()
                    .remove("https://purl.imsglobal.org/spec/lti/claim/custom");
            }),
            &key,
        ),
        ("bad-signature", Box::new(|_| {}), &forger),
    ];
    for (expected, change, key) in cases {
        let (status, code, body) = refused(lms.launch_with(change, key).await).await;
        assert_eq!(code, expected, "{status} {body}");
        assert!((400..600).contains(&status), "{expected}: {status}");
        assert!(
            body.contains("<h1>FirstShift could not open this activity</h1>"),
            "{body}"
        );
        assert!(
            !body.contains("<b>nothing"),
            "a platform's words reached the page unescaped: {body}"
        );
    }

    // A replayed launch: the same token and state posted twice.
    let (state, nonce) = lms.login().await;
    let token = sign(&lms.claims(&nonce), &key);
    assert_eq!(lms.post_launch(&token, &state).await.status(), 303);
    let (status, code, _) = refused(lms.post_launch(&token, &state).await).await;
    assert_eq!((status, code.as_str()), (401, "login-used"));

    // Not signed RS256, or not a token at all.
    let (state, nonce) = lms.login().await;
    let hs = encode(
        &Header::new(Algorithm::HS256),
        &lms.claims(&nonce),
        &EncodingKey::from_secret(b"guess"),
    )
    .unwrap();
    let (_, code, _) = refused(lms.post_launch(&hs, &state).await).await;
    assert_eq!(code, "malformed");
    let (state, _) = lms.login().await;
    let (_, code, _) = refused(lms.post_launch("not.a.token", &state).await).await;
    assert_eq!(code, "malformed");

    // The launch address opened by itself, and a login from an unknown LMS.
    let (status, code, _) = refused(
        lms.http
            .post(format!("{}/lti/launch", lms.tool))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, code.as_str()), (400, "not-a-launch"));
    let unknown = lms
        .http
        .get(format!("{}/lti/login", lms.tool))
        .query(&[
            ("iss", "https://unknown.example"),
            ("login_hint", "u"),
            ("target_link_uri", "x"),
        ])
        .send()
        .await
        .unwrap();
    let (status, code, body) = refused(unknown).await;
    assert_eq!((status, code.as_str()), (400, "unknown-platform"), "{body}");
    assert!(body.contains("https://unknown.example"));
    let _ = std::fs::remove_dir_all(dir);
}
