//! The size budget: sizes are deterministic, so CI can hold them (times live in
//! `bench-web` only). Checked after every `build-web` in `cargo xtask test`.
//!
//! The whole player's budget is issue 16's goal. The wasm's is a ratchet a little
//! above what it weighs now, so growth is a decision someone makes in a commit, not
//! an accident: lower it when the player gets lighter.

use std::path::Path;

/// What is measured: the bytes of the files a browser may fetch, as stored and as
/// brotli (what `serve` and a compressing host send).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sizes {
    pub site_raw: u64,
    pub site_brotli: u64,
    pub wasm_raw: u64,
    pub wasm_brotli: u64,
}

/// (what, measured, limit)
const fn limits(s: &Sizes) -> [(&'static str, u64, u64); 4] {
    [
        ("the whole player, uncompressed", s.site_raw, 4_000_000),
        ("the whole player, brotli", s.site_brotli, 1_200_000),
        ("the player's wasm, uncompressed", s.wasm_raw, 3_300_000),
        ("the player's wasm, brotli", s.wasm_brotli, 780_000),
    ]
}

/// Every limit exceeded, in words; empty when all hold.
pub fn over_budget(sizes: &Sizes) -> Vec<String> {
    limits(sizes)
        .into_iter()
        .filter(|(_, measured, limit)| measured > limit)
        .map(|(what, measured, limit)| {
            format!("{what} is {measured} bytes, over its budget of {limit} (xtask/src/budget.rs)")
        })
        .collect()
}

/// Measures the built site (the files `build-web` wrote, with their `.br` beside).
pub fn measure(site: &Path) -> Result<Sizes, String> {
    let mut sizes = Sizes::default();
    for file in crate::web::files_under(site)? {
        let served = file.strip_suffix(".br").unwrap_or(&file);
        if file.ends_with(".gz") || crate::web::is_report(served) {
            continue;
        }
        let size = std::fs::metadata(site.join(&file))
            .map_err(|e| e.to_string())?
            .len();
        let is_wasm = served == "firstshift_web_bg.wasm";
        if file.ends_with(".br") {
            sizes.site_brotli += size;
            if is_wasm {
                sizes.wasm_brotli += size;
            }
        } else {
            sizes.site_raw += size;
            if is_wasm {
                sizes.wasm_raw += size;
            }
        }
    }
    Ok(sizes)
}

/// Fails with every exceeded limit.
pub fn check(site: &Path) -> Result<(), String> {
    let sizes = measure(site)?;
    let over = over_budget(&sizes);
    if over.is_empty() {
        println!(
            "xtask: size budget holds: player {} KB raw / {} KB brotli, wasm {} KB / {} KB",
            sizes.site_raw / 1000,
            sizes.site_brotli / 1000,
            sizes.wasm_raw / 1000,
            sizes.wasm_brotli / 1000
        );
        Ok(())
    } else {
        Err(over.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_limit_is_reported_in_words_when_exceeded() {
        let fine = Sizes {
            site_raw: 3_000_000,
            site_brotli: 900_000,
            wasm_raw: 3_000_000,
            wasm_brotli: 700_000,
        };
        assert!(over_budget(&fine).is_empty());
        let heavy = Sizes {
            site_brotli: 1_300_000,
            wasm_brotli: 800_000,
            ..fine
        };
        let over = over_budget(&heavy);
        assert_eq!(over.len(), 2, "{over:?}");
        assert!(
            over[0].contains("the whole player, brotli is 1300000 bytes"),
            "{over:?}"
        );
    }
}
