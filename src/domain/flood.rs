//! Calm under a flood: each chat gets a small burst, then one message per second. Past that, the
//! bot says once that it is going too fast and ignores the rest until the chat slows down.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// How many messages a chat may send at once.
pub const BURST: f64 = 5.0;
/// Messages per second a chat may keep sending.
pub const RATE: f64 = 1.0;

/// What to do with one incoming message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Handle,
    /// Too fast: tell the person once.
    Warn,
    /// Too fast, already told.
    Drop,
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
    warned: bool,
}

/// Token buckets per chat (in memory: a restart forgives everyone).
#[derive(Debug)]
pub struct FloodGuard {
    buckets: HashMap<i64, Bucket>,
    burst: f64,
    rate: f64,
}

impl Default for FloodGuard {
    fn default() -> Self {
        FloodGuard::new(BURST, RATE)
    }
}

impl FloodGuard {
    /// A guard allowing `burst` messages at once, then `rate` per second.
    pub fn new(burst: f64, rate: f64) -> FloodGuard {
        FloodGuard { buckets: HashMap::new(), burst: burst.max(1.0), rate: rate.max(0.01) }
    }

    /// Decides for a message from `chat` arriving at `now`.
    pub fn check(&mut self, chat: i64, now: Instant) -> Verdict {
        if self.buckets.len() > 100_000 {
            // Forget chats that have been quiet long enough to be full again.
            self.buckets.retain(|_, b| now.duration_since(b.at) < Duration::from_secs(10));
        }
        let (burst, rate) = (self.burst, self.rate);
        let bucket =
            self.buckets.entry(chat).or_insert(Bucket { tokens: burst, at: now, warned: false });
        let elapsed = now.duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * rate).min(burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            bucket.warned = false;
            return Verdict::Handle;
        }
        if bucket.warned {
            Verdict::Drop
        } else {
            bucket.warned = true;
            Verdict::Warn
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hundred_messages_in_a_second_get_a_burst_one_warning_and_silence() {
        let mut guard = FloodGuard::default();
        let start = Instant::now();
        let verdicts: Vec<Verdict> =
            (0..100).map(|i| guard.check(7, start + Duration::from_millis(i * 10))).collect();
        let handled = verdicts.iter().filter(|v| **v == Verdict::Handle).count();
        assert!((5..=6).contains(&handled), "{handled}");
        assert_eq!(verdicts.iter().filter(|v| **v == Verdict::Warn).count(), 1);
        // After a pause the chat is welcome again, and another chat was never affected.
        assert_eq!(guard.check(7, start + Duration::from_secs(5)), Verdict::Handle);
        assert_eq!(guard.check(8, start + Duration::from_millis(500)), Verdict::Handle);
    }

    #[test]
    fn a_person_answering_at_human_speed_is_never_stopped() {
        let mut guard = FloodGuard::default();
        let start = Instant::now();
        for i in 0..60 {
            assert_eq!(guard.check(7, start + Duration::from_millis(i * 1500)), Verdict::Handle);
        }
    }
}
