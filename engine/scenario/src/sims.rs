//! The built-in simulation models, as one [`SimKind`] the file format knows.
//!
//! A scenario names its model after `sim:` (`None`, `Patient(...)`, `Line(...)`). Its choices and
//! conditions then use that model's words directly: `do: [Sim(Oxygen(NonRebreather))]`,
//! `when: Sim(Vital(Spo2, Below(92)))`, with no model name in between. To make that
//! work, actions and queries deserialize by looking their variant name up in each
//! model's list and handing the rest of the value to that model, so a typo still
//! gets serde's "unknown variant, expected one of …" with every valid word. The
//! `references` pass checks that a scenario only uses its own model's words.

use std::fmt;
use std::sync::LazyLock;

use firstshift_core::{Seconds, SimKind, SimState};
use firstshift_line::{Line, LineAction, LineEvent, LineKind, LineQuery, LineSetup};
use firstshift_patient::{
    Patient, PatientAction, PatientEvent, PatientKind, PatientQuery, PatientSetup,
};
use serde::de::{self, DeserializeSeed, EnumAccess, IntoDeserializer, VariantAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// Every built-in model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sims;

/// What a scenario writes after `sim:`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SimSetup {
    /// A pure branching scenario: no model.
    None,
    /// A patient whose vital signs respond to care (`firstshift-patient`).
    Patient(PatientSetup),
    /// A production line (`firstshift-line`).
    Line(LineSetup),
}

/// A model action, written without the model's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SimAction {
    Patient(PatientAction),
    Line(LineAction),
}

/// A model query, written without the model's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SimQuery {
    Patient(PatientQuery),
    Line(LineQuery),
}

/// What a model reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SimEvent {
    Patient(PatientEvent),
    Line(LineEvent),
}

impl SimEvent {
    /// The sentence a player shows for it.
    pub fn text(&self) -> &str {
        match self {
            SimEvent::Patient(e) => e.text(),
            SimEvent::Line(e) => e.text(),
        }
    }
}

/// The running model of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum SimRun {
    None,
    Patient(Box<Patient>),
    Line(Box<Line>),
}

impl SimRun {
    pub fn patient(&self) -> Option<&Patient> {
        match self {
            SimRun::Patient(p) => Some(p),
            _ => None,
        }
    }

    pub fn line(&self) -> Option<&Line> {
        match self {
            SimRun::Line(l) => Some(l),
            _ => None,
        }
    }
}

impl SimKind for Sims {
    type Setup = SimSetup;
    type Action = SimAction;
    type Query = SimQuery;
    type Event = SimEvent;
    type State = SimRun;

    fn start(setup: &SimSetup, seed: u64) -> SimRun {
        match setup {
            SimSetup::None => SimRun::None,
            SimSetup::Patient(s) => SimRun::Patient(Box::new(PatientKind::start(s, seed))),
            SimSetup::Line(s) => SimRun::Line(Box::new(LineKind::start(s, seed))),
        }
    }
}

impl SimState<Sims> for SimRun {
    fn advance(&mut self, to: Seconds) -> Vec<SimEvent> {
        match self {
            SimRun::None => Vec::new(),
            SimRun::Patient(p) => p.advance(to).into_iter().map(SimEvent::Patient).collect(),
            SimRun::Line(l) => l.advance(to).into_iter().map(SimEvent::Line).collect(),
        }
    }

    /// An action for another model does nothing (validation reports it first).
    fn act(&mut self, action: &SimAction) -> Vec<SimEvent> {
        match (self, action) {
            (SimRun::Patient(p), SimAction::Patient(a)) => {
                p.act(a).into_iter().map(SimEvent::Patient).collect()
            }
            (SimRun::Line(l), SimAction::Line(a)) => {
                l.act(a).into_iter().map(SimEvent::Line).collect()
            }
            _ => Vec::new(),
        }
    }

    /// A query about another model is false (validation reports it first).
    fn holds(&self, query: &SimQuery) -> bool {
        match (self, query) {
            (SimRun::Patient(p), SimQuery::Patient(q)) => p.holds(q),
            (SimRun::Line(l), SimQuery::Line(q)) => l.holds(q),
            _ => false,
        }
    }
}

/// Which model a word of the sim vocabulary belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    Patient,
    Line,
}

impl Model {
    pub fn name(self) -> &'static str {
        match self {
            Model::Patient => "Patient",
            Model::Line => "Line",
        }
    }
}

impl SimSetup {
    /// The model this setup runs.
    pub fn model(&self) -> Option<Model> {
        match self {
            SimSetup::None => None,
            SimSetup::Patient(_) => Some(Model::Patient),
            SimSetup::Line(_) => Some(Model::Line),
        }
    }
}

impl SimAction {
    pub fn model(&self) -> Model {
        match self {
            SimAction::Patient(_) => Model::Patient,
            SimAction::Line(_) => Model::Line,
        }
    }
}

impl SimQuery {
    pub fn model(&self) -> Model {
        match self {
            SimQuery::Patient(_) => Model::Patient,
            SimQuery::Line(_) => Model::Line,
        }
    }
}

/// The action and question words of every model, for "expected one of". The
/// models' words never overlap (a test checks), so a word names its model.
static ACTIONS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    [
        firstshift_patient::ACTION_NAMES,
        firstshift_line::ACTION_NAMES,
    ]
    .concat()
});
static QUERIES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    [
        firstshift_patient::QUERY_NAMES,
        firstshift_line::QUERY_NAMES,
    ]
    .concat()
});

/// A written example of every word that takes a value, across the models.
pub fn examples() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    firstshift_patient::EXAMPLES
        .iter()
        .chain(firstshift_line::EXAMPLES)
}

impl<'de> Deserialize<'de> for SimAction {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Words;
        impl<'de> Visitor<'de> for Words {
            type Value = SimAction;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a simulation action")
            }
            fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<SimAction, A::Error> {
                let (Word(word), rest) = data.variant()?;
                if firstshift_patient::ACTION_NAMES.contains(&word.as_str()) {
                    PatientAction::deserialize(Resume::new(word, rest)).map(SimAction::Patient)
                } else if firstshift_line::ACTION_NAMES.contains(&word.as_str()) {
                    LineAction::deserialize(Resume::new(word, rest)).map(SimAction::Line)
                } else {
                    Err(de::Error::unknown_variant(&word, &ACTIONS))
                }
            }
        }
        deserializer.deserialize_enum("SimAction", &ACTIONS, Words)
    }
}

impl<'de> Deserialize<'de> for SimQuery {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Words;
        impl<'de> Visitor<'de> for Words {
            type Value = SimQuery;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a simulation query")
            }
            fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<SimQuery, A::Error> {
                let (Word(word), rest) = data.variant()?;
                if firstshift_patient::QUERY_NAMES.contains(&word.as_str()) {
                    PatientQuery::deserialize(Resume::new(word, rest)).map(SimQuery::Patient)
                } else if firstshift_line::QUERY_NAMES.contains(&word.as_str()) {
                    LineQuery::deserialize(Resume::new(word, rest)).map(SimQuery::Line)
                } else {
                    Err(de::Error::unknown_variant(&word, &QUERIES))
                }
            }
        }
        deserializer.deserialize_enum("SimQuery", &QUERIES, Words)
    }
}

/// A variant name, read the way a format reads identifiers.
struct Word(String);

impl<'de> Deserialize<'de> for Word {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Name;
        impl Visitor<'_> for Name {
            type Value = Word;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a word")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Word, E> {
                Ok(Word(v.to_string()))
            }
        }
        deserializer.deserialize_identifier(Name)
    }
}

/// An enum whose variant name has already been read: hands the name and the rest
/// of the value to a model's own `Deserialize`, as if it had read them itself.
struct Resume<R> {
    word: String,
    rest: R,
}

impl<R> Resume<R> {
    fn new(word: String, rest: R) -> Self {
        Resume { word, rest }
    }
}

impl<'de, R: VariantAccess<'de>> Deserializer<'de> for Resume<R> {
    type Error = R::Error;

    fn deserialize_any<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, R::Error> {
        visitor.visit_enum(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, R: VariantAccess<'de>> EnumAccess<'de> for Resume<R> {
    type Error = R::Error;
    type Variant = R;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, R), R::Error> {
        let word: de::value::StringDeserializer<R::Error> = self.word.into_deserializer();
        Ok((seed.deserialize(word)?, self.rest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_word_is_a_model_variant_and_back() {
        for word in ACTIONS.iter() {
            // A unit, newtype or tuple variant: the word alone parses or complains
            // about its missing contents, never that the word is unknown.
            let err = ron::from_str::<SimAction>(word)
                .err()
                .map(|e| e.to_string());
            assert!(
                !err.as_deref().unwrap_or("").contains("Unexpected variant"),
                "{word}: {err:?}"
            );
        }
        let a: SimAction = ron::from_str("Oxygen(NonRebreather)").unwrap();
        assert_eq!(
            a,
            SimAction::Patient(PatientAction::Oxygen(
                firstshift_patient::OxygenDevice::NonRebreather
            ))
        );
        let q: SimQuery = ron::from_str("Vital(Spo2, Below(92))").unwrap();
        assert!(matches!(q, SimQuery::Patient(PatientQuery::Vital(..))));
    }

    #[test]
    fn every_word_that_needs_a_value_has_a_written_example_that_parses() {
        let examples: Vec<_> = examples().collect();
        for (word, example) in &examples {
            let parses = ron::from_str::<SimAction>(example).is_ok()
                || ron::from_str::<SimQuery>(example).is_ok();
            assert!(parses && example.starts_with(word), "{word}: {example}");
        }
        for word in ACTIONS.iter() {
            if ron::from_str::<SimAction>(word).is_err() {
                assert!(
                    examples.iter().any(|(w, _)| w == word),
                    "no example for {word}"
                );
            }
        }
        for word in QUERIES.iter() {
            if ron::from_str::<SimQuery>(word).is_err() {
                assert!(
                    examples.iter().any(|(w, _)| w == word),
                    "no example for {word}"
                );
            }
        }
    }

    #[test]
    fn no_word_belongs_to_two_models() {
        for list in [&*ACTIONS, &*QUERIES] {
            let mut words = list.clone();
            words.sort_unstable();
            let before = words.len();
            words.dedup();
            assert_eq!(words.len(), before, "{list:?}");
        }
        let a: SimAction = ron::from_str("MoveOperator(\"pack\", \"weld\")").unwrap();
        assert_eq!(a.model(), Model::Line);
        let q: SimQuery = ron::from_str("Oee(AtLeast(65))").unwrap();
        assert_eq!(q.model(), Model::Line);
    }

    #[test]
    fn an_unknown_word_lists_the_valid_ones() {
        let err = ron::from_str::<SimAction>("Oxygn(NonRebreather)")
            .unwrap_err()
            .to_string();
        assert!(err.contains("Oxygn") && err.contains("Oxygen"), "{err}");
    }
}
