//! Errors inside handlers: logged once, and the person is told (never silence).

use std::sync::Arc;

use futures::future::BoxFuture;
use teloxide::error_handlers::ErrorHandler;
use teloxide::prelude::*;

use crate::telegram::patient::Patiently;

use crate::error::Error;
use crate::i18n::Lang;

use super::TgBot;

/// An error of a handler, with the chat to tell when there is one.
#[derive(Debug)]
pub struct HandlerError {
    pub notify: Option<(ChatId, Lang)>,
    /// A reply to this chat was lost on the way: tell them once the connection is back.
    pub unconfirmed: Option<ChatId>,
    /// A reply to this chat was refused by Telegram (not for being blocked): tell them something
    /// went wrong rather than leave them waiting.
    pub refused: Option<ChatId>,
    pub error: Error,
}

/// What every handler returns.
pub type HandlerResult = Result<(), HandlerError>;

impl From<Error> for HandlerError {
    fn from(error: Error) -> Self {
        HandlerError { notify: None, unconfirmed: None, refused: None, error }
    }
}

impl From<teloxide::RequestError> for HandlerError {
    fn from(error: teloxide::RequestError) -> Self {
        HandlerError {
            notify: None,
            unconfirmed: None,
            refused: None,
            error: Error::Telegram(error),
        }
    }
}

impl From<super::patient::Unsent> for HandlerError {
    fn from(unsent: super::patient::Unsent) -> Self {
        let (unconfirmed, refused) = match unsent.lost_in_transit() {
            true => (unsent.chat, None),
            false if unsent.person_gone() => (None, None),
            false => (None, unsent.chat),
        };
        HandlerError { notify: None, unconfirmed, refused, error: Error::Telegram(unsent.error) }
    }
}

/// Attaches the chat to tell to a failing result.
pub trait Notify<T> {
    /// On error, the person in `chat` is told in `lang`.
    fn notify(self, chat: ChatId, lang: Lang) -> Result<T, HandlerError>;
}

impl<T, E: Into<Error>> Notify<T> for Result<T, E> {
    fn notify(self, chat: ChatId, lang: Lang) -> Result<T, HandlerError> {
        self.map_err(|e| HandlerError {
            notify: Some((chat, lang)),
            unconfirmed: None,
            refused: None,
            error: e.into(),
        })
    }
}

/// The dispatcher's error handler: sends the person the error's message (and the lost-reply
/// notice through the outbox).
pub struct TellTheUser {
    pub bot: TgBot,
    pub env: super::Env,
}

impl TellTheUser {
    /// The language of the person in a private chat (the chat is the person), else the default.
    async fn lang_of(&self, chat: ChatId) -> Lang {
        crate::actions::members::lang_of(&self.env, chat.0).await
    }
}

impl ErrorHandler<HandlerError> for TellTheUser {
    fn handle_error(self: Arc<Self>, error: HandlerError) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            // Logged already, in the update's span (see `telegram::schema`).
            if let Some(chat) = error.unconfirmed {
                // Said through the outbox, which retries until the connection is back.
                let to = crate::domain::Contact::telegram(chat.0);
                crate::actions::members::lost_reply(&self.env, &to).await;
            }
            let notify = match (error.notify, error.refused) {
                (Some(notify), _) => notify,
                (None, Some(chat)) => (chat, self.lang_of(chat).await),
                (None, None) => return,
            };
            let (chat, lang) = notify;
            let text = self.env.config().office.named(error.error.user_message()).render(lang);
            if let Err(e) = self.bot.send_message(chat, text).patiently().await {
                tracing::warn!(error = %e, "could not tell the user about an error");
            }
        })
    }
}
