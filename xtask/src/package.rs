//! `cargo xtask package`: a zip an LMS administrator uploads. It holds the player
//! (the built site without its precompressed copies, which LMS file servers do not
//! use), the chosen scenarios with a catalog of just those, and the manifest.

use std::io::Write;
use std::path::{Path, PathBuf};

use firstshift_lms::cmi5::course_structure;
use firstshift_lms::manifest::{Package, PackageItem, imsmanifest};
use firstshift_lms::scorm::Version;
use zip::write::SimpleFileOptions;

use crate::root;
use crate::web;

/// The package formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Scorm12,
    Scorm2004,
    Cmi5,
}

pub fn package(
    format: Format,
    scenarios: &[String],
    out: &Path,
    lrs_origins: &[String],
) -> Result<(), String> {
    if scenarios.is_empty() {
        return Err("name at least one scenario: --scenario healthcare/night-shift-opioid".into());
    }
    if format != Format::Cmi5 && !lrs_origins.is_empty() {
        return Err("--lrs-origin is for cmi5 packages only (SCORM talks to the LMS's page, not to a server)".into());
    }
    for origin in lrs_origins {
        check_origin(origin)?;
    }
    let site = web::build()?;
    let mut items = Vec::new();
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for id in scenarios {
        let path = root().join("scenarios").join(format!("{id}.ron"));
        let text = std::fs::read_to_string(&path).map_err(|_| {
            format!(
                "there is no built-in scenario `{id}` (looked for {})",
                path.display()
            )
        })?;
        let loaded = firstshift_scenario::load_scenario::<firstshift_sims::Sims>(&text);
        let Some(scenario) = loaded.scenario else {
            return Err(format!(
                "scenarios/{id}.ron has errors; run `firstshift validate scenarios/{id}.ron`"
            ));
        };
        items.push(PackageItem {
            scenario: id.clone(),
            title: scenario.title.clone(),
            pass_mark: scenario.rubric.pass_mark,
        });
        files.push((format!("scenarios/{id}.ron"), path));
        // The compiled form the player opens first, as `build-web` wrote it.
        let compiled = format!(
            "scenarios/{id}.{}",
            firstshift_scenario::compiled::EXTENSION
        );
        files.push((compiled.clone(), site.join(&compiled)));
    }
    // The player's files, as built.
    for entry in std::fs::read_dir(&site).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // Live reload is for `cargo xtask serve` only: an LMS never answers it.
        // Reports (`size-report.txt`, `bench-report.md`) are not the player's.
        let skip = path.is_dir()
            || name.ends_with(".gz")
            || name.ends_with(".br")
            || web::is_report(&name)
            || name == web::LIVE_RELOAD_SCRIPT;
        if !skip {
            files.push((name, path));
        }
    }
    let catalog = web::catalog_of(&items.iter().map(|i| i.scenario.clone()).collect::<Vec<_>>())?;
    let mut names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    names.push("scenarios/index.json".into());
    names.sort();
    let title = if items.len() == 1 {
        format!("FirstShift: {}", items[0].title)
    } else {
        format!("FirstShift: {} career scenarios", items.len())
    };
    let identifier = format!(
        "firstshift-{}",
        items
            .iter()
            .map(|i| i.scenario.replace('/', "-"))
            .collect::<Vec<_>>()
            .join("-")
    );
    let (manifest_name, manifest) = match format {
        Format::Scorm12 | Format::Scorm2004 => {
            let version = if format == Format::Scorm12 {
                Version::V12
            } else {
                Version::V2004
            };
            let package = Package {
                identifier,
                title,
                items,
                files: names,
            };
            ("imsmanifest.xml", imsmanifest(version, &package))
        }
        // cmi5 ids are IRIs; a URN names the course without claiming a web address.
        Format::Cmi5 => (
            "cmi5.xml",
            course_structure(&format!("urn:firstshift:{identifier}"), &title, &items),
        ),
    };

    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    let file =
        std::fs::File::create(out).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut add = |name: &str, bytes: &[u8]| -> Result<(), String> {
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())
    };
    add(manifest_name, manifest.as_bytes())?;
    add("scenarios/index.json", catalog.as_bytes())?;
    for (name, path) in &files {
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        if name == "index.html" && format == Format::Cmi5 {
            let page = String::from_utf8(bytes).map_err(|e| e.to_string())?;
            add(name, allow_connections(&page, lrs_origins)?.as_bytes())?;
        } else {
            add(name, &bytes)?;
        }
    }
    zip.finish().map_err(|e| e.to_string())?;
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "xtask: wrote {} ({:.1} MB, {} files, {format:?})",
        out.display(),
        size as f64 / 1e6,
        files.len() + 2
    );
    Ok(())
}

/// A cmi5 player talks to the LMS's LRS with `fetch`, which the page's
/// `connect-src 'self'` allows only on the origin the package is served from (where
/// most LMSs put their LRS). Another LRS origin must be named in the policy.
fn allow_connections(page: &str, origins: &[String]) -> Result<String, String> {
    const SELF_ONLY: &str = "connect-src 'self';";
    if !page.contains(SELF_ONLY) {
        return Err(format!(
            "the player's index.html no longer has `{SELF_ONLY}` in its Content-Security-Policy; update xtask/src/package.rs"
        ));
    }
    for origin in origins {
        check_origin(origin)?;
    }
    // The player checks a launch's `endpoint` and `fetch` against the same list
    // before it sends anything, and refuses the launch with a message otherwise.
    const HEAD: &str = "<head>";
    if !page.contains(HEAD) {
        return Err("the player's index.html has no <head>; update xtask/src/package.rs".into());
    }
    let page = page.replacen(
        HEAD,
        &format!(
            "{HEAD}\n  <meta name=\"firstshift-lrs-origins\" content=\"{}\">",
            origins.join(" ")
        ),
        1,
    );
    if origins.is_empty() {
        return Ok(page);
    }
    Ok(page.replace(
        SELF_ONLY,
        &format!("connect-src 'self' {};", origins.join(" ")),
    ))
}

/// An origin as a policy needs it: `https://host` or `http://host:port`, nothing
/// more (a path, a space or a `;` would change what the policy allows).
fn check_origin(origin: &str) -> Result<(), String> {
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    let valid = rest.is_some_and(|host| {
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    });
    if valid {
        Ok(())
    } else {
        Err(format!(
            "--lrs-origin `{origin}` is not an origin; give the scheme and host only, e.g. https://lrs.example.edu or http://10.0.0.5:8080"
        ))
    }
}

/// Where CI unpacks a smoke package: `web/e2e/tests/manifests.test.mjs` checks the
/// SCORM manifests against the published schemas, and the cmi5 browser test serves
/// the cmi5 package with its own LRS on the same origin, as an LMS would.
pub fn unpacked(format: Format) -> PathBuf {
    root().join(format!("target/packages/smoke-{format:?}").to_lowercase())
}

/// Writes a package of each format and reads it back: the player and the scenario
/// are there, a SCORM manifest lists every file in the zip, cmi5.xml has the
/// scenario's AU, and a cmi5 player's page may reach the LRS origin it was given.
/// Each package is left unpacked for the browser tests.
pub fn smoke_test() -> Result<(), String> {
    let id = "hospitality/front-desk-overbooked".to_string();
    let lrs = "https://lrs.example.edu".to_string();
    for format in [Format::Scorm12, Format::Scorm2004, Format::Cmi5] {
        let out = root().join(format!("target/packages/smoke-{format:?}.zip").to_lowercase());
        let origins = if format == Format::Cmi5 {
            vec![lrs.clone()]
        } else {
            Vec::new()
        };
        package(format, std::slice::from_ref(&id), &out, &origins)?;
        let file = std::fs::File::open(&out).map_err(|e| e.to_string())?;
        let mut zip = zip::ZipArchive::new(file).map_err(|e| e.to_string())?;
        let names: Vec<String> = zip
            .file_names()
            .map(|n| n.map(|n| n.into_owned()))
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?;
        for needed in [
            "index.html",
            "firstshift_web_bg.wasm",
            "scenarios/index.json",
            &format!("scenarios/{id}.ron"),
        ] {
            if !names
                .iter()
                .any(|n| crate::fingerprint::plain_name(n) == needed)
            {
                return Err(format!("{}: no {needed} in the package", out.display()));
            }
        }
        let mut read = |name: &str| -> Result<String, String> {
            let mut text = String::new();
            std::io::Read::read_to_string(
                &mut zip
                    .by_name(name)
                    .map_err(|e| format!("{}: {name}: {e}", out.display()))?,
                &mut text,
            )
            .map_err(|e| e.to_string())?;
            Ok(text)
        };
        if format == Format::Cmi5 {
            let structure = read("cmi5.xml")?;
            if !structure.contains(&format!("<url>index.html?scenario={id}</url>")) {
                return Err(format!("{}: cmi5.xml has no AU for {id}", out.display()));
            }
            if !read("index.html")?.contains(&format!("connect-src 'self' {lrs};")) {
                return Err(format!(
                    "{}: the player's page does not allow the LRS origin {lrs}",
                    out.display()
                ));
            }
        } else {
            let manifest = read("imsmanifest.xml")?;
            for name in names.iter().filter(|n| *n != "imsmanifest.xml") {
                if !manifest.contains(&format!("<file href=\"{name}\"/>")) {
                    return Err(format!(
                        "{}: the manifest does not list {name}",
                        out.display()
                    ));
                }
            }
        }
        // Unpacked for the browser tests: the manifests' schema check, and the cmi5
        // test, which plays this package.
        let unpacked = unpacked(format);
        let _ = std::fs::remove_dir_all(&unpacked);
        zip.extract(&unpacked).map_err(|e| e.to_string())?;
        eprintln!("xtask: package {format:?} checked ({} files)", names.len());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_lrs_origin_is_a_scheme_and_a_host_only() {
        for good in [
            "https://lrs.example.edu",
            "http://10.0.0.5:8080",
            "http://[::1]:9000",
        ] {
            assert_eq!(check_origin(good), Ok(()), "{good}");
        }
        for bad in [
            "lrs.example.edu",
            "https://",
            "https://lrs.example.edu/xapi/",
            "https://a.edu; script-src *",
            "https://a.edu https://b.edu",
            "javascript:alert(1)",
        ] {
            let err = check_origin(bad).unwrap_err();
            assert!(err.contains("is not an origin"), "{bad}: {err}");
        }
    }

    #[test]
    fn the_policy_names_the_lrs_origins_and_keeps_the_rest() {
        let page =
            "<head><meta content=\"default-src 'self'; connect-src 'self'; object-src 'none'\">";
        assert_eq!(
            allow_connections(page, &[]).unwrap(),
            "<head>\n  <meta name=\"firstshift-lrs-origins\" content=\"\"><meta content=\"default-src 'self'; connect-src 'self'; object-src 'none'\">"
        );
        let allowed =
            allow_connections(page, &["https://a.edu".into(), "https://b.edu".into()]).unwrap();
        assert_eq!(
            allowed,
            "<head>\n  <meta name=\"firstshift-lrs-origins\" content=\"https://a.edu https://b.edu\"><meta content=\"default-src 'self'; connect-src 'self' https://a.edu https://b.edu; object-src 'none'\">"
        );
        assert!(allow_connections("<head><meta content=\"default-src *\">", &[]).is_err());
        assert!(allow_connections(page, &["https://a.edu\"><script>".into()]).is_err());
    }

    #[test]
    fn the_players_files_still_have_what_the_package_rewrites() {
        let page = std::fs::read_to_string(root().join("web/static/index.html")).unwrap();
        assert!(allow_connections(&page, &["https://lrs.example.edu".into()]).is_ok());
        // Nothing a package ships asks for live reload.
        for entry in std::fs::read_dir(root().join("web/static")).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().unwrap() != web::LIVE_RELOAD_SCRIPT {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(!text.contains("__livereload"), "{}", path.display());
                assert!(
                    !text.contains(web::LIVE_RELOAD_SCRIPT),
                    "{}",
                    path.display()
                );
            }
        }
    }
}
