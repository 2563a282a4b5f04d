//! The player's rules that need no browser: how a scenario is started once it is
//! open (resume silently, ask, or start fresh), and which of a batch of events'
//! choices the hosts (the embedding page, an LMS) have not been told of yet.
//! Plain Rust with native unit tests (`cargo test -p firstshift-web`); `bridge`
//! carries the decisions out.

use firstshift_core::transcript::decode_save_transcript;
use firstshift_core::{Event, SimKind, Transcript};
use firstshift_sims::Scenario;

/// How an opened scenario starts.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    /// From the beginning (no usable save, or none with a choice in it).
    Fresh,
    /// Where the LMS's save left off, with no question asked: the LMS keeps the
    /// attempt, as every SCORM course does.
    Resume(Transcript),
    /// Offer to continue this browser's save, or start over.
    Ask(Transcript),
}

/// Decides how `scenario` starts. `launched_by_lms`: an LMS keeps the attempt, and
/// `lms_save` is what it held; otherwise `local_save` is this browser's. A save
/// for another version of the scenario, damaged, or with no choice yet is
/// ignored: the run starts fresh rather than fail.
pub fn start(
    scenario: &Scenario,
    launched_by_lms: bool,
    lms_save: Option<&str>,
    local_save: Option<&str>,
) -> Start {
    let usable = |save: Option<&str>| {
        save.and_then(|s| decode_save_transcript(scenario, s).ok())
            .filter(|t| !t.choices.is_empty())
    };
    if launched_by_lms {
        return usable(lms_save).map_or(Start::Fresh, Start::Resume);
    }
    usable(local_save).map_or(Start::Fresh, Start::Ask)
}

/// The choices in `events` the hosts have not been told of, oldest first, and
/// how many of the run's choices they know of afterwards.
///
/// `choices_in_run` is the run's choice count after the batch; `told` how many the
/// hosts knew of before it. A resumed run replays its earlier choices as one
/// batch of events: those were told in the session that made them.
pub fn untold_choices<K: SimKind>(
    events: &[Event<K>],
    choices_in_run: usize,
    told: usize,
) -> (Vec<&Event<K>>, usize) {
    let in_batch = events
        .iter()
        .filter(|e| matches!(e, Event::ChoiceMade { .. }))
        .count();
    let mut index = choices_in_run.saturating_sub(in_batch);
    let mut untold = Vec::new();
    let mut told_now = told;
    for event in events {
        if matches!(event, Event::ChoiceMade { .. }) {
            index += 1;
            if index > told_now {
                told_now = index;
                untold.push(event);
            }
        }
    }
    (untold, told_now.max(told))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use firstshift_core::transcript::encode_save;
    use firstshift_sims::{Session, Sims};

    use super::*;
    use crate::test_data::front_desk;

    /// A run of `front_desk` with its first `n` offered choices made, as a save.
    fn save_after(scenario: &Arc<Scenario>, n: usize) -> (Session, String) {
        let (mut session, _) = Session::new(Arc::clone(scenario), 7).unwrap();
        for _ in 0..n {
            let id = session.offered()[0].id.clone();
            let at = session.clock();
            session.choose(&id, at).unwrap();
        }
        let save = encode_save(&session);
        (session, save)
    }

    #[test]
    fn a_browser_save_is_offered_and_an_lms_save_resumed() {
        let scenario = front_desk();
        let (_, save) = save_after(&scenario, 2);
        let Start::Ask(t) = start(&scenario, false, None, Some(&save)) else {
            panic!("a browser's save is offered");
        };
        assert_eq!(t.choices.len(), 2);
        let Start::Resume(t) = start(&scenario, true, Some(&save), None) else {
            panic!("an LMS's save is resumed");
        };
        assert_eq!(t.choices.len(), 2);
        // In an LMS launch this browser's save is never the student's.
        assert_eq!(start(&scenario, true, None, Some(&save)), Start::Fresh);
    }

    #[test]
    fn an_empty_damaged_or_foreign_save_starts_fresh() {
        let scenario = front_desk();
        let (_, empty) = save_after(&scenario, 0);
        assert_eq!(start(&scenario, false, None, Some(&empty)), Start::Fresh);
        assert_eq!(
            start(&scenario, false, None, Some("not a save")),
            Start::Fresh
        );
        assert_eq!(start(&scenario, false, None, None), Start::Fresh);
        let mut other = (*scenario).clone();
        other.title.push_str(" (edited)");
        let (_, foreign) = save_after(&Arc::new(other), 2);
        assert_eq!(start(&scenario, false, None, Some(&foreign)), Start::Fresh);
    }

    fn choice(id: &str) -> Event<Sims> {
        Event::ChoiceMade {
            step: "s".into(),
            choice: id.into(),
            label: id.into(),
            at: 0,
        }
    }

    #[test]
    fn a_resumed_run_tells_no_earlier_choice_again() {
        let replayed = [choice("a"), choice("b"), choice("c")];
        let (untold, told) = untold_choices(&replayed, 3, 3);
        assert!(untold.is_empty());
        assert_eq!(told, 3);
        // The next choice made here is told, once.
        let next = [choice("d")];
        let (untold, told) = untold_choices(&next, 4, told);
        assert_eq!(untold, vec![&next[0]]);
        assert_eq!(told, 4);
        assert!(untold_choices(&next, 4, told).0.is_empty());
    }

    #[test]
    fn a_fresh_run_tells_every_choice_in_order() {
        let batch = [choice("a"), choice("b")];
        let (untold, told) = untold_choices(&batch, 2, 0);
        assert_eq!(untold, vec![&batch[0], &batch[1]]);
        assert_eq!(told, 2);
        // A batch with no choice changes nothing.
        let none: [Event<Sims>; 0] = [];
        assert_eq!(untold_choices(&none, 2, 2), (vec![], 2));
    }
}
