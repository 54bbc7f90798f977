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
    /// Sign in on the web (the console, or the chairs' form, by the person's role).
    SignIn,
}

/// A button: its label in the reader's language, what it does, and — for a channel without
/// buttons to press (e-mail) — the personal link that does it on the web.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Button {
    pub label: String,
    pub action: Action,
    pub link: Option<String>,
}

/// A message: its parts in order (each fits a chat message); the buttons go under the last; a
/// document, if any, follows. A channel that sends one letter (e-mail) joins the parts and puts
/// the subject on it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutMessage {
    pub subject: String,
    pub parts: Vec<String>,
    pub buttons: Vec<Button>,
    pub attachment: Option<Attachment>,
    /// The language it is written in (a letter says so in its headers).
    pub lang: crate::i18n::Lang,
}

impl OutMessage {
    /// One part, no buttons.
    pub fn text(text: String) -> OutMessage {
        OutMessage { parts: vec![text], ..OutMessage::default() }
    }

    /// One part with one button.
    pub fn with_button(text: String, label: String, action: Action) -> OutMessage {
        let buttons = vec![Button { label, action, link: None }];
        OutMessage { parts: vec![text], buttons, ..OutMessage::default() }
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

/// Waits for the next slot a channel may use to reach one address (see [`crate::pacer`]), and
/// names the delivery being sent.
#[derive(Clone, Copy)]
pub struct Pace<'a> {
    pub(crate) pacer: &'a crate::pacer::Pacer,
    pub(crate) address: &'a str,
    /// The delivery's key (its dedup key) and when it was planned.
    pub(crate) delivery: (&'a str, chrono::DateTime<chrono::Utc>),
    /// Where each request is counted (`/metrics`), under the channel's name.
    pub(crate) counted: (&'a crate::metrics::Metrics, &'static str),
}

impl<'a> Pace<'a> {
    /// Waits until the next request to this address may go.
    pub async fn wait(&self) {
        self.pacer.wait(self.address).await;
    }

    /// Counts one request to the channel's service by how it ended (a refusal with "retry
    /// after" is counted, then the request that follows it).
    pub fn count<T>(&self, sent: &Result<T, SendError>) {
        use crate::metrics::SendResult;
        let result = match sent {
            Ok(_) => SendResult::Sent,
            Err(SendError::Gone(_)) => SendResult::Blocked,
            Err(SendError::RetryAfter(..)) => SendResult::RetryAfter,
            Err(SendError::Failed(_)) => SendResult::Failed,
        };
        let (metrics, channel) = self.counted;
        metrics.sent(channel, result);
    }

    /// The delivery being sent: its key and when it was planned. The same on every attempt of
    /// it (a letter sent again after a crash can say it is the same one), another for every
    /// other delivery, also of another database.
    pub fn delivery(&self) -> (&'a str, chrono::DateTime<chrono::Utc>) {
        self.delivery
    }
}

/// A way to reach people. The outbox paces and records; the channel turns a message into its own
/// requests (a chat's messages and keyboard, a letter) and its failures into the outbox's three
/// kinds. A new channel is an adapter beside `telegram/`: it names itself and sends.
pub trait Channel: Send + Sync + 'static {
    /// The channel's word in contacts and deliveries ("telegram", "email").
    fn name(&self) -> &'static str;

    /// Sends `message` to `address` on this channel, waiting on `pace` before each request it
    /// makes (a chat message per part, the document).
    fn send<'a>(
        &'a self,
        address: &'a str,
        message: &'a OutMessage,
        pace: Pace<'a>,
    ) -> BoxFuture<'a, Result<(), SendError>>;

    /// The bytes of a file someone sent through this channel, by the id the channel gave it
    /// (the web console hands a report's attachment to an officer this way, never a link that
    /// would carry the channel's credentials).
    fn fetch_file<'a>(&'a self, file_id: &'a str) -> BoxFuture<'a, Result<Vec<u8>, SendError>>;

    /// Whether its buttons must be links to follow (it has no buttons to press): the outbox then
    /// gives each button a personal link to the web.
    fn buttons_as_links(&self) -> bool {
        false
    }

    /// Whether a document it sends may be another channel's file id (else the outbox fetches the
    /// bytes first).
    fn takes_file_ids(&self) -> bool {
        false
    }
}
