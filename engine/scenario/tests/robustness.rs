//! Invariant 2: no input can panic the loader, the save decoder or the runtime, and
//! every bad input gets a diagnostic with a usable span or a clear error.

mod common;

use std::sync::Arc;

use common::builtin;
use firstshift_core::transcript::{SaveError, decode_save, decode_save_transcript, encode_save};
use firstshift_core::{ReplayError, Session};
use firstshift_scenario::{
    Code, Loaded, SourceFile, diagnostic, load_scenario, load_scenario_bytes,
};
use proptest::prelude::*;

/// Every diagnostic must point inside the file, on character boundaries, and render.
fn check_spans(text: &str, loaded: &Loaded) {
    for d in &loaded.diagnostics {
        if let Some(span) = &d.span {
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{d:?} is outside the file"
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{d:?} splits a character"
            );
        }
        assert!(!d.message.is_empty());
    }
    let file = SourceFile::new("input.ron", text);
    let _ = diagnostic::render(&file, &loaded.diagnostics);
    let _ = diagnostic::to_json(&file, &loaded.diagnostics);
}

fn first_builtin_text() -> String {
    builtin().remove(0).1
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let loaded = load_scenario_bytes(&bytes);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            check_spans(text, &loaded);
        }
    }

    #[test]
    fn ron_like_soup_never_panics(parts in proptest::collection::vec(
        prop_oneof![
            Just("("), Just(")"), Just("["), Just("]"), Just("{"), Just("}"), Just(","), Just(":"),
            Just("\""), Just("r#\""), Just("\"#"), Just("Scenario"), Just("id"), Just("steps"), Just("Chose"),
            Just("-1.5e3"), Just("é"), Just("\n"), Just("//"), Just("/*"), Just("*/"), Just("Some"), Just("'"),
        ], 0..200)) {
        let text: String = parts.concat();
        let loaded = load_scenario(&text);
        check_spans(&text, &loaded);
    }

    #[test]
    fn damaged_real_scenarios_never_panic(cut_at in 0usize..20_000, cut_len in 0usize..400, insert in "[\\(\\)\\[\\]\\{\\},:\"a-z0-9é ]{0,8}") {
        let original = first_builtin_text();
        let mut start = cut_at.min(original.len());
        while !original.is_char_boundary(start) { start -= 1; }
        let mut end = (start + cut_len).min(original.len());
        while !original.is_char_boundary(end) { end -= 1; }
        let text = format!("{}{}{}", &original[..start], insert, &original[end..]);
        let loaded = load_scenario(&text);
        check_spans(&text, &loaded);
        prop_assert!(loaded.scenario.is_some() || loaded.has_errors());
    }

    #[test]
    fn arbitrary_saves_are_refused_cleanly(save in "(fs1\\.)?[a-z/\\-]{0,30}\\.?[A-Za-z0-9_\\-]{0,80}") {
        let (_, _, scenario) = builtin().remove(0);
        let _ = decode_save(Arc::clone(&scenario), &save);
    }

    #[test]
    fn tampered_saves_are_refused_or_replay_exactly(flip_at in 0usize..400, xor in 1u8..=255) {
        let (_, _, scenario) = builtin().remove(0);
        let (mut session, _) = Session::new(Arc::clone(&scenario), 3).unwrap();
        for _ in 0..4 {
            let Some(id) = session.offered().first().map(|c| c.id.clone()) else { break };
            session.choose(&id, session.clock() + 5).unwrap();
        }
        let mut bytes = encode_save(&session).into_bytes();
        let i = flip_at % bytes.len();
        bytes[i] ^= xor;
        if let Ok(save) = String::from_utf8(bytes)
            && let Ok((resumed, _)) = decode_save(Arc::clone(&scenario), &save) {
                // Only a change that decodes to the same run can get through.
                prop_assert_eq!(resumed.history(), session.history());
            }
    }

    #[test]
    fn the_runtime_refuses_bad_calls_without_changing_state(ids in proptest::collection::vec("[a-z\\-]{0,12}", 1..40), times in proptest::collection::vec(0u64..10_000, 1..40)) {
        for (_, _, scenario) in builtin() {
            let (mut session, _) = Session::new(Arc::clone(&scenario), 1).unwrap();
            for (id, at) in ids.iter().zip(times.iter().cycle()) {
                let before = session.history().clone();
                let offered: Vec<String> = session.offered().iter().map(|c| c.id.clone()).collect();
                // Mix real and made-up choices, in and out of time order.
                let id = if at % 2 == 0 && !offered.is_empty() { offered[*at as usize % offered.len()].clone() } else { id.clone() };
                if session.choose(&id, *at).is_err() {
                    prop_assert_eq!(session.history(), &before);
                }
            }
        }
    }
}

#[test]
fn a_ten_megabyte_file_is_refused_before_parsing() {
    let big = "(".repeat(10 * 1024 * 1024);
    let loaded = load_scenario_bytes(big.as_bytes());
    assert_eq!(loaded.diagnostics.len(), 1);
    assert_eq!(loaded.diagnostics[0].code, Code::FileTooLarge);
    assert!(
        loaded.diagnostics[0].message.contains("10.5 MB"),
        "{}",
        loaded.diagnostics[0].message
    );
}

#[test]
fn nesting_ten_thousand_deep_is_a_diagnostic_not_a_stack_overflow() {
    for open in ["[", "(", "{\"a\": ", "Some("] {
        let text = format!("Scenario(objectives: {})", open.repeat(10_000));
        let loaded = load_scenario(&text);
        assert!(
            loaded.diagnostics.iter().any(|d| d.code == Code::TooDeep),
            "{open}: {:?}",
            loaded.diagnostics
        );
    }
}

#[test]
fn empty_binary_and_non_utf8_files_get_their_own_codes() {
    assert_eq!(
        load_scenario_bytes(b"").diagnostics[0].code,
        Code::EmptyFile
    );
    assert_eq!(
        load_scenario_bytes(b"  \n\t ").diagnostics[0].code,
        Code::EmptyFile
    );
    assert_eq!(
        load_scenario_bytes(b"\x00\x01\x02").diagnostics[0].code,
        Code::NotText
    );
    assert_eq!(
        load_scenario_bytes(b"Scenario(\xff\xfe)").diagnostics[0].code,
        Code::NotText
    );
}

#[test]
fn a_transcript_of_another_scenario_or_version_is_refused() {
    let scenarios = builtin();
    let (_, text_a, a) = &scenarios[0];
    let (_, _, b) = &scenarios[1];
    let (mut session, _) = Session::new(Arc::clone(a), 0).unwrap();
    let id = session.offered()[0].id.clone();
    session.choose(&id, 0).unwrap();
    let transcript = session.transcript();

    assert!(matches!(
        transcript.replay(Arc::clone(b)),
        Err(ReplayError::OtherScenario { .. })
    ));

    // The same scenario, one word changed: a different version.
    let edited = load_scenario(&text_a.replacen("minutes: ", "minutes: 1", 1))
        .scenario
        .unwrap();
    assert!(matches!(
        transcript.replay(edited),
        Err(ReplayError::OtherVersion)
    ));

    // A comment or whitespace change is not a new version.
    let reformatted = load_scenario(&format!("// a new comment\n{text_a}\n\n"))
        .scenario
        .unwrap();
    assert!(transcript.replay(reformatted).is_ok());

    let mut tampered = transcript.clone();
    tampered.choices[0].choice = "not-a-choice".into();
    let err = tampered.replay(Arc::clone(a)).unwrap_err();
    assert!(
        matches!(err, ReplayError::Diverged { index: 0, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("not-a-choice"));

    let mut wrong_ending = transcript;
    wrong_ending.ending = Some("ending-resolved".into());
    assert!(matches!(
        wrong_ending.replay(Arc::clone(a)),
        Err(ReplayError::WrongEnding { .. })
    ));

    let save = encode_save(&session);
    assert!(matches!(
        decode_save(Arc::clone(b), &save),
        Err(SaveError::OtherScenario { .. })
    ));
    assert_eq!(
        decode_save_transcript(a.as_ref(), "hello").unwrap_err(),
        SaveError::NotASave
    );
    assert!(matches!(
        decode_save(Arc::clone(a), "fs9.x.y"),
        Err(SaveError::UnsupportedVersion(_))
    ));
    let mut broken = save.clone();
    broken.pop();
    assert!(decode_save(Arc::clone(a), &broken).is_err());
    assert!(decode_save(Arc::clone(a), &save).is_ok());
}
