//! The catalog of built-in scenarios: `scenarios/index.json` in the built site,
//! written by `cargo xtask build-web` and read by the player.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Scenario, SimCatalog};

/// What the catalog shows of a scenario, in another language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogText {
    pub title: String,
    pub career: String,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogEntry {
    pub id: String,
    /// Path of the `.ron` file relative to the site root, e.g. `scenarios/hospitality/x.ron`.
    pub path: String,
    pub title: String,
    pub career: String,
    /// The cluster's name as the framework writes it.
    pub cluster: String,
    pub minutes: u32,
    pub difficulty: String,
    pub summary: String,
    /// The languages it is translated into (language code → the catalog's text).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, CatalogText>,
}

impl CatalogEntry {
    pub fn new<K: SimCatalog>(scenario: &Scenario<K>, path: impl Into<String>) -> Self {
        CatalogEntry {
            id: scenario.id.clone(),
            path: path.into(),
            title: scenario.title.clone(),
            career: scenario.career.clone(),
            cluster: scenario.cluster.title().to_string(),
            minutes: scenario.minutes,
            difficulty: format!("{:?}", scenario.difficulty),
            summary: scenario.summary.clone(),
            translations: BTreeMap::new(),
        }
    }

    /// Records a translation (`translated` is the scenario as translated).
    pub fn add_translation<K: SimCatalog>(&mut self, language: &str, translated: &Scenario<K>) {
        self.translations.insert(
            language.to_string(),
            CatalogText {
                title: translated.title.clone(),
                career: translated.career.clone(),
                summary: translated.summary.clone(),
            },
        );
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    pub scenarios: Vec<CatalogEntry>,
}

impl Catalog {
    /// Entries grouped by cluster (clusters in alphabetical order, titles within).
    pub fn by_cluster(&self) -> Vec<(&str, Vec<&CatalogEntry>)> {
        let mut groups: BTreeMap<&str, Vec<&CatalogEntry>> = Default::default();
        for e in &self.scenarios {
            groups.entry(e.cluster.as_str()).or_default().push(e);
        }
        groups
            .into_iter()
            .map(|(k, mut v)| {
                v.sort_by(|a, b| a.title.cmp(&b.title));
                (k, v)
            })
            .collect()
    }
}
