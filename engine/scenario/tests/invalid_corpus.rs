//! The diagnostics corpus: every file in `scenarios/_invalid/` must fail
//! validation, and its rendered diagnostics must equal `<name>.expected` beside it.
//! Run with `UPDATE_EXPECT=1` to rewrite the expected files after a deliberate change,
//! then read the diff.

use firstshift_sims::Sims;
use std::path::{Path, PathBuf};

use firstshift_scenario::{SourceFile, diagnostic, load_scenario_bytes};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios/_invalid")
}

#[test]
fn every_invalid_file_fails_with_its_expected_diagnostics() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 20,
        "the corpus should hold at least 20 broken files, found {}",
        files.len()
    );

    let mut mismatches = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let loaded = load_scenario_bytes::<Sims>(&bytes);
        let name = format!("_invalid/{}", path.file_name().unwrap().to_string_lossy());
        assert!(
            loaded.has_errors(),
            "{name} should fail validation but has no errors"
        );
        assert!(
            loaded.scenario.is_none(),
            "{name} has errors, so no scenario may be returned"
        );
        let file = SourceFile::new(&name, &text);
        let actual = format!(
            "{}\n{}",
            diagnostic::render_short(&file, &loaded.diagnostics),
            diagnostic::render(&file, &loaded.diagnostics)
        );
        let expected_path = path.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            mismatches.push(format!(
                "--- {name}: expected\n{expected}\n--- actual\n{actual}"
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{}\n(UPDATE_EXPECT=1 rewrites the expected files)",
        mismatches.join("\n")
    );
}
