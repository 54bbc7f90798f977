//! Tests of `answer.rs`.

use super::*;

#[test]
fn a_file_name_is_cleaned_like_any_answer() {
    let q = Question {
        key: "van_ban".into(),
        vi: "Văn bản".into(),
        en: "Document".into(),
        kind: QuestionKind::File,
        required: false,
    };
    let file = FileRef {
        file_id: "f".into(),
        file_unique_id: "u".into(),
        name: Some("  bao\u{202E}cao\nthang 6.pdf\u{0007} ".into()),
        mime: Some("application/pdf".into()),
        size: Some(10),
        photo: false,
    };
    let Ok(Answer::File { file }) = parse_answer(&q, Input::File(file)) else { panic!() };
    assert_eq!(file.name.as_deref(), Some("baocao thang 6.pdf"));
}
use crate::domain::template::ChoiceOption;
use proptest::prelude::*;

fn q(kind: QuestionKind) -> Question {
    Question {
        key: "k".into(), vi: "Câu hỏi".into(), en: "Question".into(), required: true, kind
    }
}

fn text(kind: QuestionKind, s: &str) -> Result<Answer, Msg> {
    parse_answer(&q(kind), Input::Text(s))
}

fn key(r: Result<Answer, Msg>) -> &'static str {
    r.unwrap_err().key
}

#[test]
fn text_longer_than_the_limit_is_rejected_with_its_length() {
    let err = text(QuestionKind::Text { max_len: 5 }, "sáu chữ").unwrap_err();
    assert_eq!(err.key, "answer-err-too-long");
    assert_eq!(
        text(QuestionKind::Text { max_len: 5 }, "  Tốt  "),
        Ok(Answer::Text { text: "Tốt".into() })
    );
    assert_eq!(key(text(QuestionKind::Text { max_len: 5 }, "   ")), "answer-err-empty");
}

#[test]
fn numbers_accept_thousands_grouping_and_respect_bounds() {
    let n = QuestionKind::Number { min: 0, max: 10_000 };
    assert_eq!(text(n.clone(), "1.234"), Ok(Answer::Number { value: 1234 }));
    assert_eq!(text(n.clone(), "1 234"), Ok(Answer::Number { value: 1234 }));
    assert_eq!(text(n.clone(), " 7 "), Ok(Answer::Number { value: 7 }));
    assert_eq!(key(text(n.clone(), "12,5")), "answer-err-number");
    assert_eq!(key(text(n.clone(), "mười hai")), "answer-err-number");
    assert_eq!(key(text(n.clone(), "-1")), "answer-err-range");
    assert_eq!(key(text(n, "20000")), "answer-err-range");
}

#[test]
fn fraction_needs_achieved_not_above_total() {
    assert_eq!(text(QuestionKind::Fraction, "12/15"), Ok(Answer::Fraction { num: 12, den: 15 }));
    assert_eq!(
        text(QuestionKind::Fraction, " 12 / 15 "),
        Ok(Answer::Fraction { num: 12, den: 15 })
    );
    assert_eq!(key(text(QuestionKind::Fraction, "12/10")), "answer-err-fraction-over");
    assert_eq!(key(text(QuestionKind::Fraction, "3/0")), "answer-err-fraction-zero");
    assert_eq!(key(text(QuestionKind::Fraction, "12")), "answer-err-fraction");
    assert_eq!(key(text(QuestionKind::Fraction, "a/b")), "answer-err-fraction");
}

#[test]
fn yes_no_date_and_choice() {
    assert_eq!(text(QuestionKind::YesNo, "Có"), Ok(Answer::YesNo { value: true }));
    assert_eq!(text(QuestionKind::YesNo, "chưa"), Ok(Answer::YesNo { value: false }));
    assert_eq!(key(text(QuestionKind::YesNo, "có lẽ")), "answer-err-yes-no");
    let date = NaiveDate::from_ymd_opt(2021, 6, 5).unwrap();
    assert_eq!(text(QuestionKind::Date, "05/06/2021"), Ok(Answer::Date { date }));
    assert_eq!(text(QuestionKind::Date, "5-6-2021"), Ok(Answer::Date { date }));
    assert_eq!(key(text(QuestionKind::Date, "31/02/2021")), "answer-err-date-invalid");
    assert_eq!(key(text(QuestionKind::Date, "hôm qua")), "answer-err-date");
    let choice = QuestionKind::Choice {
        options: vec![ChoiceOption { key: "tot".into(), vi: "Tốt".into(), en: "Good".into() }],
    };
    assert_eq!(text(choice.clone(), "tốt"), Ok(Answer::Choice { key: "tot".into() }));
    assert_eq!(key(text(choice, "xấu")), "answer-err-choice");
}

#[test]
fn stickers_and_files_where_text_is_expected_are_rejected() {
    assert_eq!(
        key(parse_answer(&q(QuestionKind::Fraction), Input::Other)),
        "answer-err-text-expected"
    );
    assert_eq!(
        key(parse_answer(&q(QuestionKind::File), Input::Text("đây"))),
        "answer-err-file-expected"
    );
}

fn file(name: &str, mime: Option<&str>, size: u64) -> FileRef {
    FileRef {
        file_id: "f".into(),
        file_unique_id: "u".into(),
        name: Some(name.into()),
        mime: mime.map(str::to_owned),
        size: Some(size),
        photo: false,
    }
}

#[test]
fn files_must_be_documents_or_images_a_bot_can_download() {
    let ok = parse_answer(
        &q(QuestionKind::File),
        Input::File(file("bc.pdf", Some("application/pdf"), 1000)),
    );
    assert!(matches!(ok, Ok(Answer::File { .. })));
    let big = parse_answer(
        &q(QuestionKind::File),
        Input::File(file("bc.pdf", Some("application/pdf"), FILE_MAX_BYTES + 1)),
    );
    assert_eq!(key(big), "answer-err-file-too-large");
    let exe = parse_answer(
        &q(QuestionKind::File),
        Input::File(file("virus.exe", Some("application/x-msdownload"), 10)),
    );
    assert_eq!(key(exe), "answer-err-file-type");
    // Named as one kind and declared as another: refused either way round.
    for (name, mime) in
        [("bao-cao.exe", "application/pdf"), ("bao-cao.pdf", "text/html"), ("bc.pdf", "")]
    {
        let mime = Some(mime).filter(|m| !m.is_empty());
        let mixed = parse_answer(&q(QuestionKind::File), Input::File(file(name, mime, 10)));
        assert_eq!(key(mixed), "answer-err-file-type", "{name} as {mime:?}");
    }
}

#[test]
fn draft_knows_the_first_unanswered_and_missing_required_questions() {
    let questions = crate::domain::template::template_2021().unwrap().questions;
    let mut draft = Draft::default();
    assert_eq!(draft.first_unanswered(&questions), Some(0));
    draft.answers.insert("ket_qua".into(), Answer::Text { text: "Tốt".into() });
    draft.answers.insert("chi_tieu".into(), Answer::Skipped);
    assert_eq!(draft.first_unanswered(&questions), Some(2));
    let missing: Vec<&str> =
        draft.missing_required(&questions).iter().map(|q| q.key.as_str()).collect();
    assert_eq!(missing, ["chi_tieu", "phong_trao", "dien_hinh"]);
}

proptest! {
    #[test]
    fn no_input_makes_a_parser_panic(s in any::<String>(), max_len in 1usize..100, lo in any::<i64>(), hi in any::<i64>()) {
        let kinds = [
            QuestionKind::Text { max_len },
            QuestionKind::Number { min: lo.min(hi), max: lo.max(hi) },
            QuestionKind::Fraction,
            QuestionKind::YesNo,
            QuestionKind::Date,
            QuestionKind::Choice { options: vec![ChoiceOption { key: "a".into(), vi: "A".into(), en: "A".into() }] },
            QuestionKind::File,
        ];
        for kind in kinds {
            let question = q(kind);
            if let Ok(answer) = parse_answer(&question, Input::Text(&s)) {
                let _ = answer.display(&question, Lang::Vi);
            }
        }
    }

    #[test]
    fn accepted_fractions_never_exceed_their_total(a in 0i64..100_000, b in 0i64..100_000) {
        if let Ok(Answer::Fraction { num, den }) = text(QuestionKind::Fraction, &format!("{a}/{b}")) {
            prop_assert!(num <= den && den > 0);
        }
    }
}

fn checklist() -> Question {
    let option = |key: &str, vi: &str| super::super::template::ChoiceOption {
        key: key.into(),
        vi: vi.into(),
        en: key.into(),
    };
    Question {
        key: "phong_trao".into(),
        vi: "Phong trào".into(),
        en: "Movements".into(),
        required: true,
        kind: QuestionKind::Multi {
            options: vec![
                option("a", "Giảm nghèo"),
                option("b", "Nông thôn mới"),
                option("c", "Chuyển đổi số"),
            ],
            min: 1,
        },
    }
}

#[test]
fn a_checklist_is_typed_as_numbers_or_names_and_kept_in_the_options_order() {
    let q = checklist();
    let keys = |a: Answer| match a {
        Answer::Multi { keys } => keys,
        other => panic!("{other:?}"),
    };
    assert_eq!(keys(parse_answer(&q, Input::Text("3, 1")).unwrap()), ["a", "c"]);
    assert_eq!(keys(parse_answer(&q, Input::Text("nông thôn mới; 2")).unwrap()), ["b"]);
    assert_eq!(parse_answer(&q, Input::Text("4")).unwrap_err().key, "answer-err-multi");
    assert_eq!(parse_answer(&q, Input::Text(" , ")).unwrap_err().key, "answer-err-multi-min");
}

#[test]
fn a_tick_toggles_one_item() {
    let q = checklist();
    let one = toggled(&q, None, 2).unwrap();
    assert_eq!(one, Answer::Multi { keys: vec!["c".into()] });
    let two = toggled(&q, Some(&one), 0).unwrap();
    assert_eq!(two, Answer::Multi { keys: vec!["a".into(), "c".into()] });
    assert_eq!(toggled(&q, Some(&two), 2).unwrap(), Answer::Multi { keys: vec!["a".into()] });
    assert_eq!(toggled(&q, None, 9), None);
    assert_eq!(two.display(&q, crate::i18n::Lang::Vi), "Giảm nghèo; Chuyển đổi số");
}

#[test]
fn done_on_a_checklist_needs_its_minimum_and_nothing_on_an_optional_one_is_a_skip() {
    let mut q = checklist();
    assert_eq!(
        done(&q, None).clone(),
        Done::TooFew(Msg::new("answer-err-multi-min").arg("min", 1_usize))
    );
    let one = Answer::Multi { keys: vec!["a".into()] };
    assert_eq!(done(&q, Some(&one)), Done::GoOn);
    q.required = false;
    assert_eq!(done(&q, None), Done::Skip);
    assert_eq!(done(&q, Some(&Answer::Multi { keys: vec![] })), Done::Skip);
    let text = Question { kind: QuestionKind::Text { max_len: 10 }, ..checklist() };
    assert_eq!(done(&text, None), Done::GoOn);
}

#[test]
fn a_list_field_is_typed_or_tapped_as_it_is_made_and_a_required_one_cannot_be_passed() {
    use crate::domain::template::ListField;
    let name = ListField {
        key: "ten".into(),
        vi: "Tên".into(),
        en: "Name".into(),
        required: true,
        options: vec![],
        max_len: 10,
        awards: None,
    };
    let award = ListField {
        key: "hinh_thuc".into(),
        options: vec![ChoiceOption {
            key: "gk".into(),
            vi: "Giấy khen".into(),
            en: "Merit".into(),
        }],
        ..name.clone()
    };
    assert_eq!(field_value(&name, FieldInput::Typed(Some("  Lò  Văn A "))).unwrap(), "Lò Văn A");
    assert_eq!(
        field_value(&name, FieldInput::Typed(None)).unwrap_err().key,
        "answer-err-text-expected"
    );
    assert_eq!(
        field_value(&name, FieldInput::Typed(Some("x".repeat(11).as_str()))).unwrap_err().key,
        "answer-err-too-long"
    );
    assert_eq!(field_value(&award, FieldInput::Tapped(0)).unwrap(), "gk");
    assert_eq!(field_value(&award, FieldInput::Tapped(5)).unwrap_err().key, "answer-err-choice");
    assert_eq!(
        field_value(&award, FieldInput::Typed(Some("Giấy khen"))).unwrap_err().key,
        "answer-err-choice"
    );
    let mut values = BTreeMap::new();
    assert_eq!(may_pass_field(&name, &values).unwrap_err().key, "list-field-required");
    values.insert("ten".to_owned(), "A".to_owned());
    assert!(may_pass_field(&name, &values).is_ok(), "kept when correcting an item");
}
