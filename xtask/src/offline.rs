//! Offline play: writes the service worker's list of files and its version.
//!
//! The worker (`web/static/sw.js`) keeps every file a student needs to play a
//! built-in scenario: the page, its scripts, styles, the wasm, the catalog and
//! every scenario with its compiled translations. The guides (`docs/`), the host
//! side of the embedding protocol and the developer's live-reload script are left
//! out. The version is a hash of the files' names and contents, so any change
//! installs a new cache and nothing stale is kept.

use std::path::Path;

/// The line of `sw.js` this module writes.
const BUILD_LINE: &str =
    "const BUILD = { version: \"unbuilt\", files: [] }; // xtask writes this line";

/// Fills in `site/sw.js` from the files now in `site`.
pub fn write_service_worker(site: &Path) -> Result<(), String> {
    let worker = site.join("sw.js");
    let template =
        std::fs::read_to_string(&worker).map_err(|e| format!("{}: {e}", worker.display()))?;
    if !template.contains(BUILD_LINE) {
        return Err(format!(
            "{} has no `{BUILD_LINE}` line for the build to fill in",
            worker.display()
        ));
    }
    let files = kept_files(site)?;
    let mut kept = Vec::new();
    for file in &files {
        kept.extend_from_slice(file.as_bytes());
        kept.extend(std::fs::read(site.join(file)).map_err(|e| e.to_string())?);
    }
    let version = firstshift_core::fnv1a64(&kept);
    let build = serde_json::json!({ "version": format!("{version:016x}"), "files": files });
    let line = format!("const BUILD = {build};");
    std::fs::write(&worker, template.replacen(BUILD_LINE, &line, 1)).map_err(|e| e.to_string())
}

/// What the worker keeps, as paths relative to the site with `/`, sorted.
pub fn kept_files(site: &Path) -> Result<Vec<String>, String> {
    Ok(crate::web::files_under(site)?
        .into_iter()
        .filter(|f| is_kept(f))
        .collect())
}

fn is_kept(relative: &str) -> bool {
    let left_out_names = ["sw.js", "embed.js", "live-reload.js"];
    !relative.starts_with("docs/")
        && !left_out_names.contains(&relative)
        && !relative.ends_with(".gz")
        && !relative.ends_with(".br")
        && !crate::web::is_report(relative)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_a_student_plays_with_and_nothing_else() {
        for kept in [
            "index.html",
            "firstshift_web_bg.wasm",
            "scenarios/index.json",
            "scenarios/a/b.es.scenario.json",
        ] {
            assert!(is_kept(kept), "{kept}");
        }
        for left in [
            "sw.js",
            "embed.js",
            "live-reload.js",
            "size-report.txt",
            "index.html.br",
            "bench-report.md",
        ] {
            assert!(!is_kept(left), "{left}");
        }
    }

    /// The worker's version after a build of a site holding `index.html` only.
    fn version_for(page: &str) -> String {
        let site = std::env::temp_dir().join(format!("firstshift-sw-{}", std::process::id()));
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(site.join("sw.js"), include_str!("../../web/static/sw.js")).unwrap();
        std::fs::write(site.join("index.html"), page).unwrap();
        write_service_worker(&site).unwrap();
        let worker = std::fs::read_to_string(site.join("sw.js")).unwrap();
        let _ = std::fs::remove_dir_all(&site);
        let at = worker.find("\"version\":\"").unwrap() + 11;
        worker[at..at + 16].to_string()
    }

    #[test]
    fn the_version_changes_with_any_byte() {
        assert_eq!(version_for("<html>"), version_for("<html>"));
        assert_ne!(version_for("<html>"), version_for("<html!"));
    }

    #[test]
    fn the_template_has_the_line_the_build_fills_in() {
        let template = include_str!("../../web/static/sw.js");
        assert!(template.contains(BUILD_LINE));
    }
}
