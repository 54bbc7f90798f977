//! Report templates: data, not code. A period keeps a copy of the questions it opened with.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::domain::awards::{Awards, AwardsFor};
use crate::i18n::{Lang, Msg};

/// Longest text answer any template may allow (a Telegram message holds 4096 characters).
pub const TEXT_MAX_LIMIT: usize = 4000;
/// Files a bot can download from Telegram: 20 MB.
pub const FILE_MAX_BYTES: u64 = 20 * 1024 * 1024;

const EMBEDDED: [&str; 4] = [
    include_str!("../../templates/thi-dua.toml"),
    include_str!("../../templates/ke-hoach.toml"),
    include_str!("../../templates/tong-ket-nam.toml"),
    include_str!("../../templates/thi-dua-2021.toml"),
];

/// Longest label of an option: the official names of the emulation movements ("Cả nước chung
/// tay vì người nghèo – Không để ai bị bỏ lại phía sau", 65 characters) must fit.
const OPTION_MAX: usize = 80;

/// The key of the default template.
pub const DEFAULT_TEMPLATE: &str = "thi-dua";
/// The six-monthly report as the 2021 directive asked it: the periods and tests of that year.
pub const TEMPLATE_2021: &str = "thi-dua-2021";

/// The template of 2021 (for the tests and the benchmark, which replay that year).
pub fn template_2021() -> Option<Template> {
    embedded_templates().ok()?.into_iter().find(|t| t.key == TEMPLATE_2021)
}

/// One option of a choice question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub key: String,
    pub vi: String,
    pub en: String,
}

/// What kind of answer a question expects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum QuestionKind {
    Text {
        #[serde(default = "default_max_len")]
        max_len: usize,
    },
    Number {
        #[serde(default)]
        min: i64,
        #[serde(default = "default_max_number")]
        max: i64,
    },
    /// "12/15": achieved over total, achieved ≤ total.
    Fraction,
    YesNo,
    /// `dd/mm/yyyy`.
    Date,
    Choice {
        options: Vec<ChoiceOption>,
    },
    /// A checklist: any of the options (at least `min`), toggled with buttons, then "Xong".
    Multi {
        options: Vec<ChoiceOption>,
        #[serde(default)]
        min: usize,
    },
    /// Items added one by one, each with its fields (e.g. a nominee: name, position, form of
    /// award, achievement); between `min_items` and `max_items` of them.
    List {
        fields: Vec<ListField>,
        #[serde(default)]
        min_items: usize,
        #[serde(default = "default_max_items")]
        max_items: usize,
    },
    /// A document (PDF, Word, Excel) or a photo.
    File,
}

/// One field of a list item: a short text or one of a few options.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListField {
    pub key: String,
    pub vi: String,
    pub en: String,
    #[serde(default = "yes")]
    pub required: bool,
    /// Options to choose from (buttons); none: a short text is typed.
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    #[serde(default = "default_field_len")]
    pub max_len: usize,
    /// The office's titles and forms of award for collectives or for individuals (see
    /// `domain::awards`), filled in as the field's options when the configuration loads; a
    /// period keeps the options it was opened with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awards: Option<AwardsFor>,
}

impl ListField {
    /// The field's name in `lang`.
    pub fn prompt(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// How a stored value reads: an option's label, or the text as typed.
    pub fn shown(&self, value: &str, lang: Lang) -> String {
        self.options
            .iter()
            .find(|o| o.key == value)
            .map_or_else(|| value.to_owned(), |o| o.label(lang).to_owned())
    }
}

fn default_max_items() -> usize {
    20
}
fn default_field_len() -> usize {
    300
}

fn default_max_len() -> usize {
    1500
}
fn default_max_number() -> i64 {
    1_000_000_000
}
fn yes() -> bool {
    true
}

/// One question of a template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub key: String,
    pub vi: String,
    pub en: String,
    #[serde(default = "yes")]
    pub required: bool,
    #[serde(flatten)]
    pub kind: QuestionKind,
}

impl Question {
    /// The question in `lang`.
    pub fn prompt(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

impl QuestionKind {
    /// The options of a choice or checklist question.
    pub fn options(&self) -> &[ChoiceOption] {
        match self {
            QuestionKind::Choice { options } | QuestionKind::Multi { options, .. } => options,
            _ => &[],
        }
    }
}

impl ChoiceOption {
    /// The option's label in `lang`.
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// A named list of questions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub key: String,
    pub vi: String,
    pub en: String,
    /// What its reports are about, mid-sentence ("công tác thi đua, khen thưởng"): the title of
    /// the compiled report names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Names>,
    pub questions: Vec<Question>,
}

/// A text in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    pub vi: String,
    pub en: String,
}

/// Why a template was refused (at start, naming the template and the question).
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateError {
    pub template: String,
    pub msg: Msg,
}

impl Template {
    /// The template's name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// Checks keys, texts and bounds.
    pub fn validate(&self) -> Result<(), TemplateError> {
        let fail = |msg: Msg| Err(TemplateError { template: self.key.clone(), msg });
        if !is_key(&self.key) {
            return fail(Msg::new("err-template-key").arg("key", self.key.as_str()));
        }
        if self.vi.trim().is_empty() || self.en.trim().is_empty() {
            return fail(Msg::new("err-template-name"));
        }
        if self.questions.is_empty() || self.questions.len() > 50 {
            return fail(Msg::new("err-template-questions"));
        }
        let mut seen = HashSet::new();
        for q in &self.questions {
            if let Err(msg) = validate_question(q) {
                return fail(msg);
            }
            if !seen.insert(q.key.as_str()) {
                return fail(Msg::new("err-template-duplicate").arg("question", q.key.as_str()));
            }
        }
        Ok(())
    }
}

fn is_key(s: &str) -> bool {
    (1..=32).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

fn validate_question(q: &Question) -> Result<(), Msg> {
    let bad = |why: &str| {
        Err(Msg::new("err-template-question").arg("question", q.key.as_str()).arg("why", why))
    };
    if !is_key(&q.key) {
        return bad("key");
    }
    if q.vi.trim().is_empty()
        || q.en.trim().is_empty()
        || q.vi.chars().count() > 500
        || q.en.chars().count() > 500
    {
        return bad("vi/en");
    }
    match &q.kind {
        QuestionKind::Text { max_len } if *max_len == 0 || *max_len > TEXT_MAX_LIMIT => {
            bad("max_len")
        }
        QuestionKind::Number { min, max } if min > max => bad("min/max"),
        QuestionKind::Choice { options } | QuestionKind::Multi { options, .. }
            if options.is_empty() || options.len() > 12 =>
        {
            bad("options")
        }
        QuestionKind::Multi { options, min } if *min > options.len() => bad("min"),
        QuestionKind::List { fields, min_items, max_items } => {
            let mut keys = HashSet::new();
            let fields_ok = !fields.is_empty()
                && fields.len() <= 8
                && fields.iter().all(|f| {
                    is_key(&f.key)
                        && keys.insert(f.key.as_str())
                        && !f.vi.trim().is_empty()
                        && !f.en.trim().is_empty()
                        && (1..=1000).contains(&f.max_len)
                        && f.options.len() <= 12
                })
                && fields.first().is_some_and(|f| f.required && f.options.is_empty());
            if !fields_ok {
                return bad("fields");
            }
            if min_items > max_items || *max_items == 0 || *max_items > 100 {
                return bad("min_items/max_items");
            }
            Ok(())
        }
        QuestionKind::Choice { options } | QuestionKind::Multi { options, .. } => {
            let keys: HashSet<&str> = options.iter().map(|o| o.key.as_str()).collect();
            let labels_ok = options.iter().all(|o| {
                !o.vi.trim().is_empty()
                    && !o.en.trim().is_empty()
                    && o.vi.chars().count() <= OPTION_MAX
                    && o.en.chars().count() <= OPTION_MAX
            });
            if keys.len() != options.len() || !labels_ok {
                return bad("options");
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Parses one template from TOML text.
pub fn parse_template(toml_text: &str) -> Result<Template, TemplateError> {
    let template: Template = toml::from_str(toml_text).map_err(|e| TemplateError {
        template: "?".to_owned(),
        msg: Msg::new("err-template-toml").arg("detail", e.message().to_owned()),
    })?;
    template.validate()?;
    Ok(template)
}

/// The templates shipped with the bot.
pub fn embedded_templates() -> Result<Vec<Template>, TemplateError> {
    EMBEDDED.iter().map(|t| parse_template(t)).collect()
}

/// The embedded templates plus those from the configuration (a configured one with the same key
/// replaces the embedded one), with the office's titles and forms of award as the options of
/// every field that asks for them.
pub fn merge_templates(
    configured: Vec<Template>,
    awards: &Awards,
) -> Result<Vec<Template>, TemplateError> {
    let mut all = embedded_templates()?;
    for t in configured {
        t.validate()?;
        match all.iter_mut().find(|e| e.key == t.key) {
            Some(existing) => *existing = t,
            None => all.push(t),
        }
    }
    for t in &mut all {
        awards.fill(t);
        t.validate()?;
    }
    Ok(all)
}

impl Template {
    /// What its reports are about, mid-sentence: the `subject` it gives, else its name without
    /// a leading "Báo cáo" ("Báo cáo an toàn giao thông" → "an toàn giao thông").
    pub fn subject(&self, lang: Lang) -> String {
        if let Some(subject) = &self.subject {
            return match lang {
                Lang::Vi => subject.vi.clone(),
                Lang::En => subject.en.clone(),
            };
        }
        let name = self.name(lang).trim();
        let rest = ["Báo cáo ", "báo cáo ", "Report on ", "Report "]
            .iter()
            .find_map(|p| name.strip_prefix(p))
            .unwrap_or(name);
        let mut chars = rest.chars();
        chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
    }
}

#[cfg(test)]
#[path = "template_tests.rs"]
mod tests;
