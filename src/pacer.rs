//! Pacing of what the bot sends by itself: each message gets the next free slot under the
//! overall and per-chat limits, and waits exactly until then. Unlike a tick-based throttle it
//! neither bursts past a limit (no 429) nor idles below it (a broadcast takes the ideal time).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use crate::config::ThrottleLimits;

/// Slots per chat and overall.
#[derive(Debug)]
pub struct Pacer {
    overall: Duration,
    per_chat: Duration,
    per_group: Duration,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    next_overall: Instant,
    next_per_chat: HashMap<String, Instant>,
}

/// A margin under the limits, for the jitter between taking a slot and the request arriving.
const MARGIN: f64 = 0.99;

impl Pacer {
    /// A pacer for `limits` (messages per second, overall and per chat).
    pub fn new(limits: &ThrottleLimits) -> Pacer {
        let interval =
            |per_sec: u32| Duration::from_secs_f64(1.0 / (f64::from(per_sec.max(1)) * MARGIN));
        Pacer {
            overall: interval(limits.overall_per_sec),
            per_chat: interval(limits.per_chat_per_sec),
            // Groups (negative chat ids) are limited per minute.
            per_group: Duration::from_secs_f64(
                60.0 / (f64::from(limits.group_per_min.max(1)) * MARGIN),
            ),
            state: Mutex::new(State {
                next_overall: Instant::now(),
                next_per_chat: HashMap::new(),
            }),
        }
    }

    /// A pacer of `per_minute` messages a minute overall, one a second to an address (e-mail).
    pub fn per_minute(per_minute: u32) -> Pacer {
        let overall = Duration::from_secs_f64(60.0 / (f64::from(per_minute.max(1)) * MARGIN));
        let second = Duration::from_secs(1);
        Pacer {
            overall,
            per_chat: second,
            per_group: second,
            state: Mutex::new(State {
                next_overall: Instant::now(),
                next_per_chat: HashMap::new(),
            }),
        }
    }

    /// Takes the next slot for a message to `address` and waits for it.
    pub async fn wait(&self, address: &str) {
        let slot = self.take(address, Instant::now());
        tokio::time::sleep_until(slot).await;
    }

    /// Reserves the next slot at or after `now` for `address` (a Telegram group's chat id is
    /// negative: groups have their own, slower limit).
    fn take(&self, address: &str, now: Instant) -> Instant {
        let Ok(mut s) = self.state.lock() else { return now };
        if s.next_per_chat.len() > 100_000 {
            s.next_per_chat.retain(|_, t| *t > now);
        }
        let chat_next = s.next_per_chat.get(address).copied().unwrap_or(now);
        let slot = now.max(s.next_overall).max(chat_next);
        s.next_overall = slot + self.overall;
        let gap = if address.starts_with('-') { self.per_group } else { self.per_chat };
        s.next_per_chat.insert(address.to_owned(), slot + gap);
        slot
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_spaced_by_the_overall_limit_and_a_chat_waits_a_second() {
        let limits = ThrottleLimits { overall_per_sec: 100, ..ThrottleLimits::default() };
        let pacer = Pacer::new(&limits);
        let now = Instant::now();
        let slots: Vec<Instant> = (0..100).map(|chat| pacer.take(&chat.to_string(), now)).collect();
        let span = slots[99].duration_since(slots[0]).as_secs_f64();
        assert!((0.99..=1.01).contains(&span), "100 messages at 100/s span about a second: {span}");
        let again = pacer.take("0", now);
        assert!(
            again.duration_since(slots[0]) >= Duration::from_secs(1),
            "one message a second per chat"
        );
    }
}
