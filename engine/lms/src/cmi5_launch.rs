//! What a cmi5 launch is allowed to be, decided before anything is sent.
//!
//! The LMS launches the player with `endpoint` (its LRS) and `fetch` (a one-time
//! token URL) in the address. Taken verbatim, a link could send a student's
//! statements, and their auth token, anywhere. So both must be https (or http on
//! this machine, for tests) and on an origin the package allows: the page's own, or
//! one named when the package was written (`--lrs-origin`, the same list as the
//! page's `connect-src`). Also here: the learner's language from the cmi5 Learner
//! Preferences, and the key under which a run of this registration is saved in the
//! browser, so that on a shared computer no other registration's save is offered.

use serde_json::Value;

/// The Agent Profile document cmi5 section 11 says an AU reads on startup.
pub const LEARNER_PREFERENCES: &str = "cmi5LearnerPreferences";

/// Why a launch is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// `scheme://host[:port]` of an absolute http(s) URL, or `None` if it is not one
/// (credentials, backslashes, spaces and other tricks are not one).
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let ok = !authority.is_empty()
        && authority
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    ok.then(|| format!("{scheme}://{}", authority.to_ascii_lowercase()))
}

fn is_loopback(origin: &str) -> bool {
    let authority = origin.split_once("://").map_or("", |(_, a)| a);
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => host,
        _ => authority,
    };
    matches!(host, "127.0.0.1" | "localhost" | "[::1]")
}

/// Checks the launch's `endpoint` or `fetch` URL (`what` names it in the message)
/// against the page's own origin and the origins the package allows.
pub fn check_lrs_url(
    what: &str,
    url: &str,
    page_origin: &str,
    allowed: &[&str],
) -> Result<(), Refused> {
    let refuse = |why: String| {
        Err(Refused(format!(
            "The LMS's launch gives an address ({what}) that this package may not use: {why}. Nothing was sent, so your results stay private. Ask your LMS administrator to check the package's LRS setting."
        )))
    };
    let Some(origin) = origin_of(url) else {
        return refuse("it is not an http or https address".into());
    };
    if origin.starts_with("http://") && !is_loopback(&origin) {
        return refuse(format!("{origin} is not https"));
    }
    let page = origin_of(page_origin).unwrap_or_default();
    let permitted = origin == page
        || allowed
            .iter()
            .any(|a| origin_of(a).is_some_and(|a| a == origin));
    if !permitted {
        return refuse(format!(
            "{origin} is neither this page's site nor one the package names"
        ));
    }
    Ok(())
}

/// The first language of the Learner Preferences' `languagePreference` (a
/// comma-separated list of language tags, most preferred first) that the player
/// speaks, by its primary subtag: `"es-MX,en-US"` with `["en", "es"]` → `es`.
pub fn preferred_language<'a>(preferences: &Value, spoken: &[&'a str]) -> Option<&'a str> {
    preferences["languagePreference"]
        .as_str()?
        .split(',')
        .filter_map(|tag| tag.trim().split('-').next())
        .find_map(|primary| {
            spoken
                .iter()
                .find(|s| s.eq_ignore_ascii_case(primary))
                .copied()
        })
}

/// The key a registration's save is kept under in the browser: a hash of the actor
/// and the registration, so the save belongs to this student's attempt (and the
/// key names no one).
pub fn registration_key(actor: &Value, registration: &str) -> String {
    let mut bytes = actor.to_string().into_bytes();
    bytes.push(0);
    bytes.extend_from_slice(registration.as_bytes());
    format!("{:016x}", firstshift_core::fnv1a64(&bytes))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const PAGE: &str = "https://lms.example.edu";

    #[test]
    fn the_pages_origin_and_the_packages_lrs_origins_are_allowed() {
        let allowed = ["https://lrs.example.edu"];
        for url in [
            "https://lms.example.edu/xapi/",
            "https://LMS.example.edu/fetch/1?x=y",
            "https://lrs.example.edu/xapi/",
        ] {
            assert_eq!(
                check_lrs_url("endpoint", url, PAGE, &allowed),
                Ok(()),
                "{url}"
            );
        }
        // Tests run on loopback over http.
        assert_eq!(
            check_lrs_url(
                "fetch",
                "http://127.0.0.1:4567/fetch/1",
                "http://127.0.0.1:4567",
                &[]
            ),
            Ok(())
        );
    }

    #[test]
    fn any_other_address_is_refused_with_a_message() {
        for url in [
            "https://evil.example/xapi/",
            "http://lms.example.edu/xapi/",
            "http://192.168.1.5/xapi/",
            "https://lms.example.edu@evil.example/xapi/",
            "https://lms.example.edu\\@evil.example/",
            "https://lms.example.edu.evil.example/xapi/",
            "javascript:alert(1)",
            "//evil.example/xapi/",
            "/xapi/",
            "data:text/plain,x",
            "",
        ] {
            let err =
                check_lrs_url("endpoint", url, PAGE, &["https://lrs.example.edu"]).unwrap_err();
            assert!(
                err.0.contains("address (endpoint)") && err.0.contains("administrator"),
                "{url}: {err}"
            );
        }
        assert!(
            check_lrs_url("fetch", "http://127.0.0.1:9/f", PAGE, &[]).is_err(),
            "loopback, but not this page"
        );
    }

    #[test]
    fn origins_are_read_strictly() {
        assert_eq!(
            origin_of("https://A.edu:8443/x"),
            Some("https://a.edu:8443".into())
        );
        assert_eq!(origin_of("https://a.edu?x"), Some("https://a.edu".into()));
        assert_eq!(origin_of("ftp://a.edu/"), None);
        assert_eq!(origin_of("https://user:pw@a.edu/"), None);
        assert_eq!(origin_of("https:///x"), None);
    }

    #[test]
    fn the_learner_preferences_choose_a_language_the_player_speaks() {
        let spoken = ["en", "es"];
        let prefs = |p: &str| json!({ "languagePreference": p, "audioPreference": "on" });
        assert_eq!(
            preferred_language(&prefs("es-MX,en-US"), &spoken),
            Some("es")
        );
        assert_eq!(preferred_language(&prefs("fr-FR, es"), &spoken), Some("es"));
        assert_eq!(preferred_language(&prefs("EN-gb"), &spoken), Some("en"));
        assert_eq!(preferred_language(&prefs("fr,de"), &spoken), None);
        assert_eq!(preferred_language(&json!({}), &spoken), None);
        assert_eq!(preferred_language(&Value::Null, &spoken), None);
    }

    #[test]
    fn each_registration_has_its_own_save_key() {
        let a =
            json!({ "account": { "homePage": "https://lms.example.edu", "name": "learner-1" } });
        let b =
            json!({ "account": { "homePage": "https://lms.example.edu", "name": "learner-2" } });
        let k = registration_key(&a, "reg-1");
        assert_eq!(k, registration_key(&a, "reg-1"));
        assert_ne!(k, registration_key(&b, "reg-1"));
        assert_ne!(k, registration_key(&a, "reg-2"));
        assert!(!k.contains("learner"));
    }
}
