//! The player's state and its update function.
//!
//! The app (`bridge.rs`) hands the [`Controller`] every command from the inbox,
//! every batch of the runtime's events and every frame's clock; the controller
//! decides and answers with [`Effect`]s, which the app carries out: a request to
//! the run, a file to fetch, a screen to draw, something to keep in this browser.
//! It holds no DOM handle and does no IO of its own (what it needs from the
//! browser comes through [`Env`], what it reports goes to the [`Hosts`]), so every
//! rule of the player is a native test here: which screen takes a choice, when a
//! save is offered, when the catalog shows, what the hosts hear and when.

use std::sync::Arc;

use firstshift_core::transcript::encode_save;
use firstshift_core::{Event, Transcript};
use firstshift_draw::chart::Timeline;
use firstshift_report::profile::{Check, Profile};
use firstshift_rubric::{ScoreReport, score_session};
use firstshift_scenario::catalog::Catalog;
use firstshift_scenario::diagnostic::JsonDiagnostic;
use firstshift_sims::{Scenario, Session, Sims};

use crate::command::UiCommand;
use crate::hosts::{Began, Hosts};
use crate::opening::{Next, Opening};
use crate::route::{CATALOG_INDEX, Route, SiteFile, View};
use crate::rules::{self, Start};

/// Which screen is showing; mirrored in `#app[data-screen]` for tests and styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Loading,
    Catalog,
    Resume,
    Play,
    Debrief,
    Errors,
    /// The student's career profile in this browser.
    Profile,
    /// A printable record of one run.
    Portfolio,
    /// Class results from dropped run files (teachers).
    Class,
}

impl Screen {
    pub fn name(self) -> &'static str {
        match self {
            Screen::Loading => "loading",
            Screen::Catalog => "catalog",
            Screen::Resume => "resume",
            Screen::Play => "play",
            Screen::Debrief => "debrief",
            Screen::Errors => "errors",
            Screen::Profile => "profile",
            Screen::Portfolio => "portfolio",
            Screen::Class => "class",
        }
    }
}

/// What the controller asks of the run (`firstshift_bevy::RunCommand`, which the
/// app sends on; kept apart so that these tests need no Bevy).
#[derive(Debug, Clone, PartialEq)]
pub enum RunRequest {
    Start {
        scenario: Arc<Scenario>,
        seed: u64,
    },
    Resume {
        scenario: Arc<Scenario>,
        transcript: Transcript,
    },
    Choose(String),
    Pause,
    Unpause,
    Restart,
    Wait(u64),
}

/// A screen to draw (each becomes the [`Screen`] showing, but `Events`).
#[derive(Debug, Clone)]
pub enum Draw {
    /// Waiting for this file of the site.
    Opening(String),
    /// A teacher's file is with the checker.
    Checking(String),
    /// The student's records are being re-scored.
    CheckingRecords,
    Catalog(Catalog),
    /// Nothing could be opened, and why.
    Failed {
        what: String,
        why: String,
    },
    /// A teacher's file with errors: every problem found.
    Errors {
        name: String,
        diagnostics: Vec<JsonDiagnostic>,
    },
    /// Continue this browser's save of `scenario`, or start over?
    ResumePrompt {
        scenario: Arc<Scenario>,
        choices: usize,
    },
    /// The play screen for `scenario`, empty until the run's first events.
    Play {
        scenario: Arc<Scenario>,
        content_in_english: bool,
    },
    /// The run's events, drawn on the play screen.
    Events(Vec<Event<Sims>>),
    /// The run has ended; `keep_in_profile`: the run is this browser's to keep in
    /// the student's career profile (never a run an LMS launched).
    Debrief {
        report: Box<ScoreReport>,
        keep_in_profile: bool,
    },
    /// The profile or portfolio page, with every record re-scored.
    Records {
        view: View,
        profile: Profile,
        checks: Vec<Check>,
        damaged: Option<String>,
        chart: Option<Timeline>,
    },
    ClassResults,
}

impl Draw {
    /// The screen this shows (a portfolio page whose run is gone is an error).
    fn screen(&self) -> Option<Screen> {
        Some(match self {
            Draw::Opening(_) | Draw::Checking(_) | Draw::CheckingRecords => Screen::Loading,
            Draw::Catalog(_) => Screen::Catalog,
            Draw::Failed { .. } | Draw::Errors { .. } => Screen::Errors,
            Draw::ResumePrompt { .. } => Screen::Resume,
            Draw::Play { .. } => Screen::Play,
            Draw::Events(_) => return None,
            Draw::Debrief { .. } => Screen::Debrief,
            Draw::Records {
                view: View::Portfolio { run },
                profile,
                checks,
                ..
            } => match run.filter(|&i| i < profile.runs.len() && i < checks.len()) {
                Some(_) => Screen::Portfolio,
                None => Screen::Errors,
            },
            Draw::Records { .. } => Screen::Profile,
            Draw::ClassResults => Screen::Class,
        })
    }
}

/// What the app does for the controller.
#[derive(Debug, Clone)]
pub enum Effect {
    Run(RunRequest),
    /// The run's clock follows real time, or moves only when told (`?clock=manual`).
    ClockRunning(bool),
    Fetch(SiteFile),
    /// Hand a teacher's file to the checker module.
    Check {
        name: String,
        text: String,
    },
    Draw(Draw),
    /// The pause button's state.
    Paused(bool),
    /// Re-score the student's kept runs, then send [`UiCommand::ShowRecords`].
    LoadRecords(View),
    /// Read the reflection form, keep it with the run and tell the hosts.
    SaveReflection,
    /// Clear this browser's career profile and say so.
    ClearProfile,
    /// Offer the run's transcript as a file.
    Download,
    /// Keep the run's save in this browser, so a reload resumes near here.
    KeepProgress {
        scenario_id: String,
        save: String,
    },
    /// A named moment on the page's performance timeline.
    Mark(&'static str),
}

/// What the controller asks of the browser.
pub trait Env {
    /// This browser's save of the scenario with this id.
    fn local_save(&self, scenario_id: &str) -> Option<String>;
    /// A seed for a fresh run (`?seed=` in the browser tests).
    fn new_seed(&self) -> u64;
    /// A cmi5 launch is reporting this run.
    fn cmi5_active(&self) -> bool;
}

/// How the player was launched.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// A SCORM LMS launched the player: it keeps the attempt and its save.
    pub scorm: bool,
    /// The save the SCORM LMS held at launch.
    pub scorm_save: Option<String>,
    /// A FirstShift server launched the player: the run as the server holds it
    /// (its seed, and the choices it kept, which the run goes on from).
    pub server_run: Option<Transcript>,
    /// `?clock=manual`: the clock moves only when the tests say.
    pub manual_clock: bool,
    /// The student's language is not English: scenario text that has no
    /// translation is marked as English.
    pub reads_other_language: bool,
}

/// Reads the catalog index, or says what is wrong with it.
fn read_catalog(text: &str) -> Result<Catalog, String> {
    serde_json::from_str(text).map_err(|e| format!("{CATALOG_INDEX} is not valid ({e})"))
}

/// How often, in simulated seconds, a run in progress is kept in this browser.
pub const KEEP_EVERY_SECONDS: u64 = 10;

/// The player's state beside the run.
#[derive(Debug)]
pub struct Controller {
    screen: Screen,
    /// What the URL asked for, until the first update shows it.
    route: Option<Route>,
    /// The catalog index once it has arrived, or why it could not be read.
    catalog: Option<Result<Catalog, String>>,
    /// The scenario being opened: the file on its way, the ones to try next.
    opening: Opening,
    current: Option<Arc<Scenario>>,
    /// This browser's save, while the student decides whether to continue it.
    saved: Option<Transcript>,
    launch: Launch,
    /// The scenario's text is shown in English to a student of another language.
    content_in_english: bool,
    hosts: Hosts,
    paused: bool,
    /// The run's clock when it was last kept in this browser.
    kept_at: u64,
}

impl Controller {
    /// The player for `route`, and the files to fetch at once (before the app is
    /// built, so they are on their way while it is).
    pub fn new(route: Route, launch: Launch, hosts: Hosts) -> (Controller, Vec<SiteFile>) {
        let mut fetch = Vec::new();
        if route.needs_catalog() {
            fetch.push(SiteFile::Catalog);
        }
        let (opening, first) = Opening::new(&route);
        fetch.extend(first);
        let controller = Controller {
            screen: Screen::Loading,
            route: Some(route),
            catalog: None,
            opening,
            current: None,
            saved: None,
            launch,
            content_in_english: false,
            hosts,
            paused: false,
            kept_at: 0,
        };
        (controller, fetch)
    }

    /// A SCORM LMS was found (after start-up, once the page is built): it keeps
    /// the attempt, and `save` is the one it held.
    /// A server launch: the run starts from the server's seed, or goes on from
    /// the choices the server holds, and this browser's save is never read.
    pub fn server_launched(&mut self, run: Transcript) {
        self.launch.server_run = Some(run);
    }

    pub fn scorm_launched(&mut self, save: Option<String>) {
        self.launch.scorm = true;
        self.launch.scorm_save = save;
    }

    /// The route opens a scenario (rather than the catalog or a page of records).
    pub fn opens_scenario(&self) -> bool {
        self.opening.pending().is_some()
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The hosts, for the reflection (whose answers only the page can read).
    pub fn hosts(&mut self) -> &mut Hosts {
        &mut self.hosts
    }

    /// Shows what the URL asked for (on the app's first update).
    pub fn open_route(&mut self) -> Vec<Effect> {
        let Some(route) = self.route.take() else {
            return Vec::new();
        };
        let mut out = vec![Effect::Mark("first-update")];
        match route {
            Route::View(View::Class) => out.push(self.draw(Draw::ClassResults)),
            Route::View(view) => {
                out.push(self.draw(Draw::CheckingRecords));
                out.push(Effect::LoadRecords(view));
            }
            Route::Refused { what, why } => out.push(self.draw(Draw::Failed { what, why })),
            Route::Scenario { .. } => {
                if let Some(file) = self.opening.pending() {
                    let path = file.path().to_string();
                    out.push(self.draw(Draw::Opening(path)));
                }
            }
            // The catalog shows when its index arrives.
            Route::Catalog => out.extend(self.show_catalog()),
        }
        out
    }

    /// Takes one command from the page. `session` is the run, if one is going.
    pub fn update(
        &mut self,
        command: UiCommand,
        session: Option<&Session>,
        env: &dyn Env,
    ) -> Vec<Effect> {
        let playing = self.screen == Screen::Play && !self.paused;
        match command {
            UiCommand::OpenText { name, text } => {
                self.opening.open_text(&name);
                self.carry_out(Next::Check { name, text }, env)
            }
            UiCommand::Choose(id) if playing => vec![Effect::Run(RunRequest::Choose(id))],
            UiCommand::ChooseNumber(n) if playing => session
                .and_then(|s| s.offered().get(n.wrapping_sub(1)).map(|c| c.id.clone()))
                .map(|id| Effect::Run(RunRequest::Choose(id)))
                .into_iter()
                .collect(),
            UiCommand::Choose(_) | UiCommand::ChooseNumber(_) => Vec::new(),
            // The server keeps the run and its choices cannot be changed: a new
            // attempt is a new launch from the course (the buttons are hidden).
            UiCommand::Restart | UiCommand::StartOver if self.launch.server_run.is_some() => {
                Vec::new()
            }
            UiCommand::TogglePause if self.screen == Screen::Play => {
                self.paused = !self.paused;
                let request = if self.paused {
                    RunRequest::Pause
                } else {
                    RunRequest::Unpause
                };
                vec![Effect::Run(request), Effect::Paused(self.paused)]
            }
            UiCommand::TogglePause => Vec::new(),
            UiCommand::Restart => match self.current.clone() {
                Some(scenario) => self.begin_play(RunRequest::Restart, scenario, Began::Restarted),
                None => Vec::new(),
            },
            UiCommand::ContinueSaved => match (self.current.clone(), self.saved.take()) {
                (Some(scenario), Some(transcript)) => {
                    let began = Began::Continued {
                        choices: transcript.choices.len(),
                    };
                    let resume = RunRequest::Resume {
                        scenario: Arc::clone(&scenario),
                        transcript,
                    };
                    self.begin_play(resume, scenario, began)
                }
                _ => Vec::new(),
            },
            UiCommand::StartOver => {
                self.saved = None;
                self.start_fresh(env)
            }
            UiCommand::SaveReflection => vec![Effect::SaveReflection],
            UiCommand::ShowRecords {
                view,
                profile,
                checks,
                damaged,
                chart,
            } => {
                vec![self.draw(Draw::Records {
                    view,
                    profile,
                    checks,
                    damaged,
                    chart,
                })]
            }
            UiCommand::ClearProfile => vec![Effect::ClearProfile],
            UiCommand::Download if session.is_some() => vec![Effect::Download],
            UiCommand::Download => Vec::new(),
            UiCommand::Wait(seconds) => vec![Effect::Run(RunRequest::Wait(seconds))],
            UiCommand::FileArrived {
                file: SiteFile::Catalog,
                text,
            } => {
                self.catalog = Some(text.and_then(|t| read_catalog(&t)).map_err(|why| {
                    format!("{why}. Rebuild the site with `cargo xtask build-web`.")
                }));
                self.show_catalog()
            }
            UiCommand::FileArrived { file, text } => {
                let next = self.opening.arrived(&file, text);
                self.carry_out(next, env)
            }
            UiCommand::Checked { name, answer } => {
                let next = self.opening.checked(&name, answer);
                self.carry_out(next, env)
            }
        }
    }

    /// A batch of the runtime's events: the hosts hear them; the play screen
    /// draws them, or the debrief follows when the run has ended.
    pub fn run_events(
        &mut self,
        session: &Session,
        events: Vec<Event<Sims>>,
        env: &dyn Env,
    ) -> Vec<Effect> {
        if events.is_empty() {
            return Vec::new();
        }
        let save = encode_save(session);
        self.hosts.events(session, &events, &save);
        let ended = events
            .iter()
            .any(|e| matches!(e, Event::Ended { .. } | Event::Stuck { .. }));
        if !ended {
            self.kept_at = session.clock();
            return vec![self.draw(Draw::Events(events))];
        }
        let report = score_session(session);
        self.hosts.finished(session, &report, &save);
        // An LMS launch keeps the run in the LMS, not in this browser's career
        // profile: on a shared computer the next student would see it, with the
        // reflection's words.
        let keep_in_profile = !self.launch.scorm && !env.cmi5_active();
        vec![self.draw(Draw::Debrief {
            report: Box::new(report),
            keep_in_profile,
        })]
    }

    /// Each frame: keeps a run in progress in this browser every
    /// [`KEEP_EVERY_SECONDS`] of its clock, so a reload resumes near where it was.
    pub fn frame(&mut self, session: &Session) -> Option<Effect> {
        let due = session.clock() >= self.kept_at + KEEP_EVERY_SECONDS;
        if self.screen != Screen::Play || !due || session.is_finished() {
            return None;
        }
        self.kept_at = session.clock();
        Some(Effect::KeepProgress {
            scenario_id: session.scenario().id.clone(),
            save: encode_save(session),
        })
    }

    fn draw(&mut self, draw: Draw) -> Effect {
        if let Some(screen) = draw.screen() {
            self.screen = screen;
        }
        Effect::Draw(draw)
    }

    /// The catalog, once its index has arrived, when nothing else is on its way.
    fn show_catalog(&mut self) -> Vec<Effect> {
        if self.screen != Screen::Loading
            || self.opening.pending().is_some()
            || self.route.is_some()
        {
            return Vec::new();
        }
        match self.catalog.take() {
            Some(Ok(catalog)) => vec![self.draw(Draw::Catalog(catalog))],
            Some(Err(why)) => vec![self.draw(Draw::Failed {
                what: "the scenario catalog".into(),
                why,
            })],
            None => Vec::new(),
        }
    }

    /// Does what opening a scenario needs next: fetch, check, show or fail.
    fn carry_out(&mut self, next: Next, env: &dyn Env) -> Vec<Effect> {
        match next {
            Next::Ignore => Vec::new(),
            Next::Fetch(file) => {
                let path = file.path().to_string();
                vec![self.draw(Draw::Opening(path)), Effect::Fetch(file)]
            }
            Next::Check { name, text } => vec![
                self.draw(Draw::Checking(name.clone())),
                Effect::Check { name, text },
            ],
            Next::Present {
                name,
                scenario: None,
                diagnostics,
                ..
            } => {
                vec![self.draw(Draw::Errors { name, diagnostics })]
            }
            Next::Present {
                scenario: Some(scenario),
                translated,
                ..
            } => {
                let mut out = vec![Effect::Mark("scenario-loaded")];
                out.extend(self.present(scenario, translated, env));
                out
            }
            Next::Failed { what, why } => vec![self.draw(Draw::Failed { what, why })],
        }
    }

    /// Starts a good scenario, resumes the LMS's save of it, or offers this
    /// browser's.
    fn present(&mut self, scenario: Arc<Scenario>, translated: bool, env: &dyn Env) -> Vec<Effect> {
        self.current = Some(Arc::clone(&scenario));
        // Scenario text the student's language does not have is marked English.
        self.content_in_english = self.launch.reads_other_language && !translated;
        if let Some(run) = self.launch.server_run.clone() {
            return self.present_server_run(scenario, run);
        }
        let scorm_save = self.launch.scorm_save.take();
        // An LMS launch never reads this browser's save: it may be another student's.
        let local_save = if self.launch.scorm {
            None
        } else {
            env.local_save(&scenario.id)
        };
        match rules::start(
            &scenario,
            self.launch.scorm,
            scorm_save.as_deref(),
            local_save.as_deref(),
        ) {
            Start::Resume(transcript) => {
                let began = Began::ResumedFromLms {
                    choices: transcript.choices.len(),
                };
                let resume = RunRequest::Resume {
                    scenario: Arc::clone(&scenario),
                    transcript,
                };
                self.begin_play(resume, scenario, began)
            }
            Start::Ask(transcript) => {
                let choices = transcript.choices.len();
                self.saved = Some(transcript);
                vec![self.draw(Draw::ResumePrompt { scenario, choices })]
            }
            Start::Fresh => self.start_fresh(env),
        }
    }

    /// The server's run: from its seed, or on from the choices it holds. A run
    /// of another scenario or version cannot be played here, and says so.
    fn present_server_run(&mut self, scenario: Arc<Scenario>, run: Transcript) -> Vec<Effect> {
        let version = format!("{:016x}", scenario.content_hash());
        if run.scenario != scenario.id || run.scenario_hash != version {
            return vec![self.draw(Draw::Failed {
                what: scenario.id.clone(),
                why: "the server's run is of another version of this scenario; open the activity again from your course".into(),
            })];
        }
        if run.choices.is_empty() {
            let start = RunRequest::Start {
                scenario: Arc::clone(&scenario),
                seed: run.seed,
            };
            return self.begin_play(start, scenario, Began::Fresh);
        }
        let began = Began::ResumedFromLms {
            choices: run.choices.len(),
        };
        let resume = RunRequest::Resume {
            scenario: Arc::clone(&scenario),
            transcript: run,
        };
        self.begin_play(resume, scenario, began)
    }

    fn start_fresh(&mut self, env: &dyn Env) -> Vec<Effect> {
        let Some(scenario) = self.current.clone() else {
            return Vec::new();
        };
        // The seed only matters to simulations (a line's luck, a patient's noise);
        // it is recorded in the run.
        let start = RunRequest::Start {
            scenario: Arc::clone(&scenario),
            seed: env.new_seed(),
        };
        self.begin_play(start, scenario, Began::Fresh)
    }

    /// Asks the run for `request` (a start, a resume, a restart) and shows the
    /// play screen; the hosts hear how the run began.
    fn begin_play(
        &mut self,
        request: RunRequest,
        scenario: Arc<Scenario>,
        how: Began,
    ) -> Vec<Effect> {
        self.paused = false;
        self.kept_at = 0;
        self.hosts.began(&scenario, how);
        let content_in_english = self.content_in_english;
        vec![
            Effect::Run(request),
            Effect::ClockRunning(!self.launch.manual_clock),
            self.draw(Draw::Play {
                scenario,
                content_in_english,
            }),
        ]
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::rc::Rc;

    use firstshift_core::Seconds;
    use firstshift_scenario::compiled::compile;

    use super::*;
    use crate::hosts::Host;
    use crate::test_data::front_desk;

    /// This browser as the tests want it: its saves, a fixed seed.
    #[derive(Default)]
    struct TestBrowser {
        saves: HashMap<String, String>,
        cmi5: bool,
    }

    impl Env for TestBrowser {
        fn local_save(&self, scenario_id: &str) -> Option<String> {
            self.saves.get(scenario_id).cloned()
        }
        fn new_seed(&self) -> u64 {
            42
        }
        fn cmi5_active(&self) -> bool {
            self.cmi5
        }
    }

    /// A host that writes down what it hears.
    #[derive(Clone, Default)]
    struct Recorder(Rc<RefCell<Vec<String>>>);

    impl Host for Recorder {
        fn began(&mut self, _: &Scenario, how: Began) {
            self.0.borrow_mut().push(format!("began {how:?}"));
        }
        fn choice_made(&mut self, _: &Session, _: &str, choice: &str, _: &str, _: Seconds) {
            self.0.borrow_mut().push(format!("choice {choice}"));
        }
        fn finished(&mut self, _: &Session, report: &ScoreReport, _: &str) {
            self.0
                .borrow_mut()
                .push(format!("finished {}", report.percent));
        }
    }

    fn builtin_route() -> Route {
        Route::from_query(
            |key| (key == "scenario").then(|| "hospitality/front-desk-overbooked".to_string()),
            "en",
        )
    }

    /// A player opened on the front-desk scenario, its compiled file arrived.
    fn opened(launch: Launch, env: &TestBrowser) -> (Controller, Vec<Effect>, Recorder) {
        let heard = Recorder::default();
        let mut hosts = Hosts::default();
        hosts.add(heard.clone());
        let (mut controller, files) = Controller::new(builtin_route(), launch, hosts);
        assert!(
            controller
                .open_route()
                .iter()
                .any(|e| matches!(e, Effect::Draw(Draw::Opening(_))))
        );
        let text = compile(&front_desk());
        let effects = controller.update(
            UiCommand::FileArrived {
                file: files[0].clone(),
                text: Ok(text),
            },
            None,
            env,
        );
        (controller, effects, heard)
    }

    fn run_requests(effects: &[Effect]) -> Vec<&RunRequest> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Run(r) => Some(r),
                _ => None,
            })
            .collect()
    }

    /// A session as the runtime would hold after the controller's start request.
    fn started(effects: &[Effect]) -> (Session, Vec<Event<Sims>>) {
        let Some(RunRequest::Start { scenario, seed }) = run_requests(effects).first().copied()
        else {
            panic!("no start in {effects:?}");
        };
        Session::new(Arc::clone(scenario), *seed).unwrap()
    }

    #[test]
    fn a_built_in_scenario_is_fetched_at_once_and_started_when_it_arrives() {
        let (controller, effects, heard) = opened(Launch::default(), &TestBrowser::default());
        assert_eq!(controller.screen(), Screen::Play);
        let (session, _) = started(&effects);
        assert_eq!(session.scenario().id, "hospitality/front-desk-overbooked");
        assert!(
            effects
                .iter()
                .any(|e| matches!(e, Effect::ClockRunning(true)))
        );
        assert!(
            effects
                .iter()
                .any(|e| matches!(e, Effect::Mark("scenario-loaded")))
        );
        assert_eq!(*heard.0.borrow(), ["began Fresh"]);
    }

    #[test]
    fn choices_count_only_on_the_play_screen_and_never_while_paused() {
        let env = TestBrowser::default();
        let (mut controller, effects, _) = opened(Launch::default(), &env);
        let (session, _) = started(&effects);
        let first = session.offered()[0].id.clone();
        let by_key = controller.update(UiCommand::ChooseNumber(1), Some(&session), &env);
        assert_eq!(run_requests(&by_key), [&RunRequest::Choose(first.clone())]);
        // A number with no choice behind it, or 0, does nothing.
        assert!(
            controller
                .update(UiCommand::ChooseNumber(9), Some(&session), &env)
                .is_empty()
        );
        assert!(
            controller
                .update(UiCommand::ChooseNumber(0), Some(&session), &env)
                .is_empty()
        );
        let paused = controller.update(UiCommand::TogglePause, Some(&session), &env);
        assert_eq!(run_requests(&paused), [&RunRequest::Pause]);
        assert!(
            controller
                .update(UiCommand::Choose(first.clone()), Some(&session), &env)
                .is_empty()
        );
        controller.update(UiCommand::TogglePause, Some(&session), &env);
        let chosen = controller.update(UiCommand::Choose(first.clone()), Some(&session), &env);
        assert_eq!(run_requests(&chosen), [&RunRequest::Choose(first)]);
    }

    #[test]
    fn this_browsers_save_is_offered_and_continued_or_dropped() {
        let scenario = front_desk();
        let (mut earlier, _) = Session::new(Arc::clone(&scenario), 3).unwrap();
        let id = earlier.offered()[0].id.clone();
        earlier.choose(&id, 0).unwrap();
        let mut env = TestBrowser::default();
        env.saves.insert(scenario.id.clone(), encode_save(&earlier));

        let (mut controller, effects, heard) = opened(Launch::default(), &env);
        assert_eq!(controller.screen(), Screen::Resume);
        assert!(
            effects
                .iter()
                .any(|e| matches!(e, Effect::Draw(Draw::ResumePrompt { choices: 1, .. })))
        );
        assert!(
            run_requests(&effects).is_empty(),
            "nothing starts before the student answers"
        );
        let continued = controller.update(UiCommand::ContinueSaved, None, &env);
        let [RunRequest::Resume { transcript, .. }] = run_requests(&continued)[..] else {
            panic!("{continued:?}");
        };
        assert_eq!(transcript.choices.len(), 1);
        assert_eq!(*heard.0.borrow(), ["began Continued { choices: 1 }"]);
        // The save is used once: asking again starts nothing.
        assert!(run_requests(&controller.update(UiCommand::ContinueSaved, None, &env)).is_empty());

        let (mut controller, _, _) = opened(Launch::default(), &env);
        let over = controller.update(UiCommand::StartOver, None, &env);
        assert!(matches!(
            run_requests(&over)[..],
            [RunRequest::Start { seed: 42, .. }]
        ));
    }

    #[test]
    fn an_lms_launch_resumes_its_own_save_and_never_reads_this_browsers() {
        let scenario = front_desk();
        let (mut earlier, _) = Session::new(Arc::clone(&scenario), 3).unwrap();
        let id = earlier.offered()[0].id.clone();
        earlier.choose(&id, 0).unwrap();
        let save = encode_save(&earlier);
        let mut env = TestBrowser::default();
        env.saves.insert(scenario.id.clone(), save.clone());

        // The browser's save is another student's: the LMS launch starts fresh.
        let launch = Launch {
            scorm: true,
            ..Launch::default()
        };
        let (controller, effects, _) = opened(launch, &env);
        assert_eq!(controller.screen(), Screen::Play);
        assert!(matches!(
            run_requests(&effects)[..],
            [RunRequest::Start { .. }]
        ));

        // The LMS's own save resumes with no question asked.
        let launch = Launch {
            scorm: true,
            scorm_save: Some(save),
            ..Launch::default()
        };
        let (_, effects, heard) = opened(launch, &env);
        assert!(matches!(
            run_requests(&effects)[..],
            [RunRequest::Resume { .. }]
        ));
        assert_eq!(*heard.0.borrow(), ["began ResumedFromLms { choices: 1 }"]);
    }

    #[test]
    fn a_server_launch_plays_the_servers_seed_or_goes_on_from_its_choices() {
        let scenario = front_desk();
        let (mut earlier, _) = Session::new(Arc::clone(&scenario), 77).unwrap();
        let mut env = TestBrowser::default();
        // This browser's save is never read in a server launch.
        env.saves.insert(scenario.id.clone(), encode_save(&earlier));

        let launch = Launch {
            server_run: Some(earlier.transcript()),
            ..Launch::default()
        };
        let (_, effects, heard) = opened(launch, &env);
        assert!(matches!(
            run_requests(&effects)[..],
            [RunRequest::Start { seed: 77, .. }]
        ));
        assert_eq!(*heard.0.borrow(), ["began Fresh"]);

        let id = earlier.offered()[0].id.clone();
        earlier.choose(&id, 5).unwrap();
        let launch = Launch {
            server_run: Some(earlier.transcript()),
            ..Launch::default()
        };
        let (controller, effects, heard) = opened(launch, &env);
        let [RunRequest::Resume { transcript, .. }] = &run_requests(&effects)[..] else {
            panic!("{effects:?}");
        };
        assert_eq!(transcript.seed, 77);
        assert_eq!(transcript.choices.len(), 1);
        assert_eq!(*heard.0.borrow(), ["began ResumedFromLms { choices: 1 }"]);
        // A server's run cannot start again here.
        let mut controller = controller;
        for again in [UiCommand::Restart, UiCommand::StartOver] {
            assert!(controller.update(again, None, &env).is_empty());
        }

        // A run of another version of the scenario is refused in words.
        let mut other = earlier.transcript();
        other.scenario_hash = "0000000000000000".into();
        let launch = Launch {
            server_run: Some(other),
            ..Launch::default()
        };
        let (controller, effects, _) = opened(launch, &env);
        assert!(run_requests(&effects).is_empty());
        assert_ne!(controller.screen(), Screen::Play);
    }

    /// Plays `session` to its end, taking the first choice each time, and hands
    /// every batch of events to the controller; returns the last batch's effects.
    fn play_to_the_end(
        controller: &mut Controller,
        session: &mut Session,
        first: Vec<Event<Sims>>,
        env: &TestBrowser,
    ) -> Vec<Effect> {
        let mut effects = controller.run_events(session, first, env);
        while !session.is_finished() {
            let id = session.offered()[0].id.clone();
            let at = session.clock();
            let events = session.choose(&id, at).unwrap();
            effects = controller.run_events(session, events, env);
        }
        effects
    }

    #[test]
    fn a_finished_run_is_scored_told_once_and_kept_only_outside_an_lms() {
        for (launch, cmi5, kept) in [
            (Launch::default(), false, true),
            (
                Launch {
                    scorm: true,
                    ..Launch::default()
                },
                false,
                false,
            ),
            (Launch::default(), true, false),
        ] {
            let env = TestBrowser {
                cmi5,
                ..TestBrowser::default()
            };
            let (mut controller, effects, heard) = opened(launch, &env);
            let (mut session, first) = started(&effects);
            let last = play_to_the_end(&mut controller, &mut session, first, &env);
            let expected = score_session(&session);
            let [
                Effect::Draw(Draw::Debrief {
                    report,
                    keep_in_profile,
                }),
            ] = &last[..]
            else {
                panic!("{last:?}");
            };
            assert_eq!(**report, expected);
            assert_eq!(*keep_in_profile, kept);
            assert_eq!(controller.screen(), Screen::Debrief);
            let heard = heard.0.borrow();
            assert_eq!(
                heard.iter().filter(|h| h.starts_with("finished")).count(),
                1
            );
            assert_eq!(
                heard.last().unwrap(),
                &format!("finished {}", expected.percent)
            );
            assert_eq!(
                heard.iter().filter(|h| h.starts_with("choice")).count(),
                session.history().choices.len()
            );
        }
    }

    #[test]
    fn restarting_begins_again_and_a_run_in_progress_is_kept_every_ten_seconds() {
        let env = TestBrowser::default();
        let (mut controller, effects, heard) = opened(Launch::default(), &env);
        let (mut session, first) = started(&effects);
        controller.run_events(&session, first, &env);
        assert!(
            controller.frame(&session).is_none(),
            "nothing to keep at 0:00"
        );
        session.wait_until(KEEP_EVERY_SECONDS).unwrap();
        let Some(Effect::KeepProgress { scenario_id, save }) = controller.frame(&session) else {
            panic!("a run 10 s in is kept");
        };
        assert_eq!(scenario_id, session.scenario().id);
        assert_eq!(save, encode_save(&session));
        assert!(
            controller.frame(&session).is_none(),
            "kept once per ten seconds"
        );

        let again = controller.update(UiCommand::Restart, Some(&session), &env);
        assert_eq!(run_requests(&again), [&RunRequest::Restart]);
        assert_eq!(heard.0.borrow().last().unwrap(), "began Restarted");
    }

    #[test]
    fn the_catalog_shows_when_its_index_arrives_or_says_what_is_wrong() {
        let env = TestBrowser::default();
        let (mut controller, files) =
            Controller::new(Route::Catalog, Launch::default(), Hosts::default());
        assert_eq!(files, [SiteFile::Catalog]);
        // The index may arrive before the first update.
        let index = r#"{"scenarios":[]}"#;
        let early = controller.update(
            UiCommand::FileArrived {
                file: SiteFile::Catalog,
                text: Ok(index.into()),
            },
            None,
            &env,
        );
        assert!(early.is_empty(), "{early:?}");
        let shown = controller.open_route();
        assert!(
            shown
                .iter()
                .any(|e| matches!(e, Effect::Draw(Draw::Catalog(_)))),
            "{shown:?}"
        );
        assert_eq!(controller.screen(), Screen::Catalog);

        let (mut controller, _) =
            Controller::new(Route::Catalog, Launch::default(), Hosts::default());
        controller.open_route();
        let broken = controller.update(
            UiCommand::FileArrived {
                file: SiteFile::Catalog,
                text: Ok("{".into()),
            },
            None,
            &env,
        );
        let [Effect::Draw(Draw::Failed { what, why })] = &broken[..] else {
            panic!("{broken:?}");
        };
        assert_eq!(what, "the scenario catalog");
        assert!(
            why.contains(CATALOG_INDEX) && why.contains("cargo xtask build-web"),
            "{why}"
        );
        assert_eq!(controller.screen(), Screen::Errors);
    }

    #[test]
    fn a_teachers_file_goes_to_the_checker_and_its_errors_are_shown() {
        let env = TestBrowser::default();
        let (mut controller, _) =
            Controller::new(Route::Catalog, Launch::default(), Hosts::default());
        let opened = controller.update(
            UiCommand::OpenText {
                name: "mine.ron".into(),
                text: "(".into(),
            },
            None,
            &env,
        );
        assert!(matches!(
            &opened[..],
            [Effect::Draw(Draw::Checking(_)), Effect::Check { .. }]
        ));
        let checked = firstshift_scenario::compiled::check_file::<Sims>("mine.ron", "(");
        assert!(checked.scenario.is_none());
        let answer = controller.update(
            UiCommand::Checked {
                name: "mine.ron".into(),
                answer: Ok(checked),
            },
            None,
            &env,
        );
        let [Effect::Draw(Draw::Errors { name, diagnostics })] = &answer[..] else {
            panic!("{answer:?}");
        };
        assert_eq!(name, "mine.ron");
        assert!(!diagnostics.is_empty());
        assert_eq!(controller.screen(), Screen::Errors);
        // A choice on the errors screen does nothing.
        assert!(
            controller
                .update(UiCommand::Choose("x".into()), None, &env)
                .is_empty()
        );
    }
}
