//! The benchmark: the real bot (the release binary, `baocao run`) against a loopback fake Bot API.
//!
//! ```text
//! cargo bench --bench bench                      # every scenario, default sizes
//! cargo bench --bench bench -- --chairs 200 --fanout 600 --scale-units 2000 --scale-reports 6000
//! cargo bench --bench bench -- --only dialogue          # one scenario: dialogue, fanout, scale
//! BENCH_BOT_LOG=sqlx::query=debug cargo bench …         # the bot's log level (default: error)
//! TOKIO_WORKER_THREADS=1 cargo bench …                  # passed on to the bot, for experiments
//! BENCH_BIN=../before/target/release/baocao cargo bench …  # measure another build the same way
//! ```
//! Prints: dialogue throughput at saturation (updates/s, the bot's CPU time per update, its peak
//! RSS), latency at a fixed offered load (p50/p95/p99), reminder fan-out under Telegram-like limits
//! (time against the ideal, 429s, duplicates), and scale (startup and memory with many units and
//! reports, XLSX export of a large period).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/support/fake_telegram.rs"]
#[allow(dead_code)]
mod fake_telegram;
#[path = "../tests/support/person.rs"]
#[allow(dead_code)]
mod person;
#[path = "../tests/support/seed.rs"]
mod seed;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use baocao::domain::{Answer, Audience, DataWindow, Draft, PeriodKind};
use baocao::i18n::Lang;
use baocao::store::{NewPeriod, Store};
use chrono::{Duration as Days, Utc};
use fake_telegram::FakeTelegram;
use person::{Person, Sent};
use seed::{register, units_with_invites};

const BIN: &str = env!("CARGO_BIN_EXE_baocao");
const TOKEN: &str = "123456:BENCH-token_for_the_fake";

struct Args {
    chairs: usize,
    rate: u64,
    seconds: u64,
    fanout: usize,
    fanout_rate: usize,
    scale_units: usize,
    scale_reports: usize,
    export_units: usize,
    /// Only these scenarios (comma-separated: dialogue, fanout, scale); all when empty.
    only: String,
}

fn args() -> Args {
    let mut a = Args {
        chairs: 1000,
        rate: 500,
        seconds: 10,
        fanout: 3000,
        fanout_rate: 300,
        scale_units: 10_000,
        scale_reports: 50_000,
        export_units: 3300,
        only: String::new(),
    };
    let argv: Vec<String> = std::env::args().collect();
    let mut i = 1;
    while i + 1 < argv.len() {
        let v = &argv[i + 1];
        match argv[i].as_str() {
            "--chairs" => a.chairs = v.parse().unwrap(),
            "--rate" => a.rate = v.parse().unwrap(),
            "--seconds" => a.seconds = v.parse().unwrap(),
            "--fanout" => a.fanout = v.parse().unwrap(),
            "--fanout-rate" => a.fanout_rate = v.parse().unwrap(),
            "--scale-units" => a.scale_units = v.parse().unwrap(),
            "--scale-reports" => a.scale_reports = v.parse().unwrap(),
            "--export-units" => a.export_units = v.parse().unwrap(),
            "--only" => a.only = v.clone(),
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    a
}

/// A database with `n` units, one ad-hoc period for all of them, and `n` invite codes.
async fn prepare(db: &Path, n: usize) -> (Store, Vec<String>) {
    let store = Store::open(db).await.unwrap();
    let codes = units_with_invites(&store, n).await;
    open_period(&store, "bench").await;
    (store, codes)
}

async fn open_period(store: &Store, title: &str) -> baocao::domain::Period {
    let today = Utc::now().date_naive();
    let template = baocao::domain::template::template_2021().unwrap();
    let new = NewPeriod {
        kind: PeriodKind::AdHoc,
        custom_title: Some(title.to_owned()),
        window: DataWindow::new(today - Days::days(30), today - Days::days(1)).unwrap(),
        opens_at: Utc::now() - Days::days(1),
        due_at: Utc::now() + Days::days(20),
        template_key: template.key.clone(),
        questions: template.questions,
        audience: Audience::AllActive,
        created_by: None,
        series_key: None,
        attachment: None,
    };
    store.create_period(&new, baocao::store::Actor::Cli, Utc::now()).await.unwrap()
}

fn write_config(dir: &Path, throttle: &str) -> PathBuf {
    let path = dir.join("bench.toml");
    std::fs::write(&path, format!("[flood]\nburst = 1000\nper_sec = 1000\n[throttle]\n{throttle}\n[schedule]\nreminder_sweep = \"0 0 0 1 1 * 2099\"\nofficer_digest = \"0 0 0 1 1 * 2099\"\n")).unwrap();
    path
}

fn start_bot(db: &Path, config: &Path, tg: &FakeTelegram, admins: &str) -> Child {
    // Another build of the bot (an earlier commit's) can be measured the same way, for a
    // side-by-side comparison: BENCH_BIN=/path/to/baocao.
    let bin = std::env::var("BENCH_BIN").unwrap_or_else(|_| BIN.to_owned());
    Command::new(bin)
        .env_clear()
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", tg.api_url())
        .env("BAOCAO_DATABASE", db)
        .env("BAOCAO_CONFIG", config)
        .env("BAOCAO_ADMINS", admins)
        .envs(std::env::vars().filter(|(k, _)| k.starts_with("TOKIO_")))
        .env("RUST_LOG", std::env::var("BENCH_BOT_LOG").unwrap_or_else(|_| "error".into()))
        .arg("run")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

/// Waits until the bot polls for updates: it is up.
async fn wait_ready(tg: &FakeTelegram) {
    let start = Instant::now();
    while tg.polls() == 0 {
        assert!(start.elapsed() < Duration::from_secs(60), "the bot did not start");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

fn proc_field(pid: u32, name: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(name))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Context switches of all a process's live threads (each hand-off between threads costs one).
fn context_switches(pid: u32) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else { return 0 };
    tasks
        .flatten()
        .map(|t| {
            let status = std::fs::read_to_string(t.path().join("status")).unwrap_or_default();
            status
                .lines()
                .filter(|l| l.contains("ctxt_switches:"))
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .sum::<u64>()
        })
        .sum()
}

/// User + system CPU seconds of a process.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields.get(11).and_then(|v| v.parse().ok()).unwrap_or(0)
        + fields.get(12).and_then(|v| v.parse().ok()).unwrap_or(0);
    ticks as f64 / 100.0
}

fn cores() -> f64 {
    std::thread::available_parallelism().map_or(1.0, |n| n.get() as f64)
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

/// The officer's next reply: its id and when it arrived.
async fn next_reply(
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<(i64, Instant)>,
) -> (i64, Instant) {
    tokio::time::timeout(Duration::from_secs(60), rx.recv())
        .await
        .expect("a reply within 60 s")
        .expect("open channel")
}

/// Waits for `n` new messages on a chair's channel; returns the last message id.
async fn replies(rx: &mut tokio::sync::mpsc::UnboundedReceiver<(i64, Instant)>, n: usize) -> i64 {
    let mut last = 0;
    for _ in 0..n {
        last = tokio::time::timeout(Duration::from_secs(60), rx.recv())
            .await
            .expect("a reply within 60 s")
            .expect("open channel")
            .0;
    }
    last
}

/// One chair's whole report: 10 updates.
async fn chair_session(tg: FakeTelegram, id: i64, code: String) -> usize {
    let mut rx = tg.subscribe(id);
    let person = Person::new(&tg, id, "Chủ tịch", Some("vi"));
    person.send(&format!("/start {code}"));
    replies(&mut rx, 1).await;
    person.send("/baocao");
    replies(&mut rx, 2).await;
    for answer in ["Hoàn thành các chỉ tiêu", "12/15", "3", "5"] {
        person.send(answer);
        replies(&mut rx, 1).await;
    }
    let mut last = Sent { chat: id, id: 0, json: serde_json::Value::Null };
    for label in ["⏭ Bỏ qua", "⏭ Bỏ qua", "⏭ Bỏ qua", "📨 Gửi báo cáo"] {
        let msg_id = tg.sent_ids(id).last().copied().unwrap();
        last.id = msg_id;
        person.press(&last, label);
        replies(&mut rx, 1).await;
    }
    10
}

async fn dialogue(a: &Args, dir: &Path) -> (FakeTelegram, Child, Vec<i64>) {
    let db = dir.join("dialogue.db");
    let (store, codes) = prepare(&db, a.chairs).await;
    store.close().await;
    let config = write_config(dir, "overall_per_sec = 1000000\nper_chat_per_sec = 1000\nper_chat_per_min = 100000\ngroup_per_min = 100000");
    let tg = FakeTelegram::start().await;
    let child = start_bot(&db, &config, &tg, "");
    wait_ready(&tg).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let idle_rss = proc_field(child.id(), "VmRSS:");
    let cpu_before = cpu_seconds(child.id());
    let own_before = cpu_seconds(std::process::id());
    let switches_before = context_switches(child.id());
    let start = Instant::now();
    let tasks: Vec<_> = codes
        .into_iter()
        .enumerate()
        .map(|(i, code)| tokio::spawn(chair_session(tg.clone(), 10_000 + i as i64, code)))
        .collect();
    let mut updates = 0;
    for t in tasks {
        updates += t.await.unwrap();
    }
    let elapsed = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds(child.id()) - cpu_before;
    let own = cpu_seconds(std::process::id()) - own_before;
    let switches = context_switches(child.id()) - switches_before;
    let peak = proc_field(child.id(), "VmHWM:");
    println!(
        "## Dialogue throughput at saturation ({} chairs × 10 updates, no think time)",
        a.chairs
    );
    println!(
        "updates handled:        {updates} in {elapsed:.2} s = {:.0} updates/s",
        updates as f64 / elapsed
    );
    println!(
        "bot CPU per update:     {:.3} ms (user+sys {:.2} s)",
        cpu * 1000.0 / updates as f64,
        cpu
    );
    println!("bot context switches:   {:.1} per update", switches as f64 / updates as f64);
    println!("bot RSS idle / peak:    {:.1} MB / {:.1} MB", mb(idle_rss), mb(peak));
    println!(
        "fake + load CPU:        {:.2} s ({:.0}% of the run's {:.1} core-seconds; the bot had the rest)",
        own,
        own * 100.0 / (elapsed * cores()),
        elapsed * cores()
    );
    (tg, child, (0..a.chairs).map(|i| 10_000 + i as i64).collect())
}

/// Open loop: `/help` at a steady rate over the registered chairs; latency from the update being
/// queued at the fake to the reply arriving there.
async fn latency(a: &Args, tg: &FakeTelegram, bot: u32, chairs: &[i64]) {
    let mut receivers: HashMap<i64, tokio::sync::mpsc::UnboundedReceiver<(i64, Instant)>> =
        chairs.iter().map(|c| (*c, tg.subscribe(*c))).collect();
    let total = (a.rate * a.seconds) as usize;
    let interval = Duration::from_secs_f64(1.0 / a.rate as f64);
    let start = tokio::time::Instant::now();
    let mut sent_at: Vec<(i64, Instant)> = Vec::with_capacity(total);
    let cpu_before = cpu_seconds(bot);
    for i in 0..total {
        tokio::time::sleep_until(start + interval * i as u32).await;
        let chat = chairs[i % chairs.len()];
        Person::new(tg, chat, "Chủ tịch", Some("vi")).send("/help");
        sent_at.push((chat, Instant::now()));
    }
    let mut latencies = Vec::with_capacity(total);
    for (chat, at) in sent_at {
        let rx = receivers.get_mut(&chat).unwrap();
        let (_, arrived) =
            tokio::time::timeout(Duration::from_secs(60), rx.recv()).await.unwrap().unwrap();
        latencies.push(arrived.duration_since(at).as_secs_f64() * 1000.0);
    }
    let cpu = cpu_seconds(bot) - cpu_before;
    latencies.sort_by(f64::total_cmp);
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "## Latency at {} offered updates/s for {} s ({} chairs, open loop, /help)",
        a.rate,
        a.seconds,
        chairs.len()
    );
    println!(
        "p50 / p95 / p99 / max:  {:.1} / {:.1} / {:.1} / {:.1} ms",
        pct(0.50),
        pct(0.95),
        pct(0.99),
        latencies[latencies.len() - 1]
    );
    println!(
        "bot CPU per /help:      {:.3} ms (one member look-up and one reply: the floor of any update)",
        cpu * 1000.0 / total as f64
    );
}

async fn fanout(a: &Args, dir: &Path) {
    let db = dir.join("fanout.db");
    let (store, codes) = prepare(&db, a.fanout).await;
    register(&store, &codes, 500_000).await;
    store.close().await;
    let limits = format!(
        "overall_per_sec = {}\nper_chat_per_sec = 1\nper_chat_per_min = 20\ngroup_per_min = 20",
        a.fanout_rate
    );
    let config = write_config(dir, &limits);
    let tg = FakeTelegram::start().await;
    tg.limit_rate(a.fanout_rate, 1);
    let mut child = start_bot(&db, &config, &tg, "900");
    wait_ready(&tg).await;
    let officer = Person::new(&tg, 900, "Cán bộ", Some("vi"));
    let mut officer_rx = tg.subscribe(900);
    officer.send("/start");
    replies(&mut officer_rx, 1).await;
    tokio::time::sleep(Duration::from_millis(1500)).await; // let the per-second windows drain
    let mut chairs: Vec<_> = (0..a.fanout).map(|i| tg.subscribe(500_000 + i as i64)).collect();
    let start = Instant::now();
    officer.send("/nhac");
    let text_of = |id: i64| tg.message(900, id)["text"].as_str().unwrap_or_default().to_owned();
    // The officer is told at once that the nudge is under way, then how it went once every
    // message has been tried (an earlier build answers only the latter).
    let (first, answered) = next_reply(&mut officer_rx).await;
    let mut done = text_of(first).starts_with("Đã nhắc");
    // While the fan-out goes on, the officer opens the board: how long does it take?
    let mut board_ms = None;
    if !done {
        tokio::time::sleep(Duration::from_secs(2)).await;
        let asked = Instant::now();
        officer.send("/tonghop");
        while board_ms.is_none() || !done {
            let (id, at) = next_reply(&mut officer_rx).await;
            if text_of(id).starts_with("Đã nhắc") {
                done = true;
            } else if board_ms.is_none() {
                board_ms = Some(at.duration_since(asked).as_secs_f64() * 1000.0);
            }
        }
    }
    let mut last = start;
    for rx in &mut chairs {
        while let Ok((_, at)) = rx.try_recv() {
            last = last.max(at);
        }
    }
    let elapsed = last.duration_since(start).as_secs_f64();
    let ideal = a.fanout as f64 / a.fanout_rate as f64;
    let mut duplicates = 0;
    let mut missing = 0;
    for i in 0..a.fanout {
        match tg.sent_ids(500_000 + i as i64).len() {
            0 => missing += 1,
            1 => {}
            _ => duplicates += 1,
        }
    }
    println!("## Reminder fan-out ({} units, limits {}/s overall and 1/s per chat, at the fake and in the bot's pacer)", a.fanout, a.fanout_rate);
    println!(
        "time to deliver all:    {elapsed:.2} s (ideal {ideal:.2} s, {:+.1}%)",
        (elapsed / ideal - 1.0) * 100.0
    );
    println!(
        "429 answers / missing / duplicates: {} / {missing} / {duplicates}",
        tg.too_many_requests()
    );
    println!(
        "officer answered:       /nhac after {:.0} ms; /tonghop during the fan-out {}",
        answered.duration_since(start).as_secs_f64() * 1000.0,
        board_ms
            .map_or("not measured (this build answers /nhac only when done)".to_owned(), |ms| {
                format!("in {ms:.0} ms")
            })
    );
    child.kill().unwrap();
    child.wait().unwrap();
}

async fn scale(a: &Args, dir: &Path) {
    let db = dir.join("scale.db");
    let started = Instant::now();
    let (store, codes) = prepare(&db, a.scale_units).await;
    let periods_needed = a.scale_reports.div_ceil(a.scale_units).max(1);
    let mut periods = vec![store.list_periods(false).await.unwrap().remove(0)];
    for p in 1..periods_needed {
        periods.push(open_period(&store, &format!("bench {p}")).await);
    }
    let members = register(&store, &codes, 700_000).await;
    let mut draft = Draft::default();
    draft.answers.insert(
        "ket_qua".into(),
        Answer::Text {
            text: "Kết quả nổi bật của phong trào thi đua trong kỳ báo cáo".into()
        },
    );
    draft.answers.insert("chi_tieu".into(), Answer::Fraction { num: 12, den: 15 });
    draft.answers.insert("phong_trao".into(), Answer::Number { value: 3 });
    draft.answers.insert("dien_hinh".into(), Answer::Number { value: 5 });
    let mut reports = 0;
    'outer: for period in &periods {
        for m in &members {
            if reports >= a.scale_reports {
                break 'outer;
            }
            let unit = m.unit_id.unwrap();
            store.save_draft(period.id, unit, m.id, &draft, Utc::now()).await.unwrap();
            store.submit_report(period.id, unit, m.id, Utc::now()).await.unwrap();
            reports += 1;
        }
    }
    store.close().await;
    println!(
        "## Scale ({} units, {reports} reports; data made in {:.1} s)",
        a.scale_units,
        started.elapsed().as_secs_f64()
    );
    let config = write_config(dir, "");
    let tg = FakeTelegram::start().await;
    let start = Instant::now();
    let mut child = start_bot(&db, &config, &tg, "");
    wait_ready(&tg).await;
    let startup = start.elapsed();
    tokio::time::sleep(Duration::from_millis(500)).await;
    println!("startup to first poll:  {:.0} ms", startup.as_secs_f64() * 1000.0);
    println!("bot RSS after start:    {:.1} MB", mb(proc_field(child.id(), "VmRSS:")));
    child.kill().unwrap();
    child.wait().unwrap();

    // Export of a large period, in-process (the same code `/xuat` and `baocao export` run).
    let db = dir.join("export.db");
    let (store, codes) = prepare(&db, a.export_units).await;
    let period = store.list_periods(false).await.unwrap().remove(0);
    for (i, m) in register(&store, &codes, 800_000).await.iter().enumerate() {
        if i % 10 != 0 {
            let unit = m.unit_id.unwrap();
            store.save_draft(period.id, unit, m.id, &draft, Utc::now()).await.unwrap();
            store.submit_report(period.id, unit, m.id, Utc::now()).await.unwrap();
        }
    }
    let start = Instant::now();
    let data = baocao::actions::exports::load(&store, period.id).await.unwrap();
    let loaded = start.elapsed();
    let bytes = baocao::export::xlsx(&data, Lang::Vi, chrono_tz::Asia::Ho_Chi_Minh).unwrap();
    println!(
        "XLSX export, {} units:  {:.0} ms ({:.0} ms loading, {:.0} KB)",
        a.export_units,
        start.elapsed().as_secs_f64() * 1000.0,
        loaded.as_secs_f64() * 1000.0,
        bytes.len() as f64 / 1024.0
    );
}

fn main() {
    let a = args();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        println!(
            "baocao benchmark — {} cores, {}",
            std::thread::available_parallelism().map_or(0, |n| n.get()),
            Utc::now().format("%Y-%m-%d")
        );
        let wanted = |name: &str| a.only.is_empty() || a.only.split(',').any(|o| o == name);
        if wanted("dialogue") {
            let (tg, mut child, chairs) = dialogue(&a, dir.path()).await;
            latency(&a, &tg, child.id(), &chairs).await;
            child.kill().unwrap();
            child.wait().unwrap();
        }
        if wanted("fanout") {
            fanout(&a, dir.path()).await;
        }
        if wanted("scale") {
            scale(&a, dir.path()).await;
        }
    });
}
