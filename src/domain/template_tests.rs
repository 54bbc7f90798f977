//! Tests of `template.rs`.

use super::*;
use crate::domain::awards::{Awards, AwardsFor};
use crate::domain::office::OfficeLevel;

#[test]
fn the_year_end_template_asks_the_movements_as_a_checklist_and_the_direction_for_next_year() {
    let templates = embedded_templates().unwrap();
    let year = templates.iter().find(|t| t.key == "tong-ket-nam").unwrap();
    let movements = &year.questions[0];
    assert!(
        matches!(&movements.kind, QuestionKind::Multi { options, min: 1 } if options.len() == 6)
    );
    let direction = year.questions.iter().find(|q| q.key == "phuong_huong").unwrap();
    assert!(direction.required && matches!(direction.kind, QuestionKind::Text { .. }));
}

#[test]
fn the_default_template_collects_what_the_office_must_hand_in() {
    let templates = embedded_templates().unwrap();
    let default = templates.iter().find(|t| t.key == DEFAULT_TEMPLATE).unwrap();
    let keys: Vec<&str> = default.questions.iter().map(|q| q.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "phong_trao",
            "chi_tieu",
            "ket_qua",
            "dien_hinh",
            "khen_tap_the",
            "khen_ca_nhan",
            "kho_khan",
            "kien_nghi",
            "phuong_huong",
            "van_ban"
        ]
    );
    assert!(matches!(default.questions[0].kind, QuestionKind::Multi { .. }));
    let QuestionKind::List { fields, .. } = &default.questions[5].kind else { panic!() };
    let award = fields.iter().find(|f| f.key == "danh_hieu").unwrap();
    assert_eq!(award.awards, Some(AwardsFor::Individual), "the office's list, not the template's");
    assert_eq!(templates[0].key, DEFAULT_TEMPLATE, "offered first in the wizard");
}

#[test]
fn the_2021_template_has_the_seven_questions_of_the_directive() {
    let templates = embedded_templates().unwrap();
    let default = templates.iter().find(|t| t.key == TEMPLATE_2021).unwrap();
    let keys: Vec<&str> = default.questions.iter().map(|q| q.key.as_str()).collect();
    assert_eq!(
        keys,
        ["ket_qua", "chi_tieu", "phong_trao", "dien_hinh", "khen_thuong", "kho_khan", "van_ban"]
    );
    assert_eq!(default.questions.iter().filter(|q| q.required).count(), 4);
    assert_eq!(default.questions[0].kind, QuestionKind::Text { max_len: 1500 });
    assert!(templates.iter().any(|t| t.key == "ke-hoach"));
}

#[test]
fn a_bad_template_is_refused_with_the_reason() {
    let text = "key = \"x\"\nvi = \"X\"\nen = \"X\"\n[[questions]]\nkey = \"n\"\nvi = \"Số\"\nen = \"N\"\nkind = \"number\"\nmin = 5\nmax = 1\n";
    let err = parse_template(text).unwrap_err();
    assert_eq!(err.msg.key, "err-template-question");
    let unknown_kind = "key = \"x\"\nvi = \"X\"\nen = \"X\"\n[[questions]]\nkey = \"n\"\nvi = \"Số\"\nen = \"N\"\nkind = \"colour\"\n";
    assert_eq!(parse_template(unknown_kind).unwrap_err().msg.key, "err-template-toml");
}

#[test]
fn questions_survive_a_json_round_trip_as_a_period_stores_them() {
    let default = template_2021().unwrap();
    let json = serde_json::to_string(&default.questions).unwrap();
    let back: Vec<Question> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, default.questions);
}

#[test]
fn the_year_end_review_asks_award_proposals_as_the_same_lists_as_the_six_monthly_report() {
    let templates = embedded_templates().unwrap();
    let of = |template: &str, key: &str| {
        let t = templates.iter().find(|t| t.key == template).unwrap();
        t.questions.iter().find(|q| q.key == key).unwrap().clone()
    };
    for key in ["khen_tap_the", "khen_ca_nhan"] {
        let year = of("tong-ket-nam", key);
        assert_eq!(year, of("thi-dua", key), "{key}");
        let QuestionKind::List { fields, .. } = &year.kind else { panic!("{key} is a list") };
        let award = fields.iter().find(|f| f.awards.is_some()).unwrap();
        assert_eq!(award.vi, "Danh hiệu thi đua, hình thức khen thưởng đề nghị");
    }
    let merged = merge_templates(Vec::new(), &Awards::defaults(OfficeLevel::Province)).unwrap();
    let year = merged.iter().find(|t| t.key == "tong-ket-nam").unwrap();
    let list = year.questions.iter().find(|q| q.key == "khen_ca_nhan").unwrap();
    let (fields, award) = crate::domain::nominee::award_field(list).unwrap();
    assert_eq!(fields[award].options[0].vi, "Chiến sĩ thi đua cấp tỉnh");
    assert_eq!(year.subject(Lang::Vi), "công tác thi đua, khen thưởng");
}

#[test]
fn the_movements_are_quoted_under_their_official_names() {
    for template in embedded_templates().unwrap().iter().filter(|t| t.key != TEMPLATE_2021) {
        let Some(movements) = template.questions.iter().find(|q| q.key == "phong_trao") else {
            continue;
        };
        let labels: Vec<&str> = movements.kind.options().iter().map(|o| o.vi.as_str()).collect();
        for official in [
            "Cả nước chung sức xây dựng nông thôn mới",
            "Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau",
            "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
            "Xóa nhà tạm, nhà dột nát",
        ] {
            assert!(labels.contains(&official), "{official} in {}: {labels:?}", template.key);
        }
    }
}

/// A period keeps the questions it was opened with, as JSON: a list question stored before
/// the award fields took the office's lists (no `awards` key) still decodes, and keeps its
/// own options.
#[test]
fn a_list_question_stored_before_the_offices_award_lists_still_decodes() {
    let stored = r#"[{"key":"de_nghi_khen","vi":"Đề nghị khen thưởng","en":"Award proposals","required":false,"kind":"list","fields":[{"key":"ten","vi":"Tên tập thể hoặc cá nhân","en":"Collective or person","required":true,"options":[],"max_len":150},{"key":"hinh_thuc","vi":"Hình thức khen thưởng","en":"Form of award","required":true,"options":[{"key":"giay_khen","vi":"Giấy khen của Chủ tịch UBND","en":"Certificate of merit (chair)"}],"max_len":300}],"min_items":0,"max_items":20}]"#;
    let questions: Vec<Question> = serde_json::from_str(stored).unwrap();
    let (fields, award) = crate::domain::nominee::award_field(&questions[0]).unwrap();
    assert_eq!(fields[award].options[0].key, "giay_khen");
    assert_eq!(fields[award].awards, None);
    let again = serde_json::to_string(&questions).unwrap();
    assert!(!again.contains("awards"), "an old question is written back as it was: {again}");
}

#[test]
fn a_template_without_a_subject_is_about_its_name_without_report() {
    let mut t = template_2021().unwrap();
    t.vi = "Báo cáo an toàn giao thông".to_owned();
    t.subject = None;
    assert_eq!(t.subject(Lang::Vi), "an toàn giao thông");
}
