//! The inputs of one question, by its kind, as a phone shows them: a field with the right
//! keyboard (numbers for a number, a fraction, a date), radio buttons for a choice, boxes to tick
//! for a checklist, the fields of a list's row. What was typed and refused comes back in them.

use maud::{html, Markup};

use crate::domain::template::ListField;
use crate::domain::{Answer, Question, QuestionKind};
use crate::i18n::{fmt_date, t, Lang, Msg};

/// What the chair sees under the question: what is expected, in the words of a page.
pub fn hint(q: &Question) -> Msg {
    match &q.kind {
        QuestionKind::Text { max_len } => Msg::new("form-hint-text").arg("max", *max_len),
        QuestionKind::Number { .. } => Msg::new("form-hint-number"),
        QuestionKind::Fraction => Msg::new("form-hint-fraction"),
        QuestionKind::YesNo | QuestionKind::Choice { .. } => Msg::new("form-hint-choice"),
        QuestionKind::Date => Msg::new("form-hint-date"),
        QuestionKind::Multi { min, .. } => Msg::new("form-hint-multi").arg("min", *min),
        QuestionKind::List { min_items, max_items, .. } => {
            Msg::new("form-hint-list").arg("min", *min_items).arg("max", *max_items)
        }
        QuestionKind::File => {
            Msg::new("form-hint-file").arg("max", super::FILE_LIMIT / (1024 * 1024))
        }
    }
}

/// The inputs of question `q` (`index`), holding `typed` (what was refused) or else `current`.
pub fn inputs(
    q: &Question,
    index: usize,
    current: Option<&Answer>,
    typed: Option<&str>,
    lang: Lang,
) -> Markup {
    let id = format!("a{index}");
    match &q.kind {
        QuestionKind::Text { max_len } => {
            let value = typed.map(str::to_owned).or_else(|| shown(q, current, lang));
            let value = value.unwrap_or_default();
            html! {
                @if *max_len > 120 {
                    textarea id=(id) name="value" rows="4" maxlength=(max_len) { (value) }
                } @else {
                    input id=(id) type="text" name="value" maxlength=(max_len) value=(value);
                }
            }
        }
        QuestionKind::Number { .. } | QuestionKind::Date => {
            let value = typed.map(str::to_owned).or_else(|| shown(q, current, lang));
            let date =
                matches!(q.kind, QuestionKind::Date).then(|| t(lang, "form-date-placeholder"));
            html! {
                input id=(id) type="text" name="value" inputmode="numeric" autocomplete="off"
                    placeholder=[date] value=(value.unwrap_or_default());
            }
        }
        QuestionKind::Fraction => {
            let (num, den) = match (typed, current) {
                (Some(typed), _) => {
                    typed.split_once('/').map_or((typed.to_owned(), String::new()), |(a, b)| {
                        (a.to_owned(), b.to_owned())
                    })
                }
                (None, Some(Answer::Fraction { num, den })) => (num.to_string(), den.to_string()),
                _ => (String::new(), String::new()),
            };
            html! {
                span.fraction {
                    input id=(id) type="text" name="num" inputmode="numeric" autocomplete="off"
                        aria-label=(t(lang, "form-fraction-num")) value=(num);
                    span { "/" }
                    input type="text" name="den" inputmode="numeric" autocomplete="off"
                        aria-label=(t(lang, "form-fraction-den")) value=(den);
                }
            }
        }
        QuestionKind::YesNo => {
            let chosen = match current {
                Some(Answer::YesNo { value }) => Some(usize::from(*value)),
                _ => None,
            };
            let options = [(1, t(lang, "answer-yes")), (0, t(lang, "answer-no"))];
            html! { @for (value, label) in options {
                label.option {
                    input type="radio" name="choice" value=(value) checked[chosen == Some(value)];
                    " " (label)
                }
            } }
        }
        QuestionKind::Choice { options } => {
            let chosen = match current {
                Some(Answer::Choice { key }) => options.iter().position(|o| &o.key == key),
                _ => None,
            };
            html! { @for (i, o) in options.iter().enumerate() {
                label.option {
                    input type="radio" name="choice" value=(i) checked[chosen == Some(i)];
                    " " (o.label(lang))
                }
            } }
        }
        QuestionKind::Multi { options, .. } => {
            let ticked = |key: &str| matches!(current, Some(Answer::Multi { keys }) if keys.iter().any(|k| k == key));
            html! { @for (i, o) in options.iter().enumerate() {
                label.option {
                    input type="checkbox" name="tick" value=(i) checked[ticked(&o.key)];
                    " " (o.label(lang))
                }
            } }
        }
        // Lists and files have forms of their own (see `page`).
        QuestionKind::List { .. } | QuestionKind::File => html! {},
    }
}

/// The current answer as the field shows it back (a date as `dd/mm/yyyy`).
fn shown(q: &Question, current: Option<&Answer>, lang: Lang) -> Option<String> {
    match current? {
        Answer::Date { date } => Some(fmt_date(*date)),
        Answer::Skipped => None,
        other => Some(other.display(q, lang)),
    }
}

/// The fields of a new row of a list: a short text, or a choice among a few options.
pub fn row_fields(fields: &[ListField], typed: Option<&super::save::Typed>, lang: Lang) -> Markup {
    html! { @for field in fields {
        @let name = format!("f.{}", field.key);
        @let value = typed.and_then(|t| t.get(&field.key)).cloned().unwrap_or_default();
        label.field {
            span { (field.prompt(lang)) @if !field.required { " " span.muted { (t(lang, "form-optional")) } } }
            @if field.options.is_empty() {
                input type="text" name=(name) maxlength=(field.max_len) value=(value);
            } @else {
                select name=(name) {
                    option value="" { (t(lang, "form-choose")) }
                    @for (i, o) in field.options.iter().enumerate() {
                        option value=(i) selected[value == i.to_string()] { (o.label(lang)) }
                    }
                }
            }
        }
    } }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template::ChoiceOption;
    use chrono::NaiveDate;

    fn question(kind: QuestionKind) -> Question {
        Question {
            key: "q".into(),
            vi: "Câu hỏi".into(),
            en: "Question".into(),
            required: true,
            kind,
        }
    }

    fn option(key: &str, vi: &str) -> ChoiceOption {
        ChoiceOption { key: key.into(), vi: vi.into(), en: key.into() }
    }

    #[test]
    fn a_choice_is_radio_buttons_with_the_saved_one_chosen() {
        let q = question(QuestionKind::Choice {
            options: vec![option("a", "Tốt"), option("b", "Khá")],
        });
        let saved = Answer::Choice { key: "b".into() };
        let html = inputs(&q, 0, Some(&saved), None, Lang::Vi).into_string();
        assert!(html.contains(r#"type="radio" name="choice" value="0">"#), "{html}");
        assert!(html.contains(r#"type="radio" name="choice" value="1" checked>"#), "{html}");
        assert!(html.contains("Khá"));
    }

    #[test]
    fn yes_or_no_shows_what_was_said() {
        let q = question(QuestionKind::YesNo);
        let html =
            inputs(&q, 0, Some(&Answer::YesNo { value: false }), None, Lang::Vi).into_string();
        assert!(html.contains(r#"value="0" checked"#) && html.contains("Không"), "{html}");
    }

    #[test]
    fn numbers_and_dates_open_the_number_keyboard_and_show_the_date_as_written() {
        let date = question(QuestionKind::Date);
        let saved = Answer::Date { date: NaiveDate::from_ymd_opt(2021, 6, 5).unwrap_or_default() };
        let html = inputs(&date, 2, Some(&saved), None, Lang::Vi).into_string();
        assert!(
            html.contains(r#"inputmode="numeric""#) && html.contains(r#"value="05/06/2021""#),
            "{html}"
        );
        assert!(html.contains(r#"placeholder="ngày/tháng/năm""#));
        let number = question(QuestionKind::Number { min: 0, max: 100 });
        let typed = inputs(&number, 1, Some(&Answer::Number { value: 3 }), Some("ba"), Lang::Vi);
        assert!(typed.into_string().contains(r#"value="ba""#), "what was refused comes back");
    }

    #[test]
    fn a_checklist_ticks_what_was_saved() {
        let q = question(QuestionKind::Multi {
            options: vec![option("a", "A"), option("b", "B"), option("c", "C")],
            min: 1,
        });
        let saved = Answer::Multi { keys: vec!["a".into(), "c".into()] };
        let html = inputs(&q, 0, Some(&saved), None, Lang::Vi).into_string();
        assert!(
            html.contains(r#"value="0" checked"#) && html.contains(r#"value="2" checked"#),
            "{html}"
        );
        assert!(html.contains(r#"name="tick" value="1">"#), "{html}");
    }
}
