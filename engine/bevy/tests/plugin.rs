//! The ScenarioPlugin, headless: the task pool and time plugins, manual time steps, no window.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use bevy_app::prelude::*;
use bevy_ecs::prelude::*;
use bevy_time::{TimePlugin, TimeUpdateStrategy};
use firstshift_bevy::{
    ActiveRun, RunCommand, RunEvent, RunRefused, ScenarioAppExt, ScenarioPlugin, SceneClock,
    SceneFrame, ScenePlugin, SimViews, progress,
};
use firstshift_core::Event;
use firstshift_draw::{Frame, Rgb, Text};
use firstshift_scenario::load_scenario;
use firstshift_sims::Scenario;

fn scenarios() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios")
}

fn front_desk() -> Arc<Scenario> {
    let text =
        std::fs::read_to_string(scenarios().join("hospitality/front-desk-overbooked.ron")).unwrap();
    load_scenario(&text).scenario.unwrap()
}

#[derive(Resource, Default)]
struct Seen(Vec<Event<firstshift_sims::Sims>>, Vec<String>);

fn collect(
    mut events: MessageReader<RunEvent>,
    mut refused: MessageReader<RunRefused>,
    mut seen: ResMut<Seen>,
) {
    seen.0.extend(events.read().map(|e| e.0.clone()));
    seen.1.extend(refused.read().map(|r| r.0.clone()));
}

fn app() -> App {
    let mut app = App::new();
    app.add_plugins(((TaskPoolPlugin::default(), TimePlugin), ScenarioPlugin))
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
            100,
        )))
        .init_resource::<Seen>()
        .add_systems(PostUpdate, collect);
    app.update(); // the first update only starts the clocks
    app
}

fn send(app: &mut App, command: RunCommand) {
    app.world_mut().write_message(command);
    app.update();
}

fn clock(app: &App) -> u64 {
    app.world()
        .resource::<ActiveRun>()
        .session
        .as_ref()
        .unwrap()
        .clock()
}

#[test]
fn commands_drive_the_session_and_events_come_back_in_order() {
    let mut app = app();
    send(
        &mut app,
        RunCommand::Start {
            scenario: front_desk(),
            seed: 0,
        },
    );
    assert_eq!(
        app.world().resource::<Seen>().0.first(),
        Some(&Event::StepEntered {
            step: "arrival".into(),
            at: 0
        })
    );
    send(&mut app, RunCommand::Choose("greet-warmly".into()));
    let seen = &app.world().resource::<Seen>().0;
    assert!(
        seen.iter()
            .any(|e| matches!(e, Event::ChoiceMade { choice, .. } if choice == "greet-warmly"))
    );
    assert!(
        seen.iter()
            .any(|e| matches!(e, Event::StepEntered { step, .. } if step == "reservation"))
    );

    send(&mut app, RunCommand::Choose("not-offered".into()));
    assert!(app.world().resource::<Seen>().1[0].contains("not on offer"));
}

#[test]
fn a_run_started_before_the_app_carries_on_in_it() {
    // The web player starts the first step itself, then hands the run to the app.
    let mut run = ActiveRun::default();
    let first = run
        .apply(&RunCommand::Start {
            scenario: front_desk(),
            seed: 0,
        })
        .unwrap();
    assert!(matches!(&first[0], Event::StepEntered { step, at: 0 } if step == "arrival"));
    assert!(
        run.apply(&RunCommand::Choose("not-offered".into()))
            .is_err()
    );
    let mut app = app();
    app.insert_resource(run);
    send(&mut app, RunCommand::Choose("greet-warmly".into()));
    let seen = &app.world().resource::<Seen>().0;
    assert!(
        seen.iter()
            .any(|e| matches!(e, Event::StepEntered { step, .. } if step == "reservation")),
        "{seen:?}"
    );
}

#[test]
fn the_clock_runs_in_real_time_pauses_and_restarts() {
    let mut app = app();
    send(
        &mut app,
        RunCommand::Start {
            scenario: front_desk(),
            seed: 0,
        },
    );
    for _ in 0..30 {
        app.update(); // 3 s of real time at 100 ms per update
    }
    let t = clock(&app);
    assert!((2..=3).contains(&t), "clock after 3 s is {t}");
    send(&mut app, RunCommand::Pause);
    let paused_at = clock(&app);
    for _ in 0..30 {
        app.update();
    }
    assert_eq!(clock(&app), paused_at, "a paused run's clock stands still");
    send(&mut app, RunCommand::Unpause);
    for _ in 0..20 {
        app.update();
    }
    assert!(clock(&app) > paused_at);

    app.world_mut().resource_mut::<ActiveRun>().time_scale = 10.0;
    let before = clock(&app);
    for _ in 0..10 {
        app.update();
    }
    assert!(
        clock(&app) >= before + 9,
        "time scale 10 runs ten times faster"
    );

    let before = clock(&app);
    send(&mut app, RunCommand::Wait(90));
    assert!(clock(&app) >= before + 90, "Wait lets time pass at once");

    send(&mut app, RunCommand::Restart);
    assert_eq!(clock(&app), 0);
    let run = app.world().resource::<ActiveRun>();
    assert_eq!(progress(run.session.as_ref().unwrap()), 0.0);
}

/// A tab left open for days: the live clock stops at the scenario's horizon rather
/// than refusing every tick, and the student can still choose.
#[test]
fn the_live_clock_stops_at_the_horizon() {
    let mut app = app();
    send(
        &mut app,
        RunCommand::Start {
            scenario: front_desk(),
            seed: 0,
        },
    );
    let horizon = front_desk().horizon();
    send(&mut app, RunCommand::Wait(horizon - 1));
    app.world_mut().resource_mut::<ActiveRun>().time_scale = 100.0;
    for _ in 0..30 {
        app.update();
    }
    assert_eq!(clock(&app), horizon);
    send(&mut app, RunCommand::Wait(u64::MAX));
    assert_eq!(clock(&app), horizon);
    send(&mut app, RunCommand::Choose("greet-warmly".into()));
    assert!(
        app.world().resource::<Seen>().1.is_empty(),
        "{:?}",
        app.world().resource::<Seen>().1
    );
    assert_eq!(clock(&app), horizon);
}

#[test]
fn resume_replays_a_transcript_then_carries_on() {
    let mut app = app();
    let scenario = front_desk();
    send(
        &mut app,
        RunCommand::Start {
            scenario: Arc::clone(&scenario),
            seed: 0,
        },
    );
    send(&mut app, RunCommand::Choose("greet-warmly".into()));
    send(&mut app, RunCommand::Choose("check-system".into()));
    let transcript = app
        .world()
        .resource::<ActiveRun>()
        .session
        .as_ref()
        .unwrap()
        .transcript();

    let mut fresh = self::app();
    send(
        &mut fresh,
        RunCommand::Resume {
            scenario,
            transcript: transcript.clone(),
        },
    );
    let run = fresh.world().resource::<ActiveRun>();
    let session = run.session.as_ref().unwrap();
    assert_eq!(session.step_id(), "options");
    assert_eq!(session.transcript(), transcript);
    assert!(progress(session) > 0.0 && progress(session) < 1.0);
    send(&mut fresh, RunCommand::Choose("explain-apologise".into()));
    assert_eq!(
        fresh
            .world()
            .resource::<ActiveRun>()
            .session
            .as_ref()
            .unwrap()
            .step_id(),
        "listen"
    );
}

/// A view for every run: the step's id and the sweep, so the tests see both move.
fn step_view(run: &ActiveRun, clock: SceneClock) -> Option<Frame> {
    let session = run.session.as_ref()?;
    let mut frame = Frame::new(Rgb::BLACK);
    frame.text(Text::new(session.step_id(), 0.0, 0.0, 10.0, Rgb::WHITE));
    frame.text(Text::new(
        format!("{:.1}", clock.sweep),
        0.0,
        20.0,
        10.0,
        Rgb::WHITE,
    ));
    Some(frame)
}

/// A view that never has anything to show: the next one is asked.
fn nothing_view(_: &ActiveRun, _: SceneClock) -> Option<Frame> {
    None
}

fn scene_app() -> App {
    let mut app = app();
    app.add_plugins(ScenePlugin)
        .add_sim_view("nothing", nothing_view)
        .add_sim_view("step", step_view);
    app
}

fn scene(app: &App) -> Vec<String> {
    let frame = app.world().resource::<SceneFrame>().0.as_ref();
    frame.map_or(Vec::new(), |f| f.texts().map(|t| t.text.clone()).collect())
}

#[test]
fn views_register_in_order_and_the_first_with_something_to_show_paints() {
    let mut app = scene_app();
    assert_eq!(
        app.world().resource::<SimViews>().names(),
        vec!["nothing", "step"]
    );
    app.update();
    assert!(scene(&app).is_empty(), "no run, no picture");
    send(
        &mut app,
        RunCommand::Start {
            scenario: front_desk(),
            seed: 0,
        },
    );
    assert_eq!(scene(&app)[0], "arrival");
    send(&mut app, RunCommand::Choose("greet-warmly".into()));
    assert_eq!(scene(&app)[0], "reservation");
}

#[test]
fn the_sweep_moves_with_real_time_only_while_the_run_does() {
    let mut app = scene_app();
    send(
        &mut app,
        RunCommand::Start {
            scenario: front_desk(),
            seed: 0,
        },
    );
    let before: f64 = scene(&app)[1].parse().unwrap();
    app.update();
    app.update();
    let after: f64 = scene(&app)[1].parse().unwrap();
    assert!((after - before - 0.2).abs() < 1e-6, "{before} then {after}");
    send(&mut app, RunCommand::Pause);
    let paused = scene(&app)[1].clone();
    app.update();
    assert_eq!(scene(&app)[1], paused, "the traces stand still on pause");
}

#[test]
fn an_unchanged_picture_is_not_marked_changed() {
    let mut app = scene_app();
    send(
        &mut app,
        RunCommand::Start {
            scenario: front_desk(),
            seed: 0,
        },
    );
    send(&mut app, RunCommand::Pause);
    app.update();
    let tick = app.world().resource_ref::<SceneFrame>().last_changed();
    app.update();
    app.update();
    assert_eq!(
        app.world().resource_ref::<SceneFrame>().last_changed(),
        tick
    );
}
