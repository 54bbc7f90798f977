//! The settings as given on the command line or in the environment (clap layers a flag over its
//! variable), and the secrets among them, which no printing can show.

use std::fmt;
use std::path::PathBuf;

/// Settings given on the command line or in the environment (a flag wins over its variable,
/// both over the file). Values are checked by [`Config::load`], which names the setting.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct ConfigArgs {
    /// TOML file with the settings that are not secrets
    #[arg(long, global = true, value_name = "FILE", env = "BAOCAO_CONFIG")]
    pub config: Option<PathBuf>,
    /// SQLite database file [default: ./baocao.db]
    #[arg(long, global = true, value_name = "FILE", env = "BAOCAO_DATABASE")]
    pub database: Option<PathBuf>,
    /// Bot API base URL, e.g. a local test server (also BAOCAO_API_URL)
    #[arg(long, global = true, value_name = "URL", env = "TELOXIDE_API_URL")]
    pub api_url: Option<String>,
    #[arg(long = "baocao-api-url", global = true, hide = true, env = "BAOCAO_API_URL")]
    pub api_url_alt: Option<String>,
    /// The bot token (TELOXIDE_TOKEN): read from the environment only
    /// ([`ConfigArgs::with_secrets`]), never from a command line that others can read.
    #[arg(skip)]
    pub token: Option<Secret>,
    /// The token as BAOCAO_TOKEN.
    #[arg(skip)]
    pub token_alt: Option<Secret>,
    /// Time zone of schedules and dates [default: Asia/Ho_Chi_Minh]
    #[arg(long, global = true, value_name = "ZONE", env = "BAOCAO_TIMEZONE")]
    pub timezone: Option<String>,
    /// The admins: Telegram user ids or e-mail addresses, comma-separated
    #[arg(long, global = true, value_name = "IDS", env = "BAOCAO_ADMINS")]
    pub admins: Option<String>,
    /// The bot's @username for links [default: asked from Telegram]
    #[arg(long, global = true, value_name = "NAME", env = "BAOCAO_BOT_USERNAME")]
    pub bot_username: Option<String>,
    /// Language of the command line: vi or en [default: vi]
    #[arg(long, global = true, value_name = "LANG", env = "BAOCAO_LANG")]
    pub lang: Option<String>,
    /// How long invite links stay valid, e.g. 14d or 12h [default: 14d]
    #[arg(long, global = true, value_name = "TIME", env = "BAOCAO_INVITE_EXPIRY")]
    pub invite_expiry: Option<String>,
    /// Place of the date line of documents, e.g. "Điện Biên"
    #[arg(long, global = true, value_name = "PLACE", env = "BAOCAO_PLACE")]
    pub place: Option<String>,
    /// The body above the office, e.g. "UBND TỈNH ĐIỆN BIÊN"
    #[arg(long, global = true, value_name = "TEXT", env = "BAOCAO_OFFICE_PARENT")]
    pub office_parent: Option<String>,
    /// The office's name in document headers [default: SỞ NỘI VỤ]
    #[arg(long, global = true, value_name = "TEXT", env = "BAOCAO_OFFICE_NAME")]
    pub office_name: Option<String>,
    /// The office's name in messages [default: Sở Nội vụ]
    #[arg(long, global = true, value_name = "TEXT", env = "BAOCAO_OFFICE_SHORT_NAME")]
    pub office_short_name: Option<String>,
    /// The office's symbol in document numbers [default: SNV]
    #[arg(long, global = true, value_name = "TEXT", env = "BAOCAO_OFFICE_SYMBOL")]
    pub office_symbol: Option<String>,
    /// The title above the signature of its documents, "\n" between lines, e.g. "KT. GIÁM
    /// ĐỐC\nPHÓ GIÁM ĐỐC" [default: GIÁM ĐỐC for a province, CHÁNH VĂN PHÒNG for a commune]
    #[arg(long, global = true, value_name = "TEXT", env = "BAOCAO_OFFICE_SIGNER")]
    pub office_signer: Option<String>,
    /// The level the office serves: province (a Sở) or commune (a commune's office)
    /// [default: commune when the parent body is a commune's or ward's, else province]
    #[arg(long, global = true, value_name = "LEVEL", env = "BAOCAO_OFFICE_LEVEL")]
    pub office_level: Option<String>,
    /// "Nơi nhận" of its documents, "\n" between recipients, e.g. "UBND tỉnh (để báo
    /// cáo)\nBan Thi đua – Khen thưởng" [default: the parent body, to be reported to]
    #[arg(long, global = true, value_name = "TEXT", env = "BAOCAO_OFFICE_RECIPIENTS")]
    pub office_recipients: Option<String>,
    /// The drafting section in "Lưu: VT, …" [default: TĐKT for a province, VP for a commune]
    #[arg(long, global = true, value_name = "TEXT", env = "BAOCAO_OFFICE_SECTION")]
    pub office_section: Option<String>,
    /// Where the officers' web console listens, or "off" [default: 127.0.0.1:8080]
    #[arg(long, global = true, value_name = "ADDR", env = "BAOCAO_WEB_ADDR")]
    pub web_addr: Option<String>,
    /// The public address of the console and the chairs' form (behind a reverse proxy: https://…)
    /// [default: http:// and the listening address]
    #[arg(long, global = true, value_name = "URL", env = "BAOCAO_WEB_URL")]
    pub web_url: Option<String>,
    /// The networks the console answers (e.g. "10.0.0.0/8, 192.168.1.0/24"); the chairs' form,
    /// joining and signing in answer everyone [default: everyone]
    #[arg(long, global = true, value_name = "NETS", env = "BAOCAO_CONSOLE_FROM")]
    pub console_from: Option<String>,
    /// The mail server that sends e-mail: smtp://user:password@host:587 (STARTTLS),
    /// smtps://…:465 (TLS), smtp://127.0.0.1:25?tls=none (this machine) [default: e-mail off]
    #[arg(
        long,
        global = true,
        value_name = "URL",
        env = "BAOCAO_SMTP_URL",
        hide_env_values = true
    )]
    pub smtp_url: Option<Secret>,
    /// The sender of e-mail, e.g. "Sở Nội vụ Điện Biên <baocao@snv.dienbien.gov.vn>"
    #[arg(long, global = true, value_name = "MAILBOX", env = "BAOCAO_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// Letters sent a minute at most [default: 60]
    #[arg(long, global = true, value_name = "N", env = "BAOCAO_MAIL_PER_MIN")]
    pub mail_per_min: Option<String>,
    /// Directory of the scheduled backups; backups are off without it
    #[arg(long, global = true, value_name = "DIR", env = "BAOCAO_BACKUP_DIR")]
    pub backup_dir: Option<PathBuf>,
    /// Time of day of the scheduled backup, HH:MM [default: 02:30]
    #[arg(long, global = true, value_name = "HH:MM", env = "BAOCAO_BACKUP_AT")]
    pub backup_at: Option<String>,
    /// How many scheduled backups are kept [default: 14]
    #[arg(long, global = true, value_name = "N", env = "BAOCAO_BACKUP_KEEP")]
    pub backup_keep: Option<String>,
    /// Serve /metrics (Prometheus) on the console's listener: on or off [default: off]
    #[arg(long, global = true, value_name = "ON|OFF", env = "BAOCAO_METRICS")]
    pub metrics: Option<String>,
}

impl ConfigArgs {
    /// Sets the setting read from the environment variable `name` (tests and embedders use it
    /// to stand for the environment); an unknown name is ignored.
    pub fn with(mut self, name: &str, value: &str) -> ConfigArgs {
        let v = Some(value.to_owned());
        match name {
            "BAOCAO_CONFIG" => self.config = v.map(PathBuf::from),
            "BAOCAO_DATABASE" => self.database = v.map(PathBuf::from),
            "TELOXIDE_API_URL" => self.api_url = v,
            "BAOCAO_API_URL" => self.api_url_alt = v,
            "TELOXIDE_TOKEN" => self.token = v.map(Secret),
            "BAOCAO_TOKEN" => self.token_alt = v.map(Secret),
            "BAOCAO_TIMEZONE" => self.timezone = v,
            "BAOCAO_ADMINS" => self.admins = v,
            "BAOCAO_BOT_USERNAME" => self.bot_username = v,
            "BAOCAO_LANG" => self.lang = v,
            "BAOCAO_INVITE_EXPIRY" => self.invite_expiry = v,
            "BAOCAO_PLACE" => self.place = v,
            "BAOCAO_OFFICE_PARENT" => self.office_parent = v,
            "BAOCAO_OFFICE_NAME" => self.office_name = v,
            "BAOCAO_OFFICE_SHORT_NAME" => self.office_short_name = v,
            "BAOCAO_OFFICE_SYMBOL" => self.office_symbol = v,
            "BAOCAO_OFFICE_SIGNER" => self.office_signer = v,
            "BAOCAO_OFFICE_LEVEL" => self.office_level = v,
            "BAOCAO_OFFICE_RECIPIENTS" => self.office_recipients = v,
            "BAOCAO_OFFICE_SECTION" => self.office_section = v,
            "BAOCAO_WEB_ADDR" => self.web_addr = v,
            "BAOCAO_WEB_URL" => self.web_url = v,
            "BAOCAO_CONSOLE_FROM" => self.console_from = v,
            "BAOCAO_SMTP_URL" => self.smtp_url = v.map(Secret),
            "BAOCAO_MAIL_FROM" => self.mail_from = v,
            "BAOCAO_MAIL_PER_MIN" => self.mail_per_min = v,
            "BAOCAO_BACKUP_DIR" => self.backup_dir = v.map(PathBuf::from),
            "BAOCAO_BACKUP_AT" => self.backup_at = v,
            "BAOCAO_BACKUP_KEEP" => self.backup_keep = v,
            "BAOCAO_METRICS" => self.metrics = v,
            _ => {}
        }
        self
    }
}

impl ConfigArgs {
    /// Adds the secrets, which only the process environment may hold (the bot token).
    pub fn with_secrets(self) -> ConfigArgs {
        ["TELOXIDE_TOKEN", "BAOCAO_TOKEN"].into_iter().fold(self, |args, name| match std::env::var(
            name,
        ) {
            Ok(value) => args.with(name, &value),
            Err(_) => args,
        })
    }
}

/// A value given, unless it is blank (an empty variable counts as not set).
pub(super) fn given(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

pub(super) fn given_path(value: &Option<PathBuf>) -> Option<PathBuf> {
    value.clone().filter(|p| !p.as_os_str().is_empty())
}

/// A secret as given (the token before it is checked): shown as `****` by `Debug`, so no
/// printing of the arguments can leak it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(pub String);

/// As clap reads it from a flag or a variable.
impl From<String> for Secret {
    fn from(value: String) -> Secret {
        Secret(value)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("****")
    }
}

/// The bot token. Never printed in full, never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// The token itself, for the Telegram client only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub(super) fn parse(s: &str) -> Option<Token> {
        let s = s.trim();
        let (id, secret) = s.split_once(':')?;
        let id_ok = !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
        let secret_ok = !secret.is_empty()
            && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        (id_ok && secret_ok).then(|| Token(s.to_owned()))
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = self.0.split(':').next().unwrap_or_default();
        write!(f, "{id}:****")
    }
}
