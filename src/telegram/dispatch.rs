//! The chat's way in, started and stopped: the bot checked with Telegram, the menus, the
//! dispatcher polling for updates and handing each to the routing tree ([`super::schema`]).

use std::sync::Arc;
use std::time::Duration;

use teloxide::dispatching::dialogue::{ErasedStorage, Storage};
use teloxide::dispatching::ShutdownToken;
use teloxide::error_handlers::LoggingErrorHandler;
use teloxide::prelude::*;
use teloxide::types::Me;
use tokio::task::JoinHandle;

use crate::actions::App;
use crate::config::{Config, Token};
use crate::domain::Clock;
use crate::metrics::Metrics;

use super::storage::{DialogueStorage, States};
use super::{AppClock, AppConfig, State, TellTheUser};

/// The bot, checked with Telegram.
pub struct Connected {
    pub bot: Bot,
    pub me: Me,
}

/// Checks the token with Telegram (`getMe`): the bot's @username comes back.
pub async fn connect(config: &Config, token: &Token) -> Result<Connected, teloxide::RequestError> {
    let mut bot = Bot::new(token.expose());
    if let Some(url) = &config.api_url {
        bot = bot.set_api_url(url.clone());
    }
    let me = bot.get_me().await?;
    Ok(Connected { bot, me })
}

/// The dispatcher at work.
pub struct Dispatching {
    shutdown: ShutdownToken,
    task: JoinHandle<()>,
}

/// How long a stop waits for the handlers in flight.
const STOP_STEP: Duration = Duration::from_secs(5);

/// Starts taking updates: each runs through the routing tree with the use cases (`env`), the
/// chats' states in `states`.
pub async fn start(
    connected: Connected,
    env: App,
    states: Arc<DialogueStorage>,
    (metrics, clock): (Metrics, Arc<dyn Clock>),
) -> Dispatching {
    let Connected { bot, me } = connected;
    let config = env.shared_config();
    if let Err(e) = super::commands::install_default_menus(&bot).await {
        tracing::warn!(error = %e, "could not register the command menus");
    }
    let storage: Arc<ErasedStorage<State>> = states.clone().erase();
    let states = States(states);
    let guard = crate::domain::flood::FloodGuard::new(config.flood.0, config.flood.1);
    let flood = super::Flood(Arc::new(std::sync::Mutex::new(guard)));
    let deps = dptree::deps![
        AppConfig(config.clone()),
        AppClock(clock.clone()),
        env.clone(),
        storage,
        states,
        flood,
        me,
        metrics.clone()
    ];
    let mut dispatcher = Dispatcher::builder(bot.clone(), super::schema())
        .dependencies(deps)
        .error_handler(Arc::new(TellTheUser { bot: bot.clone(), env }))
        // Updates no handler takes (a flood, a group, a guest's edit): their kind and chat at debug
        // level, never their content (teloxide's default logs the whole update at warn).
        .default_handler(|update| async move { super::unhandled(&update) })
        // Updates of one chat are handled in order, by one of `WORKERS` workers (chosen by chat id):
        // teloxide's default of one worker per chat keeps a 32-update queue block (≈ 62 KB) for
        // every chat active at once — 62 MB for 1,000 chairs (README, Performance).
        .distribution_function(|upd| upd.chat().map(|c| c.id.0.rem_euclid(WORKERS)))
        .worker_queue_size(WORKER_QUEUE)
        .build();
    let shutdown = dispatcher.shutdown_token();
    super::polling::delete_webhook(&bot).await;
    let seen = (metrics, clock);
    let listener = super::polling::Polling::new(bot, config.poll_timeout_secs, poll_backoff, seen);
    let task = tokio::spawn(async move {
        let errors = LoggingErrorHandler::with_custom_text("could not fetch updates from Telegram");
        if let Err(e) = dispatcher.try_dispatch_with_listener(listener, errors).await {
            tracing::error!(error = %e, "the dispatcher stopped");
        }
    });
    Dispatching { shutdown, task }
}

impl Dispatching {
    /// Stops taking updates and lets the handlers in flight finish (bounded).
    pub async fn stop(self) {
        // The dispatcher refuses to shut down while it is still starting: ask again briefly.
        for _ in 0..100 {
            if let Ok(done) = self.shutdown.shutdown() {
                if tokio::time::timeout(STOP_STEP, done).await.is_err() {
                    tracing::warn!("handlers did not finish in time");
                }
                break;
            }
            if self.task.is_finished() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        if !self.task.is_finished() {
            self.task.abort();
        }
        let _ = self.task.await;
    }
}

/// How long to wait before polling again after `errors` failed polls in a row: 2, 4, then 8 s at
/// most (teloxide's default doubles up to 64 s, so chairs would wait a minute more after an outage).
pub fn poll_backoff(errors: u32) -> Duration {
    Duration::from_secs(1_u64 << errors.clamp(1, 3))
}

/// How many workers handle updates; one chat's updates always go to the same one, in order.
const WORKERS: i64 = 128;
/// Updates waiting for one worker before the dispatcher waits (memory is taken as they arrive).
const WORKER_QUEUE: usize = 1024;

#[cfg(test)]
mod tests {
    use super::poll_backoff;
    use std::time::Duration;

    #[test]
    fn polling_after_an_outage_resumes_within_eight_seconds() {
        assert_eq!(poll_backoff(1), Duration::from_secs(2));
        assert_eq!(poll_backoff(2), Duration::from_secs(4));
        // However long Telegram was unreachable (30 failed polls ≈ a few minutes).
        assert!((3..=30).all(|n| poll_backoff(n) == Duration::from_secs(8)));
    }
}
