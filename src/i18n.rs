//! Every user-visible string, rendered from `locales/` (Fluent) in the reader's language.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{static_loader, LanguageIdentifier, Loader};
use serde::{Deserialize, Serialize};
use unic_langid::langid;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "vi",
        // Telegram shows Fluent's invisible isolation marks as boxes on some phones.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static VI: LanguageIdentifier = langid!("vi");
static EN: LanguageIdentifier = langid!("en");

/// A language the bot speaks. Vietnamese first; English second.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// All languages, Vietnamese first.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The language for a Telegram `language_code`: English only when the person uses English.
    pub fn from_telegram(code: Option<&str>) -> Lang {
        match code {
            Some(code) if code.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Vi,
        }
    }

    /// Parses the stored or configured code (`vi`, `en`).
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The code stored in the database and shown in configuration.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An argument of a message: text or a number (Fluent formats numbers and picks plurals).
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_owned())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Arg::Text(v.clone())
    }
}
impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Number(v)
    }
}
impl From<usize> for Arg {
    fn from(v: usize) -> Self {
        Arg::Number(i64::try_from(v).unwrap_or(i64::MAX))
    }
}
impl From<u64> for Arg {
    fn from(v: u64) -> Self {
        Arg::Number(i64::try_from(v).unwrap_or(i64::MAX))
    }
}
impl From<u32> for Arg {
    fn from(v: u32) -> Self {
        Arg::Number(i64::from(v))
    }
}

/// Something to say to a person: a message key and its arguments, rendered late in their language.
#[derive(Clone, Debug, PartialEq)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    /// A message without arguments.
    pub fn new(key: &'static str) -> Msg {
        Msg { key, args: Vec::new() }
    }

    /// Adds one argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    /// Renders the message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = self
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Text(s) => FluentValue::from(s.as_str()),
                    Arg::Number(n) => FluentValue::from(*n),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect();
        LOCALES.try_lookup_with_args(lang.id(), self.key, &args).unwrap_or_else(|| {
            tracing::error!(key = self.key, lang = %lang, "missing message in locales/");
            self.key.to_owned()
        })
    }
}

/// A date and time as Vietnamese users read it: `dd/mm/yyyy HH:MM`, in the configured zone.
pub fn fmt_datetime(at: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> String {
    at.with_timezone(&tz).format("%d/%m/%Y %H:%M").to_string()
}

/// A date as Vietnamese users read it: `dd/mm/yyyy`.
pub fn fmt_date(date: chrono::NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// Renders a message without arguments in `lang`.
pub fn t(lang: Lang, key: &'static str) -> String {
    Msg::new(key).render(lang)
}

/// A phrase made to begin a line or a cell: its first letter upper-case ("Cán bộ theo dõi").
pub fn first_upper(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_rendered_without_isolation_marks() {
        let text = Msg::new("welcome-unknown")
            .arg("id", 42_i64)
            .arg("office", "Sở Nội vụ")
            .render(Lang::Vi);
        assert!(text.contains("42"));
        assert!(!text.contains('\u{2068}') && !text.contains('\u{2069}'));
    }

    #[test]
    fn dates_are_day_first_in_the_configured_zone() {
        use chrono::TimeZone;
        let at = chrono::Utc.with_ymd_and_hms(2021, 6, 16, 10, 0, 0).unwrap();
        assert_eq!(fmt_datetime(at, chrono_tz::Asia::Ho_Chi_Minh), "16/06/2021 17:00");
        let date = chrono::NaiveDate::from_ymd_opt(2021, 1, 5).unwrap();
        assert_eq!(fmt_date(date), "05/01/2021");
    }

    #[test]
    fn english_and_vietnamese_differ() {
        assert_ne!(t(Lang::Vi, "help-title"), t(Lang::En, "help-title"));
    }

    fn keys_of(lang: &str) -> std::collections::BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang);
        let mut keys = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                let Some((key, _)) = line.split_once(" =") else { continue };
                if key.starts_with(|c: char| c.is_ascii_lowercase()) && !key.contains(' ') {
                    assert!(keys.insert(key.to_owned()), "{key} is defined twice in {lang}");
                }
            }
        }
        keys
    }

    #[test]
    fn vietnamese_and_english_have_the_same_keys() {
        let (vi, en) = (keys_of("vi"), keys_of("en"));
        let only_vi: Vec<_> = vi.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&vi).collect();
        assert!(
            only_vi.is_empty() && only_en.is_empty(),
            "only in vi: {only_vi:?}; only in en: {only_en:?}"
        );
    }

    /// Every string literal in `src/` that looks like a message key (its prefix is one that
    /// keys use, e.g. `report-…`) must exist in the locales.
    #[test]
    fn every_key_used_in_the_code_exists() {
        let known = keys_of("vi");
        let prefixes: std::collections::BTreeSet<&str> =
            known.iter().filter_map(|k| k.split('-').next()).collect();
        let is_key_like = |s: &str| {
            s.contains('-')
                && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && s.split('-').next().is_some_and(|p| prefixes.contains(p))
        };
        let mut missing = Vec::new();
        let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for literal in text.split('"').skip(1).step_by(2) {
                if is_key_like(literal) && !known.contains(literal) {
                    missing.push(format!("{}: {literal}", path.display()));
                }
            }
        }
        assert!(missing.is_empty(), "keys used but not in locales/vi: {missing:?}");
    }

    /// The office is configuration: no message names a fixed office or district.
    #[test]
    fn no_message_names_a_fixed_office() {
        for lang in ["vi", "en"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang);
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap().to_lowercase();
                for fixed in ["phòng nội vụ", "huyện", "office of home affairs", "district"]
                {
                    assert!(!text.contains(fixed), "{} says \"{fixed}\"", path.display());
                }
            }
        }
    }

    #[test]
    fn telegram_language_code_maps_to_english_only_for_english() {
        assert_eq!(Lang::from_telegram(Some("en-US")), Lang::En);
        assert_eq!(Lang::from_telegram(Some("vi")), Lang::Vi);
        assert_eq!(Lang::from_telegram(Some("ru")), Lang::Vi);
        assert_eq!(Lang::from_telegram(None), Lang::Vi);
    }
}
