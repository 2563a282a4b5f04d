//! A running scenario. Pure and deterministic: no clock but the simulated one, no
//! randomness but the model's seeded one, no IO.

use std::sync::Arc;

use serde::Serialize;

use crate::Seconds;
use crate::condition::{ChoiceRecord, History, Visit};
use crate::model::{Choice, Effect, Ending, Outcome, Rule, Scenario};
use crate::sim::{SimKind, SimState};
use crate::transcript::{Transcript, TranscriptEntry};

/// What happened, in order, as the answer to each call. Front ends (the terminal,
/// the Bevy plugin, the DOM) only show these; they never decide anything.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(bound = "", tag = "type", rename_all = "snake_case")]
pub enum Event<K: SimKind> {
    StepEntered {
        step: String,
        at: Seconds,
    },
    ChoiceMade {
        step: String,
        choice: String,
        label: String,
        at: Seconds,
    },
    /// What the student hears or sees right after a choice.
    Response {
        choice: String,
        text: String,
    },
    VariableChanged {
        name: String,
        from: f64,
        to: f64,
    },
    ClockAdvanced {
        from: Seconds,
        to: Seconds,
    },
    Sim(K::Event),
    /// A rule (an interrupt, or the time limit) moved the story from `step` to
    /// `next` without a choice; `StepEntered` for `next` follows.
    Interrupted {
        rule: Rule,
        step: String,
        next: String,
        at: Seconds,
    },
    /// The run reached an ending step.
    Ended {
        step: String,
        title: String,
        outcome: Outcome,
        at: Seconds,
    },
    /// The run reached a step where no choice is on offer. A validated scenario
    /// never does; the run stops here rather than hang.
    Stuck {
        step: String,
        at: Seconds,
    },
}

/// Why a call was refused. The session is unchanged when one is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceError {
    Finished,
    NotOffered {
        choice: String,
        step: String,
    },
    TimeWentBackwards {
        at: Seconds,
        clock: Seconds,
    },
    /// The scenario names a step that does not exist (it was not validated).
    MissingStep {
        step: String,
    },
    /// The time is later than the scenario's [`Scenario::horizon`].
    PastHorizon {
        at: Seconds,
        horizon: Seconds,
    },
}

impl std::fmt::Display for ChoiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChoiceError::Finished => write!(f, "the run has already ended"),
            ChoiceError::NotOffered { choice, step } => {
                write!(f, "choice `{choice}` is not on offer at step `{step}`")
            }
            ChoiceError::TimeWentBackwards { at, clock } => write!(
                f,
                "a choice at {at} s would be before the current time of {clock} s"
            ),
            ChoiceError::MissingStep { step } => {
                write!(f, "the scenario has no step `{step}`; validate it first")
            }
            ChoiceError::PastHorizon { at, horizon } => write!(
                f,
                "a time of {at} s is later than this scenario allows ({} of simulated time)",
                crate::clock_text(*horizon)
            ),
        }
    }
}

impl std::error::Error for ChoiceError {}

/// How far [`Session::advance_to`] goes when a rule fires on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Until {
    /// To the end of the wait: time goes on after the rule moved the story.
    End,
    /// To the first rule that moves the story: an action cut short.
    Rule,
}

#[derive(Debug, Clone)]
pub struct Session<K: SimKind> {
    scenario: Arc<Scenario<K>>,
    seed: u64,
    step: String,
    history: History,
    sim: K::State,
    finished: bool,
    /// [`Scenario::horizon`], computed once.
    horizon: Seconds,
    /// The rules that have fired, in order: each fires once a run.
    fired: Vec<Rule>,
}

impl<K: SimKind> Session<K> {
    /// Starts a run at time zero. Returns the events of entering the start step.
    pub fn new(
        scenario: Arc<Scenario<K>>,
        seed: u64,
    ) -> Result<(Self, Vec<Event<K>>), ChoiceError> {
        if !scenario.steps.contains_key(&scenario.start) {
            return Err(ChoiceError::MissingStep {
                step: scenario.start.clone(),
            });
        }
        let mut sim = K::start(&scenario.sim, seed);
        sim.set_language(scenario.language);
        let mut session = Session {
            step: scenario.start.clone(),
            history: History {
                variables: scenario.variables.clone(),
                ..History::default()
            },
            horizon: scenario.horizon(),
            scenario,
            seed,
            sim,
            finished: false,
            fired: Vec::new(),
        };
        let mut events = Vec::new();
        let start = session.step.clone();
        session.enter(start, &mut events);
        session.fire_rules(&mut events);
        Ok((session, events))
    }

    pub fn scenario(&self) -> &Arc<Scenario<K>> {
        &self.scenario
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub fn clock(&self) -> Seconds {
        self.history.clock
    }
    pub fn step_id(&self) -> &str {
        &self.step
    }
    pub fn history(&self) -> &History {
        &self.history
    }
    pub fn sim(&self) -> &K::State {
        &self.sim
    }
    pub fn is_finished(&self) -> bool {
        self.finished
    }
    /// The rules that have moved the story, in the order they fired.
    pub fn fired(&self) -> &[Rule] {
        &self.fired
    }

    /// The latest simulated time this run can reach ([`Scenario::horizon`]).
    pub fn horizon(&self) -> Seconds {
        self.horizon
    }

    /// The ending reached, if the run finished at an ending step.
    pub fn ending(&self) -> Option<&Ending> {
        if !self.finished {
            return None;
        }
        self.scenario
            .steps
            .get(&self.step)
            .and_then(|s| s.ending.as_ref())
    }

    /// The choices on offer now, in file order.
    pub fn offered(&self) -> Vec<&Choice<K>> {
        if self.finished {
            return Vec::new();
        }
        let Some(step) = self.scenario.steps.get(&self.step) else {
            return Vec::new();
        };
        step.choices
            .iter()
            .filter(|c| c.when.as_ref().is_none_or(|w| self.check(w)))
            .collect()
    }

    /// Evaluates a condition against the run so far and the model's current state.
    pub fn check(&self, condition: &crate::model::Condition<K>) -> bool {
        condition.holds(&self.history, &|q| self.sim.holds(q))
    }

    /// Lets simulated time pass without a choice (the student is thinking, or the
    /// front end's real-time clock ticked).
    pub fn wait_until(&mut self, at: Seconds) -> Result<Vec<Event<K>>, ChoiceError> {
        if self.finished {
            return Err(ChoiceError::Finished);
        }
        self.check_time(at)?;
        let mut events = Vec::new();
        self.advance_to(at, Until::End, &mut events);
        Ok(events)
    }

    /// Makes a choice at simulated time `at` (not before the current clock). The
    /// time passes first, so the choice is judged as the run stands at `at`: a
    /// rule that fires meanwhile may have moved the story, and then the choice
    /// must be on offer where it went. A refused choice changes nothing.
    pub fn choose(&mut self, choice_id: &str, at: Seconds) -> Result<Vec<Event<K>>, ChoiceError> {
        if self.finished {
            return Err(ChoiceError::Finished);
        }
        self.check_time(at)?;
        let mut events = Vec::new();
        let mut run = self.clone();
        run.advance_to(at, Until::End, &mut events);
        if run.finished {
            return Err(ChoiceError::Finished);
        }
        let choice = run
            .offered()
            .into_iter()
            .find(|c| c.id == choice_id)
            .cloned()
            .ok_or_else(|| ChoiceError::NotOffered {
                choice: choice_id.to_string(),
                step: run.step.clone(),
            })?;
        // Refuse before changing anything if a destination is missing.
        for target in choice
            .branches
            .iter()
            .map(|b| &b.next)
            .chain([&choice.next])
        {
            if !run.scenario.steps.contains_key(target) {
                return Err(ChoiceError::MissingStep {
                    step: target.clone(),
                });
            }
        }
        *self = run;

        self.history.choices.push(ChoiceRecord {
            step: self.step.clone(),
            choice: choice.id.clone(),
            at,
        });
        events.push(Event::ChoiceMade {
            step: self.step.clone(),
            choice: choice.id.clone(),
            label: choice.label.clone(),
            at,
        });
        for effect in &choice.effects {
            self.apply(effect, &mut events);
        }
        if let Some(text) = &choice.response {
            events.push(Event::Response {
                choice: choice.id.clone(),
                text: text.clone(),
            });
        }
        // A rule the choice made due, or one that fell due while it took its time,
        // moves the story instead of the choice's `next`.
        if self.fire_rules(&mut events)
            || self.advance_to(
                at.saturating_add(choice.takes_seconds),
                Until::Rule,
                &mut events,
            )
        {
            return Ok(events);
        }
        let next = choice
            .branches
            .iter()
            .find(|b| self.check(&b.when))
            .map_or(&choice.next, |b| &b.next)
            .clone();
        self.enter(next, &mut events);
        self.fire_rules(&mut events);
        Ok(events)
    }

    /// The record of this run so far.
    pub fn transcript(&self) -> Transcript {
        Transcript {
            format: Transcript::FORMAT.to_string(),
            scenario: self.scenario.id.clone(),
            scenario_hash: format!("{:016x}", self.scenario.content_hash()),
            seed: self.seed,
            choices: self
                .history
                .choices
                .iter()
                .map(|r| TranscriptEntry {
                    step: r.step.clone(),
                    choice: r.choice.clone(),
                    at: r.at,
                })
                .collect(),
            clock: self.history.clock,
            ending: self.finished.then(|| self.step.clone()),
        }
    }

    fn apply(&mut self, effect: &Effect<K>, events: &mut Vec<Event<K>>) {
        let (name, to) = match effect {
            Effect::Set(name, value) => (name, *value),
            Effect::Add(name, delta) => (
                name,
                self.history.variables.get(name).copied().unwrap_or(0.0) + delta,
            ),
            Effect::Sim(action) => {
                events.extend(self.sim.act(action).into_iter().map(Event::Sim));
                return;
            }
        };
        let from = self
            .history
            .variables
            .insert(name.clone(), to)
            .unwrap_or(0.0);
        if from != to {
            events.push(Event::VariableChanged {
                name: name.clone(),
                from,
                to,
            });
        }
    }

    /// Refuses a time before the clock or past the horizon.
    fn check_time(&self, at: Seconds) -> Result<(), ChoiceError> {
        if at < self.history.clock {
            return Err(ChoiceError::TimeWentBackwards {
                at,
                clock: self.history.clock,
            });
        }
        if at > self.horizon {
            return Err(ChoiceError::PastHorizon {
                at,
                horizon: self.horizon,
            });
        }
        Ok(())
    }

    /// Moves the clock (and the model) on, never past the horizon: a choice made
    /// just before it ends there however long it takes. When the scenario has
    /// rules, the time passes a second at a time and each rule fires at the second
    /// it falls due, so a rule fires at the same time however a wait is split (a
    /// live clock's frames, a replay's one wait). A wait goes on through the rules
    /// that fire (unless one ends the run); an action ([`Until::Rule`]) stops at
    /// the first, which cuts it short. Says whether a rule moved the story.
    fn advance_to(&mut self, to: Seconds, until: Until, events: &mut Vec<Event<K>>) -> bool {
        let to = to.min(self.horizon);
        let mut from = self.history.clock;
        if to <= from {
            return false;
        }
        if !self.scenario.has_rules() {
            events.extend(self.sim.advance(to).into_iter().map(Event::Sim));
            self.history.clock = to;
            events.push(Event::ClockAdvanced { from, to });
            return false;
        }
        let mut moved = false;
        while self.history.clock < to && !self.finished {
            let now = self.history.clock + 1;
            events.extend(self.sim.advance(now).into_iter().map(Event::Sim));
            self.history.clock = now;
            if self.due_rule().is_some() {
                events.push(Event::ClockAdvanced { from, to: now });
                from = now;
                moved |= self.fire_rules(events);
                if moved && until == Until::Rule {
                    return true;
                }
            }
        }
        if self.history.clock > from {
            events.push(Event::ClockAdvanced {
                from,
                to: self.history.clock,
            });
        }
        moved
    }

    /// The first rule in file order that is due and has not fired: the
    /// interrupts, then the time limit.
    fn due_rule(&self) -> Option<(Rule, &str)> {
        if self.finished {
            return None;
        }
        let interrupt = self
            .scenario
            .interrupts
            .iter()
            .enumerate()
            .find(|(i, r)| !self.fired.contains(&Rule::Interrupt(*i)) && self.check(&r.when))
            .map(|(i, r)| (Rule::Interrupt(i), r.next.as_str()));
        interrupt.or_else(|| {
            self.scenario
                .time_limit
                .as_ref()
                .filter(|l| {
                    !self.fired.contains(&Rule::TimeLimit) && self.history.clock >= l.seconds
                })
                .map(|l| (Rule::TimeLimit, l.next.as_str()))
        })
    }

    /// Fires every rule that is due, in order: each moves the story to its step,
    /// which may make another due. Says whether one fired. A rule whose step does
    /// not exist (a file that was not validated) is spent without moving.
    fn fire_rules(&mut self, events: &mut Vec<Event<K>>) -> bool {
        let mut moved = false;
        while let Some((rule, next)) = self.due_rule() {
            let next = next.to_string();
            self.fired.push(rule);
            if !self.scenario.steps.contains_key(&next) {
                continue;
            }
            events.push(Event::Interrupted {
                rule,
                step: self.step.clone(),
                next: next.clone(),
                at: self.history.clock,
            });
            self.enter(next, events);
            moved = true;
        }
        moved
    }

    fn enter(&mut self, step_id: String, events: &mut Vec<Event<K>>) {
        let at = self.history.clock;
        self.history.visits.push(Visit {
            step: step_id.clone(),
            at,
        });
        events.push(Event::StepEntered {
            step: step_id.clone(),
            at,
        });
        self.step = step_id;
        let ending = self
            .scenario
            .steps
            .get(&self.step)
            .and_then(|s| s.ending.clone());
        if let Some(ending) = ending {
            self.finished = true;
            events.push(Event::Ended {
                step: self.step.clone(),
                title: ending.title,
                outcome: ending.outcome,
                at,
            });
        } else if self.offered().is_empty() {
            self.finished = true;
            events.push(Event::Stuck {
                step: self.step.clone(),
                at,
            });
        }
    }
}
