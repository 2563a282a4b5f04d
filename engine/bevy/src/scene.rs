//! The scene: each frame, the first registered view with something to show paints
//! the run into a [`Frame`] (plain data, see `firstshift-draw`), and a front end
//! puts [`SceneFrame`] on screen. The web player replays it into a 2D canvas; tests
//! read it headless. Nothing here needs a GPU.

use bevy_app::prelude::*;
use bevy_ecs::prelude::*;
use bevy_time::prelude::*;
use firstshift_draw::Frame;

use crate::ActiveRun;

/// The scene's own clocks, which move with real time rather than simulated time.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SceneClock {
    /// Seconds of signal swept so far: moves only while the run does, so a
    /// monitor's traces stand still on pause.
    pub sweep: f64,
    /// The alarm flasher's phase: on for 0.6 s of each second, as a monitor's.
    pub flash_on: bool,
}

/// A view: paints the run when it has something to show (a patient, a line, a
/// story), or answers `None` and the next view is asked.
pub type SceneView = fn(&ActiveRun, SceneClock) -> Option<Frame>;

/// The views, asked in the order they were registered: the most specific first.
#[derive(Resource, Default)]
pub struct SimViews(pub Vec<(&'static str, SceneView)>);

impl SimViews {
    pub fn names(&self) -> Vec<&'static str> {
        self.0.iter().map(|(name, _)| *name).collect()
    }
}

impl std::fmt::Debug for SimViews {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("SimViews").field(&self.names()).finish()
    }
}

/// What to put on screen. Changed (in Bevy's sense) only when the picture is, so
/// a front end repaints only then.
#[derive(Resource, Debug, Default, PartialEq)]
pub struct SceneFrame(pub Option<Frame>);

/// Composes [`SceneFrame`] once a frame, in `PostUpdate`, after the run has moved.
#[derive(Debug, Default)]
pub struct ScenePlugin;

impl Plugin for ScenePlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<SimViews>()
            .init_resource::<SceneFrame>()
            .init_resource::<Sweep>()
            .add_systems(PostUpdate, compose);
    }
}

/// How sims (and the branching scenario's card) plug their drawing in.
pub trait ScenarioAppExt {
    /// Adds a view after those already registered.
    fn add_sim_view(&mut self, name: &'static str, view: SceneView) -> &mut Self;
}

impl ScenarioAppExt for App {
    fn add_sim_view(&mut self, name: &'static str, view: SceneView) -> &mut Self {
        self.init_resource::<SimViews>();
        self.world_mut()
            .resource_mut::<SimViews>()
            .0
            .push((name, view));
        self
    }
}

#[derive(Resource, Default)]
struct Sweep(f64);

fn compose(
    time: Res<Time<Real>>,
    run: Res<ActiveRun>,
    views: Res<SimViews>,
    mut sweep: ResMut<Sweep>,
    mut scene: ResMut<SceneFrame>,
) {
    if run.is_running() {
        sweep.0 += time.delta_secs_f64();
    }
    let clock = SceneClock {
        sweep: sweep.0,
        flash_on: time.elapsed_secs_f64().fract() < 0.6,
    };
    let frame = views.0.iter().find_map(|(_, view)| view(&run, clock));
    scene.set_if_neq(SceneFrame(frame));
}
