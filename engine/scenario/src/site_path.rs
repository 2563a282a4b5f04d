//! What the player may fetch when a URL or a file names a path.
//!
//! The player reads `?src=` (a teacher's own file on the same site), `?scenario=` (a
//! built-in scenario's id) and, on the class results page, the scenario id inside
//! each dropped run file, and turns each into an address on its own site. The
//! browser's URL parser is generous: it reads `\` as `/`, and `%2e%2e` as `..`, so a
//! deny-list of bad spellings always misses one. Instead every segment is checked
//! against an allow-list of characters, and an id must match the id grammar exactly.
//! Plain Rust, so the rules are unit-tested natively with hostile paths.

use std::fmt;

/// Why a path or id was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    Empty,
    /// Longer than [`MAX_PATH_LEN`].
    TooLong,
    /// Starts with `/`, or names a scheme or host (`https://…`, `//host`).
    NotRelative,
    /// A character outside the allowed set (shown, escaped if invisible).
    Character(char),
    /// `.` or `..` as a segment, or a segment starting with a dot.
    DotSegment,
    /// Two slashes in a row, or a slash at the end.
    EmptySegment,
    /// `?src=` must name a `.ron` file.
    NotRon,
    /// A scenario id is `folder/name` in lowercase with dashes.
    NotAnId,
}

/// Longer than any real path; keeps messages and requests short.
pub const MAX_PATH_LEN: usize = 200;

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathError::Empty => write!(f, "it is empty"),
            PathError::TooLong => write!(f, "it is longer than {MAX_PATH_LEN} characters"),
            PathError::NotRelative => write!(f, "it points to another site or the site's root"),
            PathError::Character(c) => {
                write!(
                    f,
                    "it contains `{}`, which a path here may not",
                    c.escape_default()
                )
            }
            PathError::DotSegment => write!(f, "a part of it starts with `.`"),
            PathError::EmptySegment => write!(f, "it has an empty part (`//` or a `/` at the end)"),
            PathError::NotRon => write!(f, "it does not end in `.ron`"),
            PathError::NotAnId => write!(
                f,
                "a scenario id is a folder and a name in lowercase with dashes, such as `hospitality/front-desk-overbooked`"
            ),
        }
    }
}

impl std::error::Error for PathError {}

/// A segment of a path: ASCII letters, digits, `-`, `_` and `.`, not starting with
/// a dot (so neither `.` nor `..` nor a hidden file).
fn segment(s: &str) -> Result<(), PathError> {
    if s.is_empty() {
        return Err(PathError::EmptySegment);
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(PathError::Character(c));
    }
    if s.starts_with('.') {
        return Err(PathError::DotSegment);
    }
    Ok(())
}

fn relative(path: &str) -> Result<(), PathError> {
    if path.is_empty() {
        return Err(PathError::Empty);
    }
    if path.len() > MAX_PATH_LEN {
        return Err(PathError::TooLong);
    }
    if path.starts_with('/') || path.starts_with('\\') || path.contains("://") {
        return Err(PathError::NotRelative);
    }
    path.split('/').try_for_each(segment)
}

/// `?src=`: a `.ron` file on this site, by a path relative to the player, such as
/// `my-scenarios/clinic.ron`.
pub fn teacher_file(src: &str) -> Result<&str, PathError> {
    relative(src)?;
    if !src.ends_with(".ron") {
        return Err(PathError::NotRon);
    }
    Ok(src)
}

/// A built-in scenario's id (`?scenario=`, a run file's `scenario`): exactly
/// `folder/name`, each in a-z, 0-9, `-` and `_`, as the validator requires of the
/// id in the file.
pub fn scenario_id(id: &str) -> Result<&str, PathError> {
    if id.is_empty() {
        return Err(PathError::Empty);
    }
    if id.len() > MAX_PATH_LEN {
        return Err(PathError::TooLong);
    }
    match id.split_once('/') {
        Some((folder, name))
            if crate::passes::references::well_formed(folder)
                && crate::passes::references::well_formed(name) =>
        {
            Ok(id)
        }
        _ => Err(PathError::NotAnId),
    }
}

/// Where a built-in scenario's file is, relative to the player.
pub fn scenario_file(id: &str) -> Result<String, PathError> {
    scenario_id(id).map(|id| format!("scenarios/{id}.ron"))
}

/// Where a built-in scenario's compiled form is (see [`crate::compiled`]).
pub fn compiled_scenario_file(id: &str) -> Result<String, PathError> {
    scenario_id(id).map(|id| format!("scenarios/{id}.{}", crate::compiled::EXTENSION))
}

/// Where a built-in scenario's translation is; `language` is a code such as `es`.
pub fn translation_file(id: &str, language: &str) -> Result<String, PathError> {
    let (id, language) = (scenario_id(id)?, language_code(language)?);
    Ok(format!("scenarios/{id}.{language}.ron"))
}

/// Where a built-in scenario's compiled translation is: the whole scenario in that
/// language, checked when the site was built (see [`crate::compiled`]).
pub fn compiled_translation_file(id: &str, language: &str) -> Result<String, PathError> {
    let (id, language) = (scenario_id(id)?, language_code(language)?);
    Ok(format!(
        "scenarios/{id}.{language}.{}",
        crate::compiled::EXTENSION
    ))
}

/// A language code such as `es` or `pt-br`.
fn language_code(language: &str) -> Result<&str, PathError> {
    if language.is_empty()
        || language.len() > 8
        || !language.chars().all(|c| c.is_ascii_lowercase() || c == '-')
    {
        return Err(PathError::NotAnId);
    }
    Ok(language)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_teachers_file_on_the_same_site_is_allowed() {
        for ok in [
            "clinic.ron",
            "my-scenarios/clinic.ron",
            "scenarios/hospitality/front-desk-overbooked.ron",
            "Term_2/Week.3/clinic-v2.ron",
        ] {
            assert_eq!(teacher_file(ok), Ok(ok));
        }
    }

    #[test]
    fn hostile_paths_are_refused() {
        use PathError::*;
        let cases: &[(&str, PathError)] = &[
            ("", Empty),
            ("../secret.ron", DotSegment),
            ("scenarios/../../etc/passwd.ron", DotSegment),
            ("./x.ron", DotSegment),
            (".hidden.ron", DotSegment),
            ("..\\..\\secret.ron", Character('\\')),
            ("scenarios\\..\\x.ron", Character('\\')),
            ("\\\\host\\share\\x.ron", NotRelative),
            ("%2e%2e/secret.ron", Character('%')),
            ("%2E%2E%2Fsecret.ron", Character('%')),
            ("scenarios/%2e%2e/x.ron", Character('%')),
            ("/etc/x.ron", NotRelative),
            ("//evil.example/x.ron", NotRelative),
            ("https://evil.example/x.ron", NotRelative),
            ("javascript:alert(1)", Character(':')),
            ("data:text/plain,x.ron", Character(':')),
            ("a//b.ron", EmptySegment),
            ("a/", EmptySegment),
            ("a b.ron", Character(' ')),
            ("a\u{0}b.ron", Character('\u{0}')),
            ("a\nb.ron", Character('\n')),
            ("caf\u{e9}.ron", Character('\u{e9}')),
            ("x.ron?y=1", Character('?')),
            ("x.ron#frag", Character('#')),
            ("scenarios/x.json", NotRon),
            ("scenarios/x", NotRon),
        ];
        for (path, why) in cases {
            assert_eq!(teacher_file(path), Err(why.clone()), "{path:?}");
        }
        assert_eq!(teacher_file(&"a/".repeat(150)), Err(TooLong));
    }

    #[test]
    fn a_scenario_id_is_exactly_folder_and_name() {
        assert_eq!(
            scenario_file("hospitality/front-desk-overbooked").unwrap(),
            "scenarios/hospitality/front-desk-overbooked.ron"
        );
        assert_eq!(
            translation_file("hospitality/front-desk-overbooked", "es").unwrap(),
            "scenarios/hospitality/front-desk-overbooked.es.ron"
        );
        assert_eq!(
            compiled_translation_file("hospitality/front-desk-overbooked", "es").unwrap(),
            "scenarios/hospitality/front-desk-overbooked.es.scenario.json"
        );
        for bad in [
            "",
            "front-desk",
            "a/b/c",
            "../hospitality",
            "hospitality/..",
            "hospitality/%2e%2e",
            "hospitality\\..\\x",
            "Hospitality/Front",
            "hospitality/front desk",
            "hospitality/",
            "/front",
            "hospitality/front.ron",
            "https://x/y",
        ] {
            assert!(scenario_id(bad).is_err(), "{bad:?}");
        }
        assert!(translation_file("a/b", "../x").is_err());
        assert!(translation_file("a/b", "").is_err());
        assert!(compiled_translation_file("a/b", "../x").is_err());
        assert!(compiled_translation_file("a/../b", "es").is_err());
    }
}
