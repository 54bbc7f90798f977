//! End-to-end tests: the real bot against a fake Telegram on 127.0.0.1, and the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

#[path = "e2e/bad_input.rs"]
mod bad_input;

#[path = "e2e/browser.rs"]
mod browser;
#[path = "e2e/browser_form.rs"]
mod browser_form;
#[path = "e2e/cli.rs"]
mod cli;
#[path = "e2e/documents.rs"]
mod documents;
#[path = "e2e/email.rs"]
mod email;
#[path = "e2e/faults.rs"]
mod faults;
#[path = "e2e/form.rs"]
mod form;
#[path = "e2e/holes.rs"]
mod holes;
#[path = "e2e/join_web.rs"]
mod join_web;
#[path = "e2e/no_telegram.rs"]
mod no_telegram;
#[path = "e2e/officer.rs"]
mod officer;
#[path = "e2e/onboarding.rs"]
mod onboarding;
#[path = "e2e/operations.rs"]
mod operations;
#[path = "e2e/reminders.rs"]
mod reminders;
#[path = "e2e/report.rs"]
mod report;
#[path = "e2e/today.rs"]
mod today;
#[path = "e2e/web.rs"]
mod web;
