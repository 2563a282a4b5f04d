//! The catalog index (`scenarios/index.json`) as a Bevy asset.

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, LoadContext};
use bevy::prelude::*;
use firstshift_scenario::catalog::Catalog;

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
