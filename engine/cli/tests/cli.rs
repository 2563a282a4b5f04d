//! The teachers' CLI, run as a teacher would run it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn firstshift(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_firstshift"))
        .args(args)
        .current_dir(repo())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.unwrap_or("").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const FRONT_DESK: &str = "scenarios/hospitality/front-desk-overbooked.ron";

#[test]
fn validate_the_library_is_clean_and_skips_the_invalid_corpus() {
    let out = firstshift(&["validate", "scenarios"], None);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("0 errors, 0 warnings"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn validate_a_broken_file_prints_rustc_style_errors_and_exits_1() {
    let out = firstshift(&["validate", "scenarios/_invalid/many-errors.ron"], None);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("error[FS0202]: `IT` is not a valid name for a `CareerCluster`"),
        "{text}"
    );
    assert!(
        text.contains("┌─ scenarios/_invalid/many-errors.ron:6:14"),
        "{text}"
    );
    assert!(
        text.contains("help: did you mean `Introductory`?"),
        "{text}"
    );
    assert!(text.contains("5 errors"), "{text}");
}

#[test]
fn validate_json_gives_tools_line_column_and_help() {
    let out = firstshift(
        &[
            "validate",
            "--format",
            "json",
            "scenarios/_invalid/unknown-next.ron",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &json[0];
    assert_eq!(d["code"], "FS0301");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["start"]["line"], 19);
    assert!(d["help"].as_str().unwrap().contains("did you mean `done`?"));
    assert!(d["source_line"].as_str().unwrap().contains("\"dnoe\""));
}

#[test]
fn test_runs_every_playthrough() {
    let out = firstshift(&["test", "scenarios"], None);
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    // Every scenario with a `.plays.ron` beside it is run, and the summary
    // counts exactly the playthroughs listed above it.
    let listed = text
        .lines()
        .filter(|l| l.starts_with("test ") && l.contains(" :: "))
        .count();
    assert!(
        text.contains(&format!("test result: ok. {listed} passed; 0 failed")),
        "{text}"
    );
    for plays in playthrough_files(&repo().join("scenarios")) {
        let id = plays
            .strip_prefix(repo().join("scenarios"))
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".plays.ron")
            .to_owned();
        assert!(
            text.contains(&format!("test {id} :: ")),
            "{id} not run:\n{text}"
        );
    }
}

fn playthrough_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(playthrough_files(&path));
        } else if path.to_string_lossy().ends_with(".plays.ron") {
            found.push(path);
        }
    }
    found
}

#[test]
fn play_in_the_terminal_then_replay_the_transcript() {
    let transcript =
        std::env::temp_dir().join(format!("firstshift-cli-test-{}.json", std::process::id()));
    let path = transcript.to_str().unwrap();
    // Bad input first (a word, a number out of range), then the first choice each time.
    let out = firstshift(
        &["play", FRONT_DESK, "--transcript", path],
        Some("hello\n9\n1\n1\n1\n1\n1\n1\n"),
    );
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Type a number from 1 to 2."), "{text}");
    assert!(
        text.contains("== Debrief: Friday night, no rooms left =="),
        "{text}"
    );
    assert!(text.contains("Score: 100% — PASSED"), "{text}");

    let out = firstshift(&["replay", FRONT_DESK, path, "--format", "json"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["percent"], 100);
    assert_eq!(report["ending"]["step"], "ending-resolved");

    // Replaying on another scenario is refused with a reason.
    let out = firstshift(
        &[
            "replay",
            "scenarios/public-safety/dispatcher-smoke-call.ron",
            path,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not `public-safety/dispatcher-smoke-call`")
    );
    std::fs::remove_file(transcript).ok();
}

#[test]
fn quitting_early_still_gives_a_debrief() {
    let out = firstshift(&["play", FRONT_DESK], Some("2\nq\n"));
    let text = stdout(&out);
    assert!(out.status.success());
    assert!(text.contains("NOT PASSED"), "{text}");
    assert!(text.contains("Critical action missed"), "{text}");
}

#[test]
fn graph_exports_dot_and_mermaid() {
    let dot = stdout(&firstshift(&["graph", FRONT_DESK], None));
    assert!(dot.starts_with("digraph"));
    assert!(dot.contains("\"arrival\" -> \"reservation\""), "{dot}");
    let mermaid = stdout(&firstshift(
        &[
            "graph",
            "--format",
            "mermaid",
            "scenarios/public-safety/dispatcher-smoke-call.ron",
        ],
        None,
    ));
    assert!(mermaid.starts_with("flowchart LR"));
    assert!(
        mermaid.contains("-.->"),
        "conditional branches are dashed: {mermaid}"
    );
}

#[test]
fn commands_on_a_broken_scenario_say_to_validate_first() {
    let out = firstshift(&["play", "scenarios/_invalid/unknown-next.ron"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("fix them first (`firstshift validate"),
        "{err}"
    );
    let out = firstshift(&["validate", "no/such/file.ron"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn new_writes_a_template_that_validates_tests_and_plays() {
    let dir = repo().join("target/tmp/cli-new");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (template, cluster, name) in [
        ("branching", "Hospitality, Events & Tourism", "returns-desk"),
        ("patient", "healthcare", "ward-fever"),
        ("line", "supply-chain", "dock-rush"),
    ] {
        let file = dir.join(format!("{name}.ron"));
        let file = file.to_str().unwrap();
        let out = firstshift(
            &["new", "--cluster", cluster, "--template", template, file],
            None,
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout(&out).contains("firstshift validate"),
            "it says what to do next"
        );
        let validate = firstshift(&["validate", file], None);
        assert!(
            stdout(&validate).contains("0 errors, 0 warnings"),
            "{}",
            stdout(&validate)
        );
        let test = firstshift(&["test", &file.replace(".ron", ".plays.ron")], None);
        assert!(test.status.success(), "{}", stdout(&test));
        // The id comes from the folder and the name.
        let text = std::fs::read_to_string(file).unwrap();
        assert!(
            text.contains(&format!("id: \"cli-new/{name}\"")),
            "{template}"
        );
        // A first choice, then quit: the terminal player runs it.
        let play = firstshift(&["play", file], Some("1\nq\n"));
        assert!(
            play.status.success(),
            "{}",
            String::from_utf8_lossy(&play.stderr)
        );
        // Never overwrites.
        let again = firstshift(
            &["new", "--cluster", cluster, "--template", template, file],
            None,
        );
        assert!(!again.status.success());
        assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    }
    let unknown = firstshift(&["new", "--cluster", "cooking", "x.ron"], None);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("not a career cluster"));
}

#[test]
fn translate_writes_every_string_and_validate_follows_the_translation() {
    let dir = repo().join("target/tmp/cli-translate");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("hospitality")).unwrap();
    let scenario = dir.join("hospitality/front-desk-overbooked.ron");
    std::fs::copy(repo().join(FRONT_DESK), &scenario).unwrap();
    let scenario = scenario.to_str().unwrap();
    let out = firstshift(&["translate", "--lang", "fr", scenario], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let french = scenario.replace(".ron", ".fr.ron");
    let text = std::fs::read_to_string(&french).unwrap();
    assert_eq!(
        text.matches("source:").count(),
        106,
        "every string the student reads"
    );
    // Validating the scenario's folder checks the translation too: nothing is
    // translated yet, which is a warning, not an error.
    let validate = firstshift(&["validate", "--format", "short", scenario], None);
    assert!(validate.status.success());
    assert!(
        stdout(&validate).contains("warning[FS0903]: 106 of 106 strings are not translated"),
        "{}",
        stdout(&validate)
    );
    // A translation is kept when the command runs again.
    std::fs::write(
        &french,
        text.replacen("text: \"\"", "text: \"Vendredi soir, plus de chambres\"", 1),
    )
    .unwrap();
    assert!(
        firstshift(&["translate", "--lang", "fr", scenario], None)
            .status
            .success()
    );
    assert!(
        std::fs::read_to_string(&french)
            .unwrap()
            .contains("Vendredi soir, plus de chambres")
    );
    let validate = firstshift(&["validate", "--format", "short", &french], None);
    assert!(
        stdout(&validate).contains("105 of 106"),
        "{}",
        stdout(&validate)
    );
    // Not a language code.
    let bad = firstshift(&["translate", "--lang", "French", scenario], None);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a language code"));
}

#[test]
fn report_aggregates_a_class_of_run_files_and_writes_a_csv() {
    let dir = repo().join("target/tmp/cli-report");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // The front desk playthroughs, as the run files students would download.
    let out = firstshift(&["test", "--format", "json", "scenarios/hospitality"], None);
    let runs: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    for (i, run) in runs.as_array().unwrap().iter().enumerate() {
        let file = dir.join(format!("firstshift-front-desk-overbooked-run-{i}.json"));
        std::fs::write(
            file,
            serde_json::to_string_pretty(&run["transcript"]).unwrap(),
        )
        .unwrap();
    }
    std::fs::write(dir.join("shopping-list.txt"), "eggs").unwrap();
    let csv = dir.join("class.csv");
    let out = firstshift(
        &[
            "report",
            dir.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(
        text.contains("6 runs, 6 finished, 2 passed; mean score 48%"),
        "{text}"
    );
    assert!(
        text.contains("arrival: Stop typing, make eye contact and welcome her ×4"),
        "{text}"
    );
    assert!(
        text.contains("[standard] CCSS.ELA-LITERACY.W.11-12.2: 50%"),
        "{text}"
    );
    assert!(
        text.contains("shopping-list.txt: not a FirstShift run file"),
        "{text}"
    );
    let csv = std::fs::read_to_string(csv).unwrap();
    assert_eq!(csv.lines().count(), 1 + 6 * 4, "{csv}");
    // Nothing that counts: a failure exit, with the reasons.
    let none = firstshift(
        &["report", dir.join("shopping-list.txt").to_str().unwrap()],
        None,
    );
    assert!(!none.status.success());
}

/// Hostile files from the trust review: each gets a clear message and an exit code,
/// never a panic (exit 101), a hang, or an escape sequence sent to the terminal.
#[test]
fn hostile_files_get_clear_messages_and_no_escape_sequences() {
    let dir = repo().join("target/tmp/cli-hostile");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();

    // A Spanish teacher's accented comment, then a stray quote: it once panicked.
    let accented = dir.join("cafe.ron");
    std::fs::write(&accented, "// la cafetería\n'\n").unwrap();
    let out = firstshift(&["validate", accented.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));

    // A run file that claims u64::MAX simulated seconds, with a real scenario hash.
    let run = firstshift(
        &[
            "play",
            FRONT_DESK,
            "--transcript",
            dir.join("real.json").to_str().unwrap(),
        ],
        Some("1\nq\n"),
    );
    assert!(run.status.success());
    let mut transcript: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("real.json")).unwrap()).unwrap();
    transcript["clock"] = serde_json::json!(u64::MAX);
    let forever = dir.join("forever.json");
    std::fs::write(&forever, transcript.to_string()).unwrap();
    let out = firstshift(&["replay", FRONT_DESK, forever.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2), "a refusal, not a panic (101)");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("altered or damaged"), "{err}");

    // A file name and a title with terminal escapes (set the window title, clear the
    // screen), in the class report.
    std::fs::write(dir.join("\u{1b}]0;owned\u{7}.json"), transcript.to_string()).unwrap();
    let out = firstshift(&["report", dir.to_str().unwrap()], None);
    let all = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    assert!(!all.contains('\u{1b}'), "{all:?}");
    assert!(all.contains("\\u{1b}]0;owned\\u{7}.json"), "{all}");
    assert!(all.contains("altered or damaged"), "{all}");
}
