//! The chairs' form over HTTP, as a phone without JavaScript uses it (every question its own
//! form, posted and answered with the page), and as the page's script does (a short answer):
//! the report filled and sent, the chat's refusals at their question, a draft shared with the
//! chat, a returned report revised, one unit's chair kept to their unit, sign-in by e-mail.

use baocao::actions::members::{add, NewPerson};
use baocao::actions::{By, Operator};
use baocao::domain::{Answer, Decision, Member, PeriodId, Role, UnitCode};
use baocao::i18n::Lang;
use reqwest::header::LOCATION;
use reqwest::StatusCode;

use crate::email::{bot_with_mail, chair_by_email, link_in, open_with_letter, TAMA};
use crate::support::bot::vn;
use crate::support::smtp_sink::SmtpSink;
use crate::support::{FakeTelegram, TestBot};
use crate::web::{csrf, Browser, Page};

/// Where a page sent the browser.
pub fn location(page: &Page) -> String {
    let to = page.headers.get(LOCATION).unwrap_or_else(|| panic!("a redirect: {}", page.body));
    to.to_str().unwrap().to_owned()
}

/// A file as a browser posts it (multipart), with the form's token.
pub fn upload(csrf: &str, name: &str, kind: &str, bytes: &[u8]) -> (&'static str, Vec<u8>) {
    let b = "----baocao-test";
    let mut body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{b}\r\n\
         Content-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: {kind}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    ("multipart/form-data; boundary=----baocao-test", body)
}

/// The chair signed in with the link of the first letter to `to`; the report page's path.
async fn signed_in_from_letter(bot: &TestBot, sink: &SmtpSink, to: &str) -> (Browser, String) {
    let link = link_in(&letter_saying(sink, to, "/login?code=").await);
    let mut chair = Browser::new(bot);
    let signed = chair.sign_in(&link).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
    let cookie = chair.cookie.clone().unwrap();
    assert!(cookie.starts_with("baocao_form="), "the form's own session: {cookie}");
    (chair, location(&signed))
}

/// The text of the first letter to `to` that says `said` (waiting for it, 10 s at most).
pub async fn letter_saying(sink: &SmtpSink, to: &str, said: &str) -> String {
    for n in 1.. {
        let letters = sink.wait_for(n).await;
        let texts = letters
            .iter()
            .filter(|l| l.to == [to])
            .map(|l| l.parsed().body_text(0).unwrap().into_owned());
        if let Some(text) = texts.into_iter().find(|t| t.contains(said)) {
            return text;
        }
    }
    unreachable!()
}

fn period_of(path: &str) -> PeriodId {
    PeriodId(path.trim_start_matches("/f/p/").parse().unwrap())
}

async fn report_answers(
    bot: &TestBot,
    period: PeriodId,
    unit: &str,
) -> Option<baocao::domain::Report> {
    let unit = bot.store().unit_by_code(&UnitCode::parse(unit).unwrap()).await.unwrap().unwrap();
    bot.store().report(period, unit.id).await.unwrap()
}

/// Answers every required question of the default template on the page, without the script.
async fn fill_required(chair: &Browser, path: &str) {
    let token = csrf(&chair.get(path).await.body);
    let c = token.as_str();
    let saved = chair
        .post(&format!("{path}/q/0"), &[("csrf", c), ("tick", "0"), ("tick", "4"), ("do", "save")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(location(&saved).ends_with("#q1"), "on to the next question");
    for (q, form) in [
        (1, vec![("num", "12"), ("den", "15")]),
        (2, vec![("value", "Hoàn thành 12/15 chỉ tiêu; xây 30 nhà cho hộ nghèo.")]),
        (8, vec![("value", "Tiếp tục phong trào chuyển đổi số.")]),
    ] {
        let mut form = form;
        form.push(("csrf", c));
        let saved = chair.post(&format!("{path}/q/{q}"), &form).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "question {q}: {}", saved.body);
    }
}

#[tokio::test]
async fn a_chair_by_email_fills_and_sends_the_report_on_a_page_without_the_script() {
    let (tg, sink) = (FakeTelegram::start().await, SmtpSink::start().await);
    let bot = bot_with_mail(&tg, &sink, 6000).await;
    chair_by_email(&bot, "X-TAMA", TAMA).await;
    open_with_letter(&bot).await;
    let (chair, path) = signed_in_from_letter(&bot, &sink, TAMA).await;
    assert!(path.starts_with("/f/p/"), "the letter's link opens the report: {path}");
    let period = period_of(&path);

    let page = chair.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    for said in [
        "Câu 1/10 (bắt buộc)",
        "Các phong trào thi đua",
        "Số đạt",
        "Thêm dòng",
        "Tải lên",
        "Gửi báo cáo",
        "Hạn gửi: 16/06/2021 17:00",
    ] {
        assert!(page.body.contains(said), "the page shows {said:?}");
    }
    assert!(
        page.body.len() < 100_000,
        "a page a weak connection carries: {} bytes",
        page.body.len()
    );
    fill_required(&chair, &path).await;
    let c = csrf(&page.body);

    // A list: two rows, one removed, one more: two in the end, in order.
    let rows = format!("{path}/q/5/items");
    for (name, award) in [("Lò Văn Hùng", "0"), ("Quàng Thị Mai", "1"), ("Lường Văn Ơn", "0")]
    {
        let added = chair
            .post(
                &rows,
                &[
                    ("csrf", &c),
                    ("f.ten", name),
                    ("f.danh_hieu", award),
                    ("f.thanh_tich", "Hoàn thành xuất sắc nhiệm vụ"),
                ],
            )
            .await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    }
    let removed = chair.post(&format!("{path}/q/5/items/1/remove"), &[("csrf", &c)]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    // An optional question skipped; a file.
    let skipped = chair.post(&format!("{path}/q/3"), &[("csrf", &c), ("do", "skip")]).await;
    assert_eq!(skipped.status, StatusCode::SEE_OTHER);
    // A wrong file first, then the right one: the wrong one is not kept.
    let wrong = chair
        .post_raw(
            &format!("{path}/q/9/file"),
            upload(&c, "nham.pdf", "application/pdf", b"%PDF-1.4 nham"),
            &[],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::SEE_OTHER, "{}", wrong.body);
    let wrong_id = kept_file(&bot, period).await;
    let pdf = b"%PDF-1.4 bao cao co chu ky";
    let sent = chair
        .post_raw(
            &format!("{path}/q/9/file"),
            upload(&c, "báo-cáo-ký.pdf", "application/pdf", pdf),
            &[],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert!(location(&sent).ends_with("#send"), "after the last question, on to sending");
    assert_ne!(kept_file(&bot, period).await, wrong_id);
    assert_eq!(bot.store().upload(wrong_id).await.unwrap(), None, "the file replaced is gone");

    let page = chair.get(&path).await;
    assert!(page.body.contains("Lò Văn Hùng") && page.body.contains("Lường Văn Ơn"));
    assert!(!page.body.contains("Quàng Thị Mai"), "the row removed is gone");
    assert!(page.body.contains("Đã trả lời đủ các câu bắt buộc"), "ready to send");
    let submitted = chair.post(&format!("{path}/submit"), &[("csrf", &c)]).await;
    assert_eq!(location(&submitted), format!("{path}?sent=1"));
    let done = chair.get(&location(&submitted)).await;
    assert!(done.body.contains("✅ Đã gửi") && done.body.contains("xã Ta Ma"), "{}", done.body);
    assert!(done.body.contains("Sửa báo cáo"), "it may still be revised");

    let report = report_answers(&bot, period, "X-TAMA").await.expect("the report is in");
    assert_eq!(report.submitted_by_name, "Lò Văn Hùng");
    assert_eq!(
        report.answers["phong_trao"],
        Answer::Multi { keys: vec!["vi_nguoi_ngheo".into(), "chuyen_doi_so".into()] }
    );
    assert_eq!(report.answers["chi_tieu"], Answer::Fraction { num: 12, den: 15 });
    assert_eq!(report.answers["dien_hinh"], Answer::Skipped);
    let Answer::List { items } = &report.answers["khen_ca_nhan"] else { panic!("a list") };
    let names: Vec<&str> = items.iter().map(|i| i["ten"].as_str()).collect();
    assert_eq!(names, ["Lò Văn Hùng", "Lường Văn Ơn"]);
    let Answer::File { file } = &report.answers["van_ban"] else { panic!("a file") };
    assert_eq!(file.name.as_deref(), Some("báo-cáo-ký.pdf"));
    let kept = baocao::actions::reading::by_id(bot.app(), Some(&officer(&bot).await), report.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.report.id, report.id);
}

/// The number of the file Ta Ma's chair has in the draft for the last question.
async fn kept_file(bot: &TestBot, period: PeriodId) -> i64 {
    let store = bot.store();
    let chair = store.member_by_contact(&baocao::domain::Contact::email(TAMA)).await.unwrap();
    let chair = chair.unwrap();
    let draft = store.draft(period, chair.unit_id.unwrap(), chair.id).await.unwrap().unwrap();
    let Answer::File { file } = &draft.answers["van_ban"] else { panic!("a file") };
    file.file_id.strip_prefix("upload:").unwrap().parse().unwrap()
}

/// An officer of the office, added at the machine (with an e-mail address only).
pub(crate) async fn officer(bot: &TestBot) -> Member {
    let person = NewPerson {
        unit: None,
        name: "Lò Thị Thanh".into(),
        position: Some("Chuyên viên".into()),
        email: Some("thanh@tuangiao.dienbien.gov.vn".into()),
        role: Role::Officer,
        lang: Lang::Vi,
    };
    match add(bot.app(), By::Operator(&Operator::at_the_machine()), &person).await {
        Ok(member) => member,
        Err(_) => bot
            .store()
            .member_by_contact(&baocao::domain::Contact::email("thanh@tuangiao.dienbien.gov.vn"))
            .await
            .unwrap()
            .unwrap(),
    }
}

#[tokio::test]
async fn a_refused_answer_comes_back_at_its_question_with_the_chats_sentence() {
    let (tg, sink) = (FakeTelegram::start().await, SmtpSink::start().await);
    let bot = bot_with_mail(&tg, &sink, 6000).await;
    chair_by_email(&bot, "X-TAMA", TAMA).await;
    open_with_letter(&bot).await;
    let (chair, path) = signed_in_from_letter(&bot, &sink, TAMA).await;
    let c = csrf(&chair.get(&path).await.body);

    // Without the script: the page again, the reason at the question, what was typed kept.
    let refused =
        chair.post(&format!("{path}/q/1"), &[("csrf", &c), ("num", "15"), ("den", "12")]).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused.body.contains("Số đạt (15) không thể lớn hơn tổng số (12)."),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("value=\"15\"") && refused.body.contains("value=\"12\""),
        "typed kept"
    );
    // With the script: the sentence alone.
    let script = [("x-requested-with", "fetch")];
    let form = "csrf=".to_owned() + &c + "&num=abc&den=5";
    let by_script = chair
        .post_raw(
            &format!("{path}/q/1"),
            ("application/x-www-form-urlencoded", form.into_bytes()),
            &script,
        )
        .await;
    assert_eq!(by_script.status, StatusCode::BAD_REQUEST);
    assert_eq!(by_script.body, "Câu này cần dạng \"số đạt/tổng số\", ví dụ 12/15.");
    let form = "csrf=".to_owned() + &c + "&num=12&den=15";
    let saved = chair
        .post_raw(
            &format!("{path}/q/1"),
            ("application/x-www-form-urlencoded", form.into_bytes()),
            &script,
        )
        .await;
    assert_eq!((saved.status, saved.body.as_str()), (StatusCode::OK, "Đã lưu: 12/15"));
    // A required question cannot be skipped; a text over its length is refused with its count.
    let skip = chair.post(&format!("{path}/q/2"), &[("csrf", &c), ("do", "skip")]).await;
    assert!(skip.body.contains("Câu này bắt buộc, không bỏ qua được."), "{}", skip.body);
    let long = "a".repeat(1501);
    let too_long = chair.post(&format!("{path}/q/2"), &[("csrf", &c), ("value", &long)]).await;
    assert!(too_long.body.contains("dài 1501 ký tự, quá giới hạn 1500 ký tự"));
    // A row missing a required field names the field; a file of the wrong kind is refused.
    let row =
        chair.post(&format!("{path}/q/5/items"), &[("csrf", &c), ("f.ten", "Lò Văn Hùng")]).await;
    assert_eq!(row.status, StatusCode::BAD_REQUEST);
    assert!(row.body.contains("Danh hiệu thi đua, hình thức khen thưởng đề nghị:"), "{}", row.body);
    assert!(row.body.contains("value=\"Lò Văn Hùng\""), "the row's fields kept");
    let exe = chair
        .post_raw(
            &format!("{path}/q/9/file"),
            upload(&c, "baocao.exe", "application/x-msdownload", b"MZ"),
            &[],
        )
        .await;
    assert_eq!(exe.status, StatusCode::BAD_REQUEST);
    assert!(exe.body.contains("PDF, Word, Excel hoặc ảnh"), "{}", exe.body);
    // A form without the session's token changes nothing.
    let forged = chair.post(&format!("{path}/q/2"), &[("csrf", "forged"), ("value", "x")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // Sending too early names what is missing and goes to the first of it.
    let early = chair.post(&format!("{path}/submit"), &[("csrf", &c)]).await;
    assert_eq!(early.status, StatusCode::BAD_REQUEST);
    assert!(early.body.contains("Còn 3 câu bắt buộc chưa trả lời"), "{}", early.body);
    assert!(report_answers(&bot, period_of(&path), "X-TAMA").await.is_none(), "nothing sent");
}

#[tokio::test]
async fn a_report_begun_in_the_chat_is_finished_on_the_page() {
    let (tg, sink) = (FakeTelegram::start().await, SmtpSink::start().await);
    let bot = bot_with_mail(&tg, &sink, 6000).await;
    let mut hung = crate::report::join(&tg, &bot, 1001, "Lò Văn Hùng", "X-TAMA", "vi").await;
    open_with_letter(&bot).await;
    hung.next_message().await;
    // In the chat: the first question answered by typing the numbers of two movements.
    hung.send("/baocao");
    hung.next_message().await;
    hung.next_message().await;
    hung.send("1, 5");
    hung.next_message().await;

    let member = bot.store().member_by_tg_user(1001).await.unwrap().unwrap();
    let link =
        baocao::actions::web::login_link_for(bot.app(), &Operator::at_the_machine(), member.id)
            .await
            .unwrap();
    let mut chair = Browser::new(&bot);
    assert_eq!(chair.sign_in(&link).await.status, StatusCode::SEE_OTHER);
    let home = chair.get("/f").await;
    assert!(home.body.contains("Làm báo cáo"), "{}", home.body);
    let period = bot.store().list_periods(false).await.unwrap()[0].id;
    let path = format!("/f/p/{}", period.0);
    let page = chair.get(&path).await;
    assert!(
        page.body.contains("Đã lưu: Cả nước chung tay vì người nghèo"),
        "the chat's answer is here"
    );
    fill_required(&chair, &path).await;
    let c = csrf(&page.body);
    chair.post(&format!("{path}/submit"), &[("csrf", &c)]).await;
    let report = report_answers(&bot, period, "X-TAMA").await.expect("sent from the page");
    assert_eq!(report.submitted_by_name, "Lò Văn Hùng");
}

/// The chat and the page share one draft, which the bot holds in memory between steps: an answer
/// saved on the page in the middle of the chat's dialogue is in the chat's draft at its next
/// step, and the chat's next answer is on the page.
#[tokio::test]
async fn an_answer_saved_on_the_page_mid_dialogue_is_in_the_chats_draft_at_its_next_step() {
    use crate::report::{open_first_half, reply, start_report};
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let period = open_first_half(&bot, baocao::domain::Audience::AllActive).await;
    let mut hung = crate::report::join(&tg, &bot, 1001, "Lò Văn Hùng", "X-TAMA", "vi").await;
    start_report(&mut hung).await;
    reply(&mut hung, "Hoàn thành các chỉ tiêu thi đua").await; // the chat now asks question 2

    let member = bot.store().member_by_tg_user(1001).await.unwrap().unwrap();
    let link =
        baocao::actions::web::login_link_for(bot.app(), &Operator::at_the_machine(), member.id)
            .await
            .unwrap();
    let mut chair = Browser::new(&bot);
    assert_eq!(chair.sign_in(&link).await.status, StatusCode::SEE_OTHER);
    let path = format!("/f/p/{}", period.0);
    let c = csrf(&chair.get(&path).await.body);
    let form = format!("csrf={c}&num=12&den=15");
    let script = [("x-requested-with", "fetch")];
    let body = ("application/x-www-form-urlencoded", form.into_bytes());
    let saved = chair.post_raw(&format!("{path}/q/1"), body, &script).await;
    assert_eq!((saved.status, saved.body.as_str()), (StatusCode::OK, "Đã lưu: 12/15"));

    // The chat resumes after what the page saved: question 3, not question 2 again.
    let resumed = reply(&mut hung, "/baocao").await.text();
    let third = baocao::i18n::Msg::new("report-question-required")
        .arg("n", 3_i64)
        .arg("total", 7_i64)
        .render(Lang::Vi);
    assert!(resumed.contains(&third), "{resumed}");
    reply(&mut hung, "3").await;
    let page = chair.get(&path).await.body;
    assert!(page.contains("Đã lưu: 12/15"), "the page's own answer kept");
    assert!(page.contains("Hoàn thành các chỉ tiêu thi đua"), "the chat's first answer");
    let draft = bot.store().draft(period, member.unit_id.unwrap(), member.id).await.unwrap();
    let draft = draft.expect("one draft");
    assert_eq!(draft.answers.get("phong_trao"), Some(&Answer::Number { value: 3 }));
    assert_eq!(draft.answers.get("chi_tieu"), Some(&Answer::Fraction { num: 12, den: 15 }));
}

#[tokio::test]
async fn a_returned_report_reaches_the_chair_by_email_and_is_revised_on_the_page() {
    let (tg, sink) = (FakeTelegram::start().await, SmtpSink::start().await);
    let bot = bot_with_mail(&tg, &sink, 6000).await;
    chair_by_email(&bot, "X-TAMA", TAMA).await;
    open_with_letter(&bot).await;
    let (chair, path) = signed_in_from_letter(&bot, &sink, TAMA).await;
    fill_required(&chair, &path).await;
    let c = csrf(&chair.get(&path).await.body);
    let first = upload(&c, "ban-dau.pdf", "application/pdf", b"%PDF-1.4 ban dau");
    chair.post_raw(&format!("{path}/q/9/file"), first, &[]).await;
    let period = period_of(&path);
    let first = kept_file(&bot, period).await;
    chair.post(&format!("{path}/submit"), &[("csrf", &c)]).await;
    let report = report_answers(&bot, period, "X-TAMA").await.unwrap();

    let officer = officer(&bot).await;
    let proof = baocao::actions::roles::officer(Some(&officer)).unwrap();
    let reason = "Thiếu số liệu nhà ở cho hộ nghèo";
    baocao::actions::decision::decide(
        bot.app(),
        &proof,
        report.id,
        report.revision,
        Decision::Return,
        Some(reason),
    )
    .await
    .unwrap();
    bot.tick_at(vn(1, 6, 9, 30)).await;
    let text = letter_saying(&sink, TAMA, reason).await;
    let link = link_in(&text);

    let mut again = Browser::new(&bot);
    again.sign_in(&link).await;
    let page = again.get(&path).await;
    assert!(
        page.body.contains("đã trả lại báo cáo để sửa") && page.body.contains(reason),
        "{}",
        page.body
    );
    assert!(page.body.contains("Đã lưu: 12/15"), "the answers sent are there to change");
    let c = csrf(&page.body);
    again
        .post(
            &format!("{path}/q/2"),
            &[("csrf", &c), ("value", "Xây 30 nhà, sửa 12 nhà cho hộ nghèo.")],
        )
        .await;
    let second = upload(&c, "ban-sua.pdf", "application/pdf", b"%PDF-1.4 ban sua");
    again.post_raw(&format!("{path}/q/9/file"), second, &[]).await;
    assert_ne!(kept_file(&bot, period).await, first);
    assert!(
        bot.store().upload(first).await.unwrap().is_some(),
        "the first revision keeps its file"
    );
    let sent = again.post(&format!("{path}/submit"), &[("csrf", &c)]).await;
    let done = again.get(&location(&sent)).await;
    assert!(done.body.contains("bản sửa đổi lần 2"), "{}", done.body);
    let revised = report_answers(&bot, period, "X-TAMA").await.unwrap();
    assert_eq!(revised.revision, 2);
    let accepted =
        baocao::actions::decision::decide(bot.app(), &proof, revised.id, 2, Decision::Accept, None)
            .await
            .unwrap();
    assert!(matches!(accepted, baocao::actions::decision::Decided::Done { .. }));
    let locked = again.get(&path).await;
    assert!(
        locked.body.contains("đã được") && locked.body.contains("tiếp nhận"),
        "{}",
        locked.body
    );
    assert!(!locked.body.contains("/submit"), "nothing to send any more");
}

#[tokio::test]
async fn a_chair_reaches_their_own_unit_only() {
    let (tg, sink) = (FakeTelegram::start().await, SmtpSink::start().await);
    let bot = bot_with_mail(&tg, &sink, 6000).await;
    chair_by_email(&bot, "X-TAMA", TAMA).await;
    let puxi = NewPerson {
        unit: Some(UnitCode::parse("X-PUXI").unwrap()),
        name: "Quàng Văn Pú".into(),
        position: None,
        email: Some("chutich@puxi.dienbien.gov.vn".into()),
        role: Role::Reporter,
        lang: Lang::Vi,
    };
    let puxi = add(bot.app(), By::Operator(&Operator::at_the_machine()), &puxi).await.unwrap();
    open_with_letter(&bot).await;
    let (tama, path) = signed_in_from_letter(&bot, &sink, TAMA).await;
    let c = csrf(&tama.get(&path).await.body);
    fill_required(&tama, &path).await;

    // Pú Xi's chair, signed in on their phone: the same period shows Pú Xi's report, empty.
    let link =
        baocao::actions::web::login_link_for(bot.app(), &Operator::at_the_machine(), puxi.id)
            .await
            .unwrap();
    let mut other = Browser::new(&bot);
    other.sign_in(&link).await;
    let theirs = other.get(&path).await;
    assert!(theirs.body.contains("Xã Pú Xi"), "{}", theirs.body);
    assert!(!theirs.body.contains("Hoàn thành 12/15"), "{}", theirs.body);
    let o = csrf(&theirs.body);
    // Every route of the form with Ta Ma's period acts on Pú Xi's own draft, never Ta Ma's; Ta
    // Ma's token is refused in Pú Xi's session.
    for route in ["q/2", "q/5/items", "q/5/items/0/remove", "submit", "replace", "discard"] {
        let forged = other.post(&format!("{path}/{route}"), &[("csrf", &c), ("value", "x")]).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "{route}: another session's token");
    }
    other.post(&format!("{path}/discard"), &[("csrf", &o)]).await;
    other.post(&format!("{path}/q/5/items/0/remove"), &[("csrf", &o)]).await;
    let still = tama.get(&path).await;
    assert!(still.body.contains("Hoàn thành 12/15"), "Ta Ma's draft is untouched");
    // A period Pú Xi is not in, a period that does not exist: refused, nothing shown.
    for missing in ["/f/p/999", "/f/p/999/letter"] {
        let page = other.get(missing).await;
        assert!(page.status.is_client_error(), "{missing}: {}", page.status);
    }
    // The form's session opens nothing of the console, and the console's nothing of the form.
    for console in [
        "/",
        "/members",
        &format!("/periods/{}", period_of(&path).0),
        &format!("/periods/{}/units/1", period_of(&path).0),
    ] {
        assert_eq!(other.get(console).await.status, StatusCode::UNAUTHORIZED, "{console}");
    }
    let mut desk = Browser::new(&bot);
    let officer = officer(&bot).await;
    let link =
        baocao::actions::web::login_link_for(bot.app(), &Operator::at_the_machine(), officer.id)
            .await
            .unwrap();
    desk.sign_in(&link).await;
    assert_eq!(
        desk.get(&path).await.status,
        StatusCode::UNAUTHORIZED,
        "an officer has no unit's form"
    );
}

#[tokio::test]
async fn a_sign_in_link_by_email_reaches_whoever_is_registered_and_nobody_learns_who_is() {
    let (tg, sink) = (FakeTelegram::start().await, SmtpSink::start().await);
    let bot = bot_with_mail(&tg, &sink, 6000).await;
    chair_by_email(&bot, "X-TAMA", TAMA).await;
    let browser = Browser::new(&bot);
    let page = browser.get("/login").await;
    assert!(page.body.contains("Nhận đường dẫn đăng nhập qua e-mail"), "{}", page.body);

    let known = browser.post("/login/send", &[("email", "ChuTich@TaMa.dienbien.gov.vn ")]).await;
    let unknown = browser.post("/login/send", &[("email", "ai.do@example.com")]).await;
    assert_eq!(known.status, StatusCode::OK);
    let said = |page: &Page| {
        page.body.replace("ChuTich@TaMa.dienbien.gov.vn", "X").replace("ai.do@example.com", "X")
    };
    assert_eq!(said(&known), said(&unknown), "the same answer for a known and an unknown address");
    let letters = sink.wait_for(1).await;
    assert_eq!(letters[0].to, [TAMA]);
    let link = link_in(&letters[0].parsed().body_text(0).unwrap());
    let mut chair = Browser::new(&bot);
    let signed = chair.sign_in(&link).await;
    assert_eq!(location(&signed), "/f", "a chair's link opens their unit's page");
    assert!(chair.get("/f").await.body.contains("Các kỳ báo cáo của đơn vị"));

    // Three letters to one address, then no more for a while (the page says the same).
    for _ in 0..4 {
        browser.post("/login/send", &[("email", TAMA)]).await;
    }
    sink.wait_for(3).await;
    bot.tick_at(vn(1, 6, 9, 10)).await;
    bot.tick_at(vn(1, 6, 9, 11)).await;
    let to_tama = sink.received().iter().filter(|l| l.to == [TAMA]).count();
    assert_eq!(to_tama, 3, "three letters to one address, not five");
    // Guessing codes from one address: ten are looked at, then "too many", even a right one.
    let guesser = [("x-forwarded-for", "203.0.113.9")];
    for n in 0..10 {
        let code = format!("code={n:032x}");
        let page = browser
            .post_raw("/login", ("application/x-www-form-urlencoded", code.into_bytes()), &guesser)
            .await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "{}", page.body);
    }
    let more = browser
        .post_raw("/login", ("application/x-www-form-urlencoded", b"code=BBBB".to_vec()), &guesser)
        .await;
    assert_eq!(more.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(more.body.contains("quá nhiều yêu cầu"), "{}", more.body);
}
