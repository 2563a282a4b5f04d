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
        if self.format != Self::FORMAT {
            return Err(ReplayError::UnknownFormat {
                found: self.format.clone(),
            });
        }
        if self.scenario != scenario.id {
            return Err(ReplayError::OtherScenario {
                expected: scenario.id.clone(),
                found: self.scenario.clone(),
            });
        }
        if self.scenario_hash != format!("{:016x}", scenario.content_hash()) {
            return Err(ReplayError::OtherVersion);
        }
        let (mut session, mut events) =
            Session::new(scenario, self.seed).map_err(|e| ReplayError::Diverged {
                index: 0,
                reason: e.to_string(),
            })?;
        for (index, entry) in self.choices.iter().enumerate() {
            if entry.step != session.step_id() {
                return Err(ReplayError::Diverged {
                    index,
                    reason: format!(
                        "it was made at step `{}` but the run is at step `{}`",
                        entry.step,
                        session.step_id()
                    ),
                });
            }
            let more =
                session
                    .choose(&entry.choice, entry.at)
                    .map_err(|e| ReplayError::Diverged {
                        index,
                        reason: e.to_string(),
                    })?;
            events.extend(more);
        }
        if !session.is_finished() && self.clock > session.clock() {
            events.extend(
                session
                    .wait_until(self.clock)
                    .map_err(|e| ReplayError::Diverged {
                        index: self.choices.len(),
                        reason: e.to_string(),
                    })?,
            );
        }
        let reached = session.is_finished().then(|| session.step_id().to_string());
        if self.ending.is_some() && self.ending != reached {
            return Err(ReplayError::WrongEnding {
                claimed: self.ending.clone(),
                reached,
            });
        }
        Ok((session, events))
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
const SAVE_VERSION: u8 = 1;

/// Encodes a session's inputs as `fs1.<scenario id>.<base64url payload>`.
///
/// The payload is: version, the scenario hash, the seed, then for each choice its
/// index in [`Scenario::all_choices`] and the seconds waited before it, as LEB128
/// varints, then the trailing wait, and a 32-bit checksum. A 60-choice run is a
/// few hundred characters.
pub fn encode_save<K: SimKind>(session: &Session<K>) -> String {
    let scenario = session.scenario();
    let mut bytes = vec![SAVE_VERSION];
    bytes.extend_from_slice(&scenario.content_hash().to_le_bytes());
    put_varint(&mut bytes, session.seed());
    let history = session.history();
    put_varint(&mut bytes, history.choices.len() as u64);
    let mut clock = 0;
    for record in &history.choices {
        let (index, choice) = scenario
            .all_choices()
            .enumerate()
            .find(|(_, (_, c))| c.id == record.choice)
            .map(|(i, (_, c))| (i, c))
            .expect("a session only records choices of its own scenario");
        put_varint(&mut bytes, index as u64);
        put_varint(&mut bytes, record.at - clock);
        clock = record.at + choice.takes_seconds;
    }
    put_varint(&mut bytes, history.clock.saturating_sub(clock));
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
    if body[0] != SAVE_VERSION {
        return Err(SaveError::UnsupportedVersion(format!(
            "{SAVE_PREFIX} v{}",
            body[0]
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
        let at = clock
            .checked_add(wait)
            .ok_or(SaveError::Corrupt("a time overflows"))?;
        entries.push(TranscriptEntry {
            step: (*step).to_string(),
            choice: choice.id.clone(),
            at,
        });
        clock = at
            .checked_add(choice.takes_seconds)
            .ok_or(SaveError::Corrupt("a time overflows"))?;
    }
    let trailing = reader.next()?;
    if !reader.bytes.is_empty() {
        return Err(SaveError::Corrupt("it has bytes left over"));
    }
    Ok(Transcript {
        format: Transcript::FORMAT.to_string(),
        scenario: scenario.id.clone(),
        scenario_hash: format!("{hash:016x}"),
        seed,
        choices: entries,
        clock: clock
            .checked_add(trailing)
            .ok_or(SaveError::Corrupt("a time overflows"))?,
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
