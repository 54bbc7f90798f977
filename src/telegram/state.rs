//! What the bot waits for in a private chat. Persisted as JSON: adding variants is fine,
//! renaming or removing one needs a migration path (see `storage.rs`).

use serde::{Deserialize, Serialize};

/// The state of one private chat.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state")]
pub enum State {
    /// Nothing in progress.
    #[default]
    Idle,
    /// A stored state could not be read (after an upgrade): the chat is reset with an apology.
    #[serde(skip)]
    Unreadable,
}
