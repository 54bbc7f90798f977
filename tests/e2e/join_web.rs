//! Joining by invitation in a browser: the same invitation as the Telegram link, used once, for
//! a person with only an e-mail address, who is signed in on that browser at once.

use baocao::domain::contact::EMAIL;
use reqwest::StatusCode;

use crate::form::location;
use crate::support::{FakeTelegram, TestBot};
use crate::web::Browser;

#[tokio::test]
async fn a_chair_joins_in_the_browser_with_the_invitation_and_lands_on_their_unit() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let code = bot.reporter_invite("X-TAMA").await;
    let mut browser = Browser::new(&bot);
    let path = format!("/join?code={}", code.as_str());

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
    assert!(bad.body.contains("không phải địa chỉ thư điện tử hợp lệ"), "{}", bad.body);
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
    assert!(refused.body.contains("đã là của một người dùng khác"), "{}", refused.body);
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

async fn post(browser: &Browser, path: &str, form: Vec<(&str, String)>) -> crate::web::Page {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    browser.post(path, &pairs).await
}
