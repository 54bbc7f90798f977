//! The chairs' form in a real browser, as the "done when" asks: headless Chromium at a
//! phone's width on a slow network (ChromeDriver's network conditions), a chair by e-mail only
//! beside a chair on Telegram. Needs Debian's `chromium` and `chromium-driver`; skipped (said
//! so) without them. `BAOCAO_SCREENSHOTS=DIR` keeps the pictures.

use baocao::actions::{answers, report as chat};
use baocao::domain::{Answer, Decision, PeriodId};
use serde_json::json;

use crate::browser::Chrome;
use crate::email::{chair_by_email, link_in, open_with_letter, LETTER, TAMA};
use crate::form::letter_saying;
use crate::support::bot::vn;
use crate::support::smtp_sink::SmtpSink;
use crate::support::{FakeTelegram, TestBot};
use crate::web::Browser;

/// A 3G phone: 300 ms each way, 400 kbit/s down, 200 up.
async fn slow_network(chrome: &Chrome) {
    let conditions = json!({ "network_conditions": {
        "offline": false, "latency": 300,
        "download_throughput": 50 * 1024, "upload_throughput": 25 * 1024,
    } });
    chrome.call(reqwest::Method::POST, "/chromium/network_conditions", Some(conditions)).await;
}

/// The Telegram chair's report, through the same use cases as the chat's buttons.
async fn report_from_the_chat(bot: &TestBot, period: PeriodId, tg: i64) {
    let app = bot.app();
    let member = bot.store().member_by_tg_user(tg).await.unwrap().unwrap();
    let answers = [
        (0, answers::Given::Ticked(vec![1])),
        (1, answers::Given::Typed("8/10".into())),
        (2, answers::Given::Typed("Hoàn thành kế hoạch năm".into())),
        (8, answers::Given::Typed("Tiếp tục các phong trào".into())),
    ];
    for (index, given) in answers {
        let r = chat::reporting(app, Some(&member), period).await.unwrap().unwrap();
        answers::give(app, &r, index, given).await.unwrap().unwrap();
    }
    let r = chat::reporting(app, Some(&member), period).await.unwrap().unwrap();
    assert!(matches!(chat::submit(app, &r).await.unwrap(), chat::Submitted::Done { .. }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chair_by_email_reports_on_a_phone_over_a_slow_network_beside_a_chair_on_telegram() {
    let Some(chrome) = Chrome::start().await else { return };
    let (tg, sink) = (FakeTelegram::start().await, SmtpSink::start().await);
    let bot = TestBot::builder(&tg)
        .env("BAOCAO_SMTP_URL", &sink.url())
        .env("BAOCAO_MAIL_FROM", "Phòng Nội vụ Tuần Giáo <baocao@tuangiao.dienbien.gov.vn>")
        .env("BAOCAO_MAIL_PER_MIN", "6000")
        .now(vn(1, 6, 9, 0))
        .start()
        .await;
    let mut on_telegram =
        crate::report::join(&tg, &bot, 1002, "Quàng Văn Pú", "X-PUXI", "vi").await;
    chair_by_email(&bot, "X-TAMA", TAMA).await;
    open_with_letter(&bot).await;
    let notice = on_telegram.next_text().await;
    assert!(notice.contains("đã mở báo cáo 6 tháng đầu năm 2021"), "{notice}");

    // The letter: the notice, the office's document, a personal link.
    let letter = sink.wait_for(1).await.into_iter().find(|l| l.to == [TAMA]).unwrap();
    let parsed = letter.parsed();
    assert_eq!(parsed.attachment(0).unwrap().contents(), LETTER);
    let link = link_in(&parsed.body_text(0).unwrap());
    // The letter as a phone's mail app shows it (its HTML part, opened from a file).
    let html = parsed.body_html(0).unwrap().into_owned();
    assert!(html.contains(&link.replace('&', "&amp;")), "the button carries the link");
    let shown = tempfile::Builder::new().suffix(".html").tempfile().unwrap();
    std::fs::write(shown.path(), html).unwrap();
    chrome.resize(360, 740).await;
    chrome.open(&format!("file://{}", shown.path().display())).await;
    chrome.screenshot("letter-phone.png").await;

    // A phone: 360 px wide, a slow network.
    chrome.resize(360, 740).await;
    slow_network(&chrome).await;
    chrome.open(&link).await;
    chrome.click("form[action='/login'] button").await;
    chrome.wait_for_text("Câu 1/10").await;
    let path = chrome.url().await;
    // The first load a weak connection carries: the page, its style and its script.
    let bytes = chrome
        .script(
            "const all = [...performance.getEntriesByType('navigation'), \
             ...performance.getEntriesByType('resource')]; \
             return all.reduce((sum, e) => sum + e.transferSize, 0);",
        )
        .await;
    let bytes = bytes.as_u64().unwrap();
    eprintln!("the first load: {bytes} bytes");
    assert!((1_000..100_000).contains(&bytes), "the first load is {bytes} bytes");
    let period = PeriodId(path.rsplit('/').next().unwrap().parse().unwrap());

    // The checklist: each box saved as it is ticked (the script).
    chrome.click("#q0 input[value='0']").await;
    chrome.click("#q0 input[value='4']").await;
    chrome.wait_for_text("Đã lưu: Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau; Thi đua thực hiện chuyển đổi số").await;
    // The fraction and the texts, saved with "Lưu" without leaving the page.
    chrome.type_into("#q1 input[name='num']", "12").await;
    chrome.type_into("#q1 input[name='den']", "15").await;
    chrome.click("#q1 button[value='save']").await;
    chrome.wait_for_text("Đã lưu: 12/15").await;
    chrome.type_into("#q2 textarea", "Xây 30 nhà cho hộ nghèo; 12/15 chỉ tiêu đạt.").await;
    chrome.click("#q2 button[value='save']").await;
    chrome.wait_for_text("Đã lưu: Xây 30 nhà").await;
    // A list with two rows (each row's form is posted and the page comes back).
    // (The page that comes back is told by the next row's legend: the chair's own name is in
    // the header of the page being left.)
    for (row, (name, award)) in
        [("Lò Văn Hùng", "0"), ("Quàng Thị Mai", "1")].into_iter().enumerate()
    {
        chrome.type_into("#q5 input[name='f.ten']", name).await;
        chrome.click(&format!("#q5 select[name='f.danh_hieu'] option[value='{award}']")).await;
        chrome.type_into("#q5 input[name='f.thanh_tich']", "Hoàn thành xuất sắc nhiệm vụ").await;
        chrome.click("#q5 form.row button").await;
        chrome.wait_for_text(&format!("Dòng {}", row + 2)).await;
    }
    let rows = chrome.script("return document.querySelector('#q5').innerText;").await;
    let rows = rows.as_str().unwrap_or_default().to_owned();
    assert!(rows.contains("Lò Văn Hùng") && rows.contains("Quàng Thị Mai"), "{rows}");
    chrome.type_into("#q8 textarea", "Tiếp tục phong trào chuyển đổi số.").await;
    chrome.click("#q8 button[value='save']").await;
    chrome.wait_for_text("Đã lưu: Tiếp tục").await;
    // A file, from the phone.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bao-cao-ky.pdf");
    std::fs::write(&file, b"%PDF-1.4 bao cao co chu ky").unwrap();
    chrome.type_into("#q9 input[type='file']", &file.display().to_string()).await;
    chrome.click("#q9 form.file button").await;
    chrome.wait_for_text("Đã lưu: 📎 bao-cao-ky.pdf").await;
    assert!(chrome.url().await.ends_with("#send"), "the phone is shown what sends the report");
    let png = chrome.screenshot("form-phone.png").await;
    assert!(png.starts_with(b"\x89PNG"));
    chrome.click("#send button.primary").await;
    chrome.wait_for_text("✅ Đã gửi").await;
    chrome.screenshot("form-sent-phone.png").await;
    // The same page at a desk's width, and the pages a newcomer meets on a phone.
    let base = Browser::new(&bot).base;
    chrome.resize(1366, 900).await;
    chrome.open(&path).await;
    chrome.wait_for_text("Người gửi:").await;
    chrome.screenshot("form-desk.png").await;
    chrome.resize(360, 740).await;
    let invite = bot.reporter_invite("X-PUXI").await;
    chrome.open(&format!("{base}/join?code={}", invite.as_str())).await;
    chrome.wait_for_text("action=\"/join\"").await;
    chrome.screenshot("join-phone.png").await;

    // The chair on Telegram reports too; the officer's board shows both.
    report_from_the_chat(&bot, period, 1002).await;
    let officer = crate::form::officer(&bot).await;
    let machine = baocao::actions::Operator::at_the_machine();
    let mut desk = Browser::new(&bot);
    desk.sign_in(
        &baocao::actions::web::login_link_for(bot.app(), &machine, officer.id).await.unwrap(),
    )
    .await;
    let board = desk.get(&format!("/periods/{}", period.0)).await;
    assert!(board.body.contains("Đã gửi 2/"), "{}", board.body);

    // Returned to the chair by e-mail with its reason; revised on the phone; accepted.
    let report = bot
        .store()
        .report(
            period,
            bot.store()
                .member_by_contact(&baocao::domain::Contact::email(TAMA))
                .await
                .unwrap()
                .unwrap()
                .unit_id
                .unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
    let proof = baocao::actions::roles::officer(Some(&officer)).unwrap();
    let reason = "Đề nghị bổ sung số nhà đã sửa";
    baocao::actions::decision::decide(
        bot.app(),
        &proof,
        report.id,
        1,
        Decision::Return,
        Some(reason),
    )
    .await
    .unwrap();
    let text = letter_saying(&sink, TAMA, reason).await;
    chrome.open(&link_in(&text)).await;
    chrome.click("form[action='/login'] button").await;
    chrome.open(&path).await;
    chrome.wait_for_text(reason).await;
    chrome.type_into("#q2 textarea", " Sửa 12 nhà.").await;
    chrome.click("#q2 button[value='save']").await;
    chrome.wait_for_text("Sửa 12 nhà").await;
    chrome.click("#send button.primary").await;
    chrome.wait_for_text("bản sửa đổi lần 2").await;
    let revised = bot.store().report_by_id(report.id).await.unwrap().unwrap();
    assert_eq!(revised.revision, 2);
    assert!(
        matches!(&revised.answers["ket_qua"], Answer::Text { text } if text.ends_with("Sửa 12 nhà."))
    );
    let accepted =
        baocao::actions::decision::decide(bot.app(), &proof, report.id, 2, Decision::Accept, None)
            .await
            .unwrap();
    assert!(matches!(accepted, baocao::actions::decision::Decided::Done { .. }));
}
