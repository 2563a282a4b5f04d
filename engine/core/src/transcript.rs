//! The record of a run: a readable JSON [`Transcript`], and a compact save string
//! small enough for SCORM 1.2's 4096-character `suspend_data`.
//!
//! Both hold only the inputs of a run (scenario, seed, choices and their times);
//! everything else is recomputed by replaying them, so a save cannot claim a score.

use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use crate::Seconds;
use crate::model::{Scenario, fnv1a64};
use crate::session::{Event, Session};
use crate::sim::SimKind;

/// A run's inputs, as JSON that `firstshift replay` re-scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transcript {
    /// Always [`Transcript::FORMAT`].
    pub format: String,
    /// The scenario's id.
    pub scenario: String,
    /// The scenario's content hash (hex), to detect runs of another version.
    pub scenario_hash: String,
    pub seed: u64,
    pub choices: Vec<TranscriptEntry>,
    /// The simulated clock when the transcript was taken.
    pub clock: Seconds,
    /// The ending step reached, if the run is over.
    pub ending: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranscriptEntry {
    pub step: String,
    pub choice: String,
    pub at: Seconds,
}

/// Why a transcript or save could not be replayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplayError {
    UnknownFormat {
        found: String,
    },
    OtherScenario {
        expected: String,
        found: String,
    },
    OtherVersion,
    /// Entry `index` does not fit the run (tampered or from another version).
    Diverged {
        index: usize,
        reason: String,
    },
    /// A choice's time or the clock is later than the scenario's
    /// [`Scenario::horizon`]: no run can get there, so nothing is replayed.
    PastHorizon {
        claimed: Seconds,
        horizon: Seconds,
    },
    /// The transcript claims an ending the replay does not reach.
    WrongEnding {
        claimed: Option<String>,
        reached: Option<String>,
    },
}

impl std::fmt::Display for ReplayError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReplayError::UnknownFormat { found } => write!(
                f,
                "this is not a FirstShift transcript (format `{found}`, expected `{}`)",
                Transcript::FORMAT
            ),
            ReplayError::OtherScenario { expected, found } => write!(
                f,
                "this run is of scenario `{found}`, not `{expected}`; replay it with its own scenario file"
            ),
            ReplayError::OtherVersion => write!(
                f,
                "this run was made with a different version of the scenario file; it cannot be replayed on this one"
            ),
            ReplayError::Diverged { index, reason } => {
                write!(
                    f,
                    "choice #{} of the run does not fit the scenario: {reason}",
                    index + 1
                )
            }
            ReplayError::PastHorizon { claimed, horizon } => write!(
                f,
                "the run claims a simulated time of {claimed} s, but a run of this scenario ends by {} ({horizon} s); the file was altered or damaged",
                crate::clock_text(*horizon)
            ),
            ReplayError::WrongEnding { claimed, reached } => write!(
                f,
                "the run says it ended at {}, but replaying it ends at {}",
                claimed.as_deref().unwrap_or("no ending"),
                reached.as_deref().unwrap_or("no ending")
            ),
        }
    }
}

impl std::error::Error for ReplayError {}

impl Transcript {
    pub const FORMAT: &'static str = "firstshift-transcript/1";

    /// Replays the run on `scenario`, checking every step, and returns the session
    /// in the identical state with all events in order.
    pub fn replay<K: SimKind>(
        &self,
        scenario: Arc<Scenario<K>>,
    ) -> Result<(Session<K>, Vec<Event<K>>), ReplayError> {
        let mut replay = Replay::new(self.clone(), scenario)?;
        while !replay.step(Seconds::MAX)? {}
        replay.finish()
    }
}

/// A replay done a slice at a time, so that a page re-scoring a class of run files
/// can yield to the browser and give up on a file that takes too long, instead of
/// freezing. [`Transcript::replay`] is the same with one slice.
#[derive(Debug)]
pub struct Replay<K: SimKind> {
    transcript: Transcript,
    session: Session<K>,
    events: Vec<Event<K>>,
    /// The next entry of the transcript to replay.
    next: usize,
}

impl<K: SimKind> Replay<K> {
    /// Checks the transcript against the scenario (format, id, version, times
    /// within the horizon) and starts the run. Nothing is simulated yet.
    pub fn new(transcript: Transcript, scenario: Arc<Scenario<K>>) -> Result<Self, ReplayError> {
        if transcript.format != Transcript::FORMAT {
            return Err(ReplayError::UnknownFormat {
                found: transcript.format,
            });
        }
        if transcript.scenario != scenario.id {
            return Err(ReplayError::OtherScenario {
                expected: scenario.id.clone(),
                found: transcript.scenario,
            });
        }
        if transcript.scenario_hash != format!("{:016x}", scenario.content_hash()) {
            return Err(ReplayError::OtherVersion);
        }
        // Before simulating anything: a made-up time would step a model for ever.
        let horizon = scenario.horizon();
        if let Some(claimed) = transcript
            .choices
            .iter()
            .map(|c| c.at)
            .chain([transcript.clock])
            .find(|&at| at > horizon)
        {
            return Err(ReplayError::PastHorizon { claimed, horizon });
        }
        let (session, events) =
            Session::new(scenario, transcript.seed).map_err(|e| ReplayError::Diverged {
                index: 0,
                reason: e.to_string(),
            })?;
        Ok(Replay {
            transcript,
            session,
            events,
            next: 0,
        })
    }

    /// Replays at most about `sim_seconds` of simulated time (always at least one
    /// choice, when the next is sooner), and says whether the replay is complete.
    /// A wait longer than the slice is split; the session's state is the same
    /// either way, though the events then show the clock moving in steps.
    pub fn step(&mut self, sim_seconds: Seconds) -> Result<bool, ReplayError> {
        let t = &self.transcript;
        let diverged = |index, e: crate::ChoiceError| ReplayError::Diverged {
            index,
            reason: e.to_string(),
        };
        let slice_end = self.session.clock().saturating_add(sim_seconds);
        if let Some(entry) = t.choices.get(self.next) {
            let index = self.next;
            if entry.at > slice_end && !self.session.is_finished() {
                let more = self
                    .session
                    .wait_until(slice_end)
                    .map_err(|e| diverged(index, e))?;
                self.events.extend(more);
                return Ok(false);
            }
            // Time passes up to the choice first: a rule may move the story to
            // the step the choice was made at.
            if entry.at > self.session.clock() && !self.session.is_finished() {
                let more = self
                    .session
                    .wait_until(entry.at)
                    .map_err(|e| diverged(index, e))?;
                self.events.extend(more);
            }
            if entry.step != self.session.step_id() {
                return Err(ReplayError::Diverged {
                    index,
                    reason: format!(
                        "it was made at step `{}` but the run is at step `{}`",
                        entry.step,
                        self.session.step_id()
                    ),
                });
            }
            let more = self
                .session
                .choose(&entry.choice, entry.at)
                .map_err(|e| diverged(index, e))?;
            self.events.extend(more);
            self.next += 1;
            return Ok(false);
        }
        if !self.session.is_finished() && t.clock > self.session.clock() {
            let to = t.clock.min(slice_end);
            let more = self
                .session
                .wait_until(to)
                .map_err(|e| diverged(t.choices.len(), e))?;
            self.events.extend(more);
            return Ok(to == t.clock || self.session.is_finished());
        }
        Ok(true)
    }

    /// The replayed session and every event, once [`Replay::step`] said it is
    /// complete; checks the ending the transcript claims.
    pub fn finish(self) -> Result<(Session<K>, Vec<Event<K>>), ReplayError> {
        let reached = self
            .session
            .is_finished()
            .then(|| self.session.step_id().to_string());
        if self.transcript.ending.is_some() && self.transcript.ending != reached {
            return Err(ReplayError::WrongEnding {
                claimed: self.transcript.ending,
                reached,
            });
        }
        Ok((self.session, self.events))
    }
}

/// Why a save string could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    NotASave,
    UnsupportedVersion(String),
    OtherScenario { expected: String, found: String },
    Corrupt(&'static str),
    Replay(ReplayError),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::NotASave => write!(
                f,
                "this is not a FirstShift save (it should start with `fs1.`)"
            ),
            SaveError::UnsupportedVersion(v) => {
                write!(
                    f,
                    "this save has format `{v}`, which this player cannot read; start the scenario again"
                )
            }
            SaveError::OtherScenario { expected, found } => {
                write!(
                    f,
                    "this save belongs to scenario `{found}`, not `{expected}`"
                )
            }
            SaveError::Corrupt(why) => {
                write!(f, "this save is damaged ({why}); start the scenario again")
            }
            SaveError::Replay(e) => write!(f, "this save cannot be resumed: {e}"),
        }
    }
}

impl std::error::Error for SaveError {}

const SAVE_PREFIX: &str = "fs1";
const SAVE_VERSION: u8 = 2;
/// Waits counted from the end of the choice before (see [`encode_save`]).
const SAVE_VERSION_1: u8 = 1;

/// Encodes a session's inputs as `fs1.<scenario id>.<base64url payload>`.
///
/// The payload is: version, the scenario hash, the seed, then for each choice its
/// index in [`Scenario::all_choices`] and the seconds since the choice before it
/// (or since the start), as LEB128 varints, then the seconds from the last choice
/// to the run's clock, and a 32-bit checksum. A 60-choice run is a few hundred
/// characters.
///
/// Version 1 counted each wait from the end of the choice before (its time plus
/// its `takes_seconds`), which an interrupt cutting an action short breaks; its
/// saves are still read.
pub fn encode_save<K: SimKind>(session: &Session<K>) -> String {
    let scenario = session.scenario();
    let mut bytes = vec![SAVE_VERSION];
    bytes.extend_from_slice(&scenario.content_hash().to_le_bytes());
    put_varint(&mut bytes, session.seed());
    let history = session.history();
    put_varint(&mut bytes, history.choices.len() as u64);
    let mut previous = 0;
    for record in &history.choices {
        let index = scenario
            .all_choices()
            .position(|(_, c)| c.id == record.choice)
            .expect("a session only records choices of its own scenario");
        put_varint(&mut bytes, index as u64);
        // Choices are recorded in time order, never earlier than the one before.
        put_varint(&mut bytes, record.at.saturating_sub(previous));
        previous = record.at;
    }
    put_varint(&mut bytes, history.clock.saturating_sub(previous));
    let check = fnv1a64(&bytes) as u32;
    bytes.extend_from_slice(&check.to_le_bytes());
    format!(
        "{SAVE_PREFIX}.{}.{}",
        scenario.id,
        URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// Decodes a save made by [`encode_save`] and replays it on `scenario`.
pub fn decode_save<K: SimKind>(
    scenario: Arc<Scenario<K>>,
    save: &str,
) -> Result<(Session<K>, Vec<Event<K>>), SaveError> {
    let transcript = decode_save_transcript(&scenario, save)?;
    transcript.replay(scenario).map_err(SaveError::Replay)
}

/// Decodes a save into the transcript it stands for, without replaying it.
pub fn decode_save_transcript<K: SimKind>(
    scenario: &Scenario<K>,
    save: &str,
) -> Result<Transcript, SaveError> {
    let mut parts = save.trim().splitn(3, '.');
    let (Some(prefix), Some(id), Some(payload)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(SaveError::NotASave);
    };
    if !prefix.starts_with("fs") {
        return Err(SaveError::NotASave);
    }
    if prefix != SAVE_PREFIX {
        return Err(SaveError::UnsupportedVersion(
            prefix.chars().take(16).collect(),
        ));
    }
    if id != scenario.id {
        return Err(SaveError::OtherScenario {
            expected: scenario.id.clone(),
            found: id.chars().take(200).collect(),
        });
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| SaveError::Corrupt("it is not valid base64"))?;
    if bytes.len() < 1 + 8 + 4 {
        return Err(SaveError::Corrupt("it is too short"));
    }
    let (body, check) = bytes.split_at(bytes.len() - 4);
    if (fnv1a64(body) as u32).to_le_bytes() != check {
        return Err(SaveError::Corrupt("its checksum does not match"));
    }
    let version = body[0];
    if version != SAVE_VERSION && version != SAVE_VERSION_1 {
        return Err(SaveError::UnsupportedVersion(format!(
            "{SAVE_PREFIX} v{version}"
        )));
    }
    let hash = u64::from_le_bytes(
        body[1..9]
            .try_into()
            .map_err(|_| SaveError::Corrupt("short hash"))?,
    );
    if hash != scenario.content_hash() {
        return Err(SaveError::Replay(ReplayError::OtherVersion));
    }
    let mut reader = VarintReader { bytes: &body[9..] };
    let seed = reader.next()?;
    let count = reader.next()?;
    // Each choice needs at least two bytes, so a count beyond that is a lie.
    if count > reader.bytes.len() as u64 / 2 {
        return Err(SaveError::Corrupt("it claims more choices than it holds"));
    }
    let choices: Vec<_> = scenario.all_choices().collect();
    let horizon = scenario.horizon();
    let past_horizon = |claimed| SaveError::Replay(ReplayError::PastHorizon { claimed, horizon });
    let mut entries = Vec::with_capacity(count as usize);
    let mut clock: Seconds = 0;
    for _ in 0..count {
        let index = reader.next()?;
        let wait = reader.next()?;
        let (step, choice) = usize::try_from(index)
            .ok()
            .and_then(|i| choices.get(i))
            .ok_or(SaveError::Corrupt(
                "it names a choice the scenario does not have",
            ))?;
        let at = clock.saturating_add(wait);
        if at > horizon {
            return Err(past_horizon(at));
        }
        entries.push(TranscriptEntry {
            step: (*step).to_string(),
            choice: choice.id.clone(),
            at,
        });
        clock = if version == SAVE_VERSION_1 {
            at.saturating_add(choice.takes_seconds).min(horizon)
        } else {
            at
        };
    }
    let trailing = reader.next()?;
    if !reader.bytes.is_empty() {
        return Err(SaveError::Corrupt("it has bytes left over"));
    }
    let end = clock.saturating_add(trailing);
    if end > horizon {
        return Err(past_horizon(end));
    }
    Ok(Transcript {
        format: Transcript::FORMAT.to_string(),
        scenario: scenario.id.clone(),
        scenario_hash: format!("{hash:016x}"),
        seed,
        choices: entries,
        clock: end,
        ending: None,
    })
}

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

struct VarintReader<'a> {
    bytes: &'a [u8],
}

impl VarintReader<'_> {
    fn next(&mut self) -> Result<u64, SaveError> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self
                .bytes
                .split_first()
                .ok_or(SaveError::Corrupt("it ends early"))?;
            self.bytes = rest;
            let part = u64::from(byte & 0x7f);
            if shift == 63 && part > 1 {
                return Err(SaveError::Corrupt("a number overflows"));
            }
            value |= part << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(SaveError::Corrupt("a number overflows"))
    }
}
