//! The government of today: people by their names, an office configured as a Sở Nội vụ, and the
//! 2025 merger of the Tuần Giáo communes applied under a running bot.

use baocao::domain::merger::parse_mergers_csv;
use baocao::domain::{Audience, Clock, UnitCode};
use baocao::i18n::{t, Lang, Msg};
use baocao::store::Actor;
use chrono::NaiveDate;

use crate::report::{join, open_first_half};
use crate::support::bot::vn;
use crate::support::{FakeTelegram, Person, TestBot};

const ADMIN: i64 = 900;

#[tokio::test]
async fn a_chair_gives_name_and_position_and_the_reminder_addresses_them_so() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).now(vn(7, 6, 9, 0)).start().await;
    bot.tick_at(vn(7, 6, 9, 0)).await;
    open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Hung", "X-TAMA", "vi").await;

    chair.send("A");
    assert_eq!(chair.next_text().await, t(Lang::Vi, "profile-name-invalid"));
    chair.send("Lò  Văn Hùng");
    let asked = chair.next_message().await;
    let ask = Msg::new("profile-ask-position").arg("name", "Lò Văn Hùng").render(Lang::Vi);
    assert_eq!(asked.text(), ask);
    chair.send("Chủ tịch UBND xã");
    let saved = Msg::new("profile-saved").arg("name", "Lò Văn Hùng (Chủ tịch UBND xã)");
    assert_eq!(chair.next_text().await, saved.render(Lang::Vi));

    // The first reminder (T-7) greets them by name and position, completed with their commune.
    bot.tick_at(vn(9, 6, 8, 0)).await;
    let reminder = chair.next_text().await;
    assert!(
        reminder.starts_with(
            "Kính gửi đồng chí Lò Văn Hùng, Chủ tịch UBND xã Ta Ma,\nXã Ta Ma chưa gửi"
        ),
        "{reminder}"
    );

    // /toi shows it and lets them correct it: back to the Telegram name, no position.
    chair.send("/toi");
    let me = chair.next_message().await;
    assert!(me.text().contains("Lò Văn Hùng") && me.text().contains("Chủ tịch UBND xã"));
    chair.press(&me, &Msg::new("profile-use-telegram-name").arg("name", "Hung").render(Lang::Vi));
    let asked = chair.next_message().await;
    chair.press(&asked, &t(Lang::Vi, "profile-skip-position"));
    let saved = Msg::new("profile-saved").arg("name", "Hung");
    assert_eq!(chair.next_text().await, saved.render(Lang::Vi));
    let member = bot.store().member_by_tg_user(1001).await.unwrap().unwrap();
    assert_eq!((member.full_name.as_str(), member.position), ("Hung", None));
    // A button of the finished question does nothing more.
    let again = chair.press_data(&asked.json, "pf:skip");
    assert_eq!(chair.callback_answer(&again).await, t(Lang::Vi, "button-expired"));
}

/// Today's typical set-up: a province's Sở Nội vụ and its communes and wards.
fn province(tg: &FakeTelegram) -> crate::support::TestBotBuilder {
    TestBot::builder(tg)
        .admins(&[ADMIN])
        .without_units()
        .now(vn(7, 6, 9, 0))
        .env("BAOCAO_OFFICE_PARENT", "UBND TỈNH ĐIỆN BIÊN")
        .env("BAOCAO_OFFICE_NAME", "SỞ NỘI VỤ")
        .env("BAOCAO_OFFICE_SHORT_NAME", "Sở Nội vụ")
        .env("BAOCAO_PLACE", "Điện Biên")
        .env("BAOCAO_OFFICE_SYMBOL", "SNV")
}

#[tokio::test]
async fn a_provincial_office_speaks_of_itself_and_never_of_a_district() {
    let tg = FakeTelegram::start().await;
    let bot = province(&tg).start().await;
    let csv = "code,name,kind,cluster\nP-MUONGTHANH,Phường Mường Thanh,phường,\nX-CHIENGSINH-2025,Xã Chiềng Sinh,xã,\nX-TUANGIAO-2025,Xã Tuần Giáo,xã,\n";
    let units = baocao::domain::unit_import::parse_units_csv(csv.as_bytes()).unwrap();
    bot.store().import_units(&units, bot.clock.now()).await.unwrap();
    bot.tick_at(vn(7, 6, 9, 0)).await;

    let mut guest = Person::new(&tg, 777, "Khách", Some("vi"));
    guest.send("/start");
    assert!(guest.next_text().await.contains("bot báo cáo định kỳ của Sở Nội vụ"));
    let mut admin = Person::new(&tg, ADMIN, "Giám đốc Sở", Some("vi"));
    admin.send("/start");
    assert!(admin.next_text().await.contains("bot báo cáo của Sở Nội vụ"));
    open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "P-MUONGTHANH", "vi").await;
    admin.send("/nhac");
    admin.next_text().await;
    let nudge = chair.next_text().await;
    assert!(nudge.starts_with("Sở Nội vụ đề nghị đồng chí Chủ tịch gửi"), "{nudge}");
    assert!(nudge.contains("của phường Mường Thanh"), "{nudge}");
    admin.next_text().await; // the nudge's final count
    admin.send("/baocaotonghop");
    let summary = admin.next_text().await;
    assert!(summary.starts_with("UBND TỈNH ĐIỆN BIÊN\nSỞ NỘI VỤ\nSố:      /BC-SNV\n"), "{summary}");
    assert!(summary.contains("Điện Biên, ngày 07 tháng 6 năm 2021"), "{summary}");

    for chat in [777, ADMIN, 1001] {
        for id in tg.sent_ids(chat) {
            let text = tg.message(chat, id).to_string().to_lowercase();
            assert!(!text.contains("huyện") && !text.contains("phòng nội vụ"), "{text}");
        }
    }
}

#[tokio::test]
async fn after_the_2025_merger_the_2021_period_still_shows_the_names_units_reported_under() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).now(vn(7, 6, 9, 0)).start().await;
    bot.tick_at(vn(7, 6, 9, 0)).await;
    let period = open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch Ta Ma", "X-TAMA", "vi").await;
    chair.send("/huy");
    chair.next_text().await;
    crate::officer::submit(&bot, period, 1001, 3, (12, 15), true).await;

    // The office applies the resolution from the command line (another process).
    let on = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    let mergers =
        parse_mergers_csv(include_bytes!("../../examples/tuan-giao-2025-mergers.csv"), on).unwrap();
    let cli = baocao::actions::App::open(bot.config.clone(), bot.clock.clone()).await.unwrap();
    let operator = baocao::actions::Operator::at_the_machine();
    baocao::actions::units::merge(&cli, &operator, &mergers).await.unwrap();
    cli.close().await;
    crate::support::until_seen("the merger", || async {
        bot.store().member_by_tg_user(1001).await.unwrap().is_none()
    })
    .await;
    bot.tick_at(vn(7, 6, 9, 5)).await;

    let told = chair.next_text().await;
    let expected = Msg::new("unit-merged-notice")
        .arg("name", "Chủ tịch Ta Ma")
        .arg("unit", "xã Ta Ma")
        .arg("into", "xã Pú Nhung")
        .arg("on", "01/07/2025")
        .arg("office", "Phòng Nội vụ");
    assert_eq!(told, expected.render(Lang::Vi));
    // They no longer report for it.
    chair.send("/baocao");
    assert!(chair.next_text().await.contains("link mời"));

    let mut admin = Person::new(&tg, ADMIN, "Trưởng phòng", Some("vi"));
    admin.send("/start");
    admin.next_message().await;
    admin.send(&format!("/tonghop {}", period.0));
    let board = admin.next_text().await;
    // Ta Ma reported under its name; the units merged before reporting are no longer expected;
    // the new communes are.
    assert!(board.contains("✅ Đã gửi đúng hạn (1):\n• Xã Ta Ma — "), "{board}");
    assert!(board.contains("• Xã Nà Sáy → xã Chiềng Sinh (01/07/2025)"), "{board}");
    assert!(board.contains("(16):"), "{board}");
    assert!(board.contains("❌ Chưa gửi (8):\n• Xã Tuần Giáo ⚠️"), "{board}");
    assert!(board.contains("tổng 9 đơn vị"), "{board}");
    // The old commune and the new one of the same name are told apart, by the new one's code.
    assert!(
        board.contains("• Xã Chiềng Sinh → xã Chiềng Sinh (X-CHIENGSINH-2025) (01/07/2025)"),
        "{board}"
    );
    assert!(board.contains("• Xã Chiềng Sinh (X-CHIENGSINH-2025) ⚠️"), "{board}");
    // The command line counts as the chat and the documents do.
    let operator = baocao::actions::Operator::at_the_machine();
    let by = baocao::actions::By::Operator(&operator);
    let counts = baocao::actions::progress::period(bot.app(), by, period).await.unwrap().counts();
    assert_eq!((counts.reported(), counts.total), (1, 9));
    admin.send(&format!("/baocaotonghop {}", period.0));
    let summary = admin.next_text().await;
    assert!(summary.contains("1/9 đơn vị đã gửi"), "{summary}");
    assert!(
        summary.contains("Các đơn vị đã sáp nhập trước khi gửi, không còn phải gửi (16): "),
        "{summary}"
    );
    assert!(summary.contains("xã Nà Sáy → xã Chiềng Sinh"), "{summary}");
    let tama =
        bot.store().unit_by_code(&UnitCode::parse("X-TAMA").unwrap()).await.unwrap().unwrap();
    assert!(!tama.active && tama.valid_to == Some(on));
}

#[tokio::test]
async fn a_deadline_typed_on_a_saturday_is_opened_only_after_a_warning_that_says_why() {
    use crate::report::{admin_in_chat, reply, tap};
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).start().await;
    let mut officer = admin_in_chat(&tg).await;
    officer.send("/kybaocao");
    officer.next_text().await;
    let menu = officer.next_message().await;
    let kinds = tap(&mut officer, &menu, &t(Lang::Vi, "wizard-button-new")).await;
    let halves = tap(&mut officer, &kinds, &t(Lang::Vi, "wizard-kind-semiannual")).await;
    let years =
        tap(&mut officer, &halves, &Msg::new("wizard-half").arg("n", 1_i64).render(Lang::Vi)).await;
    let templates = tap(&mut officer, &years, "2021").await;
    let due = tap(&mut officer, &templates, "Báo cáo phong trào thi đua").await;
    // The suggestion is a working day: Wednesday 16/06, two days after the Monday cut-off.
    assert_eq!(due.buttons()[0], "📅 16/06/2021 17:00");
    let summary = reply(&mut officer, "19/06/2021 17:00").await;
    let why = Msg::new("due-warning-day-off").arg("day", "19/06/2021").arg("weekday", 6_i64);
    assert!(summary.text().contains(&why.render(Lang::Vi)), "{}", summary.text());
    assert!(summary.text().contains(&t(Lang::Vi, "due-warning-confirm")));
    assert_eq!(bot.store().list_periods(true).await.unwrap().len(), 0, "not opened yet");
    tap(&mut officer, &summary, &t(Lang::Vi, "wizard-button-confirm")).await;
    let period = &bot.store().list_periods(true).await.unwrap()[0];
    let saturday =
        baocao::domain::dates::parse_local_datetime("19/06/2021 17:00", bot.config.timezone);
    assert_eq!(period.due_at, saturday.unwrap());
}

/// Opening a period tells every reporter what is asked and by when, with the office's letter;
/// `/tinhtrang` shows the letter again.
#[tokio::test]
async fn a_period_opened_from_the_command_line_reaches_every_reporter_with_the_letter() {
    use baocao::actions::period::{open, Due, PeriodRequest, Who};
    use baocao::actions::{App, By, Operator};
    use baocao::domain::attachment::{AttachedFile, Attachment};
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).now(vn(1, 6, 9, 0)).start().await;
    bot.tick_at(vn(1, 6, 9, 0)).await;
    let mut tama = join(&tg, &bot, 1001, "Chủ tịch Ta Ma", "X-TAMA", "vi").await;
    let mut puxi = join(&tg, &bot, 1002, "Chủ tịch Pú Xi", "X-PUXI", "vi").await;
    let letter = b"%PDF-1.4 cong van so 123".to_vec();
    let req = PeriodRequest {
        kind: baocao::domain::PeriodKind::Semiannual { half: 1, year: 2021 },
        title: None,
        window: None,
        due: Due::Typed("16/06/2021 17:00".into()),
        template: "thi-dua".into(),
        audience: Who::default(),
        attachment: Some(Attachment {
            name: "cong-van-123.pdf".into(),
            file: AttachedFile::Bytes(std::sync::Arc::new(letter.clone())),
        }),
        anyway: false,
    };
    // The command line is another process, with its own connection to the database.
    let cli = App::open(bot.config.clone(), bot.clock.clone()).await.unwrap();
    open(&cli, By::Operator(&Operator::at_the_machine()), &req).await.unwrap();
    cli.close().await;
    bot.tick_at(vn(1, 6, 9, 1)).await;

    for (chair, unit) in [(&mut tama, "xã Ta Ma"), (&mut puxi, "xã Pú Xi")] {
        let notice = chair.next_message().await;
        assert!(notice.text().contains(&format!("đã mở báo cáo 6 tháng đầu năm 2021 cho {unit}")));
        assert!(notice.text().contains("Hạn gửi: 16/06/2021 17:00"), "{}", notice.text());
        assert_eq!(notice.buttons(), [t(Lang::Vi, "reminder-button")]);
        let letter_sent = chair.next_message().await;
        assert_eq!(letter_sent.json["document"]["file_name"], "cong-van-123.pdf");
    }
    let uploads = tg.calls_of("sendDocument");
    assert_eq!(uploads.len(), 2, "one letter per reporter");
    tama.send("/tinhtrang");
    tama.next_message().await;
    let again = tama.next_message().await;
    assert_eq!(again.json["document"]["file_name"], "cong-van-123.pdf");
    assert_eq!(again.json["caption"], "Báo cáo 6 tháng đầu năm 2021");
}

#[tokio::test]
async fn an_officer_attaches_the_letter_in_the_wizard_and_it_goes_with_the_notice() {
    use crate::report::{admin_in_chat, tap};
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).now(vn(1, 6, 9, 0)).start().await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch Ta Ma", "X-TAMA", "vi").await;
    let mut officer = admin_in_chat(&tg).await;
    officer.send("/kybaocao");
    officer.next_text().await;
    let menu = officer.next_message().await;
    let kinds = tap(&mut officer, &menu, &t(Lang::Vi, "wizard-button-new")).await;
    let halves = tap(&mut officer, &kinds, &t(Lang::Vi, "wizard-kind-semiannual")).await;
    let years =
        tap(&mut officer, &halves, &Msg::new("wizard-half").arg("n", 1_i64).render(Lang::Vi)).await;
    let templates = tap(&mut officer, &years, "2021").await;
    let due = tap(&mut officer, &templates, "Báo cáo phong trào thi đua").await;
    let summary = tap(&mut officer, &due, "📅 16/06/2021 17:00").await;
    assert!(summary.text().ends_with(&t(Lang::Vi, "wizard-attach-hint")), "{}", summary.text());
    officer.send_raw(serde_json::json!({ "document": { "file_id": "doc-cv-45", "file_unique_id": "u-cv-45",
        "file_name": "de-cuong-bao-cao.docx", "mime_type": "application/msword", "file_size": 20_000 } }));
    let summary = officer.next_message().await;
    let attached = Msg::new("wizard-attached").arg("name", "de-cuong-bao-cao.docx");
    assert!(summary.text().ends_with(&attached.render(Lang::Vi)), "{}", summary.text());
    tap(&mut officer, &summary, &t(Lang::Vi, "wizard-button-confirm")).await;
    let notice = chair.next_message().await;
    assert!(notice.text().contains("đã mở báo cáo 6 tháng đầu năm 2021"), "{}", notice.text());
    chair.next_message().await;
    let sent = tg.calls_of("sendDocument");
    assert!(sent
        .iter()
        .any(|c| c.params["chat_id"] == 1001 && c.params["document"] == "doc-cv-45"));
}

#[tokio::test]
async fn an_officer_sends_one_notice_to_every_unit_and_hears_how_it_went() {
    use crate::report::{admin_in_chat, tap};
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).now(vn(1, 6, 9, 0)).start().await;
    let mut tama = join(&tg, &bot, 1001, "Chủ tịch Ta Ma", "X-TAMA", "vi").await;
    let mut puxi = join(&tg, &bot, 1002, "Chủ tịch Pú Xi", "X-PUXI", "vi").await;
    tama.send("/guitin");
    assert_eq!(tama.next_text().await, crate::support::officers_only(Lang::Vi));
    let mut officer = admin_in_chat(&tg).await;
    officer.send("/guitin Cụm không có");
    officer.next_text().await;
    officer.send("Họp giao ban");
    let none = Msg::new("announce-no-units").arg("cluster", "Cụm không có");
    assert_eq!(officer.next_text().await, none.render(Lang::Vi));
    officer.send("/huy");
    officer.next_text().await;

    officer.send("/guitin");
    let ask =
        Msg::new("announce-ask").arg("to", t(Lang::Vi, "announce-everyone")).arg("max", 3000_i64);
    assert_eq!(officer.next_text().await, ask.render(Lang::Vi));
    let notice = "Đề nghị các đơn vị gửi báo cáo 6 tháng trước ngày 16/6.";
    officer.send(notice);
    let preview = officer.next_message().await;
    assert!(
        preview.text().contains("người báo cáo của 19 đơn vị") && preview.text().ends_with(notice)
    );
    assert!(tama.unread() == 0, "nothing is sent before the officer confirms");
    tap(&mut officer, &preview, &t(Lang::Vi, "announce-button-send")).await;
    let expected = format!("📢 Thông báo của Phòng Nội vụ:\n\n{notice}");
    assert_eq!(tama.next_text().await, expected);
    assert_eq!(puxi.next_text().await, expected);
    let done = Msg::new("announce-done")
        .arg("delivered", 2_i64)
        .arg("blocked", 0_i64)
        .arg("failed", 0_i64);
    assert_eq!(officer.next_text().await, done.render(Lang::Vi));
}

const CHECKLIST_TEMPLATE: &str = r#"
[[templates]]
key = "phong-trao"
vi = "Báo cáo tham gia phong trào"
en = "Movements report"
[[templates.questions]]
key = "phong_trao"
vi = "Các phong trào thi đua đơn vị đã tham gia"
en = "Movements the unit took part in"
kind = "multi"
options = [
  { key = "giam_ngheo", vi = "Vì người nghèo – Không để ai bị bỏ lại phía sau", en = "For the poor" },
  { key = "nong_thon_moi", vi = "Xây dựng nông thôn mới", en = "New rural areas" },
  { key = "chuyen_doi_so", vi = "Chuyển đổi số", en = "Digital transformation" },
]
[[templates.questions]]
key = "ghi_chu"
vi = "Ghi chú"
en = "Notes"
kind = "text"
required = false
"#;

/// A checklist question: items ticked and unticked in place, "Xong" with nothing ticked refused,
/// the choice shown in the review, and the summary counting the units per item.
#[tokio::test]
async fn a_chair_ticks_the_movements_of_a_checklist_and_the_summary_counts_units_per_movement() {
    use crate::report::{admin_in_chat, open_first_half_of, tap};
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).toml(CHECKLIST_TEMPLATE).start().await;
    open_first_half_of(&bot, Audience::AllActive, "phong-trao").await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch Ta Ma", "X-TAMA", "vi").await;
    chair.send("/baocao");
    chair.next_message().await;
    let question = chair.next_message().await;
    assert!(question.text().contains(&t(Lang::Vi, "hint-multi")));
    assert_eq!(
        question.buttons()[..3],
        [
            "⬜ Vì người nghèo – Không để ai bị bỏ lại phía sau".to_owned(),
            "⬜ Xây dựng nông thôn mới".to_owned(),
            "⬜ Chuyển đổi số".to_owned(),
        ]
    );
    // "Xong" with nothing ticked: asked again, with why.
    let again = tap(&mut chair, &question, &t(Lang::Vi, "report-button-done")).await;
    assert!(again
        .text()
        .starts_with(&Msg::new("answer-err-multi-min").arg("min", 1_i64).render(Lang::Vi)));
    // Ticks change the buttons in place; a second tap unticks.
    chair.press(&again, "⬜ Vì người nghèo – Không để ai bị bỏ lại phía sau");
    let edited = tg
        .wait_for("the first tick", |tg| {
            let m = tg.message(1001, again.id);
            m.to_string().contains("☑️ Vì người nghèo").then_some(m)
        })
        .await;
    assert!(edited.to_string().contains("⬜ Xây dựng nông thôn mới"));
    let again = chair.reread(&again);
    chair.press(&again, "⬜ Chuyển đổi số");
    tg.wait_for("the second tick", |tg| {
        tg.message(1001, again.id).to_string().contains("☑️ Chuyển đổi số").then_some(())
    })
    .await;
    let again = chair.reread(&again);
    assert_eq!(chair.unread(), 0, "ticking sends no new message");
    let next = tap(&mut chair, &again, &t(Lang::Vi, "report-button-done")).await;
    assert!(next.text().contains("Ghi chú"), "{}", next.text());
    // The question keeps what was chosen under it, its buttons gone.
    let chosen = Msg::new("report-chosen")
        .arg("answer", "Vì người nghèo – Không để ai bị bỏ lại phía sau; Chuyển đổi số");
    tg.wait_for("the choice under the question", |tg| {
        let m = tg.message(1001, again.id);
        m["text"].as_str().is_some_and(|t| t.ends_with(&chosen.render(Lang::Vi))).then_some(())
    })
    .await;
    let review = tap(&mut chair, &next, &t(Lang::Vi, "report-button-skip")).await;
    assert!(
        review.text().contains("Vì người nghèo – Không để ai bị bỏ lại phía sau; Chuyển đổi số"),
        "{}",
        review.text()
    );
    tap(&mut chair, &review, &t(Lang::Vi, "report-button-submit")).await;

    let mut officer = admin_in_chat(&tg).await;
    officer.send("/baocaotonghop");
    let summary = officer.next_text().await;
    assert!(summary.contains("- Các phong trào thi đua đơn vị đã tham gia: Vì người nghèo – Không để ai bị bỏ lại phía sau (1 đơn vị); Chuyển đổi số (1 đơn vị)"), "{summary}");
}

const NOMINEES_TEMPLATE: &str = r#"
[[templates]]
key = "khen-thuong"
vi = "Đề nghị khen thưởng"
en = "Award proposals"
[[templates.questions]]
key = "de_nghi"
vi = "Danh sách đề nghị khen thưởng"
en = "Nominees"
kind = "list"
min_items = 1
max_items = 5
fields = [
  { key = "ten", vi = "Tên tập thể hoặc cá nhân", en = "Collective or person" },
  { key = "chuc_vu", vi = "Chức vụ, đơn vị", en = "Position, unit", required = false },
  { key = "hinh_thuc", vi = "Hình thức khen thưởng", en = "Form of award", options = [
      { key = "giay_khen", vi = "Giấy khen", en = "Certificate of merit" },
      { key = "bang_khen", vi = "Bằng khen", en = "Diploma of merit" } ] },
  { key = "thanh_tich", vi = "Thành tích", en = "Achievement", max_len = 200 },
]
"#;

/// A list question: two nominees added field by field, one corrected, one removed, "Xong".
#[tokio::test]
async fn a_chair_adds_corrects_and_removes_nominees_field_by_field() {
    use crate::report::{open_first_half_of, reply, tap};
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).toml(NOMINEES_TEMPLATE).start().await;
    let period = open_first_half_of(&bot, Audience::AllActive, "khen-thuong").await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch Ta Ma", "X-TAMA", "vi").await;
    chair.send("/baocao");
    chair.next_message().await;
    let list = chair.next_message().await;
    assert_eq!(list.buttons(), [t(Lang::Vi, "list-button-add"), t(Lang::Vi, "report-button-done")]);
    let refused = tap(&mut chair, &list, &t(Lang::Vi, "report-button-done")).await;
    assert!(refused
        .text()
        .starts_with(&Msg::new("list-too-few").arg("min", 1_i64).render(Lang::Vi)));
    // A name typed at the list (not "➕ Thêm"): a new item, with it as its first field.
    let position = reply(&mut chair, "Bản Huổi Lóng").await;
    assert!(position.text().starts_with("Mục mới — Chức vụ, đơn vị (2/4)"), "{}", position.text());
    let award = tap(&mut chair, &position, &t(Lang::Vi, "report-button-skip")).await;
    assert_eq!(award.buttons(), ["Giấy khen", "Bằng khen"]);
    chair.send("Giấy khen");
    let award = chair.next_message().await;
    assert!(award.text().starts_with(&t(Lang::Vi, "answer-err-choice")), "typing is refused: tap");
    tap(&mut chair, &award, "Giấy khen").await;
    let saved = reply(&mut chair, "Hoàn thành xuất sắc nhiệm vụ năm 2021").await;
    assert!(saved.text().starts_with(&t(Lang::Vi, "list-item-saved")));
    assert!(
        saved
            .text()
            .contains("1. Bản Huổi Lóng — Giấy khen — Hoàn thành xuất sắc nhiệm vụ năm 2021"),
        "{}",
        saved.text()
    );

    tap(&mut chair, &saved, &t(Lang::Vi, "list-button-add")).await;
    reply(&mut chair, "Lò Văn Pọm").await;
    let next = reply(&mut chair, "Trưởng bản").await;
    tap(&mut chair, &next, "Bằng khen").await;
    let saved = reply(&mut chair, "Vận động 100% hộ tham gia").await;
    assert!(saved
        .text()
        .contains("2. Lò Văn Pọm — Trưởng bản — Bằng khen — Vận động 100% hộ tham gia"));

    // Correct the first: keep its name, give a position, keep the rest.
    let edit =
        tap(&mut chair, &saved, &Msg::new("list-button-edit").arg("n", 1_i64).render(Lang::Vi))
            .await;
    assert!(edit.text().contains("Bản Huổi Lóng"), "the current value is shown: {}", edit.text());
    tap(&mut chair, &edit, &t(Lang::Vi, "report-button-keep")).await;
    let next = reply(&mut chair, "Tập thể bản").await;
    let next = tap(&mut chair, &next, &t(Lang::Vi, "report-button-keep")).await;
    let saved = tap(&mut chair, &next, &t(Lang::Vi, "report-button-keep")).await;
    assert!(
        saved.text().contains("1. Bản Huổi Lóng — Tập thể bản — Giấy khen — Hoàn thành xuất sắc"),
        "{}",
        saved.text()
    );
    let removed =
        tap(&mut chair, &saved, &Msg::new("list-button-remove").arg("n", 2_i64).render(Lang::Vi))
            .await;
    assert!(removed
        .text()
        .starts_with(&Msg::new("list-item-removed").arg("n", 2_i64).render(Lang::Vi)));
    assert!(!removed.text().contains("Lò Văn Pọm"));
    // The same "🗑 Xóa 2" pressed again on the older copy of the list: nothing is gone, so
    // nothing is said to be.
    chair.press_data(&saved.json, &format!("lr:{}:0:1", period.0));
    let again = chair.next_message().await;
    assert!(!again.text().starts_with("🗑"), "{}", again.text());
    assert!(again.text().contains("1. Bản Huổi Lóng"), "{}", again.text());
    let removed = again;
    let review = tap(&mut chair, &removed, &t(Lang::Vi, "report-button-done")).await;
    assert!(
        review.text().contains("1. Bản Huổi Lóng — Tập thể bản — Giấy khen"),
        "{}",
        review.text()
    );
    let draft = bot.draft_of(period, "X-TAMA", 1001).await;
    let Some(baocao::domain::Answer::List { items }) = draft.answers.get("de_nghi") else {
        panic!("{draft:?}")
    };
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["hinh_thuc"], "giay_khen");
    tap(&mut chair, &review, &t(Lang::Vi, "report-button-submit")).await;

    // Pú Xi proposes one for a Bằng khen; the officer gets the list grouped by form of award.
    join(&tg, &bot, 1002, "Chủ tịch Pú Xi", "X-PUXI", "vi").await;
    let member = bot.store().member_by_tg_user(1002).await.unwrap().unwrap();
    let puxi =
        bot.store().unit_by_code(&UnitCode::parse("X-PUXI").unwrap()).await.unwrap().unwrap();
    let item = [("ten", "Lường Thị Xuân"), ("hinh_thuc", "bang_khen"), ("thanh_tich", "Dẫn đầu")]
        .map(|(k, v)| (k.to_owned(), v.to_owned()));
    let mut draft = baocao::domain::Draft::default();
    let items = vec![item.into_iter().collect()];
    draft.answers.insert("de_nghi".into(), baocao::domain::Answer::List { items });
    bot.store().save_draft(period, puxi.id, member.id, &draft, bot.clock.now()).await.unwrap();
    bot.store().submit_report(period, puxi.id, member.id, bot.clock.now()).await.unwrap().unwrap();
    let mut officer = crate::report::admin_in_chat(&tg).await;
    officer.send("/xuat khenthuong");
    let sent = officer.next_message().await;
    let caption = Msg::new("commendation-caption")
        .arg("title", "Báo cáo 6 tháng đầu năm 2021")
        .arg("count", 2_i64);
    assert_eq!(sent.json["caption"], caption.render(Lang::Vi));
    let (name, bytes) = crate::officer::documents(&tg, ADMIN).pop().unwrap();
    assert_eq!(name, "de-nghi-khen-thuong-1-20210616.xlsx");
    use calamine::Reader;
    let mut book =
        calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(std::io::Cursor::new(bytes))
            .unwrap();
    let sheet = book.worksheet_range("Đề nghị khen thưởng").unwrap();
    let rows: Vec<Vec<String>> =
        sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    // Under the issuing body, the title and the line of the submission: the ruled table, a row
    // per form of award, which no column repeats.
    let header = ["STT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị", "Thành tích"];
    assert_eq!(rows[7][..4], header);
    assert_eq!(rows[7][4..], ["Đơn vị đề nghị", "Ghi chú"]);
    assert_eq!(rows[8][0], "Giấy khen", "a ruled row per form of award");
    let first = ["1", "Bản Huổi Lóng", "Tập thể bản", "Hoàn thành xuất sắc nhiệm vụ năm 2021"];
    assert_eq!(rows[9][..4], first);
    assert_eq!(rows[9][4], "Xã Ta Ma");
    assert_eq!(rows[10][0], "Bằng khen");
    assert_eq!(rows[11], ["2", "Lường Thị Xuân", "", "Dẫn đầu", "Xã Pú Xi", ""]);
}

/// The issue's walk: the revised six-monthly report answered with three exemplary people, a
/// collective and a person proposed for awards (the office's own titles and forms of award),
/// the person corrected from the review; the officer's documents have them.
#[tokio::test]
async fn the_revised_six_monthly_report_with_nominees_corrected_from_the_review() {
    use crate::report::{admin_in_chat, open_first_half_of, reply, tap};
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).start().await;
    open_first_half_of(&bot, Audience::AllActive, "thi-dua").await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch Ta Ma", "X-TAMA", "vi").await;
    chair.send("/baocao");
    chair.next_message().await;
    let movements = chair.next_message().await;
    assert!(movements.text().starts_with("Câu 1/10"), "{}", movements.text());
    chair.press(&movements, "⬜ Cả nước chung sức xây dựng nông thôn mới");
    tg.wait_for("a tick", |tg| {
        tg.message(1001, movements.id).to_string().contains("☑️ Cả nước").then_some(())
    })
    .await;
    let movements = chair.reread(&movements);
    let targets = tap(&mut chair, &movements, &t(Lang::Vi, "report-button-done")).await;
    assert!(targets.text().starts_with("Câu 2/10"));
    reply(&mut chair, "12/15").await;
    let exemplary = reply(&mut chair, "Hoàn thành 12/15 chỉ tiêu").await;
    assert!(exemplary.text().starts_with("Câu 4/10"));
    let mut list = exemplary;
    for (name, deed) in
        [("Bản Huổi Lóng", "Xóa nhà tạm"), ("Lò Văn A", "Hiến đất"), ("Quàng Thị B", "Dạy chữ")]
    {
        tap(&mut chair, &list, &t(Lang::Vi, "list-button-add")).await;
        reply(&mut chair, name).await;
        list = reply(&mut chair, deed).await;
    }
    assert!(list.text().contains("3. Quàng Thị B — Dạy chữ"), "{}", list.text());
    // Collectives: the province's titles for them, under the issue's label.
    let collectives = tap(&mut chair, &list, &t(Lang::Vi, "report-button-done")).await;
    assert!(collectives.text().starts_with("Câu 5/10"), "{}", collectives.text());
    tap(&mut chair, &collectives, &t(Lang::Vi, "list-button-add")).await;
    let award = reply(&mut chair, "Bản Huổi Lóng").await;
    assert!(award.text().contains("Danh hiệu thi đua, hình thức khen thưởng đề nghị"));
    assert_eq!(
        award.buttons()[..3],
        [
            "Cờ thi đua của UBND tỉnh",
            "Tập thể lao động xuất sắc",
            "Bằng khen của Chủ tịch UBND tỉnh"
        ]
    );
    tap(&mut chair, &award, "Tập thể lao động xuất sắc").await;
    let collectives = reply(&mut chair, "Hoàn thành xuất sắc nhiệm vụ").await;
    // Individuals: name, position, the province's titles for a person.
    let individuals = tap(&mut chair, &collectives, &t(Lang::Vi, "report-button-done")).await;
    assert!(individuals.text().starts_with("Câu 6/10"), "{}", individuals.text());
    tap(&mut chair, &individuals, &t(Lang::Vi, "list-button-add")).await;
    let position = reply(&mut chair, "Lò Văn Hùng").await;
    let form = tap(&mut chair, &position, &t(Lang::Vi, "report-button-skip")).await;
    assert!(!form.buttons().iter().any(|b| b.starts_with("Giấy khen")), "decided by the commune");
    tap(&mut chair, &form, "Bằng khen của Chủ tịch UBND tỉnh").await;
    let individuals = reply(&mut chair, "Hoàn thành xuất sắc nhiệm vụ").await;
    let next = tap(&mut chair, &individuals, &t(Lang::Vi, "report-button-done")).await;
    let next = tap(&mut chair, &next, &t(Lang::Vi, "report-button-skip")).await;
    tap(&mut chair, &next, &t(Lang::Vi, "report-button-skip")).await;
    let file = reply(&mut chair, "Duy trì phong trào").await;
    let review = tap(&mut chair, &file, &t(Lang::Vi, "report-button-skip")).await;
    assert!(
        review.text().contains("1. Lò Văn Hùng — Bằng khen của Chủ tịch UBND tỉnh"),
        "{}",
        review.text()
    );

    // From the review: correct the person's title.
    let edit6 = Msg::new("report-button-edit").arg("n", 6_i64).render(Lang::Vi);
    let list = tap(&mut chair, &review, &edit6).await;
    let first =
        tap(&mut chair, &list, &Msg::new("list-button-edit").arg("n", 1_i64).render(Lang::Vi))
            .await;
    let next = tap(&mut chair, &first, &t(Lang::Vi, "report-button-keep")).await;
    let next = tap(&mut chair, &next, &t(Lang::Vi, "report-button-skip")).await;
    let next = tap(&mut chair, &next, "Chiến sĩ thi đua cấp tỉnh").await;
    let list = tap(&mut chair, &next, &t(Lang::Vi, "report-button-keep")).await;
    let review = tap(&mut chair, &list, &t(Lang::Vi, "report-button-done")).await;
    assert!(
        review.text().contains("1. Lò Văn Hùng — Chiến sĩ thi đua cấp tỉnh"),
        "back to the review: {}",
        review.text()
    );
    tap(&mut chair, &review, &t(Lang::Vi, "report-button-submit")).await;

    let mut officer = admin_in_chat(&tg).await;
    officer.send("/xuat khenthuong");
    let sent = officer.next_message().await;
    let caption = Msg::new("commendation-caption")
        .arg("title", "Báo cáo 6 tháng đầu năm 2021")
        .arg("count", 2_i64);
    assert_eq!(sent.json["caption"], caption.render(Lang::Vi));
    officer.send("/baocaotonghop");
    let summary = officer.next_text().await;
    assert!(summary.contains("Cả nước chung sức xây dựng nông thôn mới (1 đơn vị)"), "{summary}");
    assert!(
        summary.contains(
            "- Xã Ta Ma: Bản Huổi Lóng — Xóa nhà tạm; Lò Văn A — Hiến đất; Quàng Thị B — Dạy chữ"
        ),
        "the exemplary list in the body: {summary}"
    );
    officer.next_message().await;
    let mut sent = crate::officer::documents(&tg, ADMIN);
    let (_, bytes) = sent.pop().unwrap();
    if let Ok(dir) = std::env::var("BAOCAO_SAMPLE_DIR") {
        // For looking at the documents (README): the .docx and the commendation list.
        std::fs::write(format!("{dir}/bao-cao-tong-hop.docx"), &bytes).unwrap();
        std::fs::write(format!("{dir}/de-nghi-khen-thuong.xlsx"), &sent[0].1).unwrap();
    }
    let xml = crate::officer::docx_part(&bytes, "word/document.xml");
    assert!(xml.contains("ĐỀ NGHỊ KHEN THƯỞNG") && xml.contains("Chiến sĩ thi đua cấp tỉnh"));
    assert!(xml.contains("Tập thể lao động xuất sắc") && xml.contains("Lò Văn Hùng"));
}

/// A name given once is kept: invited again (to another unit, after being removed), the person
/// is greeted by it and not asked again.
#[tokio::test]
async fn a_name_given_once_is_kept_when_the_person_joins_again() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).start().await;
    let mut chair = join(&tg, &bot, 1001, "Hung", "X-TAMA", "vi").await;
    chair.send("Lò Văn Hùng");
    let asked = chair.next_message().await;
    chair.press(&asked, &t(Lang::Vi, "profile-skip-position"));
    chair.next_text().await;
    let member = bot.store().member_by_tg_user(1001).await.unwrap().unwrap();
    bot.store().remove_member(member.id, Actor::Cli, bot.clock.now()).await.unwrap();

    join(&tg, &bot, 1001, "Hung", "X-PUXI", "vi").await;
    let welcome = tg.message(1001, *tg.sent_ids(1001).last().unwrap());
    let text = welcome["text"].as_str().unwrap();
    assert!(text.starts_with("Kính chào đồng chí Lò Văn Hùng!"), "{text}");
    assert!(!text.contains(&t(Lang::Vi, "profile-ask-name")), "not asked again: {text}");
    let member = bot.store().member_by_tg_user(1001).await.unwrap().unwrap();
    assert_eq!(member.full_name, "Lò Văn Hùng");
}
