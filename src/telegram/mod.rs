//! The only code that knows Telegram: routing, handlers, keyboards, menus.

mod actor;
mod announce;
mod buttons;
pub mod callback;
pub mod channel;
pub mod commands;
pub mod dispatch;
mod error;
mod flood;
mod invite_cmd;
mod notices;
mod nudge;
mod officer;
mod onboarding;
mod patient;
mod periods;
pub mod polling;
mod profile;
pub mod report;
mod routes;
mod span;
pub mod state;
pub mod storage;
mod web_link;

use std::ops::Deref;
use std::sync::Arc;

use teloxide::dispatching::dialogue::{Dialogue, ErasedStorage};
use teloxide::prelude::*;

use crate::config::Config;
use crate::domain::Clock;

pub use actor::Actor;
pub use callback::{CallbackData, PeriodStep};
pub use commands::Command;
pub use error::{HandlerError, HandlerResult, TellTheUser};
pub use invite_cmd::created_msg as invite_message;
pub use state::State;

/// The bot as handlers use it. Replies go straight to the Bot API and wait out a 429
/// (`.patiently()`); the flood guard keeps each chat at a person's pace. What the bot sends by itself
/// goes through the paced outbox.
pub type TgBot = Bot;

/// The per-chat flood guard, injectable by type.
#[derive(Clone, Default)]
pub struct Flood(pub Arc<std::sync::Mutex<crate::domain::flood::FloodGuard>>);
/// A private chat's dialogue.
pub type TgDialogue = Dialogue<State, ErasedStorage<State>>;

/// The configuration, injectable by type.
#[derive(Clone, Debug)]
pub struct AppConfig(pub Arc<Config>);

impl Deref for AppConfig {
    type Target = Config;
    fn deref(&self) -> &Config {
        &self.0
    }
}

/// The clock, injectable by type.
#[derive(Clone)]
pub struct AppClock(pub Arc<dyn Clock>);

impl Deref for AppClock {
    type Target = dyn Clock;
    fn deref(&self) -> &(dyn Clock + 'static) {
        &*self.0
    }
}

/// What most handlers need, injected as one dependency: the use cases' own handle.
pub type Env = crate::actions::App;

pub use routes::schema;
pub use span::unhandled;
