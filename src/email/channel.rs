//! E-mail as the outbox's channel: a message becomes one letter sent over SMTP (lettre, TLS by
//! rustls), and the server's answers become the outbox's three kinds of failure.

use std::time::Duration;

use futures::future::BoxFuture;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::config::{MailConfig, SmtpSecurity};
use crate::outbox::{Channel, OutMessage, Pace, SendError};

use super::letter::{letter, Sender};

/// How long one step of the conversation with the mail server may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// Sends the outbox's messages as letters through one mail server.
pub struct EmailChannel {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    sender: Sender,
}

impl EmailChannel {
    /// A channel through the server of `mail`, writing as `mail.from` on behalf of `office`.
    /// Connections are made when the first letter goes (and kept for the next ones).
    pub fn new(
        mail: &MailConfig,
        office: &str,
    ) -> Result<EmailChannel, lettre::transport::smtp::Error> {
        let server = &mail.server;
        let tls = |host: &str| TlsParameters::new(host.to_owned());
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&server.host)
            .port(server.port)
            .timeout(Some(TIMEOUT));
        builder = match server.security {
            SmtpSecurity::StartTls => builder.tls(Tls::Required(tls(&server.host)?)),
            SmtpSecurity::Tls => builder.tls(Tls::Wrapper(tls(&server.host)?)),
            SmtpSecurity::None => builder.tls(Tls::None),
        };
        if let Some((user, password)) = &server.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.0.clone()));
        }
        let sender = Sender { from: mail.from.clone(), office: office.to_owned() };
        Ok(EmailChannel { transport: builder.build(), sender })
    }
}

impl Channel for EmailChannel {
    fn name(&self) -> &'static str {
        crate::domain::contact::EMAIL
    }

    fn send<'a>(
        &'a self,
        address: &'a str,
        message: &'a OutMessage,
        pace: Pace<'a>,
    ) -> BoxFuture<'a, Result<(), SendError>> {
        Box::pin(async move {
            let letter = letter(&self.sender, address, message, pace.delivery())?;
            pace.wait().await;
            let sent = match self.transport.send(letter).await {
                Ok(_) => Ok(()),
                Err(e) => Err(logged(send_error(&e), &e)),
            };
            pace.count(&sent);
            sent
        })
    }

    fn fetch_file<'a>(&'a self, _: &'a str) -> BoxFuture<'a, Result<Vec<u8>, SendError>> {
        Box::pin(async { Err(SendError::Failed("e-mail keeps no files".into())) })
    }

    fn buttons_as_links(&self) -> bool {
        true
    }
}

/// The server refused the address itself (550, 551, 553 — with an enhanced status about the
/// recipient's address or mailbox, or none): the reader is gone for this channel. Every other
/// refusal (4xx, a policy or content 5xx, authentication), a broken connection or TLS: tried
/// again with backoff. A 421/451 "too many" is a failure like the others: the outbox's backoff
/// (30 s, doubling) is the slowing down such a server asks for, without a wait to guess.
pub fn send_error(e: &lettre::transport::smtp::Error) -> SendError {
    let said = std::error::Error::source(e).map(ToString::to_string).unwrap_or_default();
    let code = e.status().and_then(|c| c.to_string().parse::<u16>().ok());
    match code {
        Some(code) if e.is_permanent() && address_refused(code, &said) => {
            SendError::Gone(e.to_string())
        }
        _ => SendError::Failed(e.to_string()),
    }
}

/// Whether a permanent refusal `code` (the server saying `said`) is about the recipient's
/// address. 5.1.7 and 5.1.8 are about the sender's; 5.7.x (relay denied, policy), 5.2.2 (full),
/// 5.3.x, 5.6.x (the letter itself) are not about the address.
fn address_refused(code: u16, said: &str) -> bool {
    if !matches!(code, 550 | 551 | 553) {
        return false;
    }
    match enhanced_status(said) {
        None => true,
        Some((5, 1, detail)) => !matches!(detail, 7 | 8),
        Some((5, 2, 1)) => true,
        Some(_) => false,
    }
}

/// The enhanced status code (RFC 3463, "5.1.1") at the start of a server's answer.
fn enhanced_status(said: &str) -> Option<(u8, u16, u16)> {
    let first = said.split_whitespace().next()?;
    let mut fields = first.split('.');
    let class = fields.next()?.parse().ok()?;
    let subject = fields.next()?.parse().ok()?;
    let detail = fields.next()?.parse().ok()?;
    fields.next().is_none().then_some((class, subject, detail))
}

/// Logs a failure by its kind and code only (the server's words may name the address; they are
/// recorded with the delivery and shown at debug level).
fn logged(error: SendError, e: &lettre::transport::smtp::Error) -> SendError {
    let code = e.status().map_or_else(|| "-".to_owned(), |c| c.to_string());
    let kind = if e.is_tls() {
        "tls"
    } else if e.is_timeout() {
        "timeout"
    } else if e.is_permanent() || e.is_transient() {
        "refused"
    } else {
        "connection"
    };
    match &error {
        SendError::Gone(_) => {
            tracing::info!(%code, "the mail server refused an address; it is marked unreachable");
        }
        _ => tracing::warn!(%code, kind, "an e-mail could not be sent; it is tried again later"),
    }
    tracing::debug!(error = %e, "the mail server's answer");
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_enhanced_status_decides_whether_an_address_is_gone() {
        assert!(address_refused(550, "5.1.1 <x@y.vn>: Recipient address rejected"));
        assert!(address_refused(550, "Requested action not taken: mailbox unavailable"));
        assert!(address_refused(553, "5.1.3 bad address syntax"));
        assert!(address_refused(550, "5.2.1 mailbox disabled"));
        assert!(
            !address_refused(550, "5.7.1 Relaying denied"),
            "the server's policy, not the address"
        );
        assert!(!address_refused(553, "5.1.8 Sender address rejected"), "the sender's");
        assert!(!address_refused(552, "5.2.2 Mailbox full"));
        assert!(!address_refused(554, "5.6.0 message content rejected"));
        assert!(!address_refused(535, "5.7.8 Authentication credentials invalid"));
        assert_eq!(enhanced_status("5.1.10 null MX"), Some((5, 1, 10)));
        assert_eq!(enhanced_status("mailbox unavailable"), None);
    }
}
