//! The line's Bevy view, run headless: it shows what the report says, hides without
//! a line, colours each station by its state, and outlines the bottleneck.
#![cfg(feature = "bevy")]

use bevy::prelude::*;
use firstshift_line::view::{LineFeed, LinePart, LineView, state_colour};
use firstshift_line::{Line, LineSetup, StationState};

fn app() -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, LineView));
    app.update();
    app
}

fn line() -> Line {
    let setup: LineSetup = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(
            r#"(name: "Cell", stations: [
                (id: "cut", name: "Cutter", cycle: Fixed(30), buffer: 4),
                (id: "weld", name: "Welder", cycle: Fixed(50), buffer: 4),
                (id: "pack", name: "Packer", cycle: Fixed(20), buffer: 4),
            ], shift: (hours: 8), demand: 500)"#,
        )
        .unwrap();
    let mut line = Line::new(&setup, 1);
    line.run_until(3600.0);
    line
}

fn feed(app: &mut App, line: Option<&Line>) {
    app.world_mut().resource_mut::<LineFeed>().report = line.map(Line::report);
    app.update();
    app.update();
}

fn visible_texts(app: &mut App) -> Vec<String> {
    let world = app.world_mut();
    let mut q = world.query_filtered::<(&Text2d, &Visibility), With<LinePart>>();
    q.iter(world)
        .filter(|(_, v)| **v != Visibility::Hidden)
        .map(|(t, _)| t.0.clone())
        .collect()
}

fn visible_colours(app: &mut App) -> Vec<Color> {
    let world = app.world_mut();
    let mut q = world.query_filtered::<(&Sprite, &Visibility), With<LinePart>>();
    q.iter(world)
        .filter(|(_, v)| **v != Visibility::Hidden)
        .map(|(s, _)| s.color)
        .collect()
}

#[test]
fn hidden_without_a_line() {
    let mut app = app();
    let world = app.world_mut();
    let mut q = world.query_filtered::<&Visibility, With<LinePart>>();
    assert!(q.iter(world).all(|v| *v == Visibility::Hidden));
}

#[test]
fn shows_each_station_its_state_its_buffer_and_the_kpis() {
    let mut app = app();
    let line = line();
    let report = line.report();
    feed(&mut app, Some(&line));
    let texts = visible_texts(&mut app);
    for name in ["Cutter", "Welder", "Packer"] {
        assert!(texts.iter().any(|t| t == name), "{name} in {texts:?}");
    }
    for station in &report.stations {
        let words = firstshift_line::board::state_words(station);
        assert!(texts.contains(&words), "{words} in {texts:?}");
    }
    // The cutter spends its time waiting for the welder.
    assert!(report.stations[0].share(StationState::Blocked) > 0.3);
    assert!(texts.iter().any(|t| t == "4/4"), "a full buffer: {texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t == &format!("{} good of 500", report.good)),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.starts_with("OEE ")), "{texts:?}");
    let colours = visible_colours(&mut app);
    for station in &report.stations {
        assert!(
            colours.contains(&state_colour(station.state)),
            "{:?}",
            station.state
        );
    }
    // Only the three stations' slots show, not all twelve.
    let crews = texts.iter().filter(|t| t.ends_with("person")).count();
    assert_eq!(crews, 3, "{texts:?}");
}

#[test]
fn the_bottleneck_is_outlined_and_hides_with_the_line() {
    let mut app = app();
    let line = line();
    assert_eq!(line.report().bottleneck, Some(1));
    feed(&mut app, Some(&line));
    let outline = Color::srgb(1.0, 0.85, 0.3);
    assert_eq!(
        visible_colours(&mut app)
            .iter()
            .filter(|c| **c == outline)
            .count(),
        1
    );
    feed(&mut app, None);
    let world = app.world_mut();
    let mut q = world.query_filtered::<&Visibility, With<LinePart>>();
    assert!(q.iter(world).all(|v| *v == Visibility::Hidden));
}
