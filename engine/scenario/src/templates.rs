//! Starting files for `firstshift new`: a commented scenario of each kind with its
//! playthroughs. Each template validates with no warnings and its playthroughs pass
//! as written, for every career cluster, so a teacher starts from a
//! file that works and changes it one step at a time. (The test that proves it is
//! `tests/templates.rs`: it needs the built-in models.)

use firstshift_core::CareerCluster;
use firstshift_core::sim::SimTemplate;
use firstshift_core::sim_set::SimCatalog;

use crate::passes::references::well_formed;

/// A story of choices (`sim: None`): the format's own template. Each model brings
/// its own ([`SimModel::TEMPLATE`](firstshift_core::SimModel::TEMPLATE)).
pub const BRANCHING: SimTemplate = SimTemplate {
    name: "branching",
    summary: "A story of choices.",
    scenario: include_str!("../templates/branching.ron"),
    plays: include_str!("../templates/branching.plays.ron"),
};

/// Every starting file a teacher can ask for: the branching one, then each model's.
pub fn templates<K: SimCatalog>() -> Vec<SimTemplate> {
    std::iter::once(BRANCHING)
        .chain(K::models().iter().map(|m| m.template))
        .collect()
}

/// A new scenario file and its playthrough file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewScenario {
    pub id: String,
    pub scenario: String,
    pub plays: String,
}

/// Fills in a template. `file` is where the scenario will be written, e.g.
/// `scenarios/construction/ladder-safety.ron`: its folder and name make the id.
pub fn new_scenario(
    template: &SimTemplate,
    cluster: CareerCluster,
    file: &str,
) -> Result<NewScenario, String> {
    let id = id_for(file, cluster)?;
    let plays_file = format!("{}.plays.ron", file.strip_suffix(".ron").unwrap_or(file));
    let file_name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let fill = |text: &str| {
        text.replace("{{ID}}", &id)
            .replace("{{CLUSTER}}", &format!("{cluster:?}"))
            .replace("{{FILE}}", file)
            .replace("{{FILE_NAME}}", file_name)
            .replace("{{PLAYS_FILE}}", &plays_file)
    };
    Ok(NewScenario {
        scenario: fill(template.scenario),
        plays: fill(template.plays),
        id,
    })
}

/// `folder/name` from the file's folder and name; a file with no folder goes in the
/// cluster's folder (`construction/ladder-safety`).
fn id_for(file: &str, cluster: CareerCluster) -> Result<String, String> {
    let Some(stem) = file.strip_suffix(".ron") else {
        return Err(format!(
            "`{file}` should end in `.ron`, e.g. `ladder-safety.ron`"
        ));
    };
    if stem.ends_with(".plays") {
        return Err(format!(
            "`{file}` is a playthrough file's name; give the scenario's, e.g. `{}`",
            file.replace(".plays.ron", ".ron")
        ));
    }
    let mut parts = stem.rsplit(['/', '\\']);
    let name = parts.next().unwrap_or(stem);
    let folder = parts
        .next()
        .filter(|f| !f.is_empty() && *f != "." && *f != "scenarios")
        .map(str::to_string)
        .unwrap_or_else(|| cluster_folder(cluster));
    for part in [&folder, name] {
        if !well_formed(part) {
            return Err(format!(
                "`{part}` in `{file}` must be lowercase letters, digits and dashes (it becomes the scenario id), e.g. `construction/ladder-safety.ron`"
            ));
        }
    }
    Ok(format!("{folder}/{name}"))
}

/// The cluster's name in lowercase with dashes: `supply-chain-transportation`.
pub fn cluster_folder(cluster: CareerCluster) -> String {
    let mut out = String::new();
    for word in cluster
        .title()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

/// A cluster from what a teacher types: the file's name for it (`Construction`),
/// the framework's (`"Supply Chain & Transportation"`), or a unique part of either
/// (`healthcare`, `supply-chain`). Case, spaces and punctuation do not matter.
pub fn cluster_named(text: &str) -> Result<CareerCluster, String> {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let wanted = squash(text);
    let names = |c: CareerCluster| [squash(&format!("{c:?}")), squash(c.title())];
    if let Some(c) = CareerCluster::ALL
        .into_iter()
        .find(|&c| names(c).contains(&wanted))
    {
        return Ok(c);
    }
    let partial: Vec<CareerCluster> = CareerCluster::ALL
        .into_iter()
        .filter(|&c| !wanted.is_empty() && names(c).iter().any(|n| n.contains(&wanted)))
        .collect();
    match partial.as_slice() {
        [one] => Ok(*one),
        _ => Err(format!(
            "`{text}` is not a career cluster; use one of: {}",
            CareerCluster::ALL
                .iter()
                .map(|c| format!("{c:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_comes_from_the_folder_and_file_name() {
        let id = |file| id_for(file, CareerCluster::Construction);
        assert_eq!(
            id("scenarios/construction/ladder-safety.ron").unwrap(),
            "construction/ladder-safety"
        );
        assert_eq!(
            id("ladder-safety.ron").unwrap(),
            "construction/ladder-safety"
        );
        assert_eq!(
            id("./ladder-safety.ron").unwrap(),
            "construction/ladder-safety"
        );
        assert_eq!(id("my/site/ladder.ron").unwrap(), "site/ladder");
        assert!(id("Ladder Safety.ron").unwrap_err().contains("lowercase"));
        assert!(
            id("ladder-safety.txt")
                .unwrap_err()
                .contains("end in `.ron`")
        );
        assert!(id("ladder.plays.ron").unwrap_err().contains("playthrough"));
    }

    #[test]
    fn clusters_are_found_by_any_reasonable_name() {
        assert_eq!(
            cluster_named("Construction"),
            Ok(CareerCluster::Construction)
        );
        assert_eq!(
            cluster_named("Supply Chain & Transportation"),
            Ok(CareerCluster::SupplyChainTransportation)
        );
        assert_eq!(
            cluster_named("healthcare"),
            Ok(CareerCluster::HealthcareHumanServices)
        );
        assert_eq!(
            cluster_named("supply-chain"),
            Ok(CareerCluster::SupplyChainTransportation)
        );
        assert_eq!(
            cluster_named("manufacturing"),
            Ok(CareerCluster::AdvancedManufacturing)
        );
        let err = cluster_named("cooking").unwrap_err();
        assert!(err.contains("not a career cluster") && err.contains("HospitalityEventsTourism"));
        // "an" is in several names: not a guess.
        assert!(cluster_named("an").is_err());
        assert_eq!(
            cluster_folder(CareerCluster::ArtsEntertainmentDesign),
            "arts-entertainment-design"
        );
    }
}
