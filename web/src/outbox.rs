//! The choices a server launch still has to deliver, in order, and what to do
//! with each answer. Plain Rust with native tests; `server.rs` sends them.
//!
//! The server keeps a choice at its position exactly once, so sending one again
//! is always safe: a choice leaves the outbox only when the server says it holds
//! it. A network failure or a 503 keeps it and waits longer before the next try
//! (1 s, doubling, at most 30 s); anything else the server refuses stops the
//! outbox with the server's words, since sending it again cannot help.

use std::collections::VecDeque;

use firstshift_core::Seconds;

/// One choice as the server takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub position: u64,
    pub step: String,
    pub choice: String,
    pub at: Seconds,
}

/// What the server answered a send with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// 200: the server holds this many choices.
    Holds(u64),
    /// 409 out-of-order: the server holds this many, fewer than were sent.
    Expects(u64),
    /// No answer, or a 503: the same again later.
    TryLater,
    /// Any other refusal, in the server's words.
    Refused(String),
}

/// The first wait after a failure, and the longest, in milliseconds.
pub const FIRST_WAIT_MS: u32 = 1_000;
pub const LONGEST_WAIT_MS: u32 = 30_000;

#[derive(Debug, Default)]
pub struct Outbox {
    pending: VecDeque<Outgoing>,
    /// The position the next choice made will have.
    next_position: u64,
    /// How long to wait before the next send, after failures.
    wait_ms: u32,
    /// Why the server will take nothing more from this run.
    stopped: Option<String>,
    /// Whether the last choice ended the run and its clock should be reported.
    clock_to_report: Option<Seconds>,
}

impl Outbox {
    /// A run that already holds `choices` (a resumed one) or none.
    pub fn began(&mut self, choices: u64) {
        self.pending.clear();
        self.next_position = choices;
        self.wait_ms = 0;
    }

    pub fn push(&mut self, step: &str, choice: &str, at: Seconds) {
        self.pending.push_back(Outgoing {
            position: self.next_position,
            step: step.to_string(),
            choice: choice.to_string(),
            at,
        });
        self.next_position += 1;
    }

    /// The run ended at `clock`: tell the server once every choice is in (time
    /// alone may have ended it).
    pub fn ended(&mut self, clock: Seconds) {
        self.clock_to_report = Some(clock);
    }

    /// What to send next, if anything and if the outbox has not stopped.
    pub fn next(&self) -> Option<&Outgoing> {
        if self.stopped.is_some() {
            return None;
        }
        self.pending.front()
    }

    /// The clock to report, once every choice is delivered.
    pub fn clock_report(&self) -> Option<Seconds> {
        (self.stopped.is_none() && self.pending.is_empty())
            .then_some(self.clock_to_report)
            .flatten()
    }

    pub fn clock_reported(&mut self) {
        self.clock_to_report = None;
    }

    /// How long to wait before sending again (0 after a success).
    pub fn wait_ms(&self) -> u32 {
        self.wait_ms
    }

    pub fn stopped(&self) -> Option<&str> {
        self.stopped.as_deref()
    }

    /// Whether nothing is left to deliver.
    pub fn is_empty(&self) -> bool {
        self.pending.is_empty() && self.clock_to_report.is_none()
    }

    pub fn answered(&mut self, answer: Answer) {
        match answer {
            Answer::Holds(held) | Answer::Expects(held) => {
                let before = self.pending.len();
                self.pending.retain(|c| c.position >= held);
                let gap = self.pending.front().is_some_and(|c| c.position > held);
                if gap {
                    // The server holds fewer than this outbox ever had: choices it
                    // acknowledged are gone from it. Nothing sent now can fit.
                    self.stopped = Some(format!(
                        "the server holds only {held} of this run's choices, fewer than it acknowledged; open the activity again from your course"
                    ));
                } else if self.pending.len() < before || matches!(answer, Answer::Holds(_)) {
                    self.wait_ms = 0;
                }
            }
            Answer::TryLater => {
                self.wait_ms =
                    (self.wait_ms.saturating_mul(2)).clamp(FIRST_WAIT_MS, LONGEST_WAIT_MS);
            }
            Answer::Refused(why) => self.stopped = Some(why),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outbox(choices: u64) -> Outbox {
        let mut o = Outbox::default();
        o.began(choices);
        o
    }

    #[test]
    fn choices_leave_in_order_only_once_the_server_holds_them() {
        let mut o = outbox(2);
        o.push("a", "x", 10);
        o.push("b", "y", 20);
        assert_eq!(o.next().unwrap().position, 2);
        o.answered(Answer::TryLater);
        assert_eq!(o.next().unwrap().position, 2, "a failure keeps the choice");
        o.answered(Answer::Holds(3));
        assert_eq!(o.next().unwrap().position, 3);
        assert_eq!(o.wait_ms(), 0);
        o.answered(Answer::Holds(4));
        assert!(o.next().is_none());
        assert!(o.is_empty());
    }

    #[test]
    fn failures_wait_longer_each_time_up_to_half_a_minute() {
        let mut o = outbox(0);
        o.push("a", "x", 1);
        let mut waits = Vec::new();
        for _ in 0..8 {
            o.answered(Answer::TryLater);
            waits.push(o.wait_ms());
        }
        assert_eq!(waits, [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
        o.answered(Answer::Holds(1));
        assert_eq!(o.wait_ms(), 0);
    }

    #[test]
    fn an_answer_lost_on_the_way_is_made_up_by_the_next() {
        // The server kept #0 and #1 but the answers were lost: it says it
        // expects #2 when #0 is sent again.
        let mut o = outbox(0);
        for i in 0..3 {
            o.push("s", "c", i);
        }
        o.answered(Answer::Expects(2));
        assert_eq!(o.next().unwrap().position, 2);
        assert!(o.stopped().is_none());
    }

    #[test]
    fn a_refusal_or_a_server_that_lost_choices_stops_the_outbox_in_words() {
        let mut o = outbox(0);
        o.push("s", "c", 1);
        o.answered(Answer::Refused("this run is over".into()));
        assert!(o.next().is_none());
        assert_eq!(o.stopped(), Some("this run is over"));

        let mut o = outbox(5);
        o.push("s", "c", 1);
        o.answered(Answer::Expects(3));
        assert!(o.next().is_none());
        assert!(o.stopped().unwrap().contains("holds only 3"));
    }

    #[test]
    fn the_ending_clock_goes_after_every_choice() {
        let mut o = outbox(0);
        o.push("s", "c", 1);
        o.ended(600);
        assert_eq!(o.clock_report(), None);
        o.answered(Answer::Holds(1));
        assert_eq!(o.clock_report(), Some(600));
        assert!(!o.is_empty());
        o.clock_reported();
        assert!(o.is_empty());
    }
}
