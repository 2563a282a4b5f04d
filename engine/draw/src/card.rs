//! The branching scenario's card: the role and setting, the clock, where the run
//! is, and how far through the story. Every scenario shows it unless a sim draws
//! a richer view.

use crate::{Align, Baseline, Frame, Rgb, Text};

pub const BACKGROUND: Rgb = Rgb::new(18, 28, 51);
const CARD: Rgb = Rgb::new(31, 46, 79);
const SOFT_WHITE: Rgb = Rgb::new(217, 227, 245);
const CLOCK: Rgb = Rgb::new(255, 217, 102);
const TRACK: Rgb = Rgb::new(51, 66, 102);
pub const PROGRESS: Rgb = Rgb::new(102, 217, 140);

/// What the card says.
#[derive(Debug, Clone, PartialEq)]
pub struct Card<'a> {
    pub career: &'a str,
    pub setting: &'a str,
    /// The simulated clock, as the page writes it (`clock_text`).
    pub clock: &'a str,
    /// "Step 3", "Paused", "Finished".
    pub status: &'a str,
    /// 0–1 through the story.
    pub progress: f32,
}

const BAR_X: f32 = 476.0;
const BAR_WIDTH: f32 = 300.0;

pub fn paint(frame: &mut Frame, card: &Card<'_>) {
    frame.rect(0.0, 0.0, Frame::WIDTH, Frame::HEIGHT, BACKGROUND);
    frame.rect(24.0, 20.0, 470.0, 180.0, CARD);
    // Long job titles and settings wrap inside the card instead of running into
    // the clock.
    frame.text(
        Text::new(card.career, 40.0, 70.0, 24.0, Rgb::WHITE)
            .bold()
            .align(Align::Left, Baseline::Bottom)
            .wrap(430.0),
    );
    frame.text(Text::new(card.setting, 40.0, 82.0, 16.0, SOFT_WHITE).wrap(430.0));
    frame.text(
        Text::new(card.clock, BAR_X + 36.0, 65.0, 56.0, CLOCK)
            .bold()
            .align(Align::Left, Baseline::Middle)
            .fit(BAR_WIDTH - 36.0),
    );
    frame.text(
        Text::new(card.status, BAR_X + 36.0, 125.0, 18.0, SOFT_WHITE)
            .align(Align::Left, Baseline::Middle)
            .fit(BAR_WIDTH - 36.0),
    );
    let x = BAR_X + 36.0;
    let width = BAR_WIDTH - 36.0;
    frame.rect(x, 153.0, width, 14.0, TRACK);
    let done = width * card.progress.clamp(0.0, 1.0);
    if done > 0.0 {
        frame.rect(x, 153.0, done, 14.0, PROGRESS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Shape;

    #[test]
    fn the_card_says_the_role_the_clock_and_the_progress() {
        let mut frame = Frame::new(BACKGROUND);
        paint(
            &mut frame,
            &Card {
                career: "Front desk agent",
                setting: "A busy hotel",
                clock: "0:02",
                status: "Step 2",
                progress: 0.5,
            },
        );
        for text in ["Front desk agent", "A busy hotel", "0:02", "Step 2"] {
            assert!(frame.shows(text), "{text}");
        }
        let bar = frame.shapes.iter().find_map(|s| match s {
            Shape::Rect { w, fill, .. } if *fill == PROGRESS => Some(*w),
            _ => None,
        });
        assert_eq!(bar, Some(132.0), "half of the 264-pixel bar");
    }
}
