//! The holes a security read of the console found, each tried again as it was reproduced against
//! the release binary: every test here failed on the code before its fix.

use baocao::actions::invite::Whom;
use baocao::domain::{Answer, Clock, PeriodId};
use baocao::i18n::{t, Lang, Msg};
use chrono::Duration;
use reqwest::header::{LOCATION, SET_COOKIE};
use reqwest::StatusCode;
use serde_json::json;

use crate::officer::period_in_every_state;
use crate::support::{FakeTelegram, Person};
use crate::web::{csrf, web_link, Browser};

/// An officer registered by an invite made at the machine, who has opened the chat.
async fn officer_by_invite(tg: &FakeTelegram, bot: &crate::support::TestBot, id: i64) -> Person {
    let code = bot.invite(Whom::Officer).await;
    let mut officer = Person::new(tg, id, "Cán bộ theo dõi", Some("vi"));
    officer.send(&format!("/start {}", code.as_str()));
    officer.next_message().await;
    officer.send("Đỗ Thị Lan");
    officer.next_message().await;
    officer.send("Chuyên viên");
    officer.next_message().await;
    officer
}

/// 1. A removed officer's browser session came back: sessions were deleted only when presented,
/// and a re-join re-activates the same member, so the old cookie worked again.
#[tokio::test]
async fn a_removed_officers_session_stays_ended_when_they_are_invited_again() {
    let tg = FakeTelegram::start().await;
    let (bot, _period, mut admin) = period_in_every_state(&tg).await;
    let mut officer = officer_by_invite(&tg, &bot, 951).await;
    let mut theirs = Browser::new(&bot);
    theirs.sign_in(&web_link(&mut officer).await).await;
    // A second link, asked for but not used yet.
    let unused = web_link(&mut officer).await;
    assert_eq!(theirs.get("/").await.status, StatusCode::OK);

    let mut admins = Browser::new(&bot);
    admins.sign_in(&web_link(&mut admin).await).await;
    let people = admins.get("/members").await;
    let member = bot.store().member_by_tg_user(951).await.unwrap().unwrap();
    let removed = admins
        .post(&format!("/members/{}/remove", member.id.0), &[("csrf", &csrf(&people.body))])
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);

    // Invited again: the same person, the same member row, active again.
    officer_by_invite(&tg, &bot, 951).await;
    assert_eq!(bot.store().member_by_tg_user(951).await.unwrap().unwrap().id, member.id);
    let old_cookie = theirs.get("/").await;
    assert_eq!(old_cookie.status, StatusCode::UNAUTHORIZED, "the old session is gone for good");
    let mut later = Browser::new(&bot);
    let refused = later.sign_in(&unused).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(refused.body.contains(&t(Lang::Vi, "web-login-unknown")), "{}", refused.body);
}

/// 2. A chair's file was taken if its type *or* its extension was allowed: `bao-cao.exe`
/// declared as a PDF was accepted.
#[tokio::test]
async fn a_file_whose_name_and_type_disagree_is_refused_in_the_chat() {
    let tg = FakeTelegram::start().await;
    let bot = crate::support::TestBot::start(&tg).await;
    crate::report::open_first_half(&bot, baocao::domain::Audience::AllActive).await;
    let mut chair = crate::report::join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    crate::report::start_report(&mut chair).await;
    // To the file question, the seventh of the 2021 form.
    for answer in ["Kết quả", "12/15", "3", "2", "-", "-"] {
        crate::report::reply(&mut chair, answer).await;
    }
    chair.send_raw(json!({ "document": { "file_id": "exe", "file_unique_id": "ux", "file_name": "bao-cao.exe", "mime_type": "application/pdf", "file_size": 2000 } }));
    let refused = chair.next_text().await;
    assert!(refused.starts_with(&t(Lang::Vi, "answer-err-file-type")), "{refused}");
    let draft = bot.draft_of(PeriodId(1), "X-TAMA", 1001).await;
    assert!(!draft.answers.contains_key("van_ban"), "nothing was kept");
}

/// 3. A noncharacter in an answer made the compiled `.docx` not well-formed (Word refuses the
/// whole period's report): text is cleaned where it enters.
#[tokio::test]
async fn a_noncharacter_typed_in_an_answer_never_reaches_a_document() {
    let tg = FakeTelegram::start().await;
    let bot = crate::support::TestBot::start(&tg).await;
    let period = crate::report::open_first_half(&bot, baocao::domain::Audience::AllActive).await;
    let mut chair = crate::report::join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    crate::report::start_report(&mut chair).await;
    crate::report::reply(&mut chair, "Kết quả\u{FFFF} nổi bật\u{FDD0}").await;
    let draft = bot.draft_of(period, "X-TAMA", 1001).await;
    assert_eq!(draft.answers["ket_qua"], Answer::Text { text: "Kết quả nổi bật".into() });
}

/// 4. A closed period could be extended from the console: its deadline changed, an event was
/// recorded, the units were told.
#[tokio::test]
async fn the_console_does_not_move_the_deadline_of_a_closed_period() {
    let tg = FakeTelegram::start().await;
    let (bot, period, mut admin) = period_in_every_state(&tg).await;
    let mut browser = Browser::new(&bot);
    browser.sign_in(&web_link(&mut admin).await).await;
    let board = browser.get(&format!("/periods/{}", period.0)).await;
    let token = csrf(&board.body);
    let closed = browser.post(&format!("/periods/{}/close", period.0), &[("csrf", &token)]).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    let before = bot.store().period(period).await.unwrap().unwrap().due_at;
    let extend = format!("/periods/{}/extend", period.0);
    let page = browser.post(&extend, &[("csrf", &token), ("due", "25/06/2021 17:00")]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let why = Msg::new("err-period-closed-extend").arg("id", period.0.to_string());
    assert!(page.body.contains(&why.render(Lang::Vi)), "{}", page.body);
    assert_eq!(bot.store().period(period).await.unwrap().unwrap().due_at, before);
    let events = bot.store().recent_events(Some("period.extended"), 5).await.unwrap();
    assert!(events.is_empty());
}

/// 5. `POST /login` had no Origin / Sec-Fetch-Site check: another site could sign a victim's
/// browser into the attacker's account (login CSRF); every POST is checked now.
#[tokio::test]
async fn a_form_posted_from_another_site_is_refused_before_it_is_read() {
    let tg = FakeTelegram::start().await;
    let (bot, period, mut admin) = period_in_every_state(&tg).await;
    let browser = Browser::new(&bot);
    let link = web_link(&mut admin).await;
    let code = link.split("code=").nth(1).unwrap();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .unwrap();
    let login = format!("{}/login", browser.base);
    for (header, value) in [("sec-fetch-site", "cross-site"), ("origin", "http://evil.example")] {
        let posted =
            client.post(&login).header(header, value).form(&[("code", code)]).send().await.unwrap();
        assert_eq!(posted.status(), StatusCode::FORBIDDEN, "{header}: {value}");
        assert!(posted.headers().get(SET_COOKIE).is_none());
    }
    // The link was not used up by the refused posts: from the bot's own page it signs in.
    let own = client
        .post(&login)
        .header("sec-fetch-site", "same-origin")
        .form(&[("code", code)])
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), StatusCode::SEE_OTHER);
    let cookie = own.headers().get(SET_COOKIE).unwrap().to_str().unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    // A signed-in officer's form, posted by another site with the right token, is refused too.
    let board = client
        .get(format!("{}/periods/{}", browser.base, period.0))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    let token = csrf(&board.text().await.unwrap());
    let nudge = client
        .post(format!("{}/periods/{}/nudge", browser.base, period.0))
        .header("cookie", &cookie)
        .header("sec-fetch-site", "same-site")
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(nudge.status(), StatusCode::FORBIDDEN);
}

/// 6. The language switch's `back` accepted `/\t/evil.example/x`, and Chromium followed it off
/// the site.
#[tokio::test]
async fn the_language_switch_returns_only_to_a_page_of_this_site() {
    let tg = FakeTelegram::start().await;
    let (bot, _period, mut admin) = period_in_every_state(&tg).await;
    let mut browser = Browser::new(&bot);
    browser.sign_in(&web_link(&mut admin).await).await;
    let token = csrf(&browser.get("/").await.body);
    let elsewhere =
        ["/\t/evil.example/x", "//evil.example", "/\\evil.example", "https://evil.example", "/a b"];
    for back in elsewhere {
        let page = browser.post("/lang", &[("csrf", &token), ("lang", "vi"), ("back", back)]).await;
        assert_eq!(page.headers.get(LOCATION).unwrap(), "/", "{back:?}");
    }
    let back = "/stats?year=2021";
    let page = browser.post("/lang", &[("csrf", &token), ("lang", "vi"), ("back", back)]).await;
    assert_eq!(page.headers.get(LOCATION).unwrap(), "/stats?year=2021");
}

/// 8. Expired sign-in links and sessions were never deleted: the scheduler prunes them.
#[tokio::test]
async fn expired_sessions_and_links_are_deleted_by_the_scheduler() {
    let tg = FakeTelegram::start().await;
    let (bot, _period, mut admin) = period_in_every_state(&tg).await;
    let mut browser = Browser::new(&bot);
    browser.sign_in(&web_link(&mut admin).await).await;
    web_link(&mut admin).await; // asked for, never used
    let count = || async {
        let db = bot.config.database.clone();
        let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&format!(
            "sqlite://{}",
            db.display()
        ))
        .await
        .unwrap();
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM web_sessions) + (SELECT COUNT(*) FROM web_logins)",
        )
        .fetch_one(&mut conn)
        .await
        .unwrap();
        n
    };
    assert_eq!(count().await, 3, "a session, its used link, the unused one");
    let later = bot.clock.now() + Duration::hours(11);
    bot.clock.set(later);
    bot.tick_at(later).await;
    assert_eq!(count().await, 0);
}
