//! The scenario data model: what a teacher's RON file deserializes into.
//!
//! Field names are the English words a teacher types, and every enum is typed, so
//! a typo becomes a diagnostic listing the valid names rather than a silent no-op.
//! The types are generic over a [`SimKind`] so that simulation models can add their
//! own setup, actions and queries without the core knowing them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Seconds;
use crate::sim::{NoSim, SimKind};

/// A whole scenario: metadata, the simulation setup, the story graph and the rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "", deserialize = ""), deny_unknown_fields)]
pub struct Scenario<K: SimKind = NoSim> {
    /// Stable identifier, `cluster-folder/slug`, e.g. `"hospitality/front-desk-overbooked"`.
    pub id: String,
    pub title: String,
    /// The job the student plays, e.g. "Front desk agent".
    pub career: String,
    pub cluster: CareerCluster,
    /// Estimated minutes for a student to finish.
    pub minutes: u32,
    pub difficulty: Difficulty,
    /// One or two sentences shown in the catalog.
    pub summary: String,
    /// Where the scenario takes place, shown with the role before play starts.
    pub setting: String,
    /// What the student should be able to do afterwards.
    pub objectives: Vec<String>,
    /// Career-Ready Practices the scenario exercises.
    #[serde(default)]
    pub practices: Vec<CareerReadyPractice>,
    /// What the job is, for career exploration: shown before and after play.
    /// Authored in the file (never fetched at run time); every figure carries its
    /// source and year. Left out of the content hash when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub career_facts: Option<CareerFacts>,
    /// Who it is written for (high school when not given); the validator warns when
    /// the text reads well above it. Left out of the content hash when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Audience>,
    /// The simulation model the scenario runs (`None` for pure branching).
    pub sim: K::Setup,
    /// Named numbers that choices change and conditions read, with their start values.
    #[serde(default)]
    pub variables: BTreeMap<String, f64>,
    /// The id of the first step.
    pub start: String,
    /// The story graph, keyed by step id.
    pub steps: BTreeMap<String, Step<K>>,
    /// Rules that move the story whatever step the run is at: checked after
    /// every choice and every simulated second, each firing once, in file order
    /// (`interrupts: [(when: Sim(Arrested), next: "arrest")]`). Left out of the
    /// content hash when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interrupts: Vec<Interrupt<K>>,
    /// `time_limit: (seconds: 1800, next: "team-arrives")`: when the clock
    /// reaches `seconds`, the story goes to `next` (after any interrupt due in
    /// the same second). Left out of the content hash when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit: Option<TimeLimit>,
    pub rubric: Rubric<K>,
    /// On a translated copy: the content hash of the scenario it was translated
    /// from. A translation changes only what students read, so a run in any
    /// language re-scores against the original (see [`Scenario::content_hash`]).
    #[serde(skip)]
    pub translated_from: Option<u64>,
    /// The language its models speak: a translated copy's, when a model speaks it
    /// (see [`crate::language`]). Like the translation, it changes only words.
    #[serde(skip)]
    pub language: crate::Language,
}

/// One moment of the story: text and the choices the student has there, or an ending.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "", deserialize = ""), deny_unknown_fields)]
pub struct Step<K: SimKind = NoSim> {
    pub text: String,
    #[serde(default)]
    pub choices: Vec<Choice<K>>,
    /// Present on ending steps, which have no choices.
    #[serde(default)]
    pub ending: Option<Ending>,
}

/// How a run finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    pub title: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Success,
    Mixed,
    Failure,
}

/// Something the student can do at a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "", deserialize = ""), deny_unknown_fields)]
pub struct Choice<K: SimKind = NoSim> {
    /// Unique in the whole scenario; the rubric refers to choices by it.
    pub id: String,
    /// The button text.
    pub label: String,
    /// Simulated time the action takes.
    #[serde(default)]
    pub takes_seconds: Seconds,
    /// Offered only while this holds.
    #[serde(default)]
    pub when: Option<Condition<K>>,
    /// What the choice changes.
    #[serde(default, rename = "do")]
    pub effects: Vec<Effect<K>>,
    /// What the student hears or sees right after choosing (a reply, a result).
    #[serde(default)]
    pub response: Option<String>,
    /// Conditional destinations, tried in order before `next`.
    #[serde(default)]
    pub branches: Vec<Branch<K>>,
    /// The step that follows when no branch applies.
    pub next: String,
}

/// `(when: ..., next: "...")`: go to `next` if `when` holds after the choice's effects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "", deserialize = ""), deny_unknown_fields)]
pub struct Branch<K: SimKind = NoSim> {
    pub when: Condition<K>,
    pub next: String,
}

/// A rule that moves the story when its condition holds (see [`Scenario::interrupts`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "", deserialize = ""), deny_unknown_fields)]
pub struct Interrupt<K: SimKind = NoSim> {
    pub when: Condition<K>,
    pub next: String,
}

/// The time a scenario allows, and the step it leads to (see [`Scenario::time_limit`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeLimit {
    pub seconds: Seconds,
    pub next: String,
}

/// Why the story moved without a choice: an interrupt (by its place in the file)
/// or the time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Interrupt(usize),
    TimeLimit,
}

/// What a choice does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "", deserialize = ""))]
pub enum Effect<K: SimKind = NoSim> {
    /// `Set("trust", 0)`: give a variable a value.
    Set(String, f64),
    /// `Add("trust", -1)`: change a variable by an amount.
    Add(String, f64),
    /// An action on the simulation model.
    Sim(K::Action),
}

/// A typed condition over the run so far (or the whole run, in the rubric).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "", deserialize = ""))]
pub enum Condition<K: SimKind = NoSim> {
    /// Always true (a level every student reaches, e.g. "attempted").
    Always,
    /// The choice was made.
    Chose(String),
    /// The choice was made at most this many seconds after the start.
    ChoseWithin(String, Seconds),
    /// The choice was made between these two times (seconds from the start, inclusive).
    ChoseBetween(String, Seconds, Seconds),
    /// The first choice was made, and earlier than the second (or the second never was).
    ChoseBefore(String, String),
    /// The step was reached.
    Visited(String),
    /// A variable compares true.
    Var(String, Compare),
    /// The simulated clock compares true (at the end of the run, in the rubric).
    Time(Compare),
    All(Vec<Condition<K>>),
    Any(Vec<Condition<K>>),
    Not(Box<Condition<K>>),
    /// A question about the simulation model.
    Sim(K::Query),
}

/// A numeric comparison: `AtLeast(2)`, `Below(92)`, `Between(1, 3)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Compare {
    AtLeast(f64),
    AtMost(f64),
    Above(f64),
    Below(f64),
    Equals(f64),
    /// Inclusive at both ends.
    Between(f64, f64),
}

impl Compare {
    pub fn test(self, value: f64) -> bool {
        match self {
            Compare::AtLeast(x) => value >= x,
            Compare::AtMost(x) => value <= x,
            Compare::Above(x) => value > x,
            Compare::Below(x) => value < x,
            Compare::Equals(x) => value == x,
            Compare::Between(lo, hi) => lo <= value && value <= hi,
        }
    }
}

/// How a run is scored: weighted criteria with levels, critical and harmful actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "", deserialize = ""), deny_unknown_fields)]
pub struct Rubric<K: SimKind = NoSim> {
    /// The overall percentage (0–100) needed to pass.
    pub pass_mark: u32,
    /// Named part-scores, e.g. Assessment, Communication, Safety.
    pub scores: Vec<NamedScore>,
    pub criteria: Vec<Criterion<K>>,
    /// Actions that must happen; missing one fails the run or caps its score.
    #[serde(default)]
    pub critical: Vec<CriticalAction<K>>,
    /// Actions that must not happen; each one done costs points.
    #[serde(default)]
    pub harmful: Vec<HarmfulAction<K>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedScore {
    pub id: String,
    pub title: String,
}

/// One thing the rubric looks for, scored at the first level whose condition holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "", deserialize = ""), deny_unknown_fields)]
pub struct Criterion<K: SimKind = NoSim> {
    pub id: String,
    pub title: String,
    /// The id of the named score this criterion counts toward.
    pub score: String,
    /// Relative weight in the overall score.
    pub weight: u32,
    #[serde(default)]
    pub practices: Vec<CareerReadyPractice>,
    /// Academic standards this criterion gives evidence for, as free-form codes
    /// (a state standard, `NGSS HS-ETS1-2`, `CCSS.ELA-LITERACY.SL.9-10.1`); class
    /// reports group by them. Left out of the content hash when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standards: Vec<String>,
    /// Best level first; the first whose condition holds is the one reached.
    pub levels: Vec<Level<K>>,
    /// Feedback when no level is reached (zero points).
    pub otherwise: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "", deserialize = ""), deny_unknown_fields)]
pub struct Level<K: SimKind = NoSim> {
    /// A short name, e.g. "Exemplary".
    pub name: String,
    pub points: u32,
    pub when: Condition<K>,
    pub feedback: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "", deserialize = ""), deny_unknown_fields)]
pub struct CriticalAction<K: SimKind = NoSim> {
    pub id: String,
    pub title: String,
    /// What must be true of the run.
    pub required: Condition<K>,
    pub if_missed: Consequence,
    pub feedback: String,
}

/// What missing a critical action does to the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Consequence {
    /// The run fails whatever its score; the score is kept.
    Fail,
    /// The run fails and its overall score is capped at this percentage.
    FailAndCapAt(u32),
    /// The overall score is capped at this percentage; passing is still possible.
    CapAt(u32),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "", deserialize = ""), deny_unknown_fields)]
pub struct HarmfulAction<K: SimKind = NoSim> {
    pub id: String,
    pub title: String,
    pub when: Condition<K>,
    /// Percentage points taken off the overall score.
    pub penalty: u32,
    pub feedback: String,
}

/// The 14 clusters of the 2024 National Career Clusters Framework (Advance CTE).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CareerCluster {
    AdvancedManufacturing,
    Agriculture,
    ArtsEntertainmentDesign,
    Construction,
    DigitalTechnology,
    Education,
    EnergyNaturalResources,
    FinancialServices,
    HealthcareHumanServices,
    HospitalityEventsTourism,
    ManagementEntrepreneurship,
    MarketingSales,
    PublicServiceSafety,
    SupplyChainTransportation,
}

impl CareerCluster {
    pub const ALL: [CareerCluster; 14] = [
        CareerCluster::AdvancedManufacturing,
        CareerCluster::Agriculture,
        CareerCluster::ArtsEntertainmentDesign,
        CareerCluster::Construction,
        CareerCluster::DigitalTechnology,
        CareerCluster::Education,
        CareerCluster::EnergyNaturalResources,
        CareerCluster::FinancialServices,
        CareerCluster::HealthcareHumanServices,
        CareerCluster::HospitalityEventsTourism,
        CareerCluster::ManagementEntrepreneurship,
        CareerCluster::MarketingSales,
        CareerCluster::PublicServiceSafety,
        CareerCluster::SupplyChainTransportation,
    ];

    /// The name as the framework writes it.
    pub fn title(self) -> &'static str {
        match self {
            CareerCluster::AdvancedManufacturing => "Advanced Manufacturing",
            CareerCluster::Agriculture => "Agriculture",
            CareerCluster::ArtsEntertainmentDesign => "Arts, Entertainment & Design",
            CareerCluster::Construction => "Construction",
            CareerCluster::DigitalTechnology => "Digital Technology",
            CareerCluster::Education => "Education",
            CareerCluster::EnergyNaturalResources => "Energy & Natural Resources",
            CareerCluster::FinancialServices => "Financial Services",
            CareerCluster::HealthcareHumanServices => "Healthcare & Human Services",
            CareerCluster::HospitalityEventsTourism => "Hospitality, Events & Tourism",
            CareerCluster::ManagementEntrepreneurship => "Management & Entrepreneurship",
            CareerCluster::MarketingSales => "Marketing & Sales",
            CareerCluster::PublicServiceSafety => "Public Service & Safety",
            CareerCluster::SupplyChainTransportation => "Supply Chain & Transportation",
        }
    }
}

/// The job behind a scenario, as a career counsellor would describe it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareerFacts {
    /// What the job is, in a sentence or two.
    pub about: String,
    /// Typical tasks.
    #[serde(default)]
    pub tasks: Vec<String>,
    /// How people get into it: education, training, certificates.
    pub pathway: String,
    /// Related careers, usually in the same cluster.
    #[serde(default)]
    pub related: Vec<String>,
    /// Wage, outlook or training figures, each with where it comes from.
    #[serde(default)]
    pub figures: Vec<CareerFigure>,
}

/// A figure about a career, with its source and year so students can judge it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareerFigure {
    /// What it measures: "Median pay".
    pub label: String,
    /// The figure as shown: "$36,060 a year".
    pub value: String,
    /// Who published it: "U.S. Bureau of Labor Statistics, Occupational Outlook Handbook".
    pub source: String,
    /// The year the figure is for (or was published).
    pub year: u32,
}

/// The students a scenario is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    /// Grades 6–8.
    MiddleSchool,
    /// Grades 9–12: the default.
    HighSchool,
    /// College, apprenticeship and adult learners.
    PostSecondary,
}

impl Audience {
    /// The highest school grade the audience reads at comfortably.
    pub fn top_grade(self) -> u32 {
        match self {
            Audience::MiddleSchool => 8,
            Audience::HighSchool => 12,
            Audience::PostSecondary => 14,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Audience::MiddleSchool => "middle school (grades 6–8)",
            Audience::HighSchool => "high school (grades 9–12)",
            Audience::PostSecondary => "post-secondary learners",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Difficulty {
    Introductory,
    Intermediate,
    Advanced,
}

/// The twelve Career Ready Practices of the Common Career Technical Core (Advance CTE).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CareerReadyPractice {
    ResponsibleEmployee,
    AcademicAndTechnicalSkills,
    HealthAndFinancialWellbeing,
    Communication,
    ImpactOfDecisions,
    CreativityAndInnovation,
    Research,
    CriticalThinking,
    IntegrityAndLeadership,
    CareerPlanning,
    Technology,
    Teamwork,
}

impl CareerReadyPractice {
    pub const ALL: [CareerReadyPractice; 12] = [
        CareerReadyPractice::ResponsibleEmployee,
        CareerReadyPractice::AcademicAndTechnicalSkills,
        CareerReadyPractice::HealthAndFinancialWellbeing,
        CareerReadyPractice::Communication,
        CareerReadyPractice::ImpactOfDecisions,
        CareerReadyPractice::CreativityAndInnovation,
        CareerReadyPractice::Research,
        CareerReadyPractice::CriticalThinking,
        CareerReadyPractice::IntegrityAndLeadership,
        CareerReadyPractice::CareerPlanning,
        CareerReadyPractice::Technology,
        CareerReadyPractice::Teamwork,
    ];

    pub fn title(self) -> &'static str {
        match self {
            CareerReadyPractice::ResponsibleEmployee => {
                "Act as a responsible and contributing citizen and employee"
            }
            CareerReadyPractice::AcademicAndTechnicalSkills => {
                "Apply appropriate academic and technical skills"
            }
            CareerReadyPractice::HealthAndFinancialWellbeing => {
                "Attend to personal health and financial well-being"
            }
            CareerReadyPractice::Communication => {
                "Communicate clearly, effectively and with reason"
            }
            CareerReadyPractice::ImpactOfDecisions => {
                "Consider the environmental, social and economic impacts of decisions"
            }
            CareerReadyPractice::CreativityAndInnovation => "Demonstrate creativity and innovation",
            CareerReadyPractice::Research => "Employ valid and reliable research strategies",
            CareerReadyPractice::CriticalThinking => {
                "Use critical thinking to make sense of problems and persevere in solving them"
            }
            CareerReadyPractice::IntegrityAndLeadership => {
                "Model integrity, ethical leadership and effective management"
            }
            CareerReadyPractice::CareerPlanning => {
                "Plan education and career path aligned to personal goals"
            }
            CareerReadyPractice::Technology => "Use technology to enhance productivity",
            CareerReadyPractice::Teamwork => {
                "Work productively in teams while using cultural and global competence"
            }
        }
    }
}

impl<K: SimKind> Scenario<K> {
    /// Every choice in the scenario with the id of its step, in a stable order
    /// (steps by id, then choices in file order). Saves refer to choices by their
    /// index in this list.
    pub fn all_choices(&self) -> impl Iterator<Item = (&str, &Choice<K>)> {
        self.steps
            .iter()
            .flat_map(|(step_id, step)| step.choices.iter().map(move |c| (step_id.as_str(), c)))
    }

    /// The latest simulated time a run of this scenario can reach: ten times what
    /// every choice in the file takes added together, at least one simulated day and
    /// at most [`MAX_HORIZON`]. A run's clock stops there (a student who leaves the
    /// tab open overnight can still choose), and a transcript or save that claims a
    /// later time is refused before anything is simulated, so a made-up clock can
    /// neither hang a replay nor grow a model's records without end.
    pub fn horizon(&self) -> Seconds {
        let takes = self.all_choices().fold(0 as Seconds, |sum, (_, c)| {
            sum.saturating_add(c.takes_seconds)
        });
        takes
            .saturating_mul(HORIZON_ALLOWANCE)
            .clamp(MIN_HORIZON, MAX_HORIZON)
    }

    /// Whether anything but a choice can move the story.
    pub fn has_rules(&self) -> bool {
        !self.interrupts.is_empty() || self.time_limit.is_some()
    }

    /// The steps the interrupts and the time limit lead to, with their rule.
    pub fn rule_targets(&self) -> impl Iterator<Item = (Rule, &str)> {
        self.interrupts
            .iter()
            .enumerate()
            .map(|(i, r)| (Rule::Interrupt(i), r.next.as_str()))
            .chain(
                self.time_limit
                    .iter()
                    .map(|t| (Rule::TimeLimit, t.next.as_str())),
            )
    }

    /// Finds a choice and its step by choice id.
    pub fn choice(&self, id: &str) -> Option<(&str, &Choice<K>)> {
        self.all_choices().find(|(_, c)| c.id == id)
    }

    /// The fewest choices from `step` to an ending, ignoring conditions (for a
    /// progress bar); `None` if no ending can be reached.
    pub fn steps_to_ending(&self, step: &str) -> Option<usize> {
        let mut frontier = vec![step];
        let mut seen = std::collections::BTreeSet::new();
        for distance in 0..=self.steps.len() {
            let mut next = Vec::new();
            for id in frontier {
                let Some(s) = self.steps.get(id) else {
                    continue;
                };
                if s.ending.is_some() {
                    return Some(distance);
                }
                if seen.insert(id) {
                    for c in &s.choices {
                        next.extend(
                            c.branches
                                .iter()
                                .map(|b| b.next.as_str())
                                .chain([c.next.as_str()]),
                        );
                    }
                }
            }
            frontier = next;
        }
        None
    }

    /// A hash of the scenario's content (not its formatting or comments), so that a
    /// save or transcript can tell whether it was made with this version of it.
    pub fn content_hash(&self) -> u64 {
        if let Some(original) = self.translated_from {
            return original;
        }
        // serde_json writes maps in key order (they are BTreeMaps) and floats with a
        // shortest round-trip algorithm, so the bytes are the same on every platform.
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        fnv1a64(&bytes)
    }
}

/// The shortest [`Scenario::horizon`]: one simulated day.
pub const MIN_HORIZON: Seconds = 24 * 3600;
/// The longest [`Scenario::horizon`]: thirty simulated days. Sims size their
/// records so that a run this long fits.
pub const MAX_HORIZON: Seconds = 30 * 24 * 3600;
/// How many times the whole file's `takes_seconds` a run may last.
const HORIZON_ALLOWANCE: Seconds = 10;

/// FNV-1a, 64 bit: tiny, stable, and good enough to tell versions apart (not a
/// defence against a deliberate forgery — saves carry no secrets).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}
