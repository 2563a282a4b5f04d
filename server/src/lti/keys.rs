//! The platforms' public keys (their JWKS), fetched when a launch needs them and
//! kept for a few minutes. A key id the cache does not know makes one fresh fetch,
//! so a platform that rotates its keys is followed at once. The cache is only a
//! cache: a process that has none fetches, so processes still share no state.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use jsonwebtoken::DecodingKey;
use jsonwebtoken::jwk::JwkSet;

/// How long a fetched key set is used before it is fetched again.
const KEEP: Duration = Duration::from_secs(300);

#[derive(Debug)]
pub struct PlatformKeys {
    http: reqwest::Client,
    cache: Mutex<HashMap<String, (Instant, JwkSet)>>,
}

/// Why a launch's key could not be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// The JWKS address did not answer with a key set.
    Unavailable { url: String, why: String },
    /// The platform publishes no key with the token's `kid`.
    Unknown { kid: String },
    /// The published key cannot verify anything (not an RSA or EC key, say).
    Unusable(String),
}

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyError::Unavailable { url, why } => write!(
                f,
                "the LMS's public keys could not be read from {url} ({why}); try again in a minute, and if it persists ask the LMS administrator to check the keyset URL registered with FirstShift"
            ),
            KeyError::Unknown { kid } => write!(
                f,
                "the launch is signed with a key (`{kid}`) the LMS does not publish, so it cannot be trusted; open the activity again from your course"
            ),
            KeyError::Unusable(why) => {
                write!(f, "the LMS publishes a key FirstShift cannot use: {why}")
            }
        }
    }
}

impl Default for PlatformKeys {
    fn default() -> Self {
        PlatformKeys {
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .expect("an HTTP client with a timeout builds"),
            cache: Mutex::new(HashMap::new()),
        }
    }
}

impl PlatformKeys {
    /// The key `kid` from the key set at `url` (a token without `kid` may use
    /// the set's only key).
    pub async fn key(&self, url: &str, kid: Option<&str>) -> Result<DecodingKey, KeyError> {
        if let Some(set) = self.cached(url)
            && let Some(key) = pick(&set, kid)
        {
            return key;
        }
        let set = self.fetch(url).await?;
        let found = pick(&set, kid);
        self.cache
            .lock()
            .expect("the key cache is never poisoned")
            .insert(url.to_string(), (Instant::now(), set));
        found.unwrap_or_else(|| {
            Err(KeyError::Unknown {
                kid: kid.unwrap_or("none").to_string(),
            })
        })
    }

    fn cached(&self, url: &str) -> Option<JwkSet> {
        let cache = self.cache.lock().expect("the key cache is never poisoned");
        let (at, set) = cache.get(url)?;
        (at.elapsed() < KEEP).then(|| set.clone())
    }

    async fn fetch(&self, url: &str) -> Result<JwkSet, KeyError> {
        let unavailable = |why: String| KeyError::Unavailable {
            url: url.to_string(),
            why,
        };
        let response = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| unavailable(e.to_string()))?;
        if !response.status().is_success() {
            return Err(unavailable(format!("it answered {}", response.status())));
        }
        response
            .json::<JwkSet>()
            .await
            .map_err(|e| unavailable(format!("not a JSON Web Key Set: {e}")))
    }
}

fn pick(set: &JwkSet, kid: Option<&str>) -> Option<Result<DecodingKey, KeyError>> {
    let jwk = match kid {
        Some(kid) => set.find(kid)?,
        None if set.keys.len() == 1 => &set.keys[0],
        None => return None,
    };
    Some(DecodingKey::from_jwk(jwk).map_err(|e| KeyError::Unusable(e.to_string())))
}
