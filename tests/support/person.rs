//! A person who talks to the bot in a private (or group) chat, as a phone would.

use serde_json::{json, Value};

use super::fake_telegram::FakeTelegram;

/// Someone on Telegram.
#[derive(Clone)]
pub struct Person {
    tg: FakeTelegram,
    pub id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub lang: Option<String>,
    /// The chat they write in: their private chat unless changed.
    pub chat: i64,
    /// How many of the bot's messages to this chat the test has read.
    seen: usize,
}

/// A message the bot sent, as it stands in the fake.
#[derive(Clone, Debug)]
pub struct Sent {
    pub chat: i64,
    pub id: i64,
    pub json: Value,
}

impl Sent {
    pub fn text(&self) -> String {
        self.json
            .get("text")
            .or_else(|| self.json.get("caption"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    }

    /// Labels of the inline buttons, row by row, flattened.
    pub fn buttons(&self) -> Vec<String> {
        inline_buttons(&self.json).into_iter().map(|(label, _)| label).collect()
    }
}

fn inline_buttons(message: &Value) -> Vec<(String, String)> {
    let rows = message
        .pointer("/reply_markup/inline_keyboard")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    rows.iter()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .map(|b| {
            let label = b.get("text").and_then(Value::as_str).unwrap_or_default().to_owned();
            let data =
                b.get("callback_data").and_then(Value::as_str).unwrap_or_default().to_owned();
            (label, data)
        })
        .collect()
}

impl Person {
    pub fn new(tg: &FakeTelegram, id: i64, first_name: &str, lang: Option<&str>) -> Person {
        let seen = tg.sent_ids(id).len();
        Person {
            tg: tg.clone(),
            id,
            first_name: first_name.to_owned(),
            last_name: None,
            lang: lang.map(str::to_owned),
            chat: id,
            seen,
        }
    }

    /// The same person writing in a group chat.
    pub fn in_group(&self, group_chat: i64) -> Person {
        let seen = self.tg.sent_ids(group_chat).len();
        Person { chat: group_chat, seen, ..self.clone() }
    }

    fn user(&self) -> Value {
        let mut user = json!({ "id": self.id, "is_bot": false, "first_name": self.first_name });
        if let Some(last) = &self.last_name {
            user["last_name"] = json!(last);
        }
        if let Some(lang) = &self.lang {
            user["language_code"] = json!(lang);
        }
        user
    }

    fn chat_json(&self) -> Value {
        if self.chat < 0 {
            json!({ "id": self.chat, "type": "group", "title": "Nhóm cán bộ" })
        } else {
            json!({ "id": self.chat, "type": "private", "first_name": self.first_name })
        }
    }

    /// Types `text` (a command or an answer).
    pub fn send(&self, text: &str) -> i64 {
        let mut message = json!({
            "message_id": self.tg.new_message_id(),
            "date": 1_700_000_000,
            "chat": self.chat_json(),
            "from": self.user(),
            "text": text,
        });
        if text.starts_with('/') {
            let len = text.split_whitespace().next().map_or(0, |c| c.encode_utf16().count());
            message["entities"] = json!([{ "type": "bot_command", "offset": 0, "length": len }]);
        }
        self.tg.push_update("message", message)
    }

    /// Sends a message with arbitrary extra fields (sticker, document, photo…).
    pub fn send_raw(&self, extra: Value) -> i64 {
        let mut message = json!({
            "message_id": self.tg.new_message_id(),
            "date": 1_700_000_000,
            "chat": self.chat_json(),
            "from": self.user(),
        });
        if let (Some(obj), Some(extra)) = (message.as_object_mut(), extra.as_object()) {
            obj.extend(extra.clone());
        }
        self.tg.push_update("message", message)
    }

    /// Taps the inline button labelled `label` on `message`; returns the callback query id.
    pub fn press(&self, message: &Sent, label: &str) -> String {
        let current = self.tg.message(message.chat, message.id);
        let buttons = inline_buttons(&current);
        let data = buttons
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, d)| d.clone())
            .unwrap_or_else(|| panic!("no button {label:?} on message; buttons: {buttons:?}"));
        self.press_data(&current, &data)
    }

    /// Sends a callback query with any data, as a forged or stale button would.
    pub fn press_data(&self, message: &Value, data: &str) -> String {
        let id = self.tg.new_callback_id();
        let query = json!({
            "id": id,
            "from": self.user(),
            "message": message,
            "chat_instance": format!("ci{}", self.chat),
            "data": data,
        });
        self.tg.push_update("callback_query", query);
        id
    }

    /// Waits for the bot's next message to this chat, and marks it read.
    pub async fn next_message(&mut self) -> Sent {
        let (chat, index) = (self.chat, self.seen);
        let id = self
            .tg
            .wait_for(&format!("message #{} to chat {chat}", index + 1), |tg| {
                tg.sent_ids(chat).get(index).copied()
            })
            .await;
        self.seen += 1;
        Sent { chat, id, json: self.tg.message(chat, id) }
    }

    /// Waits for the bot's next message and returns its text.
    pub async fn next_text(&mut self) -> String {
        self.next_message().await.text()
    }

    /// Messages the bot sent to this chat that the test has not read yet.
    pub fn unread(&self) -> usize {
        self.tg.sent_ids(self.chat).len() - self.seen
    }

    /// Waits for the answer to a callback query; returns its text (may be empty).
    pub async fn callback_answer(&self, query_id: &str) -> String {
        self.tg
            .wait_for(&format!("answerCallbackQuery {query_id}"), |tg| {
                tg.calls_of("answerCallbackQuery")
                    .into_iter()
                    .find(|c| {
                        c.params.get("callback_query_id").and_then(Value::as_str) == Some(query_id)
                    })
                    .map(|c| {
                        c.params.get("text").and_then(Value::as_str).unwrap_or_default().to_owned()
                    })
            })
            .await
    }

    /// The message `sent` as it stands now (after edits).
    pub fn reread(&self, sent: &Sent) -> Sent {
        Sent { json: self.tg.message(sent.chat, sent.id), ..sent.clone() }
    }
}
