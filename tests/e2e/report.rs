//! The report dialogue: a chair answers, reviews, submits; interruptions lose nothing.

use baocao::actions::period::{self, Due, Opening, PeriodRequest, Who};
use baocao::actions::{By, Operator};
use baocao::domain::period::parse_local_datetime;
use baocao::domain::{Answer, Audience, Clock, PeriodId, PeriodKind, ReportStatus, UnitCode};
use baocao::i18n::{t, Lang, Msg};
use chrono::Duration;
use serde_json::json;

use crate::support::{FakeTelegram, Person, Sent, TestBot};

const ADMIN: i64 = 900;

pub async fn join(
    tg: &FakeTelegram,
    bot: &TestBot,
    id: i64,
    name: &str,
    unit: &str,
    lang: &str,
) -> Person {
    let code = bot.reporter_invite(unit).await;
    let mut person = Person::new(tg, id, name, Some(lang));
    person.send(&format!("/start {}", code.as_str()));
    person.next_message().await;
    person
}

pub async fn open_first_half(bot: &TestBot, audience: Audience) -> PeriodId {
    open_first_half_of(bot, audience, "thi-dua-2021").await
}

/// The first half of 2021, due 16/06/2021 17:00, with the questions of `template`.
pub async fn open_first_half_of(bot: &TestBot, audience: Audience, template: &str) -> PeriodId {
    let audience = match audience {
        Audience::AllActive => Who::default(),
        Audience::Cluster(cluster) => Who { cluster: Some(cluster), units: Vec::new() },
        Audience::Units(ids) => {
            let mut units = Vec::new();
            for id in ids {
                units.push(bot.store().unit_by_id(id).await.unwrap().unwrap().code.to_string());
            }
            Who { cluster: None, units }
        }
    };
    let req = PeriodRequest {
        kind: PeriodKind::Semiannual { half: 1, year: 2021 },
        title: None,
        window: None,
        due: Due::Typed("16/06/2021 17:00".into()),
        template: template.into(),
        audience,
        attachment: None,
        anyway: true,
    };
    let by = By::Operator(&Operator::at_the_machine());
    match period::open(bot.app(), by, &req).await.unwrap() {
        Opening::Opened { period, .. } => period.id,
        Opening::Warned(w) => panic!("warned: {w:?}"),
    }
}

/// `/baocao`, then reads the introduction and the first question.
pub async fn start_report(chair: &mut Person) {
    chair.send("/baocao");
    chair.next_message().await;
    chair.next_message().await;
}

/// Sends `text` and returns the bot's next message.
pub async fn reply(person: &mut Person, text: &str) -> Sent {
    person.send(text);
    person.next_message().await
}

/// The admin, registered, in the chat.
pub async fn admin_in_chat(tg: &FakeTelegram) -> Person {
    let mut officer = Person::new(tg, ADMIN, "Trưởng phòng", Some("vi"));
    officer.send("/start");
    officer.next_message().await;
    officer
}

pub async fn tap(person: &mut Person, message: &Sent, label: &str) -> Sent {
    person.press(message, label);
    person.next_message().await
}

fn question(n: usize, required: bool, lang: Lang) -> String {
    let key = if required { "report-question-required" } else { "report-question-optional" };
    Msg::new(key).arg("n", n).arg("total", 7_i64).render(lang)
}

fn pdf() -> serde_json::Value {
    json!({ "document": { "file_id": "doc-bc-6t", "file_unique_id": "u-bc-6t", "file_name": "bao-cao-6-thang.pdf",
                          "mime_type": "application/pdf", "file_size": 123_456 } })
}

/// The refusal comes first, then the same question again, in one message.
fn assert_refused_and_asked_again(text: String, refusal: &Msg, question: &str) {
    let expected = format!("{}\n\n{question}", refusal.render(Lang::Vi));
    assert!(text.starts_with(&expected), "expected {expected:?} at the start of {text:?}");
}

/// Answers the seven questions of the default template with simple valid answers.
pub(crate) async fn answer_everything(chair: &mut Person) -> Sent {
    let mut m = reply(chair, "Hoàn thành các chỉ tiêu thi đua").await;
    for answer in ["12/15", "3", "5"] {
        m = reply(chair, answer).await;
    }
    m = tap(chair, &m, &t(Lang::Vi, "report-button-skip")).await;
    m = tap(chair, &m, &t(Lang::Vi, "report-button-skip")).await;
    tap(chair, &m, &t(Lang::Vi, "report-button-skip")).await
}

#[tokio::test]
async fn a_chair_reports_in_vietnamese_with_skip_back_edit_and_a_file_and_the_officer_reads_it() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).start().await;
    let mut officer = admin_in_chat(&tg).await;
    let period = open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Lò Văn Minh", "X-TAMA", "vi").await;

    chair.send("/baocao");
    let intro = chair.next_text().await;
    assert!(
        intro.contains("Báo cáo của xã Ta Ma")
            && intro.contains("15/12/2020 – 14/06/2021")
            && intro.contains("16/06/2021 17:00"),
        "{intro}"
    );
    let q1 = chair.next_message().await;
    assert!(q1.text().starts_with(&question(1, true, Lang::Vi)), "{}", q1.text());
    assert!(q1.text().contains("Kết quả nổi bật của phong trào thi đua trong kỳ"));

    let q2 = reply(&mut chair, "Phát động 3 phong trào, khen thưởng 5 điển hình").await;
    assert!(q2.text().starts_with(&question(2, true, Lang::Vi)));
    let q3 = reply(&mut chair, "12/15").await;
    let q4 = reply(&mut chair, "3").await;
    assert!(
        q3.text().starts_with(&question(3, true, Lang::Vi))
            && q4.text().starts_with(&question(4, true, Lang::Vi))
    );
    let q5 = reply(&mut chair, "5").await;
    assert!(
        q5.buttons().contains(&t(Lang::Vi, "report-button-skip")),
        "optional questions can be skipped"
    );
    let q6 = tap(&mut chair, &q5, &t(Lang::Vi, "report-button-skip")).await;
    assert!(q6.text().starts_with(&question(6, false, Lang::Vi)));
    let q7 = reply(&mut chair, "Thiếu kinh phí cho khen thưởng").await;
    let back = tap(&mut chair, &q7, &t(Lang::Vi, "report-button-back")).await;
    assert!(back.text().starts_with(&question(6, false, Lang::Vi)));
    assert!(back.text().contains("Thiếu kinh phí cho khen thưởng"), "the current answer is shown");
    let q7 = tap(&mut chair, &back, &t(Lang::Vi, "report-button-keep")).await;
    assert!(q7.text().starts_with(&question(7, false, Lang::Vi)));
    chair.send_raw(pdf());
    let review = chair.next_message().await;
    assert!(
        review.text().contains("12/15")
            && review.text().contains("bao-cao-6-thang.pdf")
            && review.text().contains(&t(Lang::Vi, "answer-skipped"))
    );

    let edit3 = Msg::new("report-button-edit").arg("n", 3_i64).render(Lang::Vi);
    let q3 = tap(&mut chair, &review, &edit3).await;
    assert!(q3.text().starts_with(&question(3, true, Lang::Vi)));
    let review = reply(&mut chair, "4").await;
    assert!(review.text().contains("→ 4"), "edited answer shown: {}", review.text());

    let confirmation = tap(&mut chair, &review, &t(Lang::Vi, "report-button-submit")).await;
    assert!(
        confirmation.text().contains(&t(Lang::Vi, "report-on-time"))
            && confirmation.text().contains("của xã Ta Ma"),
        "{}",
        confirmation.text()
    );

    let tama =
        bot.store().unit_by_code(&UnitCode::parse("X-TAMA").unwrap()).await.unwrap().unwrap();
    let report = bot.store().report(period, tama.id).await.unwrap().unwrap();
    assert_eq!(report.answers["phong_trao"], Answer::Number { value: 4 });
    assert_eq!(report.answers["khen_thuong"], Answer::Skipped);
    assert!(report.on_time);

    let notice = officer.next_message().await;
    assert!(
        notice.text().contains("Xã Ta Ma")
            && notice.text().contains(&t(Lang::Vi, "report-on-time"))
    );
    officer.press(&notice, &t(Lang::Vi, "notice-button-read"));
    let read = officer.next_text().await;
    assert!(read.contains("Lò Văn Minh") && read.contains("Phát động 3 phong trào"), "{read}");
    tg.wait_for("the file re-sent by file_id", |tg| {
        tg.calls_of("sendDocument").into_iter().find(|c| c.params["document"] == "doc-bc-6t")
    })
    .await;
}

#[tokio::test]
async fn a_chair_reports_in_english() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1002, "Minh", "X-PUXI", "en").await;
    chair.send("/report");
    assert!(chair.next_text().await.contains("Data window: 15/12/2020 – 14/06/2021"));
    let q1 = chair.next_message().await;
    assert!(
        q1.text().starts_with(&question(1, true, Lang::En)) && q1.text().contains("Main results")
    );
    let mut m = reply(&mut chair, "Good progress").await;
    for a in ["12/15", "3", "5"] {
        m = reply(&mut chair, a).await;
    }
    m = tap(&mut chair, &m, &t(Lang::En, "report-button-skip")).await;
    let back = tap(&mut chair, &m, &t(Lang::En, "report-button-back")).await;
    assert!(
        back.text().starts_with(&question(5, false, Lang::En))
            && back.text().contains("Current answer: (skipped)")
    );
    m = tap(&mut chair, &back, &t(Lang::En, "report-button-keep")).await;
    m = tap(&mut chair, &m, &t(Lang::En, "report-button-skip")).await;
    assert!(m.text().starts_with(&question(7, false, Lang::En)));
    chair.send_raw(json!({ "photo": [{ "file_id": "photo-small", "file_unique_id": "ps", "width": 90, "height": 120, "file_size": 2000 },
                                       { "file_id": "photo-big", "file_unique_id": "pb", "width": 900, "height": 1200, "file_size": 200_000 }] }));
    m = chair.next_message().await;
    assert!(m
        .text()
        .starts_with(&Msg::new("report-review-title").arg("unit", "xã Pú Xi").render(Lang::En)));
    assert!(m.text().contains("📎 photo (196 KB)"), "{}", m.text());
    let edit = Msg::new("report-button-edit").arg("n", 2_i64).render(Lang::En);
    let q2 = tap(&mut chair, &m, &edit).await;
    assert!(q2.text().contains("Current answer: 12/15"));
    m = reply(&mut chair, "13/15").await;
    assert!(m.text().contains("→ 13/15"));
    let done = tap(&mut chair, &m, &t(Lang::En, "report-button-submit")).await;
    assert!(done.text().contains("on time"), "{}", done.text());
    let puxi =
        bot.store().unit_by_code(&UnitCode::parse("X-PUXI").unwrap()).await.unwrap().unwrap();
    let report = bot.store().report(PeriodId(1), puxi.id).await.unwrap().unwrap();
    assert!(
        matches!(&report.answers["van_ban"], Answer::File { file } if file.file_id == "photo-big" && file.photo)
    );
}

#[tokio::test]
async fn every_bad_answer_gets_a_specific_message_and_the_same_question_again() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    start_report(&mut chair).await;

    let too_long = "a".repeat(1501);
    let cases: Vec<(serde_json::Value, Msg, usize)> = vec![
        (
            json!({ "text": too_long }),
            Msg::new("answer-err-too-long").arg("max", 1500_i64).arg("len", 1501_i64),
            1,
        ),
        (
            json!({ "sticker": { "file_id": "s", "file_unique_id": "su", "type": "regular", "width": 1, "height": 1, "is_animated": false, "is_video": false } }),
            Msg::new("answer-err-text-expected"),
            1,
        ),
    ];
    for (message, expected, n) in cases {
        chair.send_raw(message);
        assert_refused_and_asked_again(
            chair.next_text().await,
            &expected,
            &question(n, true, Lang::Vi),
        );
    }
    reply(&mut chair, "Tốt").await;
    for (typed, expected) in [
        ("12", Msg::new("answer-err-fraction")),
        ("12/10", Msg::new("answer-err-fraction-over").arg("num", 12_i64).arg("den", 10_i64)),
        ("5/0", Msg::new("answer-err-fraction-zero")),
    ] {
        assert_refused_and_asked_again(
            reply(&mut chair, typed).await.text(),
            &expected,
            &question(2, true, Lang::Vi),
        );
    }
    reply(&mut chair, "12/15").await;
    for (typed, expected) in [
        ("ba", Msg::new("answer-err-number")),
        ("-2", Msg::new("answer-err-range").arg("min", 0_i64).arg("max", 10_000_i64)),
    ] {
        assert_refused_and_asked_again(
            reply(&mut chair, typed).await.text(),
            &expected,
            &question(3, true, Lang::Vi),
        );
    }
    reply(&mut chair, "3").await;
    reply(&mut chair, "5").await;
    reply(&mut chair, "-").await;
    reply(&mut chair, "-").await;
    chair.send_raw(json!({ "document": { "file_id": "big", "file_unique_id": "bu", "file_name": "scan.pdf", "mime_type": "application/pdf", "file_size": 30_000_000 } }));
    let too_large = Msg::new("answer-err-file-too-large").arg("max", 20_i64);
    assert_refused_and_asked_again(
        chair.next_text().await,
        &too_large,
        &question(7, false, Lang::Vi),
    );
    let not_a_file = reply(&mut chair, "đây là tệp").await.text();
    assert_refused_and_asked_again(
        not_a_file,
        &Msg::new("answer-err-file-expected"),
        &question(7, false, Lang::Vi),
    );
}

#[tokio::test]
async fn after_a_restart_the_chair_resumes_at_the_first_unanswered_question() {
    let tg = FakeTelegram::start().await;
    let mut bot = TestBot::start(&tg).await;
    let period = open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    start_report(&mut chair).await;
    reply(&mut chair, "Kết quả tốt").await;
    reply(&mut chair, "12/15").await;

    bot.restart().await;
    bot.clock.advance(Duration::days(1));
    let q3 = reply(&mut chair, "7").await;
    assert!(
        q3.text().starts_with(&question(4, true, Lang::Vi)),
        "the restarted bot still waits on question 3: {}",
        q3.text()
    );

    bot.restart().await;
    chair.send("/baocao");
    let resumed = chair.next_text().await;
    assert!(
        resumed.starts_with(&format!(
            "{}\n\n{}",
            t(Lang::Vi, "report-resuming"),
            question(4, true, Lang::Vi)
        )),
        "{resumed}"
    );
    let draft = bot.draft_of(period, "X-TAMA", 1001).await;
    assert_eq!(draft.answers["ket_qua"], Answer::Text { text: "Kết quả tốt".into() });
    assert_eq!(draft.answers["chi_tieu"], Answer::Fraction { num: 12, den: 15 });
    assert_eq!(draft.answers["phong_trao"], Answer::Number { value: 7 });
}

#[tokio::test]
async fn an_unreadable_state_mid_report_keeps_the_answers_and_resumes() {
    let tg = FakeTelegram::start().await;
    let mut bot = TestBot::start(&tg).await;
    open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    start_report(&mut chair).await;
    reply(&mut chair, "Kết quả tốt").await;
    // A state written by another version, read after the upgrade's restart.
    bot.store()
        .save_dialogue(1001, r#"{"state":"Answering","period_id":"hai"}"#, bot.clock.now())
        .await
        .unwrap();
    bot.restart().await;
    assert_eq!(reply(&mut chair, "12/15").await.text(), t(Lang::Vi, "state-unreadable"));
    chair.send("/baocao");
    let resumed = chair.next_text().await;
    assert!(
        resumed.starts_with(&format!(
            "{}\n\n{}",
            t(Lang::Vi, "report-resuming"),
            question(2, true, Lang::Vi)
        )),
        "{resumed}"
    );
}

#[tokio::test]
async fn a_double_tap_on_submit_creates_one_report() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let period = open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    start_report(&mut chair).await;
    let review = answer_everything(&mut chair).await;
    let first = chair.press(&review, &t(Lang::Vi, "report-button-submit"));
    let second = chair.press_data(
        &review.json,
        &baocao::telegram::CallbackData::Submit { period: period.0 }.encode(),
    );
    chair.callback_answer(&first).await;
    assert_eq!(chair.callback_answer(&second).await, t(Lang::Vi, "button-expired"));
    assert!(chair.next_text().await.contains(&t(Lang::Vi, "report-on-time")));
    let tama =
        bot.store().unit_by_code(&UnitCode::parse("X-TAMA").unwrap()).await.unwrap().unwrap();
    assert_eq!(bot.store().report(period, tama.id).await.unwrap().unwrap().revision, 1);
    assert_eq!(bot.store().recent_events(Some("report.submitted"), 5).await.unwrap().len(), 1);
    assert_eq!(chair.unread(), 0, "no second confirmation");
}

#[tokio::test]
async fn two_reporters_of_one_unit_are_told_of_each_other_and_lose_nothing() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let period = open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch Lò Văn A", "X-TAMA", "vi").await;
    let mut clerk = join(&tg, &bot, 1002, "Văn phòng Quàng Thị B", "X-TAMA", "vi").await;
    for p in [&mut chair, &mut clerk] {
        start_report(p).await;
    }
    let chair_review = answer_everything(&mut chair).await;
    let clerk_review = answer_everything(&mut clerk).await;
    tap(&mut chair, &chair_review, &t(Lang::Vi, "report-button-submit")).await;
    let conflict = tap(&mut clerk, &clerk_review, &t(Lang::Vi, "report-button-submit")).await;
    assert!(conflict.text().contains("Chủ tịch Lò Văn A"), "{}", conflict.text());
    assert!(conflict.buttons().contains(&t(Lang::Vi, "report-button-view-theirs")));
    let revised = tap(&mut clerk, &conflict, &t(Lang::Vi, "report-button-replace")).await;
    let expected = Msg::new("report-revised")
        .arg("revision", 2_i64)
        .arg("title", "Báo cáo 6 tháng đầu năm 2021")
        .arg("unit", "xã Ta Ma")
        .arg("at", "14/06/2021 09:00");
    assert_eq!(revised.text(), expected.render(Lang::Vi));
    let tama =
        bot.store().unit_by_code(&UnitCode::parse("X-TAMA").unwrap()).await.unwrap().unwrap();
    let report = bot.store().report(period, tama.id).await.unwrap().unwrap();
    assert_eq!((report.revision, report.submitted_by_name.as_str()), (2, "Văn phòng Quàng Thị B"));
    let history = bot.store().report_revisions(report.id).await.unwrap();
    assert_eq!(history[0].1, "Chủ tịch Lò Văn A", "the chair's version is kept");
}

#[tokio::test]
async fn after_the_deadline_a_report_is_marked_late_and_cannot_be_revised() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let period = open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    bot.clock.advance(Duration::days(3));
    start_report(&mut chair).await;
    let review = answer_everything(&mut chair).await;
    let done = tap(&mut chair, &review, &t(Lang::Vi, "report-button-submit")).await;
    assert!(done.text().contains(&t(Lang::Vi, "report-late")), "{}", done.text());
    let tama =
        bot.store().unit_by_code(&UnitCode::parse("X-TAMA").unwrap()).await.unwrap().unwrap();
    let report = bot.store().report(period, tama.id).await.unwrap().unwrap();
    assert!(!report.on_time);
    assert_eq!(report.status, ReportStatus::Submitted);
    chair.send("/baocao");
    let closed = crate::support::district(Msg::new("report-revision-closed")).render(Lang::Vi);
    assert!(chair.next_text().await.contains(&closed));
    chair.send("/tinhtrang");
    assert!(chair.next_text().await.contains(&t(Lang::Vi, "report-late")));
}

#[tokio::test]
async fn a_closed_period_takes_no_answers_and_its_buttons_say_so() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let period = open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    chair.send("/baocao");
    chair.next_message().await;
    let q1 = chair.next_message().await;
    let by = By::Operator(&Operator::at_the_machine());
    baocao::actions::period_change::close(bot.app(), by, period).await.unwrap();
    assert_eq!(reply(&mut chair, "Kết quả").await.text(), t(Lang::Vi, "report-period-closed"));
    chair.press_data(
        &q1.json,
        &baocao::telegram::CallbackData::StartReport { period: period.0 }.encode(),
    );
    assert_eq!(chair.next_text().await, t(Lang::Vi, "report-period-closed"));
    chair.send("/baocao");
    assert_eq!(chair.next_text().await, t(Lang::Vi, "report-no-open-period"));
}

#[tokio::test]
async fn a_reporter_of_a_unit_outside_the_period_cannot_report_in_it() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let puxi =
        bot.store().unit_by_code(&UnitCode::parse("X-PUXI").unwrap()).await.unwrap().unwrap();
    let period = open_first_half(&bot, Audience::Units(vec![puxi.id])).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    chair.send("/baocao");
    assert_eq!(chair.next_text().await, t(Lang::Vi, "report-no-open-period"));
    let last = chair.reread(&Sent {
        chat: 1001,
        id: *tg.sent_ids(1001).last().unwrap(),
        json: serde_json::Value::Null,
    });
    chair.press_data(
        &last.json,
        &baocao::telegram::CallbackData::StartReport { period: period.0 }.encode(),
    );
    assert_eq!(chair.next_text().await, t(Lang::Vi, "report-unit-not-in-period"));
}

#[tokio::test]
async fn status_shows_days_left_then_the_submission() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    chair.send("/tinhtrang");
    let status = chair.next_text().await;
    assert!(
        status.contains(&Msg::new("status-pending").arg("days", 2_i64).render(Lang::Vi)),
        "{status}"
    );
    start_report(&mut chair).await;
    let review = answer_everything(&mut chair).await;
    tap(&mut chair, &review, &t(Lang::Vi, "report-button-submit")).await;
    chair.send("/tinhtrang");
    let status = chair.next_text().await;
    assert!(status.contains("✅") && status.contains(&t(Lang::Vi, "report-on-time")), "{status}");
}

#[tokio::test]
async fn officers_can_turn_submission_notices_off() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).start().await;
    let mut officer = admin_in_chat(&tg).await;
    assert_eq!(reply(&mut officer, "/thongbao").await.text(), t(Lang::Vi, "notices-off"));
    open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    start_report(&mut chair).await;
    let review = answer_everything(&mut chair).await;
    tap(&mut chair, &review, &t(Lang::Vi, "report-button-submit")).await;
    assert_eq!(reply(&mut officer, "/thongbao").await.text(), t(Lang::Vi, "notices-on"));
    assert_eq!(officer.unread(), 0, "no notice while notices were off");
}

#[tokio::test]
async fn a_period_wizard_stored_by_the_previous_version_is_restarted_with_a_clear_message() {
    let tg = FakeTelegram::start().await;
    let mut bot = TestBot::builder(&tg).admins(&[ADMIN]).start().await;
    let mut officer = admin_in_chat(&tg).await;
    // The shape stored before the wizard had a state per step: the kind as a position in a list.
    let old = r#"{"state":"OpeningPeriod","kind":2,"part":1,"year":2021,"template":"thi-dua","due_at":null}"#;
    bot.store().save_dialogue(ADMIN, old, bot.clock.now()).await.unwrap();
    bot.restart().await;
    officer.send("16/06/2021 17:00");
    assert_eq!(officer.next_text().await, t(Lang::Vi, "wizard-restart"));
    assert_eq!(bot.store().load_dialogue(ADMIN).await.unwrap(), None, "the chat starts afresh");
    officer.send("/kybaocao");
    assert_eq!(officer.next_text().await, t(Lang::Vi, "wizard-no-open"));
}

#[tokio::test]
async fn a_wizard_button_of_an_earlier_step_is_answered_as_expired_and_changes_nothing() {
    let tg = FakeTelegram::start().await;
    let _bot = TestBot::builder(&tg).admins(&[ADMIN]).start().await;
    let mut officer = admin_in_chat(&tg).await;
    officer.send("/kybaocao");
    officer.next_message().await;
    let menu = officer.next_message().await;
    let kinds = tap(&mut officer, &menu, &t(Lang::Vi, "wizard-button-new")).await;
    let halves = tap(&mut officer, &kinds, &t(Lang::Vi, "wizard-kind-semiannual")).await;
    // The kinds message again (an old copy on another device): "annual" is no longer the question.
    let query = officer.press_data(&kinds.json, "pk:a");
    assert_eq!(officer.callback_answer(&query).await, t(Lang::Vi, "button-expired"));
    let years =
        tap(&mut officer, &halves, &Msg::new("wizard-half").arg("n", 2_i64).render(Lang::Vi)).await;
    assert_eq!(years.text(), t(Lang::Vi, "wizard-ask-year"), "the wizard went on where it was");
}

#[tokio::test]
async fn an_officer_opens_a_period_in_a_few_taps_and_closes_it() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).start().await;
    let mut officer = admin_in_chat(&tg).await;
    officer.send("/kybaocao");
    assert_eq!(officer.next_text().await, t(Lang::Vi, "wizard-no-open"));
    let menu = officer.next_message().await;
    let kinds = tap(&mut officer, &menu, &t(Lang::Vi, "wizard-button-new")).await;
    let halves = tap(&mut officer, &kinds, &t(Lang::Vi, "wizard-kind-semiannual")).await;
    let years =
        tap(&mut officer, &halves, &Msg::new("wizard-half").arg("n", 1_i64).render(Lang::Vi)).await;
    assert_eq!(years.buttons()[..3], ["2020".to_owned(), "2021".to_owned(), "2022".to_owned()]);
    let templates = tap(&mut officer, &years, "2021").await;
    let due = tap(&mut officer, &templates, "Báo cáo phong trào thi đua").await;
    assert_eq!(due.text(), t(Lang::Vi, "wizard-ask-due"));

    // A deadline inside the data window is refused with the reason, then asked again.
    assert_eq!(
        reply(&mut officer, "10/06/2021 17:00").await.text(),
        t(Lang::Vi, "err-period-due-before-window")
    );
    let due = officer.next_message().await;
    assert_eq!(due.text(), t(Lang::Vi, "wizard-ask-due"));
    let summary = tap(&mut officer, &due, "📅 16/06/2021 17:00").await;
    assert!(
        summary.text().contains("15/12/2020 – 14/06/2021")
            && summary.text().contains("Báo cáo 6 tháng đầu năm 2021"),
        "{}",
        summary.text()
    );
    let created = tap(&mut officer, &summary, &t(Lang::Vi, "wizard-button-confirm")).await;
    assert!(
        created.text().starts_with(
            &Msg::new("wizard-created").arg("id", "1").arg("units", 19_i64).render(Lang::Vi)
        ),
        "{}",
        created.text()
    );
    let period = bot.store().period(PeriodId(1)).await.unwrap().unwrap();
    assert_eq!(
        period.due_at,
        parse_local_datetime("16/06/2021 17:00", bot.config.timezone).unwrap()
    );
    assert_eq!(period.questions.len(), 10, "today's six-monthly form");
    assert_eq!(period.questions[0].key, "phong_trao");
    // The period keeps a copy of the office's titles and forms of award as its options.
    let individuals = period.questions.iter().find(|q| q.key == "khen_ca_nhan").unwrap();
    let (fields, award) = baocao::domain::nominee::award_field(individuals).unwrap();
    assert_eq!(fields[award].options[0].vi, "Chiến sĩ thi đua cấp tỉnh");

    officer.send("/kybaocao");
    assert!(officer.next_text().await.contains(
        &Msg::new("wizard-progress").arg("done", 0_i64).arg("total", 19_i64).render(Lang::Vi)
    ));
    let menu = officer.next_message().await;
    let ask =
        tap(&mut officer, &menu, &Msg::new("wizard-button-close").arg("id", "1").render(Lang::Vi))
            .await;
    let closed = tap(&mut officer, &ask, &t(Lang::Vi, "wizard-button-close-confirm")).await;
    assert_eq!(closed.text(), Msg::new("cli-period-closed-now").arg("id", "1").render(Lang::Vi));
    assert!(!bot.store().period(PeriodId(1)).await.unwrap().unwrap().is_open());
}

#[tokio::test]
async fn reporters_cannot_manage_periods() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let period = open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    assert_eq!(
        reply(&mut chair, "/kybaocao").await.text(),
        crate::support::officers_only(Lang::Vi)
    );
    let last = chair.reread(&Sent {
        chat: 1001,
        id: *tg.sent_ids(1001).last().unwrap(),
        json: serde_json::Value::Null,
    });
    let forged = chair.press_data(
        &last.json,
        &baocao::telegram::CallbackData::Period(
            baocao::telegram::callback::PeriodStep::CloseConfirmed(period.0),
        )
        .encode(),
    );
    assert_eq!(chair.callback_answer(&forged).await, crate::support::officers_only(Lang::Vi));
    assert!(bot.store().period(period).await.unwrap().unwrap().is_open());
}

#[tokio::test]
async fn a_member_removed_mid_report_and_invited_again_starts_afresh() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    start_report(&mut chair).await;
    // Removed from the command line while a question waits (another process, as `member remove`).
    let member = bot.store().member_by_tg_user(1001).await.unwrap().unwrap();
    let cli = baocao::store::Store::connect(&bot.config.database).await.unwrap();
    assert!(cli
        .remove_member(member.id, baocao::store::Actor::Cli, bot.clock.now())
        .await
        .unwrap());
    cli.close().await;
    crate::support::until_seen("the removal", || async {
        bot.store().member_by_tg_user(1001).await.unwrap().is_none()
    })
    .await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-PUXI", "vi").await;
    // The old question no longer waits: the text is not taken as an answer for either unit (the
    // new membership asks their name first, so that is what the text answers).
    chair.send("Kết quả tốt");
    let asked = chair.next_text().await;
    assert!(asked.starts_with(
        &Msg::new("profile-ask-position").arg("name", "Kết quả tốt").render(Lang::Vi)
    ));
    let member = bot.store().member_by_tg_user(1001).await.unwrap().unwrap();
    for unit in ["X-TAMA", "X-PUXI"] {
        let unit =
            bot.store().unit_by_code(&UnitCode::parse(unit).unwrap()).await.unwrap().unwrap();
        assert_eq!(
            bot.store()
                .draft(baocao::domain::PeriodId(1), unit.id, member.id)
                .await
                .unwrap()
                .map(|d| d.answers.len())
                .unwrap_or(0),
            0
        );
    }
}

/// A template whose one question takes the longest text a template may allow.
const LONG_TEMPLATE: &str = "[[templates]]\nkey = \"dai\"\nvi = \"Báo cáo dài\"\nen = \"Long report\"\n[[templates.questions]]\nkey = \"noi_dung\"\nvi = \"Kết quả nổi bật của phong trào thi đua trong kỳ: những việc đã làm được và chưa làm được\"\nen = \"Results\"\nkind = \"text\"\nmax_len = 4000\n";

#[tokio::test]
async fn every_screen_fits_telegram_a_question_with_a_long_answer_can_be_edited_from_the_review() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).toml(LONG_TEMPLATE).start().await;
    open_first_half_of(&bot, Audience::AllActive, "dai").await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    start_report(&mut chair).await;
    // Telegram takes 4,096 characters at most: the screen that shows this answer must still fit.
    let long: String = "Kết quả nổi bật của phong trào. ".chars().cycle().take(4_000).collect();
    chair.send(&long);
    let mut review = chair.next_message().await;
    while review.buttons().is_empty() {
        review = chair.next_message().await; // the review, split over messages
    }
    let edit = Msg::new("report-button-edit").arg("n", 1_i64).render(Lang::Vi);
    let question = tap(&mut chair, &review, &edit).await;
    assert!(question.text().starts_with("Câu 1/1"), "{}", question.text());
    assert!(question.text().encode_utf16().count() <= 4096);
    chair.press(&question, &t(Lang::Vi, "report-button-keep"));
    let mut shown = String::new();
    loop {
        let part = chair.next_message().await;
        shown.push_str(&part.text());
        if !part.buttons().is_empty() {
            break;
        }
    }
    assert!(shown.contains(&long[..300]), "the review shows the answer whole");
}

#[tokio::test]
async fn a_reply_telegram_refuses_is_followed_by_the_calm_apology_not_silence() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    start_report(&mut chair).await;
    tg.fail_next("sendMessage", crate::support::Fault::Refused, 1);
    chair.send("Kết quả tốt");
    assert_eq!(chair.next_text().await, t(Lang::Vi, "err-internal"));
    chair.send("/baocao");
    assert!(chair.next_text().await.contains("Câu 2/7"), "the answer was kept");
}
