//! Runs the server vouches for: it issues the seed, keeps every choice in order
//! with the time it arrived, replays the run after each one, and scores it itself
//! when it ends. Nothing the player claims about a score is ever read.
//!
//! The server holds no state of its own between requests: every answer is worked
//! out from the database, so any number of processes can share one database and a
//! run can go on from any of them (or from another device).

use std::sync::Arc;

use firstshift_core::{ReplayError, Transcript, TranscriptEntry};
use firstshift_rubric::ScoreReport;
use firstshift_sims::{Scenario, Session};
use serde::{Deserialize, Serialize};

use crate::library::Library;
use crate::store::{ChoiceRow, Finished, Placement, Recorded, RunRow, Store, StoreError};
use crate::token;

/// The run service, over a store and the scenarios it can run.
#[derive(Debug, Clone)]
pub struct Runs {
    store: Store,
    library: Arc<Library>,
    sessions: Arc<SessionCache>,
}

/// The sessions this process last replayed, so that the next choice of a run
/// costs one step instead of a replay of the whole run. Only a cache: an entry is
/// used only when it holds exactly the choices and clock the database holds now
/// (another process may have taken a choice since), and a replay in steps is the
/// same run as one replay (the session's invariant, tested in
/// `engine/scenario/tests/determinism.rs`).
#[derive(Debug, Default)]
struct SessionCache {
    entries: std::sync::Mutex<std::collections::HashMap<String, Cached>>,
}

#[derive(Debug, Clone)]
struct Cached {
    choices: usize,
    clock: u64,
    session: Session,
}

/// Enough for every student of a district's busiest hour; past it the cache
/// starts again (a miss costs one replay).
const CACHED_SESSIONS: usize = 4096;

impl SessionCache {
    fn get(&self, run: &str, choices: usize, clock: u64) -> Option<Session> {
        let entries = self
            .entries
            .lock()
            .expect("the session cache is never poisoned");
        let cached = entries.get(run)?;
        (cached.choices == choices && cached.clock == clock).then(|| cached.session.clone())
    }

    fn put(&self, run: &str, choices: usize, clock: u64, session: &Session) {
        let mut entries = self
            .entries
            .lock()
            .expect("the session cache is never poisoned");
        if entries.len() >= CACHED_SESSIONS && !entries.contains_key(run) {
            entries.clear();
        }
        entries.insert(
            run.to_string(),
            Cached {
                choices,
                clock,
                session: session.clone(),
            },
        );
    }
}

/// A run just begun: its id, the bearer token its player posts with (shown once,
/// never stored), and the seed the server drew.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Started {
    pub id: String,
    pub token: String,
    pub seed: u64,
    pub scenario: String,
    pub language: String,
}

/// A choice as the player posts it: its place in the run (0 for the first), where
/// and what, and the simulated time it was made at.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostedChoice {
    pub position: u64,
    pub step: String,
    pub choice: String,
    pub at: u64,
}

/// The server's answer to a choice or a clock report: how many choices it now
/// holds, the clock, and the result once the run is over.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Acknowledged {
    pub choices: u64,
    pub clock: u64,
    pub result: Option<RunResult>,
}

/// A finished run's result, as the server computed it by replaying the choices.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunResult {
    pub ending: String,
    pub report: ScoreReport,
}

/// Everything a player needs to go on with a run, on any device: the transcript
/// replays it exactly as a local save does.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunState {
    pub id: String,
    pub language: String,
    pub transcript: Transcript,
    pub result: Option<RunResult>,
}

/// Why a request about a run was refused. Each says what is wrong and what to do.
#[derive(Debug, Clone, PartialEq)]
pub enum RunError {
    NoSuchScenario(String),
    NoSuchRun,
    WrongToken,
    /// A choice arrived before the ones before it.
    OutOfOrder {
        posted: u64,
        expected: u64,
    },
    /// A choice's place already holds a different choice.
    Changed {
        position: u64,
    },
    /// The choice is not one the run can take (not offered, too late, too early).
    DoesNotFit(String),
    /// The run is over; it takes no more choices.
    Over,
    /// The scenario on the server is not the version the run began on.
    ScenarioChanged,
    /// The choice is earlier than a time the player already reported.
    BeforeClock {
        at: u64,
        clock: u64,
    },
    Store(StoreError),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::NoSuchScenario(id) => write!(
                f,
                "this server has no scenario `{id}`; ask the teacher to choose the activity's scenario again"
            ),
            RunError::NoSuchRun => write!(
                f,
                "this server has no such run (it may have been deleted); open the activity again from your course to start a new one"
            ),
            RunError::WrongToken => write!(
                f,
                "this request does not carry the run's token; open the activity again from your course"
            ),
            RunError::OutOfOrder { posted, expected } => write!(
                f,
                "choice #{} arrived before choice #{}; send the choices in order, from #{}",
                posted + 1,
                expected + 1,
                expected + 1
            ),
            RunError::Changed { position } => write!(
                f,
                "choice #{} of this run was already recorded as a different choice; a run's choices cannot be changed",
                position + 1
            ),
            RunError::DoesNotFit(why) => write!(f, "this choice does not fit the run: {why}"),
            RunError::Over => write!(f, "this run is over and takes no more choices"),
            RunError::ScenarioChanged => write!(
                f,
                "the scenario was changed on the server after this run began, so the run cannot go on; open the activity again to start it afresh"
            ),
            RunError::BeforeClock { at, clock } => write!(
                f,
                "this choice is at {at} s of simulated time, but the run's clock already reached {clock} s; send choices and clock reports in the order they happened"
            ),
            RunError::Store(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for RunError {}

impl From<StoreError> for RunError {
    fn from(e: StoreError) -> Self {
        RunError::Store(e)
    }
}

impl Runs {
    pub fn new(store: Store, library: Arc<Library>) -> Runs {
        Runs {
            store,
            library,
            sessions: Arc::default(),
        }
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Begins a run of `scenario` with a seed the server draws.
    pub async fn start(
        &self,
        scenario: &str,
        language: &str,
        now: i64,
    ) -> Result<Started, RunError> {
        let found = self
            .library
            .get(scenario)
            .ok_or_else(|| RunError::NoSuchScenario(scenario.to_string()))?;
        let started = Started {
            id: token::random_text(16),
            token: token::random_text(32),
            seed: token::random_seed(),
            scenario: found.id.clone(),
            language: language.to_string(),
        };
        self.store
            .insert_run(&RunRow {
                id: started.id.clone(),
                token_hash: token::hash(&started.token),
                scenario: found.id.clone(),
                scenario_hash: hash_of(found),
                language: started.language.clone(),
                seed: started.seed,
                started_at: now,
                clock: 0,
                finished: None,
                placement_id: None,
                student_id: None,
            })
            .await?;
        Ok(started)
    }

    /// A student's launch of a placement: their unfinished run there goes on
    /// (from whatever device launches it; the new token replaces the old), or a
    /// new run begins.
    pub async fn launch(
        &self,
        placement: &Placement,
        student_id: &str,
        language: &str,
        now: i64,
    ) -> Result<Started, RunError> {
        let scenario = self
            .library
            .get(&placement.scenario)
            .ok_or_else(|| RunError::NoSuchScenario(placement.scenario.clone()))?;
        let token = token::random_text(32);
        if let Some(run) = self.store.unfinished_run(&placement.id, student_id).await?
            && run.scenario_hash == hash_of(scenario)
        {
            self.store
                .set_token_hash(&run.id, &token::hash(&token))
                .await?;
            return Ok(Started {
                id: run.id,
                token,
                seed: run.seed,
                scenario: run.scenario,
                language: run.language,
            });
        }
        let started = Started {
            id: token::random_text(16),
            token,
            seed: token::random_seed(),
            scenario: scenario.id.clone(),
            language: language.to_string(),
        };
        self.store
            .insert_run(&RunRow {
                id: started.id.clone(),
                token_hash: token::hash(&started.token),
                scenario: scenario.id.clone(),
                scenario_hash: hash_of(scenario),
                language: started.language.clone(),
                seed: started.seed,
                started_at: now,
                clock: 0,
                finished: None,
                placement_id: Some(placement.id.clone()),
                student_id: Some(student_id.to_string()),
            })
            .await?;
        Ok(started)
    }

    /// Keeps a choice if it is the next one and the run can take it. The same
    /// choice posted again (a retry after a lost answer) is acknowledged again.
    pub async fn choose(
        &self,
        run_id: &str,
        token: &str,
        posted: PostedChoice,
        now: i64,
    ) -> Result<Acknowledged, RunError> {
        let run = self.authorised(run_id, token).await?;
        let kept = self.store.choices(run_id).await?;
        let expected = kept.len() as u64;
        if posted.position < expected {
            return self.retried(&run, &kept, &posted);
        }
        if posted.position > expected {
            return Err(RunError::OutOfOrder {
                posted: posted.position,
                expected,
            });
        }
        if run.finished.is_some() {
            return Err(RunError::Over);
        }
        if posted.at < run.clock {
            return Err(RunError::BeforeClock {
                at: posted.at,
                clock: run.clock,
            });
        }
        let scenario = self.scenario_of(&run)?;
        let new = TranscriptEntry {
            step: posted.step.clone(),
            choice: posted.choice.clone(),
            at: posted.at,
        };
        let session = match self.sessions.get(run_id, kept.len(), run.clock) {
            Some(session) => one_more(session, &new)?,
            None => {
                let entries = kept.iter().map(entry).chain([new]);
                replay(&scenario, &run, entries.collect(), posted.at)?
            }
        };
        let finished = finish(&session, now);
        let row = ChoiceRow {
            position: posted.position,
            step: posted.step.clone(),
            choice: posted.choice.clone(),
            at: posted.at,
            received_at: now,
        };
        match self
            .store
            .record_choice(run_id, &row, finished.as_ref())
            .await?
        {
            Recorded::Kept => {
                self.sessions
                    .put(run_id, kept.len() + 1, run.clock, &session);
                Ok(Acknowledged {
                    choices: expected + 1,
                    clock: run.clock.max(posted.at),
                    result: result_of(finished.as_ref()),
                })
            }
            // Another request (a retry, or another process) kept this place first:
            // answer as if this one were the retry.
            Recorded::PlaceTaken => {
                let run = self.authorised(run_id, token).await?;
                let kept = self.store.choices(run_id).await?;
                self.retried(&run, &kept, &posted)
            }
        }
    }

    /// The player's clock reached `at` with no choice: time alone may end the run
    /// (a time limit), and the server then scores it.
    pub async fn advance_clock(
        &self,
        run_id: &str,
        token: &str,
        at: u64,
        now: i64,
    ) -> Result<Acknowledged, RunError> {
        let run = self.authorised(run_id, token).await?;
        let kept = self.store.choices(run_id).await?;
        let choices = kept.len() as u64;
        if run.finished.is_some() || at <= run.clock {
            return Ok(Acknowledged {
                choices,
                clock: run.clock,
                result: result_of(run.finished.as_ref()),
            });
        }
        let scenario = self.scenario_of(&run)?;
        let last = kept.last().map_or(0, |c| c.at);
        let clock = at.max(last);
        let session = replay(&scenario, &run, kept.iter().map(entry).collect(), clock)?;
        let finished = finish(&session, now);
        self.store
            .advance_clock(run_id, clock, finished.as_ref())
            .await?;
        self.sessions.put(run_id, kept.len(), clock, &session);
        Ok(Acknowledged {
            choices,
            clock,
            result: result_of(finished.as_ref()),
        })
    }

    /// The run as the server holds it.
    pub async fn state(&self, run_id: &str, token: &str) -> Result<RunState, RunError> {
        let run = self.authorised(run_id, token).await?;
        let kept = self.store.choices(run_id).await?;
        let last = kept.last().map_or(0, |c| c.at);
        Ok(RunState {
            id: run.id.clone(),
            language: run.language.clone(),
            transcript: Transcript {
                format: Transcript::FORMAT.to_string(),
                scenario: run.scenario.clone(),
                scenario_hash: run.scenario_hash.clone(),
                seed: run.seed,
                choices: kept.iter().map(entry).collect(),
                clock: run.clock.max(last),
                ending: run.finished.as_ref().map(|f| f.ending.clone()),
            },
            result: result_of(run.finished.as_ref()),
        })
    }

    async fn authorised(&self, run_id: &str, token: &str) -> Result<RunRow, RunError> {
        let run = self.store.run(run_id).await?.ok_or(RunError::NoSuchRun)?;
        if !token::matches(token, &run.token_hash) {
            return Err(RunError::WrongToken);
        }
        Ok(run)
    }

    /// The answer to a choice whose place is already taken: the same choice again
    /// is a retry, anything else is an attempt to change the run.
    fn retried(
        &self,
        run: &RunRow,
        kept: &[ChoiceRow],
        posted: &PostedChoice,
    ) -> Result<Acknowledged, RunError> {
        let Some(same) = kept.get(posted.position as usize) else {
            return Err(RunError::OutOfOrder {
                posted: posted.position,
                expected: kept.len() as u64,
            });
        };
        if same.step != posted.step || same.choice != posted.choice || same.at != posted.at {
            return Err(RunError::Changed {
                position: posted.position,
            });
        }
        let last = kept.last().map_or(0, |c| c.at);
        Ok(Acknowledged {
            choices: kept.len() as u64,
            clock: run.clock.max(last),
            result: result_of(run.finished.as_ref()),
        })
    }

    fn scenario_of(&self, run: &RunRow) -> Result<Arc<Scenario>, RunError> {
        let scenario = self
            .library
            .get(&run.scenario)
            .ok_or_else(|| RunError::NoSuchScenario(run.scenario.clone()))?;
        if hash_of(scenario) != run.scenario_hash {
            return Err(RunError::ScenarioChanged);
        }
        Ok(scenario.clone())
    }
}

/// The session one choice on, exactly as a replay takes it: time passes to the
/// choice first (a rule may move the story), then the choice must be offered at
/// the step it was made at.
fn one_more(mut session: Session, entry: &TranscriptEntry) -> Result<Session, RunError> {
    let does_not_fit = |e: firstshift_core::ChoiceError| RunError::DoesNotFit(e.to_string());
    if entry.at > session.horizon() {
        return Err(RunError::DoesNotFit(
            ReplayError::PastHorizon {
                claimed: entry.at,
                horizon: session.horizon(),
            }
            .to_string(),
        ));
    }
    if entry.at > session.clock() && !session.is_finished() {
        session.wait_until(entry.at).map_err(does_not_fit)?;
    }
    if entry.step != session.step_id() {
        return Err(RunError::DoesNotFit(format!(
            "it was made at step `{}` but the run is at step `{}`",
            entry.step,
            session.step_id()
        )));
    }
    session
        .choose(&entry.choice, entry.at)
        .map_err(does_not_fit)?;
    Ok(session)
}

fn hash_of(scenario: &Scenario) -> String {
    format!("{:016x}", scenario.content_hash())
}

fn entry(row: &ChoiceRow) -> TranscriptEntry {
    TranscriptEntry {
        step: row.step.clone(),
        choice: row.choice.clone(),
        at: row.at,
    }
}

/// Replays the run's choices from its seed, up to `clock`: the one way the server
/// learns what a run's state is.
fn replay(
    scenario: &Arc<Scenario>,
    run: &RunRow,
    choices: Vec<TranscriptEntry>,
    clock: u64,
) -> Result<Session, RunError> {
    let transcript = Transcript {
        format: Transcript::FORMAT.to_string(),
        scenario: run.scenario.clone(),
        scenario_hash: run.scenario_hash.clone(),
        seed: run.seed,
        choices,
        clock,
        ending: None,
    };
    match transcript.replay(scenario.clone()) {
        Ok((session, _)) => Ok(session),
        Err(ReplayError::OtherVersion) => Err(RunError::ScenarioChanged),
        Err(ReplayError::Diverged { reason, .. }) => Err(RunError::DoesNotFit(reason)),
        Err(other) => Err(RunError::DoesNotFit(other.to_string())),
    }
}

/// The run's ending and the server's own score, if the session is over.
fn finish(session: &Session, now: i64) -> Option<Finished> {
    session.is_finished().then(|| {
        let report = firstshift_rubric::score_session(session);
        Finished {
            at: now,
            ending: session.step_id().to_string(),
            score_report: serde_json::to_string(&report).expect("a score report serialises"),
        }
    })
}

fn result_of(finished: Option<&Finished>) -> Option<RunResult> {
    let finished = finished?;
    Some(RunResult {
        ending: finished.ending.clone(),
        // Written by `finish` above; a row that does not read back is a damaged
        // database, reported as no result rather than a wrong one.
        report: serde_json::from_str(&finished.score_report).ok()?,
    })
}
