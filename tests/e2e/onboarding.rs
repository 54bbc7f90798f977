//! Joining the bot by invite, admin bootstrap, language, help, and what is refused.

use baocao::actions::invite::Whom;
use baocao::domain::{InviteCode, Role, UnitCode};
use baocao::i18n::{t, Lang, Msg};
use chrono::Duration;
use serde_json::Value;

use crate::report::join;
use crate::support::fake_telegram::BOT_USERNAME;
use crate::support::{FakeTelegram, Person, TestBot};

const ADMIN: i64 = 900;

async fn reporter_invite(bot: &TestBot, unit: &str) -> InviteCode {
    bot.reporter_invite(unit).await
}

fn welcome_reporter(name: &str, unit: &str, lang: Lang) -> String {
    let welcome = crate::support::district(Msg::new("welcome-reporter"))
        .arg("name", name)
        .arg("unit", unit)
        .render(lang);
    crate::support::asking_name(welcome, lang)
}

fn guest(id: i64, lang: Lang) -> String {
    crate::support::district(Msg::new("welcome-unknown")).arg("id", id.to_string()).render(lang)
}

use baocao::domain::Clock;

#[tokio::test]
async fn chair_joins_by_invite_in_vietnamese_and_gets_the_reporter_menu() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let code = reporter_invite(&bot, "X-TAMA").await;
    let mut chair = Person::new(&tg, 1001, "Lò Văn Minh", Some("vi"));
    chair.send(&format!("/start {}", code.as_str()));
    assert_eq!(chair.next_text().await, welcome_reporter("Lò Văn Minh", "xã Ta Ma", Lang::Vi));

    let member = bot.store().member_by_tg_user(1001).await.unwrap().unwrap();
    assert_eq!(member.role, Role::Reporter);
    assert_eq!(member.lang, Lang::Vi);
    let tama =
        bot.store().unit_by_code(&UnitCode::parse("X-TAMA").unwrap()).await.unwrap().unwrap();
    assert_eq!(member.unit_id, Some(tama.id));

    let menu = tg
        .wait_for("the chair's menu", |tg| {
            tg.calls_of("setMyCommands")
                .into_iter()
                .find(|c| c.params.pointer("/scope/chat_id") == Some(&Value::from(1001)))
        })
        .await;
    let commands: Vec<&str> = menu.params["commands"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["command"].as_str())
        .collect();
    assert!(commands.contains(&"help") && !commands.contains(&"moi"), "{commands:?}");
    let events = bot.store().recent_events(Some("invite.redeemed"), 5).await.unwrap();
    assert_eq!(events.len(), 1);
}

#[tokio::test]
async fn chair_with_english_telegram_is_welcomed_in_english() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let code = reporter_invite(&bot, "X-QUAICANG").await;
    let mut chair = Person::new(&tg, 1002, "Minh", Some("en-GB"));
    chair.send(&format!("/start {}", code.as_str()));
    assert_eq!(chair.next_text().await, welcome_reporter("Minh", "xã Quài Cang", Lang::En));
    assert_eq!(bot.store().member_by_tg_user(1002).await.unwrap().unwrap().lang, Lang::En);
}

#[tokio::test]
async fn expired_used_and_unknown_codes_are_explained() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let code = reporter_invite(&bot, "X-TAMA").await;

    let mut first = Person::new(&tg, 1101, "Người thứ nhất", Some("vi"));
    first.send(&format!("/start {}", code.as_str()));
    first.next_message().await;

    let mut second = Person::new(&tg, 1102, "Người thứ hai", Some("vi"));
    second.send(&format!("/start {}", code.as_str()));
    let used = crate::support::district(Msg::new("invite-used")).arg("id", "1102").render(Lang::Vi);
    assert_eq!(second.next_text().await, used);

    second.send("/start khong-phai-ma");
    assert_eq!(
        second.next_text().await,
        crate::support::district(Msg::new("invite-unknown")).arg("id", "1102").render(Lang::Vi)
    );
    second.send(&format!("/start {}", InviteCode::generate().as_str()));
    assert_eq!(
        second.next_text().await,
        crate::support::district(Msg::new("invite-unknown")).arg("id", "1102").render(Lang::Vi)
    );

    let late = reporter_invite(&bot, "X-PUXI").await;
    bot.clock.advance(Duration::days(15));
    second.send(&format!("/start {}", late.as_str()));
    assert_eq!(
        second.next_text().await,
        crate::support::district(Msg::new("invite-expired")).arg("id", "1102").render(Lang::Vi)
    );
    assert!(bot.store().member_by_tg_user(1102).await.unwrap().is_none());
}

#[tokio::test]
async fn unknown_person_is_told_how_to_join_with_their_telegram_id() {
    let tg = FakeTelegram::start().await;
    let _bot = TestBot::start(&tg).await;
    let mut stranger = Person::new(&tg, 424242, "Khách", None);
    stranger.send("/start");
    let text = stranger.next_text().await;
    assert_eq!(text, guest(424242, Lang::Vi));
    assert!(text.contains("424242") && text.contains("Hello"), "bilingual, with the id: {text}");
    stranger.send("/help");
    assert_eq!(stranger.next_text().await, guest(424242, Lang::Vi));
    stranger.send("xin chào");
    assert_eq!(stranger.next_text().await, guest(424242, Lang::Vi));
}

#[tokio::test]
async fn configured_admin_becomes_admin_and_invites_an_officer_who_invites_a_chair() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).start().await;
    let mut admin = Person::new(&tg, ADMIN, "Trưởng phòng", Some("vi"));
    admin.send("/start");
    assert_eq!(
        admin.next_text().await,
        crate::support::asking_name(
            crate::support::district(Msg::new("welcome-admin"))
                .arg("name", "Trưởng phòng")
                .arg("unit", "")
                .render(Lang::Vi),
            Lang::Vi
        )
    );
    assert_eq!(bot.store().member_by_tg_user(ADMIN).await.unwrap().unwrap().role, Role::Admin);

    admin.send("/moi canbo");
    let link_text = admin.next_text().await;
    let code = link_code(&link_text);

    let mut officer = Person::new(&tg, 2001, "Cán bộ Nội vụ", Some("vi"));
    officer.send(&format!("/start {code}"));
    let welcome = Msg::new("welcome-officer").arg("name", "Cán bộ Nội vụ").arg("unit", "");
    assert_eq!(
        officer.next_text().await,
        crate::support::asking_name(welcome.render(Lang::Vi), Lang::Vi)
    );
    assert_eq!(bot.store().member_by_tg_user(2001).await.unwrap().unwrap().role, Role::Officer);

    officer.send("/moi canbo");
    assert_eq!(officer.next_text().await, t(Lang::Vi, "err-invite-not-allowed"));
    officer.send("/invite x-tama");
    let reporter_link = officer.next_text().await;
    assert!(reporter_link.contains("xã Ta Ma"), "{reporter_link}");
    let mut chair = Person::new(&tg, 3001, "Chủ tịch", Some("vi"));
    chair.send(&format!("/start {}", link_code(&reporter_link)));
    assert_eq!(chair.next_text().await, welcome_reporter("Chủ tịch", "xã Ta Ma", Lang::Vi));
}

fn link_code(text: &str) -> String {
    let prefix = format!("https://t.me/{BOT_USERNAME}?start=");
    let start = text.find(&prefix).unwrap_or_else(|| panic!("no link in {text}")) + prefix.len();
    text[start..].chars().take_while(char::is_ascii_alphanumeric).collect()
}

#[tokio::test]
async fn officer_invite_errors_are_explained() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).start().await;
    let mut admin = Person::new(&tg, ADMIN, "Trưởng phòng", Some("vi"));
    admin.send("/start");
    admin.next_message().await;
    admin.send("/moi");
    assert_eq!(admin.next_text().await, t(Lang::Vi, "invite-usage"));
    admin.send("/moi X-KHONGCO");
    assert_eq!(
        admin.next_text().await,
        Msg::new("err-unit-unknown").arg("code", "X-KHONGCO").render(Lang::Vi)
    );
    admin.send("/moi Tà Ma");
    assert_eq!(admin.next_text().await, t(Lang::Vi, "err-unit-code-chars"));
    let nasay = UnitCode::parse("X-NASAY").unwrap();
    bot.store()
        .set_unit_active(&nasay, false, baocao::store::Actor::Cli, bot.clock.now())
        .await
        .unwrap();
    admin.send("/moi X-NASAY");
    assert_eq!(
        admin.next_text().await,
        Msg::new("err-unit-inactive").arg("unit", "Xã Nà Sáy").render(Lang::Vi)
    );
}

#[tokio::test]
async fn reporter_is_refused_the_officer_command() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    chair.send("/moi X-PUXI");
    assert_eq!(chair.next_text().await, crate::support::officers_only(Lang::Vi));
    assert!(bot.store().list_invites(false, bot.clock.now()).await.unwrap().is_empty());
}

#[tokio::test]
async fn language_is_switched_with_buttons_and_remembered() {
    let tg = FakeTelegram::start().await;
    let mut bot = TestBot::start(&tg).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;

    chair.send("/lang");
    let choice = chair.next_message().await;
    assert_eq!(choice.text(), t(Lang::Vi, "lang-choose"));
    assert_eq!(choice.buttons(), vec!["Tiếng Việt".to_owned(), "English".to_owned()]);
    let query = chair.press(&choice, "English");
    chair.callback_answer(&query).await;
    tg.wait_for("the choice to be confirmed in place", |_| {
        (chair.reread(&choice).text() == t(Lang::En, "lang-set")).then_some(())
    })
    .await;

    bot.restart().await;
    chair.send("/help");
    assert!(chair.next_text().await.starts_with(&t(Lang::En, "help-title")));
    assert_eq!(bot.store().member_by_tg_user(1001).await.unwrap().unwrap().lang, Lang::En);
}

#[tokio::test]
async fn already_registered_person_sees_who_they_are() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    chair.send("/start");
    let text = chair.next_text().await;
    let expected = Msg::new("start-known-unit")
        .arg("name", "Chủ tịch")
        .arg("role", t(Lang::Vi, "role-reporter"))
        .arg("unit", "xã Ta Ma")
        .render(Lang::Vi);
    assert!(text.starts_with(&expected), "{text}");
    assert!(text.contains("/help"));
}

#[tokio::test]
async fn group_messages_are_ignored_and_unexpected_input_is_answered() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;

    let group = chair.in_group(-100_555);
    group.send("/help");
    group.send(&format!("/start {}", InviteCode::generate().as_str()));
    chair.send_raw(serde_json::json!({ "sticker": {
        "file_id": "st1", "file_unique_id": "st1u", "type": "regular", "width": 512, "height": 512,
        "is_animated": false, "is_video": false } }));
    // The question of their name, asked at joining, waits: a sticker is not a name.
    assert_eq!(chair.next_text().await, t(Lang::Vi, "profile-name-invalid"));
    chair.send("/huy");
    assert_eq!(chair.next_text().await, t(Lang::Vi, "cancel-done"));
    chair.send_raw(serde_json::json!({ "sticker": {
        "file_id": "st2", "file_unique_id": "st2u", "type": "regular", "width": 512, "height": 512,
        "is_animated": false, "is_video": false } }));
    assert_eq!(chair.next_text().await, t(Lang::Vi, "not-understood"));
    chair.send("/huy");
    assert_eq!(chair.next_text().await, t(Lang::Vi, "cancel-nothing"));
    assert!(tg.sent_ids(-100_555).is_empty(), "the bot wrote in a group");
}

#[tokio::test]
async fn forged_or_stale_button_is_answered_as_expired() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let code = reporter_invite(&bot, "X-TAMA").await;
    let mut chair = Person::new(&tg, 1001, "Chủ tịch", Some("vi"));
    chair.send(&format!("/start {}", code.as_str()));
    let welcome = chair.next_message().await;
    let query = chair.press_data(&welcome.json, "period:999999:forged");
    assert_eq!(chair.callback_answer(&query).await, t(Lang::Vi, "button-expired"));
}

#[tokio::test]
async fn unreadable_stored_state_resets_the_chat_with_an_apology() {
    let tg = FakeTelegram::start().await;
    let mut bot = TestBot::start(&tg).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    // A state written by another version, read after the upgrade's restart.
    bot.store()
        .save_dialogue(1001, r#"{"state":"FromAFutureVersion","x":1}"#, bot.clock.now())
        .await
        .unwrap();
    bot.restart().await;
    chair.send("/help");
    assert_eq!(chair.next_text().await, t(Lang::Vi, "state-unreadable"));
    assert_eq!(bot.store().load_dialogue(1001).await.unwrap(), None);
    chair.send("/help");
    assert!(chair.next_text().await.starts_with(&t(Lang::Vi, "help-title")));
}

#[tokio::test]
async fn a_reply_still_arrives_when_telegram_asks_to_slow_down() {
    let tg = FakeTelegram::start().await;
    let _bot = TestBot::start(&tg).await;
    tg.fail_next("sendMessage", crate::support::Fault::TooManyRequests(1), 1);
    let mut stranger = Person::new(&tg, 4343, "Khách", Some("vi"));
    stranger.send("/start");
    assert_eq!(stranger.next_text().await, guest(4343, Lang::Vi));
    assert_eq!(tg.calls_of("sendMessage").len(), 2, "one refused with 429, then one delivered");
}

#[tokio::test]
async fn officers_get_the_officer_menu_and_a_removed_member_is_a_stranger_again() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).start().await;
    let mut admin = Person::new(&tg, ADMIN, "Trưởng phòng", Some("vi"));
    admin.send("/start");
    admin.next_message().await;
    let menu = tg
        .wait_for("the admin's menu", |tg| {
            tg.calls_of("setMyCommands")
                .into_iter()
                .find(|c| c.params.pointer("/scope/chat_id") == Some(&Value::from(ADMIN)))
        })
        .await;
    assert!(menu.params["commands"].as_array().unwrap().iter().any(|c| c["command"] == "moi"));

    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    let member = bot.store().member_by_tg_user(1001).await.unwrap().unwrap();
    bot.store().remove_member(member.id, baocao::store::Actor::Cli, bot.clock.now()).await.unwrap();
    chair.send("/help");
    assert_eq!(chair.next_text().await, guest(1001, Lang::Vi));
    assert_eq!(bot.store().recent_events(Some("member.removed"), 5).await.unwrap().len(), 1);
}

#[tokio::test]
async fn admins_are_exactly_the_configured_list_one_removed_loses_access_at_the_next_start() {
    let tg = FakeTelegram::start().await;
    let mut bot = TestBot::builder(&tg).admins(&[900]).start().await;
    let mut admin = Person::new(&tg, 900, "Trưởng phòng", Some("vi"));
    admin.send("/start");
    admin.next_message().await;
    bot.stop().await;
    bot.config.admins.clear(); // the operator takes 900 off BAOCAO_ADMINS and restarts
    bot.restart().await;
    admin.send("/tonghop");
    assert_eq!(
        admin.next_text().await,
        Msg::new("admin-revoked").arg("id", "900").render(Lang::Vi),
        "told once why"
    );
    admin.send("/help");
    assert_eq!(
        admin.next_text().await,
        crate::support::district(Msg::new("welcome-unknown")).arg("id", "900").render(Lang::Vi),
        "then a guest like anyone"
    );
    let events = bot.store().recent_events(Some("member.admin_revoked"), 5).await.unwrap();
    assert_eq!(events.len(), 1);
}

#[tokio::test]
async fn an_officer_who_opens_a_chairs_link_keeps_the_role_and_the_link_stays_for_the_chair() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[900]).start().await;
    let officer_code = bot.invite(Whom::Officer).await;
    let mut officer = Person::new(&tg, 950, "Cán bộ", Some("vi"));
    officer.send(&format!("/start {}", officer_code.as_str()));
    officer.next_message().await;
    let code = reporter_invite(&bot, "X-TAMA").await;
    officer.send(&format!("/start {}", code.as_str())); // checking the link before sending it on
    let role = t(Lang::Vi, "role-officer");
    assert_eq!(
        officer.next_text().await,
        Msg::new("invite-keeps-role").arg("role", role).render(Lang::Vi)
    );
    let still = bot.store().member_by_tg_user(950).await.unwrap().unwrap();
    assert_eq!(still.role, Role::Officer, "the officer keeps the officer tools");
    let mut chair = Person::new(&tg, 1001, "Chủ tịch", Some("vi"));
    chair.send(&format!("/start {}", code.as_str()));
    assert!(chair.next_text().await.contains("xã Ta Ma"), "the chair's link still works");
}

#[tokio::test]
async fn a_reporter_who_opens_another_units_link_is_asked_before_moving() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    let code = reporter_invite(&bot, "X-PUXI").await;
    chair.send(&format!("/start {}", code.as_str()));
    let ask = chair.next_message().await;
    assert_eq!(
        ask.text(),
        Msg::new("move-ask").arg("from", "xã Ta Ma").arg("to", "xã Pú Xi").render(Lang::Vi)
    );
    let unit_of = |m: baocao::domain::Member| m.unit_id;
    let tama =
        bot.store().unit_by_code(&UnitCode::parse("X-TAMA").unwrap()).await.unwrap().unwrap();
    let member = bot.store().member_by_tg_user(1001).await.unwrap().unwrap();
    assert_eq!(unit_of(member), Some(tama.id), "not moved silently");
    // "Stay": nothing changes, the link is unused.
    chair.press(&ask, &Msg::new("move-button-cancel").arg("from", "xã Ta Ma").render(Lang::Vi));
    assert_eq!(chair.next_text().await, t(Lang::Vi, "move-cancelled"));
    // Asked again, "Move": now the reporter of Pú Xi.
    chair.send(&format!("/start {}", code.as_str()));
    let ask = chair.next_message().await;
    chair.press(&ask, &Msg::new("move-button-confirm").arg("to", "xã Pú Xi").render(Lang::Vi));
    assert!(chair.next_text().await.contains("xã Pú Xi"));
    let puxi =
        bot.store().unit_by_code(&UnitCode::parse("X-PUXI").unwrap()).await.unwrap().unwrap();
    let member = bot.store().member_by_tg_user(1001).await.unwrap().unwrap();
    assert_eq!(unit_of(member), Some(puxi.id));
}
