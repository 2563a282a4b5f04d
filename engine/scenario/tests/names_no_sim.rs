//! The invariant "the format crate names no concrete sim" (ARCHITECTURE.md): no
//! crate the format builds on, directly or through another, is a simulation model
//! or the set of built-in ones. The models plug in through `SimCatalog`; the format
//! is generic over it. (Its tests may use the built-in set: dev-dependencies only.)

use std::collections::BTreeSet;
use std::process::Command;

use serde_json::Value;

#[test]
fn the_format_crate_depends_on_no_simulation_model() {
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: Value = serde_json::from_slice(&out.stdout).expect("cargo metadata's JSON");
    let packages = metadata["packages"].as_array().expect("packages");
    let package = |name: &str| packages.iter().find(|p| p["name"] == name);
    let sims: BTreeSet<&str> = packages
        .iter()
        .filter(|p| {
            p["manifest_path"]
                .as_str()
                .is_some_and(|m| m.contains("/sims/"))
        })
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(
        sims.contains("firstshift-patient") && sims.contains("firstshift-sims"),
        "the models are found under sims/: {sims:?}"
    );

    // Every workspace crate the format reaches through its normal dependencies.
    let mut reached = BTreeSet::new();
    let mut todo = vec!["firstshift-scenario".to_string()];
    while let Some(name) = todo.pop() {
        let Some(p) = package(&name) else { continue };
        for dep in p["dependencies"].as_array().into_iter().flatten() {
            let normal = dep["kind"].is_null();
            let dep_name = dep["name"].as_str().unwrap_or_default().to_string();
            if normal && dep_name.starts_with("firstshift-") && reached.insert(dep_name.clone()) {
                todo.push(dep_name);
            }
        }
    }
    assert!(reached.contains("firstshift-core"), "{reached:?}");
    let named: Vec<_> = reached
        .iter()
        .filter(|n| sims.contains(n.as_str()))
        .collect();
    assert!(
        named.is_empty(),
        "the scenario format must not depend on a concrete simulation, but reaches {named:?}: \
         give the model's checks to its `SimModel` impl and list it in sims/builtin instead"
    );
}
