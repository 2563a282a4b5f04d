//! The line's scene: it shows what the report says, colours each station by its
//! state, writes every state in words, and outlines the bottleneck.

use firstshift_draw::{Frame, Shape};
use firstshift_line::scene::{self, BOTTLENECK, state_colour};
use firstshift_line::{Line, LineSetup, StationState};

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

fn painted(line: &Line) -> Frame {
    let mut frame = Frame::new(scene::PANEL);
    scene::paint(&mut frame, &line.report());
    frame
}

#[test]
fn shows_each_station_its_state_its_buffer_and_the_kpis() {
    let line = line();
    let report = line.report();
    let frame = painted(&line);
    for name in ["Cutter", "Welder", "Packer"] {
        assert!(frame.shows(name), "{name}");
    }
    for station in &report.stations {
        let words = firstshift_line::board::state_words(station, report.language);
        assert!(frame.shows(&words), "{words}");
    }
    // The cutter spends its time waiting for the welder.
    assert!(report.stations[0].share(StationState::Blocked) > 0.3);
    assert!(frame.shows("4/4"), "a full buffer");
    assert!(frame.shows(&format!("{} good of 500", report.good)));
    assert!(frame.texts().any(|t| t.text.starts_with("OEE ")));
    let colours = frame.colours();
    for station in &report.stations {
        assert!(
            colours.contains(&state_colour(station.state)),
            "{:?}",
            station.state
        );
    }
    // Only the three stations are drawn.
    let crews = frame.texts().filter(|t| t.text.ends_with("person")).count();
    assert_eq!(crews, 3);
    // The legend names every colour.
    for state in StationState::ALL {
        assert!(frame.shows(state.word()), "{state:?} in the legend");
    }
}

#[test]
fn the_bottleneck_alone_is_outlined() {
    let line = line();
    assert_eq!(line.report().bottleneck, Some(1));
    let frame = painted(&line);
    let outlines: Vec<_> = frame
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Outline { stroke, .. } if *stroke == BOTTLENECK))
        .collect();
    assert_eq!(outlines.len(), 1);
}

#[test]
fn every_shape_stays_inside_the_frame_even_with_the_most_stations() {
    let stations: Vec<String> = (0..firstshift_line::setup::MAX_STATIONS)
        .map(|i| format!(r#"(id: "s{i}", name: "Station {i}", cycle: Fixed(30), buffer: 3)"#))
        .collect();
    let setup: LineSetup = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&format!(
            "(name: \"Long\", stations: [{}], shift: (hours: 8), demand: 500)",
            stations.join(",")
        ))
        .unwrap();
    let mut line = Line::new(&setup, 2);
    line.run_until(1800.0);
    let frame = painted(&line);
    for shape in &frame.shapes {
        if let Shape::Rect { x, y, w, h, .. } | Shape::Outline { x, y, w, h, .. } = shape {
            assert!(*x >= 0.0 && *y >= 0.0, "{shape:?}");
            assert!(x + w <= Frame::WIDTH && y + h <= Frame::HEIGHT, "{shape:?}");
        }
    }
}
