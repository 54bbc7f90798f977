//! Dialogue states in our own `dialogues` table, on the application's pool.
//! A state that no longer decodes becomes `State::Unreadable` instead of a dropped update.

use std::sync::Arc;

use futures::future::BoxFuture;
use teloxide::dispatching::dialogue::Storage;
use teloxide::types::ChatId;

use crate::domain::Clock;
use crate::error::Error;
use crate::store::Store;

use super::state::State;

/// Dialogue storage backed by the application's SQLite database.
pub struct DialogueStorage {
    store: Store,
    clock: Arc<dyn Clock>,
}

impl DialogueStorage {
    /// Storage over `store`, stamping updates with `clock`.
    pub fn new(store: Store, clock: Arc<dyn Clock>) -> Arc<DialogueStorage> {
        Arc::new(DialogueStorage { store, clock })
    }
}

impl Storage<State> for DialogueStorage {
    type Error = Error;

    fn remove_dialogue(self: Arc<Self>, chat_id: ChatId) -> BoxFuture<'static, Result<(), Error>> {
        Box::pin(async move { self.store.delete_dialogue(chat_id.0).await })
    }

    fn update_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
        dialogue: State,
    ) -> BoxFuture<'static, Result<(), Error>> {
        Box::pin(async move {
            if dialogue == State::Idle || dialogue == State::Unreadable {
                return self.store.delete_dialogue(chat_id.0).await;
            }
            let json = serde_json::to_string(&dialogue)?;
            self.store.save_dialogue(chat_id.0, &json, self.clock.now()).await
        })
    }

    fn get_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
    ) -> BoxFuture<'static, Result<Option<State>, Error>> {
        Box::pin(async move {
            let Some(json) = self.store.load_dialogue(chat_id.0).await? else {
                return Ok(None);
            };
            match serde_json::from_str(&json) {
                Ok(state) => Ok(Some(state)),
                Err(e) => {
                    tracing::warn!(chat = chat_id.0, error = %e, "stored dialogue state is unreadable");
                    Ok(Some(State::Unreadable))
                }
            }
        })
    }
}
