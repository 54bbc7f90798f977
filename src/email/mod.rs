//! E-mail: an adapter beside `telegram/` that sends the outbox's messages as letters over SMTP
//! (`BAOCAO_SMTP_URL`, `BAOCAO_MAIL_FROM`, `BAOCAO_MAIL_PER_MIN`). The outbox decides what is
//! sent, to whom and when; this room only turns a message into a letter (`letter.rs`, its HTML
//! in `html.rs`) and sends it (`channel.rs`). Off when no mail server is configured.

pub mod channel;
mod html;
pub mod letter;

pub use channel::EmailChannel;

use std::sync::Arc;

use crate::config::Config;
use crate::outbox::Paced;
use crate::pacer::Pacer;

/// The e-mail channel with its pacing (`per_minute` letters a minute, one a second to one
/// address), when a mail server is configured.
pub fn channel(config: &Config) -> Option<Paced> {
    let mail = config.mail.as_ref()?;
    match EmailChannel::new(mail, &config.office.short_name) {
        Ok(channel) => {
            tracing::info!(per_minute = mail.per_minute, "e-mail is on");
            Some(Paced { channel: Arc::new(channel), pacer: Pacer::per_minute(mail.per_minute) })
        }
        Err(e) => {
            tracing::error!(error = %e, "e-mail is off: the mail server's settings cannot be used");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ConfigArgs;
    use tokio::time::{Duration, Instant};

    fn config(vars: &[(&str, &str)]) -> Config {
        let args = vars.iter().fold(ConfigArgs::default(), |args, (k, v)| args.with(k, v));
        Config::load(&args).unwrap()
    }

    #[tokio::test]
    async fn without_a_mail_server_there_is_no_email_channel() {
        assert!(channel(&config(&[("BAOCAO_MAIL_FROM", "a@b.vn")])).is_none());
        let on = config(&[
            ("BAOCAO_SMTP_URL", "smtp://127.0.0.1:2525?tls=none"),
            ("BAOCAO_MAIL_FROM", "a@b.vn"),
        ]);
        let paced = channel(&on).unwrap();
        assert_eq!(paced.channel.name(), "email");
        assert!(paced.channel.buttons_as_links() && !paced.channel.takes_file_ids());
    }

    /// 30 a minute: a letter every two seconds to different people, and never two a second to
    /// one address (time is tokio's paused clock: nothing sleeps).
    #[tokio::test(start_paused = true)]
    async fn letters_are_spaced_by_the_configured_number_a_minute() {
        let vars = [
            ("BAOCAO_SMTP_URL", "smtp://127.0.0.1:2525?tls=none"),
            ("BAOCAO_MAIL_FROM", "a@b.vn"),
            ("BAOCAO_MAIL_PER_MIN", "30"),
        ];
        let paced = channel(&config(&vars)).unwrap();
        let start = Instant::now();
        let mut sent = Vec::new();
        for to in ["a@x.vn", "b@x.vn", "c@x.vn"] {
            paced.pacer.wait(to).await;
            sent.push(start.elapsed());
        }
        assert_eq!(sent[0], Duration::ZERO);
        for gap in [sent[1] - sent[0], sent[2] - sent[1]] {
            let gap = gap.as_secs_f64();
            assert!((2.0..2.05).contains(&gap), "60 s / 30 (1 % margin): {gap}");
        }
    }
}
