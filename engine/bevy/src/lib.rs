//! FirstShift's Bevy layer. It forwards and draws; it never decides.
//!
//! [`ScenarioPlugin`] adds:
//! * the running [`ActiveRun`] (a core `Session`) as a resource;
//! * a fixed-step clock that lets simulated time pass while the student thinks;
//! * [`RunCommand`] messages in (start, choose, pause, restart) and [`RunEvent`]
//!   messages out (the runtime's events, unchanged).
//!
//! A front end brings the scenario (the web player fetches its compiled form and
//! reads it with `firstshift_scenario::compiled`) and starts the run with
//! [`RunCommand::Start`]. Front ends (the web player's DOM, its canvas) read [`ActiveRun`] and
//! [`RunEvent`]s. [`ScenePlugin`] paints the run as a 2D scene each frame; sims
//! register their views with [`ScenarioAppExt::add_sim_view`].

mod scene;

use std::sync::Arc;

use bevy_app::prelude::*;
use bevy_ecs::prelude::*;
use bevy_time::prelude::*;
use firstshift_core::{Event, Seconds, Transcript};
use firstshift_sims::{Scenario, Session, Sims};

pub use scene::{ScenarioAppExt, SceneClock, SceneFrame, ScenePlugin, SceneView, SimViews};

/// The run in progress, if any.
#[derive(Resource, Debug)]
pub struct ActiveRun {
    pub session: Option<Session>,
    pub paused: bool,
    /// Simulated seconds per real second (1.0: the clock runs in real time).
    pub time_scale: f64,
    /// Real time accumulated toward the next whole simulated second.
    carry: f64,
}

impl Default for ActiveRun {
    fn default() -> Self {
        ActiveRun {
            session: None,
            paused: false,
            time_scale: 1.0,
            carry: 0.0,
        }
    }
}

impl ActiveRun {
    /// Carries out one command and answers the runtime's events, or why it could
    /// not. The plugin's system calls it for each [`RunCommand`] message; a front
    /// end may call it before its app runs (the web player starts the first step
    /// that way, then hands this resource to the app).
    pub fn apply(&mut self, command: &RunCommand) -> Result<Vec<Event<Sims>>, String> {
        match command {
            RunCommand::Start { scenario, seed } => start(
                self,
                Session::new(Arc::clone(scenario), *seed).map_err(|e| e.to_string()),
            ),
            RunCommand::Resume {
                scenario,
                transcript,
            } => start(
                self,
                transcript
                    .replay(Arc::clone(scenario))
                    .map_err(|e| e.to_string()),
            ),
            RunCommand::Restart => match self.session.as_ref() {
                Some(s) => {
                    let (scenario, seed) = (Arc::clone(s.scenario()), s.seed());
                    start(
                        self,
                        Session::new(scenario, seed).map_err(|e| e.to_string()),
                    )
                }
                None => Err("there is no run to restart".into()),
            },
            RunCommand::Choose(id) => match self.session.as_mut() {
                Some(session) => {
                    let at = session.clock();
                    session.choose(id, at).map_err(|e| e.to_string())
                }
                None => Err("no scenario is running".into()),
            },
            RunCommand::Wait(seconds) => match self.session.as_mut() {
                Some(session) => {
                    // Time stops at the horizon; a wait past it waits until then.
                    let to = session
                        .clock()
                        .saturating_add(*seconds)
                        .min(session.horizon());
                    session.wait_until(to).map_err(|e| e.to_string())
                }
                None => Err("no scenario is running".into()),
            },
            RunCommand::Pause => {
                self.paused = true;
                Ok(Vec::new())
            }
            RunCommand::Unpause => {
                self.paused = false;
                Ok(Vec::new())
            }
            RunCommand::Stop => {
                self.session = None;
                Ok(Vec::new())
            }
        }
    }

    /// Whether the clock should move: a run exists, is not over and not paused.
    pub fn is_running(&self) -> bool {
        !self.paused && self.session.as_ref().is_some_and(|s| !s.is_finished())
    }
}

/// What a front end asks of the run.
#[derive(Message, Debug, Clone)]
pub enum RunCommand {
    Start {
        scenario: Arc<Scenario>,
        seed: u64,
    },
    /// Continue a saved run: replays the transcript, then carries on.
    Resume {
        scenario: Arc<Scenario>,
        transcript: Transcript,
    },
    /// Make a choice now (at the current simulated time).
    Choose(String),
    Pause,
    Unpause,
    /// Let this many simulated seconds pass at once (tests, and a "skip ahead").
    Wait(Seconds),
    /// Start the same scenario again with the same seed.
    Restart,
    /// Leave the run (back to the catalog).
    Stop,
}

/// One runtime event, forwarded unchanged, in order.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct RunEvent(pub Event<Sims>);

/// A command that could not be carried out, with the reason (for the front end to show).
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct RunRefused(pub String);

#[derive(Debug, Default)]
pub struct ScenarioPlugin;

impl Plugin for ScenarioPlugin {
    fn build(&self, app: &mut App) {
        // Keep simulated time honest when the browser throttles a background tab
        // (timers then fire about once a second; the default cap is 250 ms a frame).
        app.insert_resource({
            let mut time = Time::<Virtual>::default();
            time.set_max_delta(std::time::Duration::from_secs(10));
            time
        });
        app.init_resource::<ActiveRun>()
            .add_message::<RunCommand>()
            .add_message::<RunEvent>()
            .add_message::<RunRefused>()
            .add_systems(Update, apply_commands)
            .add_systems(FixedUpdate, advance_clock);
    }
}

fn apply_commands(
    mut commands: MessageReader<RunCommand>,
    mut run: ResMut<ActiveRun>,
    mut events: MessageWriter<RunEvent>,
    mut refused: MessageWriter<RunRefused>,
) {
    for command in commands.read() {
        match run.apply(command) {
            Ok(list) => {
                events.write_batch(list.into_iter().map(RunEvent));
            }
            Err(reason) => {
                refused.write(RunRefused(reason));
            }
        }
    }
}

fn start(
    run: &mut ActiveRun,
    started: Result<(Session, Vec<Event<Sims>>), String>,
) -> Result<Vec<Event<Sims>>, String> {
    let (session, events) = started?;
    run.session = Some(session);
    run.paused = false;
    run.carry = 0.0;
    Ok(events)
}

/// Lets simulated time pass in whole seconds while the run is live.
fn advance_clock(time: Res<Time>, mut run: ResMut<ActiveRun>, mut events: MessageWriter<RunEvent>) {
    if !run.is_running() {
        return;
    }
    run.carry += time.delta_secs_f64() * run.time_scale;
    let whole = run.carry.floor();
    if whole < 1.0 {
        return;
    }
    run.carry -= whole;
    let Some(session) = run.session.as_mut() else {
        return;
    };
    // A tab left open for days stops the run's clock at its horizon; the student
    // can still choose, and the run still saves and replays.
    let to: Seconds = session
        .clock()
        .saturating_add(whole as Seconds)
        .min(session.horizon());
    if let Ok(list) = session.wait_until(to) {
        events.write_batch(list.into_iter().map(RunEvent));
    }
}

/// How far through the story the run is, 0–1: steps taken over steps taken plus
/// the fewest steps still needed to reach an ending.
pub fn progress(session: &Session) -> f32 {
    if session.is_finished() {
        return 1.0;
    }
    let taken = session.history().choices.len() as f32;
    let left = session
        .scenario()
        .steps_to_ending(session.step_id())
        .unwrap_or(1) as f32;
    taken / (taken + left).max(1.0)
}
