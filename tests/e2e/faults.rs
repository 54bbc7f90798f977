//! Faults: a killed process, a locked database. Nothing reported as saved that was not; nothing lost.

use std::process::{Command, Stdio};

use baocao::domain::{Answer, Audience, UnitCode};
use baocao::i18n::{t, Lang};
use chrono::{Duration, Utc};

use crate::report::{join, open_first_half, start_report};
use crate::support::bot::TOKEN;
use crate::support::{FakeTelegram, Person, TestBot};

const BIN: &str = env!("CARGO_BIN_EXE_baocao");
const EXAMPLE_CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/tuan-giao-units.csv");

fn cli(db: &std::path::Path, tg: &FakeTelegram) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        .env("BAOCAO_DATABASE", db)
        .env("RUST_LOG", "warn")
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", tg.api_url());
    cmd
}

// Multi-threaded: the CLI's blocking calls must not stop the fake Telegram from answering them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chair_loses_nothing_when_the_bot_is_killed_mid_report() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("baocao.db");
    let tg = FakeTelegram::start().await;
    assert!(cli(&db, &tg).args(["unit", "import", EXAMPLE_CSV]).output().unwrap().status.success());
    let (from, to, due) = (
        Utc::now() - Duration::days(30),
        Utc::now() - Duration::days(1),
        Utc::now() + Duration::days(10),
    );
    let day = |d: chrono::DateTime<Utc>| d.format("%d/%m/%Y").to_string();
    let period = cli(&db, &tg)
        .args([
            "period",
            "create",
            "--kind",
            "ad-hoc",
            "--title",
            "Báo cáo thử",
            "--from",
            &day(from),
            "--to",
            &day(to),
        ])
        .args(["--due", &format!("{} 17:00", day(due))])
        .output()
        .unwrap();
    assert!(period.status.success(), "{}", String::from_utf8_lossy(&period.stderr));
    let invite = cli(&db, &tg).args(["invite", "create", "--unit", "X-TAMA"]).output().unwrap();
    let out = String::from_utf8_lossy(&invite.stdout).into_owned();
    assert!(invite.status.success(), "{}", String::from_utf8_lossy(&invite.stderr));
    let code: String = out[out.find("?start=").unwrap() + 7..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();

    let mut bot =
        cli(&db, &tg).arg("run").stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let mut chair = Person::new(&tg, 1001, "Chủ tịch", Some("vi"));
    chair.send(&format!("/start {code}"));
    chair.next_message().await;
    start_report(&mut chair).await;
    chair.send("Kết quả đã lưu trước khi bot bị tắt");
    assert!(chair.next_text().await.starts_with("Câu 2/7"));
    chair.send("7/9");
    assert!(chair.next_text().await.starts_with("Câu 3/7"));

    bot.kill().unwrap(); // SIGKILL: no shutdown, no flush
    bot.wait().unwrap();
    let mut bot =
        cli(&db, &tg).arg("run").stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    chair.send("/baocao");
    let resumed = chair.next_text().await;
    assert!(
        resumed.starts_with(&t(Lang::Vi, "report-resuming")) && resumed.contains("Câu 3/7"),
        "{resumed}"
    );
    bot.kill().unwrap();
    bot.wait().unwrap();

    let store = baocao::store::Store::open(&db).await.unwrap();
    let tama = store.unit_by_code(&UnitCode::parse("X-TAMA").unwrap()).await.unwrap().unwrap();
    let member = store.member_by_tg_user(1001).await.unwrap().unwrap();
    let period = store.list_periods(false).await.unwrap().remove(0);
    let draft = store.draft(period.id, tama.id, member.id).await.unwrap().unwrap();
    assert_eq!(draft.answers["chi_tieu"], Answer::Fraction { num: 7, den: 9 });
    assert_eq!(store.report(period.id, tama.id).await.unwrap(), None, "no half-written report");
}

#[tokio::test]
async fn a_locked_database_is_reported_as_not_saved_and_the_bot_recovers() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let period = open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    start_report(&mut chair).await;

    // Another process holds the write lock longer than the bot waits for it.
    use sqlx::Connection;
    let mut other =
        sqlx::SqliteConnection::connect(&format!("sqlite://{}", bot.db.display())).await.unwrap();
    sqlx::query("BEGIN EXCLUSIVE").execute(&mut other).await.unwrap();
    chair.send("Câu trả lời khi cơ sở dữ liệu bị khóa");
    assert_eq!(chair.next_text().await, t(Lang::Vi, "err-storage-unavailable"));
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();

    let tama =
        bot.store().unit_by_code(&UnitCode::parse("X-TAMA").unwrap()).await.unwrap().unwrap();
    let member = bot.store().member_by_tg_user(1001).await.unwrap().unwrap();
    let draft = bot.store().draft(period, tama.id, member.id).await.unwrap().unwrap();
    assert!(!draft.answers.contains_key("ket_qua"), "nothing is reported as saved that was not");

    chair.send("Câu trả lời gửi lại");
    assert!(chair.next_text().await.starts_with("Câu 2/7"), "the same question was still waiting");
    let draft = bot.store().draft(period, tama.id, member.id).await.unwrap().unwrap();
    assert_eq!(draft.answers["ket_qua"], Answer::Text { text: "Câu trả lời gửi lại".into() });
}
