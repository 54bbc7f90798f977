//! Reminders, digests, nudges and series on a driven clock, through the fake Telegram.

use baocao::domain::delivery::DeliveryStatus;
use baocao::domain::{Audience, Clock, PeriodId};
use baocao::i18n::{t, Lang, Msg};
use baocao::store::Actor;

use crate::report::{join, open_first_half};
use crate::support::bot::vn;
use crate::support::{FakeTelegram, Fault, Person, TestBot};

const ADMIN: i64 = 900;
const GROUP: i64 = -100_777;

/// Ticks at 08:00 and 16:30 of each day from `from` to `to` (June 2021); returns, for `chat`,
/// the days on which it received something, with how many messages.
async fn run_days(
    bot: &TestBot,
    tg: &FakeTelegram,
    chats: &[i64],
    from: u32,
    to: u32,
) -> Vec<Vec<(u32, usize)>> {
    let mut timeline = vec![Vec::new(); chats.len()];
    for day in from..=to {
        for (h, m) in [(8, 0), (16, 30)] {
            let before: Vec<usize> = chats.iter().map(|c| tg.sent_ids(*c).len()).collect();
            bot.tick_at(vn(day, 6, h, m)).await;
            for (i, chat) in chats.iter().enumerate() {
                let new = tg.sent_ids(*chat).len() - before[i];
                if new > 0 {
                    timeline[i].push((day, new));
                }
            }
        }
    }
    timeline
}

async fn officer(tg: &FakeTelegram) -> Person {
    let mut admin = Person::new(tg, ADMIN, "Trưởng phòng", Some("vi"));
    admin.send("/start");
    admin.next_message().await;
    admin
}

async fn setup(tg: &FakeTelegram, toml: &str) -> (TestBot, PeriodId) {
    let bot = TestBot::builder(tg).admins(&[ADMIN]).now(vn(7, 6, 9, 0)).toml(toml).start().await;
    bot.tick_at(vn(7, 6, 9, 0)).await; // the scheduler's first run starts counting from now
    let period = open_first_half(&bot, Audience::AllActive).await;
    (bot, period)
}

const SEVEN_REMINDERS: [(u32, usize); 7] =
    [(9, 1), (14, 1), (15, 1), (16, 1), (17, 1), (18, 1), (21, 1)];

#[tokio::test]
async fn a_whole_period_reminds_each_stage_once_skips_weekends_and_stops_after_submitting() {
    let tg = FakeTelegram::start().await;
    let (bot, period) = setup(&tg, &format!("[schedule]\nofficers_group = {GROUP}")).await;
    let mut admin = officer(&tg).await;
    let mut a = join(&tg, &bot, 1001, "Chủ tịch Ta Ma", "X-TAMA", "vi").await;
    let mut b = join(&tg, &bot, 1002, "Chủ tịch Pú Xi", "X-PUXI", "vi").await;

    let first = run_days(&bot, &tg, &[1001, 1002], 8, 13).await;
    assert_eq!(first[0], [(9, 1)], "7 days before: Wednesday 09/06; nothing on the weekend");
    let reminder = a.next_message().await;
    assert!(
        reminder.text().contains("Xã Ta Ma") && reminder.text().contains("15/12/2020 – 14/06/2021")
    );
    assert!(reminder.text().contains(
        &Msg::new("reminder-days-left")
            .arg("days", 7_i64)
            .arg("due", "16/06/2021 17:00")
            .render(Lang::Vi)
    ));
    assert_eq!(reminder.buttons(), [t(Lang::Vi, "reminder-button")]);

    // Monday 14/06 08:00: the 3-days stage (Sunday's) arrives; then Pú Xi reports at 10:00.
    bot.tick_at(vn(14, 6, 8, 0)).await;
    b.next_message().await;
    let b_reminder = b.next_message().await;
    assert!(b_reminder.text().contains(
        &Msg::new("reminder-days-left")
            .arg("days", 2_i64)
            .arg("due", "16/06/2021 17:00")
            .render(Lang::Vi)
    ));
    bot.clock.set(vn(14, 6, 10, 0));
    let puxi = bot
        .store()
        .unit_by_code(&baocao::domain::UnitCode::parse("X-PUXI").unwrap())
        .await
        .unwrap()
        .unwrap();
    let member = bot.store().member_by_tg_user(1002).await.unwrap().unwrap();
    let mut draft = baocao::domain::Draft::default();
    for (k, v) in [("ket_qua", "Tốt"), ("khen_thuong", "-")] {
        draft.answers.insert(k.into(), baocao::domain::Answer::Text { text: v.into() });
    }
    draft.answers.insert("chi_tieu".into(), baocao::domain::Answer::Fraction { num: 1, den: 2 });
    draft.answers.insert("phong_trao".into(), baocao::domain::Answer::Number { value: 1 });
    draft.answers.insert("dien_hinh".into(), baocao::domain::Answer::Number { value: 1 });
    bot.store().save_draft(period, puxi.id, member.id, &draft, bot.clock.now()).await.unwrap();
    bot.store().submit_report(period, puxi.id, member.id, bot.clock.now()).await.unwrap();

    let rest = run_days(&bot, &tg, &[1001, 1002, ADMIN, GROUP], 14, 23).await;
    assert_eq!(
        rest[0],
        [(15, 1), (16, 1), (17, 1), (18, 1), (21, 1)],
        "1 day, deadline day, 3 working days overdue, weekend skipped"
    );
    assert!(rest[1].is_empty(), "nothing after submitting: {:?}", rest[1]);
    assert_eq!(
        rest[2].iter().map(|(d, _)| *d).collect::<Vec<_>>(),
        [14, 15, 16, 17, 18, 21, 22, 23],
        "a digest each working day near or past the deadline"
    );
    assert_eq!(rest[3], rest[2], "the officers' group gets the same digests");

    let mut digest = String::new();
    for _ in 0..admin.unread() {
        digest = admin.next_text().await;
    }
    assert!(
        digest.contains(
            &Msg::new("digest-counts")
                .arg("reported", 1_i64)
                .arg("total", 19_i64)
                .arg("on_time", 1_i64)
                .arg("late", 0_i64)
                .arg("accepted", 0_i64)
                .arg("returned", 0_i64)
                .render(Lang::Vi)
        ),
        "{digest}"
    );
    assert!(
        digest.contains("Xã Ta Ma")
            && digest.contains(&Msg::new("digest-overdue").arg("days", 7_i64).render(Lang::Vi))
    );
    for _ in 0..a.unread() {
        a.next_message().await;
    }
    assert_eq!(tg.sent_ids(1001).len(), 1 + 7, "welcome + seven reminders");
}

#[tokio::test]
async fn a_restart_in_the_middle_neither_repeats_nor_misses_a_reminder() {
    let tg = FakeTelegram::start().await;
    let (mut bot, _period) = setup(&tg, "").await;
    join(&tg, &bot, 1001, "Chủ tịch Ta Ma", "X-TAMA", "vi").await;
    let mut timeline = run_days(&bot, &tg, &[1001], 8, 15).await.remove(0);
    bot.restart().await;
    bot.tick_at(vn(15, 6, 9, 0)).await;
    timeline.extend(run_days(&bot, &tg, &[1001], 15, 22).await.remove(0));
    let mut merged: Vec<(u32, usize)> = Vec::new();
    for (day, n) in timeline {
        match merged.last_mut() {
            Some((d, m)) if *d == day => *m += n,
            _ => merged.push((day, n)),
        }
    }
    assert_eq!(merged, SEVEN_REMINDERS);
}

#[tokio::test]
async fn after_a_weekend_of_downtime_each_missed_job_runs_once() {
    let tg = FakeTelegram::start().await;
    let (mut bot, _period) = setup(&tg, "").await;
    let _admin = officer(&tg).await;
    join(&tg, &bot, 1001, "Chủ tịch Ta Ma", "X-TAMA", "vi").await;
    run_days(&bot, &tg, &[1001], 8, 17).await;
    bot.tick_at(vn(18, 6, 8, 0)).await; // Friday's sweep ran; then the bot was off until Monday 10:00
    bot.stop().await;
    let (chair_before, admin_before) = (tg.sent_ids(1001).len(), tg.sent_ids(ADMIN).len());
    bot.clock.set(vn(21, 6, 10, 0));
    bot.restart().await;
    let report = bot.tick_at(vn(21, 6, 10, 0)).await;
    assert_eq!(tg.sent_ids(1001).len() - chair_before, 1, "one reminder, not one per missed day");
    assert_eq!(
        tg.sent_ids(ADMIN).len() - admin_before,
        1,
        "one digest for the missed Friday and Monday firings"
    );
    assert_eq!((report.reminders, report.digests), (1, 1));
    let again = bot.tick_at(vn(21, 6, 11, 0)).await;
    assert_eq!((again.reminders, again.digests, again.flush.sent), (0, 0, 0));
}

#[tokio::test]
async fn holidays_and_nights_get_no_reminders() {
    let tg = FakeTelegram::start().await;
    let (bot, _period) = setup(&tg, "[schedule]\nholidays = [\"2021-06-18\"]").await;
    join(&tg, &bot, 1001, "Chủ tịch Ta Ma", "X-TAMA", "vi").await;
    let timeline = run_days(&bot, &tg, &[1001], 8, 16).await.remove(0);
    assert_eq!(timeline.len(), 4);
    // The bot comes back late on Thursday evening: nothing at night, Friday is a holiday.
    let night = bot.tick_at(vn(17, 6, 23, 0)).await;
    assert_eq!(night.reminders, 0);
    let rest = run_days(&bot, &tg, &[1001], 18, 23).await.remove(0);
    assert_eq!(
        rest,
        [(21, 1), (22, 1)],
        "Friday 18/06 is a holiday: overdue stages 2 and 3 move to Monday and Tuesday"
    );
}

#[tokio::test]
async fn a_429_storm_delays_but_delivers_each_reminder_once() {
    let tg = FakeTelegram::start().await;
    let (bot, _period) = setup(&tg, "").await;
    for (id, unit) in [(1001, "X-TAMA"), (1002, "X-PUXI"), (1003, "X-NASAY")] {
        join(&tg, &bot, id, "Chủ tịch", unit, "vi").await;
    }
    tg.fail_next("sendMessage", Fault::TooManyRequests(1), 3);
    let report = bot.tick_at(vn(9, 6, 8, 0)).await;
    assert_eq!(report.flush.sent, 3);
    for chat in [1001, 1002, 1003] {
        assert_eq!(tg.sent_ids(chat).len(), 2, "welcome + exactly one reminder for {chat}");
    }
}

#[tokio::test]
async fn a_502_is_recorded_and_retried_at_the_next_tick() {
    let tg = FakeTelegram::start().await;
    let (bot, _period) = setup(&tg, "").await;
    join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    tg.fail_next("sendMessage", Fault::BadGateway, 1);
    let first = bot.tick_at(vn(9, 6, 8, 0)).await;
    assert_eq!((first.flush.sent, first.flush.failed), (0, 1));
    let statuses = bot.store().delivery_statuses().await.unwrap();
    assert_eq!(statuses, [(DeliveryStatus::Failed, 1)]);
    let retry = bot.tick_at(vn(9, 6, 8, 2)).await;
    assert_eq!(retry.flush.sent, 1);
    assert_eq!(tg.sent_ids(1001).len(), 2, "welcome + the reminder, once");
}

#[tokio::test]
async fn a_blocked_chair_is_marked_unreachable_and_listed_in_the_digest() {
    let tg = FakeTelegram::start().await;
    let (bot, _period) = setup(&tg, "").await;
    let mut admin = officer(&tg).await;
    join(&tg, &bot, 1001, "Chủ tịch Ta Ma", "X-TAMA", "vi").await;
    join(&tg, &bot, 1003, "Chủ tịch Nà Sáy", "X-NASAY", "vi").await;
    tg.block(1003);
    let report = bot.tick_at(vn(9, 6, 8, 0)).await;
    assert_eq!((report.flush.sent, report.flush.blocked), (1, 1));
    assert!(!bot.store().member_by_tg_user(1003).await.unwrap().unwrap().reachable());
    run_days(&bot, &tg, &[ADMIN], 10, 13).await;
    bot.tick_at(vn(14, 6, 8, 0)).await;
    bot.tick_at(vn(14, 6, 16, 30)).await;
    let digest = admin.next_text().await;
    let line = digest.lines().find(|l| l.starts_with("⚠️")).unwrap_or_default().to_owned();
    assert!(line.contains("Xã Nà Sáy") && !line.contains("Xã Ta Ma"), "{line}");
    let calls_to_blocked =
        tg.calls_of("sendMessage").iter().filter(|c| c.params["chat_id"] == 1003).count();
    bot.tick_at(vn(15, 6, 8, 0)).await;
    let after = tg.calls_of("sendMessage").iter().filter(|c| c.params["chat_id"] == 1003).count();
    assert_eq!(after, calls_to_blocked, "no more sends to someone who blocked the bot");

    // They unblock the bot and write to it: they are reachable again.
    tg.unblock(1003);
    let mut back = Person::new(&tg, 1003, "Chủ tịch Nà Sáy", Some("vi"));
    back.send("/help");
    back.next_message().await;
    assert!(bot.store().member_by_tg_user(1003).await.unwrap().unwrap().reachable());
}

#[tokio::test]
async fn nothing_to_say_sends_no_digest() {
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).admins(&[ADMIN]).now(vn(7, 6, 9, 0)).start().await;
    bot.tick_at(vn(7, 6, 9, 0)).await;
    let admin = officer(&tg).await;
    let tama = bot
        .store()
        .unit_by_code(&baocao::domain::UnitCode::parse("X-TAMA").unwrap())
        .await
        .unwrap()
        .unwrap();
    let _period = open_first_half(&bot, Audience::Units(vec![tama.id])).await;
    bot.tick_at(vn(8, 6, 16, 30)).await;
    assert_eq!(admin.unread(), 0, "the deadline is far: nothing to say");
    bot.tick_at(vn(14, 6, 16, 30)).await;
    assert_eq!(admin.unread(), 1, "near the deadline with a unit missing: a digest");
}

#[tokio::test]
async fn an_officer_nudges_and_a_chair_starts_from_the_button() {
    let tg = FakeTelegram::start().await;
    let (bot, _period) = setup(&tg, "").await;
    let mut admin = officer(&tg).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch Ta Ma", "X-TAMA", "vi").await;
    join(&tg, &bot, 1003, "Chủ tịch Nà Sáy", "X-NASAY", "vi").await;
    tg.block(1003);
    admin.send("/nhac");
    let started = admin.next_text().await;
    let under_way = Msg::new("nudge-started")
        .arg("title", "Báo cáo 6 tháng đầu năm 2021")
        .arg("count", 2_i64)
        .arg("nobody", 17_i64); // Nà Sáy's chair blocked the bot: known once the nudge is tried
    assert_eq!(started, under_way.render(Lang::Vi), "the officer is answered at once");
    let done = admin.next_text().await;
    let expected = Msg::new("nudge-done")
        .arg("title", "Báo cáo 6 tháng đầu năm 2021")
        .arg("delivered", 1_i64)
        .arg("blocked", 1_i64)
        .arg("failed", 0_i64)
        .arg("nobody", 18_i64);
    assert_eq!(done, expected.render(Lang::Vi));
    let nudge = chair.next_message().await;
    assert!(nudge.text().starts_with("Phòng Nội vụ đề nghị"), "{}", nudge.text());
    chair.press(&nudge, &t(Lang::Vi, "reminder-button"));
    assert!(chair.next_text().await.contains("Báo cáo gồm 7 câu hỏi"));
    admin.send("/nhac X-KHONGCO");
    assert_eq!(
        admin.next_text().await,
        Msg::new("err-unit-unknown").arg("code", "X-KHONGCO").render(Lang::Vi)
    );
    assert!(chair.next_text().await.starts_with("Câu 1/7"));
    chair.send("/nhac");
    assert_eq!(chair.next_text().await, crate::support::officers_only(Lang::Vi));
}

#[tokio::test]
async fn a_series_opens_the_first_half_report_once_a_year() {
    let tg = FakeTelegram::start().await;
    let toml = "[[series]]\nkey = \"h1\"\ncron = \"0 0 7 1 6 *\"\nkind = \"semiannual\"\ntemplate = \"thi-dua-2021\"";
    let bot = TestBot::builder(&tg).now(vn(31, 5, 12, 0)).toml(toml).start().await;
    bot.tick_at(vn(31, 5, 12, 0)).await;
    let report = bot.tick_at(vn(1, 6, 7, 0)).await;
    assert_eq!(report.opened, 1);
    let period = bot.store().list_periods(false).await.unwrap().remove(0);
    assert_eq!(period.title(Lang::Vi), "Báo cáo 6 tháng đầu năm 2021");
    assert_eq!(period.due_at, vn(16, 6, 17, 0));
    assert_eq!(bot.tick_at(vn(1, 6, 7, 30)).await.opened, 0);
    assert_eq!(bot.store().list_periods(true).await.unwrap().len(), 1);
    bot.store().close_period(period.id, Actor::Cli, bot.clock.now()).await.unwrap();
    assert_eq!(
        bot.tick_at(vn(1, 6, 8, 0)).await.opened,
        0,
        "closing it does not make the series open it again"
    );
}

#[tokio::test]
async fn reminders_claimed_by_a_process_that_died_are_sent_after_a_restart() {
    let tg = FakeTelegram::start().await;
    let (mut bot, _period) = setup(&tg, "").await;
    for (id, unit) in [(1001, "X-TAMA"), (1002, "X-PUXI")] {
        join(&tg, &bot, id, "Chủ tịch", unit, "vi").await;
    }
    // The sweep planned the reminders and the outbox claimed them; then the process was killed
    // before sending (nothing was marked).
    bot.clock.set(vn(9, 6, 8, 0));
    let planned =
        baocao::scheduler::plan_reminders(bot.store(), &bot.config, vn(9, 6, 8, 0)).await.unwrap();
    assert_eq!(bot.store().add_deliveries(&planned, vn(9, 6, 8, 0)).await.unwrap(), 2);
    let claimed = bot.store().claim_deliveries(vn(9, 6, 8, 0), 10).await.unwrap();
    assert_eq!(claimed.len(), 2);
    let soon = bot.tick_at(vn(9, 6, 8, 1)).await;
    assert_eq!(soon.flush.sent, 0, "a claim of the running process is not taken over");
    bot.stop().await;
    bot.restart().await;
    let after = bot.tick_at(vn(9, 6, 8, 1)).await;
    assert_eq!(after.flush.sent, 2, "after a restart the dead claims are sent at once");
    for chat in [1001, 1002] {
        assert_eq!(tg.sent_ids(chat).len(), 2, "welcome + one reminder for {chat}");
    }
    assert_eq!(bot.store().delivery_statuses().await.unwrap(), [(DeliveryStatus::Sent, 2)]);
}

/// A member registered through an invite made for `role` (and `unit`), at the store.
async fn redeem(bot: &TestBot, tg_user: i64, role: baocao::domain::Role, unit: Option<&str>) {
    use baocao::actions::invite::Whom;
    let whom = match unit {
        Some(u) => Whom::Reporter(baocao::domain::UnitCode::parse(u).unwrap()),
        None => Whom::Officer,
    };
    let code = bot.invite(whom).await;
    let person = baocao::domain::NewMember {
        tg_user_id: Some(tg_user),
        contacts: vec![baocao::domain::Contact::telegram(tg_user)],
        full_name: format!("Người {tg_user}"),
        username: None,
        role,
        unit_id: None,
        lang: Lang::Vi,
    };
    bot.store().redeem_invite(&code, &person, bot.clock.now()).await.unwrap();
}

#[tokio::test]
async fn messages_go_to_who_is_entitled_at_send_time_not_when_planned() {
    use baocao::domain::Role;
    let tg = FakeTelegram::start().await;
    let (bot, _period) = setup(&tg, "").await;
    redeem(&bot, 1001, Role::Reporter, Some("X-TAMA")).await;
    redeem(&bot, 950, Role::Officer, None).await;
    // A Ta Ma reminder and the officers' digest are planned (the period is due in days)…
    let at = vn(14, 6, 8, 0);
    bot.clock.set(at);
    let mut planned =
        baocao::scheduler::plan_reminders(bot.store(), &bot.config, at).await.unwrap();
    planned.extend(baocao::scheduler::plan_digests(bot.store(), &bot.config, at).await.unwrap());
    assert!(
        planned.iter().any(|d| d.address == "1001") && planned.iter().any(|d| d.address == "950")
    );
    bot.store().add_deliveries(&planned, at).await.unwrap();
    // …then, before they go out, the chair moves to Pú Xi and the officer becomes a reporter.
    redeem(&bot, 1001, Role::Reporter, Some("X-PUXI")).await;
    redeem(&bot, 950, Role::Reporter, Some("X-QUAICANG")).await;
    let outbox = bot.running.as_ref().unwrap().scheduler().outbox();
    let flushed = outbox.flush().await.unwrap();
    assert_eq!((flushed.sent, flushed.skipped), (0, 2), "both are skipped: {flushed:?}");
    for chat in [1001, 950] {
        let texts: Vec<String> = tg
            .sent_ids(chat)
            .into_iter()
            .map(|id| tg.message(chat, id)["text"].as_str().unwrap_or_default().to_owned())
            .collect();
        assert!(
            texts.iter().all(|t| !t.contains("Ta Ma")),
            "{chat} was told about Ta Ma: {texts:?}"
        );
        assert!(texts.is_empty(), "{chat} got what it is no longer entitled to: {texts:?}");
    }
}

#[tokio::test]
async fn quiet_hours_hold_for_reminders_left_over_a_restart_at_night() {
    let tg = FakeTelegram::start().await;
    let (mut bot, _period) = setup(&tg, "").await;
    join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    let before = tg.sent_ids(1001).len();
    // The due-day reminder is planned on Wednesday 16/06 but not sent before the bot stops.
    let planned =
        baocao::scheduler::plan_reminders(bot.store(), &bot.config, vn(16, 6, 8, 0)).await.unwrap();
    bot.store().add_deliveries(&planned, vn(16, 6, 8, 0)).await.unwrap();
    bot.stop().await;
    bot.restart().await;
    let night = bot.tick_at(vn(16, 6, 23, 30)).await;
    assert_eq!(night.flush.sent, 0, "nothing at 23:30");
    assert_eq!(tg.sent_ids(1001).len(), before);
    // The next working morning: the ladder is at "overdue 1"; the held reminder is not sent
    // late on top of the morning's.
    let seven = bot.tick_at(vn(17, 6, 7, 0)).await;
    let eight = bot.tick_at(vn(17, 6, 8, 0)).await;
    assert_eq!(seven.reminders + eight.reminders, 1, "the missed sweep, moved to the morning");
    let got: Vec<String> = tg.sent_ids(1001)[before..]
        .iter()
        .map(|id| tg.message(1001, *id)["text"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(got.len(), 1, "one reminder in the morning: {got:?}");
    assert!(got[0].contains("quá hạn 1 ngày"), "{got:?}");
}

#[tokio::test]
async fn a_sweep_is_recorded_as_run_only_with_what_it_planned() {
    let tg = FakeTelegram::start().await;
    let (bot, _period) = setup(&tg, "").await;
    join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    let broken = crate::support::bot::break_outbox(&bot).await;
    bot.clock.set(vn(9, 6, 8, 0));
    let failed = bot.running.as_ref().unwrap().scheduler().tick(vn(9, 6, 8, 0)).await;
    assert!(failed.is_err(), "the sweep could not record its reminders");
    crate::support::bot::mend_outbox(broken).await;
    // The firing was not recorded as run: the next tick makes the sweep, nothing is skipped.
    let next = bot.tick_at(vn(9, 6, 8, 1)).await;
    assert_eq!((next.reminders, next.flush.sent), (1, 1));
}

#[tokio::test]
async fn a_digest_held_over_night_is_not_sent_the_next_day() {
    let tg = FakeTelegram::start().await;
    let (bot, _period) = setup(&tg, "").await;
    let _admin = officer(&tg).await;
    let before = tg.sent_ids(ADMIN).len();
    let evening = vn(14, 6, 16, 30);
    let planned = baocao::scheduler::plan_digests(bot.store(), &bot.config, evening).await.unwrap();
    assert_eq!(planned.len(), 1);
    bot.store().add_deliveries(&planned, evening).await.unwrap();
    // Not sent that evening (the bot stopped, say); the next morning it is yesterday's news.
    bot.clock.set(vn(15, 6, 7, 30));
    let outbox = bot.running.as_ref().unwrap().scheduler().outbox();
    let flushed = outbox.flush().await.unwrap();
    assert_eq!((flushed.sent, flushed.skipped), (0, 1));
    assert_eq!(tg.sent_ids(ADMIN).len(), before);
}
