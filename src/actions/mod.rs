//! Use cases performed both from the chat and from the command line. Each checks who may do
//! it, calls the store, and returns what to tell the person; neither Telegram nor SQL here.

pub mod exports;
pub mod invite;
pub mod period;
