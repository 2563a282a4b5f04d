//! `cargo xtask build-web`: the static site in target/web.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use firstshift_scenario::catalog::{Catalog, CatalogEntry};

use firstshift_scenario::translate::{check_translation, translate};
use firstshift_scenario::{FileKind, file_kind};

use crate::{cargo, root, run};

/// The live-reload script in `web/static`: only `cargo xtask serve` puts it on the
/// page, and packages leave it out.
pub const LIVE_RELOAD_SCRIPT: &str = "live-reload.js";

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";

pub fn site_dir() -> PathBuf {
    root().join("target/web")
}

pub fn ensure_wasm_target() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains(TARGET))
        .unwrap_or(false);
    if installed {
        return Ok(());
    }
    run(
        "install the wasm target",
        Command::new("rustup").args(["target", "add", TARGET]),
    )
}

/// Where cargo puts what it builds: `CARGO_TARGET_DIR` if set, else `target/`.
fn cargo_target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

/// Builds the whole site and returns its folder.
pub fn build() -> Result<PathBuf, String> {
    ensure_wasm_target()?;
    // One cargo run for both modules, so they share every compiled dependency.
    let mut build = cargo();
    build.args(["build", "--target", TARGET, "--profile", PROFILE]);
    for module in MODULES {
        build.args(["-p", module]);
    }
    run("build the player and the checker (wasm)", &mut build)?;
    let site = site_dir();
    std::fs::create_dir_all(&site).map_err(|e| e.to_string())?;
    let built = |module: &str| {
        cargo_target_dir().join(format!(
            "{TARGET}/{PROFILE}/{}.wasm",
            module.replace('-', "_")
        ))
    };
    for module in MODULES {
        bindgen(&built(module), &site)?;
    }
    let wasm = built(MODULES[0]);
    copy_static(&site)?;
    crate::fingerprint::apply(&site)?;
    crate::docs::publish(&site)?;
    publish_scenarios(&site, true)?;
    crate::offline::write_service_worker(&site)?;
    let by_crate = crate::wasm_size::report(&crate::wasm_size::read(&wasm)?);
    compress_and_report(&site, &by_crate)?;
    Ok(site)
}

/// The site's wasm modules: the player, and the teacher's checker that it imports
/// only when a teacher opens a file of their own (`web/checker`).
pub const MODULES: [&str; 2] = ["firstshift-web", "firstshift-checker"];

/// wasm-bindgen as a library, so its version is pinned with the crate's. It runs
/// on every build (well under a second): `fingerprint` renames what it writes,
/// and keeps an unchanged file's earlier copy, so nothing downstream is redone.
fn bindgen(wasm: &Path, site: &Path) -> Result<(), String> {
    let started = Instant::now();
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(wasm)
        .web(true)
        .map_err(|e| e.to_string())?
        .omit_default_module_path(false)
        // `FIRSTSHIFT_WASM_NAMES=1` keeps function names, so that a browser
        // profile of the player names Rust functions (docs/player.md).
        .remove_name_section(std::env::var_os("FIRSTSHIFT_WASM_NAMES").is_none())
        .remove_producers_section(true)
        .typescript(false)
        .generate(site)
        .map_err(|e| format!("wasm-bindgen: {e}"))?;
    eprintln!(
        "xtask: wasm-bindgen took {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn copy_static(site: &Path) -> Result<(), String> {
    for entry in std::fs::read_dir(root().join("web/static")).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_file() {
            std::fs::copy(&path, site.join(path.file_name().unwrap()))
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// Copies the built-in scenarios (not the `_invalid` corpus) and writes the
/// catalog index. `strict` (a build) refuses a scenario that does not validate;
/// otherwise (live editing) it is copied but left out of the catalog, so the
/// teacher can open it with `?src=` and see the error panel.
pub fn publish_scenarios(site: &Path, strict: bool) -> Result<(), String> {
    let source = root().join("scenarios");
    let target = site.join("scenarios");
    let _ = std::fs::remove_dir_all(&target);
    let mut catalog = Catalog::default();
    let mut loaded_scenarios = std::collections::BTreeMap::new();
    let mut translations = Vec::new();
    let mut stack = vec![source.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "_invalid" {
                    stack.push(path);
                }
                continue;
            }
            let kind = file_kind(&name);
            if matches!(kind, FileKind::Plays | FileKind::Other) {
                continue;
            }
            let relative = path
                .strip_prefix(&source)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if let FileKind::Translation(language) = kind {
                // A translation: checked once its scenario is in, and published
                // only as the compiled, translated scenario. The player never reads
                // the translation file itself, so it is not copied: it would cost
                // the site and every offline cache its bytes for nothing.
                let scenario = relative.replace(&format!(".{language}.ron"), ".ron");
                translations.push((scenario, language.to_string(), path.clone()));
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
            let loaded = firstshift_scenario::load_scenario::<firstshift_sims::Sims>(&text);
            let out = target.join(&relative);
            std::fs::create_dir_all(out.parent().unwrap()).map_err(|e| e.to_string())?;
            std::fs::write(&out, &text).map_err(|e| e.to_string())?;
            match loaded.scenario {
                Some(scenario) => {
                    // What the player opens: the checked scenario, no RON to parse.
                    let compiled = out.with_extension(firstshift_scenario::compiled::EXTENSION);
                    std::fs::write(&compiled, firstshift_scenario::compiled::compile(&scenario))
                        .map_err(|e| e.to_string())?;
                    catalog.scenarios.push(CatalogEntry::new(
                        &scenario,
                        format!("scenarios/{relative}"),
                    ));
                    loaded_scenarios.insert(relative.clone(), scenario);
                }
                None if strict => {
                    return Err(format!(
                        "scenarios/{relative} has errors; run `firstshift validate scenarios`"
                    ));
                }
                None => eprintln!(
                    "scenarios/{relative} has errors: open ?src=scenarios/{relative} to see them"
                ),
            }
        }
    }
    for (scenario_path, language, path) in translations {
        let Some(scenario) = loaded_scenarios.get(&scenario_path) else {
            continue; // its scenario has errors, reported above
        };
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        let (translation, diagnostics) = check_translation(scenario, &text, Some(&language));
        match translation {
            Some(translation) if !diagnostics.iter().any(|d| d.is_error()) => {
                let translated = translate(scenario, &translation);
                // What a student in that language opens: the whole scenario,
                // translated and checked here, so the player reads no RON.
                let compiled = target.join(&scenario_path).with_extension(format!(
                    "{language}.{}",
                    firstshift_scenario::compiled::EXTENSION
                ));
                std::fs::write(
                    &compiled,
                    firstshift_scenario::compiled::compile(&translated),
                )
                .map_err(|e| e.to_string())?;
                if let Some(entry) = catalog
                    .scenarios
                    .iter_mut()
                    .find(|e| e.path == format!("scenarios/{scenario_path}"))
                {
                    entry.add_translation(&language, &translated);
                }
            }
            _ if strict => {
                return Err(format!(
                    "{} has errors; run `firstshift validate scenarios`",
                    path.display()
                ));
            }
            _ => eprintln!(
                "{} has errors; the player shows the English",
                path.display()
            ),
        }
    }
    catalog.scenarios.sort_by(|a, b| a.id.cmp(&b.id));
    let json = serde_json::to_string_pretty(&catalog).map_err(|e| e.to_string())?;
    std::fs::write(target.join("index.json"), json).map_err(|e| e.to_string())?;
    Ok(())
}

/// The catalog (`scenarios/index.json`) of just these built-in scenarios, for a
/// package.
pub fn catalog_of(ids: &[String]) -> Result<String, String> {
    let mut catalog = Catalog::default();
    for id in ids {
        let text = std::fs::read_to_string(root().join("scenarios").join(format!("{id}.ron")))
            .map_err(|e| format!("scenarios/{id}.ron: {e}"))?;
        let scenario = firstshift_scenario::load_scenario::<firstshift_sims::Sims>(&text)
            .scenario
            .ok_or_else(|| format!("scenarios/{id}.ron has errors"))?;
        catalog
            .scenarios
            .push(CatalogEntry::new(&scenario, format!("scenarios/{id}.ron")));
    }
    serde_json::to_string_pretty(&catalog).map_err(|e| e.to_string())
}

/// Every file under `dir`, as paths relative to it with `/`, sorted.
pub fn files_under(dir: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).map_err(|e| e.to_string())?;
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The reports written beside the built site (`size-report.txt`, `bench-report.md`):
/// never served to a student, compressed, cached or packaged.
pub fn is_report(name: &str) -> bool {
    name.ends_with(".txt") || name.ends_with(".md")
}

/// Writes each file's `.gz` and `.br` beside it and the size report, which ends
/// with `appendix` (the wasm's breakdown by crate).
fn compress_and_report(site: &Path, appendix: &str) -> Result<(), String> {
    // A compressed copy whose file is gone (renamed by `fingerprint`, removed from
    // web/static) would still be served and counted: delete it.
    let mut files = Vec::new();
    for file in files_under(site)? {
        match file
            .strip_suffix(".gz")
            .or_else(|| file.strip_suffix(".br"))
        {
            Some(served) if !site.join(served).exists() => {
                std::fs::remove_file(site.join(&file)).map_err(|e| e.to_string())?;
            }
            Some(_) => {}
            None if is_report(&file) => {}
            None => files.push(site.join(file)),
        }
    }
    let mut report =
        String::from("file                                         raw        gzip      brotli\n");
    let (mut total_raw, mut total_gz, mut total_br) = (0, 0, 0);
    let started = Instant::now();
    for path in &files {
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        let (gz_path, br_path) = (append_ext(path, "gz"), append_ext(path, "br"));
        let (gz, br) = if newer(&gz_path, path) && newer(&br_path, path) {
            // Unchanged since the last build: keep the (slow) brotli output.
            (
                std::fs::read(&gz_path).map_err(|e| e.to_string())?,
                std::fs::read(&br_path).map_err(|e| e.to_string())?,
            )
        } else {
            let (gz, br) = (gzip(&bytes), brotli(&bytes));
            std::fs::write(&gz_path, &gz).map_err(|e| e.to_string())?;
            std::fs::write(&br_path, &br).map_err(|e| e.to_string())?;
            (gz, br)
        };
        let name = path.strip_prefix(site).unwrap().to_string_lossy();
        report.push_str(&format!(
            "{name:<40} {:>9} {:>11} {:>11}\n",
            kb(bytes.len()),
            kb(gz.len()),
            kb(br.len())
        ));
        total_raw += bytes.len();
        total_gz += gz.len();
        total_br += br.len();
    }
    report.push_str(&format!(
        "{:<40} {:>9} {:>11} {:>11}\n",
        "TOTAL",
        kb(total_raw),
        kb(total_gz),
        kb(total_br)
    ));
    eprintln!(
        "xtask: compression took {:.1} s",
        started.elapsed().as_secs_f64()
    );
    report.push_str(appendix);
    println!("{report}");
    std::fs::write(site.join("size-report.txt"), report).map_err(|e| e.to_string())?;
    Ok(())
}

fn newer(a: &Path, than: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((modified(a), modified(than)), (Some(a), Some(b)) if a >= b)
}

fn append_ext(path: &Path, ext: &str) -> PathBuf {
    PathBuf::from(format!("{}.{ext}", path.display()))
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    // Quality 9 is within a few percent of 11 at a fraction of the time.
    let params = brotli::enc::BrotliEncoderParams {
        quality: 9,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out
}
