//! Long polling of Telegram (`getUpdates`) the way teloxide's own `Polling` does it — offsets,
//! the allowed updates hinted by the dispatcher, a pause after a failure (as long as a 429 asks,
//! else the backoff), and on stop one last short call that confirms what was handed over — and
//! noting every answer in the metrics room. `/healthz` judges from that time whether Telegram is
//! reached, also when nobody writes: teloxide's stream yields updates only, so an empty answer
//! cannot be seen from outside it.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use futures::stream::BoxStream;
use teloxide::payloads::GetUpdatesSetters;
use teloxide::prelude::*;
use teloxide::stop::{mk_stop_token, StopFlag, StopToken};
use teloxide::types::AllowedUpdate;
use teloxide::update_listeners::{AsUpdateStream, UpdateListener};
use teloxide::RequestError;

use crate::domain::Clock;
use crate::metrics::Metrics;

/// The update listener of the running bot.
pub struct Polling {
    bot: Bot,
    /// The long poll's timeout, in seconds.
    timeout: u32,
    /// The pause after `n` failed polls in a row.
    backoff: fn(u32) -> Duration,
    allowed: Option<Vec<AllowedUpdate>>,
    token: StopToken,
    flag: Option<StopFlag>,
    seen: (Metrics, Arc<dyn Clock>),
}

impl Polling {
    /// Polls through `bot`, noting each answer in `metrics` at `clock`'s time.
    pub fn new(
        bot: Bot,
        timeout: u32,
        backoff: fn(u32) -> Duration,
        (metrics, clock): (Metrics, Arc<dyn Clock>),
    ) -> Polling {
        let (token, flag) = mk_stop_token();
        metrics.polling_started(clock.now());
        let seen = (metrics, clock);
        Polling { bot, timeout, backoff, allowed: None, token, flag: Some(flag), seen }
    }
}

impl UpdateListener for Polling {
    type Err = RequestError;

    fn stop_token(&mut self) -> StopToken {
        self.token.clone()
    }

    fn hint_allowed_updates(&mut self, hint: &mut dyn Iterator<Item = AllowedUpdate>) {
        self.allowed = Some(hint.collect());
    }
}

impl<'a> AsUpdateStream<'a> for Polling {
    type StreamErr = RequestError;
    type Stream = BoxStream<'a, Result<Update, RequestError>>;

    fn as_stream(&'a mut self) -> Self::Stream {
        let flag = self.flag.take().unwrap_or_else(|| {
            let (token, flag) = mk_stop_token();
            self.token = token;
            flag
        });
        let state = Poll {
            bot: self.bot.clone(),
            timeout: self.timeout,
            backoff: self.backoff,
            allowed: self.allowed.clone(),
            offset: 0,
            buffer: VecDeque::new(),
            errors: 0,
            pause: None,
            done: false,
            flag,
            seen: self.seen.clone(),
        };
        Box::pin(futures::stream::unfold(state, Poll::next))
    }
}

/// The stream's state between two updates.
struct Poll {
    bot: Bot,
    timeout: u32,
    backoff: fn(u32) -> Duration,
    /// Sent with the first call only (Telegram remembers them).
    allowed: Option<Vec<AllowedUpdate>>,
    /// The id after the last update handed over: the next call confirms everything before it.
    offset: i32,
    buffer: VecDeque<Update>,
    /// Failed polls in a row.
    errors: u32,
    /// A wait before the next call (after a failure).
    pause: Option<Duration>,
    done: bool,
    flag: StopFlag,
    seen: (Metrics, Arc<dyn Clock>),
}

impl Poll {
    /// The next update (or a failure to report), fetching more when none is left.
    async fn next(mut self) -> Option<(Result<Update, RequestError>, Poll)> {
        loop {
            if let Some(update) = self.buffer.pop_front() {
                return Some((Ok(update), self));
            }
            if self.done {
                return None;
            }
            if let Some(pause) = self.pause.take() {
                tokio::select! {
                    _ = tokio::time::sleep(pause) => {}
                    _ = &mut self.flag => {}
                }
            }
            if self.flag.is_stopped() {
                self.done = true;
                // Confirms the updates handed over, so the next start does not get them again.
                let _ = self.request(0, Some(1)).await;
                return None;
            }
            let fetched = self.request(self.timeout, None);
            let result = tokio::select! {
                result = fetched => result,
                _ = &mut self.flag => continue,
            };
            match result {
                Ok(updates) => self.received(updates),
                Err(e) => {
                    self.pause = Some(self.pause_after(&e));
                    return Some((Err(e), self));
                }
            }
        }
    }

    /// A `getUpdates` call from the current offset.
    fn request(
        &self,
        timeout: u32,
        limit: Option<u8>,
    ) -> impl std::future::Future<Output = Result<Vec<Update>, RequestError>> + Send + 'static {
        let mut request = self.bot.get_updates().offset(self.offset).timeout(timeout);
        if let Some(limit) = limit {
            request = request.limit(limit);
        }
        if let Some(allowed) = self.allowed.clone() {
            request = request.allowed_updates(allowed);
        }
        request.send()
    }

    fn received(&mut self, updates: Vec<Update>) {
        let (metrics, clock) = &self.seen;
        metrics.polled(clock.now());
        self.errors = 0;
        self.allowed = None;
        if let Some(last) = updates.last() {
            self.offset = last.id.as_offset();
        }
        self.buffer.extend(updates);
    }

    /// How long to wait after a failed poll: as long as a 429 asks, else the backoff.
    fn pause_after(&mut self, e: &RequestError) -> Duration {
        if let RequestError::RetryAfter(secs) = e {
            self.errors = 0;
            return secs.duration();
        }
        let pause = (self.backoff)(self.errors);
        self.errors = self.errors.saturating_add(1);
        pause
    }
}

/// Deletes the bot's webhook, if one is set: Telegram refuses `getUpdates` while it is.
pub async fn delete_webhook(bot: &Bot) {
    match bot.get_webhook_info().await {
        Ok(info) if info.url.is_some() => {
            if let Err(e) = bot.delete_webhook().await {
                tracing::error!(error = %e, "could not delete the webhook");
            }
        }
        Ok(_) => {}
        Err(e) => tracing::error!(error = %e, "could not read the webhook's settings"),
    }
}
