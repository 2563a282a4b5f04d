//! Content-hashed names for the site's heavy files, so a host may let browsers
//! keep them for a year (`Cache-Control: immutable`) and a new build is still
//! fetched at once: a changed file has a new name.
//!
//! The two wasm modules and their glue are renamed `<stem>.<hash>.<ext>` (16 hex
//! digits of FNV-1a 64 of the final bytes), and every file that names them is
//! rewritten: each glue names its wasm, `boot.js` names both glues, the page
//! preloads the player's. The page, `boot.js` and `style.css` keep their names:
//! they are small, and the page must be found at its address; a host revalidates
//! them.

use std::path::Path;

use firstshift_core::fnv1a64;

/// The files that get content-hashed names, each with the files that name it,
/// dependencies first (a glue's name changes with its wasm's).
const RENAMED: [(&str, &[&str]); 4] = [
    ("firstshift_web_bg.wasm", &["firstshift_web.js"]),
    ("firstshift_checker_bg.wasm", &["firstshift_checker.js"]),
    ("firstshift_web.js", &["boot.js", "index.html"]),
    ("firstshift_checker.js", &["boot.js"]),
];

/// The preload of the player's wasm in the page names it too.
const ALSO_NAMING: [(&str, &str); 1] = [("firstshift_web_bg.wasm", "index.html")];

/// Gives the heavy files their content-hashed names and rewrites every reference.
/// `site` holds them under their plain names, as wasm-bindgen and the static copy
/// wrote them; older fingerprinted copies are deleted. A file whose hashed copy is
/// already there (the same bytes, so the same name) keeps that copy, and with it
/// the compressed copies beside it, which are then not made again.
pub fn apply(site: &Path) -> Result<(), String> {
    let mut current = Vec::new();
    for (plain, named_in) in RENAMED {
        let path = site.join(plain);
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let hashed = hashed_name(plain, &bytes);
        let mut namers: Vec<&str> = named_in.to_vec();
        namers.extend(
            ALSO_NAMING
                .iter()
                .filter(|(f, _)| *f == plain)
                .map(|(_, n)| *n),
        );
        for namer in namers {
            rewrite(&site.join(namer), plain, &hashed)?;
        }
        if site.join(&hashed).exists() {
            std::fs::remove_file(&path).map_err(|e| e.to_string())?;
        } else {
            std::fs::rename(&path, site.join(&hashed)).map_err(|e| e.to_string())?;
        }
        current.push(hashed);
    }
    remove_stale(site, &current)
}

/// `firstshift_web_bg.wasm` with `bytes` → `firstshift_web_bg.0123456789abcdef.wasm`.
pub fn hashed_name(plain: &str, bytes: &[u8]) -> String {
    let (stem, ext) = plain.rsplit_once('.').unwrap_or((plain, ""));
    format!("{stem}.{:016x}.{ext}", fnv1a64(bytes))
}

/// The plain name of a file that may carry a content hash: what the file is,
/// whatever build wrote it (`firstshift_web.0123456789abcdef.js` → `firstshift_web.js`).
pub fn plain_name(name: &str) -> String {
    let parts: Vec<&str> = name.split('.').collect();
    match parts.as_slice() {
        [stem, hash, ext] if is_hash(hash) => format!("{stem}.{ext}"),
        _ => name.to_string(),
    }
}

/// Whether a file's name carries a content hash (so it never changes).
pub fn is_fingerprinted(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    plain_name(file) != file
}

fn is_hash(text: &str) -> bool {
    text.len() == 16
        && text
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// Replaces the one quoted reference to `plain` in `file` (between quotes, with
/// or without `./`); a file that does not name it is an error, so a change in
/// wasm-bindgen's output cannot leave a stale name behind unnoticed.
fn rewrite(file: &Path, plain: &str, hashed: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut out = text.clone();
    for quote in ['"', '\''] {
        for prefix in ["", "./"] {
            out = out.replace(
                &format!("{quote}{prefix}{plain}{quote}"),
                &format!("{quote}{prefix}{hashed}{quote}"),
            );
        }
    }
    if out == text {
        return Err(format!(
            "{} no longer names {plain} in quotes; update xtask/src/fingerprint.rs",
            file.display()
        ));
    }
    std::fs::write(file, out).map_err(|e| e.to_string())
}

/// Deletes the fingerprinted files an earlier build left, all but `current`.
/// (Their `.gz` and `.br` go with the compression step's orphans.)
fn remove_stale(site: &Path, current: &[String]) -> Result<(), String> {
    for entry in std::fs::read_dir(site).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if path.is_file() && is_fingerprinted(name) && !current.iter().any(|c| c == name) {
            std::fs::remove_file(&path).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_hash_and_lose_it_again() {
        let name = hashed_name("firstshift_web_bg.wasm", b"\0asm");
        assert!(name.starts_with("firstshift_web_bg.") && name.ends_with(".wasm"));
        assert_ne!(name, hashed_name("firstshift_web_bg.wasm", b"\0asm2"));
        assert_eq!(plain_name(&name), "firstshift_web_bg.wasm");
        assert!(is_fingerprinted(&name));
        for plain in [
            "boot.js",
            "style.css",
            "scenarios/a/b.es.ron",
            "index.html",
            "a.DEADBEEFDEADBEEF.js",
        ] {
            assert!(!is_fingerprinted(plain), "{plain}");
            assert_eq!(plain_name(plain), plain);
        }
    }

    #[test]
    fn a_build_renames_the_heavy_files_and_every_reference() {
        let site =
            std::env::temp_dir().join(format!("firstshift-fingerprint-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&site);
        std::fs::create_dir_all(&site).unwrap();
        let put = |name: &str, text: &str| std::fs::write(site.join(name), text).unwrap();
        put("firstshift_web_bg.wasm", "player wasm");
        put("firstshift_checker_bg.wasm", "checker wasm");
        put(
            "firstshift_web.js",
            "fetch(new URL('firstshift_web_bg.wasm', import.meta.url))",
        );
        put(
            "firstshift_checker.js",
            "fetch(new URL('firstshift_checker_bg.wasm', import.meta.url))",
        );
        put(
            "boot.js",
            "import init from \"./firstshift_web.js\"; import(\"./firstshift_checker.js\")",
        );
        put(
            "index.html",
            "<link rel=\"modulepreload\" href=\"firstshift_web.js\"><link rel=\"preload\" href=\"firstshift_web_bg.wasm\">",
        );
        put("firstshift_web.0000000000000000.js", "an old build's");
        apply(&site).unwrap();

        let mut names: Vec<String> = std::fs::read_dir(&site)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let read = |name: &str| std::fs::read_to_string(site.join(name)).unwrap();
        let find = |plain: &str| {
            names
                .iter()
                .find(|n| plain_name(n) == plain && is_fingerprinted(n))
                .cloned()
                .unwrap()
        };
        let (wasm, glue, checker) = (
            find("firstshift_web_bg.wasm"),
            find("firstshift_web.js"),
            find("firstshift_checker.js"),
        );
        assert_eq!(names.len(), 6, "{names:?}");
        assert!(!names.contains(&"firstshift_web.0000000000000000.js".to_string()));
        assert!(read(&glue).contains(&format!("'{wasm}'")));
        assert_eq!(
            glue,
            hashed_name("firstshift_web.js", read(&glue).as_bytes())
        );
        let boot = read("boot.js");
        assert!(
            boot.contains(&format!("\"./{glue}\"")) && boot.contains(&format!("\"./{checker}\""))
        );
        let page = read("index.html");
        assert!(
            page.contains(&format!("href=\"{glue}\""))
                && page.contains(&format!("href=\"{wasm}\""))
        );
        assert!(read(&find("firstshift_checker.js")).contains(&find("firstshift_checker_bg.wasm")));

        // A page that no longer names the glue is an error, not a stale name.
        put("firstshift_web.js", "x");
        put("firstshift_web_bg.wasm", "y");
        put(
            "firstshift_checker.js",
            "fetch('firstshift_checker_bg.wasm')",
        );
        put("firstshift_checker_bg.wasm", "z");
        put("index.html", "<p>nothing</p>");
        let error = apply(&site).unwrap_err();
        assert!(
            error.contains("no longer names firstshift_web_bg.wasm"),
            "{error}"
        );
        let _ = std::fs::remove_dir_all(&site);
    }
}
