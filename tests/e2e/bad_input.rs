//! Whatever people send: huge messages, control characters, other scripts, edits, floods.

use baocao::domain::{Answer, Audience};
use baocao::i18n::{t, Lang, Msg};
use serde_json::json;

use crate::report::{join, open_first_half, start_report};
use crate::support::{FakeTelegram, TestBot};

#[tokio::test]
async fn a_16_kb_message_is_refused_with_its_length_and_odd_text_is_cleaned_not_lost() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let period = open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    start_report(&mut chair).await;
    let huge = "Đ".repeat(16 * 1024 / 2);
    chair.send(&huge);
    let refused = chair.next_text().await;
    let expected = Msg::new("answer-err-too-long")
        .arg("max", 1500_i64)
        .arg("len", (16 * 1024 / 2) as i64)
        .render(Lang::Vi);
    assert!(refused.starts_with(&expected), "{refused}");
    chair.send("Kết quả\u{0007} tốt 👍 — שלום\u{202E}");
    assert!(chair.next_text().await.starts_with("Câu 2/7"));
    let draft = bot.draft_of(period, "X-TAMA", 1001).await;
    assert_eq!(draft.answers["ket_qua"], Answer::Text { text: "Kết quả tốt 👍 — שלום".into() });
}

#[tokio::test]
async fn an_edited_message_is_not_taken_and_the_chair_is_told() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    // The chair edits an answer sent earlier.
    tg.push_update(
        "edited_message",
        json!({ "message_id": 5, "date": 1_700_000_000, "edit_date": 1_700_000_100,
                "chat": { "id": 1001, "type": "private", "first_name": "Chủ tịch" },
                "from": { "id": 1001, "is_bot": false, "first_name": "Chủ tịch" }, "text": "12/15" }),
    );
    assert_eq!(chair.next_text().await, t(Lang::Vi, "edited-ignored"));
}

#[tokio::test]
async fn a_flood_of_a_hundred_messages_is_answered_calmly() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).toml("[flood]\nburst = 5\nper_sec = 1").start().await;
    let chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    let before = tg.sent_ids(1001).len();
    for i in 0..100 {
        chair.send(&format!("tin nhắn {i}"));
    }
    // Wait until the bot has taken every update, then until its warning arrives.
    tg.wait_for("the warning", |tg| {
        tg.calls_of("sendMessage")
            .into_iter()
            .find(|c| c.params["text"] == t(Lang::Vi, "flood-slow-down"))
    })
    .await;
    chair.send("/help");
    let answered = tg.sent_ids(1001).len() - before;
    assert!(answered <= 8, "{answered} replies to 100 messages");
    drop(bot);
}

#[tokio::test]
async fn buttons_count_against_the_flood_guard() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).toml("[flood]\nburst = 5\nper_sec = 1").start().await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    chair.send("/lang");
    let choice = chair.next_message().await;
    let presses: Vec<String> = (0..40).map(|_| chair.press_data(&choice.json, "lang:vi")).collect();
    for query in &presses {
        chair.callback_answer(query).await; // every press is answered, none left spinning
    }
    let warnings = tg
        .calls_of("sendMessage")
        .into_iter()
        .filter(|c| c.params["text"] == t(Lang::Vi, "flood-slow-down"))
        .count();
    assert_eq!(warnings, 1, "forty presses in a row are a flood, told once");
    let edits = tg.calls_of("editMessageText").len();
    assert!(edits <= 6, "{edits} presses handled out of 40");
    drop(bot);
}

#[tokio::test]
async fn report_now_pressed_forty_times_sends_one_question() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let period = open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    chair.send("/help");
    let help = chair.next_message().await;
    let data = format!("r:{}", period.0);
    let presses: Vec<String> = (0..40).map(|_| chair.press_data(&help.json, &data)).collect();
    for query in &presses {
        chair.callback_answer(query).await;
    }
    let intro = chair.next_text().await;
    assert!(intro.contains("xã Ta Ma"), "{intro}");
    assert!(chair.next_text().await.starts_with("Câu 1/7"));
    assert_eq!(chair.unread(), 0, "one question, not forty");
    let told = chair.callback_answer(presses.last().unwrap()).await;
    assert_eq!(told, t(Lang::Vi, "report-already-open"));
    drop(bot);
}
