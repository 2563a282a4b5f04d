//! The app: connects the page to Bevy. DOM events, fetches and the checker push
//! [`UiCommand`]s into the inbox; systems hand them, and the runtime's
//! `RunEvent`s, to the [`Controller`], and carry out the [`Effect`]s it answers:
//! `RunCommand`s for the `ScenarioPlugin`, fetches, screens to draw. The
//! decisions are the controller's (plain Rust with tests); what is here only
//! talks to the browser and to Bevy.

use std::collections::VecDeque;
use std::time::Duration;

use bevy_app::ScheduleRunnerPlugin;
use bevy_app::prelude::*;
use bevy_ecs::prelude::*;
use bevy_time::TimePlugin;
use firstshift_bevy::{ActiveRun, RunCommand, RunEvent, RunRefused, ScenarioPlugin, ScenePlugin};
use firstshift_core::Event;
use firstshift_draw::chart::Timeline;
use firstshift_report::profile::{Check, Profile};
use firstshift_sims::Session;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen::closure::Closure;

use crate::controller::{Controller, Draw, Effect, Env, Launch, RunRequest, Screen};
use crate::dom;
use crate::hosts::Hosts;
use crate::inbox::{UiCommand, drain, fetch, push};
use crate::route::{Route, View};
use crate::screens::Ui;
use crate::storage;

/// The player beside the Bevy world (DOM handles are not `Send`): its screens and
/// its state.
struct Player {
    ui: Ui,
    controller: Controller,
}

/// What the controller reads from the browser.
struct Browser;

impl Env for Browser {
    fn local_save(&self, scenario_id: &str) -> Option<String> {
        storage::load(scenario_id)
    }

    fn new_seed(&self) -> u64 {
        // The browser tests fix the seed with `?seed=`; nobody else can.
        dom::test_query("seed")
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or_else(|| (js_sys::Math::random() * f64::from(u32::MAX)) as u64)
    }

    fn cmi5_active(&self) -> bool {
        crate::cmi5::is_active()
    }
}

/// Starts the player: at once, or for a cmi5 launch once the token and the learner's
/// language preference are in (the page is built in that language). A cmi5 launch
/// whose LRS address this package may not use is refused with a message.
pub fn run() {
    // A FirstShift server's launch: the run comes from the server first.
    if let Some(params) = crate::server::launched() {
        wasm_bindgen_futures::spawn_local(async move {
            match crate::server::connect(params).await {
                Ok(run) => start_player(false, None, Some(run)),
                Err(why) => {
                    crate::i18n::init(None);
                    dom::show_launch_refused(&why);
                }
            }
        });
        return;
    }
    match crate::cmi5::launched() {
        crate::cmi5::Launched::No => start_player(false, None, None),
        crate::cmi5::Launched::Refused(why) => {
            crate::i18n::init(None);
            dom::show_launch_refused(&why);
        }
        crate::cmi5::Launched::Yes(params) => wasm_bindgen_futures::spawn_local(async move {
            match crate::cmi5::connect(params).await {
                Ok(language) => start_player(true, language, None),
                Err(why) => {
                    start_player(true, None, None);
                    crate::cmi5::fail(&why);
                }
            }
        }),
    }
}

/// `server_run`: the run a FirstShift server launched, as the server holds it.
fn start_player(cmi5: bool, language: Option<&str>, server_run: Option<firstshift_core::Transcript>) {
    let language = crate::i18n::init(language);
    // What the URL asks for, decided first, so its files are on their way while
    // the page and the app are built.
    let route = Route::from_query(dom::query, language.code());
    let launch = Launch {
        manual_clock: dom::test_query("clock").as_deref() == Some("manual"),
        reads_other_language: language != crate::i18n::Lang::English,
        ..Launch::default()
    };
    let mut hosts = Hosts::default();
    // Each ignores what its protocol does not say, and all of them do nothing
    // when their host is absent (no parent origin, no LMS).
    hosts.add(storage::LocalSave);
    hosts.add(crate::lms::ScormHost);
    hosts.add(crate::cmi5::Cmi5Host);
    hosts.add(crate::embed::EmbedHost);
    hosts.add(crate::server::ServerHost);
    let (mut controller, files) = Controller::new(route, launch, hosts);
    if let Some(run) = server_run {
        controller.server_launched(run);
    }
    for file in files {
        fetch(file);
    }
    // The canvas needs only a 2D context, which every browser gives; `?render=text`
    // leaves it out for students who want the text alone.
    let canvas = dom::query("render").as_deref() != Some("text");
    let ui = Ui::build(canvas);
    keyboard_shortcuts();
    // cmi5 when the LMS launched the player with its parameters; SCORM when it
    // finds an API in a parent or opener window; otherwise standalone.
    if crate::server::is_active() {
        let _ = dom::document()
            .get_element_by_id("app")
            .map(|a| a.set_attribute("data-server", "on"));
    } else if cmi5 {
        let _ = dom::document()
            .get_element_by_id("app")
            .map(|a| a.set_attribute("data-lms", "cmi5"));
    } else {
        let scorm_save = crate::lms::connect();
        if crate::lms::with(|_| ()).is_some() {
            controller.scorm_launched(scorm_save);
        }
    }
    let refused = crate::embed::connect();
    if !refused.is_empty() {
        web_sys::console::warn_1(
            &format!(
                "FirstShift: ignored parent_origin {:?}: give origins as https://host[:port]",
                refused
            )
            .into(),
        );
    }
    if crate::embed::is_embedded() {
        open_in_new_tab_link();
    }
    let mut player = Player { ui, controller };
    if !player.controller.opens_scenario() {
        run_app(player, ActiveRun::default(), canvas);
        return;
    }
    // A scenario's first step is drawn as soon as its file is here, and painted,
    // before the app is built: building it and its first update take longer than
    // everything else a student waits for. A choice made meanwhile waits in the
    // inbox for the app's first update.
    wasm_bindgen_futures::spawn_local(async move {
        let mut run = ActiveRun::default();
        first_step(&mut player, &mut run).await;
        painted().await;
        run_app(player, run, canvas);
    });
}

/// One app: the run, the scene, the DOM, saves, on a browser timer. The scene is
/// painted into the canvas by our 2D renderer (`canvas`), which has nothing to
/// compile before its first frame. `run` is the run [`first_step`] began, if any.
fn run_app(player: Player, run: ActiveRun, canvas: bool) {
    let mut app = App::new();
    app.add_plugins((
        TaskPoolPlugin::default(),
        TimePlugin,
        ScheduleRunnerPlugin::run_loop(Duration::from_millis(16)),
        ScenarioPlugin,
        ScenePlugin,
    ));
    app.insert_resource(run)
        .insert_non_send(player)
        .add_systems(PreUpdate, drain_inbox)
        .add_systems(Update, open_from_url)
        .add_systems(PostUpdate, (render_run, render_clock, focus_last).chain());
    crate::view::add_views(&mut app);
    if canvas {
        app.add_plugins(crate::canvas::CanvasPlugin {
            canvas_id: crate::screens::SCENE_CANVAS,
        });
    }
    dom::mark("app-built");
    app.run();
}

/// Opens the route's scenario without the app: takes the file (and the checker's
/// answer) as they arrive, until the first step is on screen or something else
/// is (a resume prompt, an error). Other commands wait in the inbox for the app.
async fn first_step(player: &mut Player, run: &mut ActiveRun) {
    let effects = player.controller.open_route();
    carry_out_now(player, effects, run);
    while player.controller.screen() == Screen::Loading {
        let opening = |c: &UiCommand| {
            matches!(
                c,
                UiCommand::FileArrived { .. } | UiCommand::Checked { .. }
            )
        };
        let Some(command) = crate::inbox::take_first(opening) else {
            crate::inbox::arrival().await;
            continue;
        };
        let effects = player
            .controller
            .update(command, run.session.as_ref(), &Browser);
        carry_out_now(player, effects, run);
    }
    if let Some(session) = run.session.as_ref() {
        player.ui.render_clock(session);
        let now_ms = js_sys::Date::now();
        for panel in player.ui.sim_panels() {
            panel.render(session, now_ms);
        }
    }
    dom::apply_focus();
}

/// Carries out `effects`, and the run's answers to them, at once: what the app's
/// systems do over a frame, for [`first_step`].
fn carry_out_now(player: &mut Player, effects: Vec<Effect>, run: &mut ActiveRun) {
    let mut requests: VecDeque<RunRequest> = carry_out(player, effects, run).into();
    while let Some(request) = requests.pop_front() {
        match run.apply(&run_command(request)) {
            Ok(events) => {
                let Some(session) = run.session.as_ref() else {
                    continue;
                };
                let effects = player.controller.run_events(session, events, &Browser);
                requests.extend(carry_out(player, effects, run));
            }
            Err(why) => player
                .ui
                .announce(&crate::i18n::trf("That did not work: {}", &[&why])),
        }
    }
}

/// Resolves once the browser has painted the page as it is (or after 100 ms: a
/// hidden tab paints nothing).
async fn painted() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        // An animation frame's callback runs just before that frame is painted;
        // a timer set from it runs after.
        let after = resolve.clone();
        let timer_window = window.clone();
        let on_frame = Closure::once_into_js(move || {
            let _ = timer_window.set_timeout_with_callback_and_timeout_and_arguments_0(&after, 0);
        });
        let _ = window.request_animation_frame(on_frame.unchecked_ref());
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn keyboard_shortcuts() {
    let doc = dom::document();
    let closure =
        Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(|event: web_sys::KeyboardEvent| {
            if event.ctrl_key() || event.alt_key() || event.meta_key() {
                return;
            }
            let typing = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
            if typing {
                return;
            }
            if let Some(n) = event
                .key()
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=9).contains(n))
            {
                push(UiCommand::ChooseNumber(n));
            }
        });
    let _ = doc.add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Draws a records page once its checks are done.
fn show_records(
    ui: &mut Ui,
    view: View,
    profile: &Profile,
    checks: &[Check],
    damaged: Option<&str>,
    chart: Option<&Timeline>,
) {
    match view {
        View::Portfolio { run } => {
            let run = run.and_then(|i| profile.runs.get(i).zip(checks.get(i)));
            match run {
                Some((run, check)) => ui.portfolio(run, check, chart),
                None => ui.load_failed(
                    "the portfolio page",
                    "this browser no longer has that run (the profile may have been cleared); open your career profile to see the runs it keeps",
                ),
            }
        }
        View::Profile | View::Class => ui.profile(profile, checks, damaged),
    }
}

/// In a frame, a link to the same scenario in a tab of its own, for hosts that
/// block storage or fullscreen in frames.
fn open_in_new_tab_link() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(href) = window.location().href() else {
        return;
    };
    let Ok(url) = web_sys::Url::new(&href) else {
        return;
    };
    url.search_params().delete("parent_origin");
    let link = dom::el("a");
    let _ = link.set_attribute("href", &url.href());
    let _ = link.set_attribute("target", "_blank");
    let _ = link.set_attribute("rel", "noopener");
    let _ = link.set_attribute("id", "open-in-tab");
    let _ = link.set_attribute("class", "open-in-tab");
    link.set_text_content(Some(crate::i18n::tr("Open in a new tab")));
    if let Some(header) = dom::document().query_selector("header").ok().flatten() {
        let _ = header.append_child(&link);
    }
}

/// Shows what the URL asked for, on the first update: its file (fetched since
/// start-up) may already be on screen.
fn open_from_url(
    mut player: NonSendMut<Player>,
    mut run: ResMut<ActiveRun>,
    mut commands: MessageWriter<RunCommand>,
) {
    let effects = player.controller.open_route();
    send(carry_out(&mut player, effects, &mut run), &mut commands);
}

fn drain_inbox(
    mut player: NonSendMut<Player>,
    mut run: ResMut<ActiveRun>,
    mut commands: MessageWriter<RunCommand>,
) {
    for command in drain() {
        let effects = player
            .controller
            .update(command, run.session.as_ref(), &Browser);
        send(carry_out(&mut player, effects, &mut run), &mut commands);
    }
}

/// Hands the runtime's events to the controller; says what the run refused.
fn render_run(
    mut player: NonSendMut<Player>,
    mut run: ResMut<ActiveRun>,
    mut events: MessageReader<RunEvent>,
    mut refused: MessageReader<RunRefused>,
    mut commands: MessageWriter<RunCommand>,
) {
    for r in refused.read() {
        player
            .ui
            .announce(&crate::i18n::trf("That did not work: {}", &[&r.0]));
    }
    let events: Vec<Event<firstshift_sims::Sims>> =
        events.read().map(|e| e.0.clone()).collect();
    let Some(session) = run.session.as_ref() else {
        return;
    };
    let effects = player.controller.run_events(session, events, &Browser);
    send(carry_out(&mut player, effects, &mut run), &mut commands);
}

/// Each frame on the play screen: the clock, the sims' panels, and the save.
fn render_clock(mut player: NonSendMut<Player>, run: Res<ActiveRun>) {
    if player.controller.screen() != Screen::Play {
        return;
    }
    let Some(session) = run.session.as_ref() else {
        return;
    };
    player.ui.render_clock(session);
    crate::embed::resize();
    let now_ms = js_sys::Date::now();
    for panel in player.ui.sim_panels() {
        panel.render(session, now_ms);
    }
    if let Some(Effect::KeepProgress { scenario_id, save }) = player.controller.frame(session) {
        storage::save(&scenario_id, &save);
    }
}

/// Gives the focus a screen asked for, once the frame's changes are made.
fn focus_last() {
    dom::apply_focus();
}

/// Carries out what the controller decided, in order, but for its requests to
/// the run, which are answered (a system sends them on as `RunCommand`s).
fn carry_out(player: &mut Player, effects: Vec<Effect>, run: &mut ActiveRun) -> Vec<RunRequest> {
    let mut requests = Vec::new();
    for effect in effects {
        match effect {
            Effect::Run(request) => requests.push(request),
            Effect::ClockRunning(running) => run.time_scale = if running { 1.0 } else { 0.0 },
            Effect::Fetch(file) => fetch(file),
            Effect::Check { name, text } => wasm_bindgen_futures::spawn_local(async move {
                let answer = crate::checker::check(&name, &text).await;
                push(UiCommand::Checked { name, answer });
            }),
            Effect::Draw(draw) => draw_screen(&mut player.ui, draw, run.session.as_ref()),
            Effect::Paused(paused) => player.ui.set_paused(paused),
            Effect::LoadRecords(view) => wasm_bindgen_futures::spawn_local(async move {
                let portfolio_run = match view {
                    View::Portfolio { run } => run,
                    _ => None,
                };
                let (profile, checks, damaged, chart) =
                    crate::profile::load_checked(portfolio_run).await;
                push(UiCommand::ShowRecords {
                    view,
                    profile,
                    checks,
                    damaged,
                    chart,
                });
            }),
            Effect::SaveReflection => save_reflection(&player.ui, player.controller.hosts()),
            Effect::ClearProfile => {
                crate::profile::clear();
                player.ui.profile(&Default::default(), &[], None);
                player
                    .ui
                    .announce(crate::i18n::tr("Your career profile is cleared."));
            }
            Effect::Download => {
                if let Some(session) = run.session.as_ref() {
                    download_transcript(session);
                }
            }
            Effect::KeepProgress { scenario_id, save } => storage::save(&scenario_id, &save),
            Effect::Mark(name) => dom::mark(name),
        }
    }
    requests
}

fn send(requests: Vec<RunRequest>, commands: &mut MessageWriter<RunCommand>) {
    commands.write_batch(requests.into_iter().map(run_command));
}

fn run_command(request: RunRequest) -> RunCommand {
    match request {
        RunRequest::Start { scenario, seed } => RunCommand::Start { scenario, seed },
        RunRequest::Resume {
            scenario,
            transcript,
        } => RunCommand::Resume {
            scenario,
            transcript,
        },
        RunRequest::Choose(id) => RunCommand::Choose(id),
        RunRequest::Pause => RunCommand::Pause,
        RunRequest::Unpause => RunCommand::Unpause,
        RunRequest::Restart => RunCommand::Restart,
        RunRequest::Wait(seconds) => RunCommand::Wait(seconds),
    }
}

/// Draws what the controller asked for.
fn draw_screen(ui: &mut Ui, draw: Draw, session: Option<&Session>) {
    use crate::i18n::{tr, trf};
    match draw {
        Draw::Opening(path) => ui.loading(&trf("Opening {}…", &[&path])),
        Draw::Checking(name) => ui.loading(&trf("Checking {}…", &[&name])),
        Draw::CheckingRecords => ui.loading(tr("Checking your runs…")),
        Draw::Catalog(catalog) => ui.catalog(&catalog),
        Draw::Failed { what, why } => ui.load_failed(&what, &why),
        Draw::Errors { name, diagnostics } => ui.errors(&name, &diagnostics),
        Draw::ResumePrompt { scenario, choices } => ui.resume_prompt(&scenario, choices),
        Draw::Play {
            scenario,
            content_in_english,
        } => {
            ui.content_in_english = content_in_english;
            ui.begin_play(&scenario);
        }
        Draw::Events(events) => {
            if let Some(session) = session {
                ui.render_events(session, &events);
            }
        }
        Draw::Debrief {
            report,
            keep_in_profile,
        } => {
            let Some(session) = session else {
                return;
            };
            let record = keep_in_profile.then(|| {
                crate::profile::record_run(session.scenario(), &report, session.transcript())
            });
            ui.debrief(session, &report, record);
            // The whole run and its whole score report, for the browser tests that
            // check native and wasm agree (and for assistive tools).
            if let Some(app) = dom::document().get_element_by_id("app") {
                let _ = app.set_attribute(
                    "data-report",
                    &serde_json::to_string(&*report).unwrap_or_default(),
                );
                let _ = app.set_attribute(
                    "data-transcript",
                    &serde_json::to_string(&session.transcript()).unwrap_or_default(),
                );
            }
        }
        Draw::Records {
            view,
            profile,
            checks,
            damaged,
            chart,
        } => show_records(ui, view, &profile, &checks, damaged.as_deref(), chart.as_ref()),
        Draw::ClassResults => ui.class_results(),
    }
}

fn download_transcript(session: &Session) {
    let json = serde_json::to_string_pretty(&session.transcript()).unwrap_or_default();
    let slug = session.scenario().id.rsplit('/').next().unwrap_or("run");
    dom::download(
        &json,
        "application/json",
        &format!("firstshift-{slug}-run.json"),
    );
}

/// Reads the reflection form, keeps the answers with the run, and sends them to the
/// LMS that launched the player (if any).
fn save_reflection(ui: &Ui, hosts: &mut Hosts) {
    let doc = dom::document();
    let Some(form) = doc.get_element_by_id("reflection") else {
        return;
    };
    // The run's place in this browser's profile; none in an LMS launch.
    let index = form
        .get_attribute("data-run")
        .and_then(|r| r.parse::<usize>().ok());
    let interest = doc
        .query_selector("input[name=interest]:checked")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("value"))
        .and_then(|v| v.parse::<u8>().ok());
    let surprised = doc
        .get_element_by_id("surprised")
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|t| t.value())
        .unwrap_or_default();
    let skill = doc
        .get_element_by_id("skill")
        .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .and_then(|v| serde_json::from_str(&format!("\"{v}\"")).ok());
    let reflection = firstshift_report::profile::Reflection::new(interest, &surprised, skill);
    let status = doc.get_element_by_id("reflection-status");
    if reflection.is_empty() {
        if let Some(s) = status {
            s.set_text_content(Some(crate::i18n::tr(
                "Answer at least one question, then save.",
            )));
        }
        return;
    }
    let kept = index.map(|i| crate::profile::reflect(i, reflection.clone()));
    let skill_name = reflection.skill.map(|p| p.title());
    hosts.reflected(reflection.interest, &reflection.surprised, skill_name);
    let message = match kept {
        Some(true) => crate::i18n::tr("Saved. Your reflection is on your portfolio page."),
        Some(false) => {
            crate::i18n::tr("This browser could not keep it (storage is full or blocked).")
        }
        None => crate::i18n::tr("Saved. Your reflection was sent to your course."),
    };
    if let Some(s) = status {
        s.set_text_content(Some(message));
    }
    ui.announce(message);
}
