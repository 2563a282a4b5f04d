//! Helpers shared by the integration tests.
#![allow(dead_code)]

use firstshift_sims::Sims;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use firstshift_scenario::load_scenario;
use firstshift_sims::Scenario;

pub fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

/// Every built-in scenario file (not playthroughs or translations, not the
/// `_invalid` corpus).
pub fn builtin_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "_invalid" {
                    walk(&path, out);
                }
            } else if firstshift_scenario::file_kind(&name)
                == firstshift_scenario::FileKind::Scenario
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&scenarios_dir(), &mut out);
    out.sort();
    out
}

/// Every built-in scenario, loaded and validated once per test binary (property
/// tests call this in every case).
pub fn builtin() -> Vec<(PathBuf, String, Arc<Scenario>)> {
    static LOADED: std::sync::OnceLock<Vec<(PathBuf, String, Arc<Scenario>)>> =
        std::sync::OnceLock::new();
    LOADED.get_or_init(load_builtin).clone()
}

fn load_builtin() -> Vec<(PathBuf, String, Arc<Scenario>)> {
    builtin_files()
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let loaded = load_scenario::<Sims>(&text);
            let scenario = loaded.scenario.unwrap_or_else(|| {
                panic!("{} must load: {:?}", path.display(), loaded.diagnostics)
            });
            (path, text, scenario)
        })
        .collect()
}

/// SplitMix64: a tiny deterministic generator for choosing random runs in tests.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A save's payload opened and sealed again, so that a test can damage the bytes
/// *behind* the checksum and reach the decoder itself. The checksum is FNV-1a over
/// the body, written here independently of the core's copy.
pub mod save_bytes {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    /// `fs1.<id>.<payload>` → (`fs1.<id>`, the body without its checksum).
    pub fn open(save: &str) -> (String, Vec<u8>) {
        let (head, payload) = save.rsplit_once('.').unwrap();
        let mut bytes = URL_SAFE_NO_PAD.decode(payload).unwrap();
        bytes.truncate(bytes.len() - 4);
        (head.to_string(), bytes)
    }

    /// The body with a correct checksum, as a save string.
    pub fn seal(head: &str, body: &[u8]) -> String {
        let hash = firstshift_core::fnv1a64(body);
        let mut bytes = body.to_vec();
        bytes.extend_from_slice(&(hash as u32).to_le_bytes());
        format!("{head}.{}", URL_SAFE_NO_PAD.encode(bytes))
    }

    /// LEB128, as the save writes its numbers.
    pub fn varint(out: &mut Vec<u8>, mut value: u64) {
        loop {
            let byte = (value & 0x7f) as u8;
            value >>= 7;
            if value == 0 {
                out.push(byte);
                return;
            }
            out.push(byte | 0x80);
        }
    }
}
