//! What the outbox sends, in no channel's terms: text parts and buttons described by what they
//! do. A channel (Telegram today) turns them into its own messages and keyboards.

use futures::future::BoxFuture;

use crate::domain::attachment::Attachment;
use crate::domain::{PeriodId, ReportId};

/// What a button under a message does when pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Start (or resume) the unit's report for this period.
    StartReport(PeriodId),
    /// Show this report.
    ViewReport(ReportId),
}

/// A button: its label in the reader's language, and what it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Button {
    pub label: String,
    pub action: Action,
}

/// A message: its parts in order (each fits the channel's limit); the buttons go under the last;
/// a document, if any, follows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutMessage {
    pub parts: Vec<String>,
    pub buttons: Vec<Button>,
    pub attachment: Option<Attachment>,
}

impl OutMessage {
    /// One part, no buttons.
    pub fn text(text: String) -> OutMessage {
        OutMessage { parts: vec![text], buttons: Vec::new(), attachment: None }
    }

    /// One part with one button.
    pub fn with_button(text: String, label: String, action: Action) -> OutMessage {
        OutMessage { parts: vec![text], buttons: vec![Button { label, action }], attachment: None }
    }
}

/// Why a channel could not send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendError {
    /// The person is gone for this channel (blocked the bot, left, never opened it).
    Gone(String),
    /// The channel asks to wait this long before trying again.
    RetryAfter(std::time::Duration, String),
    /// Anything else (network, server error): tried again later.
    Failed(String),
}

impl SendError {
    /// What is recorded about it.
    pub fn detail(&self) -> &str {
        match self {
            SendError::Gone(d) | SendError::RetryAfter(_, d) | SendError::Failed(d) => d,
        }
    }
}

/// A way to reach people. The outbox paces and records; the channel only sends one part.
pub trait Channel: Send + Sync + 'static {
    /// Sends `text` to `chat`, with `buttons` under it (empty: none).
    fn send<'a>(
        &'a self,
        chat: i64,
        text: &'a str,
        buttons: &'a [Button],
    ) -> BoxFuture<'a, Result<(), SendError>>;

    /// Sends a document to `chat`.
    fn send_document<'a>(
        &'a self,
        chat: i64,
        document: &'a Attachment,
    ) -> BoxFuture<'a, Result<(), SendError>>;

    /// The bytes of a file someone sent through this channel, by the id the channel gave it
    /// (the web console hands a report's attachment to an officer this way, never a link
    /// that would carry the channel's credentials).
    fn fetch_file<'a>(&'a self, file_id: &'a str) -> BoxFuture<'a, Result<Vec<u8>, SendError>>;

    /// Its name in `/metrics` (`telegram`, `email`, …).
    fn name(&self) -> &'static str {
        "unnamed"
    }
}
