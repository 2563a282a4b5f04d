//! `cargo xtask package`: a zip an LMS administrator uploads. It holds the player
//! (the built site without its precompressed copies, which LMS file servers do not
//! use), the chosen scenarios with a catalog of just those, and the manifest.

use std::io::Write;
use std::path::{Path, PathBuf};

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
}

pub fn package(format: Format, scenarios: &[String], out: &Path) -> Result<(), String> {
    if scenarios.is_empty() {
        return Err("name at least one scenario: --scenario healthcare/night-shift-opioid".into());
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
        let loaded = firstshift_scenario::load_scenario(&text);
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
    }
    // The player's files, as built.
    for entry in std::fs::read_dir(&site).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let skip = path.is_dir()
            || name.ends_with(".gz")
            || name.ends_with(".br")
            || name.ends_with(".txt");
        if !skip {
            files.push((name, path));
        }
    }
    let catalog = web::catalog_of(&items.iter().map(|i| i.scenario.clone()).collect::<Vec<_>>())?;
    let mut names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    names.push("scenarios/index.json".into());
    names.sort();
    let version = match format {
        Format::Scorm12 => Version::V12,
        Format::Scorm2004 => Version::V2004,
    };
    let title = if items.len() == 1 {
        format!("FirstShift: {}", items[0].title)
    } else {
        format!("FirstShift: {} career scenarios", items.len())
    };
    let manifest = imsmanifest(
        version,
        &Package {
            identifier: format!(
                "firstshift-{}",
                items
                    .iter()
                    .map(|i| i.scenario.replace('/', "-"))
                    .collect::<Vec<_>>()
                    .join("-")
            ),
            title,
            items,
            files: names,
        },
    );

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
    add("imsmanifest.xml", manifest.as_bytes())?;
    add("scenarios/index.json", catalog.as_bytes())?;
    for (name, path) in &files {
        add(name, &std::fs::read(path).map_err(|e| e.to_string())?)?;
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

/// Writes a package of each format and reads it back: the manifest, the player and
/// the scenario are there, and the manifest lists every file in the zip.
pub fn smoke_test() -> Result<(), String> {
    let id = "hospitality/front-desk-overbooked".to_string();
    for format in [Format::Scorm12, Format::Scorm2004] {
        let out = root().join(format!("target/packages/smoke-{format:?}.zip").to_lowercase());
        package(format, std::slice::from_ref(&id), &out)?;
        let file = std::fs::File::open(&out).map_err(|e| e.to_string())?;
        let mut zip = zip::ZipArchive::new(file).map_err(|e| e.to_string())?;
        let names: Vec<String> = zip
            .file_names()
            .map(|n| n.map(|n| n.into_owned()))
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?;
        let mut manifest = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("imsmanifest.xml").map_err(|e| e.to_string())?,
            &mut manifest,
        )
        .map_err(|e| e.to_string())?;
        for needed in [
            "index.html",
            "firstshift_web_bg.wasm",
            "scenarios/index.json",
        ] {
            if !names.iter().any(|n| n == needed) {
                return Err(format!("{}: no {needed} in the package", out.display()));
            }
        }
        for name in names.iter().filter(|n| *n != "imsmanifest.xml") {
            if !manifest.contains(&format!("<file href=\"{name}\"/>")) {
                return Err(format!(
                    "{}: the manifest does not list {name}",
                    out.display()
                ));
            }
        }
        eprintln!("xtask: package {format:?} checked ({} files)", names.len());
    }
    Ok(())
}
