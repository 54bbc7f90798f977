//! How a person is reached: a member has zero or more contacts, each on a channel (a Telegram
//! chat, an e-mail address, later others). Channels are adapters at the edge; here they are only
//! the words that name them.

use crate::i18n::Msg;

/// The chat of Telegram: the address is the chat's id.
pub const TELEGRAM: &str = "telegram";
/// E-mail: the address is the mailbox, in lower case.
pub const EMAIL: &str = "email";

/// One way to reach a member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    /// The channel's word ([`TELEGRAM`], [`EMAIL`], …).
    pub channel: String,
    /// Where on that channel.
    pub address: String,
    /// Whether the last try reached them (a blocked bot, a bounced address: not).
    pub reachable: bool,
}

impl Contact {
    /// A Telegram chat.
    pub fn telegram(chat: i64) -> Contact {
        Contact { channel: TELEGRAM.to_owned(), address: chat.to_string(), reachable: true }
    }

    /// An e-mail address (checked by [`parse_email`]).
    pub fn email(address: &str) -> Contact {
        Contact { channel: EMAIL.to_owned(), address: address.to_owned(), reachable: true }
    }

    /// The Telegram chat's id, when it is one.
    pub fn telegram_chat(&self) -> Option<i64> {
        (self.channel == TELEGRAM).then(|| self.address.parse().ok()).flatten()
    }
}

/// Which channel holds a file a chair sent, and its id there: a channel other than Telegram
/// writes its word before the id ("zalo:…"); an id without one is Telegram's (its ids have no
/// `:`, and the files stored before channels had names are all Telegram's).
pub fn file_source(file_id: &str) -> (&str, &str) {
    match file_id.split_once(':') {
        Some((channel, id))
            if !channel.is_empty() && channel.chars().all(|c| c.is_ascii_lowercase()) =>
        {
            (channel, id)
        }
        _ => (TELEGRAM, file_id),
    }
}

/// Longest e-mail address accepted (RFC 5321's limit on a path).
pub const EMAIL_MAX: usize = 254;

/// An e-mail address as typed: trimmed, in lower case, one `@` with a local part and a domain
/// that has a dot, no spaces or control characters; the error says what an address looks like.
pub fn parse_email(typed: &str) -> Result<String, Msg> {
    let address = typed.trim().to_lowercase();
    let bad = || Msg::new("err-email-invalid").arg("value", typed.trim().to_owned());
    let Some((local, domain)) = address.split_once('@') else { return Err(bad()) };
    let fine = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_graphic() && c != '@');
    let domain_ok = fine(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    let local_ok = fine(local) && !local.contains(['<', '>', '(', ')', ',', ';', ':', '"', '\\']);
    if !(domain_ok && local_ok) || address.len() > EMAIL_MAX {
        return Err(bad());
    }
    Ok(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_fetched_from_the_channel_its_id_names_and_a_bare_id_is_telegrams() {
        assert_eq!(file_source("BQACAgIAAxkBAAIB-_x"), (TELEGRAM, "BQACAgIAAxkBAAIB-_x"));
        assert_eq!(file_source("zalo:f81c2"), ("zalo", "f81c2"));
        assert_eq!(file_source(":x"), (TELEGRAM, ":x"));
        assert_eq!(file_source("Ab:c"), (TELEGRAM, "Ab:c"));
    }

    #[test]
    fn an_email_address_is_kept_in_lower_case_and_a_wrong_one_says_so() {
        assert_eq!(
            parse_email(" Chu.Tich@TaMa.DienBien.gov.vn ").unwrap(),
            "chu.tich@tama.dienbien.gov.vn"
        );
        for wrong in [
            "",
            "chutich",
            "chu tich@x.vn",
            "@x.vn",
            "a@",
            "a@x",
            "a@x..vn",
            "a@@x.vn",
            "a@x.vn>",
            "a@-x.vn\u{0}",
        ] {
            assert_eq!(parse_email(wrong).unwrap_err().key, "err-email-invalid", "{wrong:?}");
        }
        assert!(parse_email(&format!("{}@x.vn", "a".repeat(250))).is_err());
    }

    #[test]
    fn a_telegram_contact_knows_its_chat() {
        assert_eq!(Contact::telegram(1001).telegram_chat(), Some(1001));
        assert_eq!(Contact::email("a@x.vn").telegram_chat(), None);
    }
}
