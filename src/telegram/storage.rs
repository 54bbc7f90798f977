//! Dialogue states in our own `dialogues` table, on the application's pool.
//! A state that no longer decodes becomes `State::Unreadable` instead of a dropped update.
//!
//! Every change is written to the database before it is remembered in memory (write-through),
//! so reading a chat's state is a map look-up and a restart loses nothing. Only this process
//! writes states while it runs (the CLI's `member remove` deletes a removed member's state; a
//! removed member is a guest whatever their state says, and joining again starts afresh).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use futures::future::BoxFuture;
use teloxide::dispatching::dialogue::Storage;
use teloxide::types::ChatId;

use crate::domain::Clock;
use crate::error::Error;
use crate::store::{ChatState, Store};

use super::state::State;

/// Dialogue storage backed by the application's SQLite database.
pub struct DialogueStorage {
    store: Store,
    clock: Arc<dyn Clock>,
    /// States known to be in the database, by chat (`Idle` for a chat without a row).
    known: Mutex<HashMap<i64, State>>,
}

/// Chats remembered at most; beyond it the memory is emptied and refilled from the database.
const REMEMBERED_CHATS: usize = 20_000;

impl DialogueStorage {
    /// Storage over `store`, stamping updates with `clock`.
    pub fn new(store: Store, clock: Arc<dyn Clock>) -> Arc<DialogueStorage> {
        Arc::new(DialogueStorage { store, clock, known: Mutex::new(HashMap::new()) })
    }

    fn recall(&self, chat_id: i64) -> Option<State> {
        self.known.lock().ok().and_then(|known| known.get(&chat_id).cloned())
    }

    /// Remembers what the database now holds for `chat_id`; `None` forgets it (unknown).
    fn remember(&self, chat_id: i64, state: Option<State>) {
        if let Ok(mut known) = self.known.lock() {
            match state {
                Some(state) => {
                    if known.len() >= REMEMBERED_CHATS && !known.contains_key(&chat_id) {
                        known.clear();
                    }
                    known.insert(chat_id, state);
                }
                None => {
                    known.remove(&chat_id);
                }
            }
        }
    }

    /// Writes `state` unless the database already holds it; remembers the outcome.
    async fn store_state(&self, chat_id: i64, state: State) -> Result<(), Error> {
        if self.recall(chat_id).as_ref() == Some(&state) {
            return Ok(());
        }
        let written = if state == State::Idle {
            self.store.delete_dialogue(chat_id).await
        } else {
            match serde_json::to_string(&state) {
                Ok(json) => self.store.save_dialogue(chat_id, &json, self.clock.now()).await,
                Err(e) => Err(e.into()),
            }
        };
        // After a failed write the database may hold either state: ask it next time.
        self.remember(chat_id, written.is_ok().then_some(state));
        written
    }
}

/// The dialogue storage itself, for a handler that writes a chat's next state in the same
/// database round trip as the change it follows (an answer and the next question's state).
#[derive(Clone)]
pub struct States(pub Arc<DialogueStorage>);

impl States {
    /// The next state of `chat`, to be written together with another change.
    pub fn next_for(&self, chat_id: i64) -> NextState<'_> {
        NextState { states: self, chat_id, state: None }
    }
}

/// A chat's next state on its way into the database with another change: [`NextState::prepare`]
/// gives what to store with it, [`NextState::written`] remembers it once the change is stored, so
/// the dialogue's own update of it is a look-up, not a second write.
pub struct NextState<'a> {
    states: &'a States,
    chat_id: i64,
    state: Option<State>,
}

impl NextState<'_> {
    /// `state` as it is stored with the change, or `None` when there is nothing to write (the
    /// database holds it already, or it is `Idle`, which is a deletion).
    pub fn prepare(&mut self, state: State) -> Option<ChatState> {
        let storage = &self.states.0;
        if state == State::Idle || storage.recall(self.chat_id).as_ref() == Some(&state) {
            return None;
        }
        let json = serde_json::to_string(&state).ok()?;
        self.state = Some(state);
        Some(ChatState { chat_id: self.chat_id, json })
    }

    /// The change and the state are stored.
    pub fn written(self) {
        if let Some(state) = self.state {
            self.states.0.remember(self.chat_id, Some(state));
        }
    }
}

impl Storage<State> for DialogueStorage {
    type Error = Error;

    fn remove_dialogue(self: Arc<Self>, chat_id: ChatId) -> BoxFuture<'static, Result<(), Error>> {
        Box::pin(async move { self.store_state(chat_id.0, State::Idle).await })
    }

    fn update_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
        dialogue: State,
    ) -> BoxFuture<'static, Result<(), Error>> {
        Box::pin(async move {
            let state = if dialogue == State::Unreadable { State::Idle } else { dialogue };
            self.store_state(chat_id.0, state).await
        })
    }

    fn get_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
    ) -> BoxFuture<'static, Result<Option<State>, Error>> {
        Box::pin(async move {
            if let Some(state) = self.recall(chat_id.0) {
                return Ok((state != State::Idle).then_some(state));
            }
            let Some(json) = self.store.load_dialogue(chat_id.0).await? else {
                self.remember(chat_id.0, Some(State::Idle));
                return Ok(None);
            };
            match serde_json::from_str::<State>(&json) {
                Ok(state) => {
                    self.remember(chat_id.0, Some(state.clone()));
                    Ok(Some(state))
                }
                Err(e) => {
                    tracing::warn!(chat = chat_id.0, error = %e, "stored dialogue state is unreadable");
                    Ok(Some(State::Unreadable))
                }
            }
        })
    }
}
