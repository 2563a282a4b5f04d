//! Secrets a client holds and the server keeps only as a hash.
//!
//! A run's bearer token is 32 random bytes from the operating system. The database
//! keeps its SHA-256, so a copy of the database does not let anyone post to a run.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// `bytes` random bytes, as URL-safe base64 (no padding): fit for a URL or a header.
pub fn random_text(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system's random source failed");
    URL_SAFE_NO_PAD.encode(buf)
}

/// A seed below 2^53, so that every JSON reader (JavaScript's included) keeps it exact.
pub fn random_seed() -> u64 {
    getrandom::u64().expect("the operating system's random source failed") >> 11
}

/// The SHA-256 of a token, in hex: what the database keeps.
pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `token` is the one whose hash is `expected`, in time that does not
/// depend on where they differ.
pub fn matches(token: &str, expected: &str) -> bool {
    let given = hash(token);
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_matches_its_hash_and_nothing_else() {
        let token = random_text(32);
        assert_eq!(token.len(), 43);
        let kept = hash(&token);
        assert!(matches(&token, &kept));
        assert!(!matches(&random_text(32), &kept));
        assert!(!matches("", &kept));
        assert!(!matches(&token, ""));
    }

    #[test]
    fn seeds_are_exact_in_javascript() {
        for _ in 0..100 {
            assert!(random_seed() < 1 << 53);
        }
    }
}
