//! Telegram as the outbox's channel: neutral buttons become inline keyboards of callback data,
//! Telegram's errors become the outbox's three kinds of failure.

use futures::future::BoxFuture;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};
use teloxide::{ApiError, RequestError};

use crate::domain::attachment::{AttachedFile, Attachment};
use crate::outbox::{Action, Button, Channel, SendError};

use super::CallbackData;

/// Sends the outbox's messages through the Bot API.
pub struct TelegramChannel {
    pub bot: Bot,
}

impl Channel for TelegramChannel {
    fn name(&self) -> &'static str {
        "telegram"
    }

    fn send<'a>(
        &'a self,
        chat: i64,
        text: &'a str,
        buttons: &'a [Button],
    ) -> BoxFuture<'a, Result<(), SendError>> {
        Box::pin(async move {
            let mut request = self.bot.send_message(ChatId(chat), text);
            if !buttons.is_empty() {
                request = request.reply_markup(keyboard(buttons));
            }
            request.await.map(|_| ()).map_err(|e| send_error(&e))
        })
    }

    fn send_document<'a>(
        &'a self,
        chat: i64,
        document: &'a Attachment,
    ) -> BoxFuture<'a, Result<(), SendError>> {
        Box::pin(async move {
            let file = input_file(document);
            self.bot.send_document(ChatId(chat), file).await.map(|_| ()).map_err(|e| send_error(&e))
        })
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
    InlineKeyboardMarkup::new(
        buttons.iter().map(|b| {
            [InlineKeyboardButton::callback(b.label.clone(), callback_of(b.action).encode())]
        }),
    )
}

fn callback_of(action: Action) -> CallbackData {
    match action {
        Action::StartReport(period) => CallbackData::StartReport { period: period.0 },
        Action::ViewReport(report) => CallbackData::ViewReport { report: report.0 },
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
