//! `firstshift`: the teachers' command-line tool.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[macro_use]
mod terminal;

mod debrief;
mod files;
mod graph;
mod new;
mod play;
mod replay;
mod report;
mod test;
mod translate;
mod validate;

#[derive(Debug, Parser)]
#[command(
    name = "firstshift",
    version,
    about = "Validate, test, play and re-score FirstShift career scenarios."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start a new scenario from a commented template that validates, with a
    /// playthrough file beside it: `firstshift new --cluster Construction
    /// scenarios/construction/ladder-safety.ron`.
    New {
        /// The career cluster: `Construction`, "Supply Chain & Transportation", or a
        /// unique part of a name such as `healthcare`.
        #[arg(long)]
        cluster: String,
        /// The kind of scenario: `branching`, or one per simulation model.
        #[arg(long, default_value = "branching", value_parser = new::template_names())]
        template: String,
        /// The new file, `folder/name.ron` in lowercase with dashes (the scenario id).
        path: PathBuf,
    },
    /// Write or update a translation file (`<name>.<language>.ron`) to fill in: every
    /// string the student reads, with its English.
    Translate {
        /// The language code, e.g. `es`.
        #[arg(long = "lang")]
        language: String,
        scenario: PathBuf,
    },
    /// Check scenario and playthrough files; every problem at once, with line and column.
    Validate {
        /// Files or folders (folders are searched; folders named `_invalid` are skipped).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// `short` prints one line per problem (`file:line:column: severity[code]:
        /// message`), the form editors' problem matchers read.
        #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
        format: ValidateFormat,
    },
    /// Run the playthrough files (`<slug>.plays.ron`) and check each run's result.
    Test {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// `json` prints every run with its actions, score and transcript (for tools
        /// such as the browser tests, which replay the same runs in the player).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Play a scenario in the terminal, then see the debrief.
    Play {
        file: PathBuf,
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Also write the run's transcript (JSON) here, for `firstshift replay`.
        #[arg(long)]
        transcript: Option<PathBuf>,
    },
    /// Replay a saved run (transcript JSON) on its scenario and score it again.
    Replay {
        scenario: PathBuf,
        transcript: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Class results from the run files students downloaded: levels per criterion,
    /// the critical actions most often missed, the choices taken at each step, and
    /// results by standard and Career-Ready Practice. Files that do not fit are
    /// listed with the reason; the rest still count.
    Report {
        /// Run files (`firstshift-…-run.json`), or folders of them.
        #[arg(required = true)]
        runs: Vec<PathBuf>,
        /// Where the scenarios are (every scenario under it is found by id).
        #[arg(long, default_value = "scenarios")]
        scenarios: PathBuf,
        /// Also write a spreadsheet: one row per run and criterion.
        #[arg(long)]
        csv: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print the step graph as Graphviz DOT or Mermaid.
    Graph {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ValidateFormat {
    Text,
    Json,
    Short,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    Dot,
    Mermaid,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::New {
            cluster,
            template,
            path,
        } => new::run(&cluster, &template, &path),
        Command::Translate { language, scenario } => translate::run(&language, &scenario),
        Command::Validate { paths, format } => validate::run(&paths, format),
        Command::Test { paths, format } => test::run(&paths, format),
        Command::Play {
            file,
            seed,
            transcript,
        } => play::run(&file, seed, transcript.as_deref()),
        Command::Replay {
            scenario,
            transcript,
            format,
        } => replay::run(&scenario, &transcript, format),
        Command::Graph { file, format } => graph::run(&file, format),
        Command::Report {
            runs,
            scenarios,
            csv,
            format,
        } => report::run(&runs, &scenarios, csv.as_deref(), format),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            errln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
