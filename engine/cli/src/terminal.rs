//! Everything the CLI prints goes through [`printable`]: a scenario, a run file or a
//! file name may hold control characters, and a terminal obeys the escape sequences
//! they form (moving the cursor, rewriting what a teacher already read, changing a
//! window title, or worse on old terminals). They are shown escaped instead.

use std::borrow::Cow;

/// The text with every control character except newline and tab written as
/// `\u{..}`: C0 (including ESC and a bare carriage return), DEL and C1 (some
/// terminals read U+009B as the start of an escape sequence).
pub fn printable(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `print!` through [`printable`].
macro_rules! out {
    ($($t:tt)*) => { print!("{}", $crate::terminal::printable(&format!($($t)*))) };
}

/// `println!` through [`printable`].
macro_rules! outln {
    () => { println!() };
    ($($t:tt)*) => { println!("{}", $crate::terminal::printable(&format!($($t)*))) };
}

/// `eprintln!` through [`printable`].
macro_rules! errln {
    () => { eprintln!() };
    ($($t:tt)*) => { eprintln!("{}", $crate::terminal::printable(&format!($($t)*))) };
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        assert_eq!(
            printable("plain text\n\tindented"),
            "plain text\n\tindented"
        );
        assert_eq!(
            printable("\u{1b}]0;pwned\u{7}title"),
            "\\u{1b}]0;pwned\\u{7}title"
        );
        assert_eq!(printable("a\rb"), "a\\u{d}b");
        assert_eq!(printable("\u{9b}2J"), "\\u{9b}2J");
        assert_eq!(printable("\u{7f}"), "\\u{7f}");
        assert_eq!(printable("café ✓"), "café ✓");
    }
}
