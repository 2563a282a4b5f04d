//! Class results without a server. A teacher collects the run files students
//! downloaded from the debrief (`firstshift-<slug>-run.json`); this crate re-scores
//! each against its scenario (the score in a file is never read: only the choices
//! and their times are replayed; what that does and does not prove is in
//! docs/careers.md) and aggregates them per scenario: how many passed, the level
//! each criterion reached, the critical actions most often missed, the choices most
//! often taken at each step, and the results grouped by the academic standards and
//! Career-Ready Practices the criteria are tagged with.
//!
//! Plain Rust with no IO: `firstshift report` reads the files from disk, and the
//! player's class results page reads the files a teacher drops on it. Files that are
//! not run files, or do not fit their scenario, are listed with the reason and the
//! rest still count.

pub mod profile;

use std::collections::BTreeMap;
use std::sync::Arc;

use firstshift_core::{Replay, ReplayError, Seconds, Transcript};
use firstshift_rubric::{ScoreReport, score_session};
use firstshift_sims::{Scenario, Session, Sims};
use serde::Serialize;

/// A file as the teacher gave it.
#[derive(Debug, Clone)]
pub struct RunFile {
    pub name: String,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ClassReport {
    /// One summary per scenario, by id.
    pub scenarios: Vec<ScenarioSummary>,
    /// Files that did not count, with why.
    pub rejected: Vec<Rejected>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    pub file: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioSummary {
    pub id: String,
    pub title: String,
    pub runs: usize,
    /// Runs that reached an ending.
    pub finished: usize,
    pub passed: usize,
    /// Mean score of the finished runs, 0–100.
    pub mean_percent: f64,
    pub criteria: Vec<CriterionSummary>,
    /// Critical actions missed, most often first.
    pub critical_failures: Vec<Count>,
    /// Harmful actions done, most often first.
    pub harms: Vec<Count>,
    /// For each step reached, the choices taken there, most often first.
    pub choices_by_step: Vec<StepChoices>,
    /// Results grouped by the standards and practices the criteria are tagged with.
    pub by_tag: Vec<TagSummary>,
    /// Each run, for the spreadsheet.
    pub runs_detail: Vec<RunRow>,
}

impl Rejected {
    /// "notes.txt: not a FirstShift run file (…)".
    pub fn line(&self) -> String {
        format!("{}: {}", self.file, self.reason)
    }
}

impl CriterionSummary {
    /// "Exemplary 3, Proficient 1, none 2".
    pub fn levels_line(&self) -> String {
        self.levels
            .iter()
            .map(|l| format!("{} {}", l.label, l.count))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Count {
    /// "The guest leaves with a bed (2 runs)".
    pub fn runs_line(&self) -> String {
        format!("{} ({} runs)", self.label, self.count)
    }
}

impl StepChoices {
    /// "arrival: Greet her ×4; Finish the email ×2".
    pub fn line(&self) -> String {
        let taken: Vec<String> = self
            .choices
            .iter()
            .map(|c| format!("{} ×{}", c.label, c.count))
            .collect();
        format!("{}: {}", self.step, taken.join("; "))
    }
}

impl TagSummary {
    /// "[standard] CCSS.ELA-LITERACY.W.11-12.2: 50%" (of the points available).
    pub fn line(&self) -> String {
        format!("[{}] {}: {:.0}%", self.kind, self.tag, self.mean_percent)
    }
}

impl ScenarioSummary {
    /// "6 runs, 6 finished, 2 passed; mean score 48%".
    pub fn headline(&self) -> String {
        format!(
            "{} runs, {} finished, {} passed; mean score {:.0}%",
            self.runs, self.finished, self.passed, self.mean_percent
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionSummary {
    pub id: String,
    pub title: String,
    pub standards: Vec<String>,
    pub practices: Vec<String>,
    /// Each level's name with how many runs reached it, best first, then `none`.
    pub levels: Vec<Count>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub id: String,
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepChoices {
    pub step: String,
    pub choices: Vec<Count>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagSummary {
    /// `standard` or `practice`.
    pub kind: &'static str,
    pub tag: String,
    /// The criteria tagged with it.
    pub criteria: Vec<String>,
    /// Share of the points available on those criteria that the runs earned, 0–100.
    pub mean_percent: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunRow {
    pub file: String,
    pub percent: u32,
    pub passed: bool,
    pub ending: Option<String>,
    pub report: ScoreReport,
}

/// A scenario's counted runs: the scored rows and the transcripts they came from.
type Counted = (Arc<Scenario>, Vec<RunRow>, Vec<Transcript>);

/// Re-scores every file and aggregates them. `scenario_named` finds a scenario by
/// its id (the built-in library, or the teacher's own files).
pub fn class_report(
    scenario_named: impl Fn(&str) -> Option<Arc<Scenario>>,
    files: &[RunFile],
) -> ClassReport {
    let mut class = ClassBuilder::default();
    for file in files {
        if let Some(mut rescoring) = class.start(file, &scenario_named) {
            while !rescoring.step(Seconds::MAX) {}
            class.finish(rescoring);
        }
    }
    class.build()
}

/// A class report built one file at a time, and each file a slice at a time, so
/// that the player's class page can yield to the browser between slices and give
/// up on a file that takes too long: that file is listed as not counted with the
/// reason, and the rest still count. [`class_report`] is the same in one go.
#[derive(Debug, Default)]
pub struct ClassBuilder {
    rejected: Vec<Rejected>,
    by_scenario: BTreeMap<String, Counted>,
}

/// One file being re-scored: step it until [`Rescoring::step`] says it is done,
/// then hand it to [`ClassBuilder::finish`].
#[derive(Debug)]
pub struct Rescoring {
    file: String,
    scenario: Arc<Scenario>,
    /// The replay while it runs.
    replay: Option<Box<Replay<Sims>>>,
    /// Its outcome once it has ended.
    result: Option<Result<Session, ReplayError>>,
}

impl Rescoring {
    /// Replays about `sim_seconds` more of the run; true when it is done (counted
    /// or refused).
    pub fn step(&mut self, sim_seconds: Seconds) -> bool {
        let Some(mut replay) = self.replay.take() else {
            return true;
        };
        match replay.step(sim_seconds) {
            Ok(false) => {
                self.replay = Some(replay);
                false
            }
            Ok(true) => {
                self.result = Some(replay.finish().map(|(session, _)| session));
                true
            }
            Err(e) => {
                self.result = Some(Err(e));
                true
            }
        }
    }
}

impl ClassBuilder {
    /// Reads one file and starts re-scoring it; a file that is not a run file, or
    /// of a scenario not found, is listed as not counted and `None` is returned.
    pub fn start(
        &mut self,
        file: &RunFile,
        scenario_named: impl Fn(&str) -> Option<Arc<Scenario>>,
    ) -> Option<Rescoring> {
        let transcript: Transcript = match serde_json::from_str(&file.text) {
            Ok(t) => t,
            Err(_) => {
                self.reject(&file.name, "not a FirstShift run file (the player's debrief downloads them as firstshift-…-run.json)".into());
                return None;
            }
        };
        let Some(scenario) = scenario_named(&transcript.scenario) else {
            self.reject(
                &file.name,
                format!(
                    "a run of `{}`, a scenario not found here; add its .ron file",
                    transcript.scenario
                ),
            );
            return None;
        };
        let (replay, result) = match Replay::new(transcript, Arc::clone(&scenario)) {
            Ok(replay) => (Some(Box::new(replay)), None),
            Err(e) => (None, Some(Err(e))),
        };
        Some(Rescoring {
            file: file.name.clone(),
            scenario,
            replay,
            result,
        })
    }

    /// Counts a file whose re-scoring is done, or lists it with the reason.
    pub fn finish(&mut self, rescoring: Rescoring) {
        let Rescoring {
            file,
            scenario,
            result,
            ..
        } = rescoring;
        let session = match result {
            Some(Ok(session)) => session,
            Some(Err(e)) => {
                let reason = match e {
                    ReplayError::OtherVersion => format!(
                        "made with another version of `{}`; its runs count only against that version",
                        scenario.id
                    ),
                    other => format!("does not fit `{}`: {other}", scenario.id),
                };
                self.reject(&file, reason);
                return;
            }
            None => {
                self.reject(&file, "its re-scoring was not finished".into());
                return;
            }
        };
        let report = score_session(&session);
        let transcript = session.transcript();
        let entry = self
            .by_scenario
            .entry(scenario.id.clone())
            .or_insert_with(|| (Arc::clone(&scenario), Vec::new(), Vec::new()));
        entry.1.push(RunRow {
            file,
            percent: report.percent,
            passed: report.passed,
            ending: report.ending.as_ref().map(|e| e.title.clone()),
            report,
        });
        entry.2.push(transcript);
    }

    /// Lists a file as not counted.
    pub fn reject(&mut self, file: &str, reason: String) {
        self.rejected.push(Rejected {
            file: file.to_string(),
            reason,
        });
    }

    pub fn build(self) -> ClassReport {
        ClassReport {
            scenarios: self
                .by_scenario
                .into_values()
                .map(|(scenario, rows, transcripts)| summarise(&scenario, rows, &transcripts))
                .collect(),
            rejected: self.rejected,
        }
    }
}

fn most_often_first(counts: BTreeMap<String, (String, usize)>) -> Vec<Count> {
    let mut out: Vec<Count> = counts
        .into_iter()
        .map(|(id, (label, count))| Count { id, label, count })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.id.cmp(&b.id)));
    out
}

fn summarise(
    scenario: &Scenario,
    rows: Vec<RunRow>,
    transcripts: &[Transcript],
) -> ScenarioSummary {
    let finished: Vec<&RunRow> = rows.iter().filter(|r| r.report.ending.is_some()).collect();
    let mean_percent = if finished.is_empty() {
        0.0
    } else {
        finished.iter().map(|r| f64::from(r.percent)).sum::<f64>() / finished.len() as f64
    };
    let criteria = scenario
        .rubric
        .criteria
        .iter()
        .map(|c| {
            let mut levels: Vec<Count> = c
                .levels
                .iter()
                .map(|l| Count {
                    id: l.name.clone(),
                    label: l.name.clone(),
                    count: finished
                        .iter()
                        .filter(|r| criterion_level(&r.report, &c.id) == Some(l.name.as_str()))
                        .count(),
                })
                .collect();
            levels.push(Count {
                id: "none".into(),
                label: "none".into(),
                count: finished
                    .iter()
                    .filter(|r| criterion_level(&r.report, &c.id).is_none())
                    .count(),
            });
            CriterionSummary {
                id: c.id.clone(),
                title: c.title.clone(),
                standards: c.standards.clone(),
                practices: c.practices.iter().map(|p| p.title().to_string()).collect(),
                levels,
            }
        })
        .collect();
    let mut critical = BTreeMap::new();
    let mut harms = BTreeMap::new();
    for r in &finished {
        for c in &r.report.critical_failures {
            critical
                .entry(c.id.clone())
                .or_insert((c.title.clone(), 0))
                .1 += 1;
        }
        for h in &r.report.harms {
            harms.entry(h.id.clone()).or_insert((h.title.clone(), 0)).1 += 1;
        }
    }
    // Choices per step, in the order steps were first reached by the class.
    let mut step_order: Vec<String> = Vec::new();
    let mut per_step: BTreeMap<String, BTreeMap<String, (String, usize)>> = BTreeMap::new();
    for t in transcripts {
        for entry in &t.choices {
            if !step_order.contains(&entry.step) {
                step_order.push(entry.step.clone());
            }
            let label = scenario
                .choice(&entry.choice)
                .map_or(entry.choice.clone(), |(_, c)| c.label.clone());
            per_step
                .entry(entry.step.clone())
                .or_default()
                .entry(entry.choice.clone())
                .or_insert((label, 0))
                .1 += 1;
        }
    }
    let choices_by_step = step_order
        .into_iter()
        .map(|step| StepChoices {
            choices: most_often_first(per_step.remove(&step).unwrap_or_default()),
            step,
        })
        .collect();
    ScenarioSummary {
        id: scenario.id.clone(),
        title: scenario.title.clone(),
        runs: rows.len(),
        finished: finished.len(),
        passed: finished.iter().filter(|r| r.passed).count(),
        mean_percent,
        criteria,
        critical_failures: most_often_first(critical),
        harms: most_often_first(harms),
        choices_by_step,
        by_tag: by_tag(scenario, &finished),
        runs_detail: rows,
    }
}

fn criterion_level<'a>(report: &'a ScoreReport, criterion: &str) -> Option<&'a str> {
    report
        .criteria
        .iter()
        .find(|c| c.id == criterion)
        .and_then(|c| c.level.as_deref())
}

fn by_tag(scenario: &Scenario, finished: &[&RunRow]) -> Vec<TagSummary> {
    let mut tags: BTreeMap<(&'static str, String), Vec<String>> = BTreeMap::new();
    for c in &scenario.rubric.criteria {
        for s in &c.standards {
            tags.entry(("standard", s.clone()))
                .or_default()
                .push(c.id.clone());
        }
        for p in &c.practices {
            tags.entry(("practice", p.title().to_string()))
                .or_default()
                .push(c.id.clone());
        }
    }
    tags.into_iter()
        .map(|((kind, tag), criteria)| {
            let (mut earned, mut available) = (0u64, 0u64);
            for r in finished {
                for c in r
                    .report
                    .criteria
                    .iter()
                    .filter(|c| criteria.contains(&c.id))
                {
                    earned += u64::from(c.points);
                    available += u64::from(c.max_points);
                }
            }
            let mean_percent = if available == 0 {
                0.0
            } else {
                100.0 * earned as f64 / available as f64
            };
            TagSummary {
                kind,
                tag,
                criteria,
                mean_percent,
            }
        })
        .collect()
}

/// A cell a spreadsheet shows as text. A cell that begins with `=`, `+`, `-`, `@`,
/// a tab or a carriage return is read as a formula by Excel, LibreOffice and Google
/// Sheets, and a student names the run file, so such a cell gets a leading `'` (the
/// spreadsheets' own mark for "this is text", as OWASP advises).
pub fn spreadsheet_text(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// One row per run and criterion, with the run's score: opens in any spreadsheet
/// and pivots by scenario, criterion, level, standard or practice. Every text cell
/// goes through [`spreadsheet_text`].
pub fn to_csv(report: &ClassReport) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "file",
        "scenario",
        "percent",
        "passed",
        "ending",
        "criterion",
        "level",
        "points",
        "max_points",
        "standards",
        "practices",
    ]);
    for s in &report.scenarios {
        let tags: BTreeMap<&str, &CriterionSummary> =
            s.criteria.iter().map(|c| (c.id.as_str(), c)).collect();
        for run in &s.runs_detail {
            for c in &run.report.criteria {
                let summary = tags.get(c.id.as_str());
                let text = |t: &str| spreadsheet_text(t).into_owned();
                let _ = w.write_record([
                    text(&run.file),
                    text(&s.id),
                    run.percent.to_string(),
                    (if run.passed { "yes" } else { "no" }).to_string(),
                    text(run.ending.as_deref().unwrap_or("(unfinished)")),
                    text(&c.id),
                    text(c.level.as_deref().unwrap_or("none")),
                    c.points.to_string(),
                    c.max_points.to_string(),
                    text(&summary.map(|s| s.standards.join("; ")).unwrap_or_default()),
                    text(&summary.map(|s| s.practices.join("; ")).unwrap_or_default()),
                ]);
            }
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The report as a teacher reads it in a terminal.
pub fn to_text(report: &ClassReport) -> String {
    let mut out = String::new();
    for s in &report.scenarios {
        out.push_str(&format!("{} ({})\n", s.title, s.id));
        out.push_str(&format!("  {}\n", s.headline()));
        out.push_str("  Levels reached, by criterion:\n");
        for c in &s.criteria {
            out.push_str(&format!("    {}: {}\n", c.title, c.levels_line()));
        }
        if !s.critical_failures.is_empty() {
            out.push_str("  Critical actions most often missed:\n");
            for c in &s.critical_failures {
                out.push_str(&format!("    {}\n", c.runs_line()));
            }
        }
        if !s.harms.is_empty() {
            out.push_str("  Harmful actions:\n");
            for h in &s.harms {
                out.push_str(&format!("    {}\n", h.runs_line()));
            }
        }
        out.push_str("  Choices most often taken at each step:\n");
        for step in &s.choices_by_step {
            out.push_str(&format!("    {}\n", step.line()));
        }
        if !s.by_tag.is_empty() {
            out.push_str("  By standard and Career-Ready Practice (share of points earned):\n");
            for t in &s.by_tag {
                out.push_str(&format!("    {}\n", t.line()));
            }
        }
        out.push('\n');
    }
    if !report.rejected.is_empty() {
        out.push_str("Files not counted:\n");
        for r in &report.rejected {
            out.push_str(&format!("  {}\n", r.line()));
        }
    }
    out
}
