//! The floor: the least a teloxide 0.17 bot can do to answer the benchmark's dialogue.
//!
//! It makes the same Bot API requests as baocao for every step — the same messages (same texts and
//! keyboards), the per-chat command menu after joining, the callback answer and the keyboard edit
//! after a button — but keeps each chat's state in a map in memory and touches no database, renders
//! with `format!`, and runs teloxide's dispatcher with its defaults (one worker per chat) and the same
//! long-polling timeout as baocao. What baocao costs above it is baocao's own work.
//!
//! The benchmark starts it as its own process (`bench --floor`), so its CPU and memory are measured
//! exactly as the bot's are.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, BotCommandScope, InlineKeyboardButton, InlineKeyboardMarkup, Recipient,
};
use teloxide::update_listeners::Polling;

/// The 2021 template's questions: (title, hint, required).
const QUESTIONS: [(&str, &str, bool); 7] = [
    (
        "Kết quả nổi bật của phong trào thi đua trong kỳ",
        "Gõ câu trả lời (tối đa 1500 ký tự).",
        true,
    ),
    (
        "Số chỉ tiêu kinh tế – xã hội đạt và vượt kế hoạch / tổng số chỉ tiêu",
        "Gõ dạng số đạt/tổng số, ví dụ 12/15.",
        true,
    ),
    ("Số phong trào thi đua đã phát động hoặc hưởng ứng", "Gõ một số nguyên.", true),
    (
        "Số tập thể, cá nhân điển hình tiên tiến được phát hiện, biểu dương",
        "Gõ một số nguyên.",
        true,
    ),
    (
        "Đề nghị khen thưởng (tập thể, cá nhân), nếu có",
        "Gõ câu trả lời (tối đa 1500 ký tự).",
        false,
    ),
    ("Khó khăn, vướng mắc, kiến nghị", "Gõ câu trả lời (tối đa 1500 ký tự).", false),
    (
        "Văn bản báo cáo có chữ ký (PDF hoặc ảnh), nếu có",
        "Bấm biểu tượng ghim 📎 và gửi tệp PDF, Word, Excel hoặc ảnh (tối đa 20 MB).",
        false,
    ),
];

const HEADER: &str =
    "bench\nThời gian chốt số liệu: 02/11/2026 – 01/12/2026\nHạn gửi: 22/12/2026 16:12";

#[derive(Default)]
struct Chair {
    unit: String,
    /// The question being asked (0-based); `None` outside a report.
    step: Option<usize>,
    answers: [Option<String>; 7],
}

type Chairs = Arc<Mutex<HashMap<i64, Chair>>>;

/// Runs the floor bot until it is killed.
pub fn run() {
    let Ok(runtime) = tokio::runtime::Builder::new_multi_thread().enable_all().build() else {
        return;
    };
    runtime.block_on(async {
        let token = std::env::var("TELOXIDE_TOKEN").unwrap_or_default();
        let mut bot = Bot::new(token);
        if let Some(url) = std::env::var("TELOXIDE_API_URL").ok().and_then(|u| u.parse().ok()) {
            bot = bot.set_api_url(url);
        }
        let chairs: Chairs = Arc::default();
        let handler = dptree::entry()
            .branch(Update::filter_message().endpoint(on_message))
            .branch(Update::filter_callback_query().endpoint(on_press));
        let mut dispatcher =
            Dispatcher::builder(bot.clone(), handler).dependencies(dptree::deps![chairs]).build();
        let listener =
            Polling::builder(bot).timeout(Duration::from_secs(10)).delete_webhook().await.build();
        dispatcher
            .dispatch_with_listener(listener, LoggingErrorHandler::with_custom_text("polling"))
            .await;
    });
}

fn keyboard(rows: Vec<Vec<(String, String)>>) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(rows.into_iter().map(|row| {
        row.into_iter().map(|(label, data)| InlineKeyboardButton::callback(label, data))
    }))
}

/// Question `i`'s message: its text and its buttons (back from the second, skip when optional).
fn question(i: usize) -> (String, InlineKeyboardMarkup) {
    let (title, hint, required) = QUESTIONS[i];
    let need = if required { "bắt buộc" } else { "không bắt buộc" };
    let text = format!("Câu {}/7 ({need})\n{title}\n\n{hint}", i + 1);
    let mut row = Vec::new();
    if i > 0 {
        row.push(("⬅️ Quay lại".to_owned(), format!("b:1:{i}")));
    }
    if !required {
        row.push(("⏭ Bỏ qua".to_owned(), format!("s:1:{i}")));
    }
    let rows = if row.is_empty() { vec![] } else { vec![row] };
    (text, keyboard(rows))
}

fn review(chair: &Chair) -> (String, InlineKeyboardMarkup) {
    let mut text = format!("Xem lại báo cáo của {}\n{HEADER}\n", chair.unit);
    for (i, (title, _, _)) in QUESTIONS.iter().enumerate() {
        let answer = chair.answers[i].as_deref().unwrap_or("(bỏ qua)");
        text.push_str(&format!("\n{}. {title}\n→ {answer}\n", i + 1));
    }
    text.push_str("\nĐồng chí kiểm tra lại các câu trả lời. Bấm \"Sửa câu …\" để sửa, hoặc \"Gửi báo cáo\" để gửi Sở Nội vụ.");
    let edit = |i: usize| (format!("✏️ Sửa câu {}", i + 1), format!("e:1:{i}"));
    let rows = vec![
        (0..4).map(edit).collect(),
        (4..7).map(edit).collect(),
        vec![("📨 Gửi báo cáo".to_owned(), "u:1".to_owned())],
    ];
    (text, keyboard(rows))
}

/// The next message after question `i` is answered: the next question, or the review.
fn after(chair: &mut Chair, i: usize) -> (String, InlineKeyboardMarkup) {
    if i + 1 < QUESTIONS.len() {
        chair.step = Some(i + 1);
        question(i + 1)
    } else {
        chair.step = None;
        review(chair)
    }
}

/// Checks a typed answer as baocao's question kinds do.
fn valid(i: usize, text: &str) -> bool {
    match i {
        1 => text
            .split_once('/')
            .and_then(|(a, b)| Some((a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?)))
            .is_some_and(|(a, b)| b > 0 && a <= b),
        2 | 3 => text.trim().parse::<u32>().is_ok(),
        _ => !text.trim().is_empty() && text.chars().count() <= 1500,
    }
}

async fn on_message(bot: Bot, msg: Message, chairs: Chairs) -> ResponseResult<()> {
    let chat = msg.chat.id;
    let text = msg.text().unwrap_or_default().to_owned();
    if let Some(code) = text.strip_prefix("/start ") {
        let unit = format!("xã Thử {}", code.len());
        let name = msg.from.as_ref().map(|u| u.first_name.clone()).unwrap_or_default();
        chairs.lock().unwrap().insert(chat.0, Chair { unit: unit.clone(), ..Chair::default() });
        let welcome = format!("Kính chào đồng chí {name}!\nĐồng chí đã được đăng ký làm người báo cáo của {unit}.\nKhi Sở Nội vụ mở kỳ báo cáo, bot sẽ nhắc đồng chí trước thời hạn và hướng dẫn trả lời từng câu hỏi: chỉ cần bấm nút và gõ câu trả lời ngắn.\nGõ /help để xem các lệnh.\n\nĐể lời nhắc và văn bản ghi đúng, đề nghị đồng chí gửi họ và tên đầy đủ (ví dụ: Lò Văn Hùng), hoặc bấm nút bên dưới để dùng tên Telegram.");
        let button = vec![vec![(format!("✔️ Dùng tên \"{name}\""), "pf:tg".to_owned())]];
        bot.send_message(chat, welcome).reply_markup(keyboard(button)).await?;
        let menu = [
            ("baocao", "Làm hoặc sửa báo cáo"),
            ("tinhtrang", "Tình hình báo cáo của đơn vị"),
            ("toi", "Họ tên, chức vụ của đồng chí (xem và sửa)"),
            ("help", "Xem các lệnh"),
            ("lang", "Đổi ngôn ngữ (Tiếng Việt / English)"),
            ("huy", "Hủy thao tác đang làm"),
        ]
        .map(|(c, d)| BotCommand::new(c, d));
        bot.set_my_commands(menu)
            .scope(BotCommandScope::Chat { chat_id: Recipient::Id(chat) })
            .await?;
        return Ok(());
    }
    if text == "/help" {
        let help = "Các lệnh của bot báo cáo:\n/baocao — Làm hoặc sửa báo cáo\n/tinhtrang — Tình hình báo cáo của đơn vị\n/toi — Họ tên, chức vụ của đồng chí (xem và sửa)\n/lang — Đổi ngôn ngữ (Tiếng Việt / English)\n/huy — Hủy thao tác đang làm\n\nKhi có kỳ báo cáo, bot sẽ nhắc đồng chí và hướng dẫn trả lời từng câu hỏi.";
        bot.send_message(chat, help).await?;
        return Ok(());
    }
    let reply = {
        let mut map = chairs.lock().unwrap();
        let Some(chair) = map.get_mut(&chat.0) else { return Ok(()) };
        if text == "/baocao" {
            chair.step = Some(0);
            let intro = format!("Báo cáo của {}\n{HEADER}\n\nBáo cáo gồm 7 câu hỏi. Bot hỏi từng câu; mỗi câu trả lời được lưu ngay, nên đồng chí có thể dừng lúc nào và gõ /baocao để làm tiếp.", chair.unit);
            Some((Some(intro), question(0)))
        } else if let Some(i) = chair.step {
            if valid(i, &text) {
                chair.answers[i] = Some(text);
                Some((None, after(chair, i)))
            } else {
                let (title, hint, _) = QUESTIONS[i];
                Some((
                    None,
                    (format!("Câu trả lời chưa đúng dạng.\n{title}\n\n{hint}"), question(i).1),
                ))
            }
        } else {
            None
        }
    };
    if let Some((intro, (text, buttons))) = reply {
        if let Some(intro) = intro {
            bot.send_message(chat, intro).await?;
        }
        bot.send_message(chat, text).reply_markup(buttons).await?;
    }
    Ok(())
}

async fn on_press(bot: Bot, q: CallbackQuery, chairs: Chairs) -> ResponseResult<()> {
    let Some(message) = q.message.as_ref() else { return Ok(()) };
    let (chat, id) = (message.chat().id, message.id());
    let data = q.data.clone().unwrap_or_default();
    let reply = {
        let mut map = chairs.lock().unwrap();
        let Some(chair) = map.get_mut(&chat.0) else { return Ok(()) };
        if data == "u:1" {
            chair.step = None;
            let now = chrono::Utc::now() + chrono::Duration::hours(7);
            Some(format!(
                "✅ Đã gửi bench của {} lúc {} (đúng hạn).\nCảm ơn đồng chí! Gõ /tinhtrang để xem tình hình báo cáo của đơn vị.",
                chair.unit,
                now.format("%d/%m/%Y %H:%M")
            ))
            .map(|t| (t, keyboard(vec![])))
        } else if let Some(i) = data.strip_prefix("s:1:").and_then(|i| i.parse::<usize>().ok()) {
            (chair.step == Some(i) && !QUESTIONS[i].2).then(|| after(chair, i))
        } else {
            None
        }
    };
    bot.answer_callback_query(q.id.clone()).await?;
    if let Some((text, buttons)) = reply {
        bot.edit_message_reply_markup(chat, id).await?;
        if buttons.inline_keyboard.is_empty() {
            bot.send_message(chat, text).await?;
        } else {
            bot.send_message(chat, text).reply_markup(buttons).await?;
        }
    }
    Ok(())
}
