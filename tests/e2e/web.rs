//! The officers' web console over HTTP: signing in with a `/web` link, sessions, CSRF, roles,
//! and the pages doing what the chat does.

use baocao::domain::{Answer, Clock, PeriodId};
use chrono::Duration;
use reqwest::header::{HeaderMap, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use reqwest::redirect::Policy;
use reqwest::StatusCode;

use crate::officer::period_in_every_state;
use crate::support::fake_telegram::FakeTelegram;
use crate::support::person::Person;
use crate::support::TestBot;

/// A browser without a cookie jar: each request says which session it carries.
pub struct Browser {
    client: reqwest::Client,
    pub base: String,
    pub cookie: Option<String>,
}

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Browser {
    pub fn new(bot: &TestBot) -> Browser {
        let addr = bot.running.as_ref().unwrap().web_addr.expect("the console runs in tests");
        let client =
            reqwest::Client::builder().redirect(Policy::none()).no_proxy().build().unwrap();
        Browser { client, base: format!("http://{addr}"), cookie: None }
    }

    fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        }
    }

    async fn page(response: reqwest::Response) -> Page {
        let (status, headers) = (response.status(), response.headers().clone());
        Page { status, headers, body: response.text().await.unwrap() }
    }

    pub async fn get(&self, path: &str) -> Page {
        let mut request = self.client.get(self.url(path));
        if let Some(c) = &self.cookie {
            request = request.header(COOKIE, c);
        }
        Browser::page(request.send().await.unwrap()).await
    }

    pub async fn bytes(&self, path: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
        let mut request = self.client.get(self.url(path));
        if let Some(c) = &self.cookie {
            request = request.header(COOKIE, c);
        }
        let response = request.send().await.unwrap();
        let (status, headers) = (response.status(), response.headers().clone());
        (status, headers, response.bytes().await.unwrap().to_vec())
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        let mut request = self.client.post(self.url(path)).form(form);
        if let Some(c) = &self.cookie {
            request = request.header(COOKIE, c);
        }
        Browser::page(request.send().await.unwrap()).await
    }

    /// Gets `path` with the extra `headers` (a proxy's `X-Forwarded-For`).
    pub async fn get_from(&self, path: &str, headers: &[(&str, &str)]) -> Page {
        let mut request = self.client.get(self.url(path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(c) = &self.cookie {
            request = request.header(COOKIE, c);
        }
        Browser::page(request.send().await.unwrap()).await
    }

    /// Posts `body` of type `kind` with the extra `headers` (a script's request, a file).
    pub async fn post_raw(
        &self,
        path: &str,
        (kind, body): (&str, Vec<u8>),
        headers: &[(&str, &str)],
    ) -> Page {
        let mut request = self.client.post(self.url(path)).header(CONTENT_TYPE, kind).body(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(c) = &self.cookie {
            request = request.header(COOKIE, c);
        }
        Browser::page(request.send().await.unwrap()).await
    }

    /// Opens a `/web` link as an officer would: the page, then its button.
    pub async fn sign_in(&mut self, link: &str) -> Page {
        let page = self.get(link).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.headers.get(SET_COOKIE).is_none(), "opening the link alone signs nobody in");
        let code = link.split("code=").nth(1).unwrap();
        let page = self.post("/login", &[("code", code)]).await;
        if let Some(cookie) = page.headers.get(SET_COOKIE) {
            let cookie = cookie.to_str().unwrap();
            self.cookie = Some(cookie.split(';').next().unwrap().to_owned());
        }
        page
    }
}

/// The CSRF token of the page's first form.
pub fn csrf(body: &str) -> String {
    let at = body.find("name=\"csrf\" value=\"").unwrap() + "name=\"csrf\" value=\"".len();
    body[at..].split('"').next().unwrap().to_owned()
}

/// Sends `/web` in the chat and takes the link from the bot's answer.
pub async fn web_link(person: &mut Person) -> String {
    person.send("/web");
    let text = person.next_text().await;
    let at = text.find("http://").unwrap_or_else(|| panic!("no link in {text:?}"));
    text[at..].split_whitespace().next().unwrap().to_owned()
}

#[tokio::test]
async fn an_officer_signs_in_with_a_one_time_link_and_sees_the_board() {
    let tg = FakeTelegram::start().await;
    let (bot, period, mut admin) = period_in_every_state(&tg).await;
    let mut browser = Browser::new(&bot);
    // Nothing is shown without a session.
    let page = browser.get("/").await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.body.contains("/web"), "says how to sign in: {}", page.body);
    assert!(!page.body.contains("xã Ta Ma"));

    let link = web_link(&mut admin).await;
    let signed_in = browser.sign_in(&link).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    let cookie = signed_in.headers.get(SET_COOKIE).unwrap().to_str().unwrap().to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http on this machine: {cookie}");

    let home = browser.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("6 tháng đầu năm 2021"), "{}", home.body);
    assert!(home.body.contains("Đã gửi 3/"), "progress shown: {}", home.body);

    let board = browser.get(&format!("/periods/{}", period.0)).await;
    assert_eq!(board.status, StatusCode::OK);
    for expected in
        ["Ta Ma", "Pú Xi", "Nà Sáy", "Đúng hạn", "Quá hạn", "Chưa gửi", "không liên lạc được"]
    {
        assert!(board.body.contains(expected), "board shows {expected:?}");
    }
    // Filtered: only the units that have not reported.
    let missing = browser.get(&format!("/periods/{}?status=missing", period.0)).await;
    assert!(missing.body.contains("Nà Sáy") && !missing.body.contains(">xã Ta Ma<"));
    assert!(!missing.body.contains("Ta Ma</a>"), "a reported unit is filtered out");
    // By kind: the town only, and the kind offered under its name.
    let town = browser.get(&format!("/periods/{}?kind=town", period.0)).await;
    assert!(town.body.contains("Thị trấn Tuần Giáo") && !town.body.contains("Xã Nà Sáy"));
    assert!(town.body.contains("<option value=\"town\" selected>"), "{}", town.body);

    // The link worked once: a second use says so.
    let mut other = Browser::new(&bot);
    let again = other.sign_in(&link).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    assert!(again.body.contains("đã được dùng"), "{}", again.body);
    assert!(other.cookie.is_none());

    // Signing out ends the session here and on the server.
    let token = browser.cookie.clone();
    let out = browser.post("/logout", &[("csrf", &csrf(&home.body))]).await;
    assert_eq!(out.status, StatusCode::UNAUTHORIZED);
    assert!(out.body.contains("đã đăng xuất"));
    browser.cookie = token;
    assert_eq!(browser.get("/").await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_expired_or_forged_link_opens_nothing_and_reporters_get_no_link() {
    let tg = FakeTelegram::start().await;
    let (bot, _period, mut admin) = period_in_every_state(&tg).await;
    let link = web_link(&mut admin).await;
    bot.clock.set(bot.clock.now() + Duration::minutes(11));
    let mut browser = Browser::new(&bot);
    let page = browser.sign_in(&link).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.body.contains("hết hạn"), "{}", page.body);
    let forged = browser.post("/login", &[("code", "0123456789abcdef0123456789abcdef")]).await;
    assert!(forged.body.contains("không đúng"));
    let garbage = browser.post("/login", &[("code", "<script>alert(1)</script>")]).await;
    assert_eq!(garbage.status, StatusCode::UNAUTHORIZED);
    assert!(!garbage.body.contains("<script>alert"), "nothing typed is echoed unescaped");

    let mut chair = Person::new(&tg, 1001, "Chủ tịch X-TAMA", Some("vi"));
    chair.send("/web");
    let refused = chair.next_text().await;
    assert!(!refused.contains("http://"), "a reporter gets no link: {refused}");
    assert!(refused.contains("cán bộ"), "{refused}");
}

#[tokio::test]
async fn every_page_has_the_security_headers_and_forms_need_the_csrf_token() {
    let tg = FakeTelegram::start().await;
    let (bot, period, mut admin) = period_in_every_state(&tg).await;
    // A chair of a unit that has not reported, whom a nudge reaches.
    crate::report::join(&tg, &bot, 1005, "Chủ tịch X-MUNCHUNG", "X-MUNCHUNG", "vi").await;
    let mut browser = Browser::new(&bot);
    browser.sign_in(&web_link(&mut admin).await).await;
    let board = browser.get(&format!("/periods/{}", period.0)).await;
    let csp = board.headers.get("content-security-policy").unwrap().to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(board.headers.get("x-frame-options").unwrap(), "DENY");
    assert_eq!(board.headers.get("referrer-policy").unwrap(), "no-referrer");
    assert!(!board.body.contains("<script>"), "no inline script");

    // A nudge without the session's token is refused, and nothing is sent.
    let before = tg.calls_of("sendMessage").len();
    let forged = browser.post(&format!("/periods/{}/nudge", period.0), &[("csrf", "x")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(forged.body.contains("tải lại trang"));
    let none = browser.post(&format!("/periods/{}/nudge", period.0), &[]).await;
    assert_eq!(none.status, StatusCode::FORBIDDEN);
    assert_eq!(tg.calls_of("sendMessage").len(), before);
    // With it, the units that have not reported are reminded in Telegram.
    let nudged = browser
        .post(&format!("/periods/{}/nudge", period.0), &[("csrf", &csrf(&board.body))])
        .await;
    assert_eq!(nudged.status, StatusCode::SEE_OTHER);
    assert!(nudged.headers.get(LOCATION).unwrap().to_str().unwrap().ends_with("done=nudged"));
    tg.wait_for("the reminder to Mùn Chung", |tg| {
        tg.calls_of("sendMessage").into_iter().skip(before).find(|c| c.params["chat_id"] == 1005)
    })
    .await;

    // A body larger than any form is refused before it is read.
    let big = "x".repeat(200 * 1024);
    let page = browser.post(&format!("/periods/{}/nudge", period.0), &[("csrf", &big)]).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Unknown pages and periods are a polite 404.
    assert_eq!(browser.get("/periods/99999").await.status, StatusCode::NOT_FOUND);
    assert_eq!(browser.get("/nothing-here").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_officer_returns_a_report_from_the_browser_and_the_chair_hears_it() {
    let tg = FakeTelegram::start().await;
    let (bot, period, mut admin) = period_in_every_state(&tg).await;
    let mut browser = Browser::new(&bot);
    browser.sign_in(&web_link(&mut admin).await).await;
    let tama = crate::officer::unit(&bot, "X-TAMA").await;
    let path = format!("/periods/{}/units/{}", period.0, tama.0);
    let page = browser.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("12/15"), "the answers are shown: {}", page.body);
    let report = bot.store().report(PeriodId(period.0), tama).await.unwrap().unwrap();
    let form = |decision: &'static str, reason: &'static str, csrf: String| {
        let (period, unit) = (period.0.to_string(), tama.0.to_string());
        (decision, reason, csrf, period, unit)
    };
    let (decision, reason, token, p, u) =
        form("return", "Bổ sung số liệu chỉ tiêu 3", csrf(&page.body));
    let revision = report.revision.to_string();
    let fields = [
        ("csrf", token.as_str()),
        ("revision", revision.as_str()),
        ("period", p.as_str()),
        ("unit", u.as_str()),
        ("decision", decision),
        ("reason", reason),
    ];
    let done = browser.post(&format!("/reports/{}/decide", report.id.0), &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let after = browser.get(done.headers.get(LOCATION).unwrap().to_str().unwrap()).await;
    assert!(after.body.contains("Đã trả lại báo cáo"), "{}", after.body);
    assert!(after.body.contains("Bổ sung số liệu chỉ tiêu 3"));
    tg.wait_for("the chair to hear the reason", |tg| {
        tg.calls_of("sendMessage").into_iter().find(|c| {
            c.params["chat_id"] == 1001
                && c.params["text"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("Bổ sung số liệu chỉ tiêu 3")
        })
    })
    .await;
    // The same form again (a second click, or another officer's old page): nothing changes.
    let stale = browser.post(&format!("/reports/{}/decide", report.id.0), &fields).await;
    assert_eq!(stale.status, StatusCode::BAD_REQUEST);
    assert!(stale.body.contains("đã được xử lý"), "{}", stale.body);
}

#[tokio::test]
async fn documents_download_and_a_removed_officer_is_out_at_the_next_request() {
    let tg = FakeTelegram::start().await;
    let (bot, period, mut admin) = period_in_every_state(&tg).await;
    let mut browser = Browser::new(&bot);
    browser.sign_in(&web_link(&mut admin).await).await;
    let (status, headers, bytes) =
        browser.bytes(&format!("/periods/{}/export/docx", period.0)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.get(CONTENT_TYPE).unwrap().to_str().unwrap().contains("wordprocessingml"));
    let disposition = headers.get("content-disposition").unwrap().to_str().unwrap();
    assert!(disposition.contains("attachment") && disposition.contains(".docx"), "{disposition}");
    assert!(bytes.starts_with(b"PK"), "a zip (.docx)");
    let (status, _, bytes) = browser.bytes(&format!("/periods/{}/export/xlsx", period.0)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(bytes.starts_with(b"PK"));
    let (status, _, csv) = browser.bytes(&format!("/periods/{}/export/csv", period.0)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&csv).contains("Ta Ma"));
    let stats = browser.get("/stats?year=2021").await;
    assert_eq!(stats.status, StatusCode::OK);
    assert!(stats.body.contains("<svg") && stats.body.contains("Ta Ma"), "{}", stats.body);
    // A year typed wrong is said so, in a sentence.
    let typo = browser.get("/stats?year=2O21").await;
    assert_eq!(typo.status, StatusCode::BAD_REQUEST);
    assert!(typo.body.contains("Năm &quot;2O21&quot; không đúng"), "{}", typo.body);

    let me = bot.store().member_by_tg_user(900).await.unwrap().unwrap();
    bot.store().remove_member(me.id, baocao::store::Actor::Cli, bot.clock.now()).await.unwrap();
    let page = browser.get(&format!("/periods/{}", period.0)).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.body.contains("Phiên làm việc đã kết thúc"), "{}", page.body);
    let (status, _, _) = browser.bytes(&format!("/periods/{}/export/docx", period.0)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_officer_extends_closes_and_reopens_a_period_and_reads_in_english() {
    let tg = FakeTelegram::start().await;
    let (bot, period, mut admin) = period_in_every_state(&tg).await;
    crate::report::join(&tg, &bot, 1005, "Chủ tịch X-MUNCHUNG", "X-MUNCHUNG", "vi").await;
    let mut browser = Browser::new(&bot);
    browser.sign_in(&web_link(&mut admin).await).await;
    let board_path = format!("/periods/{}", period.0);
    let board = browser.get(&board_path).await;
    let token = csrf(&board.body);
    // A date that cannot be read is refused with the format to use; nothing changes.
    let bad = browser
        .post(&format!("{board_path}/extend"), &[("csrf", &token), ("due", "30/02/2021")])
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("30/02/2021"), "{}", bad.body);
    let moved = browser
        .post(&format!("{board_path}/extend"), &[("csrf", &token), ("due", "25/06/2021 17:00")])
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    let board = browser.get(&format!("{board_path}?done=extended")).await;
    assert!(board.body.contains("Hạn gửi: 25/06/2021 17:00") && board.body.contains("Đã gia hạn"));
    tg.wait_for("the unit not reported to hear of the new deadline", |tg| {
        tg.calls_of("sendMessage").into_iter().find(|c| {
            c.params["chat_id"] == 1005
                && c.params["text"].as_str().unwrap_or_default().contains("25/06/2021")
        })
    })
    .await;
    // Close, then reopen.
    let closed = browser.post(&format!("{board_path}/close"), &[("csrf", &token)]).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    let board = browser.get(&board_path).await;
    assert!(board.body.contains("Kỳ báo cáo đã đóng") && board.body.contains("Mở lại kỳ báo cáo"));
    assert!(!board.body.contains("Nhắc các đơn vị chưa gửi"), "no nudge on a closed period");
    browser.post(&format!("{board_path}/reopen"), &[("csrf", &token)]).await;
    assert!(browser.get(&board_path).await.body.contains("Kỳ báo cáo đang mở"));

    // English, for this officer here and in the chat.
    let switched =
        browser.post("/lang", &[("csrf", &token), ("lang", "en"), ("back", &board_path)]).await;
    assert_eq!(switched.headers.get(LOCATION).unwrap(), board_path.as_str());
    let board = browser.get(&board_path).await;
    assert!(board.body.contains("Remind the units that have not reported"), "{}", board.body);
    assert!(board.body.contains("Not sent") && board.body.contains("Tiếng Việt"));
    // A redirect elsewhere is never followed.
    let away = browser
        .post("/lang", &[("csrf", &token), ("lang", "vi"), ("back", "//evil.example/")])
        .await;
    assert_eq!(away.headers.get(LOCATION).unwrap(), "/");
}

#[tokio::test]
async fn an_admin_removes_a_reporter_and_prints_the_invitations_of_units_without_one() {
    let tg = FakeTelegram::start().await;
    let (bot, _period, mut admin) = period_in_every_state(&tg).await;
    let mut browser = Browser::new(&bot);
    browser.sign_in(&web_link(&mut admin).await).await;
    let people = browser.get("/members").await;
    assert!(people.body.contains("Chủ tịch X-PUXI") && people.body.contains("Người báo cáo"));
    let puxi = bot.store().member_by_tg_user(1002).await.unwrap().unwrap();
    let token = csrf(&people.body);
    let removed =
        browser.post(&format!("/members/{}/remove", puxi.id.0), &[("csrf", &token)]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert!(!browser.get("/members").await.body.contains("Chủ tịch X-PUXI"));
    assert!(bot.store().member_by_tg_user(1002).await.unwrap().is_none());
    // The admin stays: admins are the configuration's.
    let me = bot.store().member_by_tg_user(900).await.unwrap().unwrap();
    let refused = browser.post(&format!("/members/{}/remove", me.id.0), &[("csrf", &token)]).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);

    let units = browser.get("/units").await;
    assert!(units.body.contains("16/19"), "{}", units.body);
    let (status, headers, pdf) = {
        let page = browser.post("/invites", &[("csrf", &token)]).await;
        (page.status, page.headers, page.body)
    };
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers.get(CONTENT_TYPE).unwrap(), "application/pdf");
    assert!(pdf.starts_with("%PDF"));
    let invites = bot.store().list_invites(false, bot.clock.now()).await.unwrap();
    assert!(invites.len() >= 16, "one new invitation per unit without a reporter");
    // They are listed, without their codes.
    let units = browser.get("/units").await;
    let count = format!("Link mời chưa dùng, còn hạn: {}", invites.len());
    assert!(units.body.contains(&count), "{}", units.body);
    assert!(units.body.contains("X-MUNCHUNG") && !units.body.contains("start="));
}

#[tokio::test]
async fn a_reports_file_comes_through_the_server_and_a_revision_shows_what_changed() {
    let tg = FakeTelegram::start().await;
    let (bot, period, mut admin) = period_in_every_state(&tg).await;
    let mut browser = Browser::new(&bot);
    browser.sign_in(&web_link(&mut admin).await).await;
    let unit = |code: &'static str| {
        let bot = &bot;
        async move { crate::officer::unit(bot, code).await.0 }
    };
    let tama = format!("/periods/{}/units/{}", period.0, unit("X-TAMA").await);
    // Ta Ma attached its signed report (file id "doc-1001" at Telegram).
    let page = browser.get(&tama).await;
    assert!(page.body.contains("📎 bao-cao.pdf"), "{}", page.body);
    // Telegram does not have it (yet): said politely, nothing broken.
    let missing = browser.get(&format!("{tama}/file/6")).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert!(missing.body.contains("Chưa tải được tệp"), "{}", missing.body);
    tg.put_file("doc-1001", "bao-cao.pdf", b"%PDF-1.4 signed report".to_vec());
    let (status, headers, bytes) = browser.bytes(&format!("{tama}/file/6")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bytes, b"%PDF-1.4 signed report");
    assert_eq!(headers.get(CONTENT_TYPE).unwrap(), "application/pdf");
    assert!(headers.get("content-disposition").unwrap().to_str().unwrap().contains("bao-cao.pdf"));
    // A file whose phone declared it a web page is handed out as bytes, never as a page of this site.
    let nasay_member = bot.store().member_by_tg_user(1003).await.unwrap().unwrap();
    let nasay_unit = nasay_member.unit_id.unwrap();
    let mut draft = baocao::domain::Draft::default();
    for (key, answer) in [
        ("ket_qua", Answer::Text { text: "Kết quả".into() }),
        ("chi_tieu", Answer::Fraction { num: 1, den: 2 }),
        ("phong_trao", Answer::Number { value: 1 }),
        ("dien_hinh", Answer::Number { value: 1 }),
    ] {
        draft.answers.insert(key.into(), answer);
    }
    let file = baocao::domain::FileRef {
        file_id: "html-1003".into(),
        file_unique_id: "u-html".into(),
        name: Some("bao-cao.pdf".into()),
        mime: Some("text/html".into()),
        size: Some(40),
        photo: false,
    };
    draft.answers.insert("van_ban".into(), Answer::File { file });
    let now = bot.clock.now();
    bot.store().save_draft(period, nasay_unit, nasay_member.id, &draft, now).await.unwrap();
    bot.store().submit_report(period, nasay_unit, nasay_member.id, now).await.unwrap().unwrap();
    tg.put_file("html-1003", "bao-cao.pdf", b"<script>alert(1)</script>".to_vec());
    let nasay = format!("/periods/{}/units/{}", period.0, nasay_unit.0);
    let (status, headers, _) = browser.bytes(&format!("{nasay}/file/6")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers.get(CONTENT_TYPE).unwrap(), "application/octet-stream");

    // A question that holds no file, and a unit that sent nothing: not found.
    assert_eq!(browser.get(&format!("{tama}/file/0")).await.status, StatusCode::NOT_FOUND);
    let muongmun = format!("/periods/{}/units/{}", period.0, unit("X-MUONGMUN").await);
    assert_eq!(browser.get(&muongmun).await.status, StatusCode::NOT_FOUND);

    // Pú Xi's report is returned and revised: the page shows both revisions and marks what
    // changed.
    let puxi_id = unit("X-PUXI").await;
    let puxi = format!("/periods/{}/units/{puxi_id}", period.0);
    let page = browser.get(&puxi).await;
    let report =
        bot.store().report(period, baocao::domain::UnitId(puxi_id)).await.unwrap().unwrap();
    let (p, u) = (period.0.to_string(), puxi_id.to_string());
    let form = [
        ("csrf", csrf(&page.body)),
        ("revision", "1".to_owned()),
        ("period", p),
        ("unit", u),
        ("decision", "return".to_owned()),
        ("reason", "Số phong trào chưa đúng".to_owned()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let returned = browser.post(&format!("/reports/{}/decide", report.id.0), &form).await;
    assert_eq!(returned.status, StatusCode::SEE_OTHER);
    crate::officer::submit(&bot, period, 1002, 7, (5, 10), false).await;
    let page = browser.get(&puxi).await;
    assert!(page.body.contains("lần 1 → lần 2"), "{}", page.body);
    assert!(page.body.contains("đã sửa"));
    assert_eq!(page.body.matches("class=\"changed\"").count(), 1, "only the movements changed");
}

/// A `multipart/form-data` body, as a browser sends a form with a file.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "----baocaotestboundary7f3a";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

impl Browser {
    pub async fn post_multipart(&self, path: &str, (kind, body): (String, Vec<u8>)) -> Page {
        let mut request = self.client.post(self.url(path)).header(CONTENT_TYPE, kind).body(body);
        if let Some(c) = &self.cookie {
            request = request.header(COOKIE, c);
        }
        Browser::page(request.send().await.unwrap()).await
    }
}

#[tokio::test]
async fn an_officer_opens_a_period_with_its_letter_and_the_units_are_told() {
    let tg = FakeTelegram::start().await;
    let (bot, _period, mut admin) = period_in_every_state(&tg).await;
    let mut browser = Browser::new(&bot);
    browser.sign_in(&web_link(&mut admin).await).await;
    let form = browser.get("/periods/new").await;
    assert!(form.body.contains("enctype=\"multipart/form-data\"") && form.body.contains("thi-dua"));
    let token = csrf(&form.body);
    // A year that is not one: refused, said why.
    let bad = browser
        .post_multipart(
            "/periods",
            multipart(&[("csrf", &token), ("cadence", "q"), ("part", "3"), ("year", "hai")], None),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("Năm &quot;hai&quot; không đúng"), "{}", bad.body);
    // A kind of period the form never offers (a forged field): refused as such, not read as ad hoc.
    let forged_kind = browser
        .post_multipart("/periods", multipart(&[("csrf", &token), ("cadence", "weekly")], None))
        .await;
    assert_eq!(forged_kind.status, StatusCode::BAD_REQUEST);
    assert!(forged_kind.body.contains("Không đọc được biểu mẫu"), "{}", forged_kind.body);
    // Without the session's token: refused.
    let forged = browser
        .post_multipart("/periods", multipart(&[("csrf", "x"), ("cadence", "a")], None))
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // An ad-hoc deadline on a Sunday is warned of, and opened once the officer insists.
    let adhoc = [
        ("csrf", token.as_str()),
        ("cadence", "adhoc"),
        ("title", "Báo cáo chuyên đề chuyển đổi số"),
        ("from", "01/06/2021"),
        ("to", "15/06/2021"),
        ("template", "thi-dua-2021"),
        ("due", "20/06/2021 17:00"),
    ];
    let warned = browser.post_multipart("/periods", multipart(&adhoc, None)).await;
    assert_eq!(warned.status, StatusCode::BAD_REQUEST);
    assert!(warned.body.contains("Vẫn mở"), "{}", warned.body);
    // The form comes back with what was typed, the problem on top.
    assert!(warned.body.contains("id=\"problem\""), "{}", warned.body);
    assert!(warned.body.contains("value=\"Báo cáo chuyên đề chuyển đổi số\""));
    assert!(warned.body.contains("value=\"20/06/2021 17:00\""));
    assert!(warned.body.contains("<option value=\"adhoc\" selected>"));
    let mut insist = adhoc.to_vec();
    insist.push(("anyway", "1"));
    let letter: &[u8] = b"%PDF-1.4 cong van";
    let opened = browser
        .post_multipart("/periods", multipart(&insist, Some(("cong-van.pdf", letter))))
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);
    let board = browser.get(opened.headers.get(LOCATION).unwrap().to_str().unwrap()).await;
    assert!(board.body.contains("Báo cáo chuyên đề chuyển đổi số") && board.body.contains("Đã mở"));
    // Every chair is told, with the letter.
    tg.wait_for("the letter to reach Ta Ma", |tg| {
        tg.calls_of("sendDocument").into_iter().find(|c| c.params["chat_id"] == 1001)
    })
    .await;
}

#[tokio::test]
async fn someone_signed_out_reads_the_page_in_their_browsers_language() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let base = Browser::new(&bot).base;
    let page = |lang: &'static str| {
        let (client, url) = (client.clone(), format!("{base}/"));
        async move {
            let response = client.get(url).header("accept-language", lang).send().await.unwrap();
            response.text().await.unwrap()
        }
    };
    assert!(page("en-US,en;q=0.9").await.contains("You are not signed in"));
    assert!(page("vi-VN,vi;q=0.9,en;q=0.5").await.contains("Đồng chí chưa đăng nhập"));
}
