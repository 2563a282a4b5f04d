//! Every starting file `firstshift new` writes, the format's own and each built-in
//! model's, validates with no warnings and its playthroughs pass, in every cluster.

use firstshift_core::CareerCluster;
use firstshift_scenario::load_scenario;
use firstshift_scenario::plays::{parse_plays, run_play};
use firstshift_scenario::templates::{cluster_folder, new_scenario, templates};
use firstshift_sims::Sims;

#[test]
fn every_template_validates_cleanly_and_its_playthroughs_pass_in_every_cluster() {
    let all = templates::<Sims>();
    assert_eq!(
        all.iter().map(|t| t.name).collect::<Vec<_>>(),
        ["branching", "patient", "line", "business"]
    );
    for template in &all {
        for cluster in CareerCluster::ALL {
            let file = format!(
                "scenarios/{}/my-first-scenario.ron",
                cluster_folder(cluster)
            );
            let new = new_scenario(template, cluster, &file).unwrap();
            let name = template.name;
            assert!(
                !new.scenario.contains("{{"),
                "{name}: a placeholder is left"
            );
            let loaded = load_scenario::<Sims>(&new.scenario);
            assert!(
                loaded.diagnostics.is_empty(),
                "{name} in {cluster:?}: {:#?}",
                loaded.diagnostics
            );
            let scenario = loaded.scenario.unwrap();
            assert_eq!(scenario.cluster, cluster);
            assert_eq!(
                scenario.id,
                format!("{}/my-first-scenario", cluster_folder(cluster))
            );
            let plays = parse_plays(&new.plays)
                .value
                .expect("the playthroughs parse");
            assert!(plays.plays.len() >= 2);
            for play in &plays.plays {
                let result = run_play(&scenario, play);
                assert!(
                    result.passed(),
                    "{name} :: {}: {:?}",
                    play.name,
                    result.failures
                );
            }
        }
    }
}
