//! One typed configuration, read once at start from the command line, the environment and an
//! optional TOML file (in that order of precedence), validated before anything runs.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use serde::Deserialize;
use url::Url;

use chrono::{NaiveDate, NaiveTime};

use crate::domain::schedule::{Calendar, Cron, Ladder, QuietHours, Series};
use crate::domain::template::merge_templates;
use crate::domain::{InviteTtl, Template};
use crate::i18n::{Lang, Msg};

/// Settings given on the command line (they win over the environment and the file).
#[derive(Clone, Debug, Default, clap::Args)]
pub struct ConfigArgs {
    /// TOML file with the settings that are not secrets [env: BAOCAO_CONFIG]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// SQLite database file [env: BAOCAO_DATABASE] [default: ./baocao.db]
    #[arg(long, global = true, value_name = "FILE")]
    pub database: Option<PathBuf>,
    /// Bot API base URL, e.g. a local test server [env: TELOXIDE_API_URL or BAOCAO_API_URL]
    #[arg(long, global = true, value_name = "URL")]
    pub api_url: Option<String>,
}

/// The bot token. Never printed in full, never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// The token itself, for the Telegram client only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    fn parse(s: &str) -> Option<Token> {
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

/// The effective configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub token: Option<Token>,
    pub api_url: Option<Url>,
    pub database: PathBuf,
    pub timezone: Tz,
    /// Telegram user ids that become admins on their first `/start`.
    pub admins: Vec<i64>,
    /// The bot's @username for invite links; asked from Telegram (`getMe`) when not set.
    pub bot_username: Option<String>,
    /// Language of the command line and of people whose Telegram language is unknown.
    pub lang: Lang,
    pub invite_ttl: InviteTtl,
    /// Long-poll timeout; must stay below teloxide's 17 s HTTP timeout.
    pub poll_timeout_secs: u32,
    /// Place name in the header of formal documents ("Tuần Giáo, ngày …").
    pub place: String,
    /// Outgoing message limits.
    pub throttle: ThrottleLimits,
    /// Report templates: the embedded ones and those of the TOML file (`[[templates]]`).
    pub templates: Vec<Template>,
    /// Reminders, digests, series, working days.
    pub schedule: ScheduleConfig,
    /// Messages a chat may send at once, then per second, before the bot calls it a flood.
    pub flood: (f64, f64),
    pub config_file: Option<PathBuf>,
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

/// The TOML file's shape. Unknown keys are refused, so a typo is not silently ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database: Option<PathBuf>,
    api_url: Option<String>,
    timezone: Option<String>,
    admins: Option<Vec<i64>>,
    bot_username: Option<String>,
    lang: Option<String>,
    invite_expiry: Option<String>,
    poll_timeout_secs: Option<u32>,
    place: Option<String>,
    throttle: Option<ThrottleFile>,
    templates: Option<Vec<Template>>,
    schedule: Option<ScheduleFile>,
    series: Option<Vec<SeriesFile>>,
    flood: Option<FloodFile>,
}

/// `[flood]` in the TOML file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FloodFile {
    burst: Option<f64>,
    per_sec: Option<f64>,
}

/// `[schedule]` in the TOML file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScheduleFile {
    reminder_sweep: Option<String>,
    officer_digest: Option<String>,
    reminder_days_before: Option<Vec<u32>>,
    overdue_working_days: Option<u32>,
    digest_days_before: Option<u32>,
    holidays: Option<Vec<String>>,
    working_days: Option<Vec<String>>,
    make_up_days: Option<Vec<String>>,
    quiet_hours: Option<[u32; 2]>,
    officers_group: Option<i64>,
}

/// `[[series]]` in the TOML file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesFile {
    key: String,
    cron: String,
    kind: String,
    part: Option<u32>,
    due_days_after_cutoff: Option<u32>,
    due_time: Option<String>,
    template: Option<String>,
}

/// When the bot acts by itself.
#[derive(Clone, Debug)]
pub struct ScheduleConfig {
    pub reminder_sweep: Cron,
    pub officer_digest: Cron,
    pub ladder: Ladder,
    pub calendar: Calendar,
    pub quiet: QuietHours,
    /// Periods this many days (or fewer) before their deadline, or past it, are in the digest.
    pub digest_days_before: u32,
    /// A group chat of officers that also gets the digest.
    pub officers_group: Option<i64>,
    pub series: Vec<Series>,
}

impl ScheduleConfig {
    fn from_file(
        file: Option<ScheduleFile>,
        series: Option<Vec<SeriesFile>>,
        templates: &[Template],
    ) -> Result<ScheduleConfig, ConfigError> {
        let f = file.unwrap_or_default();
        let cron = |setting: &'static str, value: Option<String>, default: &str| {
            Cron::parse(value.as_deref().unwrap_or(default))
                .map_err(|msg| ConfigError::new(setting, msg))
        };
        let reminder_sweep =
            cron("schedule.reminder_sweep", f.reminder_sweep, "0 0 8 * * Mon-Fri")?;
        let officer_digest =
            cron("schedule.officer_digest", f.officer_digest, "0 30 16 * * Mon-Fri")?;
        let mut ladder = Ladder::default();
        if let Some(mut days) = f.reminder_days_before {
            days.sort_unstable_by(|a, b| b.cmp(a));
            days.dedup();
            if days.iter().any(|d| *d == 0 || *d > 60) {
                return Err(invalid("schedule.reminder_days_before", &format!("{days:?}")));
            }
            ladder.days_before = days;
        }
        if let Some(n) = f.overdue_working_days {
            if n > 20 {
                return Err(invalid("schedule.overdue_working_days", &n.to_string()));
            }
            ladder.overdue_working_days = n;
        }
        let mut calendar = Calendar::default();
        let date = |setting: &'static str, day: &str| {
            NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(day.trim(), "%d/%m/%Y"))
                .map_err(|_| invalid(setting, day))
        };
        for day in f.holidays.unwrap_or_default() {
            calendar.holidays.insert(date("schedule.holidays", &day)?);
        }
        for day in f.make_up_days.unwrap_or_default() {
            calendar.make_up_days.insert(date("schedule.make_up_days", &day)?);
        }
        if let Some(days) = f.working_days {
            calendar.weekdays = days
                .iter()
                .map(|d| {
                    crate::domain::schedule::parse_weekday(d)
                        .map(|w| w.num_days_from_monday())
                        .ok_or_else(|| invalid("schedule.working_days", d))
                })
                .collect::<Result<_, _>>()?;
            if calendar.weekdays.is_empty() {
                return Err(invalid("schedule.working_days", "[]"));
            }
        }
        let quiet = match f.quiet_hours {
            Some([from, to]) if from < 24 && to < 24 && from != to => QuietHours { from, to },
            Some(other) => return Err(invalid("schedule.quiet_hours", &format!("{other:?}"))),
            None => QuietHours::default(),
        };
        let series = series
            .unwrap_or_default()
            .into_iter()
            .map(|s| series_of(s, templates))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ScheduleConfig {
            reminder_sweep,
            officer_digest,
            ladder,
            calendar,
            quiet,
            digest_days_before: f.digest_days_before.unwrap_or(3),
            officers_group: f.officers_group,
            series,
        })
    }
}

fn series_of(f: SeriesFile, templates: &[Template]) -> Result<Series, ConfigError> {
    let cron = Cron::parse(&f.cron).map_err(|msg| ConfigError::new("series", msg))?;
    let due_time = match f.due_time.as_deref() {
        Some(t) => {
            NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| invalid("series", t))?
        }
        None => NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
    };
    let template =
        f.template.unwrap_or_else(|| crate::domain::template::DEFAULT_TEMPLATE.to_owned());
    if !templates.iter().any(|t| t.key == template) {
        return Err(invalid("series", &template));
    }
    if !matches!(f.kind.as_str(), "monthly" | "quarterly" | "semiannual" | "nine-month" | "annual")
    {
        return Err(invalid("series", &f.kind));
    }
    Ok(Series {
        key: f.key,
        cron,
        kind: f.kind,
        part: f.part,
        due_days_after_cutoff: f.due_days_after_cutoff.unwrap_or(2),
        due_time,
        template,
    })
}

/// `[throttle]` in the TOML file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThrottleFile {
    overall_per_sec: Option<u32>,
    per_chat_per_sec: Option<u32>,
    per_chat_per_min: Option<u32>,
    group_per_min: Option<u32>,
}

/// Outgoing message limits; Telegram's published limits by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThrottleLimits {
    pub overall_per_sec: u32,
    pub per_chat_per_sec: u32,
    pub per_chat_per_min: u32,
    pub group_per_min: u32,
}

impl Default for ThrottleLimits {
    fn default() -> Self {
        ThrottleLimits {
            overall_per_sec: 30,
            per_chat_per_sec: 1,
            per_chat_per_min: 20,
            group_per_min: 20,
        }
    }
}

impl ThrottleLimits {
    fn from_file(file: Option<ThrottleFile>) -> Result<ThrottleLimits, ConfigError> {
        let d = ThrottleLimits::default();
        let Some(f) = file else { return Ok(d) };
        let limits = ThrottleLimits {
            overall_per_sec: f.overall_per_sec.unwrap_or(d.overall_per_sec),
            per_chat_per_sec: f.per_chat_per_sec.unwrap_or(d.per_chat_per_sec),
            per_chat_per_min: f.per_chat_per_min.unwrap_or(d.per_chat_per_min),
            group_per_min: f.group_per_min.unwrap_or(d.group_per_min),
        };
        let values = [
            limits.overall_per_sec,
            limits.per_chat_per_sec,
            limits.per_chat_per_min,
            limits.group_per_min,
        ];
        if values.contains(&0) {
            return Err(invalid("throttle", "0"));
        }
        Ok(limits)
    }
}

const MAX_POLL_TIMEOUT: u32 = 15;

impl Config {
    /// Reads the configuration from `args`, the process environment and the TOML file.
    pub fn load(args: &ConfigArgs) -> Result<Config, ConfigError> {
        Config::load_with(args, &|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    /// Reads the configuration with `env` standing for the environment (tests pass a map).
    pub fn load_with(
        args: &ConfigArgs,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let config_file = args.config.clone().or_else(|| env("BAOCAO_CONFIG").map(PathBuf::from));
        let file = match &config_file {
            Some(path) => read_file(path)?,
            None => FileConfig::default(),
        };
        let first = |names: &[&str]| names.iter().find_map(|n| env(n));
        let lang = match first(&["BAOCAO_LANG"]).or(file.lang) {
            Some(s) => Lang::parse(&s).ok_or_else(|| invalid("BAOCAO_LANG", &s))?,
            None => Lang::Vi,
        };
        let token = match first(&["TELOXIDE_TOKEN", "BAOCAO_TOKEN"]) {
            Some(s) => Some(Token::parse(&s).ok_or_else(|| {
                ConfigError::new("TELOXIDE_TOKEN", Msg::new("config-token-format"))
            })?),
            None => None,
        };
        let api_url = args
            .api_url
            .clone()
            .or_else(|| first(&["TELOXIDE_API_URL", "BAOCAO_API_URL"]))
            .or(file.api_url);
        let api_url = api_url.map(|s| parse_url(&s)).transpose()?;
        let database = args
            .database
            .clone()
            .or_else(|| env("BAOCAO_DATABASE").map(PathBuf::from))
            .or(file.database)
            .unwrap_or_else(|| PathBuf::from("baocao.db"));
        let timezone = first(&["BAOCAO_TIMEZONE"])
            .or(file.timezone)
            .unwrap_or_else(|| "Asia/Ho_Chi_Minh".to_owned());
        let timezone: Tz = timezone.parse().map_err(|_| invalid("BAOCAO_TIMEZONE", &timezone))?;
        let admins = match first(&["BAOCAO_ADMINS"]) {
            Some(s) => parse_admins(&s)?,
            None => file.admins.unwrap_or_default(),
        };
        let bot_username = first(&["BAOCAO_BOT_USERNAME"])
            .or(file.bot_username)
            .map(|s| parse_username(&s))
            .transpose()?;
        let invite_ttl = match first(&["BAOCAO_INVITE_EXPIRY"]).or(file.invite_expiry) {
            Some(s) => {
                InviteTtl::parse(&s).map_err(|msg| ConfigError::new("BAOCAO_INVITE_EXPIRY", msg))?
            }
            None => InviteTtl::default(),
        };
        let poll_timeout_secs = file.poll_timeout_secs.unwrap_or(10);
        if poll_timeout_secs == 0 || poll_timeout_secs > MAX_POLL_TIMEOUT {
            return Err(invalid("poll_timeout_secs", &poll_timeout_secs.to_string()));
        }
        let place =
            first(&["BAOCAO_PLACE"]).or(file.place).unwrap_or_else(|| "Tuần Giáo".to_owned());
        let throttle = ThrottleLimits::from_file(file.throttle)?;
        let templates = merge_templates(file.templates.unwrap_or_default()).map_err(|e| {
            let reason = Msg::new("config-template")
                .arg("template", e.template)
                .arg("reason", e.msg.render(lang));
            ConfigError::new("templates", reason)
        })?;
        let schedule = ScheduleConfig::from_file(file.schedule, file.series, &templates)?;
        let f = file.flood.unwrap_or_default();
        let flood = (
            f.burst.unwrap_or(crate::domain::flood::BURST),
            f.per_sec.unwrap_or(crate::domain::flood::RATE),
        );
        if !(1.0..=100_000.0).contains(&flood.0) || !(0.01..=100_000.0).contains(&flood.1) {
            return Err(invalid("flood", &format!("{flood:?}")));
        }
        Ok(Config {
            flood,
            schedule,
            templates,
            throttle,
            token,
            api_url,
            database,
            timezone,
            admins,
            bot_username,
            lang,
            invite_ttl,
            poll_timeout_secs,
            place,
            config_file,
        })
    }

    /// The token, or the error that says how to give it.
    pub fn require_token(&self) -> Result<&Token, ConfigError> {
        self.token
            .as_ref()
            .ok_or_else(|| ConfigError::new("TELOXIDE_TOKEN", Msg::new("config-token-missing")))
    }

    /// Whether this Telegram user is a configured admin.
    pub fn is_admin(&self, tg_user_id: i64) -> bool {
        self.admins.contains(&tg_user_id)
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
            ("admins", self.admins.iter().map(i64::to_string).collect::<Vec<_>>().join(",")),
            ("bot_username", self.bot_username.clone().unwrap_or_else(none)),
            ("lang", self.lang.code().to_owned()),
            ("invite_expiry", format!("{}d", self.invite_ttl.days())),
            ("poll_timeout_secs", self.poll_timeout_secs.to_string()),
            ("place", self.place.clone()),
            ("flood", format!("burst={} per_sec={}", self.flood.0, self.flood.1)),
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

fn read_file(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        ConfigError::new(
            "BAOCAO_CONFIG",
            Msg::new("config-file-unreadable")
                .arg("path", path.display().to_string())
                .arg("detail", e.to_string()),
        )
    })?;
    toml::from_str(&text).map_err(|e| {
        let detail = e.message().to_owned();
        ConfigError::new(
            "BAOCAO_CONFIG",
            Msg::new("config-file-invalid")
                .arg("path", path.display().to_string())
                .arg("detail", detail),
        )
    })
}

fn parse_url(s: &str) -> Result<Url, ConfigError> {
    match Url::parse(s.trim()) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(url),
        _ => Err(invalid("TELOXIDE_API_URL", s)),
    }
}

fn parse_admins(s: &str) -> Result<Vec<i64>, ConfigError> {
    s.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(|| invalid("BAOCAO_ADMINS", p))
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        load_args(&ConfigArgs::default(), vars)
    }

    fn load_args(args: &ConfigArgs, vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> =
            vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::load_with(args, &|name| map.get(name).cloned())
    }

    proptest::proptest! {
        #[test]
        fn any_environment_value_is_accepted_or_named_without_panic(value in proptest::prelude::any::<String>()) {
            for name in ["TELOXIDE_TOKEN", "BAOCAO_ADMINS", "BAOCAO_TIMEZONE", "TELOXIDE_API_URL", "BAOCAO_LANG", "BAOCAO_INVITE_EXPIRY", "BAOCAO_BOT_USERNAME"] {
                if let Err(e) = load(&[(name, value.as_str())]) {
                    proptest::prop_assert_eq!(e.setting, name);
                }
            }
        }

        #[test]
        fn any_toml_file_is_accepted_or_refused_without_panic(text in proptest::prelude::any::<String>()) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("baocao.toml");
            std::fs::write(&path, &text).unwrap();
            let args = ConfigArgs { config: Some(path), ..ConfigArgs::default() };
            let _ = load_args(&args, &[]);
        }
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let config = load(&[]).unwrap();
        assert_eq!(config.database, PathBuf::from("baocao.db"));
        assert_eq!(config.timezone, chrono_tz::Asia::Ho_Chi_Minh);
        assert!(config.admins.is_empty());
        assert_eq!(config.require_token().unwrap_err().setting, "TELOXIDE_TOKEN");
    }

    #[test]
    fn token_is_taken_from_either_variable_and_never_shown() {
        let config = load(&[("BAOCAO_TOKEN", "123456:ABCdef_ghi-jkl")]).unwrap();
        let token = config.require_token().unwrap();
        assert_eq!(token.expose(), "123456:ABCdef_ghi-jkl");
        assert_eq!(token.to_string(), "123456:****");
        assert!(!format!("{config:?}").contains("ABCdef"));
        assert!(config.describe().iter().all(|(_, v)| !v.contains("ABCdef")));
    }

    #[test]
    fn each_bad_value_names_its_setting() {
        let cases = [
            ("TELOXIDE_TOKEN", "not a token"),
            ("BAOCAO_ADMINS", "12,abc"),
            ("BAOCAO_TIMEZONE", "Mars/Olympus"),
            ("TELOXIDE_API_URL", "ftp://x"),
            ("BAOCAO_LANG", "fr"),
            ("BAOCAO_INVITE_EXPIRY", "forever"),
            ("BAOCAO_BOT_USERNAME", "a b"),
        ];
        for (setting, value) in cases {
            let err = load(&[(setting, value)]).unwrap_err();
            assert_eq!(err.setting, setting, "{setting}={value}");
        }
    }

    #[test]
    fn admins_list_is_parsed() {
        let config = load(&[("BAOCAO_ADMINS", " 123, 456 ,")]).unwrap();
        assert_eq!(config.admins, vec![123, 456]);
        assert!(config.is_admin(456));
    }

    #[test]
    fn file_values_apply_and_command_line_wins() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baocao.toml");
        std::fs::write(&path, "database = \"file.db\"\nadmins = [7]\nplace = \"Điện Biên\"\n")
            .unwrap();
        let args = ConfigArgs {
            config: Some(path.clone()),
            database: Some("cli.db".into()),
            api_url: None,
        };
        let config = load_args(&args, &[]).unwrap();
        assert_eq!(config.database, PathBuf::from("cli.db"));
        assert_eq!(config.admins, vec![7]);
        assert_eq!(config.place, "Điện Biên");
    }

    #[test]
    fn a_template_in_the_file_is_added_and_a_bad_one_stops_the_start() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baocao.toml");
        let good = "[[templates]]\nkey = \"ngan\"\nvi = \"Ngắn\"\nen = \"Short\"\n[[templates.questions]]\nkey = \"a\"\nvi = \"Có?\"\nen = \"Yes?\"\nkind = \"yes_no\"\n";
        std::fs::write(&path, good).unwrap();
        let args = ConfigArgs { config: Some(path.clone()), ..ConfigArgs::default() };
        let config = load_args(&args, &[]).unwrap();
        assert!(config.template("ngan").is_some() && config.template("thi-dua").is_some());
        std::fs::write(&path, good.replace("kind = \"yes_no\"", "kind = \"text\"\nmax_len = 0"))
            .unwrap();
        let err = load_args(&args, &[]).unwrap_err();
        assert_eq!(err.setting, "templates");
        assert!(err.render(Lang::Vi).contains("ngan"));
    }

    #[test]
    fn a_bad_cron_expression_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baocao.toml");
        std::fs::write(&path, "[schedule]\nreminder_sweep = \"0 8 * * 1-5\"\n").unwrap();
        let args = ConfigArgs { config: Some(path.clone()), ..ConfigArgs::default() };
        let err = load_args(&args, &[]).unwrap_err();
        assert_eq!(err.setting, "schedule.reminder_sweep");
        assert!(err.render(Lang::Vi).contains("0 8 * * 1-5"));
        std::fs::write(&path, "[schedule]\nholidays = [\"2021-09-02\", \"03/09/2021\"]\n[[series]]\nkey = \"h1\"\ncron = \"0 0 7 1 6 *\"\nkind = \"semiannual\"\n").unwrap();
        let config = load_args(&args, &[]).unwrap();
        assert_eq!(config.schedule.calendar.holidays.len(), 2);
        assert_eq!(config.schedule.series[0].key, "h1");
    }

    #[test]
    fn working_days_and_make_up_days_are_read_and_bad_ones_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baocao.toml");
        let args = ConfigArgs { config: Some(path.clone()), ..ConfigArgs::default() };
        std::fs::write(&path, "[schedule]\nworking_days = [\"T2\", \"tue\", \"Wed\", \"thu\", \"fri\", \"T7\"]\nmake_up_days = [\"04/01/2025\"]\n").unwrap();
        let calendar = load_args(&args, &[]).unwrap().schedule.calendar;
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(calendar.is_working_day(day("2025-01-11")), "Saturdays are worked");
        assert!(!calendar.is_working_day(day("2025-01-12")), "Sundays are not");
        assert!(calendar.make_up_days.contains(&day("2025-01-04")));
        for bad in
            ["working_days = [\"Thứ Hai\"]", "working_days = []", "make_up_days = [\"31/02/2025\"]"]
        {
            std::fs::write(&path, format!("[schedule]\n{bad}\n")).unwrap();
            let err = load_args(&args, &[]).unwrap_err();
            assert!(
                err.setting.starts_with("schedule.") && bad.starts_with(&err.setting[9..]),
                "{bad}: {}",
                err.setting
            );
        }
    }

    #[test]
    fn unknown_key_in_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baocao.toml");
        std::fs::write(&path, "databse = \"typo.db\"\n").unwrap();
        let args = ConfigArgs { config: Some(path), ..ConfigArgs::default() };
        let err = load_args(&args, &[]).unwrap_err();
        assert_eq!(err.setting, "BAOCAO_CONFIG");
        assert!(err.render(Lang::En).contains("databse"));
    }
}
