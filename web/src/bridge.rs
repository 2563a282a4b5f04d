//! The app: connects the page to Bevy. DOM events, fetches and the checker push
//! [`UiCommand`]s into the inbox; systems drain it, open what the [`Route`] named,
//! drive the `ScenarioPlugin` with `RunCommand`s, redraw the screens from the
//! runtime's `RunEvent`s and tell the [`Hosts`]. No scenario logic lives here, and
//! the rules it follows (`route`, `rules`, `hosts`) are plain Rust with tests.

use std::sync::Arc;
use std::time::Duration;

use bevy_app::ScheduleRunnerPlugin;
use bevy_app::prelude::*;
use bevy_ecs::prelude::*;
use bevy_time::TimePlugin;
use firstshift_bevy::{ActiveRun, RunCommand, RunEvent, RunRefused, ScenarioPlugin, ScenePlugin};
use firstshift_core::transcript::encode_save;
use firstshift_core::{Event, Transcript};
use firstshift_report::profile::{Check, Profile};
use firstshift_rubric::score_session;
use firstshift_scenario::catalog::Catalog;
use firstshift_scenario::diagnostic::JsonDiagnostic;
use firstshift_scenario::{Scenario, Session};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::dom;
use crate::hosts::{Began, Hosts};
use crate::inbox::{UiCommand, drain, fetch, push};
use crate::opening::{Next, Opening};
use crate::route::{Route, SiteFile, View};
use crate::rules::{self, Start};
use crate::screens::{Screen, Ui};
use crate::storage;

/// The player's state that lives beside the Bevy world (DOM handles are not `Send`).
struct Player {
    ui: Ui,
    /// What the URL asked for, until the first update shows it.
    route: Option<Route>,
    /// The catalog index once it has arrived, or why it could not be read.
    catalog: Option<Result<Catalog, String>>,
    /// The scenario being opened: the file on its way, the ones to try next.
    opening: Opening,
    current: Option<Arc<Scenario>>,
    saved: Option<Transcript>,
    manual_clock: bool,
    last_saved_clock: u64,
    /// Who the run is reported to: the embedding page, the LMS, this browser's save.
    hosts: Hosts,
    /// Launched by an LMS: it keeps the save, and this is the one it held.
    lms: bool,
    lms_saved: Option<String>,
}

/// Starts the player: at once, or for a cmi5 launch once the token and the learner's
/// language preference are in (the page is built in that language). A cmi5 launch
/// whose LRS address this package may not use is refused with a message.
pub fn run() {
    match crate::cmi5::launched() {
        crate::cmi5::Launched::No => start_player(false, None),
        crate::cmi5::Launched::Refused(why) => {
            crate::i18n::init(None);
            dom::show_launch_refused(&why);
        }
        crate::cmi5::Launched::Yes(params) => wasm_bindgen_futures::spawn_local(async move {
            match crate::cmi5::connect(params).await {
                Ok(language) => start_player(true, language),
                Err(why) => {
                    start_player(true, None);
                    crate::cmi5::fail(&why);
                }
            }
        }),
    }
}

fn start_player(cmi5: bool, language: Option<&str>) {
    let language = crate::i18n::init(language);
    // What the URL asks for, decided first, so its file is on its way while the
    // page and the app are built.
    let route = Route::from_query(dom::query, language.code());
    if route.needs_catalog() {
        fetch(SiteFile::Catalog);
    }
    // A scenario's files, tried in turn: the first is fetched now.
    let (opening, first) = Opening::new(&route);
    if let Some(first) = first {
        fetch(first);
    }
    // The canvas needs only a 2D context, which every browser gives; `?render=text`
    // leaves it out for students who want the text alone.
    let canvas = dom::query("render").as_deref() != Some("text");
    let ui = Ui::build(canvas);
    keyboard_shortcuts();
    // cmi5 when the LMS launched the player with its parameters; SCORM when it
    // finds an API in a parent or opener window; otherwise standalone.
    let lms_saved = if cmi5 {
        let _ = dom::document()
            .get_element_by_id("app")
            .map(|a| a.set_attribute("data-lms", "cmi5"));
        None
    } else {
        crate::lms::connect()
    };
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
    let lms = crate::lms::with(|_| ()).is_some();
    // One app: the scenario, the scene, the DOM, saves, on a browser timer. The
    // scene is painted into the canvas by our 2D renderer (`canvas`), which has
    // nothing to compile before its first frame.
    let mut app = App::new();
    app.add_plugins((
        TaskPoolPlugin::default(),
        TimePlugin,
        ScheduleRunnerPlugin::run_loop(Duration::from_millis(16)),
        ScenarioPlugin,
        ScenePlugin,
    ));
    let manual_clock = dom::test_query("clock").as_deref() == Some("manual");
    app.insert_non_send(Player {
        ui,
        catalog: None,
        route: Some(route),
        opening,
        current: None,
        saved: None,
        manual_clock,
        last_saved_clock: 0,
        hosts: {
            let mut hosts = Hosts::default();
            // Each ignores what its protocol does not say, and all of them do
            // nothing when their host is absent (no parent origin, no LMS).
            hosts.add(storage::LocalSave);
            hosts.add(crate::lms::ScormHost);
            hosts.add(crate::cmi5::Cmi5Host);
            hosts.add(crate::embed::EmbedHost);
            hosts
        },
        lms,
        lms_saved,
    })
    .add_systems(PreUpdate, drain_inbox)
    .add_systems(Update, (open_from_url, show_catalog).chain())
    .add_systems(PostUpdate, (render_run, render_clock).chain());
    crate::view::add_views(&mut app);
    dom::mark("app-built");
    if canvas {
        app.add_plugins(crate::canvas::CanvasPlugin {
            canvas_id: crate::screens::SCENE_CANVAS,
        });
    }
    app.run();
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

/// Shows what the URL asked for, on the first update: its file (fetched since
/// start-up) may already be on screen.
fn open_from_url(mut player: NonSendMut<Player>) {
    let Some(route) = player.route.take() else {
        return;
    };
    dom::mark("first-update");
    match route {
        Route::View(view) => show_view(&mut player.ui, view),
        Route::Refused { what, why } => player.ui.load_failed(&what, &why),
        Route::Scenario { .. } => {
            if let Some(file) = player.opening.pending().cloned() {
                player
                    .ui
                    .loading(&crate::i18n::trf("Opening {}…", &[&file.path()]));
            }
        }
        Route::Catalog => {}
    }
}

/// `?view=profile` and `?view=portfolio&run=N`: pages of the student's own records,
/// drawn once every record is re-scored (the profile is localStorage, which anyone
/// can edit); `?view=class`: the teacher's class results.
fn show_view(ui: &mut Ui, view: View) {
    if view == View::Class {
        ui.class_results();
        return;
    }
    ui.loading(crate::i18n::tr("Checking your runs…"));
    wasm_bindgen_futures::spawn_local(async move {
        let (profile, checks, damaged) = crate::profile::load_checked().await;
        push(UiCommand::ShowRecords {
            view,
            profile,
            checks,
            damaged,
        });
    });
}

/// Draws a records page once its checks are done.
fn show_records(
    ui: &mut Ui,
    view: View,
    profile: &Profile,
    checks: &[Check],
    damaged: Option<&str>,
) {
    match view {
        View::Portfolio { run } => {
            let run = run.and_then(|i| profile.runs.get(i).zip(checks.get(i)));
            match run {
                Some((run, check)) => ui.portfolio(run, check),
                None => ui.load_failed(
                    "the portfolio page",
                    "this browser no longer has that run (the profile may have been cleared); open your career profile to see the runs it keeps",
                ),
            }
        }
        View::Profile | View::Class => ui.profile(profile, checks, damaged),
    }
}

/// Shows the catalog once the index has arrived (when the URL named no scenario).
fn show_catalog(mut player: NonSendMut<Player>) {
    if player.ui.screen != Screen::Loading || player.opening.pending().is_some() {
        return;
    }
    match player.catalog.take() {
        Some(Ok(catalog)) => player.ui.catalog(&catalog),
        Some(Err(why)) => player.ui.load_failed("the scenario catalog", &why),
        None => {}
    }
}

/// Reads a fetched site file: the catalog here, a scenario's through [`Opening`].
fn file_arrived(
    player: &mut Player,
    file: SiteFile,
    text: Result<String, String>,
    run: &mut ActiveRun,
    commands: &mut MessageWriter<RunCommand>,
) {
    if file == SiteFile::Catalog {
        player.catalog = Some(
            text.and_then(|t| crate::catalog::parse(&t))
                .map_err(|why| format!("{why}. Rebuild the site with `cargo xtask build-web`.")),
        );
        return;
    }
    let next = player.opening.arrived(&file, text);
    carry_out(player, next, run, commands);
}

/// Does what opening a scenario needs next: fetch, check, show or fail.
fn carry_out(
    player: &mut Player,
    next: Next,
    run: &mut ActiveRun,
    commands: &mut MessageWriter<RunCommand>,
) {
    match next {
        Next::Ignore => {}
        Next::Fetch(file) => {
            player
                .ui
                .loading(&crate::i18n::trf("Opening {}…", &[&file.path()]));
            fetch(file);
        }
        Next::Check { name, text } => {
            player
                .ui
                .loading(&crate::i18n::trf("Checking {}…", &[&name]));
            wasm_bindgen_futures::spawn_local(async move {
                let answer = crate::checker::check(&name, &text).await;
                push(UiCommand::Checked { name, answer });
            });
        }
        Next::Present {
            name,
            scenario,
            diagnostics,
            translated,
        } => {
            dom::mark("scenario-loaded");
            // Scenario text the student's language does not have is marked English.
            player.ui.content_in_english =
                !translated && crate::i18n::current() != crate::i18n::Lang::En;
            present(player, &name, scenario, &diagnostics, run, commands);
        }
        Next::Failed { what, why } => player.ui.load_failed(&what, &why),
    }
}

/// Shows the error panel for a broken file, or starts (or offers to resume) a good one.
fn present(
    player: &mut Player,
    name: &str,
    scenario: Option<Arc<Scenario>>,
    diagnostics: &[JsonDiagnostic],
    run: &mut ActiveRun,
    commands: &mut MessageWriter<RunCommand>,
) {
    let Some(scenario) = scenario else {
        player.ui.errors(name, diagnostics);
        return;
    };
    player.current = Some(Arc::clone(&scenario));
    let lms_save = player.lms_saved.take();
    let local_save = (!player.lms).then(|| storage::load(&scenario.id)).flatten();
    match rules::start(&scenario, player.lms, lms_save.as_deref(), local_save.as_deref()) {
        Start::Resume(transcript) => {
            let began = Began::ResumedFromLms {
                choices: transcript.choices.len(),
            };
            commands.write(RunCommand::Resume {
                scenario: Arc::clone(&scenario),
                transcript,
            });
            begin_play(player, run, &scenario, began);
        }
        Start::Ask(transcript) => {
            player.ui.resume_prompt(&scenario, transcript.choices.len());
            player.saved = Some(transcript);
        }
        Start::Fresh => start_fresh(player, run, commands),
    }
}

fn start_fresh(player: &mut Player, run: &mut ActiveRun, commands: &mut MessageWriter<RunCommand>) {
    let Some(scenario) = player.current.clone() else {
        return;
    };
    // The seed only matters to simulations (a line's luck, a patient's noise); it is
    // recorded in the run. The browser tests fix it with `?seed=`; nobody else can.
    let seed = dom::test_query("seed")
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or_else(|| (js_sys::Math::random() * f64::from(u32::MAX)) as u64);
    commands.write(RunCommand::Start {
        scenario: Arc::clone(&scenario),
        seed,
    });
    begin_play(player, run, &scenario, Began::Fresh);
}

fn begin_play(player: &mut Player, run: &mut ActiveRun, scenario: &Scenario, how: Began) {
    run.time_scale = if player.manual_clock { 0.0 } else { 1.0 };
    player.last_saved_clock = 0;
    player.ui.begin_play(scenario);
    player.hosts.began(scenario, how);
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

fn drain_inbox(
    mut player: NonSendMut<Player>,
    mut run: ResMut<ActiveRun>,
    mut commands: MessageWriter<RunCommand>,
) {
    for command in drain() {
        match command {
            UiCommand::OpenText { name, text } => {
                player.opening.open_text(&name);
                carry_out(&mut player, Next::Check { name, text }, &mut run, &mut commands);
            }
            UiCommand::Choose(id) => {
                if player.ui.screen == Screen::Play && !run.paused {
                    commands.write(RunCommand::Choose(id));
                }
            }
            UiCommand::ChooseNumber(n) => {
                if player.ui.screen == Screen::Play && !run.paused {
                    let id = run
                        .session
                        .as_ref()
                        .and_then(|s| s.offered().get(n - 1).map(|c| c.id.clone()));
                    if let Some(id) = id {
                        commands.write(RunCommand::Choose(id));
                    }
                }
            }
            UiCommand::TogglePause => {
                let paused = !run.paused;
                commands.write(if paused {
                    RunCommand::Pause
                } else {
                    RunCommand::Unpause
                });
                player.ui.set_paused(paused);
            }
            UiCommand::Restart => {
                if let Some(scenario) = player.current.clone() {
                    commands.write(RunCommand::Restart);
                    begin_play(&mut player, &mut run, &scenario, Began::Restarted);
                }
            }
            UiCommand::ContinueSaved => {
                if let (Some(scenario), Some(transcript)) =
                    (player.current.clone(), player.saved.take())
                {
                    let began = Began::Continued {
                        choices: transcript.choices.len(),
                    };
                    commands.write(RunCommand::Resume {
                        scenario: Arc::clone(&scenario),
                        transcript,
                    });
                    begin_play(&mut player, &mut run, &scenario, began);
                }
            }
            UiCommand::StartOver => {
                player.saved = None;
                start_fresh(&mut player, &mut run, &mut commands);
            }
            UiCommand::SaveReflection => {
                let player = &mut *player;
                save_reflection(&player.ui, &mut player.hosts);
            }
            UiCommand::ShowRecords {
                view,
                profile,
                checks,
                damaged,
            } => show_records(&mut player.ui, view, &profile, &checks, damaged.as_deref()),
            UiCommand::ClearProfile => {
                crate::profile::clear();
                player.ui.profile(&Default::default(), &[], None);
                player
                    .ui
                    .announce(crate::i18n::tr("Your career profile is cleared."));
            }
            UiCommand::Download => {
                if let Some(session) = run.session.as_ref() {
                    download_transcript(session);
                }
            }
            UiCommand::Wait(seconds) => {
                commands.write(RunCommand::Wait(seconds));
            }
            UiCommand::FileArrived { file, text } => {
                file_arrived(&mut player, file, text, &mut run, &mut commands);
            }
            UiCommand::Checked { name, answer } => {
                let next = player.opening.checked(&name, answer);
                carry_out(&mut player, next, &mut run, &mut commands);
            }
        }
    }
}

/// Redraws the DOM from the runtime's events; saves the run after each change.
fn render_run(
    mut player: NonSendMut<Player>,
    run: Res<ActiveRun>,
    mut events: MessageReader<RunEvent>,
    mut refused: MessageReader<RunRefused>,
) {
    for r in refused.read() {
        player
            .ui
            .announce(&crate::i18n::trf("That did not work: {}", &[&r.0]));
    }
    let events: Vec<Event<firstshift_scenario::Sims>> =
        events.read().map(|e| e.0.clone()).collect();
    let Some(session) = run.session.as_ref() else {
        return;
    };
    if events.is_empty() {
        return;
    }
    let save = encode_save(session);
    player.hosts.events(session, &events, &save);
    let finished = events
        .iter()
        .any(|e| matches!(e, Event::Ended { .. } | Event::Stuck { .. }));
    if finished {
        let report = score_session(session);
        // An LMS launch keeps the run in the LMS, not in this browser's career
        // profile: on a shared computer the next student would see it, with the
        // reflection's words.
        let launched_by_lms = player.lms || crate::cmi5::is_active();
        let record = (!launched_by_lms)
            .then(|| crate::profile::record_run(session.scenario(), &report, session.transcript()));
        player.ui.debrief(session, &report, record);
        player.hosts.finished(session, &report, &save);
        // The whole run and its whole score report, for the browser tests that
        // check native and wasm agree (and for assistive tools).
        let _ = dom::document().get_element_by_id("app").map(|a| {
            let _ = a.set_attribute(
                "data-report",
                &serde_json::to_string(&report).unwrap_or_default(),
            );
            a.set_attribute(
                "data-transcript",
                &serde_json::to_string(&session.transcript()).unwrap_or_default(),
            )
        });
    } else {
        player.ui.render_events(session, &events);
        player.last_saved_clock = session.clock();
    }
}

fn render_clock(mut player: NonSendMut<Player>, run: Res<ActiveRun>) {
    if player.ui.screen != Screen::Play {
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
    // Keep the saved clock roughly current, so a reload resumes at the right time.
    if session.clock() >= player.last_saved_clock + 10 && !session.is_finished() {
        storage::save(&session.scenario().id, &encode_save(session));
        player.last_saved_clock = session.clock();
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
