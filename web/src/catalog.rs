//! The catalog index (`scenarios/index.json`) as a Bevy asset, and built-in
//! scenarios fetched by id for the pages that re-score kept runs.

use std::collections::BTreeMap;
use std::sync::Arc;

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, LoadContext};
use bevy::prelude::*;
use firstshift_scenario::catalog::Catalog;
use firstshift_scenario::compiled::load_compiled;
use firstshift_scenario::{Scenario, site_path};

#[derive(Asset, TypePath, Debug)]
pub struct CatalogAsset(pub Result<Catalog, String>);

#[derive(Debug, Default, TypePath)]
pub struct CatalogLoader;

impl AssetLoader for CatalogLoader {
    type Asset = CatalogAsset;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _: &(),
        _: &mut LoadContext<'_>,
    ) -> Result<CatalogAsset, Self::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        Ok(CatalogAsset(
            serde_json::from_slice(&bytes).map_err(|e| e.to_string()),
        ))
    }

    fn extensions(&self) -> &[&str] {
        &["json"]
    }
}

/// The built-in scenarios with these ids, fetched from this site once each; an id
/// that is not of the id grammar, missing, or broken is left out (the caller then
/// reports the run as not found).
pub async fn fetch_builtin(
    ids: impl IntoIterator<Item = String>,
) -> BTreeMap<String, Arc<Scenario>> {
    let mut ids: Vec<String> = ids.into_iter().collect();
    ids.sort();
    ids.dedup();
    let mut library = BTreeMap::new();
    for id in ids {
        let Ok(path) = site_path::compiled_scenario_file(&id) else {
            continue;
        };
        if let Some(text) = crate::dom::fetch_text_async(&path).await
            && let Ok(scenario) = load_compiled(text.as_bytes())
        {
            library.insert(id, scenario);
        }
    }
    library
}
