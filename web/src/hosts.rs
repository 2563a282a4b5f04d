//! The hosts a run is reported to: the page that embeds the player (`embed.rs`),
//! the LMS that launched it (SCORM, `lms.rs`; cmi5, `cmi5.rs`) and this browser's
//! save (`storage.rs`). The app tells [`Hosts`] what happened, once; each host
//! says it in its own protocol, or ignores it.
//!
//! Plain Rust with native tests: `Hosts` also decides which choices are news to
//! the hosts (a resumed run replays its earlier choices, which were told in the
//! session that made them).

use firstshift_core::{Event, Seconds};
use firstshift_rubric::ScoreReport;
use firstshift_sims::{Scenario, Session, Sims};

/// How a run began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Began {
    /// From the beginning.
    Fresh,
    /// Where the LMS's save left off, `choices` made already.
    ResumedFromLms { choices: usize },
    /// Where this browser's save left off, after the student said so.
    Continued { choices: usize },
    /// Started again by the student, same scenario and seed.
    Restarted,
}

impl Began {
    /// The choices the run already holds, which the hosts were told of.
    fn choices(self) -> usize {
        match self {
            Began::Fresh | Began::Restarted => 0,
            Began::ResumedFromLms { choices } | Began::Continued { choices } => choices,
        }
    }
}

/// One host. Every method has a default that ignores the news.
pub trait Host {
    fn began(&mut self, _scenario: &Scenario, _how: Began) {}
    fn step_entered(&mut self, _step: &str, _at: Seconds) {}
    /// A choice made in this session (never one a resume replays).
    fn choice_made(
        &mut self,
        _session: &Session,
        _step: &str,
        _choice: &str,
        _label: &str,
        _at: Seconds,
    ) {
    }
    /// The run changed and goes on; `save` is its compact save.
    fn progressed(&mut self, _session: &Session, _save: &str) {}
    fn finished(&mut self, _session: &Session, _report: &ScoreReport, _save: &str) {}
    fn reflected(&mut self, _interest: Option<u8>, _surprised: &str, _skill: Option<&str>) {}
}

/// Every host of this launch, told in the order they were added.
#[derive(Default)]
pub struct Hosts {
    hosts: Vec<Box<dyn Host>>,
    /// How many of the run's choices the hosts have been told of.
    told: usize,
}

impl Hosts {
    pub fn add(&mut self, host: impl Host + 'static) {
        self.hosts.push(Box::new(host));
    }

    pub fn began(&mut self, scenario: &Scenario, how: Began) {
        self.told = how.choices();
        self.each(|h| h.began(scenario, how));
    }

    /// A batch of the runtime's events: steps entered and the choices that are
    /// news, in order; then, unless the run ended in it, that it progressed.
    pub fn events(&mut self, session: &Session, events: &[Event<Sims>], save: &str) {
        let (untold, told) =
            crate::rules::untold_choices(events, session.history().choices.len(), self.told);
        self.told = told;
        for event in events {
            match event {
                Event::StepEntered { step, at } => self.each(|h| h.step_entered(step, *at)),
                Event::ChoiceMade {
                    step,
                    choice,
                    label,
                    at,
                } if untold.iter().any(|u| std::ptr::eq(*u, event)) => {
                    self.each(|h| h.choice_made(session, step, choice, label, *at));
                }
                _ => {}
            }
        }
        if !session.is_finished() {
            self.each(|h| h.progressed(session, save));
        }
    }

    pub fn finished(&mut self, session: &Session, report: &ScoreReport, save: &str) {
        self.each(|h| h.finished(session, report, save));
    }

    pub fn reflected(&mut self, interest: Option<u8>, surprised: &str, skill: Option<&str>) {
        self.each(|h| h.reflected(interest, surprised, skill));
    }

    fn each(&mut self, mut tell: impl FnMut(&mut dyn Host)) {
        for host in &mut self.hosts {
            tell(host.as_mut());
        }
    }
}

impl std::fmt::Debug for Hosts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hosts")
            .field("hosts", &self.hosts.len())
            .field("told", &self.told)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::sync::Arc;

    use firstshift_core::transcript::encode_save;

    use super::*;
    use crate::test_data::front_desk;

    /// A host that writes down what it is told.
    #[derive(Clone, Default)]
    struct Recorder(Rc<RefCell<Vec<String>>>);

    impl Host for Recorder {
        fn began(&mut self, _: &Scenario, how: Began) {
            self.0.borrow_mut().push(format!("began {how:?}"));
        }
        fn step_entered(&mut self, step: &str, _: Seconds) {
            self.0.borrow_mut().push(format!("step {step}"));
        }
        fn choice_made(&mut self, _: &Session, _: &str, choice: &str, _: &str, _: Seconds) {
            self.0.borrow_mut().push(format!("choice {choice}"));
        }
        fn progressed(&mut self, _: &Session, _: &str) {
            self.0.borrow_mut().push("progressed".into());
        }
        fn finished(&mut self, _: &Session, report: &ScoreReport, _: &str) {
            self.0
                .borrow_mut()
                .push(format!("finished {}", report.passed));
        }
    }

    /// Makes the first offered choice and tells the hosts, as the app does.
    fn choose_first(session: &mut Session, hosts: &mut Hosts) -> String {
        let id = session.offered()[0].id.clone();
        let at = session.clock();
        let events = session.choose(&id, at).unwrap();
        hosts.events(session, &events, &encode_save(session));
        id
    }

    #[test]
    fn every_host_hears_each_step_and_choice_once_in_order() {
        let (a, b) = (Recorder::default(), Recorder::default());
        let mut hosts = Hosts::default();
        hosts.add(a.clone());
        hosts.add(b.clone());
        let scenario = front_desk();
        let (mut session, first) = Session::new(Arc::clone(&scenario), 1).unwrap();
        hosts.began(&scenario, Began::Fresh);
        hosts.events(&session, &first, &encode_save(&session));
        let chosen = choose_first(&mut session, &mut hosts);
        let heard = a.0.borrow().clone();
        assert_eq!(heard, *b.0.borrow());
        assert_eq!(heard[0], "began Fresh");
        assert_eq!(heard[1], format!("step {}", scenario.start));
        assert_eq!(heard[2], "progressed");
        assert_eq!(heard[3], format!("choice {chosen}"));
        assert_eq!(heard.last().unwrap(), "progressed");
    }

    #[test]
    fn a_resumed_run_replays_without_telling_its_old_choices_again() {
        let scenario = front_desk();
        let (mut session, _) = Session::new(Arc::clone(&scenario), 1).unwrap();
        let mut quiet = Hosts::default();
        let first = choose_first(&mut session, &mut quiet);
        // Reload: the save is replayed as one batch of events.
        let transcript = session.transcript();
        let (mut resumed, replayed) = transcript.replay(Arc::clone(&scenario)).unwrap();
        let heard = Recorder::default();
        let mut hosts = Hosts::default();
        hosts.add(heard.clone());
        hosts.began(&scenario, Began::ResumedFromLms { choices: 1 });
        hosts.events(&resumed, &replayed, &encode_save(&resumed));
        assert!(
            !heard
                .0
                .borrow()
                .iter()
                .any(|h| *h == format!("choice {first}")),
            "{:?}",
            heard.0.borrow()
        );
        let next = choose_first(&mut resumed, &mut hosts);
        let choices: Vec<String> = heard
            .0
            .borrow()
            .iter()
            .filter(|h| h.starts_with("choice"))
            .cloned()
            .collect();
        assert_eq!(choices, [format!("choice {next}")]);
    }
}
