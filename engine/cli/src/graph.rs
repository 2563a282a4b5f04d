//! The story graph for Graphviz (`dot -Tsvg`) or Mermaid (renders in GitHub markdown).

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use firstshift_core::Outcome;
use firstshift_sims::Scenario;

use crate::{GraphFormat, files};

pub fn run(path: &Path, format: GraphFormat) -> Result<ExitCode, String> {
    let scenario = files::load_usable(path)?;
    out!(
        "{}",
        match format {
            GraphFormat::Dot => dot(&scenario),
            GraphFormat::Mermaid => mermaid(&scenario),
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// Edges: (from step, to step, choice label, is a conditional branch).
fn edges(s: &Scenario) -> Vec<(&str, &str, &str, bool)> {
    let mut out = Vec::new();
    for (id, step) in &s.steps {
        for c in &step.choices {
            for b in &c.branches {
                out.push((id.as_str(), b.next.as_str(), c.label.as_str(), true));
            }
            out.push((id.as_str(), c.next.as_str(), c.label.as_str(), false));
        }
    }
    out
}

fn escape(text: &str, max: usize) -> String {
    let short: String = text.chars().take(max).collect();
    let short = if text.chars().count() > max {
        format!("{short}…")
    } else {
        short
    };
    short.replace('\\', "\\\\").replace('"', "'")
}

pub fn dot(s: &Scenario) -> String {
    let mut out = format!(
        "digraph \"{}\" {{\n  rankdir=LR;\n  node [shape=box, style=rounded];\n",
        escape(&s.id, 200)
    );
    for (id, step) in &s.steps {
        let style = match step.ending.as_ref().map(|e| e.outcome) {
            Some(Outcome::Success) => ", style=\"rounded,filled\", fillcolor=\"#c8e6c9\"",
            Some(Outcome::Mixed) => ", style=\"rounded,filled\", fillcolor=\"#fff3c4\"",
            Some(Outcome::Failure) => ", style=\"rounded,filled\", fillcolor=\"#ffcdd2\"",
            None if *id == s.start => ", penwidth=2",
            None => "",
        };
        let _ = writeln!(out, "  \"{id}\" [label=\"{id}\"{style}];");
    }
    for (from, to, label, conditional) in edges(s) {
        let dash = if conditional { ", style=dashed" } else { "" };
        let _ = writeln!(
            out,
            "  \"{from}\" -> \"{to}\" [label=\"{}\"{dash}];",
            escape(label, 40)
        );
    }
    out.push_str("}\n");
    out
}

pub fn mermaid(s: &Scenario) -> String {
    // Mermaid ids cannot contain `-`; number the steps instead.
    let index: std::collections::BTreeMap<&str, usize> = s
        .steps
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let mut out = String::from("flowchart LR\n");
    for (id, step) in &s.steps {
        let i = index[id.as_str()];
        match &step.ending {
            Some(e) => {
                let _ = writeln!(out, "  s{i}([\"{id}: {}\"])", escape(&e.title, 40));
            }
            None => {
                let _ = writeln!(out, "  s{i}[\"{id}\"]");
            }
        }
    }
    for (from, to, label, conditional) in edges(s) {
        let (Some(a), Some(b)) = (index.get(from), index.get(to)) else {
            continue;
        };
        let arrow = if conditional { "-.->" } else { "-->" };
        let _ = writeln!(out, "  s{a} {arrow}|\"{}\"| s{b}", escape(label, 40));
    }
    out
}
