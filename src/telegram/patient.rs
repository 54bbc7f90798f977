//! Replies go straight to the Bot API (no queue, no tick). They wait out a 429 (Telegram says how
//! long), and try again a little later when the connection failed; a reply that still could not
//! be sent comes back as [`Unsent`], naming the chat that did not get it, so that the person can be
//! told once the connection is back (`error.rs`) instead of being left to guess.

use std::future::Future;
use std::time::Duration;

use teloxide::payloads::{
    AnswerCallbackQuery, EditMessageReplyMarkup, EditMessageText, SendDocument, SendMessage,
    SendPhoto, SetMyCommands,
};
use teloxide::requests::{HasPayload, Output, Request};
use teloxide::types::{ChatId, Recipient};
use teloxide::RequestError;

/// 429s waited out before a reply is given up.
const MAX_WAITS: usize = 5;
/// Waits before sending again after a lost connection (then the reply is given up).
const RECONNECT_WAITS: [Duration; 2] = [Duration::from_millis(500), Duration::from_secs(2)];

/// A request that could not be sent.
#[derive(Debug)]
pub struct Unsent {
    /// The chat the message was for, when it was a message.
    pub chat: Option<ChatId>,
    pub error: RequestError,
}

impl Unsent {
    /// Whether the message was lost on the way (network, or a gateway's error page instead of
    /// Telegram's answer), as opposed to refused by Telegram.
    pub fn lost_in_transit(&self) -> bool {
        lost_in_transit(&self.error)
    }
}

impl Unsent {
    /// Whether Telegram refused it because the person cannot be written to (blocked, gone).
    pub fn person_gone(&self) -> bool {
        use teloxide::ApiError;
        matches!(
            &self.error,
            RequestError::Api(
                ApiError::BotBlocked
                    | ApiError::UserDeactivated
                    | ApiError::ChatNotFound
                    | ApiError::CantInitiateConversation
            )
        )
    }
}

fn lost_in_transit(e: &RequestError) -> bool {
    matches!(e, RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. })
}

impl std::fmt::Display for Unsent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl From<Unsent> for RequestError {
    fn from(unsent: Unsent) -> RequestError {
        unsent.error
    }
}

/// The chat a request writes to.
pub trait ChatOf {
    fn chat(&self) -> Option<ChatId>;
}

fn chat_of(recipient: &Recipient) -> Option<ChatId> {
    match recipient {
        Recipient::Id(id) => Some(*id),
        Recipient::ChannelUsername(_) => None,
    }
}

macro_rules! to_chat {
    ($($payload:ty),*) => {$(
        impl ChatOf for $payload {
            fn chat(&self) -> Option<ChatId> {
                chat_of(&self.chat_id)
            }
        }
    )*};
}
to_chat!(SendMessage, SendDocument, SendPhoto, EditMessageText, EditMessageReplyMarkup);

macro_rules! to_no_chat {
    ($($payload:ty),*) => {$(
        impl ChatOf for $payload {
            fn chat(&self) -> Option<ChatId> {
                None
            }
        }
    )*};
}
to_no_chat!(AnswerCallbackQuery, SetMyCommands);

/// `.patiently()` on any Bot API request.
pub trait Patiently: Request<Err = RequestError> + HasPayload + Sized + Send + Sync
where
    Output<Self>: Send,
    Self::Payload: ChatOf,
{
    /// Sends the request; on a 429 waits `retry_after` and sends it again; after a lost
    /// connection sends it again a little later (twice at most).
    fn patiently(self) -> impl Future<Output = Result<Output<Self>, Unsent>> + Send {
        async move {
            let (mut waits, mut reconnects) = (0, RECONNECT_WAITS.iter());
            loop {
                let error = match self.send_ref().await {
                    Ok(output) => return Ok(output),
                    Err(e) => e,
                };
                let pause = match &error {
                    RequestError::RetryAfter(secs) if waits < MAX_WAITS => {
                        waits += 1;
                        Some(secs.duration())
                    }
                    e if lost_in_transit(e) => reconnects.next().copied(),
                    _ => None,
                };
                match pause {
                    Some(pause) => tokio::time::sleep(pause).await,
                    None => return Err(Unsent { chat: self.payload_ref().chat(), error }),
                }
            }
        }
    }
}

impl<R> Patiently for R
where
    R: Request<Err = RequestError> + HasPayload + Send + Sync,
    Output<R>: Send,
    R::Payload: ChatOf,
{
}
