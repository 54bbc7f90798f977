//! Raw dialogue states by chat (decoding is the Telegram layer's business).

use chrono::{DateTime, Utc};

use crate::error::Result;

use super::writer::Write;
use super::{ts, Store};

/// Stores a chat's state: (chat id, state as JSON, when).
pub(super) const SAVE_STATE: &str = "INSERT INTO dialogues (chat_id, state_json, updated_at) VALUES (?, ?, ?)
             ON CONFLICT (chat_id) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at";

/// A chat's conversation state, as the way in stores it, written together with a change it follows.
#[derive(Clone, Debug, PartialEq)]
pub struct ChatState {
    pub chat_id: i64,
    pub json: String,
}

impl Store {
    /// The stored state of `chat_id`, as JSON.
    pub async fn load_dialogue(&self, chat_id: i64) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT state_json FROM dialogues WHERE chat_id = ?")
            .bind(chat_id)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Stores the state of `chat_id`.
    pub async fn save_dialogue(
        &self,
        chat_id: i64,
        state_json: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let write = Write::new(SAVE_STATE).bind(chat_id).bind(state_json).bind(ts(now));
        self.run(write.changing_nothing_held()).await?;
        Ok(())
    }

    /// Forgets the state of `chat_id` (idle).
    pub async fn delete_dialogue(&self, chat_id: i64) -> Result<()> {
        let write = Write::new("DELETE FROM dialogues WHERE chat_id = ?").bind(chat_id);
        self.run(write.changing_nothing_held()).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::store::test_support::store;
    use chrono::DateTime;

    #[tokio::test]
    async fn state_is_saved_replaced_and_deleted() {
        let (store, _dir) = store().await;
        let now = DateTime::from_timestamp(1_623_800_000, 0).unwrap();
        assert_eq!(store.load_dialogue(5).await.unwrap(), None);
        store.save_dialogue(5, r#"{"state":"A"}"#, now).await.unwrap();
        store.save_dialogue(5, r#"{"state":"B"}"#, now).await.unwrap();
        assert_eq!(store.load_dialogue(5).await.unwrap().as_deref(), Some(r#"{"state":"B"}"#));
        store.delete_dialogue(5).await.unwrap();
        assert_eq!(store.load_dialogue(5).await.unwrap(), None);
    }
}
