//! The documents an office signs, read back: a year-end round's commendation list and compiled
//! report from the command line, as a district's office set up with its own signer and
//! recipients would print them.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use baocao::actions::period::{self, Due, Opening, PeriodRequest, Who};
use baocao::actions::{By, Operator};
use baocao::domain::{Answer, Clock, Draft, PeriodId, PeriodKind, UnitCode};
use calamine::Reader;

use crate::officer::docx_part;
use crate::report::join;
use crate::support::bot::{vn, DISTRICT_2021};
use crate::support::{FakeTelegram, TestBot};

/// The office's own settings beside the district's of 2021.
const OWN: [(&str, &str); 3] = [
    ("BAOCAO_OFFICE_SIGNER", "KT. TRƯỞNG PHÒNG\\nPHÓ TRƯỞNG PHÒNG"),
    (
        "BAOCAO_OFFICE_RECIPIENTS",
        "Thường trực Huyện ủy (để báo cáo)\\nUBND huyện (để báo cáo)\\nHội đồng Thi đua – Khen thưởng huyện",
    ),
    ("BAOCAO_OFFICE_SECTION", "NV"),
];

async fn open(bot: &TestBot, kind: PeriodKind, due: &str, template: &str) -> PeriodId {
    let req = PeriodRequest {
        kind,
        title: None,
        window: None,
        due: Due::Typed(due.into()),
        template: template.into(),
        audience: Who::default(),
        attachment: None,
        anyway: true,
    };
    match period::open(bot.app(), By::Operator(&Operator::at_the_machine()), &req).await.unwrap() {
        Opening::Opened { period, .. } => period.id,
        Opening::Warned(w) => panic!("warned: {w:?}"),
    }
}

fn item(fields: &[(&str, &str)]) -> BTreeMap<String, String> {
    fields.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

/// A report of `unit` with the required answers and these proposals.
async fn report(
    bot: &TestBot,
    period: PeriodId,
    (tg, unit): (i64, &str),
    collectives: Vec<BTreeMap<String, String>>,
    individuals: Vec<BTreeMap<String, String>>,
) {
    let member = bot.store().member_by_tg_user(tg).await.unwrap().unwrap();
    let unit = bot.store().unit_by_code(&UnitCode::parse(unit).unwrap()).await.unwrap().unwrap();
    let mut draft = Draft::default();
    let answers = [
        ("phong_trao", Answer::Multi { keys: vec!["xoa_nha_tam".into()] }),
        ("chi_tieu", Answer::Fraction { num: 12, den: 15 }),
        ("ket_qua", Answer::Text { text: "Hoàn thành các chỉ tiêu thi đua".into() }),
        ("dien_hinh", Answer::Number { value: 3 }),
        ("phuong_huong", Answer::Text { text: "Duy trì phong trào".into() }),
        ("khen_tap_the", Answer::List { items: collectives }),
        ("khen_ca_nhan", Answer::List { items: individuals }),
    ];
    for (key, answer) in answers {
        draft.answers.insert(key.into(), answer);
    }
    bot.store().save_draft(period, unit.id, member.id, &draft, bot.clock.now()).await.unwrap();
    let sent = bot.store().submit_report(period, unit.id, member.id, bot.clock.now()).await;
    assert!(sent.unwrap().is_some(), "{unit:?} reported");
}

/// `baocao export --period N [--commendations] --out FILE` on the bot's database, with the
/// office's settings.
fn export(db: &Path, period: PeriodId, out: &Path, commendations: bool) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_baocao"));
    cmd.env_clear().env("BAOCAO_DATABASE", db).env("BAOCAO_LANG", "vi").env("RUST_LOG", "warn");
    cmd.env("BAOCAO_WEB_ADDR", "off");
    for (name, value) in DISTRICT_2021.iter().chain(&OWN) {
        cmd.env(name, value);
    }
    cmd.args(["export", "--period", &period.0.to_string(), "--out"]).arg(out);
    if commendations {
        cmd.arg("--commendations");
    }
    let output = cmd.output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

/// The text of a `.docx` part, its runs joined by `|`.
fn texts(xml: &str) -> String {
    xml.split("<w:t")
        .skip(1)
        .filter_map(|p| p.split_once('>'))
        .map(|(_, rest)| rest.split("</w:t>").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("|")
}

#[tokio::test]
async fn a_year_end_round_gives_the_commendation_list_and_the_report_an_office_signs() {
    let tg = FakeTelegram::start().await;
    let mut builder = TestBot::builder(&tg).now(vn(1, 6, 9, 0));
    for (name, value) in OWN {
        builder = builder.env(name, value);
    }
    let bot = builder.start().await;
    for (tg_id, code) in [(1001, "X-TAMA"), (1002, "X-PUXI")] {
        join(&tg, &bot, tg_id, &format!("Chủ tịch {code}"), code, "vi").await;
    }
    // The year before: Ta Ma proposed Quàng Thị Xuân (another year's round: no note for that).
    let before = PeriodKind::Annual { year: 2020 };
    let before = open(&bot, before, "16/12/2020 17:00", "tong-ket-nam").await;
    let xuan = item(&[
        ("ten", "Quàng Thị Xuân"),
        ("danh_hieu", "bang_khen_tinh"),
        ("thanh_tich", "Hiến đất"),
    ]);
    report(&bot, before, (1001, "X-TAMA"), vec![], vec![xuan]).await;
    // The first half: Ta Ma proposes Lò Văn Hùng.
    let half = PeriodKind::Semiannual { half: 1, year: 2021 };
    let first = open(&bot, half, "16/06/2021 17:00", "thi-dua").await;
    let hung = item(&[
        ("ten", "Lò Văn Hùng"),
        ("danh_hieu", "bang_khen_tinh"),
        ("thanh_tich", "Xóa nhà tạm"),
    ]);
    report(&bot, first, (1001, "X-TAMA"), vec![], vec![hung]).await;
    // The year: Ta Ma proposes him again, Pú Xi too (typed otherwise), and a collective each.
    bot.clock.set(vn(1, 12, 9, 0));
    let year =
        open(&bot, PeriodKind::Annual { year: 2021 }, "16/12/2021 17:00", "tong-ket-nam").await;
    let collective = |name: &str, award: &str| {
        item(&[("ten", name), ("danh_hieu", award), ("thanh_tich", "Dẫn đầu phong trào")])
    };
    let person = |name: &str, award: &str| {
        item(&[
            ("ten", name),
            ("chuc_vu", "Trưởng bản"),
            ("danh_hieu", award),
            ("thanh_tich", "Hiến đất"),
        ])
    };
    report(
        &bot,
        year,
        (1001, "X-TAMA"),
        vec![collective("Bản Huổi Lóng", "tap_the_lao_dong_xuat_sac")],
        vec![
            person("Lò Văn Hùng", "chien_si_thi_dua_tinh"),
            person("Quàng Thị Xuân", "bang_khen_tinh"),
        ],
    )
    .await;
    report(
        &bot,
        year,
        (1002, "X-PUXI"),
        vec![collective("Xã Pú Xi", "co_thi_dua_tinh")],
        vec![person("lò văn  HÙNG", "chien_si_thi_dua_tinh")],
    )
    .await;

    // The list in one command, on the annual period.
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("khen-thuong.xlsx");
    export(&bot.db, year, &xlsx, true);
    let bytes = std::fs::read(&xlsx).unwrap();
    if let Ok(out) = std::env::var("BAOCAO_SAMPLE_DIR") {
        std::fs::write(format!("{out}/khen-thuong-nam.xlsx"), &bytes).unwrap();
    }
    let mut book = calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(std::io::Cursor::new(
        bytes.clone(),
    ))
    .unwrap();
    let sheet = book.worksheet_range("Đề nghị khen thưởng").unwrap();
    let rows: Vec<Vec<String>> =
        sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    // The issuing body beside the motto; the title; what it is drawn from; the submission.
    assert_eq!(
        (rows[0][0].as_str(), rows[0][3].as_str()),
        ("UBND HUYỆN TUẦN GIÁO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    );
    assert_eq!(
        (rows[1][0].as_str(), rows[1][3].as_str()),
        ("PHÒNG NỘI VỤ", "Độc lập - Tự do - Hạnh phúc")
    );
    assert_eq!(rows[3][0], "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG");
    assert_eq!(
        rows[4][0],
        "Theo báo cáo tổng kết công tác thi đua, khen thưởng năm 2021 của các đơn vị"
    );
    assert!(rows[5][0].starts_with("(Kèm theo Tờ trình số      /TTr-PNV ngày "), "{}", rows[5][0]);
    assert!(rows[5][0].ends_with(" của Phòng Nội vụ)"), "{}", rows[5][0]);
    // No column repeats the group's title or form of award.
    let header = [
        "STT",
        "Tên tập thể, cá nhân",
        "Chức vụ, đơn vị công tác",
        "Thành tích tóm tắt",
        "Đơn vị đề nghị",
        "Ghi chú",
    ];
    assert_eq!(rows[7], header);
    let firsts: Vec<&str> = rows[8..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        firsts[..9],
        [
            "I. TẬP THỂ, HỘ GIA ĐÌNH",
            "Cờ thi đua của UBND tỉnh",
            "1",
            "Tập thể lao động xuất sắc",
            "2",
            "II. CÁ NHÂN",
            "Chiến sĩ thi đua cấp tỉnh",
            "3",
            "4",
        ],
        "collectives, then individuals, each grouped in the office's order: {rows:?}"
    );
    assert_eq!(rows[10][1..5], ["Xã Pú Xi", "", "Dẫn đầu phong trào", "Xã Pú Xi"]);
    // The same person proposed twice, and again after the first half: each entry says so.
    // (Pú Xi comes before Ta Ma in the office's order of units.)
    let (pu_xi, ta_ma) = (&rows[15], &rows[16]);
    assert_eq!((pu_xi[1].as_str(), ta_ma[1].as_str()), ("lò văn  HÙNG", "Lò Văn Hùng"));
    assert_eq!(
        ta_ma[5],
        "Trùng tên với STT 3 (xã Pú Xi đề nghị); Cũng được xã Ta Ma đề nghị trong báo cáo 6 tháng đầu năm 2021"
    );
    assert!(pu_xi[5].starts_with("Trùng tên với STT 4 (xã Ta Ma đề nghị); Cũng được xã Ta Ma"));
    let xuan = rows.iter().find(|r| r[1] == "Quàng Thị Xuân").unwrap();
    assert_eq!(
        (xuan[0].as_str(), xuan[5].as_str()),
        ("5", ""),
        "no note for someone proposed once"
    );
    // The signature block, one line per authority, under the table.
    let column = |text: &str| rows.iter().position(|r| r.iter().any(|c| c == text));
    let (kt, pho) = (column("KT. TRƯỞNG PHÒNG").unwrap(), column("PHÓ TRƯỞNG PHÒNG").unwrap());
    assert_eq!(pho, kt + 1);
    assert!(kt > 18 && column("……………………………").unwrap() > pho + 3);
    // It prints: the header row on each page, rows as tall as their text, fitted to the width.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = |name: &str| {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut xml).unwrap();
        xml
    };
    let sheet_xml = part("xl/worksheets/sheet1.xml");
    assert!(
        sheet_xml.contains(r#"fitToPage="1""#) && sheet_xml.contains(r#"orientation="landscape""#)
    );
    assert!(sheet_xml.contains(r#"<row r="11" spans="1:6" ht=""#), "{sheet_xml}");
    assert!(part("xl/workbook.xml").contains("$8:$8"), "the header row on every page");

    // The compiled report of the year.
    let docx = dir.path().join("bao-cao.docx");
    export(&bot.db, year, &docx, false);
    let bytes = std::fs::read(&docx).unwrap();
    if let Ok(out) = std::env::var("BAOCAO_SAMPLE_DIR") {
        std::fs::write(format!("{out}/bao-cao-nam.docx"), &bytes).unwrap();
    }
    let xml = docx_part(&bytes, "word/document.xml");
    let text = texts(&xml);
    for expected in [
        "BÁO CÁO|Kết quả tổng hợp báo cáo tổng kết công tác thi đua, khen thưởng năm 2021|(Thời gian chốt số liệu: 15/12/2020 – 14/12/2021)",
        "- Các phong trào thi đua đơn vị đã tham gia trong năm: Xóa nhà tạm, nhà dột nát (2 đơn vị)",
        "Các đơn vị chưa gửi (17): thị trấn Tuần Giáo, xã Chiềng Đông,",
        "Nơi nhận:|- Thường trực Huyện ủy (để báo cáo);|- UBND huyện (để báo cáo);|- Hội đồng Thi đua – Khen thưởng huyện;|- Lưu: VT, NV.",
        "KT. TRƯỞNG PHÒNG|PHÓ TRƯỞNG PHÒNG",
        "PHỤ LỤC I|TÌNH HÌNH GỬI BÁO CÁO VÀ SỐ LIỆU CỦA TỪNG ĐƠN VỊ|(Kèm theo Báo cáo số      /BC-PNV ngày ",
        "PHỤ LỤC II|DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG|(Kèm theo Báo cáo số      /BC-PNV ngày ",
        "Trùng tên với STT 3 (xã Pú Xi đề nghị)",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(!text.contains("Ký, đóng dấu"), "Decree 30 prints no such hint");
    // Each authority on its own line: two paragraphs.
    let signer = xml
        .split("<w:p ")
        .filter(|p| p.contains(">KT. TRƯỞNG PHÒNG<") || p.contains(">PHÓ TRƯỞNG PHÒNG<"));
    assert_eq!(signer.count(), 2);
    // The last paragraph stays with the signature, whose row never splits.
    let last = xml.split("<w:p ").find(|p| p.contains("Các đơn vị chưa gửi (17)")).unwrap();
    assert!(last.contains("<w:keepNext"), "{last}");
    let closing = xml.split("<w:tbl>").find(|t| t.contains("Nơi nhận:")).unwrap();
    assert!(closing.contains("<w:cantSplit"), "{closing}");
    // The short rule under the title.
    let after_title =
        xml.split("(Thời gian chốt số liệu: 15/12/2020 – 14/12/2021)").nth(1).unwrap();
    let rule = after_title.split("<w:p ").nth(1).unwrap();
    assert!(rule.contains("<w:pBdr><w:bottom"), "{rule}");
    // Page numbers centred at the top from the second page; each appendix from a new page.
    assert_eq!(xml.matches("<w:titlePg").count(), 1, "no number on the first page");
    assert_eq!(xml.matches(r#"<w:headerReference w:type="default""#).count(), 1);
    let mut appendices = xml.split("<w:p ").filter(|p| p.contains(">PHỤ LỤC I"));
    assert!(
        appendices.clone().count() == 2 && appendices.all(|p| p.contains("<w:pageBreakBefore"))
    );
    let header = docx_part(&bytes, "word/header1.xml");
    assert!(header.contains("PAGE") && header.contains(r#"<w:jc w:val="center""#), "{header}");
}

/// A returned report was counted as sent on time in the compiled report and as returned on the
/// board: one count everywhere now — the chat's board, the summary, the console's bar.
#[tokio::test]
async fn a_returned_report_is_counted_as_returned_on_the_board_and_in_the_summary() {
    let tg = FakeTelegram::start().await;
    let (bot, period, mut admin) = crate::officer::period_in_every_state(&tg).await;
    let tama = bot.store().report(period, crate::officer::unit(&bot, "X-TAMA").await).await;
    let tama = tama.unwrap().unwrap();
    let member = bot.store().member_by_tg_user(900).await.unwrap();
    let officer = baocao::actions::roles::officer(member.as_ref()).unwrap();
    let decision = baocao::domain::Decision::Return;
    let reason = Some("Bổ sung số liệu");
    baocao::actions::decision::decide(bot.app(), &officer, tama.id, 1, decision, reason)
        .await
        .unwrap();
    admin.send(&format!("/tonghop {}", period.0));
    let board = admin.next_text().await;
    assert!(board.contains("Đúng hạn: 1 (5%) · Quá hạn: 1 (5%) · Trả lại: 1"), "{board}");
    admin.send(&format!("/baocaotonghop {}", period.0));
    let summary = admin.next_text().await;
    assert!(
        summary.contains("3/19 đơn vị đã gửi (1 đúng hạn, 1 quá hạn, 1 bị trả lại để sửa)"),
        "{summary}"
    );
}
