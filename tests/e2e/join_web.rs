//! Joining by invitation in a browser: the same invitation as the Telegram link, used once, for
//! a person with only an e-mail address, who is signed in on that browser at once.

use baocao::domain::contact::EMAIL;
use reqwest::StatusCode;

use crate::form::location;
use crate::support::fake_telegram::BOT_USERNAME;
use crate::support::{FakeTelegram, Person, TestBot};
use crate::web::Browser;

#[tokio::test]
async fn a_chair_joins_in_the_browser_with_the_invitation_and_lands_on_their_unit() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let code = bot.reporter_invite("X-TAMA").await;
    let mut browser = Browser::new(&bot);
    let path = format!("/join?code={}", code.as_str());

    // Link previews (a chat app, a mail scanner) open it from elsewhere first: the person it was
    // sent to may still use it.
    for preview in ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5"] {
        let seen = browser.get_from(&path, &[("x-forwarded-for", preview)]).await;
        assert_eq!(seen.status, StatusCode::OK, "opened from {preview}");
    }
    let page = browser.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("người báo cáo của xã Ta Ma"), "{}", page.body);
    // A wrong address: the form again, what was typed kept, the invitation unused.
    let form = |email: &'static str| {
        vec![
            ("code", code.as_str().to_owned()),
            ("name", "Lò Văn Hùng".into()),
            ("position", "Chủ tịch UBND xã".into()),
            ("email", email.to_owned()),
        ]
    };
    let bad = post(&browser, "/join", form("hung@")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("không phải địa chỉ e-mail hợp lệ"), "{}", bad.body);
    assert!(bad.body.contains("value=\"Lò Văn Hùng\""), "what was typed is kept");

    let joined = post(&browser, "/join", form("Hung.TaMa@DienBien.gov.vn")).await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    assert_eq!(location(&joined), "/f?joined=1");
    let cookie = joined.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.starts_with("baocao_form=") && cookie.contains("HttpOnly"), "{cookie}");
    browser.cookie = Some(cookie.split(';').next().unwrap().to_owned());
    let home = browser.get("/f?joined=1").await;
    assert!(
        home.body.contains("Chào mừng đồng chí Lò Văn Hùng")
            && home.body.contains("người báo cáo của xã Ta Ma"),
        "{}",
        home.body
    );

    let member = bot
        .store()
        .member_by_contact(&baocao::domain::Contact::email("hung.tama@dienbien.gov.vn"))
        .await
        .unwrap();
    let member = member.expect("registered under the address, in lower case");
    assert_eq!(
        (member.full_name.as_str(), member.position.as_deref()),
        ("Lò Văn Hùng", Some("Chủ tịch UBND xã"))
    );
    assert!(member.tg_user_id.is_none() && member.contact(EMAIL).is_some());

    // Used once: the same link now says so, and nobody else joins with it.
    let again = Browser::new(&bot).get(&path).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert!(again.body.contains("đã được sử dụng"), "{}", again.body);
    // Another invitation with an address already taken: refused, the invitation kept for its holder.
    let other = bot.reporter_invite("X-PUXI").await;
    let taken = vec![
        ("code", other.as_str().to_owned()),
        ("name", "Quàng Văn Pú".into()),
        ("position", String::new()),
        ("email", "hung.tama@dienbien.gov.vn".into()),
    ];
    let refused = post(&Browser::new(&bot), "/join", taken).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("đã được một người dùng khác đăng ký"), "{}", refused.body);
    let fine = vec![
        ("code", other.as_str().to_owned()),
        ("name", "Quàng Văn Pú".into()),
        ("position", String::new()),
        ("email", "pu@dienbien.gov.vn".into()),
    ];
    assert_eq!(
        post(&Browser::new(&bot), "/join", fine).await.status,
        StatusCode::SEE_OTHER,
        "the invitation was not used up"
    );
}

/// An invitation cannot take the address of an admin of the configuration (whose sign-in links
/// would then open someone else's form), even before the admin first signed in.
#[tokio::test]
async fn an_invitation_cannot_take_an_admins_address() {
    let tg = FakeTelegram::start().await;
    let bot =
        TestBot::builder(&tg).env("BAOCAO_ADMINS", "900,giamdoc@snv.dienbien.gov.vn").start().await;
    let code = bot.reporter_invite("X-TAMA").await;
    let form = |email: &str| {
        vec![
            ("code", code.as_str().to_owned()),
            ("name", "Lò Văn Hùng".into()),
            ("position", String::new()),
            ("email", email.to_owned()),
        ]
    };
    let refused = post(&Browser::new(&bot), "/join", form("GiamDoc@snv.dienbien.gov.vn")).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("đã được một người dùng khác đăng ký"), "{}", refused.body);
    let own = post(&Browser::new(&bot), "/join", form("hung@tama.dienbien.gov.vn")).await;
    assert_eq!(own.status, StatusCode::SEE_OTHER, "the invitation is still good: {}", own.body);
}

async fn post(browser: &Browser, path: &str, form: Vec<(&str, String)>) -> crate::web::Page {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    browser.post(path, &pairs).await
}

#[tokio::test]
async fn an_admin_adds_a_chair_by_email_and_signs_a_lost_phone_out() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let machine = baocao::actions::Operator::at_the_machine();
    let mut desk = Browser::new(&bot);
    desk.sign_in(&baocao::actions::web::admin_link(bot.app(), &machine).await.unwrap()).await;
    let people = desk.get("/members").await;
    let token = crate::web::csrf(&people.body);
    assert!(people.body.contains("Thêm người dùng"), "{}", people.body);

    let form = [
        ("csrf", token.as_str()),
        ("name", "Quàng Văn Pú"),
        ("position", "Chủ tịch UBND xã"),
        ("email", "pu@puxi.dienbien.gov.vn"),
        ("role", "reporter"),
        ("unit", "X-PUXI"),
    ];
    let added = desk.post("/members/add", &form).await;
    assert_eq!(location(&added), "/members?done=added");
    let people = desk.get("/members?done=added").await;
    assert!(
        people.body.contains("Đã thêm người dùng.")
            && people.body.contains("pu@puxi.dienbien.gov.vn"),
        "{}",
        people.body
    );
    let again = desk.post("/members/add", &form).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "the same address twice");
    assert!(again.body.contains("pu@puxi.dienbien.gov.vn"), "{}", again.body);

    // The chair signs in on a phone; the phone is lost; the admin signs them out everywhere.
    let pu = bot
        .store()
        .member_by_contact(&baocao::domain::Contact::email("pu@puxi.dienbien.gov.vn"))
        .await
        .unwrap()
        .unwrap();
    let mut phone = Browser::new(&bot);
    phone
        .sign_in(&baocao::actions::web::login_link_for(bot.app(), &machine, pu.id).await.unwrap())
        .await;
    assert_eq!(phone.get("/f").await.status, StatusCode::OK);
    let people = desk.get("/members").await;
    assert!(
        people.body.contains(&format!("/members/{}/sign-out", pu.id.0)),
        "a session to end is offered"
    );
    let ended = desk.post(&format!("/members/{}/sign-out", pu.id.0), &[("csrf", &token)]).await;
    assert_eq!(location(&ended), "/members?done=signed-out");
    let after = phone.get("/f").await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED, "the lost phone is signed out");
    assert!(after.body.contains("Phiên đăng nhập trên máy này đã kết thúc"), "{}", after.body);
    let still = bot.store().member_by_id(pu.id).await.unwrap().unwrap();
    assert!(still.active, "they keep their role");
}

#[tokio::test]
async fn the_console_answers_the_office_network_only_while_the_form_answers_everyone() {
    let tg = FakeTelegram::start().await;
    let bot =
        TestBot::builder(&tg).env("BAOCAO_CONSOLE_FROM", "10.0.0.0/8, 192.168.1.7").start().await;
    let browser = Browser::new(&bot);
    // Behind a reverse proxy on this machine: the address it forwards is the one that counts.
    let from = |ip: &'static str| [("x-forwarded-for", ip)];
    let get = |path: &'static str, ip: &'static str| {
        let b = &browser;
        async move { b.get_from(path, &from(ip)).await }
    };
    let outside = get("/", "203.0.113.9").await;
    assert_eq!(outside.status, StatusCode::FORBIDDEN);
    assert!(
        outside.body.contains("chỉ truy cập được từ mạng nội bộ của cơ quan"),
        "{}",
        outside.body
    );
    for console in ["/members", "/periods/1", "/healthz", "/stats"] {
        assert_eq!(get(console, "203.0.113.9").await.status, StatusCode::FORBIDDEN, "{console}");
    }
    assert_eq!(
        get("/", "10.20.30.40").await.status,
        StatusCode::UNAUTHORIZED,
        "the office: sign in"
    );
    assert_eq!(get("/", "192.168.1.7").await.status, StatusCode::UNAUTHORIZED);
    for public in ["/f", "/login", "/static/app.css"] {
        assert_ne!(get(public, "203.0.113.9").await.status, StatusCode::FORBIDDEN, "{public}");
    }
    let code = bot.reporter_invite("X-TAMA").await;
    let join = format!("/join?code={}", code.as_str());
    let page = browser.get_from(&join, &from("203.0.113.9")).await;
    assert_eq!(page.status, StatusCode::OK, "an invitation opens from anywhere");
}

/// With the site at a public address, `/moi` hands over the join page's link beside the bot's,
/// with one code (the browser's works), and the console's printable sheet carries both links of
/// every unit, each on its QR code and in text.
#[tokio::test]
async fn with_a_public_site_moi_and_the_console_sheet_give_the_join_page_beside_the_bot() {
    const SITE: &str = "https://baocao.snv.example.vn/";
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[900]).env("BAOCAO_WEB_URL", SITE).start().await;
    let mut admin = Person::new(&tg, 900, "Trưởng phòng", Some("vi"));
    admin.send("/start");
    admin.next_message().await;
    admin.send("/moi X-TAMA");
    let text = admin.next_text().await;
    let bot_link = format!("https://t.me/{BOT_USERNAME}?start=");
    let at = text.find(&bot_link).unwrap_or_else(|| panic!("{text}")) + bot_link.len();
    let code: String = text[at..].chars().take_while(char::is_ascii_alphanumeric).collect();
    assert!(text.contains(&format!("{SITE}join?code={code}")), "{text}");
    assert!(text.contains("Qua trình duyệt (không cần Telegram)"), "{text}");
    let page = Browser::new(&bot).get(&format!("/join?code={code}")).await;
    assert!(page.body.contains("người báo cáo của xã Ta Ma"), "{}", page.body);

    let machine = baocao::actions::Operator::at_the_machine();
    let link = baocao::actions::web::admin_link(bot.app(), &machine).await.unwrap();
    let mut desk = Browser::new(&bot);
    desk.sign_in(link.trim_start_matches(SITE.trim_end_matches('/'))).await;
    let token = crate::web::csrf(&desk.get("/units").await.body);
    let sheet = desk.post("/invites", &[("csrf", token.as_str())]).await;
    assert_eq!(sheet.status, StatusCode::OK);
    let pages = sheet.body.matches("/Type /Page\n").count();
    assert!(pages >= 18, "a page per unit without a reporter: {pages}");
    let opens = |prefix: &str| sheet.body.matches(&format!("/URI ({prefix}")).count();
    assert_eq!(opens(&bot_link), 2 * pages, "each page's bot link, on its code and in text");
    assert_eq!(opens(&format!("{SITE}join?code=")), 2 * pages, "and its join page's");
}
