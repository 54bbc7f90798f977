//! baocao: a Telegram bot and a web console that run the periodic reporting of a Vietnamese local
//! government.
//!
//! Layers (dependencies point inward): the ways in — `telegram` (the chat), `web` (the officers'
//! console), `cli` (the person at the machine) — parse a request and call one use case of
//! `actions`, the only door to the rules: they never name the store, and a use case that needs a
//! role takes a proof of it that only `actions` makes. Below the door: `domain` (pure rules),
//! `plan` (who is told what), `store` (all SQL), `documents` (the files an office takes away),
//! `outbox` (what the bot sends by itself, through a channel), `metrics` (what the ways in and the
//! outbox count, for `/metrics` and `/healthz`). `app` wires them together.

pub mod actions;
pub mod app;
pub mod cli;
pub mod config;
pub mod documents;
pub mod domain;
pub mod email;
pub mod error;
pub mod i18n;
pub mod metrics;
pub mod outbox;
pub mod pacer;
pub mod plan;
pub mod render;
pub mod scheduler;
pub mod store;
pub mod telegram;
pub mod web;

pub use error::{Error, Result};
