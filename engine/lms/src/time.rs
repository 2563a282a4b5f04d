//! Time as SCORM writes it.

/// SCORM 1.2 `CMITimespan`: `HHHH:MM:SS.SS` (hours at least two digits).
pub fn timespan_12(seconds: f64) -> String {
    let centis = (seconds.max(0.0) * 100.0).round() as u64;
    let (h, rest) = (centis / 360_000, centis % 360_000);
    let (m, rest) = (rest / 6_000, rest % 6_000);
    let (s, c) = (rest / 100, rest % 100);
    format!("{h:02}:{m:02}:{s:02}.{c:02}")
}

/// SCORM 2004 `timeinterval (second,10,2)`: an ISO 8601 duration, `PT1H2M3.5S`.
pub fn duration_2004(seconds: f64) -> String {
    let centis = (seconds.max(0.0) * 100.0).round() as u64;
    let (h, rest) = (centis / 360_000, centis % 360_000);
    let (m, rest) = (rest / 6_000, rest % 6_000);
    let (s, c) = (rest / 100, rest % 100);
    let mut out = String::from("PT");
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if m > 0 {
        out.push_str(&format!("{m}M"));
    }
    if c > 0 {
        out.push_str(&format!("{s}.{c:02}S"));
    } else {
        out.push_str(&format!("{s}S"));
    }
    out
}

/// SCORM 1.2 `CMITime` (a time of day, `HH:MM:SS`) from milliseconds since the Unix
/// epoch, in UTC.
pub fn time_of_day_12(unix_ms: f64) -> String {
    let s = (unix_ms / 1000.0).floor().max(0.0) as u64 % 86_400;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// SCORM 2004 `time (second,10,0)`: `YYYY-MM-DDThh:mm:ss.ssZ` from milliseconds
/// since the Unix epoch, to the hundredth of a second. The data model allows the
/// time zone designator only after fractional seconds
/// (`YYYY[-MM[-DD[Thh[:mm[:ss[.s[TZD]]]]]]]`), so a strict runtime refuses
/// `…:23Z`; the fraction is always written. Also a valid ISO 8601 timestamp for xAPI.
pub fn timestamp_2004(unix_ms: f64) -> String {
    let centis = (unix_ms / 10.0).floor().max(0.0) as i64;
    let (secs, hundredths) = (centis.div_euclid(100), centis.rem_euclid(100));
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, mo, d) = civil_from_days(days);
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}.{hundredths:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// Days since 1970-01-01 to a (year, month, day) date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timespans_and_durations() {
        assert_eq!(timespan_12(0.0), "00:00:00.00");
        assert_eq!(timespan_12(3723.456), "01:02:03.46");
        assert_eq!(timespan_12(36_000.0 * 11.0), "110:00:00.00");
        assert_eq!(duration_2004(0.0), "PT0S");
        assert_eq!(duration_2004(3723.5), "PT1H2M3.50S");
        assert_eq!(duration_2004(60.0), "PT1M0S");
    }

    #[test]
    fn wall_clock_times() {
        // 2026-11-30T08:52:23Z
        let ms = 1_796_028_743_000.0;
        assert_eq!(timestamp_2004(ms), "2026-11-30T08:52:23.00Z");
        assert_eq!(timestamp_2004(ms + 456.0), "2026-11-30T08:52:23.45Z");
        assert_eq!(time_of_day_12(ms), "08:52:23");
        assert_eq!(timestamp_2004(0.0), "1970-01-01T00:00:00.00Z");
        assert_eq!(timestamp_2004(951_782_400_000.0), "2000-02-29T00:00:00.00Z");
        assert_eq!(timestamp_2004(951_782_399_999.0), "2000-02-28T23:59:59.99Z");
    }

    /// SCORM 2004's `time (second,10,0)`: the zone only after a fraction of 1-2 digits.
    #[test]
    fn timestamps_match_the_scorm_2004_pattern() {
        for ms in [
            0.0,
            1_796_028_743_000.0,
            1_796_028_743_999.0,
            2_145_916_799_990.0,
        ] {
            let t = timestamp_2004(ms);
            let b = t.as_bytes();
            assert_eq!(t.len(), 23, "{t}");
            assert_eq!(
                (b[4], b[7], b[10], b[13], b[16], b[19], b[22]),
                (b'-', b'-', b'T', b':', b':', b'.', b'Z'),
                "{t}"
            );
            assert!(t.chars().filter(char::is_ascii_digit).count() == 16, "{t}");
        }
    }
}
