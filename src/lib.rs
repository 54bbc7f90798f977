//! baocao: a Telegram bot that runs the periodic reporting of a Vietnamese local government.
//!
//! Layers (dependencies point inward): `telegram` and `cli` → `actions` → `domain` ← `store`;
//! `app` wires them together.

pub mod actions;
pub mod app;
pub mod cli;
pub mod config;
pub mod documents;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod outbox;
pub mod pacer;
pub mod plan;
pub mod render;
pub mod scheduler;
pub mod store;
pub mod telegram;
pub mod web;

pub use error::{Error, Result};
