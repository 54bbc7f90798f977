//! The use cases: the only door between the ways in (the chat, the web console, the command line)
//! and the rules. Each takes who acts and plain arguments, checks what the acting person may do,
//! does the work in the store, plans the messages that follow (through `plan`), and returns a
//! typed outcome; neither Telegram nor HTTP nor SQL here.
//!
//! A way in never names the store and never checks a role: a use case that needs a role takes a
//! proof of it ([`roles::Officer`], [`roles::Admin`], [`roles::Operator`]) that only this module
//! makes, from a member read in the same request. So a rule is written once, and a new way in
//! cannot forget one.

pub mod announce;
pub mod answers;
pub mod decision;
pub mod exports;
pub mod form;
pub mod health;
pub mod invite;
pub mod join;
pub mod members;
pub mod nudge;
pub mod operations;
pub mod period;
pub mod period_change;
pub mod profile;
pub mod progress;
pub mod reading;
pub mod report;
pub mod roles;
pub mod status;
pub mod units;
pub mod web;

#[cfg(test)]
mod matrix_tests;
#[cfg(test)]
pub(crate) mod test_support;

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::config::Config;
use crate::domain::Clock;
use crate::error::Result;
use crate::metrics::Metrics;
use crate::outbox::Outbox;
use crate::store::Store;

pub use roles::{Admin, By, Officer, Operator, Reporter};

/// What the use cases work with: the database, the configuration, the clock, and (in the running
/// bot) the outbox that sends what they plan. Its fields are private: the ways in reach the
/// database only through the use cases.
#[derive(Clone)]
pub struct App {
    store: Store,
    config: Arc<Config>,
    clock: Arc<dyn Clock>,
    /// Sends what the use cases plan; `None` on the command line, whose deliveries the running
    /// bot sends (they are recorded in the deciding transaction either way).
    outbox: Option<Outbox>,
    /// What the running bot counts (`/metrics`) and when it last heard from Telegram (`/healthz`).
    metrics: Metrics,
}

impl App {
    /// The use cases over `store`, sending through `outbox` (the running bot's wiring).
    pub fn new(
        store: Store,
        config: Arc<Config>,
        clock: Arc<dyn Clock>,
        outbox: Option<Outbox>,
    ) -> App {
        App { store, config, clock, outbox, metrics: Metrics::new() }
    }

    /// The same use cases, counting into `metrics` (the running bot's, shared with its ways in).
    pub fn with_metrics(mut self, metrics: Metrics) -> App {
        self.metrics = metrics;
        self
    }

    /// The use cases for a command run at the machine: the database of `config`, opened (and
    /// migrated), no outbox.
    pub async fn open(config: Config, clock: Arc<dyn Clock>) -> Result<App> {
        let store = Store::open(&config.database).await?;
        Ok(App::new(store, Arc::new(config), clock, None))
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The configuration, shared.
    pub fn shared_config(&self) -> Arc<Config> {
        self.config.clone()
    }

    /// Now, by the app's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Closes the database (checkpointing it).
    pub async fn close(&self) {
        self.store.close().await;
    }

    /// Sends what was just recorded, in the background (no outbox: the running bot sends it).
    fn flush_soon(&self, what: &str) {
        if let Some(outbox) = &self.outbox {
            outbox.flush_soon(what);
        }
    }
}
