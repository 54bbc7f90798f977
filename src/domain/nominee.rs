//! Nominees for awards: which questions list them, and when two entries name the same person —
//! proposed by two units, or again in another period — so the office checks before it signs.

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;

use crate::domain::template::ListField;
use crate::domain::unit::name_in_sentence;
use crate::domain::{Period, Question, QuestionKind, UnitKind};

/// A list of award proposals: a list question with a field of options (the title or form of
/// award); its fields and the position of that field.
pub fn award_field(q: &Question) -> Option<(&[ListField], usize)> {
    let QuestionKind::List { fields, .. } = &q.kind else { return None };
    let award = fields.iter().position(|f| !f.options.is_empty())?;
    Some((fields, award))
}

/// The key under which two spellings of one name meet: Unicode NFC (phones may send decomposed
/// letters), lower case, single spaces — "Lò  Văn HÙNG" and "lò văn hùng" are one name.
pub fn name_key(name: &str) -> String {
    let words: String = name.nfc().collect::<String>().to_lowercase();
    words.split_whitespace().collect::<Vec<_>>().join(" ").nfc().collect()
}

/// A list answer a unit sent in some period, as another period's commendation list compares
/// its names with it.
#[derive(Clone, Debug, PartialEq)]
pub struct SentList {
    pub period: Period,
    /// The unit's name as that period knew it, and its kind.
    pub unit: String,
    pub unit_kind: UnitKind,
    /// The question answered.
    pub question: String,
    /// Each item's fields by key.
    pub items: Vec<BTreeMap<String, String>>,
}

impl SentList {
    /// The names it proposes for awards (the first field of each item), when its question is
    /// a list of award proposals in its period; none otherwise.
    pub fn nominees(&self) -> Vec<&str> {
        let question = self.period.questions.iter().find(|q| q.key == self.question);
        let Some((fields, _)) = question.and_then(award_field) else { return Vec::new() };
        let Some(name) = fields.first() else { return Vec::new() };
        self.items.iter().filter_map(|item| item.get(&name.key)).map(String::as_str).collect()
    }

    /// The unit's name as written mid-sentence ("xã Ta Ma").
    pub fn unit_in_sentence(&self) -> String {
        name_in_sentence(&self.unit, self.unit_kind)
    }
}

/// For each name, the positions of the other names that are the same (by [`name_key`]).
pub fn repeats(names: &[&str]) -> Vec<Vec<usize>> {
    let keys: Vec<String> = names.iter().map(|n| name_key(n)).collect();
    keys.iter()
        .enumerate()
        .map(|(i, key)| {
            keys.iter()
                .enumerate()
                .filter(|(j, other)| *j != i && !key.is_empty() && *other == key)
                .map(|(j, _)| j)
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_meet_whatever_the_case_the_spaces_and_the_unicode_form() {
        let decomposed = "Lo\u{300} Va\u{306}n Hu\u{300}ng";
        assert_eq!(name_key(decomposed), name_key("Lò Văn Hùng"));
        assert_eq!(name_key("  LÒ   VĂN HÙNG "), "lò văn hùng");
        assert_ne!(name_key("Lò Văn Hùng"), name_key("Lò Văn Hưng"));
    }

    #[test]
    fn each_name_knows_where_else_it_appears() {
        let names = ["Lò Văn Hùng", "Quàng Thị Xuân", "lò văn  hùng", "", ""];
        assert_eq!(repeats(&names), vec![vec![2], vec![], vec![0], vec![], vec![]]);
    }
}
