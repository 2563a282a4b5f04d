//! The player's words (`web/src/i18n.rs`) are checked here, natively, because the
//! web crate only compiles for wasm: every phrase the player passes to `tr` or `trf`
//! has a Spanish entry, and every entry is still used.

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use crate::root;

    /// The string literal that starts right after `call` (e.g. `tr(`), with `\"`
    /// unescaped; `None` when the argument is not a literal.
    fn literal_after(text: &str) -> Option<String> {
        let rest = text.trim_start().strip_prefix('"')?;
        let mut out = String::new();
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.push(chars.next()?),
                '"' => return Some(out),
                c => out.push(c),
            }
        }
        None
    }

    fn phrases_used() -> BTreeSet<String> {
        let mut used = BTreeSet::new();
        let src = root().join("web/src");
        for file in crate::web::files_under(&src).unwrap() {
            if file == "i18n.rs" || !file.ends_with(".rs") {
                continue;
            }
            let text = std::fs::read_to_string(src.join(&file)).unwrap();
            for call in ["tr(", "trf("] {
                for (i, _) in text.match_indices(call) {
                    let before = text[..i].chars().last();
                    // `tr(` inside another name (`attr(`, `ptr(`) is not a call.
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    if let Some(phrase) = literal_after(&text[i + call.len()..]) {
                        used.insert(phrase);
                    }
                }
            }
        }
        used
    }

    fn spanish_keys() -> BTreeSet<String> {
        let text = std::fs::read_to_string(root().join("web/src/i18n.rs")).unwrap();
        // The table's literals, in order, are English, Spanish, English, ...
        // (rustfmt may put a pair on one line or on two).
        let table = &text[text.find("const SPANISH").unwrap()..];
        let mut literals = Vec::new();
        for line in table
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with("//"))
        {
            let mut rest = line;
            while let Some(start) = rest.find('"') {
                let literal = literal_after(&rest[start..]).expect("a closed literal");
                let consumed = rest[start + 1..]
                    .char_indices()
                    .scan(false, |escaped, (i, c)| {
                        let end = !*escaped && c == '"';
                        *escaped = !*escaped && c == '\\';
                        Some((i, end))
                    })
                    .find(|(_, end)| *end)
                    .map(|(i, _)| start + 1 + i + 1)
                    .unwrap();
                literals.push(literal);
                rest = &rest[consumed..];
            }
        }
        literals.into_iter().step_by(2).collect()
    }

    #[test]
    fn every_phrase_of_the_player_has_spanish() {
        let used = phrases_used();
        assert!(
            used.len() >= 40,
            "found only {} phrases; is the scan broken?",
            used.len()
        );
        let spanish = spanish_keys();
        let missing: Vec<_> = used.difference(&spanish).collect();
        assert!(
            missing.is_empty(),
            "add Spanish for these to web/src/i18n.rs: {missing:#?}"
        );
    }

    #[test]
    fn the_spanish_table_has_no_phrase_the_player_no_longer_says() {
        let used = phrases_used();
        // Names decided at run time (clusters, difficulties, practices) come through
        // `tr_dynamic` or `tr(p.title())`, so they are checked against their sources.
        let core = std::fs::read_to_string(root().join("engine/core/src/model.rs")).unwrap();
        let unused: Vec<String> = spanish_keys()
            .into_iter()
            .filter(|k| {
                !used.contains(k)
                    && !core.contains(&format!("\"{k}\""))
                    && !core.contains(&format!("{k:?}"))
            })
            .filter(|k| !["Introductory", "Intermediate", "Advanced"].contains(&k.as_str()))
            .collect();
        assert!(
            unused.is_empty(),
            "remove from web/src/i18n.rs, nothing says them: {unused:#?}"
        );
    }
}
