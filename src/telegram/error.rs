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
    pub error: Error,
}

/// What every handler returns.
pub type HandlerResult = Result<(), HandlerError>;

impl From<Error> for HandlerError {
    fn from(error: Error) -> Self {
        HandlerError { notify: None, error }
    }
}

impl From<teloxide::RequestError> for HandlerError {
    fn from(error: teloxide::RequestError) -> Self {
        HandlerError { notify: None, error: Error::Telegram(error) }
    }
}

/// Attaches the chat to tell to a failing result.
pub trait Notify<T> {
    /// On error, the person in `chat` is told in `lang`.
    fn notify(self, chat: ChatId, lang: Lang) -> Result<T, HandlerError>;
}

impl<T, E: Into<Error>> Notify<T> for Result<T, E> {
    fn notify(self, chat: ChatId, lang: Lang) -> Result<T, HandlerError> {
        self.map_err(|e| HandlerError { notify: Some((chat, lang)), error: e.into() })
    }
}

/// The dispatcher's error handler: logs, then sends the person the error's message.
pub struct TellTheUser {
    pub bot: TgBot,
}

impl ErrorHandler<HandlerError> for TellTheUser {
    fn handle_error(self: Arc<Self>, error: HandlerError) -> BoxFuture<'static, ()> {
        Box::pin(async move {
            if error.error.is_user() {
                tracing::debug!(error = %error.error, "refused a request");
            } else {
                tracing::error!(error = %error.error, "handler failed");
            }
            let Some((chat, lang)) = error.notify else { return };
            let text = error.error.user_message().render(lang);
            if let Err(e) = self.bot.send_message(chat, text).patiently().await {
                tracing::warn!(error = %e, "could not tell the user about an error");
            }
        })
    }
}
