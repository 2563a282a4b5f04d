//! Benchmarks the teacher's loop (load + validate every built-in scenario) and the
//! scoring of transcripts (replay + rubric), which the player and `firstshift
//! replay` do for every run.

use firstshift_sims::Sims;
use std::path::Path;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use firstshift_core::Transcript;
use firstshift_rubric::rescore;
use firstshift_scenario::load_scenario;
use firstshift_scenario::plays::{parse_plays, run_play};

fn library() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
    let mut out = Vec::new();
    for cluster in std::fs::read_dir(root).unwrap() {
        let cluster = cluster.unwrap().path();
        if !cluster.is_dir() || cluster.ends_with("_invalid") {
            continue;
        }
        for file in std::fs::read_dir(cluster).unwrap() {
            let path = file.unwrap().path();
            let name = path.to_string_lossy().into_owned();
            let file_name = path.file_name().unwrap().to_string_lossy().into_owned();
            if firstshift_scenario::file_kind(&file_name) == firstshift_scenario::FileKind::Scenario
            {
                let plays =
                    std::fs::read_to_string(name.replace(".ron", ".plays.ron")).unwrap_or_default();
                out.push((std::fs::read_to_string(&path).unwrap(), plays));
            }
        }
    }
    out
}

fn benches(c: &mut Criterion) {
    let library = library();
    c.bench_function("validate the built-in library", |b| {
        b.iter(|| {
            for (text, _) in &library {
                assert!(load_scenario::<Sims>(text).scenario.is_some());
            }
        });
    });

    let mut transcripts: Vec<(Arc<firstshift_sims::Scenario>, Transcript)> = Vec::new();
    for (text, plays) in &library {
        let scenario = load_scenario::<Sims>(text).scenario.unwrap();
        for play in parse_plays(plays)
            .value
            .map(|p| p.plays)
            .unwrap_or_default()
        {
            if let Some(t) = run_play(&scenario, &play).transcript {
                transcripts.push((Arc::clone(&scenario), t));
            }
        }
    }
    c.bench_function(
        &format!("replay and score {} transcripts", transcripts.len()),
        |b| {
            b.iter(|| {
                for (scenario, transcript) in &transcripts {
                    rescore(Arc::clone(scenario), transcript).unwrap();
                }
            });
        },
    );
}

criterion_group!(validate_and_score, benches);
criterion_main!(validate_and_score);
