//! Faults: a killed process, a locked database. Nothing reported as saved that was not; nothing lost.

use std::process::{Command, Stdio};

use baocao::domain::{Answer, Audience, Clock, UnitCode};
use baocao::i18n::{t, Lang, Msg};
use chrono::{Duration, Utc};

use crate::report::{join, open_first_half, start_report};
use crate::support::bot::{draft_of, TOKEN};
use crate::support::{FakeTelegram, Fault, Person, TestBot};

const BIN: &str = env!("CARGO_BIN_EXE_baocao");
const EXAMPLE_CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/tuan-giao-units.csv");

fn cli(db: &std::path::Path, tg: &FakeTelegram) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        .env("BAOCAO_DATABASE", db)
        .env("RUST_LOG", "warn")
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", tg.api_url())
        // Tests run side by side: each console on a free port.
        .env("BAOCAO_WEB_ADDR", "127.0.0.1:0");
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
        // The dates follow today's: the deadline may fall on a weekend.
        .arg("--anyway")
        .args(["--template", "thi-dua-2021"])
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
    let period = store.list_periods(false).await.unwrap().remove(0);
    let draft = draft_of(&store, period.id, "X-TAMA", 1001).await;
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
    not_saved_until(
        &bot,
        &mut chair,
        period,
        "Câu trả lời khi cơ sở dữ liệu bị khóa",
        async {
            sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
        },
    )
    .await;
}

/// The database refuses the chair's first answer: the chair is told nothing was saved, and
/// nothing was. After `recovered`, the same question is still waiting and the answer is saved.
async fn not_saved_until(
    bot: &TestBot,
    chair: &mut Person,
    period: baocao::domain::PeriodId,
    refused: &str,
    recovered: impl std::future::Future<Output = ()>,
) {
    chair.send(refused);
    assert_eq!(chair.next_text().await, t(Lang::Vi, "err-storage-unavailable"));
    let draft = bot.draft_of(period, "X-TAMA", 1001).await;
    assert!(!draft.answers.contains_key("ket_qua"), "nothing is reported as saved that was not");
    recovered.await;
    chair.send("Câu trả lời gửi lại");
    assert!(chair.next_text().await.starts_with("Câu 2/7"), "the same question was still waiting");
    let draft = bot.draft_of(period, "X-TAMA", 1001).await;
    assert_eq!(draft.answers["ket_qua"], Answer::Text { text: "Câu trả lời gửi lại".into() });
}

/// `n` units and one registered chair each (Telegram ids from 20,000), straight in the database.
async fn chairs_in(db: &std::path::Path, n: usize) -> Vec<i64> {
    let store = baocao::store::Store::open(db).await.unwrap();
    let codes = crate::support::seed::units_with_invites(&store, n).await;
    let chairs = crate::support::seed::register(&store, &codes, 20_000).await;
    store.close().await;
    chairs.iter().filter_map(|m| m.telegram_chat()).collect()
}

/// The binary, killed (SIGKILL) when dropped, also when the test fails half-way.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits until the database says `done` (polled: the database does not announce changes the way
/// the fake Telegram does, see `FakeTelegram::wait_for`), or fails the test after 15 s.
async fn until_stored<F: std::future::Future<Output = bool>>(
    what: &str,
    mut done: impl FnMut() -> F,
) {
    let deadline = std::time::Instant::now() + crate::support::fake_telegram::WAIT;
    while !done().await {
        assert!(std::time::Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

// The real binary, killed while its reminder sweep is sending, then started again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sweep_killed_midway_delivers_every_reminder_after_the_restart_at_most_one_twice() {
    const UNITS: usize = 30;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("baocao.db");
    let tg = FakeTelegram::start().await;
    let chats = chairs_in(&db, UNITS).await;
    let tz = chrono_tz::Asia::Ho_Chi_Minh;
    let local = Utc::now().with_timezone(&tz);
    // Due tomorrow: today is the "1 day before" stage for every unit.
    let day = |d: chrono::DateTime<chrono_tz::Tz>| d.format("%d/%m/%Y").to_string();
    let period = cli(&db, &tg)
        .args(["period", "create", "--kind", "ad-hoc", "--title", "Báo cáo thử"])
        .args(["--from", &day(local - Duration::days(30)), "--to", &day(local - Duration::days(1))])
        .args(["--due", &format!("{} 23:00", day(local + Duration::days(1)))])
        .output()
        .unwrap();
    assert!(period.status.success(), "{}", String::from_utf8_lossy(&period.stderr));
    // Every day is a working day and the quiet hours are elsewhere, whenever this runs; the sweep
    // fires every second; 10 messages a second at most, at the fake and in the bot.
    let hour = chrono::Timelike::hour(&local);
    let config = dir.path().join("baocao.toml");
    std::fs::write(
        &config,
        format!(
            "[schedule]\nreminder_sweep = \"* * * * * *\"\nofficer_digest = \"0 0 0 1 1 * 2099\"\n\
             working_days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]\n\
             quiet_hours = [{}, {}]\n[throttle]\noverall_per_sec = 10\nper_chat_per_sec = 1\n",
            (hour + 2) % 24,
            (hour + 3) % 24
        ),
    )
    .unwrap();
    tg.limit_rate(10, 1);
    let run = || {
        Running(
            cli(&db, &tg)
                .env("BAOCAO_CONFIG", &config)
                .arg("run")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        )
    };
    // Each chair is also told the period is open (its own delivery); only reminders count here.
    let reminders = |tg: &FakeTelegram, chat: i64| {
        tg.sent_ids(chat)
            .into_iter()
            .filter(|id| tg.message(chat, *id)["text"].as_str().unwrap_or("").contains("chưa gửi"))
            .count()
    };
    let reached = |tg: &FakeTelegram| chats.iter().filter(|c| reminders(tg, **c) > 0).count();

    let bot = run();
    tg.wait_for("a third of the reminders", |tg| (reached(tg) >= UNITS / 3).then_some(())).await;
    drop(bot); // SIGKILL in the middle of the sweep
    let before = reached(&tg);
    assert!(before < UNITS, "the sweep was not interrupted: {before} of {UNITS} already reached");

    let bot = run();
    // Well under the five minutes after which an abandoned claim would be taken again anyway.
    tg.wait_for("every reminder", |tg| (reached(tg) == UNITS).then_some(())).await;
    let store = baocao::store::Store::open(&db).await.unwrap();
    until_stored("the outbox to empty", || async { store.outbox_backlog().await.unwrap() == 0 })
        .await;
    drop(bot);
    let counts: Vec<usize> = chats.iter().map(|c| reminders(&tg, *c)).collect();
    assert!(counts.iter().all(|n| (1..=2).contains(n)), "reminders per chair: {counts:?}");
    // Repeated: only what was on its way when the process died (paced at 10 a second).
    let repeated = counts.iter().filter(|n| **n == 2).count();
    assert!(repeated <= 2, "{repeated} chairs got the reminder twice: {counts:?}");
    let first = tg.message(chats[0], tg.sent_ids(chats[0])[0]);
    assert!(first["text"].as_str().unwrap().contains("báo cáo thử"), "{first}");
    let opened: usize = chats
        .iter()
        .map(|c| {
            let texts =
                tg.sent_ids(*c).into_iter().map(|id| tg.message(*c, id)["text"].to_string());
            texts.filter(|t| t.contains("đã mở báo cáo thử")).count()
        })
        .sum();
    assert!(
        (UNITS..=UNITS + 2).contains(&opened),
        "each chair told once the period opened: {opened}"
    );
    // A 429 right after the restart is possible (the killed run's last second still counts at the
    // fake, as at Telegram); it is waited out like any other, and nothing is lost.
}

#[tokio::test]
async fn a_dropped_connection_is_retried_and_the_chair_gets_the_next_question_once() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    start_report(&mut chair).await;
    tg.fail_next("sendMessage", Fault::Dropped, 1);
    chair.send("Kết quả tốt");
    assert!(chair.next_text().await.starts_with("Câu 2/7"));
    chair.send("12/15");
    assert!(chair.next_text().await.starts_with("Câu 3/7"), "one reply per answer, in order");
}

#[tokio::test]
async fn when_telegram_is_unreachable_the_answer_is_kept_and_the_chair_is_told_afterwards() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    let period = open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    start_report(&mut chair).await;
    // The answer arrives; the reply's connection breaks, and then the whole API is unreachable.
    let sends = tg.calls_of("sendmessage").len();
    tg.fail_next("sendMessage", Fault::Dropped, 1);
    chair.send("Kết quả đã nhận trước khi mất mạng");
    tg.wait_for("the reply to be tried", |tg| {
        (tg.calls_of("sendmessage").len() > sends).then_some(())
    })
    .await;
    tg.set_down(true);
    let store = bot.store();
    tg.wait_for("the reply to be given up", |tg| {
        (tg.calls_of("sendmessage").len() >= sends + 4).then_some(())
    })
    .await;
    let draft = bot.draft_of(period, "X-TAMA", 1001).await;
    assert_eq!(
        draft.answers["ket_qua"],
        Answer::Text { text: "Kết quả đã nhận trước khi mất mạng".into() }
    );
    assert_eq!(chair.unread(), 0, "nothing reached the chair while Telegram was away");

    // The notice could not go either: it waits in the outbox for its next try.
    let key = baocao::plan::unconfirmed(&baocao::domain::Contact::telegram(1001), bot.clock.now())
        .dedup_key;
    until_stored("the notice to be recorded as failed", || async {
        store.delivery_status_of(std::slice::from_ref(&key)).await.unwrap()
            == [baocao::domain::delivery::DeliveryStatus::Failed]
    })
    .await;

    // Telegram is back: the next outbox round tells the chair, and the chat goes on.
    tg.set_down(false);
    bot.tick_at(bot.clock.now() + Duration::minutes(2)).await;
    let notice = chair.next_text().await;
    let at =
        baocao::i18n::fmt_datetime(bot.clock.now() - Duration::minutes(2), bot.config.timezone);
    assert_eq!(notice, Msg::new("reply-unconfirmed").arg("at", at).render(Lang::Vi));
    chair.send("/baocao");
    let resumed = chair.next_text().await;
    assert!(resumed.contains("Câu 2/7"), "{resumed}");
}

/// A 1 MB filesystem of its own (tmpfs), unmounted when dropped. Mounting needs root, as CI has;
/// for anyone else it is `None` and the test says it is skipped (as root a failure is a failure).
struct TinyDisk(std::path::PathBuf);

impl TinyDisk {
    fn mount() -> Option<TinyDisk> {
        use std::os::unix::fs::MetadataExt;
        let root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
        let dir = tempfile::tempdir().unwrap().keep();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
            .arg(&dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if mounted {
            return Some(TinyDisk(dir));
        }
        let _ = std::fs::remove_dir(&dir);
        assert!(!root, "as root, this test must be able to mount a 1 MB tmpfs");
        eprintln!("skipped: mounting a 1 MB tmpfs for the full-disk test needs root (CI runs it)");
        None
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        let _ = std::fs::remove_dir(&self.0);
    }
}

#[tokio::test]
async fn a_full_disk_is_reported_as_not_saved_and_the_bot_recovers_when_space_is_freed() {
    let Some(disk) = TinyDisk::mount() else { return };
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).database(&disk.0.join("baocao.db")).start().await;
    let period = open_first_half(&bot, Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    start_report(&mut chair).await;

    // Something else fills the disk to the last byte.
    let filler = disk.0.join("filler");
    {
        use std::io::Write;
        let mut file = std::fs::File::create(&filler).unwrap();
        while file.write_all(&[0u8; 4096]).is_ok() {}
        while file.write_all(&[0u8]).is_ok() {}
    }
    not_saved_until(&bot, &mut chair, period, "Câu trả lời khi đầy đĩa", async {
        std::fs::remove_file(&filler).unwrap();
    })
    .await;
    drop(bot);
}

/// Units imported and an invite for `unit`'s reporter made from the command line; its code.
fn invite_from_cli(db: &std::path::Path, tg: &FakeTelegram, unit: &str) -> String {
    assert!(cli(db, tg).args(["unit", "import", EXAMPLE_CSV]).output().unwrap().status.success());
    let invite = cli(db, tg).args(["invite", "create", "--unit", unit]).output().unwrap();
    assert!(invite.status.success(), "{}", String::from_utf8_lossy(&invite.stderr));
    let out = String::from_utf8_lossy(&invite.stdout).into_owned();
    out[out.find("?start=").unwrap() + 7..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

/// A real `baocao run` on a fresh database with the units and an invite for Ta Ma, its stderr
/// kept in a file; at `RUST_LOG=warn`, or at the default level as an office runs it.
struct LoggedBot {
    child: std::process::Child,
    db: std::path::PathBuf,
    log: std::path::PathBuf,
    code: String,
    _dir: tempfile::TempDir,
}

impl LoggedBot {
    fn start(tg: &FakeTelegram, default_level: bool) -> LoggedBot {
        let dir = tempfile::tempdir().unwrap();
        let (db, log) = (dir.path().join("baocao.db"), dir.path().join("stderr.log"));
        let code = invite_from_cli(&db, tg, "X-TAMA");
        let mut cmd = cli(&db, tg);
        if default_level {
            cmd.env_remove("RUST_LOG");
        }
        let stderr = std::fs::File::create(&log).unwrap();
        let child = cmd.arg("run").stdout(Stdio::null()).stderr(stderr).spawn().unwrap();
        LoggedBot { child, db, log, code, _dir: dir }
    }

    /// Kills the bot and returns what it logged.
    fn stop(mut self) -> String {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        std::fs::read_to_string(&self.log).unwrap()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn corrupt_data_is_logged_at_error_level_with_the_update_and_chat_and_the_person_is_told_calmly(
) {
    let tg = FakeTelegram::start().await;
    let bot = LoggedBot::start(&tg, false);
    let mut chair = Person::new(&tg, 1001, "Chủ tịch", Some("vi"));
    chair.send(&format!("/start {}", bot.code));
    chair.next_message().await;

    // A value this version does not know (a downgrade, a hand edit): never read as a default.
    use sqlx::Connection;
    let mut conn =
        sqlx::SqliteConnection::connect(&format!("sqlite://{}", bot.db.display())).await.unwrap();
    sqlx::query("PRAGMA ignore_check_constraints = ON").execute(&mut conn).await.unwrap();
    sqlx::query("UPDATE members SET lang = 'fr' WHERE tg_user_id = 1001")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    // Another process's write: the bot reads the member afresh once it sees it.
    let deadline = std::time::Instant::now() + crate::support::ANOTHER_PROCESS_SEEN_WITHIN;
    loop {
        chair.send("/help");
        let answer = chair.next_text().await;
        if answer == t(Lang::Vi, "err-internal") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "not seen within a second: {answer}");
        // Slower than the flood guard's one message a second after its burst of five.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    let log = bot.stop();
    let line = log
        .lines()
        .find(|l| l.contains("corrupt data in members.lang"))
        .unwrap_or_else(|| panic!("the corrupt value is not named in the log:\n{log}"));
    assert!(line.contains("ERROR"), "{line}");
    assert!(line.contains("chat=1001") && line.contains("update{id="), "{line}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_bot_per_database_a_second_run_refuses_to_start_naming_the_file_and_the_holder() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("baocao.db");
    let tg = FakeTelegram::start().await;
    let code = invite_from_cli(&db, &tg, "X-TAMA");
    let mut first =
        cli(&db, &tg).arg("run").stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let mut chair = Person::new(&tg, 1001, "Chủ tịch", Some("vi"));
    chair.send(&format!("/start {code}"));
    chair.next_message().await; // the first bot runs

    let mut second =
        cli(&db, &tg).arg("run").stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while second.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            second.kill().unwrap();
            first.kill().unwrap();
            panic!("a second bot is running on the same database");
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let second = second.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(!second.status.success(), "the second bot must not run: {said}");
    let lock = format!("{}.lock", db.display());
    assert!(said.contains(&lock) && said.contains(&first.id().to_string()), "{said}");
    // The commands that are safe beside a running bot still work.
    assert!(cli(&db, &tg).args(["period", "list"]).output().unwrap().status.success());
    let copy = dir.path().join("copy.db");
    assert!(cli(&db, &tg).arg("backup").arg(&copy).output().unwrap().status.success());

    first.kill().unwrap();
    first.wait().unwrap();
    // The lock died with the process: a new bot starts.
    let mut again =
        cli(&db, &tg).arg("run").stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    chair.send("/help");
    assert!(chair.next_text().await.starts_with(&t(Lang::Vi, "help-title")));
    again.kill().unwrap();
    again.wait().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_private_reaches_the_log_at_the_default_level_even_in_a_flood() {
    let tg = FakeTelegram::start().await;
    let bot = LoggedBot::start(&tg, true); // the default level, as an office runs it
    let code = bot.code.clone();
    let mut flooder = Person::new(&tg, 1001, "Người gửi dồn dập", Some("vi"));
    for _ in 0..30 {
        flooder.send(&format!("/start {code}"));
    }
    flooder.in_group(-100_555).send(&format!("/start {code} bí mật của nhóm"));
    flooder.next_message().await; // answered (joined or told to slow down)
    let mut chair = Person::new(&tg, 1002, "Chủ tịch", Some("vi"));
    chair.send("Một câu trả lời riêng tư");
    chair.next_message().await;
    let log = bot.stop();
    assert!(log.contains("baocao is running"), "the log was written: {log}");
    for private in [code.as_str(), "bí mật của nhóm", "Một câu trả lời riêng tư"] {
        assert!(!log.contains(private), "{private:?} reached the log:\n{log}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_console_port_in_use_stops_the_start_with_a_message_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("baocao.db");
    let tg = FakeTelegram::start().await;
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = cli(&db, &tg).env("BAOCAO_WEB_ADDR", &addr).arg("run").output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&addr) && err.contains("BAOCAO_WEB_ADDR"), "{err}");
    // Off: the bot runs without it (it starts and polls).
    let mut bot = cli(&db, &tg).env("BAOCAO_WEB_ADDR", "off").arg("run").spawn().unwrap();
    tg.wait_for("the bot to poll", |tg| (tg.polls() > 0).then_some(())).await;
    bot.kill().unwrap();
    bot.wait().unwrap();
}
