//! The diagnostics reference documents every code, under its own heading and title,
//! and every example file it names exists.

use std::path::Path;

use firstshift_scenario::Code;

#[test]
fn every_code_is_documented() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let doc = std::fs::read_to_string(root.join("docs/diagnostics.md")).unwrap();
    for code in Code::ALL {
        let heading = format!("## {}: {}", code.as_str(), code.title());
        assert!(
            doc.contains(&heading),
            "docs/diagnostics.md lacks `{heading}`"
        );
    }
    for name in doc
        .split('`')
        .filter(|s| s.starts_with("_invalid/") && s.ends_with(".ron"))
    {
        assert!(
            root.join("scenarios").join(name).is_file(),
            "docs/diagnostics.md names {name}, which does not exist"
        );
    }
}
