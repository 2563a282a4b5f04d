//! Scoring: `(rubric, what happened) → ScoreReport`.
//!
//! The rules, in the order they apply (also in `docs/format.md`):
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
