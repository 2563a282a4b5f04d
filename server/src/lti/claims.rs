//! The claims of an LTI 1.3 launch's id_token that the server reads
//! (LTI Core 1.3, section 5). Everything else in the token is ignored.

use serde::Deserialize;
use serde_json::{Map, Value};

/// The one message this server takes so far: a student opening a placement.
pub const RESOURCE_LINK_REQUEST: &str = "LtiResourceLinkRequest";

#[derive(Debug, Clone, Deserialize)]
pub struct IdToken {
    pub iss: String,
    /// The platform's opaque id for the user; absent in an anonymous launch.
    pub sub: Option<String>,
    pub aud: Audience,
    pub azp: Option<String>,
    pub exp: i64,
    pub iat: i64,
    pub nonce: Option<String>,
    #[serde(rename = "https://purl.imsglobal.org/spec/lti/claim/message_type")]
    pub message_type: Option<String>,
    #[serde(rename = "https://purl.imsglobal.org/spec/lti/claim/version")]
    pub version: Option<String>,
    #[serde(rename = "https://purl.imsglobal.org/spec/lti/claim/deployment_id")]
    pub deployment_id: Option<String>,
    #[serde(rename = "https://purl.imsglobal.org/spec/lti/claim/target_link_uri")]
    pub target_link_uri: Option<String>,
    #[serde(rename = "https://purl.imsglobal.org/spec/lti/claim/resource_link")]
    pub resource_link: Option<ResourceLink>,
    #[serde(rename = "https://purl.imsglobal.org/spec/lti/claim/custom", default)]
    pub custom: Map<String, Value>,
    #[serde(rename = "https://purl.imsglobal.org/spec/lti/claim/launch_presentation")]
    pub launch_presentation: Option<LaunchPresentation>,
}

/// `aud` is one string or a list (LTI Core 1.3, 5.1.2).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    One(String),
    Many(Vec<String>),
}

impl Audience {
    /// Whether the token is meant for more than one party (then `azp` must name us).
    pub fn is_several(&self) -> bool {
        matches!(self, Audience::Many(all) if all.len() > 1)
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct ResourceLink {
    pub id: String,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LaunchPresentation {
    pub locale: Option<String>,
}

impl IdToken {
    /// The scenario the placement plays: the `scenario` custom parameter (what
    /// deep linking sets), else `?scenario=` on the target link.
    pub fn scenario(&self) -> Option<String> {
        if let Some(Value::String(id)) = self.custom.get("scenario") {
            return Some(id.clone());
        }
        let uri = self.target_link_uri.as_deref()?;
        let query = uri.split_once('?')?.1;
        let query = query.split('#').next().unwrap_or(query);
        query.split('&').find_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            (name == "scenario").then(|| percent_decode(value))
        })
    }

    /// The student's language, from the platform's locale (`es-MX` → `es`).
    pub fn language(&self) -> String {
        let locale = self
            .launch_presentation
            .as_ref()
            .and_then(|p| p.locale.as_deref())
            .unwrap_or("en");
        firstshift_core::Language::from_code(locale)
            .unwrap_or_default()
            .code()
            .to_string()
    }
}

/// `%2F` and `+` in a query value (scenario ids are `cluster/slug`); a `%` not
/// followed by two hex digits stays as it is.
fn percent_decode(value: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 3) {
            Some([b'%', high, low]) => hex(*high).zip(hex(*low)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some(byte), _) => {
                out.push(byte);
                i += 3;
            }
            (None, b'+') => {
                out.push(b' ');
                i += 1;
            }
            (None, byte) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TARGET_LINK_URI: &str = "https://purl.imsglobal.org/spec/lti/claim/target_link_uri";
    const CUSTOM: &str = "https://purl.imsglobal.org/spec/lti/claim/custom";
    const LAUNCH_PRESENTATION: &str =
        "https://purl.imsglobal.org/spec/lti/claim/launch_presentation";

    fn token(extra: Value) -> IdToken {
        let mut claims = serde_json::json!({
            "iss": "https://lms.example", "aud": "client", "exp": 10, "iat": 1,
        });
        claims
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        serde_json::from_value(claims).unwrap()
    }

    #[test]
    fn the_scenario_comes_from_the_custom_claim_then_the_target_link() {
        let both = token(serde_json::json!({
            CUSTOM: {"scenario": "healthcare/emt-anaphylaxis"},
            TARGET_LINK_URI: "https://fs.example/lti/launch?scenario=hospitality%2Ffront-desk-overbooked",
        }));
        assert_eq!(
            both.scenario().as_deref(),
            Some("healthcare/emt-anaphylaxis")
        );
        let link = token(serde_json::json!({
            TARGET_LINK_URI: "https://fs.example/lti/launch?x=1&scenario=hospitality%2Ffront-desk-overbooked#top",
        }));
        assert_eq!(
            link.scenario().as_deref(),
            Some("hospitality/front-desk-overbooked")
        );
        assert_eq!(token(serde_json::json!({})).scenario(), None);
        let broken =
            token(serde_json::json!({ TARGET_LINK_URI: "https://fs.example/?scenario=a%2" }));
        assert_eq!(broken.scenario().as_deref(), Some("a%2"));
        assert_eq!(percent_decode("%e2%9c%93+ok%zz%"), "✓ ok%zz%");
        assert_eq!(percent_decode("é%"), "é%");
    }

    #[test]
    fn the_language_comes_from_the_locale() {
        let spanish = token(serde_json::json!({ LAUNCH_PRESENTATION: {"locale": "es-MX"} }));
        assert_eq!(spanish.language(), "es");
        assert_eq!(token(serde_json::json!({})).language(), "en");
    }
}
