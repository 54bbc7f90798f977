//! The ways in an invitation offers, as this bot is set up: the bot's deep link when Telegram is
//! on, the join page when the site has an address another device can open — one QR code each on
//! the printable sheet, one line each in a message.

use url::{Host, Url};

use crate::config::WebConfig;
use crate::domain::{InviteCode, InviteLinks};
use crate::error::{Error, Result};
use crate::i18n::Msg;

/// What an invitation's links are made from.
#[derive(Clone, Copy, Debug)]
pub struct InviteWays<'a> {
    /// The bot's @username; `None` when Telegram is off.
    telegram: Option<&'a str>,
    /// The site; `None` when it is off or only this machine can open it.
    web: Option<&'a WebConfig>,
}

impl<'a> InviteWays<'a> {
    /// From the bot's @username (`None` or empty: Telegram is off) and the site (`None`: off).
    /// A site at a loopback address (`127.0.0.1`, `localhost`: the default) gives no join link:
    /// the person invited opens it on their own phone, where it leads nowhere.
    pub fn new(bot_username: Option<&'a str>, web: Option<&'a WebConfig>) -> InviteWays<'a> {
        let telegram = bot_username.map(|n| n.trim_start_matches('@')).filter(|n| !n.is_empty());
        let web = web.filter(|w| opens_elsewhere(&w.url));
        InviteWays { telegram, web }
    }

    /// Refuses, saying what to set, when there is no way in: no invitation is made then.
    pub fn check(&self) -> Result<()> {
        match (self.telegram, self.web) {
            (None, None) => Err(no_way()),
            _ => Ok(()),
        }
    }

    /// The links of the invitation with `code`.
    pub fn links(&self, code: &InviteCode) -> Result<InviteLinks> {
        let telegram = self.telegram.map(|name| code.link(name));
        let web = self.web.and_then(|w| w.join_url(code.as_str()));
        InviteLinks::new(telegram, web).ok_or_else(no_way)
    }
}

fn no_way() -> Error {
    Error::User(Msg::new("err-invite-no-way"))
}

/// Whether a device other than this machine can open `url`.
fn opens_elsewhere(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(name)) => {
            let name = name.to_ascii_lowercase();
            name != "localhost" && !name.ends_with(".localhost")
        }
        Some(Host::Ipv4(ip)) => !ip.is_loopback() && !ip.is_unspecified(),
        Some(Host::Ipv6(ip)) => !ip.is_loopback() && !ip.is_unspecified(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "00112233445566778899aabbccddeeff";

    fn site(url: &str) -> WebConfig {
        let (addr, url) = ("127.0.0.1:8080".parse().unwrap(), Url::parse(url).unwrap());
        WebConfig { addr, url, console_from: Vec::new() }
    }

    fn links(username: Option<&str>, web: Option<&WebConfig>) -> Result<InviteLinks> {
        InviteWays::new(username, web).links(&InviteCode::parse(CODE).unwrap())
    }

    #[test]
    fn telegram_and_a_public_site_give_both_links_with_the_same_code() {
        let web = site("https://baocao.snv.dienbien.gov.vn/");
        let both = links(Some("@baocao_bot"), Some(&web)).unwrap();
        assert_eq!(both.telegram(), Some(format!("https://t.me/baocao_bot?start={CODE}").as_str()));
        let join = format!("https://baocao.snv.dienbien.gov.vn/join?code={CODE}");
        assert_eq!(both.web(), Some(join.as_str()));
    }

    #[test]
    fn without_telegram_only_the_join_page_and_without_the_site_only_the_bot() {
        let web = site("http://10.0.0.5:8080/");
        let only = links(Some(""), Some(&web)).unwrap();
        assert_eq!(
            (only.telegram(), only.web()),
            (None, Some(&*format!("http://10.0.0.5:8080/join?code={CODE}")))
        );
        assert_eq!(links(None, Some(&web)).unwrap().ways(), "web");
        assert_eq!(links(Some("baocao_bot"), None).unwrap().ways(), "telegram");
    }

    #[test]
    fn a_site_only_this_machine_opens_is_no_way_in_for_the_person_invited() {
        for url in ["http://127.0.0.1:8080/", "http://localhost:8080/", "http://[::1]:8080/"] {
            let web = site(url);
            assert_eq!(links(Some("baocao_bot"), Some(&web)).unwrap().ways(), "telegram", "{url}");
            let refused = InviteWays::new(None, Some(&web)).check().unwrap_err();
            assert_eq!(refused.user_message(), Msg::new("err-invite-no-way"), "{url}");
        }
    }

    #[test]
    fn with_neither_way_no_link_is_made() {
        assert!(InviteWays::new(Some(""), None).check().is_err());
        assert_eq!(links(None, None).unwrap_err().user_message(), Msg::new("err-invite-no-way"));
    }
}
