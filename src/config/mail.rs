//! The e-mail settings: the mail server (`BAOCAO_SMTP_URL`, its password a secret that no
//! printing shows), the sender (`BAOCAO_MAIL_FROM`) and the pace (`BAOCAO_MAIL_PER_MIN`). E-mail
//! is off when no server is given. A password never travels in clear: without TLS, credentials
//! are refused unless the server is this machine.

use std::fmt;
use std::net::IpAddr;

use lettre::message::Mailbox;
use serde::Deserialize;
use url::Url;

use crate::i18n::Msg;

use super::args::{given, ConfigArgs, Secret};
use super::{invalid, ConfigError};

/// Letters a minute when `BAOCAO_MAIL_PER_MIN` is not set: what a small office's mail server or
/// a hosted mailbox takes without calling it a flood.
pub const MAIL_PER_MIN: u32 = 60;
/// The most letters a minute that may be configured.
const MAIL_PER_MIN_MAX: u32 = 10_000;

/// `[mail]` in the TOML file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MailFile {
    url: Option<String>,
    from: Option<String>,
    per_minute: Option<u32>,
}

/// Sending e-mail: through which server, from whom, how fast.
#[derive(Clone, Debug, PartialEq)]
pub struct MailConfig {
    pub server: SmtpServer,
    /// The sender of every letter (`Sở Nội vụ Điện Biên <baocao@snv.dienbien.gov.vn>`).
    pub from: Mailbox,
    /// Letters a minute, overall.
    pub per_minute: u32,
}

/// How the connection to the mail server is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// `smtp://` (port 587): plain at first, then STARTTLS, required (no letter and no password
    /// is sent if the server does not offer it).
    StartTls,
    /// `smtps://` (port 465): TLS from the first byte.
    Tls,
    /// `smtp://…?tls=none` (port 25): no encryption, for a relay on this machine or the office's
    /// own network; credentials only to this machine.
    None,
}

/// The mail server, as `BAOCAO_SMTP_URL` gives it.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpServer {
    pub security: SmtpSecurity,
    pub host: String,
    pub port: u16,
    /// The user name and password to log in with, if the server asks for them.
    pub credentials: Option<(String, Secret)>,
}

impl SmtpServer {
    /// The server as a URL with the password masked, for `config check`.
    fn masked(&self) -> String {
        let scheme = if self.security == SmtpSecurity::Tls { "smtps" } else { "smtp" };
        let login = self.credentials.as_ref().map(|(user, _)| format!("{user}:****@"));
        let tls = if self.security == SmtpSecurity::None { "?tls=none" } else { "" };
        let host =
            if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        format!("{scheme}://{}{host}:{}{tls}", login.unwrap_or_default(), self.port)
    }
}

impl fmt::Debug for SmtpServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl MailConfig {
    /// One line for `config check`: the server (password masked), the sender, the pace.
    pub fn describe(&self) -> String {
        format!("{} from={} per_minute={}", self.server.masked(), self.from, self.per_minute)
    }
}

/// The e-mail settings from the command line, the environment and `[mail]`; `None` when no
/// server is given (e-mail is off).
pub(super) fn mail(
    args: &ConfigArgs,
    file: Option<MailFile>,
) -> Result<Option<MailConfig>, ConfigError> {
    let file = file.unwrap_or_default();
    let per_minute = match given(&args.mail_per_min) {
        Some(typed) => typed.parse().map_err(|_| invalid("BAOCAO_MAIL_PER_MIN", &typed))?,
        None => file.per_minute.unwrap_or(MAIL_PER_MIN),
    };
    if !(1..=MAIL_PER_MIN_MAX).contains(&per_minute) {
        return Err(invalid("BAOCAO_MAIL_PER_MIN", &per_minute.to_string()));
    }
    let url = args.smtp_url.as_ref().and_then(|s| given(&Some(s.0.clone()))).or(file.url);
    let Some(url) = url else { return Ok(None) };
    let server = parse_smtp_url(&url)?;
    let Some(from) = given(&args.mail_from).or(file.from) else {
        return Err(ConfigError::new("BAOCAO_MAIL_FROM", Msg::new("config-mail-from-missing")));
    };
    let from = from.parse::<Mailbox>().map_err(|_| {
        ConfigError::new("BAOCAO_MAIL_FROM", Msg::new("config-mail-from").arg("value", from))
    })?;
    Ok(Some(MailConfig { server, from, per_minute }))
}

/// `smtp://[user:password@]host[:587]` (STARTTLS), `smtps://…[:465]` (TLS), or
/// `smtp://host[:25]?tls=none` (no encryption: credentials only to this machine). The error
/// never repeats the value: it may hold the password.
pub(super) fn parse_smtp_url(typed: &str) -> Result<SmtpServer, ConfigError> {
    let bad = || ConfigError::new("BAOCAO_SMTP_URL", Msg::new("config-smtp-url"));
    let url = Url::parse(typed.trim()).map_err(|_| bad())?;
    let tls = single_query(&url, "tls").map_err(|()| bad())?;
    let security = match (url.scheme(), tls.as_deref()) {
        ("smtp", None | Some("required" | "starttls")) => SmtpSecurity::StartTls,
        ("smtp", Some("none")) => SmtpSecurity::None,
        ("smtps", None) => SmtpSecurity::Tls,
        _ => return Err(bad()),
    };
    let host = match url.host() {
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        Some(host) => host.to_string(),
        None => return Err(bad()),
    };
    if !matches!(url.path(), "" | "/") || url.fragment().is_some() {
        return Err(bad());
    }
    let port = url.port().unwrap_or(match security {
        SmtpSecurity::StartTls => 587,
        SmtpSecurity::Tls => 465,
        SmtpSecurity::None => 25,
    });
    let credentials = credentials(&url).ok_or_else(bad)?;
    if credentials.is_some() && security == SmtpSecurity::None && !loopback(&host) {
        let msg = Msg::new("config-smtp-cleartext").arg("host", host);
        return Err(ConfigError::new("BAOCAO_SMTP_URL", msg));
    }
    Ok(SmtpServer { security, host, port, credentials })
}

/// The value of the query parameter `name`, if given; any other parameter is an error.
fn single_query(url: &Url, name: &str) -> Result<Option<String>, ()> {
    let mut value = None;
    for (key, v) in url.query_pairs() {
        if key != name || value.is_some() {
            return Err(());
        }
        value = Some(v.to_ascii_lowercase());
    }
    Ok(value)
}

/// The user name and password of the URL, percent-decoded: none, or both (`None` when only one
/// is given or they are not UTF-8).
fn credentials(url: &Url) -> Option<Option<(String, Secret)>> {
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s).decode_utf8().ok().map(|s| s.into_owned())
    };
    match (url.username(), url.password()) {
        ("", None) => Some(None),
        (user, Some(password)) if !user.is_empty() && !password.is_empty() => {
            Some(Some((decode(user)?, Secret(decode(password)?))))
        }
        _ => None,
    }
}

/// Whether `host` is this machine (a password sent there in clear never crosses a network).
fn loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(url: &str) -> Result<SmtpServer, String> {
        parse_smtp_url(url).map_err(|e| e.render(crate::i18n::Lang::En))
    }

    #[test]
    fn smtp_means_starttls_on_587_and_smtps_tls_on_465() {
        let server = parse("smtp://baocao%40snv.vn:p%40ss@mail.snv.vn").unwrap();
        assert_eq!((server.security, server.port), (SmtpSecurity::StartTls, 587));
        let (user, password) = server.credentials.unwrap();
        assert_eq!((user.as_str(), password.0.as_str()), ("baocao@snv.vn", "p@ss"));
        let server = parse("smtps://u:p@mail.snv.vn").unwrap();
        assert_eq!((server.security, server.port), (SmtpSecurity::Tls, 465));
        let server = parse("smtp://127.0.0.1:2525?tls=none").unwrap();
        assert_eq!(
            (server.security, server.port, server.credentials),
            (SmtpSecurity::None, 2525, None)
        );
        assert_eq!(parse("smtp://relay.lan?tls=none").unwrap().port, 25);
    }

    #[test]
    fn a_password_in_clear_goes_to_this_machine_only() {
        assert!(parse("smtp://u:p@127.0.0.1:2525?tls=none").is_ok());
        assert!(parse("smtp://u:p@localhost?tls=none").is_ok());
        assert!(parse("smtp://u:p@[::1]:25?tls=none").is_ok());
        let refused = parse("smtp://u:secret@mail.snv.vn?tls=none").unwrap_err();
        assert!(
            refused.contains("BAOCAO_SMTP_URL") && refused.contains("mail.snv.vn"),
            "{refused}"
        );
        assert!(!refused.contains("secret"), "{refused}");
    }

    #[test]
    fn a_wrong_url_is_named_without_repeating_the_password() {
        for wrong in [
            "mail.snv.vn",
            "http://u:secret@mail.snv.vn",
            "smtp://u:secret@mail.snv.vn?tls=opportunistic",
            "smtps://u:secret@mail.snv.vn?tls=none",
            "smtp://u:secret@mail.snv.vn?tsl=none",
            "smtp://u:secret@mail.snv.vn/path",
            "smtp://user@mail.snv.vn",
            "smtp://:secret@mail.snv.vn",
        ] {
            let error = parse(wrong).unwrap_err();
            assert!(
                error.contains("BAOCAO_SMTP_URL") && !error.contains("secret"),
                "{wrong}: {error}"
            );
        }
    }

    fn load(vars: &[(&str, &str)]) -> Result<super::super::Config, ConfigError> {
        let args = vars.iter().fold(ConfigArgs::default(), |args, (k, v)| args.with(k, v));
        super::super::Config::load(&args)
    }

    #[test]
    fn email_is_off_without_a_server_and_needs_a_sender_with_one() {
        assert_eq!(load(&[]).unwrap().mail, None);
        let url = ("BAOCAO_SMTP_URL", "smtps://u:p@mail.snv.vn");
        assert_eq!(load(&[url]).unwrap_err().setting, "BAOCAO_MAIL_FROM");
        let from = ("BAOCAO_MAIL_FROM", "Sở Nội vụ Điện Biên <baocao@snv.dienbien.gov.vn>");
        let mail = load(&[url, from]).unwrap().mail.unwrap();
        assert_eq!(mail.from.name.as_deref(), Some("Sở Nội vụ Điện Biên"));
        assert_eq!(mail.from.email.to_string(), "baocao@snv.dienbien.gov.vn");
        assert_eq!(mail.per_minute, MAIL_PER_MIN);
        let quoted = ("BAOCAO_MAIL_FROM", "\"Sở Nội vụ\" <baocao@snv.dienbien.gov.vn>");
        assert!(load(&[url, quoted]).is_ok());
        let wrong = load(&[url, ("BAOCAO_MAIL_FROM", "Sở Nội vụ")]).unwrap_err();
        assert_eq!(wrong.setting, "BAOCAO_MAIL_FROM");
        for bad in ["0", "x", "10001"] {
            let e = load(&[url, from, ("BAOCAO_MAIL_PER_MIN", bad)]).unwrap_err();
            assert_eq!(e.setting, "BAOCAO_MAIL_PER_MIN");
        }
    }

    #[test]
    fn the_mail_settings_are_read_from_the_file_below_the_environment() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baocao.toml");
        let toml =
            "[mail]\nurl = \"smtp://relay.lan?tls=none\"\nfrom = \"a@b.vn\"\nper_minute = 20\n";
        std::fs::write(&path, toml).unwrap();
        let args = ConfigArgs { config: Some(path), ..ConfigArgs::default() };
        let mail = super::super::Config::load(&args).unwrap().mail.unwrap();
        assert_eq!((mail.server.host.as_str(), mail.per_minute), ("relay.lan", 20));
        let args = args.with("BAOCAO_MAIL_PER_MIN", "90");
        assert_eq!(super::super::Config::load(&args).unwrap().mail.unwrap().per_minute, 90);
    }

    #[test]
    fn config_check_and_debug_never_show_the_password() {
        let vars = [
            ("BAOCAO_SMTP_URL", "smtp://baocao:hunter2@mail.snv.vn"),
            ("BAOCAO_MAIL_FROM", "a@b.vn"),
        ];
        let args = vars.iter().fold(ConfigArgs::default(), |args, (k, v)| args.with(k, v));
        assert!(!format!("{args:?}").contains("hunter2"));
        let config = super::super::Config::load(&args).unwrap();
        assert!(!format!("{config:?}").contains("hunter2"));
        let mail = config.describe().into_iter().find(|(k, _)| *k == "mail").unwrap().1;
        assert_eq!(mail, "smtp://baocao:****@mail.snv.vn:587 from=a@b.vn per_minute=60");
    }

    #[test]
    fn the_server_is_shown_with_its_password_masked() {
        let server = parse("smtp://baocao:hunter2@mail.snv.vn:587").unwrap();
        assert_eq!(format!("{server:?}"), "smtp://baocao:****@mail.snv.vn:587");
        let server = parse("smtp://127.0.0.1:2525?tls=none").unwrap();
        assert_eq!(format!("{server:?}"), "smtp://127.0.0.1:2525?tls=none");
    }
}
