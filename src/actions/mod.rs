//! Use cases shared by every way in (the chat, the command line, later the web console). Each
//! takes who acts and plain arguments, checks the role, does the work in the store, plans the
//! messages that follow, and returns a typed outcome; neither Telegram nor SQL here.

pub mod announce;
pub mod decision;
pub mod exports;
pub mod invite;
pub mod join;
pub mod nudge;
pub mod period;
pub mod profile;
pub mod report;
pub mod web;

use std::sync::Arc;

use crate::config::Config;
use crate::domain::{Clock, Member};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::outbox::Outbox;
use crate::store::Store;

/// What the use cases work with.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    /// Sends what the use cases plan (in the background, or at once when the outcome counts it).
    pub outbox: Outbox,
}

/// The member acting, if they follow the reporting (officer or admin); otherwise the polite refusal.
pub fn officer(actor: Option<&Member>) -> Result<&Member> {
    actor
        .filter(|m| m.active && m.role.is_officer())
        .ok_or_else(|| Error::User(Msg::new("err-officers-only")))
}
