//! Wiring: open the store, build the bot, run the dispatcher until shut down.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::actions::App;
use crate::metrics::Metrics;
use crate::outbox::{Outbox, Paced};
use crate::pacer::Pacer;
use crate::scheduler::Scheduler;

use crate::config::{Config, ConfigError};
use crate::domain::Clock;
use crate::error::Error;
use crate::i18n::{Lang, Msg};
use crate::store::{DatabaseLock, LockError, Store};
use crate::telegram::channel::TelegramChannel;
use crate::telegram::dispatch::Dispatching;
use crate::telegram::{self, storage::DialogueStorage};

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
    /// The chat's way in, when Telegram is on.
    telegram: Option<Dispatching>,
    scheduler: Scheduler,
    scheduler_stop: watch::Sender<bool>,
    scheduler_task: Option<JoinHandle<()>>,
    store: Store,
    app: App,
    /// Held while the bot runs; released when it stops (or the process ends).
    _lock: DatabaseLock,
    /// The bot's @username as Telegram reported it (empty: Telegram is off).
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
        if let Some(telegram) = self.telegram {
            telegram.stop().await;
        }
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
    // Before anything is read or released: a second bot on the same file would take the first
    // one's claimed deliveries and answer from a stale copy of the dialogues.
    config.usable().map_err(StartError::Config)?;
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
        .revoke_admins_not_in((&config.admins, &config.admin_emails), clock.now())
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
    // Telegram, when a token is set: the bot is checked with Telegram and its @username known.
    let connected = match &config.token {
        Some(token) => {
            Some(telegram::dispatch::connect(&config, token).await.map_err(StartError::Telegram)?)
        }
        None => None,
    };
    let username = connected
        .as_ref()
        .and_then(|c| c.me.user.username.clone())
        .or_else(|| config.bot_username.clone())
        .unwrap_or_default();
    let shared = Arc::new(config.clone());
    let mut channels = Vec::new();
    if let Some(c) = &connected {
        let channel = Arc::new(TelegramChannel { bot: c.bot.clone() });
        channels.push(Paced { channel, pacer: Pacer::new(&config.throttle) });
    }
    channels.extend(crate::email::channel(&config));
    // One room for what the ways in and the outbox count, shared with /metrics and /healthz.
    let metrics = Metrics::new();
    let outbox = Outbox::new(store.clone(), channels, shared.clone(), clock.clone())
        .with_metrics(metrics.clone());
    let scheduler = Scheduler::new(store.clone(), shared.clone(), outbox.clone(), clock.clone());
    let env = App::new(store.clone(), shared.clone(), clock.clone(), Some(outbox))
        .with_metrics(metrics.clone());
    let telegram = match connected {
        Some(connected) => {
            let states = DialogueStorage::new(store.clone(), clock.clone());
            Some(
                telegram::dispatch::start(connected, env.clone(), states, (metrics, clock.clone()))
                    .await,
            )
        }
        None => {
            tracing::info!("Telegram is off (no token): the console, the chairs' form and e-mail");
            None
        }
    };
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
        telegram,
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
