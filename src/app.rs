//! Wiring: open the store, build the bot, run the dispatcher until shut down.

use std::sync::Arc;
use std::time::Duration;

use teloxide::dispatching::dialogue::{ErasedStorage, Storage};
use teloxide::dispatching::ShutdownToken;
use teloxide::error_handlers::LoggingErrorHandler;
use teloxide::prelude::*;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::actions::App;
use crate::metrics::Metrics;
use crate::outbox::Outbox;
use crate::scheduler::Scheduler;

use crate::config::{Config, ConfigError};
use crate::domain::Clock;
use crate::error::Error;
use crate::i18n::{Lang, Msg};
use crate::store::{DatabaseLock, LockError, Store};
use crate::telegram::channel::TelegramChannel;
use crate::telegram::{
    self, storage::DialogueStorage, AppClock, AppConfig, State, TellTheUser, TgBot,
};

/// Why the bot could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("{0:?}")]
    Config(ConfigError),
    #[error("{0}")]
    Store(Error),
    #[error("Telegram: {0}")]
    Telegram(teloxide::RequestError),
    #[error("database lock: {0:?}")]
    Locked(LockError),
    #[error("web console: {1}")]
    Web(std::net::SocketAddr, std::io::Error),
}

impl StartError {
    /// One line for the operator.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            StartError::Config(e) => e.render(lang),
            StartError::Store(e) => {
                Msg::new("start-error-database").arg("detail", e.to_string()).render(lang)
            }
            StartError::Telegram(e) => {
                Msg::new("start-error-telegram").arg("detail", e.to_string()).render(lang)
            }
            StartError::Locked(LockError::Held { path, pid }) => Msg::new("start-error-locked")
                .arg("path", path.display().to_string())
                .arg("pid", pid.as_str())
                .render(lang),
            StartError::Locked(LockError::Io { path, error }) => Msg::new("start-error-lock-file")
                .arg("path", path.display().to_string())
                .arg("detail", error.to_string())
                .render(lang),
            StartError::Web(addr, error) => Msg::new("start-error-web")
                .arg("addr", addr.to_string())
                .arg("detail", error.to_string())
                .render(lang),
        }
    }
}

/// How to start.
#[derive(Clone, Copy, Debug)]
pub struct StartOptions {
    /// Run the scheduler's loop on the clock; off, the caller drives it with `tick(now)`.
    pub scheduler_loop: bool,
}

impl Default for StartOptions {
    fn default() -> Self {
        StartOptions { scheduler_loop: true }
    }
}

/// The longest a stop waits for one of its steps.
const STOP_STEP: Duration = Duration::from_secs(5);

/// A running bot.
pub struct RunningBot {
    shutdown: ShutdownToken,
    task: JoinHandle<()>,
    scheduler: Scheduler,
    scheduler_stop: watch::Sender<bool>,
    scheduler_task: Option<JoinHandle<()>>,
    store: Store,
    app: App,
    /// Held while the bot runs; released when it stops (or the process ends).
    _lock: DatabaseLock,
    /// The bot's @username as Telegram reported it.
    pub username: String,
    /// Where the web console listens (`None`: it is off).
    pub web_addr: Option<std::net::SocketAddr>,
    web_stop: watch::Sender<bool>,
    web_task: Option<JoinHandle<()>>,
}

impl RunningBot {
    /// Stops taking updates, lets handlers in flight finish, and closes the database.
    pub async fn stop(self) {
        // Each step is bounded: a stop must end within seconds, whatever is stuck.
        let _ = self.scheduler_stop.send(true);
        if let Some(mut task) = self.scheduler_task {
            if tokio::time::timeout(STOP_STEP, &mut task).await.is_err() {
                tracing::warn!("the scheduler did not stop in time; aborting it");
                task.abort();
            }
        }
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
        let _ = self.web_stop.send(true);
        if let Some(mut task) = self.web_task {
            if tokio::time::timeout(STOP_STEP, &mut task).await.is_err() {
                task.abort();
            }
        }
        if tokio::time::timeout(STOP_STEP, self.store.close()).await.is_err() {
            tracing::warn!("the database did not close in time");
        }
    }

    /// Runs until Ctrl-C or SIGTERM, then stops cleanly.
    pub async fn run_until_signal(self) {
        wait_for_signal().await;
        tracing::info!("shutting down");
        self.stop().await;
    }

    /// The database the bot uses.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The use cases of the running bot (tests act through them as a way in would).
    pub fn app(&self) -> &App {
        &self.app
    }

    /// The scheduler (tests call its `tick(now)` to drive time).
    pub fn scheduler(&self) -> &Scheduler {
        &self.scheduler
    }
}

/// Opens the database, checks the token with Telegram, and starts taking updates.
pub async fn start(config: Config, clock: Arc<dyn Clock>) -> Result<RunningBot, StartError> {
    start_with(config, clock, StartOptions::default()).await
}

/// [`start`] with options.
pub async fn start_with(
    mut config: Config,
    clock: Arc<dyn Clock>,
    options: StartOptions,
) -> Result<RunningBot, StartError> {
    let token = config.require_token().map_err(StartError::Config)?.clone();
    // Before anything is read or released: a second bot on the same file would take the first
    // one's claimed deliveries and answer from a stale copy of the dialogues.
    let lock = DatabaseLock::acquire(&config.database).map_err(StartError::Locked)?;
    // The console's port is taken before anything else starts: a port in use stops the start
    // here, with a message naming the address, instead of a bot without its console.
    let web_listener = match config.web.clone() {
        Some(mut web) => {
            let listener = tokio::net::TcpListener::bind(web.addr)
                .await
                .map_err(|e| StartError::Web(web.addr, e))?;
            let addr = listener.local_addr().map_err(|e| StartError::Web(web.addr, e))?;
            // Port 0 (any free port, as tests ask): links name the port actually taken.
            if web.url.port() == Some(0) {
                let _ = web.url.set_port(Some(addr.port()));
                config.web = Some(web.clone());
            }
            Some((listener, addr, web))
        }
        None => None,
    };
    let store = Store::open(&config.database).await.map_err(StartError::Store)?;
    // Admins are exactly BAOCAO_ADMINS: whoever was removed from the list loses access now.
    match store
        .revoke_admins_not_in(&config.admins, clock.now())
        .await
        .map_err(StartError::Store)?
    {
        0 => {}
        n => tracing::warn!(admins = n, "admins no longer in BAOCAO_ADMINS lost their access"),
    }
    match store.release_claims().await.map_err(StartError::Store)? {
        0 => {}
        n => tracing::warn!(deliveries = n, "the last run stopped mid-send: sending those again"),
    }
    let mut raw = Bot::new(token.expose());
    if let Some(url) = &config.api_url {
        raw = raw.set_api_url(url.clone());
    }
    let me = raw.get_me().await.map_err(StartError::Telegram)?;
    let username = me.user.username.clone().unwrap_or_default();
    // Replies go straight out (waiting out a 429); what the bot sends by itself is paced by the outbox.
    let bot: TgBot = raw.clone();
    if let Err(e) = telegram::commands::install_default_menus(&bot).await {
        tracing::warn!(error = %e, "could not register the command menus");
    }
    let states = DialogueStorage::new(store.clone(), clock.clone());
    let storage: Arc<ErasedStorage<State>> = states.clone().erase();
    let states = telegram::storage::States(states);
    let shared = Arc::new(config.clone());
    let channel = Arc::new(TelegramChannel { bot: raw });
    // One room for what the ways in and the outbox count, shared with /metrics and /healthz.
    let metrics = Metrics::new();
    let outbox = Outbox::new(store.clone(), channel, shared.clone(), clock.clone())
        .with_metrics(metrics.clone());
    let scheduler = Scheduler::new(store.clone(), shared.clone(), outbox.clone(), clock.clone());
    let env = App::new(store.clone(), shared.clone(), clock.clone(), Some(outbox))
        .with_metrics(metrics.clone());
    let seen = (metrics.clone(), clock.clone());
    let app_config = AppConfig(shared);
    let app_clock = AppClock(clock);
    let guard = crate::domain::flood::FloodGuard::new(config.flood.0, config.flood.1);
    let flood = telegram::Flood(Arc::new(std::sync::Mutex::new(guard)));
    let deps =
        dptree::deps![app_config, app_clock, env.clone(), storage, states, flood, me, metrics];
    let mut dispatcher = Dispatcher::builder(bot.clone(), telegram::schema())
        .dependencies(deps)
        .error_handler(Arc::new(TellTheUser { bot: bot.clone(), env: env.clone() }))
        // Updates no handler takes (a flood, a group, a guest's edit): their kind and chat at debug
        // level, never their content (teloxide's default logs the whole update at warn).
        .default_handler(|update| async move { telegram::unhandled(&update) })
        // Updates of one chat are handled in order, by one of `WORKERS` workers (chosen by chat id):
        // teloxide's default of one worker per chat keeps a 32-update queue block (≈ 62 KB) for
        // every chat active at once — 62 MB for 1,000 chairs (README, Performance).
        .distribution_function(|upd| upd.chat().map(|c| c.id.0.rem_euclid(WORKERS)))
        .worker_queue_size(WORKER_QUEUE)
        .build();
    let shutdown = dispatcher.shutdown_token();
    telegram::polling::delete_webhook(&bot).await;
    let listener =
        telegram::polling::Polling::new(bot, config.poll_timeout_secs, poll_backoff, seen);
    let task = tokio::spawn(async move {
        let errors = LoggingErrorHandler::with_custom_text("could not fetch updates from Telegram");
        if let Err(e) = dispatcher.try_dispatch_with_listener(listener, errors).await {
            tracing::error!(error = %e, "the dispatcher stopped");
        }
    });
    let (web_stop, mut web_stop_rx) = watch::channel(false);
    let (web_addr, web_task) = match web_listener {
        Some((listener, addr, web)) => {
            let stop = async move {
                let _ = web_stop_rx.wait_for(|stop| *stop).await;
            };
            let serving = crate::web::serve((env.clone(), web, username.clone()), listener, stop);
            tracing::info!(%addr, "the web console is listening");
            (Some(addr), Some(tokio::spawn(serving)))
        }
        None => (None, None),
    };
    let (scheduler_stop, stop_rx) = watch::channel(false);
    let scheduler_task =
        options.scheduler_loop.then(|| tokio::spawn(scheduler.clone().run(stop_rx)));
    tracing::info!(bot = %username, database = %config.database.display(), "baocao is running");
    Ok(RunningBot {
        shutdown,
        task,
        scheduler,
        scheduler_stop,
        scheduler_task,
        store,
        app: env,
        _lock: lock,
        username,
        web_addr,
        web_stop,
        web_task,
    })
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

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

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
