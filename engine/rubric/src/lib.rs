//! Scoring: `(rubric, what happened) → ScoreReport`.
//!
//! The rules, in the order they apply (also in `docs/authoring.md`):
//! 1. Each criterion reaches its first level (best first) whose condition holds;
//!    none → zero points and the criterion's `otherwise` feedback.
//! 2. The base score is the weighted mean of `points / best points` over criteria.
//! 3. Each harmful action that happened subtracts its `penalty` percentage points.
//! 4. Each critical action missed applies its consequence: `Fail` fails the run,
//!    `FailAndCapAt(n)` fails it and caps the score at n %, `CapAt(n)` caps it.
//! 5. The run passes when the final percentage reaches `pass_mark` and no critical
//!    action with a failing consequence was missed.
//!
//! Named scores (Assessment, Communication, ...) are the same weighted mean taken
//! over the criteria that count toward each.

use std::sync::Arc;

use firstshift_core::condition::{ChoiceRecord, History};
use firstshift_core::{
    CareerReadyPractice, Consequence, Outcome, ReplayError, Rubric, Scenario, Seconds, Session,
    SimKind, SimState, Transcript,
};
use serde::{Deserialize, Serialize};

/// The result of a run, as the debrief shows it and the LMS records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreReport {
    /// 0–1, after penalties and caps.
    pub scaled: f64,
    /// `scaled` as a percentage rounded to a whole number: what the student sees.
    pub percent: u32,
    pub pass_mark: u32,
    pub passed: bool,
    /// Critical actions missed, listed first because they matter most.
    pub critical_failures: Vec<CriticalResult>,
    pub criteria: Vec<CriterionResult>,
    /// Harmful actions that happened.
    pub harms: Vec<HarmResult>,
    pub scores: Vec<NamedScoreResult>,
    /// Career-Ready Practices of the criteria where the student reached a level.
    pub practices_shown: Vec<CareerReadyPractice>,
    pub ending: Option<EndingResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionResult {
    pub id: String,
    pub title: String,
    pub score: String,
    pub weight: u32,
    /// The level reached (its name), if any.
    pub level: Option<String>,
    pub points: u32,
    pub max_points: u32,
    pub feedback: String,
    /// The choices that earned this level (or, with no level, that the best level looks at).
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Position of the choice in the run (0-based).
    pub index: usize,
    pub step: String,
    pub choice: String,
    pub at: Seconds,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriticalResult {
    pub id: String,
    pub title: String,
    pub consequence: Consequence,
    pub feedback: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HarmResult {
    pub id: String,
    pub title: String,
    pub penalty: u32,
    pub feedback: String,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedScoreResult {
    pub id: String,
    pub title: String,
    /// 0–100, rounded to a whole number.
    pub percent: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndingResult {
    pub step: String,
    pub title: String,
    pub outcome: Outcome,
}

/// Scores what happened in a run. `sim` answers the model's queries about its final state.
pub fn score<K: SimKind>(
    rubric: &Rubric<K>,
    history: &History,
    sim: &dyn Fn(&K::Query) -> bool,
) -> ScoreReport {
    let evidence_of = |indices: Vec<usize>| -> Vec<Evidence> {
        indices
            .into_iter()
            .filter_map(|i| history.choices.get(i).map(|r| evidence(i, r)))
            .collect()
    };

    let mut criteria = Vec::with_capacity(rubric.criteria.len());
    let mut practices_shown = Vec::new();
    for criterion in &rubric.criteria {
        let max_points = criterion.levels.iter().map(|l| l.points).max().unwrap_or(0);
        let reached = criterion.levels.iter().find(|l| l.when.holds(history, sim));
        let result = match reached {
            Some(level) => {
                if level.points > 0 {
                    practices_shown.extend(criterion.practices.iter().copied());
                }
                CriterionResult {
                    id: criterion.id.clone(),
                    title: criterion.title.clone(),
                    score: criterion.score.clone(),
                    weight: criterion.weight,
                    level: Some(level.name.clone()),
                    points: level.points,
                    max_points,
                    feedback: level.feedback.clone(),
                    evidence: evidence_of(level.when.evidence(history)),
                }
            }
            None => CriterionResult {
                id: criterion.id.clone(),
                title: criterion.title.clone(),
                score: criterion.score.clone(),
                weight: criterion.weight,
                level: None,
                points: 0,
                max_points,
                feedback: criterion.otherwise.clone(),
                evidence: criterion
                    .levels
                    .first()
                    .map(|best| evidence_of(best.when.evidence(history)))
                    .unwrap_or_default(),
            },
        };
        criteria.push(result);
    }
    practices_shown.sort_unstable();
    practices_shown.dedup();

    let weighted_mean = |filter: &dyn Fn(&CriterionResult) -> bool| -> f64 {
        let (mut sum, mut weights) = (0.0, 0.0);
        for c in criteria.iter().filter(|c| filter(c)) {
            let fraction = if c.max_points == 0 {
                0.0
            } else {
                f64::from(c.points) / f64::from(c.max_points)
            };
            sum += f64::from(c.weight) * fraction;
            weights += f64::from(c.weight);
        }
        if weights == 0.0 { 0.0 } else { sum / weights }
    };

    let harms: Vec<HarmResult> = rubric
        .harmful
        .iter()
        .filter(|h| h.when.holds(history, sim))
        .map(|h| HarmResult {
            id: h.id.clone(),
            title: h.title.clone(),
            penalty: h.penalty,
            feedback: h.feedback.clone(),
            evidence: evidence_of(h.when.evidence(history)),
        })
        .collect();
    let critical_failures: Vec<CriticalResult> = rubric
        .critical
        .iter()
        .filter(|c| !c.required.holds(history, sim))
        .map(|c| CriticalResult {
            id: c.id.clone(),
            title: c.title.clone(),
            consequence: c.if_missed,
            feedback: c.feedback.clone(),
        })
        .collect();

    let penalty: u32 = harms.iter().map(|h| h.penalty).sum();
    let mut scaled = (weighted_mean(&|_| true) - f64::from(penalty) / 100.0).max(0.0);
    let mut failed_critically = false;
    for failure in &critical_failures {
        match failure.consequence {
            Consequence::Fail => failed_critically = true,
            Consequence::FailAndCapAt(cap) => {
                failed_critically = true;
                scaled = scaled.min(f64::from(cap) / 100.0);
            }
            Consequence::CapAt(cap) => scaled = scaled.min(f64::from(cap) / 100.0),
        }
    }
    let percent = to_percent(scaled);

    let scores = rubric
        .scores
        .iter()
        .map(|s| NamedScoreResult {
            id: s.id.clone(),
            title: s.title.clone(),
            percent: to_percent(weighted_mean(&|c| c.score == s.id)),
        })
        .collect();

    ScoreReport {
        scaled,
        percent,
        pass_mark: rubric.pass_mark,
        passed: percent >= rubric.pass_mark && !failed_critically,
        critical_failures,
        criteria,
        harms,
        scores,
        practices_shown,
        ending: None,
    }
}

/// Scores a session (finished or not) against its scenario's rubric.
pub fn score_session<K: SimKind>(session: &Session<K>) -> ScoreReport {
    let scenario = session.scenario();
    let mut report = score(&scenario.rubric, session.history(), &|q| {
        session.sim().holds(q)
    });
    report.ending = session.ending().map(|e| EndingResult {
        step: session.step_id().to_string(),
        title: e.title.clone(),
        outcome: e.outcome,
    });
    report
}

/// Replays a transcript and scores it: the same transcript gives the same report,
/// natively and in the browser.
pub fn rescore<K: SimKind>(
    scenario: Arc<Scenario<K>>,
    transcript: &Transcript,
) -> Result<ScoreReport, ReplayError> {
    let (session, _) = transcript.replay(scenario)?;
    Ok(score_session(&session))
}

fn to_percent(scaled: f64) -> u32 {
    // Clamp first so no input can produce a percentage outside 0–100.
    (scaled.clamp(0.0, 1.0) * 100.0).round() as u32
}

fn evidence(index: usize, record: &ChoiceRecord) -> Evidence {
    Evidence {
        index,
        step: record.step.clone(),
        choice: record.choice.clone(),
        at: record.at,
    }
}

#[cfg(test)]
mod tests {
    use firstshift_core::condition::{ChoiceRecord, History};
    use firstshift_core::{
        Condition, Criterion, CriticalAction, HarmfulAction, Level, NamedScore, NoSim, Rubric,
    };

    use super::*;

    fn chose(id: &str) -> Condition<NoSim> {
        Condition::Chose(id.into())
    }

    fn level(name: &str, points: u32, when: Condition<NoSim>) -> Level<NoSim> {
        Level {
            name: name.into(),
            points,
            when,
            feedback: format!("{name} feedback"),
        }
    }

    fn criterion(
        id: &str,
        score: &str,
        weight: u32,
        levels: Vec<Level<NoSim>>,
    ) -> Criterion<NoSim> {
        Criterion {
            id: id.into(),
            title: id.into(),
            score: score.into(),
            weight,
            practices: vec![CareerReadyPractice::Communication],
            standards: Vec::new(),
            levels,
            otherwise: "not shown".into(),
        }
    }

    fn rubric() -> Rubric<NoSim> {
        Rubric {
            pass_mark: 70,
            scores: vec![
                NamedScore {
                    id: "talk".into(),
                    title: "Talk".into(),
                },
                NamedScore {
                    id: "act".into(),
                    title: "Act".into(),
                },
            ],
            criteria: vec![
                criterion(
                    "greet",
                    "talk",
                    1,
                    vec![
                        level("Good", 2, chose("hello")),
                        level("Some", 1, chose("nod")),
                    ],
                ),
                criterion("fix", "act", 3, vec![level("Fixed", 3, chose("fix"))]),
            ],
            critical: vec![],
            harmful: vec![],
        }
    }

    fn history(choices: &[&str]) -> History {
        History {
            choices: choices
                .iter()
                .enumerate()
                .map(|(i, c)| ChoiceRecord {
                    step: format!("s{i}"),
                    choice: (*c).into(),
                    at: i as u64 * 10,
                })
                .collect(),
            ..History::default()
        }
    }

    fn run(rubric: &Rubric<NoSim>, choices: &[&str]) -> ScoreReport {
        score(rubric, &history(choices), &|q| match *q {})
    }

    #[test]
    fn weighted_mean_of_levels() {
        let r = rubric();
        let all = run(&r, &["hello", "fix"]);
        assert_eq!((all.percent, all.passed), (100, true));
        // greet 1/2 at weight 1, fix 3/3 at weight 3: (0.5 + 3) / 4 = 87.5 → 88.
        let some = run(&r, &["nod", "fix"]);
        assert_eq!(some.percent, 88);
        assert_eq!(some.criteria[0].level.as_deref(), Some("Some"));
        // Only greeting: 1/4 = 25 %.
        let little = run(&r, &["hello"]);
        assert_eq!((little.percent, little.passed), (25, false));
        assert_eq!(little.criteria[1].level, None);
        assert_eq!(little.criteria[1].feedback, "not shown");
    }

    #[test]
    fn named_scores_average_their_own_criteria() {
        let report = run(&rubric(), &["nod"]);
        let by_id: Vec<(&str, u32)> = report
            .scores
            .iter()
            .map(|s| (s.id.as_str(), s.percent))
            .collect();
        assert_eq!(by_id, vec![("talk", 50), ("act", 0)]);
    }

    #[test]
    fn the_first_level_that_holds_wins() {
        let mut r = rubric();
        r.criteria[0].levels = vec![
            level("Any", 1, Condition::Always),
            level("Good", 2, chose("hello")),
        ];
        assert_eq!(
            run(&r, &["hello"]).criteria[0].level.as_deref(),
            Some("Any")
        );
    }

    #[test]
    fn harms_subtract_points_and_never_go_below_zero() {
        let mut r = rubric();
        r.harmful = vec![HarmfulAction {
            id: "shout".into(),
            title: "Shouted".into(),
            when: chose("shout"),
            penalty: 30,
            feedback: "No.".into(),
        }];
        let report = run(&r, &["hello", "fix", "shout"]);
        assert_eq!((report.percent, report.passed), (70, true));
        assert_eq!(report.harms[0].evidence[0].index, 2);
        let floor = run(&r, &["shout"]);
        assert_eq!(floor.percent, 0);
    }

    #[test]
    fn critical_actions_fail_cap_or_both() {
        let mut r = rubric();
        let critical = |c| CriticalAction {
            id: "check".into(),
            title: "Check".into(),
            required: chose("check"),
            if_missed: c,
            feedback: "Must check.".into(),
        };
        r.critical = vec![critical(Consequence::Fail)];
        let report = run(&r, &["hello", "fix"]);
        assert_eq!((report.percent, report.passed), (100, false));
        assert_eq!(report.critical_failures[0].id, "check");

        r.critical = vec![critical(Consequence::CapAt(75))];
        let report = run(&r, &["hello", "fix"]);
        assert_eq!((report.percent, report.passed), (75, true));

        r.critical = vec![critical(Consequence::FailAndCapAt(40))];
        let report = run(&r, &["hello", "fix"]);
        assert_eq!((report.percent, report.passed), (40, false));

        let met = run(&r, &["check", "hello", "fix"]);
        assert!(met.critical_failures.is_empty() && met.passed);
    }

    #[test]
    fn evidence_names_the_choices_that_earned_a_level() {
        let report = run(&rubric(), &["wait", "nod", "fix"]);
        let greet = &report.criteria[0];
        assert_eq!(
            greet
                .evidence
                .iter()
                .map(|e| e.choice.as_str())
                .collect::<Vec<_>>(),
            vec!["nod"]
        );
        assert_eq!(greet.evidence[0].index, 1);
        assert_eq!(
            report.practices_shown,
            vec![CareerReadyPractice::Communication]
        );
    }

    #[test]
    fn a_rubric_without_weight_scores_zero_instead_of_dividing_by_zero() {
        let mut r = rubric();
        for c in &mut r.criteria {
            c.weight = 0;
        }
        let report = run(&r, &["hello", "fix"]);
        assert_eq!(report.percent, 0);
        assert!(report.scaled.is_finite());
    }
}
