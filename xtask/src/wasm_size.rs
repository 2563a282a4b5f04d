//! What the player's wasm is made of, crate by crate, for the size report: the
//! numbers that decide where each crate's code should go (on the student's
//! critical path, in a module loaded on demand, or nowhere).
//!
//! It reads the module cargo wrote, before wasm-bindgen takes its names away: each
//! function body is charged to the crate its (demangled) name starts in, and data
//! segments are counted on their own. Generic code is charged to the crate that
//! defines the function, so `ron`'s figure includes serde's visitors instantiated
//! for our scenario types, and `core`/`alloc` hold std's generics instantiated for
//! everyone's types.

use std::collections::BTreeMap;
use std::path::Path;

use wasmparser::{KnownCustom, Name, Parser, Payload, TypeRef};

/// Bytes of function bodies and data, by crate.
#[derive(Debug, Default)]
pub struct Breakdown {
    pub by_crate: BTreeMap<String, usize>,
    pub data: usize,
    /// Functions the name section does not name.
    pub unnamed: usize,
}

impl Breakdown {
    pub fn total(&self) -> usize {
        self.by_crate.values().sum::<usize>() + self.data + self.unnamed
    }
}

pub fn read(wasm: &Path) -> Result<Breakdown, String> {
    let bytes = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    breakdown(&bytes)
        .map_err(|e| format!("{}: not a wasm module cargo wrote ({e})", wasm.display()))
}

fn breakdown(bytes: &[u8]) -> Result<Breakdown, wasmparser::BinaryReaderError> {
    let mut imported_functions = 0u32;
    let mut body_sizes = Vec::new();
    let mut names = BTreeMap::new();
    let mut data = 0;
    for payload in Parser::new(0).parse_all(bytes) {
        match payload? {
            Payload::ImportSection(imports) => {
                for import in imports.into_imports() {
                    if matches!(import?.ty, TypeRef::Func(_)) {
                        imported_functions += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => body_sizes.push(body.range().len()),
            Payload::DataSection(segments) => {
                for segment in segments {
                    data += segment?.data.len();
                }
            }
            Payload::CustomSection(section) => {
                if let KnownCustom::Name(reader) = section.as_known() {
                    for part in reader {
                        if let Name::Function(map) = part? {
                            for naming in map {
                                let naming = naming?;
                                names.insert(naming.index, naming.name);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let mut result = Breakdown {
        data,
        ..Breakdown::default()
    };
    for (i, size) in body_sizes.into_iter().enumerate() {
        match names.get(&(imported_functions + i as u32)) {
            Some(name) => *result.by_crate.entry(crate_of(name)).or_default() += size,
            None => result.unnamed += size,
        }
    }
    Ok(result)
}

/// The crate a symbol's code belongs to: the first path in its demangled name
/// (`<&mut ron::de::Deserializer as serde::Deserializer>::deserialize_struct` is
/// `ron`'s). Symbols with no path (wasm-bindgen's shims) are `glue`.
fn crate_of(symbol: &str) -> String {
    // A name that is not mangled comes back as it is.
    let demangled = format!("{:#}", rustc_demangle::demangle(symbol));
    let bytes = demangled.as_bytes();
    let mut start = None;
    for (i, &b) in bytes.iter().enumerate() {
        let ident = b.is_ascii_alphanumeric() || b == b'_';
        match (start, ident) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                if demangled[i..].starts_with("::") {
                    return demangled[s..i].to_string();
                }
                start = None;
            }
            _ => {}
        }
    }
    "glue".to_string()
}

/// The family a crate is reported under.
fn family(krate: &str) -> &'static str {
    match krate {
        k if k.starts_with("firstshift_") => "FirstShift's crates",
        k if k.starts_with("bevy_") => "Bevy",
        "ron" | "serde" | "serde_core" | "serde_json" | "erased_serde" => "serde and its formats",
        "core" | "alloc" | "std" | "hashbrown" | "dlmalloc" | "fmt" | "str" | "string" => {
            "std (with generics instantiated for every crate's types)"
        }
        "wasm_bindgen" | "js_sys" | "web_sys" | "wasm_bindgen_futures" | "glue" => {
            "wasm-bindgen, js-sys, web-sys"
        }
        _ => "other crates (Bevy's async, hashing, ids, libm…)",
    }
}

/// The report's section: families, then the largest crates.
pub fn report(breakdown: &Breakdown) -> String {
    let total = breakdown.total().max(1);
    let share = |n: usize| {
        format!(
            "{:>9.1} KB {:>5.1} %",
            n as f64 / 1000.0,
            100.0 * n as f64 / total as f64
        )
    };
    let mut families: BTreeMap<&str, usize> = BTreeMap::new();
    for (krate, size) in &breakdown.by_crate {
        *families.entry(family(krate)).or_default() += size;
    }
    let mut out = format!(
        "\nThe player's wasm by crate (function bodies and data before wasm-bindgen, {:.1} KB):\n",
        total as f64 / 1000.0
    );
    let mut families: Vec<_> = families.into_iter().collect();
    families.sort_by_key(|f| std::cmp::Reverse(f.1));
    for (name, size) in families {
        out.push_str(&format!("  {name:<58}{}\n", share(size)));
    }
    out.push_str(&format!(
        "  {:<58}{}\n",
        "data (strings, tables)",
        share(breakdown.data)
    ));
    let mut crates: Vec<_> = breakdown.by_crate.iter().collect();
    crates.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    out.push_str("The largest crates:\n");
    for (krate, size) in crates.into_iter().take(20) {
        out.push_str(&format!("  {krate:<58}{}\n", share(*size)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_symbol_is_charged_to_the_crate_its_name_starts_in() {
        assert_eq!(crate_of("core::fmt::write::h0123456789abcdef"), "core");
        assert_eq!(crate_of("_ZN4core3fmt5write17h0123456789abcdefE"), "core");
        assert_eq!(
            crate_of("_ZN15firstshift_core7session3new17h0123456789abcdefE"),
            "firstshift_core"
        );
        assert_eq!(
            crate_of(
                "<&mut ron::de::Deserializer as serde_core::de::Deserializer>::deserialize_struct::h0123456789abcdef"
            ),
            "ron"
        );
        assert_eq!(crate_of("__wbindgen_malloc"), "glue");
    }

    #[test]
    fn a_module_s_bodies_are_charged_by_name_and_its_data_counted_apart() {
        // (module (import "m" "f" (func)) (func $a) (func $b nop nop) (data "abc"))
        // with the names firstshift_core::a and bevy_ecs::b.
        let mut wasm = vec![0, b'a', b's', b'm', 1, 0, 0, 0];
        let section = |wasm: &mut Vec<u8>, id: u8, body: &[u8]| {
            wasm.push(id);
            wasm.push(body.len() as u8);
            wasm.extend_from_slice(body);
        };
        section(&mut wasm, 1, &[1, 0x60, 0, 0]); // one type: () -> ()
        section(&mut wasm, 2, &[1, 1, b'm', 1, b'f', 0, 0]); // import m.f
        section(&mut wasm, 3, &[2, 0, 0]); // two functions of type 0
        section(&mut wasm, 5, &[1, 0, 1]); // a memory
        section(&mut wasm, 10, &[2, 2, 0, 0x0b, 4, 0, 0x01, 0x01, 0x0b]);
        section(&mut wasm, 11, &[1, 0, 0x41, 0, 0x0b, 3, b'a', b'b', b'c']);
        let a = "firstshift_core::a::h0123456789abcdef";
        let b = "bevy_ecs::b::h0123456789abcdef";
        let mut names = vec![1, 0]; // function names subsection, size filled below
        let mut map = vec![2, 1, a.len() as u8];
        map.extend_from_slice(a.as_bytes());
        map.extend_from_slice(&[2, b.len() as u8]);
        map.extend_from_slice(b.as_bytes());
        names[1] = map.len() as u8;
        names.extend_from_slice(&map);
        let mut custom = vec![4, b'n', b'a', b'm', b'e'];
        custom.extend_from_slice(&names);
        section(&mut wasm, 0, &custom);

        let found = breakdown(&wasm).expect("a valid module");
        // A body's size is its locals and code, without its length prefix.
        assert_eq!(found.by_crate.get("firstshift_core"), Some(&2));
        assert_eq!(found.by_crate.get("bevy_ecs"), Some(&4));
        assert_eq!(found.data, 3);
        assert_eq!(found.total(), 9);
        assert!(report(&found).contains("FirstShift's crates"));
    }
}
