//! Telegram as the outbox's channel: neutral buttons become inline keyboards of callback data,
//! Telegram's errors become the outbox's three kinds of failure.

use futures::future::BoxFuture;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};
use teloxide::{ApiError, RequestError};

use crate::domain::attachment::{AttachedFile, Attachment};
use crate::outbox::{Action, Button, Channel, OutMessage, Pace, SendError};

use super::CallbackData;

/// Sends the outbox's messages through the Bot API.
pub struct TelegramChannel {
    pub bot: Bot,
}

/// Waits a chat asked for ("retry after") within one message before it is recorded as failed.
const MAX_RETRY_AFTER: usize = 5;

impl TelegramChannel {
    /// Sends one request at the next free slot; a "retry after" waits as long as asked and tries
    /// the same request again (nothing sent twice: Telegram refused it).
    async fn paced<T>(
        &self,
        pace: Pace<'_>,
        request: impl Fn() -> BoxFuture<'static, Result<T, RequestError>>,
    ) -> Result<(), SendError> {
        for _ in 0..MAX_RETRY_AFTER {
            pace.wait().await;
            let sent = request().await.map_err(|e| send_error(&e));
            pace.count(&sent);
            match sent {
                Err(SendError::RetryAfter(wait, _)) => tokio::time::sleep(wait).await,
                other => return other.map(|_| ()),
            }
        }
        pace.wait().await;
        let sent = request().await.map(|_| ()).map_err(|e| send_error(&e));
        pace.count(&sent);
        sent
    }
}

impl Channel for TelegramChannel {
    fn name(&self) -> &'static str {
        crate::domain::contact::TELEGRAM
    }

    fn send<'a>(
        &'a self,
        address: &'a str,
        message: &'a OutMessage,
        pace: Pace<'a>,
    ) -> BoxFuture<'a, Result<(), SendError>> {
        Box::pin(async move {
            let chat = ChatId(
                address.parse().map_err(|_| SendError::Gone(format!("not a chat: {address}")))?,
            );
            let last = message.parts.len().saturating_sub(1);
            for (i, part) in message.parts.iter().enumerate() {
                let buttons = if i == last { message.buttons.as_slice() } else { &[] };
                let bot = self.bot.clone();
                let (part, markup) =
                    (part.clone(), (!buttons.is_empty()).then(|| keyboard(buttons)));
                self.paced(pace, move || {
                    let mut request = bot.send_message(chat, part.clone());
                    if let Some(markup) = &markup {
                        request = request.reply_markup(markup.clone());
                    }
                    Box::pin(async move { request.await })
                })
                .await?;
            }
            if let Some(document) = &message.attachment {
                let bot = self.bot.clone();
                let file = input_file(document);
                self.paced(pace, move || {
                    let request = bot.send_document(chat, file.clone());
                    Box::pin(async move { request.await })
                })
                .await?;
            }
            Ok(())
        })
    }

    fn takes_file_ids(&self) -> bool {
        true
    }

    fn fetch_file<'a>(&'a self, file_id: &'a str) -> BoxFuture<'a, Result<Vec<u8>, SendError>> {
        use teloxide::net::Download;
        Box::pin(async move {
            let id = teloxide::types::FileId(file_id.to_owned());
            let file = self.bot.get_file(id).await.map_err(|e| send_error(&e))?;
            let mut bytes = Vec::with_capacity(file.size as usize);
            self.bot
                .download_file(&file.path, &mut bytes)
                .await
                .map_err(|e| SendError::Failed(e.to_string()))?;
            Ok(bytes)
        })
    }
}

/// A document as the Bot API takes it: by the id Telegram gave it, or uploaded.
pub fn input_file(document: &Attachment) -> teloxide::types::InputFile {
    use teloxide::types::InputFile;
    match &document.file {
        AttachedFile::ChannelId(id) => InputFile::file_id(teloxide::types::FileId(id.clone())),
        AttachedFile::Bytes(bytes) => {
            InputFile::memory(bytes.as_ref().clone()).file_name(document.name.clone())
        }
    }
}

/// One button a row, each pressing the callback its action stands for.
pub fn keyboard(buttons: &[Button]) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(buttons.iter().filter_map(|b| {
        let data = callback_of(b.action)?;
        Some([InlineKeyboardButton::callback(b.label.clone(), data.encode())])
    }))
}

/// The callback a button presses; none for a sign-in link (sent only by e-mail: a chat signs in
/// with /web).
fn callback_of(action: Action) -> Option<CallbackData> {
    match action {
        Action::StartReport(period) => Some(CallbackData::StartReport { period: period.0 }),
        Action::ViewReport(report) => Some(CallbackData::ViewReport { report: report.0 }),
        Action::SignIn => None,
    }
}

/// 403-like errors mean the person is gone; 429 says how long to wait; the rest are retried.
fn send_error(e: &RequestError) -> SendError {
    match e {
        RequestError::Api(
            ApiError::BotBlocked
            | ApiError::UserDeactivated
            | ApiError::ChatNotFound
            | ApiError::CantInitiateConversation
            | ApiError::BotKicked
            | ApiError::BotKickedFromSupergroup
            | ApiError::BotKickedFromChannel,
        ) => SendError::Gone(e.to_string()),
        RequestError::RetryAfter(secs) => SendError::RetryAfter(secs.duration(), e.to_string()),
        _ => SendError::Failed(e.to_string()),
    }
}
