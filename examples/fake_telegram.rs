//! A fake Telegram Bot API on 127.0.0.1 to try the bot by hand, without the real Telegram.
//!
//! ```text
//! cargo run --example fake_telegram -- 8081          # terminal 1
//! TELOXIDE_TOKEN=1:fake TELOXIDE_API_URL=http://127.0.0.1:8081/ cargo run --release   # terminal 2
//! ```
//! Then type in terminal 1, one line each:
//!   `1001 /start`            user 1001 (Vietnamese phone) sends "/start"
//!   `1001:en /help`          the same, from a phone set to English
//!   `1001 press English`     user 1001 taps the button "English" on the bot's last message to them
//! Every message the bot sends is printed with its buttons.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/support/fake_telegram.rs"]
#[allow(dead_code)]
mod fake_telegram;
#[path = "../tests/support/person.rs"]
#[allow(dead_code)]
mod person;

use std::collections::HashMap;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};

use fake_telegram::FakeTelegram;
use person::Person;

#[tokio::main]
async fn main() {
    let port: u16 = std::env::args().nth(1).and_then(|p| p.parse().ok()).unwrap_or(8081);
    let tg = FakeTelegram::start_on(port).await;
    println!("fake Bot API on {}  (bot @{})", tg.api_url(), fake_telegram::BOT_USERNAME);
    let printer = tg.clone();
    tokio::spawn(async move { print_new_messages(printer).await });
    let mut people: HashMap<i64, Person> = HashMap::new();
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        let Some((who, text)) = line.trim().split_once(' ') else { continue };
        let (id, lang) = who.split_once(':').unwrap_or((who, "vi"));
        let Ok(id) = id.parse::<i64>() else {
            println!("? start the line with a user id, e.g. 1001 /start");
            continue;
        };
        let person = people
            .entry(id)
            .or_insert_with(|| Person::new(&tg, id, &format!("Người dùng {id}"), Some(lang)));
        person.lang = Some(lang.to_owned());
        match text.strip_prefix("press ") {
            Some(label) => {
                let Some(&last) = tg.sent_ids(id).last() else { continue };
                let sent = person::Sent { chat: id, id: last, json: tg.message(id, last) };
                if sent.buttons().iter().any(|b| b == label) {
                    person.press(&sent, label);
                } else {
                    println!("? no button {label:?}; buttons: {:?}", sent.buttons());
                }
            }
            None => {
                person.send(text);
            }
        }
    }
}

async fn print_new_messages(tg: FakeTelegram) {
    let mut printed = 0;
    loop {
        let calls = tg.calls();
        for call in calls.iter().skip(printed) {
            match call.method.as_str() {
                "sendmessage"
                | "editmessagetext"
                | "senddocument"
                | "sendphoto"
                | "answercallbackquery" => {
                    println!("\n── {} → chat {} ──", call.method, call.params["chat_id"]);
                    for key in ["text", "caption"] {
                        if let Some(text) = call.params.get(key).and_then(|t| t.as_str()) {
                            println!("{text}");
                        }
                    }
                    if let Some(rows) = call
                        .params
                        .pointer("/reply_markup/inline_keyboard")
                        .and_then(|r| r.as_array())
                    {
                        for row in rows {
                            let labels: Vec<&str> = row
                                .as_array()
                                .into_iter()
                                .flatten()
                                .filter_map(|b| b["text"].as_str())
                                .collect();
                            println!("  [ {} ]", labels.join(" | "));
                        }
                    }
                }
                _ => {}
            }
        }
        printed = calls.len();
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
