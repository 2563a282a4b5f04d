//! The student's side: a record of each finished run kept in this browser (for the
//! portfolio page), the reflection after the debrief, and the interest profile
//! across the scenarios played here. Kept locally and never sent anywhere but the
//! LMS that launched the player; the student can clear it.
//!
//! Plain data and pure functions; the player stores it as JSON in localStorage and
//! reads it back with [`Profile::from_json`], which never fails: a damaged or edited
//! profile starts empty and says so.

use std::collections::BTreeMap;
use std::sync::Arc;

use firstshift_core::{CareerReadyPractice, ReplayError, Transcript, clock_text};
use firstshift_rubric::{ScoreReport, rescore};
use firstshift_sims::Scenario;
use serde::{Deserialize, Serialize};

/// The longest answer kept for a free-text question.
pub const MAX_ANSWER: usize = 500;

/// What a student says after the debrief.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reflection {
    /// How interested in this career now, 1–5.
    pub interest: Option<u8>,
    /// What surprised them.
    #[serde(default)]
    pub surprised: String,
    /// The Career-Ready Practice they want to build, by name.
    pub skill: Option<CareerReadyPractice>,
}

impl Reflection {
    /// Cleans what a form gave: an interest outside 1–5 is dropped, text is trimmed
    /// and cut to [`MAX_ANSWER`] characters.
    pub fn new(interest: Option<u8>, surprised: &str, skill: Option<CareerReadyPractice>) -> Self {
        Reflection {
            interest: interest.filter(|i| (1..=5).contains(i)),
            surprised: surprised.trim().chars().take(MAX_ANSWER).collect(),
            skill,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.interest.is_none() && self.surprised.is_empty() && self.skill.is_none()
    }
}

/// One criterion of a finished run, as the debrief and the portfolio page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionRecord {
    pub id: String,
    pub title: String,
    pub level: Option<String>,
    pub points: u32,
    pub max_points: u32,
    pub feedback: String,
    /// The choices that earned it: (the clock, "2:40"; the choice's label).
    pub evidence: Vec<(String, String)>,
}

/// A finished run, as kept in the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRecord {
    pub scenario: String,
    pub title: String,
    pub career: String,
    /// The cluster's name as the framework writes it.
    pub cluster: String,
    /// The date it was finished, `YYYY-MM-DD` (no time: nobody needs the minute).
    pub date: String,
    pub percent: u32,
    pub pass_mark: u32,
    pub passed: bool,
    pub ending: Option<String>,
    pub criteria: Vec<CriterionRecord>,
    pub critical_failures: Vec<String>,
    pub practices_shown: Vec<CareerReadyPractice>,
    pub reflection: Option<Reflection>,
    /// The run's choices and times, so the record can be re-scored whenever it is
    /// shown (records kept before this field have none).
    #[serde(default)]
    pub transcript: Option<Transcript>,
}

/// What re-scoring a kept run found. The profile lives in the browser, where anyone
/// can edit it, so a record's numbers are shown only once its choices earn them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Its choices earn exactly what it records.
    Confirmed,
    /// Its choices earn something else: the record was changed after the run, and
    /// what is shown is what the choices earn.
    Corrected,
    /// It could not be re-scored (why); its numbers are the browser's word only.
    Unchecked(String),
}

impl RunRecord {
    pub fn new(scenario: &Scenario, report: &ScoreReport, date: &str) -> Self {
        RunRecord {
            scenario: scenario.id.clone(),
            title: scenario.title.clone(),
            career: scenario.career.clone(),
            cluster: scenario.cluster.title().to_string(),
            date: date.to_string(),
            percent: report.percent,
            pass_mark: report.pass_mark,
            passed: report.passed,
            ending: report.ending.as_ref().map(|e| e.title.clone()),
            criteria: report
                .criteria
                .iter()
                .map(|c| CriterionRecord {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    level: c.level.clone(),
                    points: c.points,
                    max_points: c.max_points,
                    feedback: c.feedback.clone(),
                    evidence: c
                        .evidence
                        .iter()
                        .map(|e| {
                            let label = scenario
                                .choice(&e.choice)
                                .map_or(e.choice.as_str(), |(_, ch)| ch.label.as_str());
                            (clock_text(e.at), label.to_string())
                        })
                        .collect(),
                })
                .collect(),
            critical_failures: report
                .critical_failures
                .iter()
                .map(|c| c.title.clone())
                .collect(),
            practices_shown: report.practices_shown.clone(),
            reflection: None,
            transcript: None,
        }
    }

    /// The record with the run's transcript, for checking later.
    pub fn with_transcript(mut self, transcript: Transcript) -> Self {
        self.transcript = Some(transcript);
        self
    }

    /// Re-scores the record's transcript on `scenario` (its built-in scenario, when
    /// it could be loaded) and returns the record to show with what was found.
    /// A confirmed record is returned as kept (in the language it was played in);
    /// a corrected one is rebuilt from the re-scoring, keeping its date, reflection
    /// and transcript.
    pub fn checked(&self, scenario: Option<&Arc<Scenario>>) -> (RunRecord, Check) {
        let unchecked = |why: &str| (self.clone(), Check::Unchecked(why.to_string()));
        let Some(transcript) = &self.transcript else {
            return unchecked("it was kept without its choices");
        };
        let Some(scenario) = scenario else {
            return unchecked("its scenario is not available here");
        };
        let report = match rescore(Arc::clone(scenario), transcript) {
            Ok(report) => report,
            Err(ReplayError::OtherVersion) => {
                return unchecked("its scenario has changed since it was played");
            }
            Err(_) => return unchecked("its choices do not fit its scenario"),
        };
        let mut earned = RunRecord::new(scenario, &report, &self.date);
        earned.reflection = self.reflection.clone();
        earned.transcript = self.transcript.clone();
        let numbers = |r: &RunRecord| {
            (
                r.scenario.clone(),
                r.percent,
                r.pass_mark,
                r.passed,
                r.critical_failures.len(),
                r.criteria
                    .iter()
                    .map(|c| (c.id.clone(), c.points, c.max_points))
                    .collect::<Vec<_>>(),
                r.practices_shown.clone(),
            )
        };
        if numbers(&earned) == numbers(self) {
            (self.clone(), Check::Confirmed)
        } else {
            (earned, Check::Corrected)
        }
    }
}

/// Every finished run in this browser, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub runs: Vec<RunRecord>,
}

/// Profiles keep the most recent runs; older ones drop off so localStorage stays
/// small (a few kilobytes a run).
pub const MAX_RUNS: usize = 100;

impl Profile {
    /// Reads a stored profile. `Err` carries an empty profile and a message for a
    /// damaged one (the student is told, and it is replaced on the next save).
    pub fn from_json(text: Option<&str>) -> Result<Profile, (Profile, String)> {
        match text {
            None => Ok(Profile::default()),
            Some(text) => serde_json::from_str(text).map_err(|_| {
                (
                    Profile::default(),
                    "The career profile saved in this browser could not be read, so it starts again from this run.".to_string(),
                )
            }),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Adds a finished run; returns its index.
    pub fn add(&mut self, run: RunRecord) -> usize {
        self.runs.push(run);
        if self.runs.len() > MAX_RUNS {
            let extra = self.runs.len() - MAX_RUNS;
            self.runs.drain(..extra);
        }
        self.runs.len() - 1
    }

    /// Stores the reflection on run `index`; `false` when there is no such run.
    pub fn reflect(&mut self, index: usize, reflection: Reflection) -> bool {
        match self.runs.get_mut(index) {
            Some(run) => {
                run.reflection = Some(reflection);
                true
            }
            None => false,
        }
    }

    /// Every record re-scored ([`RunRecord::checked`]): the profile to show and, run
    /// by run, what the check found. `scenario_named` finds a built-in scenario.
    pub fn checked(
        &self,
        scenario_named: impl Fn(&str) -> Option<Arc<Scenario>>,
    ) -> (Profile, Vec<Check>) {
        let (runs, checks) = self
            .runs
            .iter()
            .map(|run| run.checked(scenario_named(&run.scenario).as_ref()))
            .unzip();
        (Profile { runs }, checks)
    }

    /// The clusters tried, the interest ratings, and the practices shown.
    pub fn summary(&self) -> ProfileSummary {
        let mut clusters: BTreeMap<&str, (usize, Vec<u8>, Vec<&str>)> = BTreeMap::new();
        let mut practices: BTreeMap<CareerReadyPractice, usize> = BTreeMap::new();
        let mut wanted: BTreeMap<CareerReadyPractice, usize> = BTreeMap::new();
        for run in &self.runs {
            let c = clusters.entry(run.cluster.as_str()).or_default();
            c.0 += 1;
            if !c.2.contains(&run.career.as_str()) {
                c.2.push(run.career.as_str());
            }
            if let Some(i) = run.reflection.as_ref().and_then(|r| r.interest) {
                c.1.push(i);
            }
            for p in &run.practices_shown {
                *practices.entry(*p).or_default() += 1;
            }
            if let Some(p) = run.reflection.as_ref().and_then(|r| r.skill) {
                *wanted.entry(p).or_default() += 1;
            }
        }
        let mut practices: Vec<(CareerReadyPractice, usize)> = practices.into_iter().collect();
        practices.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ProfileSummary {
            runs: self.runs.len(),
            clusters: clusters
                .into_iter()
                .map(|(cluster, (runs, interest, careers))| ClusterInterest {
                    cluster: cluster.to_string(),
                    runs,
                    careers: careers.into_iter().map(str::to_string).collect(),
                    mean_interest: (!interest.is_empty()).then(|| {
                        interest.iter().map(|&i| f64::from(i)).sum::<f64>() / interest.len() as f64
                    }),
                })
                .collect(),
            practices_shown: practices,
            skills_wanted: wanted.into_iter().collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileSummary {
    pub runs: usize,
    pub clusters: Vec<ClusterInterest>,
    /// Practices shown in the runs' rubrics, most often first.
    pub practices_shown: Vec<(CareerReadyPractice, usize)>,
    /// Practices the student said they want to build.
    pub skills_wanted: Vec<(CareerReadyPractice, usize)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterInterest {
    pub cluster: String,
    pub runs: usize,
    pub careers: Vec<String>,
    /// The mean of the interest ratings given, 1–5; `None` when none were given.
    pub mean_interest: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use firstshift_rubric::score_session;
    use firstshift_scenario::load_scenario;
    use firstshift_scenario::plays::{parse_plays, run_play};
    use std::path::Path;

    fn record(id: &str, play: usize, date: &str) -> RunRecord {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
        let s = load_scenario(&std::fs::read_to_string(root.join(format!("{id}.ron"))).unwrap())
            .scenario
            .unwrap();
        let plays =
            parse_plays(&std::fs::read_to_string(root.join(format!("{id}.plays.ron"))).unwrap())
                .value
                .unwrap();
        let session = firstshift_scenario::plays::perform(&s, &plays.plays[play]).unwrap();
        assert!(run_play(&s, &plays.plays[play]).passed());
        RunRecord::new(&s, &score_session(&session), date).with_transcript(session.transcript())
    }

    fn front_desk() -> Arc<Scenario> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
        load_scenario(
            &std::fs::read_to_string(root.join("hospitality/front-desk-overbooked.ron")).unwrap(),
        )
        .scenario
        .unwrap()
    }

    /// A profile is localStorage, which a student can edit: a record is shown with
    /// the score its choices earn, and one that cannot be re-scored says so.
    #[test]
    fn kept_runs_are_rescored_before_they_are_shown() {
        let s = front_desk();
        let honest = record("hospitality/front-desk-overbooked", 0, "2026-11-30");
        assert_eq!(honest.checked(Some(&s)), (honest.clone(), Check::Confirmed));

        let mut edited = honest.clone();
        edited.percent = (honest.percent + 37) % 101;
        edited.passed = !honest.passed;
        edited.criteria[0].points = if honest.criteria[0].points == 0 {
            edited.criteria[0].max_points
        } else {
            0
        };
        edited.reflection = Some(Reflection::new(Some(4), "kept", None));
        let (shown, check) = edited.checked(Some(&s));
        assert_eq!(check, Check::Corrected);
        assert_eq!(
            (shown.percent, shown.passed),
            (honest.percent, honest.passed)
        );
        assert_eq!(shown.criteria, honest.criteria);
        assert_eq!(
            shown.reflection, edited.reflection,
            "the reflection is the student's own"
        );

        let mut old = honest.clone();
        old.transcript = None;
        assert!(
            matches!(old.checked(Some(&s)).1, Check::Unchecked(why) if why.contains("without its choices"))
        );
        assert!(
            matches!(honest.checked(None).1, Check::Unchecked(why) if why.contains("not available"))
        );
        let mut forged = honest.clone();
        if let Some(t) = forged.transcript.as_mut() {
            t.choices[0].choice = "made-up".into();
        }
        assert!(
            matches!(forged.checked(Some(&s)).1, Check::Unchecked(why) if why.contains("do not fit"))
        );

        let profile = Profile {
            runs: vec![honest.clone(), edited, old],
        };
        let (shown, checks) = profile.checked(|id| (id == s.id).then(|| Arc::clone(&s)));
        assert_eq!(checks[..2], [Check::Confirmed, Check::Corrected]);
        assert_eq!(shown.runs[1].percent, honest.percent);
        // Records kept before transcripts were stored still load.
        let json = profile.to_json().replace(",\"transcript\":null", "");
        assert!(Profile::from_json(Some(&json)).is_ok());
    }

    #[test]
    fn a_run_record_keeps_what_the_portfolio_shows() {
        let r = record("hospitality/front-desk-overbooked", 0, "2026-11-30");
        assert_eq!(r.percent, 100);
        assert!(r.passed);
        assert_eq!(r.cluster, "Hospitality, Events & Tourism");
        let relocation = r
            .criteria
            .iter()
            .find(|c| c.title == "Relocates the guest properly")
            .unwrap();
        assert_eq!(relocation.level.as_deref(), Some("Exemplary"));
        assert!(relocation.evidence[0].1.starts_with("Explain the whole plan, book the taxi, and write the Harbor Inn confirmation number and your name on a card for her"), "{:?}", relocation.evidence);
        assert!(
            r.practices_shown
                .contains(&CareerReadyPractice::Communication)
        );
    }

    #[test]
    fn the_profile_sums_up_clusters_interest_and_practices() {
        let mut p = Profile::default();
        let a = p.add(record("hospitality/front-desk-overbooked", 0, "2026-11-30"));
        let b = p.add(record("hospitality/front-desk-overbooked", 2, "2026-11-30"));
        let c = p.add(record(
            "public-safety/dispatcher-smoke-call",
            0,
            "2026-12-01",
        ));
        assert!(p.reflect(
            a,
            Reflection::new(
                Some(4),
                "  Walking a guest is a thing!  ",
                Some(CareerReadyPractice::Communication)
            )
        ));
        assert!(p.reflect(b, Reflection::new(Some(2), "", None)));
        assert!(
            p.reflect(c, Reflection::new(Some(9), "x", None)),
            "an out-of-range interest is dropped, the rest kept"
        );
        assert!(!p.reflect(7, Reflection::default()));
        assert_eq!(
            p.runs[a].reflection.as_ref().unwrap().surprised,
            "Walking a guest is a thing!"
        );
        assert_eq!(p.runs[c].reflection.as_ref().unwrap().interest, None);

        let s = p.summary();
        assert_eq!(s.runs, 3);
        let hospitality = s
            .clusters
            .iter()
            .find(|c| c.cluster.starts_with("Hospitality"))
            .unwrap();
        assert_eq!(hospitality.runs, 2);
        assert_eq!(hospitality.careers, ["Front desk agent"]);
        assert_eq!(hospitality.mean_interest, Some(3.0));
        let safety = s
            .clusters
            .iter()
            .find(|c| c.cluster.starts_with("Public"))
            .unwrap();
        assert_eq!(safety.mean_interest, None);
        assert_eq!(s.skills_wanted, [(CareerReadyPractice::Communication, 1)]);
        assert!(s.practices_shown[0].1 >= s.practices_shown.last().unwrap().1);

        // Round trip, and a damaged profile starts again with a message.
        assert_eq!(Profile::from_json(Some(&p.to_json())).unwrap(), p);
        let (empty, why) = Profile::from_json(Some("{\"runs\": 3")).unwrap_err();
        assert!(empty.runs.is_empty() && why.contains("could not be read"));
        assert_eq!(Profile::from_json(None).unwrap(), Profile::default());
    }

    #[test]
    fn long_answers_are_cut_and_the_oldest_runs_drop_off() {
        let long = "é".repeat(MAX_ANSWER + 50);
        assert_eq!(
            Reflection::new(None, &long, None).surprised.chars().count(),
            MAX_ANSWER
        );
        assert!(Reflection::new(None, "   ", None).is_empty());
        let one = record("hospitality/front-desk-overbooked", 0, "2026-11-30");
        let mut p = Profile::default();
        for _ in 0..MAX_RUNS + 3 {
            p.add(one.clone());
        }
        assert_eq!(p.runs.len(), MAX_RUNS);
    }
}
