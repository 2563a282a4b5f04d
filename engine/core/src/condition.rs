//! Evaluating [`Condition`]s against what has happened in a run.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Seconds;
use crate::model::Condition;
use crate::sim::SimKind;

/// What has happened in a run so far: the facts conditions are judged on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// Every choice made, in order.
    pub choices: Vec<ChoiceRecord>,
    /// Every step entered, in order (the start step first).
    pub visits: Vec<Visit>,
    /// The variables' current values.
    pub variables: BTreeMap<String, f64>,
    /// The simulated clock now.
    pub clock: Seconds,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceRecord {
    pub step: String,
    pub choice: String,
    /// When the student chose it (the action then takes the choice's `takes_seconds`).
    pub at: Seconds,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    pub step: String,
    pub at: Seconds,
}

impl History {
    /// The first time the choice was made, if it was.
    pub fn first_choice(&self, id: &str) -> Option<(usize, &ChoiceRecord)> {
        self.choices
            .iter()
            .enumerate()
            .find(|(_, r)| r.choice == id)
    }

    pub fn visited(&self, step: &str) -> bool {
        self.visits.iter().any(|v| v.step == step)
    }
}

impl<K: SimKind> Condition<K> {
    /// Whether the condition holds. `sim` answers the model's queries.
    pub fn holds(&self, history: &History, sim: &dyn Fn(&K::Query) -> bool) -> bool {
        match self {
            Condition::Always => true,
            Condition::Chose(id) => history.first_choice(id).is_some(),
            Condition::ChoseWithin(id, limit) => history
                .choices
                .iter()
                .any(|r| r.choice == *id && r.at <= *limit),
            Condition::ChoseBetween(id, from, to) => history
                .choices
                .iter()
                .any(|r| r.choice == *id && *from <= r.at && r.at <= *to),
            Condition::ChoseBefore(first, second) => {
                match (history.first_choice(first), history.first_choice(second)) {
                    (Some((i, _)), Some((j, _))) => i < j,
                    (Some(_), None) => true,
                    (None, _) => false,
                }
            }
            Condition::Visited(step) => history.visited(step),
            Condition::Var(name, compare) => history
                .variables
                .get(name)
                .is_some_and(|value| compare.test(*value)),
            Condition::Time(compare) => compare.test(history.clock as f64),
            Condition::All(all) => all.iter().all(|c| c.holds(history, sim)),
            Condition::Any(any) => any.iter().any(|c| c.holds(history, sim)),
            Condition::Not(inner) => !inner.holds(history, sim),
            Condition::Sim(query) => sim(query),
        }
    }

    /// The indices of the choices in `history` that this condition looks at, so a
    /// debrief can say which of the student's actions earned (or cost) a result.
    pub fn evidence(&self, history: &History) -> Vec<usize> {
        let mut out = Vec::new();
        self.collect_evidence(history, &mut out);
        out.sort_unstable();
        out.dedup();
        out
    }

    fn collect_evidence(&self, history: &History, out: &mut Vec<usize>) {
        let mut mention = |id: &str| {
            out.extend(
                history
                    .choices
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.choice == id)
                    .map(|(i, _)| i),
            );
        };
        match self {
            Condition::Chose(id)
            | Condition::ChoseWithin(id, _)
            | Condition::ChoseBetween(id, _, _) => mention(id),
            Condition::ChoseBefore(a, b) => {
                mention(a);
                mention(b);
            }
            Condition::All(list) | Condition::Any(list) => {
                for c in list {
                    c.collect_evidence(history, out);
                }
            }
            Condition::Not(inner) => inner.collect_evidence(history, out),
            Condition::Always
            | Condition::Visited(_)
            | Condition::Var(..)
            | Condition::Time(_)
            | Condition::Sim(_) => {}
        }
    }

    /// Calls `f` with every choice id the condition names.
    pub fn for_each_choice(&self, f: &mut dyn FnMut(&str)) {
        self.walk(&mut |c| match c {
            Condition::Chose(id)
            | Condition::ChoseWithin(id, _)
            | Condition::ChoseBetween(id, _, _) => f(id),
            Condition::ChoseBefore(a, b) => {
                f(a);
                f(b);
            }
            _ => {}
        });
    }

    /// Visits this condition and every condition nested in it.
    pub fn walk(&self, f: &mut dyn FnMut(&Condition<K>)) {
        f(self);
        match self {
            Condition::All(list) | Condition::Any(list) => {
                for c in list {
                    c.walk(f);
                }
            }
            Condition::Not(inner) => inner.walk(f),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Compare;
    use crate::sim::NoSim;

    fn history(choices: &[(&str, Seconds)]) -> History {
        History {
            choices: choices
                .iter()
                .map(|(c, at)| ChoiceRecord {
                    step: "s".into(),
                    choice: (*c).into(),
                    at: *at,
                })
                .collect(),
            visits: vec![Visit {
                step: "start".into(),
                at: 0,
            }],
            variables: [("trust".to_string(), 2.0)].into(),
            clock: 600,
        }
    }

    fn holds(c: &Condition<NoSim>, h: &History) -> bool {
        c.holds(h, &|q| match *q {})
    }

    #[test]
    fn chose_and_time_windows() {
        let h = history(&[("greet", 30), ("apologise", 200)]);
        assert!(holds(&Condition::Chose("greet".into()), &h));
        assert!(!holds(&Condition::Chose("shout".into()), &h));
        assert!(holds(&Condition::ChoseWithin("apologise".into(), 200), &h));
        assert!(!holds(&Condition::ChoseWithin("apologise".into(), 199), &h));
        assert!(holds(
            &Condition::ChoseBetween("apologise".into(), 100, 300),
            &h
        ));
        assert!(!holds(
            &Condition::ChoseBetween("greet".into(), 100, 300),
            &h
        ));
    }

    #[test]
    fn chose_before_counts_a_missing_second_choice_as_after() {
        let h = history(&[("a", 0), ("b", 10)]);
        assert!(holds(&Condition::ChoseBefore("a".into(), "b".into()), &h));
        assert!(!holds(&Condition::ChoseBefore("b".into(), "a".into()), &h));
        assert!(holds(
            &Condition::ChoseBefore("a".into(), "never".into()),
            &h
        ));
        assert!(!holds(
            &Condition::ChoseBefore("never".into(), "a".into()),
            &h
        ));
    }

    #[test]
    fn variables_clock_and_logic() {
        let h = history(&[("a", 0)]);
        let trust = |c| Condition::<NoSim>::Var("trust".into(), c);
        assert!(holds(&trust(Compare::AtLeast(2.0)), &h));
        assert!(!holds(&trust(Compare::Above(2.0)), &h));
        assert!(holds(&trust(Compare::Between(1.0, 2.0)), &h));
        assert!(!holds(
            &Condition::Var("missing".into(), Compare::AtMost(100.0)),
            &h
        ));
        assert!(holds(&Condition::Time(Compare::Equals(600.0)), &h));
        let both = Condition::All(vec![Condition::Chose("a".into()), Condition::Always]);
        assert!(holds(&both, &h));
        assert!(!holds(&Condition::Not(Box::new(both)), &h));
        assert!(holds(
            &Condition::Any(vec![
                Condition::Chose("x".into()),
                Condition::Visited("start".into())
            ]),
            &h
        ));
    }

    #[test]
    fn evidence_points_at_the_choices_a_condition_names() {
        let h = history(&[("a", 0), ("b", 5), ("a", 9)]);
        let c = Condition::<NoSim>::Not(Box::new(Condition::ChoseBefore("a".into(), "c".into())));
        assert_eq!(c.evidence(&h), vec![0, 2]);
    }
}
