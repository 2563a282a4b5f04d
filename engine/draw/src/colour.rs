//! Colours as 8-bit sRGB, written the way CSS reads them.

use std::fmt;

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0, 0, 0);
    pub const WHITE: Rgb = Rgb(255, 255, 255);

    pub const fn new(r: u8, g: u8, b: u8) -> Rgb {
        Rgb(r, g, b)
    }

    /// This colour moved `amount` (0–1) of the way towards `other`.
    pub fn mix(self, other: Rgb, amount: f32) -> Rgb {
        let amount = amount.clamp(0.0, 1.0);
        let channel = |a: u8, b: u8| -> u8 {
            let value = f32::from(a) + (f32::from(b) - f32::from(a)) * amount;
            // Round half up; the value is already within 0–255.
            (value + 0.5) as u8
        };
        Rgb(
            channel(self.0, other.0),
            channel(self.1, other.1),
            channel(self.2, other.2),
        )
    }
}

/// `#rrggbb`, for a canvas's `fillStyle` and `strokeStyle`.
impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_css_hex_and_mixes() {
        assert_eq!(Rgb::new(255, 16, 0).to_string(), "#ff1000");
        assert_eq!(Rgb::BLACK.mix(Rgb::WHITE, 0.5), Rgb(128, 128, 128));
        assert_eq!(Rgb::BLACK.mix(Rgb::WHITE, 2.0), Rgb::WHITE);
    }
}
