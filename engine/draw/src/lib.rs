//! A 2D scene as plain data: what a view paints in one frame.
//!
//! Views (the branching card, the bedside monitor, the production line) are pure
//! functions that fill a [`Frame`] from the run's state. A front end replays the
//! frame into whatever it draws with: the web player into a
//! `CanvasRenderingContext2d` (`web/src/canvas.rs`), in the page's own fonts, so
//! every glyph is the browser's and no GPU or WebGL is needed. Tests read the same
//! frame natively: which texts are shown, in which colours, where.
//!
//! Coordinates are design pixels in a [`Frame::WIDTH`] × [`Frame::HEIGHT`] box, x to
//! the right and y down from the top-left corner; the front end scales the box to
//! fit its canvas.

pub mod card;
pub mod chart;
mod colour;

pub use colour::Rgb;

/// How a text's `x` relates to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// How a text's `y` relates to the text (the first line, for wrapped text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Baseline {
    Top,
    Middle,
    Bottom,
}

/// One thing to paint, in painting order.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A filled rectangle from its top-left corner.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Rgb,
    },
    /// A rectangle's outline, the line centred on its edges.
    Outline {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        stroke: Rgb,
        width: f32,
    },
    /// A line through the points, in order.
    Polyline {
        points: Vec<(f32, f32)>,
        stroke: Rgb,
        width: f32,
    },
    Text(Text),
}

/// A run of text in the page's sans-serif font.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub text: String,
    pub x: f32,
    pub y: f32,
    /// Font size in design pixels.
    pub size: f32,
    pub colour: Rgb,
    pub bold: bool,
    pub align: Align,
    pub baseline: Baseline,
    /// Wrap at word boundaries to lines no wider than this (the front end measures
    /// the words in its font). `None`: one line.
    pub wrap: Option<f32>,
    /// Squeeze a single line to no wider than this (a canvas's `maxWidth`): a
    /// reading never runs into the label beside it, whatever the font.
    pub fit: Option<f32>,
}

impl Text {
    pub fn new(text: impl Into<String>, x: f32, y: f32, size: f32, colour: Rgb) -> Text {
        Text {
            text: text.into(),
            x,
            y,
            size,
            colour,
            bold: false,
            align: Align::Left,
            baseline: Baseline::Top,
            wrap: None,
            fit: None,
        }
    }

    pub fn align(mut self, align: Align, baseline: Baseline) -> Text {
        self.align = align;
        self.baseline = baseline;
        self
    }

    pub fn bold(mut self) -> Text {
        self.bold = true;
        self
    }

    pub fn wrap(mut self, width: f32) -> Text {
        self.wrap = Some(width);
        self
    }

    pub fn fit(mut self, width: f32) -> Text {
        self.fit = Some(width);
        self
    }

    /// The horizontal span a fitted text may cover, from its `x` and alignment.
    /// `None` for a text with no `fit`.
    pub fn span(&self) -> Option<(f32, f32)> {
        let width = self.fit?;
        Some(match self.align {
            Align::Left => (self.x, self.x + width),
            Align::Center => (self.x - width / 2.0, self.x + width / 2.0),
            Align::Right => (self.x - width, self.x),
        })
    }
}

/// Everything painted in one frame, back to front.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub background: Rgb,
    /// The design box: [`Frame::WIDTH`] × [`Frame::HEIGHT`] for a live view; a
    /// chart is as tall as its lanes and as wide as the screen lets it be.
    pub width: f32,
    pub height: f32,
    pub shapes: Vec<Shape>,
}

impl Frame {
    /// The design box every view paints into.
    pub const WIDTH: f32 = 800.0;
    pub const HEIGHT: f32 = 220.0;

    pub fn new(background: Rgb) -> Frame {
        Frame::sized(background, Frame::WIDTH, Frame::HEIGHT)
    }

    /// A frame with a design box of its own.
    pub fn sized(background: Rgb, width: f32, height: f32) -> Frame {
        Frame {
            background,
            width,
            height,
            shapes: Vec::new(),
        }
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Rgb) {
        self.shapes.push(Shape::Rect { x, y, w, h, fill });
    }

    pub fn outline(&mut self, x: f32, y: f32, w: f32, h: f32, stroke: Rgb, width: f32) {
        self.shapes.push(Shape::Outline {
            x,
            y,
            w,
            h,
            stroke,
            width,
        });
    }

    pub fn polyline(&mut self, points: Vec<(f32, f32)>, stroke: Rgb, width: f32) {
        self.shapes.push(Shape::Polyline {
            points,
            stroke,
            width,
        });
    }

    pub fn text(&mut self, text: Text) {
        self.shapes.push(Shape::Text(text));
    }

    /// Every text painted, in order: what a test (or a reader of the frame) sees.
    pub fn texts(&self) -> impl Iterator<Item = &Text> {
        self.shapes.iter().filter_map(|s| match s {
            Shape::Text(t) => Some(t),
            _ => None,
        })
    }

    /// Whether some text reads exactly `wanted`.
    pub fn shows(&self, wanted: &str) -> bool {
        self.texts().any(|t| t.text == wanted)
    }

    /// Every fill and stroke colour used by rectangles and lines.
    pub fn colours(&self) -> Vec<Rgb> {
        self.shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Rect { fill, .. } => Some(*fill),
                Shape::Outline { stroke, .. } | Shape::Polyline { stroke, .. } => Some(*stroke),
                Shape::Text(_) => None,
            })
            .collect()
    }

    /// The lines (traces) painted.
    pub fn polylines(&self) -> impl Iterator<Item = (&[(f32, f32)], Rgb)> {
        self.shapes.iter().filter_map(|s| match s {
            Shape::Polyline { points, stroke, .. } => Some((points.as_slice(), *stroke)),
            _ => None,
        })
    }
}

/// The vertical band a one-line text covers, for layout checks: from `y` by its
/// baseline, with the font's full line height (1.2 × size), since the glyphs'
/// exact extent depends on the front end's font.
pub fn text_band(text: &Text) -> (f32, f32) {
    let height = text.size * 1.2;
    let top = match text.baseline {
        Baseline::Top => text.y,
        Baseline::Middle => text.y - height / 2.0,
        Baseline::Bottom => text.y - height,
    };
    (top, top + height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_lists_its_texts_and_colours_in_painting_order() {
        let mut frame = Frame::new(Rgb::BLACK);
        frame.rect(0.0, 0.0, 10.0, 10.0, Rgb::new(1, 2, 3));
        frame.text(Text::new("Hello", 5.0, 5.0, 12.0, Rgb::WHITE));
        frame.polyline(vec![(0.0, 0.0), (1.0, 1.0)], Rgb::new(4, 5, 6), 2.0);
        assert!(frame.shows("Hello"));
        assert!(!frame.shows("Hell"));
        assert_eq!(frame.colours(), vec![Rgb::new(1, 2, 3), Rgb::new(4, 5, 6)]);
        assert_eq!(frame.polylines().count(), 1);
    }

    #[test]
    fn a_text_band_follows_its_baseline() {
        let text = Text::new("x", 0.0, 100.0, 10.0, Rgb::WHITE);
        assert_eq!(text_band(&text), (100.0, 112.0));
        let bottom = text.clone().align(Align::Left, Baseline::Bottom);
        assert_eq!(text_band(&bottom), (88.0, 100.0));
        let middle = text.align(Align::Left, Baseline::Middle);
        assert_eq!(text_band(&middle), (94.0, 106.0));
    }
}
