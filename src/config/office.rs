//! The office's settings: who issues the documents (parent body, name, symbol, place), who signs
//! them, to whom they go, the level of government it serves — and, from that level unless the
//! file's `[awards]` says otherwise, the titles and forms of award units may propose.

use crate::domain::awards::Awards;
use crate::domain::office::{Office, OfficeLevel, Subject};
use crate::domain::template::ChoiceOption;
use crate::domain::Template;
use crate::i18n::Lang;

use super::args::{given, ConfigArgs};
use super::file::{AwardsFile, OfficeFile};
use super::{invalid, ConfigError};

/// Longest office setting accepted, in characters.
const OFFICE_TEXT_MAX: usize = 120;
/// Longest text of several lines (the signer, the recipients), in characters.
const LINES_MAX: usize = 1000;

/// The office from the flags/environment, then the file's `[office]` (or its old top-level
/// `place`), then the defaults (of its level, for the signer and the drafting section).
pub(super) fn office(
    args: &ConfigArgs,
    file: OfficeFile,
    old_place: Option<String>,
) -> Result<Office, ConfigError> {
    let default = Office::default();
    let pick =
        |setting: &'static str, arg: &Option<String>, from_file: Option<String>, or: String| {
            let value = given(arg).or_else(|| from_file.map(|v| v.trim().to_owned())).unwrap_or(or);
            if value.chars().count() > OFFICE_TEXT_MAX || value.chars().any(char::is_control) {
                return Err(invalid(setting, &value));
            }
            Ok(value)
        };
    let symbol = pick("BAOCAO_OFFICE_SYMBOL", &args.office_symbol, file.symbol, default.symbol)?;
    if symbol.is_empty() || symbol.chars().any(char::is_whitespace) {
        return Err(invalid("BAOCAO_OFFICE_SYMBOL", &symbol));
    }
    let parent = pick("BAOCAO_OFFICE_PARENT", &args.office_parent, file.parent, default.parent)?;
    let name = pick("BAOCAO_OFFICE_NAME", &args.office_name, file.name, default.name)?;
    let level = match given(&args.office_level).or(file.level) {
        Some(s) => OfficeLevel::parse(&s).ok_or_else(|| invalid("BAOCAO_OFFICE_LEVEL", &s))?,
        None => OfficeLevel::guess(&parent, &name),
    };
    let signer = lines("BAOCAO_OFFICE_SIGNER", given(&args.office_signer).or(file.signer))?
        .unwrap_or_else(|| vec![level.default_signer().to_owned()]);
    let recipients = given(&args.office_recipients).or(file.recipients.map(|l| l.joined()));
    let section = pick(
        "BAOCAO_OFFICE_SECTION",
        &args.office_section,
        file.section,
        level.default_section().to_owned(),
    )?;
    Ok(Office {
        short_name: pick(
            "BAOCAO_OFFICE_SHORT_NAME",
            &args.office_short_name,
            file.short_name,
            default.short_name,
        )?,
        place: pick("BAOCAO_PLACE", &args.place, file.place.or(old_place), default.place)?,
        signer: signer.join("\n"),
        recipients: lines("BAOCAO_OFFICE_RECIPIENTS", recipients)?.unwrap_or_default(),
        section,
        level,
        parent,
        name,
        symbol,
        subjects: Vec::new(),
    })
}

/// A text of several lines: real line breaks (a TOML multi-line string) or `\n` as typed in an
/// environment variable; each line trimmed, blank ones dropped; `None` when nothing is left.
fn lines(setting: &'static str, value: Option<String>) -> Result<Option<Vec<String>>, ConfigError> {
    let Some(value) = value else { return Ok(None) };
    let text = value.replace("\\n", "\n");
    let bad = text.chars().count() > LINES_MAX
        || text.chars().any(|c| c.is_control() && c != '\n' && c != '\r');
    if bad {
        return Err(invalid(setting, &value));
    }
    let lines: Vec<String> =
        text.lines().map(crate::domain::text::one_line).filter(|l| !l.is_empty()).collect();
    if lines.iter().any(|l| l.chars().count() > OFFICE_TEXT_MAX) {
        return Err(invalid(setting, &value));
    }
    Ok((!lines.is_empty()).then_some(lines))
}

/// The office's titles and forms of award: the file's `[awards]`, each list left out taking the
/// defaults of the office's level.
pub(super) fn awards(file: Option<AwardsFile>, level: OfficeLevel) -> Result<Awards, ConfigError> {
    let mut awards = Awards::defaults(level);
    let file = file.unwrap_or_default();
    if let Some(list) = file.collective {
        awards.collective = list;
    }
    if let Some(list) = file.individual {
        awards.individual = list;
    }
    awards.validate().map_err(|msg| ConfigError::new("awards", msg))?;
    Ok(awards)
}

/// What each template reports on, for the office's documents.
pub(super) fn subjects(templates: &[Template]) -> Vec<Subject> {
    templates
        .iter()
        .map(|t| Subject {
            template: t.key.clone(),
            vi: t.subject(Lang::Vi),
            en: t.subject(Lang::En),
        })
        .collect()
}

/// A list of options as `config check` shows it: the Vietnamese labels.
pub(super) fn labels(list: &[ChoiceOption]) -> String {
    list.iter().map(|o| o.vi.as_str()).collect::<Vec<_>>().join("; ")
}
