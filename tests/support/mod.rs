//! Test harness: a fake Telegram, people who talk to the bot, and the real bot started against it.
#![allow(dead_code, unused_imports, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod bot;
pub mod fake_telegram;
pub mod person;
pub mod seed;
pub mod smtp_sink;

pub use bot::{TestBot, TestBotBuilder};
pub use fake_telegram::{FakeTelegram, Fault};
pub use person::{Person, Sent};
pub use smtp_sink::SmtpSink;

/// A welcome as the bot sends it to someone who has not given their name yet: the question of
/// the name follows in the same message.
pub fn asking_name(welcome: String, lang: baocao::i18n::Lang) -> String {
    format!("{welcome}\n\n{}", baocao::i18n::t(lang, "profile-ask-name"))
}

/// `msg` as the bot of the test set-up ([`bot::DISTRICT_2021`]) says it: naming its office.
pub fn district(msg: baocao::i18n::Msg) -> baocao::i18n::Msg {
    msg.arg("office", "Phòng Nội vụ")
}

/// The chat's refusal of an officer's command or button to someone who is not one: the use
/// cases' sentence, and the way to the person's own commands.
pub fn officers_only(lang: baocao::i18n::Lang) -> String {
    let why = baocao::i18n::t(lang, "err-officers-only");
    baocao::i18n::Msg::new("officers-only-in-chat").arg("why", why).render(lang)
}

/// How soon the running bot sees what another process (the command line) wrote: it looks at
/// `PRAGMA data_version` every 250 ms and then reads afresh what it held in memory.
pub const ANOTHER_PROCESS_SEEN_WITHIN: std::time::Duration = std::time::Duration::from_secs(1);

/// Waits until `seen` says the bot sees another process's write, failing the test after
/// [`ANOTHER_PROCESS_SEEN_WITHIN`].
pub async fn until_seen<F: std::future::Future<Output = bool>>(
    what: &str,
    mut seen: impl FnMut() -> F,
) {
    let deadline = std::time::Instant::now() + ANOTHER_PROCESS_SEEN_WITHIN;
    while !seen().await {
        assert!(std::time::Instant::now() < deadline, "not seen within a second: {what}");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}
