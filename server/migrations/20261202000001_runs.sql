-- Runs the server vouches for. Written to run unchanged on SQLite and PostgreSQL:
-- no AUTOINCREMENT or SERIAL, every key a random id or a composite, times as
-- whole milliseconds since 1970 (BIGINT), simulated times as whole seconds.

-- One student's run of one scenario. What identifies the student comes with the
-- LTI launch (a later migration); a run itself holds no personal data.
CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    -- SHA-256 of the run's bearer token (hex): the token itself is never stored.
    token_hash TEXT NOT NULL,
    scenario TEXT NOT NULL,
    -- The scenario's content hash when the run began: a run is only ever
    -- re-scored on the version it was played on.
    scenario_hash TEXT NOT NULL,
    -- The language the student played in; it never changes the run.
    language TEXT NOT NULL,
    -- Issued by the server, below 2^53 so that any JSON reader keeps it exact.
    seed BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    -- The simulated clock the player last reported (seconds), with no choice.
    clock BIGINT NOT NULL,
    -- Set once the run reaches an ending: when, which, and the report the
    -- server computed by replaying the choices (JSON).
    finished_at BIGINT,
    ending TEXT,
    score_report TEXT
);

-- Every acknowledged choice, in order. The primary key makes a choice recorded
-- twice (a retry, or two server processes) impossible: the second insert fails.
CREATE TABLE choices (
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    step TEXT NOT NULL,
    choice TEXT NOT NULL,
    -- Simulated seconds, as the player's clock had them.
    at BIGINT NOT NULL,
    -- When the server received it (its own clock).
    received_at BIGINT NOT NULL,
    PRIMARY KEY (run_id, position)
);

