//! Models composed into one [`SimKind`]: the set of simulations a scenario's `sim:`
//! may name.
//!
//! Each model is a plugin ([`SimModel`]); [`sim_set!`](crate::sim_set) lists them
//! once and generates the enums that hold any one of them (`SimSetup`, `SimAction`,
//! `SimQuery`, `SimEvent`, `SimRun`), all static dispatch, so a session stays
//! `Clone`, serialisable and deterministic. The file format is generic over
//! [`SimCatalog`] and names no model; the composition crate (`sims/builtin`) is the
//! one place the built-in models are listed.
//!
//! A scenario writes a model's words with no model name in between (`do:
//! [Sim(Oxygen(NonRebreather))]`), so an action or question deserializes by looking
//! its variant name up in each model's words and handing the rest of the value to
//! that model; a typo still gets "unknown variant, expected one of …" with every
//! valid word.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, VariantAccess, Visitor,
};

use crate::sim::{Never, NoSim, SetupProblem, SimKind, SimTemplate, UseProblem};

/// What the file format needs from the set of models it reads.
pub trait SimCatalog: SimKind {
    /// Every model, in the order the set lists them.
    fn models() -> &'static [ModelInfo];
    /// Every model's action words, then every question word: for "expected one of".
    fn action_words() -> &'static [&'static str];
    fn query_words() -> &'static [&'static str];
    /// The model a setup runs (`None` for `sim: None`).
    fn setup_model(setup: &Self::Setup) -> Option<&'static str>;
    fn action_model(action: &Self::Action) -> &'static str;
    fn query_model(query: &Self::Query) -> &'static str;
    fn setup_problems(setup: &Self::Setup) -> Vec<SetupProblem>;
    /// Empty when the action is another model's (the format reports that itself).
    fn action_problems(setup: &Self::Setup, action: &Self::Action) -> Vec<UseProblem>;
    fn query_problems(setup: &Self::Setup, query: &Self::Query) -> Vec<UseProblem>;
    fn event_text(event: &Self::Event) -> &str;
    /// The setup's student-visible texts ([`crate::sim::SimModel::visit_setup_texts`]).
    fn visit_setup_texts(setup: &mut Self::Setup, visit: &mut dyn FnMut(&str, &mut String));
}

/// One model of a set, as the format and the tools describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelInfo {
    /// The word after `sim:` (`Patient`).
    pub name: &'static str,
    pub actions: &'static [&'static str],
    pub queries: &'static [&'static str],
    pub examples: &'static [(&'static str, &'static str)],
    pub template: SimTemplate,
}

/// A set that holds the model `K`: reaches `K`'s own values inside the set's
/// enums, for the code that shows one model (its panel, its canvas view).
pub trait Includes<K: SimKind>: SimKind {
    fn setup_of(setup: &Self::Setup) -> Option<&K::Setup>;
    fn state_of(state: &Self::State) -> Option<&K::State>;
    fn event_of(event: &Self::Event) -> Option<&K::Event>;
}

/// The empty set: pure branching scenarios only.
impl SimCatalog for NoSim {
    fn models() -> &'static [ModelInfo] {
        &[]
    }
    fn action_words() -> &'static [&'static str] {
        &[]
    }
    fn query_words() -> &'static [&'static str] {
        &[]
    }
    fn setup_model(_: &crate::sim::NoSetup) -> Option<&'static str> {
        None
    }
    fn action_model(action: &Never) -> &'static str {
        match *action {}
    }
    fn query_model(query: &Never) -> &'static str {
        match *query {}
    }
    fn setup_problems(_: &crate::sim::NoSetup) -> Vec<SetupProblem> {
        Vec::new()
    }
    fn action_problems(_: &crate::sim::NoSetup, action: &Never) -> Vec<UseProblem> {
        match *action {}
    }
    fn query_problems(_: &crate::sim::NoSetup, query: &Never) -> Vec<UseProblem> {
        match *query {}
    }
    fn event_text(event: &Never) -> &str {
        match *event {}
    }
    fn visit_setup_texts(_: &mut crate::sim::NoSetup, _: &mut dyn FnMut(&str, &mut String)) {}
}

/// Composes models into one set. One line per model: the word a scenario writes
/// after `sim:`, then the model's [`SimModel`](crate::sim::SimModel) type.
///
/// ```ignore
/// firstshift_core::sim_set! {
///     /// Every built-in model.
///     pub Sims {
///         Patient => firstshift_patient::PatientKind,
///         Line => firstshift_line::LineKind,
///     }
/// }
/// ```
///
/// It defines, in the calling module, the set type and `SimSetup` (`None` or one
/// model's setup), `SimAction`, `SimQuery`, `SimEvent` and `SimRun`. The calling
/// crate needs `serde` (the setup's `Deserialize` is derived).
#[macro_export]
macro_rules! sim_set {
    ($(#[$meta:meta])* $vis:vis $set:ident { $($name:ident => $kind:ty),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis struct $set;

        /// What a scenario writes after `sim:`.
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        $vis enum SimSetup {
            /// A pure branching scenario: no model.
            None,
            $($name(<$kind as $crate::SimKind>::Setup),)+
        }

        /// A model action, written without the model's name.
        #[derive(Debug, Clone, PartialEq)]
        $vis enum SimAction {
            $($name(<$kind as $crate::SimKind>::Action),)+
        }

        /// A model question, written without the model's name.
        #[derive(Debug, Clone, PartialEq)]
        $vis enum SimQuery {
            $($name(<$kind as $crate::SimKind>::Query),)+
        }

        /// What a model reported.
        #[derive(Debug, Clone, PartialEq)]
        $vis enum SimEvent {
            $($name(<$kind as $crate::SimKind>::Event),)+
        }

        /// The running model of a scenario.
        #[derive(Debug, Clone, PartialEq)]
        $vis enum SimRun {
            None,
            $($name(Box<<$kind as $crate::SimKind>::State>),)+
        }

        impl $crate::SimKind for $set {
            type Setup = SimSetup;
            type Action = SimAction;
            type Query = SimQuery;
            type Event = SimEvent;
            type State = SimRun;

            fn start(setup: &SimSetup, seed: u64) -> SimRun {
                match setup {
                    SimSetup::None => SimRun::None,
                    $(SimSetup::$name(s) => SimRun::$name(Box::new(<$kind as $crate::SimKind>::start(s, seed))),)+
                }
            }
        }

        impl $crate::SimState<$set> for SimRun {
            fn advance(&mut self, to: $crate::Seconds) -> Vec<SimEvent> {
                match self {
                    SimRun::None => Vec::new(),
                    $(SimRun::$name(s) => $crate::SimState::<$kind>::advance(&mut **s, to)
                        .into_iter().map(SimEvent::$name).collect(),)+
                }
            }

            /// An action for another model does nothing (validation reports it first).
            fn act(&mut self, action: &SimAction) -> Vec<SimEvent> {
                #[allow(unreachable_patterns)]
                match (self, action) {
                    $((SimRun::$name(s), SimAction::$name(a)) => $crate::SimState::<$kind>::act(&mut **s, a)
                        .into_iter().map(SimEvent::$name).collect(),)+
                    _ => Vec::new(),
                }
            }

            fn set_language(&mut self, language: $crate::Language) {
                match self {
                    SimRun::None => {}
                    $(SimRun::$name(s) => $crate::SimState::<$kind>::set_language(&mut **s, language),)+
                }
            }

            /// A question about another model is false (validation reports it first).
            fn holds(&self, query: &SimQuery) -> bool {
                #[allow(unreachable_patterns)]
                match (self, query) {
                    $((SimRun::$name(s), SimQuery::$name(q)) => $crate::SimState::<$kind>::holds(&**s, q),)+
                    _ => false,
                }
            }
        }

        impl $crate::sim_set::SimCatalog for $set {
            fn models() -> &'static [$crate::sim_set::ModelInfo] {
                static MODELS: std::sync::LazyLock<Vec<$crate::sim_set::ModelInfo>> =
                    std::sync::LazyLock::new(|| vec![$($crate::sim_set::ModelInfo {
                        name: stringify!($name),
                        actions: $crate::sim::variant_names::<<$kind as $crate::SimKind>::Action>(),
                        queries: $crate::sim::variant_names::<<$kind as $crate::SimKind>::Query>(),
                        examples: <$kind as $crate::sim::SimModel>::EXAMPLES,
                        template: <$kind as $crate::sim::SimModel>::TEMPLATE,
                    },)+]);
                &MODELS
            }
            fn action_words() -> &'static [&'static str] {
                // Straight from the types, not through `models()`: the player reads
                // actions, and must not link every model's examples and template.
                static WORDS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
                    [$($crate::sim::variant_names::<<$kind as $crate::SimKind>::Action>()),+].concat()
                });
                &WORDS
            }
            fn query_words() -> &'static [&'static str] {
                static WORDS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
                    [$($crate::sim::variant_names::<<$kind as $crate::SimKind>::Query>()),+].concat()
                });
                &WORDS
            }
            fn setup_model(setup: &SimSetup) -> Option<&'static str> {
                match setup {
                    SimSetup::None => None,
                    $(SimSetup::$name(_) => Some(stringify!($name)),)+
                }
            }
            fn action_model(action: &SimAction) -> &'static str {
                match action {
                    $(SimAction::$name(_) => stringify!($name),)+
                }
            }
            fn query_model(query: &SimQuery) -> &'static str {
                match query {
                    $(SimQuery::$name(_) => stringify!($name),)+
                }
            }
            fn setup_problems(setup: &SimSetup) -> Vec<$crate::sim::SetupProblem> {
                match setup {
                    SimSetup::None => Vec::new(),
                    $(SimSetup::$name(s) => <$kind as $crate::sim::SimModel>::setup_problems(s),)+
                }
            }
            fn action_problems(setup: &SimSetup, action: &SimAction) -> Vec<$crate::sim::UseProblem> {
                #[allow(unreachable_patterns)]
                match (setup, action) {
                    $((SimSetup::$name(s), SimAction::$name(a)) => <$kind as $crate::sim::SimModel>::action_problems(s, a),)+
                    _ => Vec::new(),
                }
            }
            fn query_problems(setup: &SimSetup, query: &SimQuery) -> Vec<$crate::sim::UseProblem> {
                #[allow(unreachable_patterns)]
                match (setup, query) {
                    $((SimSetup::$name(s), SimQuery::$name(q)) => <$kind as $crate::sim::SimModel>::query_problems(s, q),)+
                    _ => Vec::new(),
                }
            }
            fn event_text(event: &SimEvent) -> &str {
                match event {
                    $(SimEvent::$name(e) => <$kind as $crate::sim::SimModel>::event_text(e),)+
                }
            }
            fn visit_setup_texts(setup: &mut SimSetup, visit: &mut dyn FnMut(&str, &mut String)) {
                match setup {
                    SimSetup::None => {}
                    $(SimSetup::$name(s) => <$kind as $crate::sim::SimModel>::visit_setup_texts(s, visit),)+
                }
            }
        }

        $(impl $crate::sim_set::Includes<$kind> for $set {
            #[allow(unreachable_patterns)]
            fn setup_of(setup: &SimSetup) -> Option<&<$kind as $crate::SimKind>::Setup> {
                match setup {
                    SimSetup::$name(s) => Some(s),
                    _ => None,
                }
            }
            #[allow(unreachable_patterns)]
            fn state_of(state: &SimRun) -> Option<&<$kind as $crate::SimKind>::State> {
                match state {
                    SimRun::$name(s) => Some(s),
                    _ => None,
                }
            }
            #[allow(unreachable_patterns)]
            fn event_of(event: &SimEvent) -> Option<&<$kind as $crate::SimKind>::Event> {
                match event {
                    SimEvent::$name(e) => Some(e),
                    _ => None,
                }
            }
        })+

        impl SimSetup {
            /// This model's setup, when the scenario runs it.
            pub fn get<K: $crate::SimKind>(&self) -> Option<&K::Setup>
            where
                $set: $crate::sim_set::Includes<K>,
            {
                <$set as $crate::sim_set::Includes<K>>::setup_of(self)
            }
        }

        impl SimRun {
            /// This model, when the scenario runs it.
            pub fn get<K: $crate::SimKind>(&self) -> Option<&K::State>
            where
                $set: $crate::sim_set::Includes<K>,
            {
                <$set as $crate::sim_set::Includes<K>>::state_of(self)
            }

            /// The running model's state in words, for a terminal.
            pub fn status_lines(&self) -> Vec<String> {
                match self {
                    SimRun::None => Vec::new(),
                    $(SimRun::$name(s) => <$kind as $crate::sim::SimModel>::status_lines(s),)+
                }
            }
        }

        impl SimEvent {
            /// This model's event, when it is one.
            pub fn get<K: $crate::SimKind>(&self) -> Option<&K::Event>
            where
                $set: $crate::sim_set::Includes<K>,
            {
                <$set as $crate::sim_set::Includes<K>>::event_of(self)
            }

            /// The sentence a player shows for it.
            pub fn text(&self) -> &str {
                <$set as $crate::sim_set::SimCatalog>::event_text(self)
            }
        }

        // Written without the model's name: an action or question is its model's value.
        impl $crate::sim_set::__private::serde::Serialize for SimAction {
            fn serialize<S: $crate::sim_set::__private::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(SimAction::$name(a) => $crate::sim_set::__private::serde::Serialize::serialize(a, s),)+
                }
            }
        }
        impl $crate::sim_set::__private::serde::Serialize for SimQuery {
            fn serialize<S: $crate::sim_set::__private::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(SimQuery::$name(q) => $crate::sim_set::__private::serde::Serialize::serialize(q, s),)+
                }
            }
        }
        impl $crate::sim_set::__private::serde::Serialize for SimEvent {
            fn serialize<S: $crate::sim_set::__private::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(SimEvent::$name(e) => $crate::sim_set::__private::serde::Serialize::serialize(e, s),)+
                }
            }
        }

        impl<'de> $crate::sim_set::__private::ReadWord<'de> for SimAction {
            const NAME: &'static str = "SimAction";
            const EXPECTING: &'static str = "a simulation action";
            fn words() -> &'static [&'static str] {
                <$set as $crate::sim_set::SimCatalog>::action_words()
            }
            fn read<R: $crate::sim_set::__private::serde::de::VariantAccess<'de>>(
                word: String,
                rest: R,
            ) -> Option<Result<Self, R::Error>> {
                $(if $crate::sim::variant_names::<<$kind as $crate::SimKind>::Action>().contains(&word.as_str()) {
                    return Some($crate::sim_set::__private::resume(word, rest).map(SimAction::$name));
                })+
                None
            }
        }
        impl<'de> $crate::sim_set::__private::ReadWord<'de> for SimQuery {
            const NAME: &'static str = "SimQuery";
            const EXPECTING: &'static str = "a simulation question";
            fn words() -> &'static [&'static str] {
                <$set as $crate::sim_set::SimCatalog>::query_words()
            }
            fn read<R: $crate::sim_set::__private::serde::de::VariantAccess<'de>>(
                word: String,
                rest: R,
            ) -> Option<Result<Self, R::Error>> {
                $(if $crate::sim::variant_names::<<$kind as $crate::SimKind>::Query>().contains(&word.as_str()) {
                    return Some($crate::sim_set::__private::resume(word, rest).map(SimQuery::$name));
                })+
                None
            }
        }
        impl<'de> $crate::sim_set::__private::serde::Deserialize<'de> for SimAction {
            fn deserialize<D: $crate::sim_set::__private::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::sim_set::__private::read_word(d)
            }
        }
        impl<'de> $crate::sim_set::__private::serde::Deserialize<'de> for SimQuery {
            fn deserialize<D: $crate::sim_set::__private::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::sim_set::__private::read_word(d)
            }
        }
    };
}

/// What [`sim_set!`](crate::sim_set) expands to calls; not an API.
#[doc(hidden)]
pub mod __private {
    pub use serde;

    use super::*;

    /// A set's action or question enum: which model a word belongs to.
    pub trait ReadWord<'de>: Sized {
        /// The enum's name, as formats report it (`SimAction`).
        const NAME: &'static str;
        const EXPECTING: &'static str;
        fn words() -> &'static [&'static str];
        /// `None` when no model has the word.
        fn read<R: VariantAccess<'de>>(word: String, rest: R) -> Option<Result<Self, R::Error>>;
    }

    /// Reads a variant name, then lets the model that owns it read the rest.
    pub fn read_word<'de, T: ReadWord<'de>, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        struct Words<T>(std::marker::PhantomData<T>);
        impl<'de, T: ReadWord<'de>> Visitor<'de> for Words<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(T::EXPECTING)
            }
            fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<T, A::Error> {
                let (Word(word), rest) = data.variant()?;
                match T::read(word.clone(), rest) {
                    Some(read) => read,
                    None => Err(de::Error::unknown_variant(&word, T::words())),
                }
            }
        }
        d.deserialize_enum(T::NAME, T::words(), Words(std::marker::PhantomData))
    }

    /// Hands a variant name already read, and the rest of the value, to a model's
    /// own `Deserialize`, as if it had read them itself.
    pub fn resume<'de, T: serde::Deserialize<'de>, R: VariantAccess<'de>>(
        word: String,
        rest: R,
    ) -> Result<T, R::Error> {
        T::deserialize(Resume { word, rest })
    }

    /// A variant name, read the way a format reads identifiers.
    struct Word(String);

    impl<'de> serde::Deserialize<'de> for Word {
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

    struct Resume<R> {
        word: String,
        rest: R,
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
}
