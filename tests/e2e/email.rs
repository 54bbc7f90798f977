//! E-mail as a channel, end to end: the real bot with `BAOCAO_SMTP_URL` set to an in-process
//! mail server on 127.0.0.1 (`support::smtp_sink`), chairs who have only an e-mail address.

use baocao::actions::members::{add, NewPerson};
use baocao::actions::period::{open, Due, PeriodRequest, Who};
use baocao::actions::{App, By, Operator};
use baocao::domain::attachment::{AttachedFile, Attachment};
use baocao::domain::contact::EMAIL;
use baocao::domain::{Member, Role, UnitCode};
use baocao::i18n::Lang;
use chrono::Duration;
use mail_parser::MimeHeaders;

use crate::support::bot::vn;
use crate::support::smtp_sink::SmtpSink;
use crate::support::{FakeTelegram, TestBot};

pub(crate) const TAMA: &str = "chutich@tama.dienbien.gov.vn";
pub(crate) const LETTER: &[u8] = b"%PDF-1.4 cong van so 123";

/// A bot that sends e-mail through `sink`, `per_minute` letters a minute, on 01/06/2021 09:00.
pub(crate) async fn bot_with_mail(tg: &FakeTelegram, sink: &SmtpSink, per_minute: u32) -> TestBot {
    // With a login, as an office's server asks (in clear only because it is this machine).
    let url = sink.url().replace("smtp://", "smtp://baocao:m%E1%BA%ADt%40kh%E1%BA%A9u@");
    let bot = TestBot::builder(tg)
        .env("BAOCAO_SMTP_URL", &url)
        .env("BAOCAO_MAIL_FROM", "Phòng Nội vụ Tuần Giáo <baocao@tuangiao.dienbien.gov.vn>")
        .env("BAOCAO_MAIL_PER_MIN", &per_minute.to_string())
        .now(vn(1, 6, 9, 0))
        .start()
        .await;
    bot.tick_at(vn(1, 6, 9, 0)).await;
    bot
}

/// The chair of `unit`, added at the machine with only an e-mail address.
pub(crate) async fn chair_by_email(bot: &TestBot, unit: &str, email: &str) -> Member {
    let person = NewPerson {
        unit: Some(UnitCode::parse(unit).unwrap()),
        name: "Lò Văn Hùng".into(),
        position: Some("Chủ tịch UBND xã".into()),
        email: Some(email.into()),
        role: Role::Reporter,
        lang: Lang::Vi,
    };
    add(bot.app(), By::Operator(&Operator::at_the_machine()), &person).await.unwrap()
}

/// Opens the first half of 2021 (due 16/06/2021 17:00) from the command line, with the office's
/// letter, and lets the scheduler send at 09:01.
pub(crate) async fn open_with_letter(bot: &TestBot) {
    let req = PeriodRequest {
        kind: baocao::domain::PeriodKind::Semiannual { half: 1, year: 2021 },
        title: None,
        window: None,
        due: Due::Typed("16/06/2021 17:00".into()),
        template: "thi-dua".into(),
        audience: Who::default(),
        attachment: Some(Attachment {
            name: "công-văn-123.pdf".into(),
            file: AttachedFile::Bytes(std::sync::Arc::new(LETTER.to_vec())),
        }),
        anyway: false,
    };
    let cli = App::open(bot.config.clone(), bot.clock.clone()).await.unwrap();
    open(&cli, By::Operator(&Operator::at_the_machine()), &req).await.unwrap();
    cli.close().await;
    bot.tick_at(vn(1, 6, 9, 1)).await;
}

/// The sign-in link in a letter's text.
pub(crate) fn link_in(text: &str) -> String {
    let start = text.find("http://").expect("a link in the letter");
    let link: String = text[start..].chars().take_while(|c| !c.is_whitespace()).collect();
    assert!(link.contains("/login?code="), "a personal sign-in link: {link}");
    link
}

async fn email_reachable(bot: &TestBot, member: &Member) -> bool {
    let member = bot.store().member_by_id(member.id).await.unwrap().unwrap();
    member.contact(EMAIL).unwrap().reachable
}

#[tokio::test]
async fn a_chair_by_email_gets_the_opening_letter_with_the_document_and_a_new_link_each_time() {
    let (tg, sink) = (FakeTelegram::start().await, SmtpSink::start().await);
    let bot = bot_with_mail(&tg, &sink, 6000).await;
    chair_by_email(&bot, "X-TAMA", TAMA).await;
    open_with_letter(&bot).await;

    let letters = sink.wait_for(1).await;
    assert_eq!(letters.len(), 1, "one letter for the one chair by e-mail");
    assert_eq!(letters[0].to, [TAMA]);
    assert_eq!(letters[0].from, "baocao@tuangiao.dienbien.gov.vn");
    let mail = letters[0].parsed();
    let subject = mail.subject().unwrap();
    for said in ["Báo cáo 6 tháng đầu năm 2021", "Xã Ta Ma", "16/06/2021 17:00"] {
        assert!(
            subject.contains(said),
            "the subject says the period, the unit, the deadline: {subject}"
        );
    }
    let text = mail.body_text(0).unwrap();
    assert!(text.contains("đã mở báo cáo 6 tháng đầu năm 2021 cho xã Ta Ma"), "{text}");
    let first = link_in(&text);
    assert!(mail.body_html(0).unwrap().contains(&first), "the same link under the button");
    let document = mail.attachment(0).expect("the office's letter attached");
    assert_eq!(document.attachment_name(), Some("công-văn-123.pdf"));
    assert_eq!(document.contents(), LETTER);
    assert!(tg.calls_of("sendMessage").is_empty(), "nobody on Telegram");
    let logins = sink.logins();
    assert!(!logins.is_empty(), "the server's login is used");
    assert!(logins.iter().all(|(user, password)| user == "baocao" && password == "mật@khẩu"));

    // The first reminder (T-7) carries a link of its own: the first one may have been used.
    bot.tick_at(vn(9, 6, 8, 0)).await;
    let letters = sink.wait_for(2).await;
    let reminder = letters[1].parsed();
    let second = link_in(&reminder.body_text(0).unwrap());
    assert_ne!(first, second, "a new sign-in link in every letter");
    assert_ne!(mail.message_id(), reminder.message_id(), "two letters, two Message-IDs");
}

#[tokio::test]
async fn an_address_the_server_refuses_is_marked_unreachable_and_not_tried_again() {
    let (tg, sink) = (FakeTelegram::start().await, SmtpSink::start().await);
    sink.refuse(TAMA, "550 5.1.1 <chutich@tama.dienbien.gov.vn>: Recipient address rejected");
    let bot = bot_with_mail(&tg, &sink, 6000).await;
    let chair = chair_by_email(&bot, "X-TAMA", TAMA).await;
    assert!(email_reachable(&bot, &chair).await);
    open_with_letter(&bot).await;

    assert_eq!(sink.tries(TAMA), 1);
    assert!(!email_reachable(&bot, &chair).await, "the bounce marks the address unreachable");
    // Neither a retry nor the next reminder goes to it again.
    bot.tick_at(vn(1, 6, 10, 0)).await;
    bot.tick_at(vn(9, 6, 8, 0)).await;
    assert_eq!(sink.tries(TAMA), 1, "an address that bounced is not tried again");
    assert!(sink.received().is_empty());
}

#[tokio::test]
async fn a_server_that_asks_to_wait_gets_the_letter_again_after_the_backoff() {
    let (tg, sink) = (FakeTelegram::start().await, SmtpSink::start().await);
    sink.refuse_once(TAMA, "451 4.7.1 Too many messages, slow down");
    let bot = bot_with_mail(&tg, &sink, 6000).await;
    let chair = chair_by_email(&bot, "X-TAMA", TAMA).await;
    open_with_letter(&bot).await;
    assert_eq!((sink.tries(TAMA), sink.received().len()), (1, 0), "refused for now");
    assert!(email_reachable(&bot, &chair).await, "a 4xx is no bounce");

    // The outbox's first backoff is 30 seconds: not before, then once.
    bot.tick_at(vn(1, 6, 9, 1) + Duration::seconds(20)).await;
    assert_eq!(sink.tries(TAMA), 1, "not retried before the backoff");
    bot.tick_at(vn(1, 6, 9, 1) + Duration::seconds(31)).await;
    let letters = sink.wait_for(1).await;
    assert_eq!(letters[0].to, [TAMA]);
    assert!(letters[0].parsed().attachment(0).is_some(), "the same letter, with its document");
    bot.tick_at(vn(1, 6, 9, 5)).await;
    assert_eq!(sink.received().len(), 1, "sent once");
}

#[tokio::test]
async fn letters_go_out_at_the_configured_pace() {
    let (tg, sink) = (FakeTelegram::start().await, SmtpSink::start().await);
    // 600 a minute: one every 0.1 s.
    let bot = bot_with_mail(&tg, &sink, 600).await;
    let units = ["X-TAMA", "X-PUXI", "X-NASAY", "X-QUAICANG"];
    for (i, unit) in units.iter().enumerate() {
        chair_by_email(&bot, unit, &format!("chutich{i}@dienbien.gov.vn")).await;
    }
    open_with_letter(&bot).await;

    let letters = sink.wait_for(units.len()).await;
    let span = letters[units.len() - 1].at.duration_since(letters[0].at).as_secs_f64();
    // Three intervals of 60/600 s (the pacer keeps 1 % under the limit); at once, they would
    // all arrive within milliseconds.
    assert!(span >= 0.28, "4 letters at 600 a minute span at least 0.3 s: {span}");
    assert!(span < 2.0, "and not much more: {span}");
}

// The real binary, without Telegram, killed while a letter is on the wire (the mail server took
// it but had not answered), then started again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bot_killed_mid_letter_sends_it_again_as_the_same_letter_and_no_other_twice() {
    use std::process::{Command, Stdio};
    const BIN: &str = env!("CARGO_BIN_EXE_baocao");
    const UNITS: [&str; 5] = ["X-TAMA", "X-PUXI", "X-NASAY", "X-QUAICANG", "X-MUONGMUN"];
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("baocao.db");
    let sink = SmtpSink::start().await;
    let cli = || {
        let mut cmd = Command::new(BIN);
        cmd.env_clear()
            .env("BAOCAO_DATABASE", &db)
            .env("RUST_LOG", "warn")
            .env("BAOCAO_WEB_ADDR", "127.0.0.1:0")
            .env("BAOCAO_SMTP_URL", sink.url())
            .env("BAOCAO_MAIL_FROM", "Phòng Nội vụ <baocao@tuangiao.dienbien.gov.vn>")
            .env("BAOCAO_MAIL_PER_MIN", "6000");
        cmd
    };
    let ok = |out: std::process::Output| {
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr))
    };
    let csv = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/tuan-giao-units.csv");
    ok(cli().args(["unit", "import", csv]).output().unwrap());
    for (i, unit) in UNITS.iter().enumerate() {
        let email = format!("chutich{i}@dienbien.gov.vn");
        ok(cli()
            .args(["member", "add", "--unit", unit, "--name", "Lò Văn Hùng", "--email", &email])
            .output()
            .unwrap());
    }
    let tz = chrono_tz::Asia::Ho_Chi_Minh;
    let local = chrono::Utc::now().with_timezone(&tz);
    let day = |d: chrono::DateTime<chrono_tz::Tz>| d.format("%d/%m/%Y").to_string();
    ok(cli()
        .args(["period", "create", "--kind", "ad-hoc", "--title", "Báo cáo thử", "--anyway"])
        .args(["--from", &day(local - Duration::days(30)), "--to", &day(local - Duration::days(1))])
        .args(["--due", &format!("{} 17:00", day(local + Duration::days(10)))])
        .output()
        .unwrap());

    // Two letters are taken; the third is taken and never answered: the bot is killed then.
    sink.stall_after(2);
    let mut bot = cli().arg("run").stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    sink.wait_for(UNITS.len()).await;
    // Every other letter answered and recorded as sent; the third still on the wire.
    let recorded = || async {
        let url = format!("sqlite://{}?mode=ro", db.display());
        let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url).await.unwrap();
        let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM deliveries WHERE status = 'sent'")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        sent as usize == UNITS.len() - 1
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !recorded().await {
        assert!(std::time::Instant::now() < deadline, "the letters answered were not recorded");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    bot.kill().unwrap(); // SIGKILL: the third letter is sent, not recorded as sent
    bot.wait().unwrap();
    sink.resume();
    let mut again = cli().arg("run").stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let held = sink.received()[2].parsed().message_id().unwrap().to_owned();
    // Every chair's letter, and the one held sent again.
    let letters = sink.wait_for(UNITS.len() + 1).await;
    let settled = std::time::Instant::now() + std::time::Duration::from_secs(1);
    while std::time::Instant::now() < settled {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    again.kill().unwrap();
    again.wait().unwrap();
    let letters = std::cmp::max_by_key(letters, sink.received(), Vec::len);

    // At least once, never two different letters: whatever was on the wire at the kill went
    // again under its own Message-ID (a mail client shows one letter), nothing else was repeated.
    let mut by_chair: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for letter in &letters {
        let id = letter.parsed().message_id().unwrap().to_owned();
        by_chair.entry(letter.to[0].clone()).or_default().push(id);
    }
    assert_eq!(by_chair.len(), UNITS.len(), "every chair has their letter");
    for (chair, ids) in &by_chair {
        assert!(ids.iter().all(|id| *id == ids[0]), "{chair} got two different letters: {ids:?}");
    }
    let again_sent =
        letters.iter().filter(|l| l.parsed().message_id() == Some(held.as_str())).count();
    assert_eq!(again_sent, 2, "the letter cut off was sent again, once");
    assert_eq!(letters.len(), UNITS.len() + 1, "no letter recorded as sent went again");
}
