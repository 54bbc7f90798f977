//! One typed configuration, read once at start, validated before anything runs. The command
//! line and the environment are layered by clap (a flag wins over its variable); an optional
//! TOML file (`file.rs`) comes last. A bad value stops the start with one line naming the setting.

mod args;
mod file;
mod mail;
mod office;
mod operations;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

use chrono_tz::Tz;
use url::Url;

use crate::domain::awards::Awards;
use crate::domain::office::Office;
use crate::domain::template::merge_templates;
use crate::domain::{InviteTtl, Template};
use crate::i18n::{Lang, Msg};

pub use args::{ConfigArgs, Secret, Token};
pub use file::{ScheduleConfig, ThrottleLimits};
pub use mail::{MailConfig, SmtpSecurity, SmtpServer};
pub use operations::{BackupConfig, BACKUP_AT, BACKUP_KEEP};

use args::{given, given_path};

/// The effective configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub token: Option<Token>,
    pub api_url: Option<Url>,
    pub database: PathBuf,
    pub timezone: Tz,
    /// Telegram user ids that become admins on their first `/start`.
    pub admins: Vec<i64>,
    /// E-mail addresses that are admins (signing in to the console by a link sent there).
    pub admin_emails: Vec<String>,
    /// The bot's @username for invite links; asked from Telegram (`getMe`) when not set.
    pub bot_username: Option<String>,
    /// Language of the command line and of people whose Telegram language is unknown.
    pub lang: Lang,
    pub invite_ttl: InviteTtl,
    /// Long-poll timeout; must stay below teloxide's 17 s HTTP timeout.
    pub poll_timeout_secs: u32,
    /// The issuing office, as its messages and documents name it.
    pub office: Office,
    /// The titles and forms of award units may propose (`[awards]`, else the defaults of the
    /// office's level); the award fields of the templates carry them.
    pub awards: Awards,
    /// Outgoing message limits.
    pub throttle: ThrottleLimits,
    /// Report templates: the embedded ones and those of the TOML file (`[[templates]]`).
    pub templates: Vec<Template>,
    /// Reminders, digests, series, working days.
    pub schedule: ScheduleConfig,
    /// Messages a chat may send at once, then per second, before the bot calls it a flood.
    pub flood: (f64, f64),
    /// The web console; `None` when it is off.
    pub web: Option<WebConfig>,
    /// Sending e-mail; `None` when it is off (no `BAOCAO_SMTP_URL`).
    pub mail: Option<MailConfig>,
    /// Scheduled backups; `None` when they are off (no directory given).
    pub backup: Option<BackupConfig>,
    /// Whether the console's listener serves `/metrics`.
    pub metrics: bool,
    pub config_file: Option<PathBuf>,
}

/// Where the web console listens and how officers reach it.
#[derive(Clone, Debug, PartialEq)]
pub struct WebConfig {
    /// The listening address (port 0: any free port, for tests).
    pub addr: std::net::SocketAddr,
    /// The console's address as officers open it; login links start with it.
    pub url: Url,
    /// The networks the console answers; empty: everyone. The chairs' form, joining and
    /// signing in answer everyone whatever it says.
    pub console_from: Vec<ipnet::IpNet>,
}

impl WebConfig {
    /// The networks the console answers, as `config check` shows them ("everyone" when open).
    pub fn console_from_text(&self) -> String {
        match self.console_from.is_empty() {
            true => "*".to_owned(),
            false => {
                self.console_from.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
            }
        }
    }

    /// Whether the console answers a request from `ip`.
    pub fn console_answers(&self, ip: std::net::IpAddr) -> bool {
        self.console_from.is_empty() || self.console_from.iter().any(|net| net.contains(&ip))
    }

    /// Whether officers reach the console over https (its cookies are then `Secure`).
    pub fn secure(&self) -> bool {
        self.url.scheme() == "https"
    }

    /// The page of this site at `path` ("join", "f/p/3"), as people open it.
    pub fn page(&self, path: &str) -> Option<Url> {
        self.url.join(path.trim_start_matches('/')).ok()
    }

    /// The page that registers the holder of invitation `code` in a browser (name, position,
    /// e-mail), for whoever is not on Telegram.
    pub fn join_url(&self, code: &str) -> Option<String> {
        let mut url = self.page("join")?;
        url.query_pairs_mut().append_pair("code", code);
        Some(url.to_string())
    }

    /// The one-time sign-in link with `code`.
    pub fn login_url(&self, code: &str) -> Option<String> {
        let mut url = self.page("login")?;
        url.query_pairs_mut().append_pair("code", code);
        Some(url.to_string())
    }
}

/// The console's default address: this machine only, so a fresh install exposes nothing.
pub const WEB_ADDR: &str = "127.0.0.1:8080";

fn web(
    args: &ConfigArgs,
    (file_addr, file_url, file_from): (Option<String>, Option<String>, Option<String>),
) -> Result<Option<WebConfig>, ConfigError> {
    let addr = given(&args.web_addr).or(file_addr).unwrap_or_else(|| WEB_ADDR.to_owned());
    if matches!(addr.to_ascii_lowercase().as_str(), "off" | "no" | "false" | "0") {
        return Ok(None);
    }
    let addr: std::net::SocketAddr = addr.parse().map_err(|_| invalid("BAOCAO_WEB_ADDR", &addr))?;
    let url = match given(&args.web_url).or(file_url) {
        Some(url) => match Url::parse(url.trim()) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => u,
            _ => return Err(invalid("BAOCAO_WEB_URL", &url)),
        },
        None => Url::parse(&format!("http://{addr}/"))
            .map_err(|_| invalid("BAOCAO_WEB_ADDR", &addr.to_string()))?,
    };
    let console_from = match given(&args.console_from).or(file_from) {
        Some(nets) => networks(&nets).map_err(|bad| invalid("BAOCAO_CONSOLE_FROM", &bad))?,
        None => Vec::new(),
    };
    Ok(Some(WebConfig { addr, url, console_from }))
}

/// Networks written as "10.0.0.0/8, 192.168.1.7" (an address alone is itself); the first that
/// is neither, when one is not.
fn networks(text: &str) -> Result<Vec<ipnet::IpNet>, String> {
    text.split([',', ' '])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            n.parse::<ipnet::IpNet>()
                .or_else(|_| n.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| n.to_owned())
        })
        .collect()
}

/// A setting that is missing or wrong: names the setting and says why.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigError {
    pub setting: &'static str,
    pub msg: Msg,
}

impl ConfigError {
    fn new(setting: &'static str, msg: Msg) -> ConfigError {
        ConfigError { setting, msg }
    }

    /// One line for the operator.
    pub fn render(&self, lang: Lang) -> String {
        Msg::new("config-error")
            .arg("setting", self.setting)
            .arg("reason", self.msg.render(lang))
            .render(lang)
    }
}

const MAX_POLL_TIMEOUT: u32 = 15;

impl Config {
    /// Reads the configuration from `args` (the command line and the environment, as clap
    /// layered them) and the TOML file.
    pub fn load(args: &ConfigArgs) -> Result<Config, ConfigError> {
        let config_file = given_path(&args.config);
        let file = match &config_file {
            Some(path) => file::read_file(path)?,
            None => file::FileConfig::default(),
        };
        let lang = match given(&args.lang).or(file.lang) {
            Some(s) => Lang::parse(&s).ok_or_else(|| invalid("BAOCAO_LANG", &s))?,
            None => Lang::Vi,
        };
        let secret = |s: &Option<Secret>| given(&s.as_ref().map(|s| s.0.clone()));
        let token = match secret(&args.token).or_else(|| secret(&args.token_alt)) {
            Some(s) => Some(Token::parse(&s).ok_or_else(|| {
                ConfigError::new("TELOXIDE_TOKEN", Msg::new("config-token-format"))
            })?),
            None => None,
        };
        let api_url = given(&args.api_url).or_else(|| given(&args.api_url_alt)).or(file.api_url);
        let api_url = api_url.map(|s| parse_url(&s)).transpose()?;
        let database = given_path(&args.database)
            .or(file.database)
            .unwrap_or_else(|| PathBuf::from("baocao.db"));
        let timezone = given(&args.timezone)
            .or(file.timezone)
            .unwrap_or_else(|| "Asia/Ho_Chi_Minh".to_owned());
        let timezone: Tz = timezone.parse().map_err(|_| invalid("BAOCAO_TIMEZONE", &timezone))?;
        let (admins, admin_emails) = match given(&args.admins) {
            Some(s) => parse_admins(s.split(',').map(str::to_owned))?,
            None => parse_admins(file.admins.unwrap_or_default().into_iter().map(|a| match a {
                file::AdminEntry::Telegram(id) => id.to_string(),
                file::AdminEntry::Email(address) => address,
            }))?,
        };
        let bot_username = given(&args.bot_username)
            .or(file.bot_username)
            .map(|s| parse_username(&s))
            .transpose()?;
        let invite_ttl = match given(&args.invite_expiry).or(file.invite_expiry) {
            Some(s) => {
                InviteTtl::parse(&s).map_err(|msg| ConfigError::new("BAOCAO_INVITE_EXPIRY", msg))?
            }
            None => InviteTtl::default(),
        };
        let poll_timeout_secs = file.poll_timeout_secs.unwrap_or(10);
        if poll_timeout_secs == 0 || poll_timeout_secs > MAX_POLL_TIMEOUT {
            return Err(invalid("poll_timeout_secs", &poll_timeout_secs.to_string()));
        }
        let mut office = office::office(args, file.office.unwrap_or_default(), file.place)?;
        let awards = office::awards(file.awards, office.level)?;
        let throttle = ThrottleLimits::from_file(file.throttle)?;
        let templates =
            merge_templates(file.templates.unwrap_or_default(), &awards).map_err(|e| {
                let reason = Msg::new("config-template")
                    .arg("template", e.template)
                    .arg("reason", e.msg.render(lang));
                ConfigError::new("templates", reason)
            })?;
        office.subjects = office::subjects(&templates);
        let schedule = ScheduleConfig::from_file(file.schedule, file.series, &templates)?;
        let f = file.flood.unwrap_or_default();
        let flood = (
            f.burst.unwrap_or(crate::domain::flood::BURST),
            f.per_sec.unwrap_or(crate::domain::flood::RATE),
        );
        if !(1.0..=100_000.0).contains(&flood.0) || !(0.01..=100_000.0).contains(&flood.1) {
            return Err(invalid("flood", &format!("{flood:?}")));
        }
        let web = web(args, (file.web_addr, file.web_url, file.console_from))?;
        let mail = mail::mail(args, file.mail)?;
        let backup = operations::backup(args, file.backup)?;
        let metrics = operations::metrics(args, file.metrics)?;
        Ok(Config {
            web,
            mail,
            backup,
            metrics,
            flood,
            schedule,
            templates,
            throttle,
            token,
            api_url,
            database,
            timezone,
            admins,
            admin_emails,
            bot_username,
            lang,
            invite_ttl,
            poll_timeout_secs,
            office,
            awards,
            config_file,
        })
    }

    /// The token, or the error that says how to give it.
    pub fn require_token(&self) -> Result<&Token, ConfigError> {
        self.token
            .as_ref()
            .ok_or_else(|| ConfigError::new("TELOXIDE_TOKEN", Msg::new("config-token-missing")))
    }

    /// Whether the bot has a way to be used: Telegram, or the web (console and forms). With
    /// neither there is nothing to serve.
    pub fn usable(&self) -> Result<(), ConfigError> {
        match (&self.token, &self.web) {
            (None, None) => Err(ConfigError::new("TELOXIDE_TOKEN", Msg::new("config-nothing-on"))),
            _ => Ok(()),
        }
    }

    /// Whether this Telegram user is a configured admin.
    pub fn is_admin(&self, tg_user_id: i64) -> bool {
        self.admins.contains(&tg_user_id)
    }

    /// Whether this e-mail address is a configured admin's.
    pub fn is_admin_email(&self, address: &str) -> bool {
        self.admin_emails.iter().any(|a| a == address)
    }

    /// The template with this key.
    pub fn template(&self, key: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.key == key)
    }

    /// The effective settings as `name = value` lines, the token masked.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let none = || "-".to_owned();
        vec![
            ("config", self.config_file.as_ref().map_or_else(none, |p| p.display().to_string())),
            ("token", self.token.as_ref().map_or_else(none, Token::to_string)),
            (
                "api_url",
                self.api_url
                    .as_ref()
                    .map_or_else(|| "https://api.telegram.org".to_owned(), Url::to_string),
            ),
            ("database", self.database.display().to_string()),
            ("timezone", self.timezone.name().to_owned()),
            (
                "admins",
                self.admins
                    .iter()
                    .map(i64::to_string)
                    .chain(self.admin_emails.iter().cloned())
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            ("telegram", if self.token.is_some() { "on" } else { "off" }.to_owned()),
            ("bot_username", self.bot_username.clone().unwrap_or_else(none)),
            ("lang", self.lang.code().to_owned()),
            ("invite_expiry", format!("{}d", self.invite_ttl.days())),
            ("poll_timeout_secs", self.poll_timeout_secs.to_string()),
            ("office.parent", self.office.parent.clone()),
            ("office.name", self.office.name.clone()),
            ("office.short_name", self.office.short_name.clone()),
            ("office.place", self.office.place.clone()),
            ("office.symbol", self.office.symbol.clone()),
            ("office.signer", self.office.signer.replace('\n', "\\n")),
            ("office.level", self.office.level.code().to_owned()),
            ("office.recipients", self.office.recipients(self.lang).join("\\n")),
            ("office.section", self.office.section.clone()),
            ("awards.collective", office::labels(&self.awards.collective)),
            ("awards.individual", office::labels(&self.awards.individual)),
            ("flood", format!("burst={} per_sec={}", self.flood.0, self.flood.1)),
            (
                "web_addr",
                self.web.as_ref().map_or_else(|| "off".to_owned(), |w| w.addr.to_string()),
            ),
            ("web_url", self.web.as_ref().map_or_else(none, |w| w.url.to_string())),
            ("console_from", self.web.as_ref().map_or_else(none, WebConfig::console_from_text)),
            ("mail", self.mail.as_ref().map_or_else(|| "off".to_owned(), MailConfig::describe)),
            (
                "backup.dir",
                self.backup
                    .as_ref()
                    .map_or_else(|| "off".to_owned(), |b| b.dir.display().to_string()),
            ),
            (
                "backup.at",
                self.backup
                    .as_ref()
                    .map_or_else(|| BACKUP_AT.to_owned(), |b| b.at.format("%H:%M").to_string()),
            ),
            ("backup.keep", self.backup.as_ref().map_or(BACKUP_KEEP, |b| b.keep).to_string()),
            ("metrics", (if self.metrics { "on" } else { "off" }).to_owned()),
            (
                "templates",
                self.templates.iter().map(|t| t.key.as_str()).collect::<Vec<_>>().join(","),
            ),
            (
                "throttle",
                format!(
                    "overall_per_sec={} per_chat_per_sec={} per_chat_per_min={} group_per_min={}",
                    self.throttle.overall_per_sec,
                    self.throttle.per_chat_per_sec,
                    self.throttle.per_chat_per_min,
                    self.throttle.group_per_min
                ),
            ),
        ]
    }
}

fn invalid(setting: &'static str, value: &str) -> ConfigError {
    ConfigError::new(setting, Msg::new("config-invalid-value").arg("value", value))
}

fn parse_url(s: &str) -> Result<Url, ConfigError> {
    match Url::parse(s.trim()) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(url),
        _ => Err(invalid("TELOXIDE_API_URL", s)),
    }
}

/// The admins listed: Telegram user ids and e-mail addresses, each checked.
fn parse_admins(
    entries: impl Iterator<Item = String>,
) -> Result<(Vec<i64>, Vec<String>), ConfigError> {
    let (mut ids, mut emails) = (Vec::new(), Vec::new());
    for entry in entries {
        let entry = entry.trim();
        if entry.is_empty() {
            continue;
        }
        if entry.contains('@') {
            let email = crate::domain::contact::parse_email(entry)
                .map_err(|_| invalid("BAOCAO_ADMINS", entry))?;
            emails.push(email);
        } else {
            let id = entry.parse::<i64>().ok().filter(|id| *id > 0);
            ids.push(id.ok_or_else(|| invalid("BAOCAO_ADMINS", entry))?);
        }
    }
    Ok((ids, emails))
}

fn parse_username(s: &str) -> Result<String, ConfigError> {
    let name = s.trim().trim_start_matches('@');
    let ok = (5..=32).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if ok {
        Ok(name.to_owned())
    } else {
        Err(invalid("BAOCAO_BOT_USERNAME", s))
    }
}
