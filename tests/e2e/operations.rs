//! Operations: scheduled backups on a driven clock, restoring a backup (one made while chairs
//! were answering among them) through the real binary, and `/healthz` and `/metrics` as the
//! machines that watch the bot read them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use baocao::actions::operations;
use baocao::actions::Operator;
use baocao::domain::{Answer, Audience, Clock};
use baocao::i18n::{Lang, Msg};
use chrono::Duration;
use reqwest::StatusCode;

use crate::report::{join, open_first_half, start_report};
use crate::support::bot::{draft_of, vn};
use crate::support::{FakeTelegram, Fault, TestBot};
use crate::web::{web_link, Browser};

#[path = "operations/scrape.rs"]
mod scrape;

const BIN: &str = env!("CARGO_BIN_EXE_baocao");
const ADMIN: i64 = 900;

/// The real binary on `db`, in Vietnamese.
fn cli(db: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        .env("BAOCAO_DATABASE", db)
        .env("RUST_LOG", "warn")
        .env("BAOCAO_WEB_ADDR", "127.0.0.1:0");
    cmd
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Whether `said` is `msg` rendered with any value in place of its argument `hole`.
fn renders_as(said: &str, msg: Msg, hole: &'static str) -> bool {
    let rendered = msg.arg(hole, "\u{1}").render(Lang::Vi);
    let (before, after) = rendered.split_once('\u{1}').unwrap();
    let said = said.trim();
    said.starts_with(before) && said.ends_with(after) && said.len() > before.len() + after.len()
}

/// The answers of chair `i`, in the order of the questions of `thi-dua-2021` (the file last).
fn answers(i: usize) -> [(&'static str, String, Answer); 6] {
    let text = |s: String| Answer::Text { text: s };
    let n = i as i64;
    [
        (
            "ket_qua",
            format!("Kết quả nổi bật của đơn vị {i}"),
            text(format!("Kết quả nổi bật của đơn vị {i}")),
        ),
        ("chi_tieu", format!("{}/15", 10 + n), Answer::Fraction { num: 10 + n, den: 15 }),
        ("phong_trao", format!("{}", 3 + n), Answer::Number { value: 3 + n }),
        ("dien_hinh", format!("{}", 20 + n), Answer::Number { value: 20 + n }),
        (
            "khen_thuong",
            format!("Đề nghị khen thưởng {i}"),
            text(format!("Đề nghị khen thưởng {i}")),
        ),
        ("kho_khan", format!("Khó khăn {i}"), text(format!("Khó khăn {i}"))),
    ]
}

/// Sends answers `range` of chair `i` and waits for each to be acknowledged (the next question).
async fn answer(chair: &mut crate::support::Person, i: usize, range: std::ops::Range<usize>) {
    for k in range {
        chair.send(&answers(i)[k].1);
        let next = chair.next_text().await;
        assert!(next.starts_with(&format!("Câu {}/7", k + 2)), "answer {k} of chair {i}: {next}");
    }
}

const UNITS: [&str; 6] = ["X-TAMA", "X-PUXI", "X-NASAY", "X-QUAICANG", "X-MUONGTHIN", "X-TOATINH"];

// Multi-threaded: the chairs answer while the backup is made, and the binary runs beside.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_made_while_chairs_answer_restores_every_answer_acknowledged_before_it() {
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("sao-luu");
    let mut bot = TestBot::builder(&tg)
        .env("BAOCAO_BACKUP_DIR", backups.to_str().unwrap())
        .now(vn(14, 6, 9, 0))
        .start()
        .await;
    bot.tick_at(vn(14, 6, 9, 0)).await; // the backup job counts from now
    let period = open_first_half(&bot, Audience::AllActive).await;
    let mut chairs = Vec::new();
    for (i, unit) in UNITS.iter().enumerate() {
        let mut chair = join(&tg, &bot, 1001 + i as i64, "Chủ tịch", unit, "vi").await;
        start_report(&mut chair).await;
        answer(&mut chair, i, 0..2).await; // acknowledged before the backup starts
        chairs.push(chair);
    }
    // The other answers are typed while the backup is made.
    let typing: Vec<_> = chairs
        .into_iter()
        .enumerate()
        .map(|(i, mut chair)| tokio::spawn(async move { answer(&mut chair, i, 2..6).await }))
        .collect();
    let report = bot.tick_at(vn(15, 6, 2, 30)).await;
    assert_eq!(report.backup, Some(true));
    for chair in typing {
        chair.await.unwrap();
    }
    bot.stop().await;

    let copy = backups.join("baocao-2021-06-15-0230.db");
    let out = cli(&bot.db).arg("restore").arg(&copy).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let aside = std::fs::read_dir(bot.db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("baocao.db.before-restore-"))
        .expect("the database it replaced is kept");
    let said = stdout(&out);
    let done = Msg::new("restore-done")
        .arg("path", copy.display().to_string())
        .arg("database", bot.db.display().to_string())
        .arg("migrated", 0_i64);
    assert!(said.contains(&done.render(Lang::Vi)), "{said}");
    assert!(said.contains(
        &Msg::new("restore-kept").arg("path", aside.display().to_string()).render(Lang::Vi)
    ));

    let restored = baocao::store::Store::open(&bot.db).await.unwrap();
    for (i, unit) in UNITS.iter().enumerate() {
        let draft = draft_of(&restored, period, unit, 1001 + i as i64).await;
        let expected = answers(i);
        for (k, (key, _, answer)) in expected.iter().enumerate() {
            match draft.answers.get(*key) {
                Some(found) => assert_eq!(found, answer, "chair {i}, {key}: whole or not at all"),
                None => assert!(k >= 2, "chair {i}: the acknowledged answer {key} is lost"),
            }
        }
    }
    let events = restored.recent_events(Some("backup.restored"), 1).await.unwrap();
    assert_eq!(events[0].subject, "baocao-2021-06-15-0230.db");
    restored.close().await;
    // The database it replaced is whole, its last writes (in its -wal) included.
    let kept = baocao::store::Store::open(&aside).await.unwrap();
    for (i, unit) in UNITS.iter().enumerate() {
        assert_eq!(draft_of(&kept, period, unit, 1001 + i as i64).await.answers.len(), 6);
    }
    kept.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_is_refused_while_the_bot_runs_and_for_a_damaged_foreign_or_newer_file() {
    let tg = FakeTelegram::start().await;
    let mut bot = TestBot::start(&tg).await;
    let dir = bot.db.parent().unwrap().to_owned();
    let copy = dir.join("copy.db");
    operations::backup(bot.app(), &Operator::at_the_machine(), &copy).await.unwrap();

    let out = cli(&bot.db).arg("restore").arg(&copy).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let running = Msg::new("restore-refused-running")
        .arg("lock", format!("{}.lock", bot.db.display()))
        .arg("pid", std::process::id().to_string());
    assert_eq!(stderr(&out).trim(), running.render(Lang::Vi));
    bot.stop().await;
    let before = std::fs::read(&bot.db).unwrap();

    let path = |p: &PathBuf| p.display().to_string();
    let damaged = dir.join("hong.db");
    std::fs::copy(&copy, &damaged).unwrap();
    damage_last_page(&damaged);
    let out = cli(&bot.db).arg("restore").arg(&damaged).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let corrupt = Msg::new("restore-refused-corrupt").arg("path", path(&damaged));
    assert!(renders_as(&stderr(&out), corrupt, "finding"), "{}", stderr(&out));

    let text = dir.join("ghi-chu.db");
    std::fs::write(&text, "không phải cơ sở dữ liệu. ".repeat(300)).unwrap();
    let out = cli(&bot.db).arg("restore").arg(&text).output().unwrap();
    let not_db = Msg::new("restore-refused-not-database").arg("path", path(&text));
    assert!(renders_as(&stderr(&out), not_db, "detail"), "{}", stderr(&out));

    let foreign = dir.join("khac.db");
    sql(&foreign, "CREATE TABLE ghi_chu (id INTEGER PRIMARY KEY)").await;
    let out = cli(&bot.db).arg("restore").arg(&foreign).output().unwrap();
    let not_ours = Msg::new("restore-refused-not-baocao").arg("path", path(&foreign));
    assert_eq!(stderr(&out).trim(), not_ours.render(Lang::Vi));

    let newer = dir.join("moi-hon.db");
    std::fs::copy(&copy, &newer).unwrap();
    sql(&newer, "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (9999, 'future', 1, x'00', 0)").await;
    let out = cli(&bot.db).arg("restore").arg(&newer).output().unwrap();
    let newest =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations")).unwrap().count();
    let too_new = Msg::new("restore-refused-too-new")
        .arg("path", path(&newer))
        .arg("version", 9999_i64)
        .arg("newest", newest);
    assert_eq!(stderr(&out).trim(), too_new.render(Lang::Vi));

    assert_eq!(std::fs::read(&bot.db).unwrap(), before, "the database is untouched");
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("before-restore") || n.contains("restoring"))
        .collect();
    assert!(left.is_empty(), "nothing set aside, nothing left half-done: {left:?}");
    // And a good copy is restored.
    let out = cli(&bot.db).arg("restore").arg(&copy).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Runs one statement on the SQLite file at `path` (created if missing).
async fn sql(path: &Path, statement: &str) {
    use sqlx::{ConnectOptions, Connection};
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(path).create_if_missing(true);
    let mut conn = options.connect().await.unwrap();
    sqlx::query(statement).execute(&mut conn).await.unwrap();
    conn.close().await.unwrap();
}

/// Overwrites the file's last page (a table's or an index's, never the schema's first page).
fn damage_last_page(path: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    let len = std::fs::metadata(path).unwrap().len();
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(len - 4096)).unwrap();
    file.write_all(&[0xA5; 4096]).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backups_run_daily_keep_the_newest_run_once_after_downtime_and_failures_are_shown() {
    let tg = FakeTelegram::start().await;
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("sao-luu");
    let bot = TestBot::builder(&tg)
        .admins(&[ADMIN])
        .env("BAOCAO_BACKUP_DIR", backups.to_str().unwrap())
        .env("BAOCAO_BACKUP_KEEP", "2")
        .now(vn(14, 6, 9, 0))
        .start()
        .await;
    let mut admin = crate::support::Person::new(&tg, ADMIN, "Trưởng phòng", Some("vi"));
    admin.send("/start");
    admin.next_message().await;
    // Signed in anew each time: the clock moves days at once, past a session's life.
    let mut home = async || {
        let mut browser = Browser::new(&bot);
        browser.sign_in(&web_link(&mut admin).await).await;
        browser.get("/").await.body
    };
    let note = |key: &'static str, arg: &'static str, value: &str| {
        Msg::new(key).arg(arg, value.to_owned()).render(Lang::Vi)
    };

    assert_eq!(bot.tick_at(vn(14, 6, 9, 0)).await.backup, None, "counts from the first start");
    let page = home().await;
    assert!(page.contains(&note("web-backup-never", "time", "02:30")), "{page}");
    assert!(page.contains("class=\"problem backup\""), "a warning");
    assert_eq!(bot.tick_at(vn(15, 6, 2, 29)).await.backup, None);
    assert_eq!(bot.tick_at(vn(15, 6, 2, 30)).await.backup, Some(true));
    let page = home().await;
    assert!(page.contains(&note("web-backup-last", "at", "15/06/2021 02:30")), "{page}");
    assert!(!page.contains("class=\"problem backup\""));
    std::fs::write(backups.join("ghi-chu.txt"), "của cán bộ IT").unwrap();
    for day in [16, 17] {
        assert_eq!(bot.tick_at(vn(day, 6, 2, 30)).await.backup, Some(true));
    }
    assert_eq!(
        names(&backups),
        ["baocao-2021-06-16-0230.db", "baocao-2021-06-17-0230.db", "ghi-chu.txt"]
    );
    // Down from 17/06 to 21/06 09:00: one copy for the four missed firings.
    assert_eq!(bot.tick_at(vn(21, 6, 9, 0)).await.backup, Some(true));
    assert_eq!(
        names(&backups),
        ["baocao-2021-06-17-0230.db", "baocao-2021-06-21-0900.db", "ghi-chu.txt"]
    );

    // No tick for two days (the scheduler stuck): the front page warns.
    bot.clock.set(vn(23, 6, 10, 0));
    let page = home().await;
    assert!(page.contains(&note("web-backup-old", "at", "21/06/2021 09:00")), "{page}");

    // The directory cannot be written: the failure is recorded, shown, and not retried until
    // the next day.
    std::fs::remove_dir_all(&backups).unwrap();
    std::fs::write(&backups, "một tệp chiếm chỗ thư mục").unwrap();
    assert_eq!(bot.tick_at(vn(24, 6, 2, 30)).await.backup, Some(false));
    assert_eq!(bot.tick_at(vn(24, 6, 3, 0)).await.backup, None, "not at every tick");
    let page = home().await;
    assert!(page.contains(&note("web-backup-failed", "at", "24/06/2021 02:30")), "{page}");
    let out = cli(&bot.db)
        .env("BAOCAO_BACKUP_DIR", &backups)
        .env("BAOCAO_BACKUP_KEEP", "2")
        .arg("status")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    let schedule = Msg::new("status-backup-schedule")
        .arg("at", "02:30")
        .arg("dir", backups.display().to_string())
        .arg("keep", 2_i64);
    assert!(said.contains(&schedule.render(Lang::Vi)), "{said}");
    assert!(said.contains(
        &Msg::new("status-running").arg("pid", std::process::id().to_string()).render(Lang::Vi)
    ));
    let failed = Msg::new("status-backup-failed").arg("at", "24/06/2021 02:30");
    assert!(said.lines().any(|l| renders_as(l, failed.clone(), "error")), "{said}");

    std::fs::remove_file(&backups).unwrap();
    std::fs::create_dir(&backups).unwrap();
    assert_eq!(bot.tick_at(vn(25, 6, 2, 30)).await.backup, Some(true), "tried again the next day");
    let page = home().await;
    assert!(page.contains(&note("web-backup-last", "at", "25/06/2021 02:30")), "{page}");
    assert!(!page.contains("class=\"problem backup\""));
}

/// The file names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `/healthz` as a load balancer reads it: no session, the status and the JSON body.
async fn healthz(browser: &Browser) -> (StatusCode, serde_json::Value) {
    let page = browser.get("/healthz").await;
    (page.status, serde_json::from_str(&page.body).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_is_200_when_well_and_503_when_the_database_the_outbox_or_telegram_is_not() {
    let tg = FakeTelegram::start().await;
    // Polls of 1 s: a poll in flight when Telegram goes down ends soon.
    let bot =
        TestBot::builder(&tg).toml("poll_timeout_secs = 1").now(vn(14, 6, 9, 0)).start().await;
    bot.tick_at(vn(14, 6, 9, 0)).await;
    let browser = Browser::new(&bot);
    tg.wait_for("a first poll", |tg| (tg.polls() > 1).then_some(())).await;
    let (status, body) = healthz(&browser).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "ok");
    assert_eq!(
        (body["database"]["ok"].as_bool(), body["telegram"]["polling"].as_bool()),
        (Some(true), Some(true))
    );
    assert!(body["telegram"]["last_poll"].is_string(), "{body}");
    assert_eq!(body["outbox"], serde_json::json!({ "ok": true, "depth": 0, "oldest_age_secs": 0 }));

    // Another process holds the write lock past the busy timeout.
    use sqlx::Connection;
    let mut other =
        sqlx::SqliteConnection::connect(&format!("sqlite://{}", bot.db.display())).await.unwrap();
    sqlx::query("BEGIN EXCLUSIVE").execute(&mut other).await.unwrap();
    let (status, body) = healthz(&browser).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["database"], serde_json::json!({ "ok": false, "error": "not writable" }));
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
    assert_eq!(healthz(&browser).await.0, StatusCode::OK);

    // Reminders that cannot go out (every send breaks) wait; 20 minutes later the outbox is stuck.
    let _period = open_first_half(&bot, Audience::AllActive).await;
    let _chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    tg.fail_next("sendMessage", Fault::Dropped, 1);
    let report = bot.tick_at(vn(15, 6, 8, 0)).await;
    assert_eq!((report.reminders, report.flush.failed), (1, 1));
    bot.clock.set(vn(15, 6, 8, 20));
    let (status, body) = healthz(&browser).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(
        (body["outbox"]["ok"].as_bool(), body["outbox"]["depth"].as_i64()),
        (Some(false), Some(1))
    );
    assert_eq!(body["outbox"]["oldest_age_secs"], 20 * 60);
    let report = bot.tick_at(vn(15, 6, 8, 21)).await; // Telegram takes it now
    assert_eq!(report.flush.sent, 1);

    // Telegram unreachable: once a poll has failed, no answer comes; three minutes later the bot
    // is unwell, and well again once Telegram answers.
    tg.set_down(true);
    tg.wait_for("a poll refused", |tg| (!tg.calls_of("getUpdates").is_empty()).then_some(())).await;
    bot.clock.set(bot.clock.now() + Duration::minutes(3));
    let (status, body) = healthz(&browser).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["telegram"]["ok"], false);
    assert!(body["telegram"]["last_poll_age_secs"].as_i64().unwrap() >= 180, "{body}");
    tg.set_down(false);
    let polls = tg.polls();
    tg.wait_for("a poll answered", |tg| (tg.polls() > polls + 1).then_some(())).await;
    let (status, body) = healthz(&browser).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_off_by_default_and_when_on_are_scraped_parsed_and_move() {
    let tg = FakeTelegram::start().await;
    let off = TestBot::start(&tg).await;
    assert_eq!(Browser::new(&off).get("/metrics").await.status, StatusCode::NOT_FOUND);
    drop(off);

    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).env("BAOCAO_METRICS", "on").now(vn(14, 6, 9, 0)).start().await;
    bot.tick_at(vn(14, 6, 9, 0)).await;
    let browser = Browser::new(&bot);
    let scrape = || async {
        let page = browser.get("/metrics").await;
        assert_eq!(page.status, StatusCode::OK);
        let kind = page.headers.get(reqwest::header::CONTENT_TYPE).unwrap().to_str().unwrap();
        assert!(kind.starts_with("text/plain; version=0.0.4"), "{kind}");
        scrape::parse(&page.body)
    };
    let first = scrape().await;
    assert!(first.value("baocao_database_size_bytes", &[]) > 0.0);
    assert_eq!(first.value("baocao_reminders_planned_total", &[]), 0.0);

    let _period = open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await; // 1 message
    chair.send("/baocao"); // 2
    chair.next_message().await;
    let question = chair.next_message().await;
    chair.send(&answers(0)[0].1); // 3
    chair.next_message().await;
    let _ = question;
    let edited = serde_json::json!({
        "message_id": 1, "date": 1_700_000_000, "edit_date": 1_700_000_100,
        "chat": { "id": 1001, "type": "private", "first_name": "Chủ tịch" },
        "from": { "id": 1001, "is_bot": false, "first_name": "Chủ tịch" },
        "text": "sửa lại",
    });
    tg.push_update("edited_message", edited);
    chair.next_message().await;
    // The reminder sweep: one reminder, refused once with 429 (retry after 1 s), then sent.
    tg.fail_next("sendMessage", Fault::TooManyRequests(1), 1);
    let report = bot.tick_at(vn(15, 6, 8, 0)).await;
    assert_eq!((report.reminders, report.flush.sent), (1, 1));
    let polls = tg.polls();
    tg.wait_for("a poll", |tg| (tg.polls() > polls).then_some(())).await;

    let second = scrape().await;
    for family in [
        "baocao_updates_total",
        "baocao_step_seconds",
        "baocao_sends_total",
        "baocao_reminders_planned_total",
        "baocao_reminders_sent_total",
        "baocao_outbox_depth",
        "baocao_outbox_oldest_age_seconds",
        "baocao_last_sweep_timestamp_seconds",
        "baocao_last_backup_timestamp_seconds",
        "baocao_database_size_bytes",
        "baocao_wal_size_bytes",
        "baocao_last_poll_timestamp_seconds",
    ] {
        assert!(second.declares(family), "{family} is declared");
    }
    let moved = |name: &str, labels: &[(&str, &str)]| {
        second.value(name, labels) - first.value_or_zero(name, labels)
    };
    assert_eq!(moved("baocao_updates_total", &[("kind", "message")]), 3.0);
    assert_eq!(moved("baocao_updates_total", &[("kind", "edited_message")]), 1.0);
    let steps = second.value("baocao_step_seconds_count", &[("kind", "message")]);
    assert_eq!(steps, second.value("baocao_updates_total", &[("kind", "message")]));
    assert_eq!(moved("baocao_sends_total", &[("channel", "telegram"), ("result", "429")]), 1.0);
    assert!(moved("baocao_sends_total", &[("channel", "telegram"), ("result", "sent")]) >= 1.0);
    assert_eq!(moved("baocao_reminders_planned_total", &[]), 1.0);
    assert_eq!(moved("baocao_reminders_sent_total", &[]), 1.0);
    assert_eq!(second.value("baocao_outbox_depth", &[]), 0.0);
    let sweep = vn(15, 6, 8, 0).timestamp() as f64;
    assert_eq!(second.value("baocao_last_sweep_timestamp_seconds", &[]), sweep);
    assert!(second.value("baocao_last_poll_timestamp_seconds", &[]) >= sweep);
}
