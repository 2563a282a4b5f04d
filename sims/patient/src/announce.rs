//! Rate-limited alarm announcements for screen-reader users.
//!
//! The model raises an [`Alarm`](crate::PatientEvent::Alarm) event each time a
//! monitored value crosses its limit. A sighted student glances at a flashing
//! number; a screen-reader user hears every announcement in full, so a burst of
//! alarms (a falling SpO2 that drags the heart rate with it) must not bury the
//! scenario's own text. The announcer queues alarm texts and releases them as
//! one message at most every [`AlarmAnnouncer::GAP_MS`] of real time, newest
//! value per vital, critical ones first. It is plain Rust so it is tested here;
//! the web player feeds it events and a clock.

use std::collections::BTreeMap;

use firstshift_core::Language;

use crate::Vital;
use crate::spanish::WORDS;

#[derive(Debug, Clone, Default)]
pub struct AlarmAnnouncer {
    pending: BTreeMap<Vital, (bool, String)>,
    last_spoken_ms: Option<f64>,
    language: Language,
}

impl AlarmAnnouncer {
    /// The shortest time between two announcements, in real milliseconds.
    pub const GAP_MS: f64 = 10_000.0;

    /// Announces in `language` from now on (the patient's: its alarm texts are).
    pub fn set_language(&mut self, language: Language) {
        self.language = language;
    }

    /// Queues an alarm. A newer alarm for the same vital replaces the older one.
    pub fn push(&mut self, vital: Vital, critical: bool, text: &str) {
        self.pending.insert(vital, (critical, text.to_owned()));
    }

    /// The message to announce now, if any is due: every queued alarm, critical
    /// ones first, in one sentence list.
    pub fn poll(&mut self, now_ms: f64) -> Option<String> {
        if self.pending.is_empty() {
            return None;
        }
        if let Some(last) = self.last_spoken_ms
            && now_ms - last < Self::GAP_MS
        {
            return None;
        }
        let mut alarms: Vec<(bool, String)> =
            std::mem::take(&mut self.pending).into_values().collect();
        alarms.sort_by_key(|(critical, _)| !*critical);
        self.last_spoken_ms = Some(now_ms);
        let texts: Vec<String> = alarms.into_iter().map(|(_, t)| t).collect();
        Some(WORDS.fill(self.language, "Monitor alarm. {}", &[&texts.join(" ")]))
    }

    /// Forgets queued alarms (a new run, or the monitor removed).
    pub fn clear(&mut self) {
        self.pending.clear();
        self.last_spoken_ms = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_alarm_is_announced_at_once() {
        let mut a = AlarmAnnouncer::default();
        assert_eq!(a.poll(0.0), None);
        a.push(Vital::Spo2, false, "SpO2 low: 89 %.");
        assert_eq!(
            a.poll(100.0).as_deref(),
            Some("Monitor alarm. SpO2 low: 89 %.")
        );
        assert_eq!(a.poll(200.0), None, "nothing new");
    }

    #[test]
    fn a_burst_waits_for_the_gap_and_comes_as_one_message_critical_first() {
        let mut a = AlarmAnnouncer::default();
        a.push(Vital::Spo2, false, "SpO2 low: 89 %.");
        assert!(a.poll(0.0).is_some());
        a.push(Vital::HeartRate, false, "Heart rate high: 124.");
        a.push(Vital::Spo2, true, "SpO2 critically low: 82 %.");
        assert_eq!(a.poll(5_000.0), None, "inside the gap");
        assert_eq!(
            a.poll(10_000.0).as_deref(),
            Some("Monitor alarm. SpO2 critically low: 82 %. Heart rate high: 124."),
        );
    }

    #[test]
    fn the_newest_alarm_for_a_vital_replaces_the_older_one() {
        let mut a = AlarmAnnouncer::default();
        a.push(Vital::Spo2, false, "SpO2 low: 89 %.");
        a.push(Vital::Spo2, false, "SpO2 low: 87 %.");
        assert_eq!(
            a.poll(0.0).as_deref(),
            Some("Monitor alarm. SpO2 low: 87 %.")
        );
    }

    #[test]
    fn clearing_forgets_the_queue_and_the_gap() {
        let mut a = AlarmAnnouncer::default();
        a.push(Vital::Spo2, false, "x");
        assert!(a.poll(0.0).is_some());
        a.push(Vital::RespRate, false, "y");
        a.clear();
        assert_eq!(a.poll(1.0), None);
        a.push(Vital::RespRate, false, "z");
        assert_eq!(a.poll(2.0).as_deref(), Some("Monitor alarm. z"));
    }
}
