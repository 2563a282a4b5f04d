//! The extension point for simulation models.
//!
//! A scenario names one [`SimKind`]'s setup (`sim: None`, later `sim: Patient(...)`,
//! `sim: Line(...)`). Choices carry the kind's actions (`do: [Sim(...)]`) and
//! conditions may ask the kind's queries (`Sim(...)`). The core only moves the clock
//! and forwards; the model decides what happens. A model must be deterministic for
//! a given seed, setup, actions and times.

use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{Language, Seconds};

/// A family of simulation models, with the vocabulary scenario files use for it.
pub trait SimKind: Sized + Clone + Debug + PartialEq + Send + Sync + 'static {
    /// What a scenario file writes after `sim:`.
    type Setup: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync;
    /// What a choice can do to the model (`do: [Sim(...)]`).
    type Action: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync;
    /// What a condition can ask of the model (`when: Sim(...)`).
    type Query: Clone + Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync;
    /// What the model reports as it runs (alarms, breakdowns, measurements).
    type Event: Clone + Debug + PartialEq + Serialize + Send + Sync;
    /// The running model.
    type State: SimState<Self> + Clone + Debug + Send + Sync;

    /// Builds the model at time zero. All randomness must come from `seed`.
    fn start(setup: &Self::Setup, seed: u64) -> Self::State;
}

/// A running simulation model.
pub trait SimState<K: SimKind> {
    /// Runs the model forward to `to` (never backwards) and reports what happened.
    fn advance(&mut self, to: Seconds) -> Vec<K::Event>;
    /// Applies a student's action at the model's current time.
    fn act(&mut self, action: &K::Action) -> Vec<K::Event>;
    /// Answers a query about the model's current state.
    fn holds(&self, query: &K::Query) -> bool;
    /// Says its sentences from now on in `language` (the session calls it at the
    /// start, with the scenario's). Never changes a number. A model with nothing
    /// to say ignores it.
    fn set_language(&mut self, _language: Language) {}
}

/// The kind for pure branching scenarios: no model at all.
///
/// Its action and query types have no values, so a scenario that uses `sim: None`
/// cannot name a sim action or query: the format rejects it with the list of valid
/// variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoSim;

/// `sim: None` in a scenario file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum NoSetup {
    /// A pure branching scenario.
    None,
}

/// Uninhabited: a branching scenario has no sim actions, queries or events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Never {}

impl SimKind for NoSim {
    type Setup = NoSetup;
    type Action = Never;
    type Query = Never;
    type Event = Never;
    type State = NoSim;

    fn start(_: &NoSetup, _: u64) -> NoSim {
        NoSim
    }
}

impl SimState<NoSim> for NoSim {
    fn advance(&mut self, _: Seconds) -> Vec<Never> {
        Vec::new()
    }
    fn act(&mut self, action: &Never) -> Vec<Never> {
        match *action {}
    }
    fn holds(&self, query: &Never) -> bool {
        match *query {}
    }
}

/// A value in a model's setup that the model cannot use, with where it is and how
/// to fix it. The scenario validator turns each into a diagnostic on that value.
#[derive(Debug, Clone, PartialEq)]
pub struct SetupProblem {
    /// Where, below `sim: Model(...)`.
    pub path: Vec<SetupKey>,
    pub message: String,
    pub help: String,
}

/// One step of a [`SetupProblem`]'s path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupKey {
    Field(&'static str),
    Index(usize),
}

impl std::fmt::Display for SetupKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SetupKey::Field(name) => f.write_str(name),
            SetupKey::Index(i) => write!(f, "{i}"),
        }
    }
}

/// A path as a teacher reads it: `baseline.heart_rate`, `stations.2.cycle`.
pub fn path_text(path: &[SetupKey]) -> String {
    path.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// What the file format, its checks and the tools need from one model, beyond
/// running it: the model's side of the plugin. Its action and question words come
/// from its types ([`variant_names`]), never from a list kept by hand.
pub trait SimModel: SimKind {
    /// A written example of each word that takes a value (`("Oxygen",
    /// "Oxygen(NonRebreather)")`), shown to an author who wrote the bare word.
    const EXAMPLES: &'static [(&'static str, &'static str)];
    /// A commented starting scenario and its playthroughs, for `firstshift new`.
    const TEMPLATE: SimTemplate;

    /// Values in a setup the model cannot run, each with where it is and a fix.
    fn setup_problems(setup: &Self::Setup) -> Vec<SetupProblem>;
    /// What is wrong with a choice's action against this setup (a station the
    /// line does not have, a question the patient has no answer to).
    fn action_problems(_setup: &Self::Setup, _action: &Self::Action) -> Vec<UseProblem> {
        Vec::new()
    }
    /// What is wrong with a condition's question against this setup.
    fn query_problems(_setup: &Self::Setup, _query: &Self::Query) -> Vec<UseProblem> {
        Vec::new()
    }
    /// Every text a student reads in a setup (a patient's name and answers, a
    /// station's name), each with an id under the setup (`answers.History`,
    /// `stations.2.name`), for translation files. Ids name the text by what it is,
    /// never by its English, so a translation survives a reworded original.
    fn visit_setup_texts(_setup: &mut Self::Setup, _visit: &mut dyn FnMut(&str, &mut String)) {}
    /// The sentence a player shows for an event.
    fn event_text(event: &Self::Event) -> &str;
    /// The model's state in words, one line each, for a player with no canvas and
    /// no panel (the terminal player prints them after every choice). Empty: the
    /// events say enough.
    fn status_lines(_state: &Self::State) -> Vec<String> {
        Vec::new()
    }
}

/// A model's starting files for `firstshift new --template <name>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimTemplate {
    /// What a teacher types after `--template` (`patient`).
    pub name: &'static str,
    /// One line for `firstshift new --help`.
    pub summary: &'static str,
    pub scenario: &'static str,
    pub plays: &'static str,
}

/// A problem with how a scenario uses a model's word. The format turns it into a
/// diagnostic on the choice or condition that uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UseProblem {
    pub kind: UseProblemKind,
    pub message: String,
    /// Under the word in the file (`named here`).
    pub label: String,
    pub help: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UseProblemKind {
    /// The word names something the setup does not have (an error: FS0309), with
    /// the names it does have, so the format can suggest the closest.
    UnknownName { name: String, known: Vec<String> },
    /// The word asks for something the setup has no answer to (a warning: FS0308).
    NoAnswer,
}

/// The variant names of an enum, as its `Deserialize` knows them: the words a
/// scenario may write. Derived from the type, so a new variant is never missing
/// from "expected one of …". Empty for a type that is not an enum.
pub fn variant_names<T: DeserializeOwned>() -> &'static [&'static str] {
    match T::deserialize(names::Catch) {
        Err(names::Caught(Some(names))) => names,
        _ => &[],
    }
}

/// A deserializer that reads nothing and only catches the variant list an enum's
/// derived `Deserialize` hands to `deserialize_enum`.
mod names {
    use std::fmt;

    use serde::de::{self, Visitor};

    pub(super) struct Catch;

    #[derive(Debug)]
    pub(super) struct Caught(pub Option<&'static [&'static str]>);

    impl fmt::Display for Caught {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("only an enum's variant names are read")
        }
    }

    impl std::error::Error for Caught {}

    impl de::Error for Caught {
        fn custom<T: fmt::Display>(_: T) -> Self {
            Caught(None)
        }
    }

    impl<'de> de::Deserializer<'de> for Catch {
        type Error = Caught;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Caught> {
            Err(Caught(None))
        }

        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _: &'static str,
            variants: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Caught> {
            Err(Caught(Some(variants)))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map struct identifier ignored_any
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    enum Word {
        Plain,
        WithValue(u32),
        Pair(String, u32),
    }

    #[test]
    fn an_enums_words_come_from_its_type() {
        assert_eq!(variant_names::<Word>(), ["Plain", "WithValue", "Pair"]);
        assert_eq!(variant_names::<Never>(), [] as [&str; 0]);
        // Not an enum: no words, never a panic.
        assert!(variant_names::<u32>().is_empty());
        assert!(variant_names::<String>().is_empty());
    }
}
