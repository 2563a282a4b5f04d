//! Named validation passes over a scenario that deserialized cleanly. Each pass
//! adds every problem it finds to the list; none stops at the first.

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::tree::{Key, Node};
use crate::{Scenario, SimCatalog};

mod career;
mod explore;
mod graph;
pub(crate) mod references;
mod sim;
pub mod style;
mod values;

pub use explore::{Exploration, explore};

/// A pass: its name (shown by `firstshift validate --passes`) and its function.
pub type Pass<K> = (&'static str, fn(&mut Ctx<'_, K>));

/// The passes, in the order they run.
pub fn passes<K: SimCatalog>() -> [Pass<K>; 8] {
    [
        ("ids", references::ids),
        ("references", references::references),
        ("values", values::values),
        ("career", career::career),
        ("sim", sim::sim),
        ("graph", graph::graph),
        ("explore", explore::explore_pass),
        ("style", style::style),
    ]
}

#[derive(Debug)]
pub struct Ctx<'a, K: SimCatalog> {
    pub scenario: &'a Arc<Scenario<K>>,
    pub tree: &'a Node,
    pub diagnostics: Vec<Diagnostic>,
}

impl<K: SimCatalog> Ctx<'_, K> {
    /// The span of the value at `path` (falls back to the nearest ancestor found).
    pub fn span(&self, path: &[Key]) -> Option<Range<usize>> {
        (0..=path.len())
            .rev()
            .find_map(|n| self.tree.lookup(&path[..n]).map(|node| node.span.clone()))
    }

    /// The span of the map key or field name at `path`.
    pub fn key_span(&self, path: &[Key]) -> Option<Range<usize>> {
        self.tree.key_span(path).or_else(|| self.span(path))
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }
}

pub fn run_all<K: SimCatalog>(scenario: &Arc<Scenario<K>>, tree: &Node) -> Vec<Diagnostic> {
    let mut ctx = Ctx {
        scenario,
        tree,
        diagnostics: Vec::new(),
    };
    for (_, pass) in passes::<K>() {
        pass(&mut ctx);
    }
    ctx.diagnostics
}

// Paths into a scenario file.
pub(crate) fn step(id: &str) -> Vec<Key> {
    vec![Key::Field("steps"), Key::Entry(id.to_string())]
}

pub(crate) fn choice(step_id: &str, index: usize) -> Vec<Key> {
    let mut p = step(step_id);
    p.extend([Key::Field("choices"), Key::Index(index)]);
    p
}

pub(crate) fn rubric(part: &'static str, index: usize) -> Vec<Key> {
    vec![Key::Field("rubric"), Key::Field(part), Key::Index(index)]
}

pub(crate) fn with(mut path: Vec<Key>, more: impl IntoIterator<Item = Key>) -> Vec<Key> {
    path.extend(more);
    path
}
