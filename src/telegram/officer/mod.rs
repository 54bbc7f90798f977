//! Officer tools: the status board and the missing list (`board`), reading reports (`reading`),
//! returning and accepting them and moving deadlines (`decisions`), the documents (`documents`).

mod board;
mod decisions;
mod documents;
mod reading;

use teloxide::types::InlineKeyboardButton;

use crate::actions::{By, Officer};
use crate::domain::Period;

use super::callback::CallbackData;
use super::Env;

pub use board::{board, board_button, missing, nudge_all};
pub use decisions::{accept, ask_return_reason, new_deadline, return_with_reason};
pub use documents::{export, stats, summary};
pub use reading::{revisions, view, view_report};

fn button(label: String, data: CallbackData) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label, data.encode())
}

/// The period an officer means (see [`crate::actions::progress::resolve`]).
async fn resolve_period(env: &Env, officer: &Officer, arg: &str) -> crate::Result<Period> {
    crate::actions::progress::resolve(env, By::Officer(officer), arg).await
}
