//! The size budget: sizes are deterministic, so CI can hold them (times live in
//! `bench-web` only). Checked after every `build-web` in `cargo xtask test`.
//!
//! The whole player's budget and the first choice's are issue 16's goals. The
//! wasm's is a ratchet a little above what it weighs now, so growth is a decision
//! someone makes in a commit, not an accident: lower it when the player gets lighter.

use std::path::Path;

/// What is measured: the bytes of the files a browser may fetch, as stored and as
/// brotli (what `serve` and a compressing host send).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sizes {
    pub site_raw: u64,
    pub site_brotli: u64,
    pub wasm_raw: u64,
    pub wasm_brotli: u64,
    /// What a student's browser fetches before the first choice, brotli: the
    /// [`FIRST_CHOICE`] files and the largest compiled built-in scenario.
    pub first_choice_brotli: u64,
}

/// The files every student fetches before the first choice (besides the scenario).
/// The browser tests check that nothing else is fetched (`critical-path.test.mjs`).
pub const FIRST_CHOICE: [&str; 5] = [
    "index.html",
    "style.css",
    "boot.js",
    "firstshift_web.js",
    "firstshift_web_bg.wasm",
];

/// (what, measured, limit)
const fn limits(s: &Sizes) -> [(&'static str, u64, u64); 5] {
    [
        ("the whole player, uncompressed", s.site_raw, 4_000_000),
        ("the whole player, brotli", s.site_brotli, 1_200_000),
        // Issue 16's goal was 450 KB. The third model (sims/business) took it to
        // 478 KB: its own code is 32 KB raw, the rest is serde_json and std
        // instantiated for its types, some twice (once per crate that uses them).
        // Raised deliberately, to be won back (see the closing note of issue 17).
        // The debrief's charts (issue 17, part 4) added about 14 KB brotli more.
        // The server launch (issue 18, part 3: the outbox that posts choices to
        // the FirstShift server, and the launch that reads its run) took it past
        // 500 KB, to 503.7 KB; the way back is below (the phrasebooks, ~7 KB).
        (
            "what a student fetches before the first choice, brotli",
            s.first_choice_brotli,
            505_000,
        ),
        // 1.741 MB / 470 KB after the debrief's charts (+38 KB raw, +13.6 KB
        // brotli over 1.703 MB / 457 KB, which was the business model); the
        // models' Spanish phrasebooks (issue 17, part 5) took it to 1.764 MB /
        // 477.5 KB (+22.5 KB raw, +7.3 KB brotli). Every student downloads them;
        // shipping a model's Spanish inside the compiled Spanish scenario instead
        // would win those bytes back for English readers. The business model's
        // Spanish added 5.0 KB raw / 1.9 KB brotli, and the server launch (issue
        // 18, part 3) 15.6 KB / 4.8 KB more: 1.784 MB / 484.2 KB.
        ("the player's wasm, uncompressed", s.wasm_raw, 1_790_000),
        ("the player's wasm, brotli", s.wasm_brotli, 486_000),
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
    let mut largest_scenario = 0;
    let compiled = format!(".{}", firstshift_scenario::compiled::EXTENSION);
    for file in crate::web::files_under(site)? {
        let served = file.strip_suffix(".br").unwrap_or(&file);
        if file.ends_with(".gz") || crate::web::is_report(served) {
            continue;
        }
        let size = std::fs::metadata(site.join(&file))
            .map_err(|e| e.to_string())?
            .len();
        // The heavy files carry a content hash in their names (`fingerprint`).
        let plain = crate::fingerprint::plain_name(served);
        let is_wasm = plain == "firstshift_web_bg.wasm";
        if file.ends_with(".br") {
            sizes.site_brotli += size;
            if is_wasm {
                sizes.wasm_brotli += size;
            }
            if FIRST_CHOICE.contains(&plain.as_str()) {
                sizes.first_choice_brotli += size;
            }
            if served.starts_with("scenarios/") && served.ends_with(&compiled) {
                largest_scenario = largest_scenario.max(size);
            }
        } else {
            sizes.site_raw += size;
            if is_wasm {
                sizes.wasm_raw += size;
            }
        }
    }
    sizes.first_choice_brotli += largest_scenario;
    Ok(sizes)
}

/// Fails with every exceeded limit.
pub fn check(site: &Path) -> Result<(), String> {
    let sizes = measure(site)?;
    let over = over_budget(&sizes);
    if over.is_empty() {
        println!(
            "xtask: size budget holds: player {} KB raw / {} KB brotli, first choice {} KB brotli, wasm {} KB / {} KB",
            sizes.site_raw / 1000,
            sizes.site_brotli / 1000,
            sizes.first_choice_brotli / 1000,
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
            wasm_raw: 1_400_000,
            wasm_brotli: 400_000,
            first_choice_brotli: 420_000,
        };
        assert!(over_budget(&fine).is_empty());
        let heavy = Sizes {
            site_brotli: 1_300_000,
            first_choice_brotli: 520_000,
            ..fine
        };
        let over = over_budget(&heavy);
        assert_eq!(over.len(), 2, "{over:?}");
        assert!(
            over[0].contains("the whole player, brotli is 1300000 bytes"),
            "{over:?}"
        );
        assert!(over[1].contains("before the first choice"), "{over:?}");
    }

    /// The first choice counts the files every student fetches and the largest
    /// compiled scenario (a student opens one), never a teacher's checker.
    #[test]
    fn the_first_choice_counts_the_player_and_the_largest_scenario() {
        let site = std::env::temp_dir().join(format!("firstshift-budget-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&site);
        std::fs::create_dir_all(site.join("scenarios/a")).unwrap();
        let put = |name: &str, bytes: usize| {
            std::fs::write(site.join(name), vec![b'x'; bytes * 10]).unwrap();
            std::fs::write(site.join(format!("{name}.br")), vec![b'x'; bytes]).unwrap();
        };
        for (i, name) in FIRST_CHOICE.iter().enumerate() {
            // The heavy files carry a content hash in a built site.
            let served = match *name {
                "firstshift_web_bg.wasm" => "firstshift_web_bg.0123456789abcdef.wasm",
                other => other,
            };
            put(served, 100 * (i + 1));
        }
        put("firstshift_checker_bg.0123456789abcdef.wasm", 5000);
        put("scenarios/a/small.scenario.json", 30);
        put("scenarios/a/large.es.scenario.json", 70);
        put("scenarios/a/large.ron", 900);
        let sizes = measure(&site).unwrap();
        let _ = std::fs::remove_dir_all(&site);
        assert_eq!(sizes.first_choice_brotli, 100 + 200 + 300 + 400 + 500 + 70);
        assert_eq!(sizes.wasm_brotli, 500);
        assert_eq!(sizes.site_brotli, 1500 + 5000 + 30 + 70 + 900);
    }
}
