//! The data layer: one pool over SQLite or PostgreSQL, the migrations, and every
//! query the server makes, typed.
//!
//! The SQL is written once for both databases (`$1` parameters, which SQLite also
//! reads, BIGINT columns, no generated keys), and nothing else in the server knows
//! which database it is on. Every failure becomes a [`StoreError`] that says, in
//! words, what went wrong and what to do about it.

use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Row};

mod lti;
pub use lti::{LoginRow, Placement, Platform};

/// The migrations, embedded in the binary and applied at start-up.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

/// A run as the database keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunRow {
    pub id: String,
    pub token_hash: String,
    pub scenario: String,
    pub scenario_hash: String,
    pub language: String,
    pub seed: u64,
    pub started_at: i64,
    pub clock: u64,
    pub finished: Option<Finished>,
    /// The placement and student of a launched run; neither for an `--open` one.
    pub placement_id: Option<String>,
    pub student_id: Option<String>,
}

/// How a run ended: when the server saw it, at which ending, and the score report
/// the server computed (JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    pub at: i64,
    pub ending: String,
    pub score_report: String,
}

/// One acknowledged choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceRow {
    pub position: u64,
    pub step: String,
    pub choice: String,
    /// Simulated seconds.
    pub at: u64,
    /// The server's clock when it arrived (ms since 1970).
    pub received_at: i64,
}

/// Whether a choice was kept, or its place was already taken (a retry of the same
/// choice, or another server process that got there first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    Kept,
    PlaceTaken,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The `--database` value is not a database address this server reads.
    BadAddress(String),
    /// The database cannot be reached (not running, wrong address, refused).
    Unreachable(String),
    /// The database's disk is full: nothing was written.
    Full,
    /// Anything else the database said.
    Failed(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::BadAddress(url) => write!(
                f,
                "`{url}` is not a database address this server can use: give `sqlite://FILE` (created if missing) or `postgres://USER@HOST/DATABASE`"
            ),
            StoreError::Unreachable(why) => write!(
                f,
                "the database cannot be reached ({why}): check that it is running and that --database names it; nothing was written"
            ),
            StoreError::Full => write!(
                f,
                "the database's disk is full, so nothing was written; free space on the server (the player keeps what it has not been told was saved, and sends it again)"
            ),
            StoreError::Failed(why) => write!(
                f,
                "the database refused the request ({why}); nothing was written"
            ),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(db) => {
                let code = db.code().unwrap_or_default();
                // SQLite's (extended) result codes are numbers whose low byte is the
                // primary code; PostgreSQL's are SQLSTATEs.
                let sqlite_primary = code.parse::<i32>().ok().map(|c| c & 0xff);
                if sqlite_primary == Some(13) || code == "53100" {
                    StoreError::Full
                } else if code.starts_with("08") || code == "57P01" {
                    StoreError::Unreachable(db.message().to_string())
                } else {
                    StoreError::Failed(db.message().to_string())
                }
            }
            sqlx::Error::Io(e) => StoreError::Unreachable(e.to_string()),
            sqlx::Error::PoolTimedOut => {
                StoreError::Unreachable("no connection became free in time".into())
            }
            sqlx::Error::PoolClosed => StoreError::Unreachable("the server is stopping".into()),
            other => StoreError::Failed(other.to_string()),
        }
    }
}

impl Store {
    /// Connects to `url` (`sqlite://FILE` or `postgres://…`) and applies every
    /// migration not yet applied.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(StoreError::BadAddress(url.to_string()));
        };
        let url = match backend {
            // Create the file on first use: `cargo run -p firstshift-server` just works.
            Backend::Sqlite if !url.contains("mode=") => {
                let join = if url.contains('?') { '&' } else { '?' };
                format!("{url}{join}mode=rwc")
            }
            _ => url.to_string(),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 4,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // Readers never wait for the writer, and several server
                        // processes may share the file; a writer waits its turn.
                        sqlx::query("PRAGMA journal_mode = WAL")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA busy_timeout = 10000")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA foreign_keys = ON")
                            .execute(&mut *conn)
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|e| StoreError::Failed(format!("the database could not be migrated: {e}")))?;
        Ok(Store { pool, backend })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub async fn insert_run(&self, run: &RunRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO runs (id, token_hash, scenario, scenario_hash, language, seed, started_at, clock,
                               placement_id, student_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&run.id)
        .bind(&run.token_hash)
        .bind(&run.scenario)
        .bind(&run.scenario_hash)
        .bind(&run.language)
        .bind(to_db(run.seed))
        .bind(run.started_at)
        .bind(to_db(run.clock))
        .bind(run.placement_id.as_deref())
        .bind(run.student_id.as_deref())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn run(&self, id: &str) -> Result<Option<RunRow>, StoreError> {
        let row = sqlx::query(
            "SELECT id, token_hash, scenario, scenario_hash, language, seed, started_at, clock,
                    finished_at, ending, score_report, placement_id, student_id
             FROM runs WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        run_row(&row)
    }

    /// The newest run a student has not finished in a placement, if any.
    pub async fn unfinished_run(
        &self,
        placement_id: &str,
        student_id: &str,
    ) -> Result<Option<RunRow>, StoreError> {
        let row = sqlx::query(
            "SELECT id, token_hash, scenario, scenario_hash, language, seed, started_at, clock,
                    finished_at, ending, score_report, placement_id, student_id
             FROM runs WHERE placement_id = $1 AND student_id = $2 AND finished_at IS NULL
             ORDER BY started_at DESC LIMIT 1",
        )
        .bind(placement_id)
        .bind(student_id)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(row) => run_row(&row),
            None => Ok(None),
        }
    }

    /// Gives a run a new token (a new launch takes the run over; the old token
    /// stops working).
    pub async fn set_token_hash(&self, run_id: &str, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE runs SET token_hash = $1 WHERE id = $2")
            .bind(token_hash)
            .bind(run_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A run's choices, in order.
    pub async fn choices(&self, run_id: &str) -> Result<Vec<ChoiceRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT position, step, choice, at, received_at FROM choices
             WHERE run_id = $1 ORDER BY position",
        )
        .bind(run_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ChoiceRow {
                    position: from_db(row.try_get("position")?),
                    step: row.try_get("step")?,
                    choice: row.try_get("choice")?,
                    at: from_db(row.try_get("at")?),
                    received_at: row.try_get("received_at")?,
                })
            })
            .collect()
    }

    /// Keeps a choice and, in the same transaction, the run's ending if the choice
    /// ended it: a run is never seen finished without its score, or scored without
    /// its last choice.
    pub async fn record_choice(
        &self,
        run_id: &str,
        choice: &ChoiceRow,
        finished: Option<&Finished>,
    ) -> Result<Recorded, StoreError> {
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO choices (run_id, position, step, choice, at, received_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(run_id)
        .bind(to_db(choice.position))
        .bind(&choice.step)
        .bind(&choice.choice)
        .bind(to_db(choice.at))
        .bind(choice.received_at)
        .execute(&mut *tx)
        .await;
        match inserted {
            Ok(_) => {}
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                return Ok(Recorded::PlaceTaken);
            }
            Err(e) => return Err(e.into()),
        }
        if let Some(finished) = finished {
            Self::finish(&mut tx, run_id, finished).await?;
        }
        tx.commit().await?;
        Ok(Recorded::Kept)
    }

    /// Moves the run's clock forward (never back) and keeps its ending if time
    /// alone ended it.
    pub async fn advance_clock(
        &self,
        run_id: &str,
        clock: u64,
        finished: Option<&Finished>,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE runs SET clock = $1 WHERE id = $2 AND clock < $1")
            .bind(to_db(clock))
            .bind(run_id)
            .execute(&mut *tx)
            .await?;
        if let Some(finished) = finished {
            Self::finish(&mut tx, run_id, finished).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn finish(
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        run_id: &str,
        finished: &Finished,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE runs SET finished_at = $1, ending = $2, score_report = $3
             WHERE id = $4 AND finished_at IS NULL",
        )
        .bind(finished.at)
        .bind(&finished.ending)
        .bind(&finished.score_report)
        .bind(run_id)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}

fn run_row(row: &sqlx::any::AnyRow) -> Result<Option<RunRow>, StoreError> {
    let finished_at: Option<i64> = row.try_get("finished_at")?;
    let ending: Option<String> = row.try_get("ending")?;
    let score_report: Option<String> = row.try_get("score_report")?;
    Ok(Some(RunRow {
        id: row.try_get("id")?,
        token_hash: row.try_get("token_hash")?,
        scenario: row.try_get("scenario")?,
        scenario_hash: row.try_get("scenario_hash")?,
        language: row.try_get("language")?,
        seed: from_db(row.try_get("seed")?),
        started_at: row.try_get("started_at")?,
        clock: from_db(row.try_get("clock")?),
        finished: match (finished_at, ending, score_report) {
            (Some(at), Some(ending), Some(score_report)) => Some(Finished {
                at,
                ending,
                score_report,
            }),
            _ => None,
        },
        placement_id: row.try_get("placement_id")?,
        student_id: row.try_get("student_id")?,
    }))
}

/// Whole numbers the server keeps are below 2^63 (seeds below 2^53, simulated
/// seconds within a scenario's horizon), so they fit a BIGINT exactly.
fn to_db(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn from_db(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}
