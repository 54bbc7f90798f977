//! The benchmark: the real bot (the release binary, `baocao run`) against a loopback fake Bot API.
//!
//! ```text
//! cargo bench --bench bench                      # every scenario, default sizes
//! cargo bench --bench bench -- --chairs 200 --fanout 600 --scale-units 2000 --scale-reports 6000
//! cargo bench --bench bench -- --only dialogue          # one scenario: dialogue, form, fanout, scale
//! cargo bench --bench bench -- --only form --form-chairs 200 --form-saves 10
//! BENCH_BOT_LOG=sqlx::query=debug cargo bench …         # the bot's log level (default: error)
//! TOKIO_WORKER_THREADS=1 cargo bench …                  # passed on to the bot, for experiments
//! BENCH_BIN=../before/target/release/baocao cargo bench …  # measure another build the same way
//! ```
//! Prints: dialogue throughput at saturation (updates/s, the bot's CPU time per update, its peak
//! RSS), latency at a fixed offered load (p50/p95/p99), the chairs' form through HTTP (answers
//! saved per second, CPU per saved answer), reminder fan-out under Telegram-like limits
//! (time against the ideal, 429s, duplicates), and scale (startup and memory with many units and
//! reports, XLSX export of a large period).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/support/fake_telegram.rs"]
#[allow(dead_code)]
mod fake_telegram;
#[path = "floor/bot.rs"]
mod floor;
#[path = "form/http.rs"]
mod form;
#[path = "../tests/support/person.rs"]
#[allow(dead_code)]
mod person;
#[path = "../tests/support/seed.rs"]
mod seed;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use baocao::domain::{Answer, Audience, DataWindow, Draft, MemberId, PeriodId, PeriodKind, UnitId};
use baocao::i18n::Lang;
use baocao::store::{NewPeriod, Store};
use chrono::{Duration as Days, Utc};
use fake_telegram::FakeTelegram;
use futures::StreamExt;
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
    /// Chairs for the 10-at-a-time latency scenario.
    steady: usize,
    /// Chairs saving answers through the form, and answers each saves.
    form_chairs: usize,
    form_saves: usize,
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
        steady: 300,
        form_chairs: 1000,
        form_saves: 10,
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
            "--steady" => a.steady = v.parse::<usize>().unwrap().max(10),
            "--form-chairs" => a.form_chairs = v.parse().unwrap(),
            "--form-saves" => a.form_saves = v.parse().unwrap(),
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
    let plan = baocao::plan::period_opened;
    store.create_period(&new, baocao::store::Actor::Cli, Utc::now(), plan).await.unwrap()
}

fn write_config(dir: &Path, throttle: &str) -> PathBuf {
    let path = dir.join("bench.toml");
    std::fs::write(&path, format!("[flood]\nburst = 1000\nper_sec = 1000\n[throttle]\n{throttle}\n[schedule]\nreminder_sweep = \"0 0 0 1 1 * 2099\"\nofficer_digest = \"0 0 0 1 1 * 2099\"\n")).unwrap();
    path
}

/// The release binary on `db`, polling `tg`, its console on `web` (`127.0.0.1:0`: any free port).
fn start_bot(db: &Path, config: &Path, tg: &FakeTelegram, admins: &str, web: &str) -> Child {
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
        // The console runs as it ships (on).
        .env("BAOCAO_WEB_ADDR", web)
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

/// The dialogue's steps, in order: what the chair does, and how many messages answer it.
const STEPS: [(&str, usize); 10] = [
    ("/start CODE", 1),
    ("/baocao", 2),
    ("answer 1", 1),
    ("answer 2", 1),
    ("answer 3", 1),
    ("answer 4", 1),
    ("skip 5", 1),
    ("skip 6", 1),
    ("skip 7", 1),
    ("send", 1),
];

/// One chair's whole report: 10 updates. Returns each step's latency (ms), from the update being
/// queued at the fake to the step's last reply arriving there.
async fn chair_session(tg: FakeTelegram, id: i64, code: String) -> Vec<f64> {
    let mut rx = tg.subscribe(id);
    let person = Person::new(&tg, id, "Chủ tịch", Some("vi"));
    let mut latencies = Vec::with_capacity(STEPS.len());
    let answers = ["Hoàn thành các chỉ tiêu", "12/15", "3", "5"];
    for (i, (_, replies)) in STEPS.iter().enumerate() {
        let asked = Instant::now();
        match i {
            0 => {
                person.send(&format!("/start {code}"));
            }
            1 => {
                person.send("/baocao");
            }
            2..=5 => {
                person.send(answers[i - 2]);
            }
            _ => {
                let msg_id = tg.sent_ids(id).last().copied().unwrap();
                let label = if i == 9 { "📨 Gửi báo cáo" } else { "⏭ Bỏ qua" };
                person.press(&Sent { chat: id, id: msg_id, json: serde_json::Value::Null }, label);
            }
        }
        let mut arrived = asked;
        for _ in 0..*replies {
            arrived = next_reply(&mut rx).await.1;
        }
        latencies.push(arrived.duration_since(asked).as_secs_f64() * 1000.0);
    }
    latencies
}

/// The two bots measured side by side.
#[derive(Clone, Copy, PartialEq)]
enum Bot {
    Baocao,
    Floor,
}

impl Bot {
    fn name(self) -> &'static str {
        match self {
            Bot::Baocao => "baocao",
            Bot::Floor => "floor",
        }
    }
}

/// Starts the floor (this same benchmark binary, `--floor`) against the fake.
fn start_floor(tg: &FakeTelegram) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .env_clear()
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", tg.api_url())
        .envs(std::env::vars().filter(|(k, _)| k.starts_with("TOKIO_")))
        .env("RUST_LOG", "error")
        .arg("--floor")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

/// Kills a bot process when the measurement ends, however it ends.
struct KillOnDrop(u32);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let quiet = || Stdio::null();
        let _ = Command::new("kill").arg(self.0.to_string()).stderr(quiet()).status();
    }
}

/// What one bot measured in the dialogue scenarios.
#[derive(Default)]
struct Measured {
    updates_per_s: f64,
    cpu_per_update: f64,
    switches_per_update: f64,
    idle_mb: f64,
    /// Of the idle RSS: the program's own pages (file-backed) and what it allocated (anonymous).
    idle_file_anon: (f64, f64),
    peak_mb: f64,
    /// Bot API requests per chair in the dialogue, by method.
    requests: std::collections::BTreeMap<String, f64>,
    /// At 10 chairs: p50 and p99 over every step, and each step's p50.
    ten: (f64, f64),
    step_p50: Vec<f64>,
    /// At the open-loop offered load (`/help`): p50, p99, CPU per update.
    open: (f64, f64),
    help_cpu: f64,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v
}

/// Requests the bot has made so far, by method (polls left out).
fn requests(tg: &FakeTelegram) -> std::collections::BTreeMap<String, f64> {
    let mut by_method = std::collections::BTreeMap::new();
    for call in tg.calls() {
        if call.method != "getupdates" {
            *by_method.entry(call.method).or_insert(0.0) += 1.0;
        }
    }
    by_method
}

/// The dialogue scenarios for one bot: saturation with `a.chairs` chairs, then 10 chairs at a
/// time (`a.steady` chairs in all, each step timed), then `/help` at a fixed offered load.
async fn dialogue(bot: Bot, a: &Args, dir: &Path) -> Measured {
    let total = a.chairs + a.steady;
    let tg = FakeTelegram::start().await;
    let (mut child, codes) = match bot {
        Bot::Baocao => {
            let db = dir.join("dialogue.db");
            let _ = std::fs::remove_file(&db);
            let (store, codes) = prepare(&db, total).await;
            store.close().await;
            let config = write_config(dir, "overall_per_sec = 1000000\nper_chat_per_sec = 1000\nper_chat_per_min = 100000\ngroup_per_min = 100000");
            (start_bot(&db, &config, &tg, "", "127.0.0.1:0"), codes)
        }
        Bot::Floor => (start_floor(&tg), (0..total).map(|i| format!("F{i:07}")).collect()),
    };
    let pid = child.id();
    let _guard = KillOnDrop(pid); // a failed assertion below must not leave the bot running
    wait_ready(&tg).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut m = Measured { idle_mb: mb(proc_field(pid, "VmRSS:")), ..Measured::default() };
    m.idle_file_anon = (mb(proc_field(pid, "RssFile:")), mb(proc_field(pid, "RssAnon:")));
    let before = requests(&tg);
    let cpu_before = cpu_seconds(pid);
    let own_before = cpu_seconds(std::process::id());
    let switches_before = context_switches(pid);
    let start = Instant::now();
    let tasks: Vec<_> = codes[..a.chairs]
        .iter()
        .enumerate()
        .map(|(i, code)| tokio::spawn(chair_session(tg.clone(), 10_000 + i as i64, code.clone())))
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    let updates = (a.chairs * STEPS.len()) as f64;
    let elapsed = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds(pid) - cpu_before;
    let own = cpu_seconds(std::process::id()) - own_before;
    m.updates_per_s = updates / elapsed;
    m.cpu_per_update = cpu * 1000.0 / updates;
    m.switches_per_update = (context_switches(pid) - switches_before) as f64 / updates;
    m.requests = requests(&tg)
        .into_iter()
        .map(|(k, v)| {
            let per_chair = (v - before.get(&k).copied().unwrap_or(0.0)) / a.chairs as f64;
            (k, per_chair)
        })
        .filter(|(_, v)| *v > 0.0)
        .collect();
    println!(
        "## {} — dialogue at saturation ({} chairs × 10 updates, no think time)",
        bot.name(),
        a.chairs
    );
    println!(
        "updates handled:        {updates} in {elapsed:.2} s = {:.0} updates/s",
        m.updates_per_s
    );
    println!("CPU per update:         {:.3} ms (user+sys {cpu:.2} s)", m.cpu_per_update);
    println!("context switches:       {:.1} per update", m.switches_per_update);
    println!(
        "fake + load CPU:        {own:.2} s ({:.0}% of the run's {:.1} core-seconds; the bot had the rest)",
        own * 100.0 / (elapsed * cores()),
        elapsed * cores()
    );
    let mix: Vec<String> = m.requests.iter().map(|(k, v)| format!("{k} {v:.2}")).collect();
    println!("requests per chair:     {}", mix.join(", "));

    // 10 chairs at a time, each going through the dialogue as fast as the bot answers.
    let mut per_step: Vec<Vec<f64>> = vec![Vec::new(); STEPS.len()];
    let steady: Vec<(i64, String)> = codes[a.chairs..]
        .iter()
        .enumerate()
        .map(|(i, c)| (20_000_000 + i as i64, c.clone()))
        .collect();
    let workers: Vec<_> = steady
        .chunks(steady.len().div_ceil(10).max(1))
        .map(|chunk| {
            let (tg, chunk) = (tg.clone(), chunk.to_vec());
            tokio::spawn(async move {
                let mut all = Vec::new();
                for (id, code) in chunk {
                    all.push(chair_session(tg.clone(), id, code).await);
                }
                all
            })
        })
        .collect();
    for w in workers {
        for session in w.await.unwrap() {
            for (i, ms) in session.into_iter().enumerate() {
                per_step[i].push(ms);
            }
        }
    }
    let all = sorted(per_step.concat());
    m.ten = (percentile(&all, 0.50), percentile(&all, 0.99));
    m.step_p50 = per_step.into_iter().map(|s| percentile(&sorted(s), 0.50)).collect();
    println!(
        "## {} — 10 chairs at a time ({} chairs × 10 steps, closed loop)",
        bot.name(),
        a.steady
    );
    println!("p50 / p99, every step:  {:.1} / {:.1} ms", m.ten.0, m.ten.1);
    let steps: Vec<String> =
        STEPS.iter().zip(&m.step_p50).map(|((s, _), p)| format!("{s} {p:.1}")).collect();
    println!("p50 per step (ms):      {}", steps.join(" · "));

    let chairs: Vec<i64> = (0..a.chairs).map(|i| 10_000 + i as i64).collect();
    (m.open, m.help_cpu) = latency(a, &tg, pid, &chairs).await;
    println!(
        "## {} — /help at {} offered updates/s for {} s (open loop)",
        bot.name(),
        a.rate,
        a.seconds
    );
    println!("p50 / p99:              {:.1} / {:.1} ms", m.open.0, m.open.1);
    println!("CPU per /help:          {:.3} ms", m.help_cpu);
    m.peak_mb = mb(proc_field(pid, "VmHWM:"));
    println!("RSS idle / peak:        {:.1} MB / {:.1} MB", m.idle_mb, m.peak_mb);
    let (file, anon) = m.idle_file_anon;
    println!("idle RSS, file / anon:  {file:.1} MB the program's pages / {anon:.1} MB allocated");
    child.kill().unwrap();
    child.wait().unwrap();
    m
}

/// Open loop: `/help` at a steady rate over the registered chairs; latency from the update being
/// queued at the fake to the reply arriving there. Returns (p50, p99) and the CPU per update.
async fn latency(a: &Args, tg: &FakeTelegram, bot: u32, chairs: &[i64]) -> ((f64, f64), f64) {
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
    let latencies = sorted(latencies);
    ((percentile(&latencies, 0.50), percentile(&latencies, 0.99)), cpu * 1000.0 / total as f64)
}

/// What one SQLite statement costs through sqlx (each is a hand-off to the connection's own
/// thread and back), in this process: the design's own floor per statement, to read the ratios by.
async fn statement_cost(dir: &Path) -> (f64, f64) {
    use sqlx::sqlite::{
        SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
    };
    let options = SqliteConnectOptions::new()
        .filename(dir.join("statements.db"))
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .test_before_acquire(false)
        .connect_with(options)
        .await
        .unwrap();
    sqlx::query("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)").execute(&pool).await.unwrap();
    let n = 20_000;
    let before = cpu_seconds(std::process::id());
    for k in 0..n {
        sqlx::query(
            "INSERT INTO t (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v",
        )
        .bind(k % 1000)
        .bind("{\"answers\":{}}")
        .execute(&pool)
        .await
        .unwrap();
    }
    let write = (cpu_seconds(std::process::id()) - before) * 1000.0 / n as f64;
    let before = cpu_seconds(std::process::id());
    for k in 0..n {
        let _: Option<String> = sqlx::query_scalar("SELECT v FROM t WHERE k = ?")
            .bind(k % 1000)
            .fetch_optional(&pool)
            .await
            .unwrap();
    }
    let read = (cpu_seconds(std::process::id()) - before) * 1000.0 / n as f64;
    pool.close().await;
    (read, write)
}

/// The side-by-side table: baocao ÷ floor, with the goals of issue 23; the form's answer beside
/// the chat's update when it was measured.
fn ratios(b: &Measured, f: &Measured, form: Option<&form::FormMeasured>) {
    let slowest = |m: &Measured| {
        let median = percentile(&sorted(m.step_p50.clone()), 0.5);
        let (i, max) = m
            .step_p50
            .iter()
            .enumerate()
            .max_by(|x, y| x.1.total_cmp(y.1))
            .map(|(i, v)| (i, *v))
            .unwrap_or((0, 0.0));
        (STEPS[i].0, max, max / median)
    };
    let (bs, bmax, bratio) = slowest(b);
    let (fs, fmax, fratio) = slowest(f);
    let same_mix = b.requests.len() == f.requests.len()
        && b.requests.iter().all(|(k, v)| f.requests.get(k).is_some_and(|w| (v - w).abs() < 0.01));
    println!("## baocao ÷ floor (this run; the same fake, the same load)");
    println!("| measure | baocao | floor | ratio | goal |");
    println!("|---|---|---|---|---|");
    let row = |name: &str, unit: &str, x: f64, y: f64, goal: &str| {
        println!("| {name} | {x:.2} {unit} | {y:.2} {unit} | {:.2}× | {goal} |", x / y);
    };
    row("CPU per update (saturation)", "ms", b.cpu_per_update, f.cpu_per_update, "≤ 2×");
    row("updates/s (saturation)", "", b.updates_per_s, f.updates_per_s, "");
    row("context switches per update", "", b.switches_per_update, f.switches_per_update, "");
    row("p50 at 10 chairs", "ms", b.ten.0, f.ten.0, "");
    row("p99 at 10 chairs", "ms", b.ten.1, f.ten.1, "≤ 2×");
    row("p50 at the open-loop load", "ms", b.open.0, f.open.0, "");
    row("p99 at the open-loop load", "ms", b.open.1, f.open.1, "");
    row("CPU per /help", "ms", b.help_cpu, f.help_cpu, "");
    row("idle RSS", "MB", b.idle_mb, f.idle_mb, "≤ 2×");
    row("peak RSS", "MB", b.peak_mb, f.peak_mb, "");
    println!(
        "| slowest step ÷ median step (p50) | {bs} {bmax:.1} ms, {bratio:.2}× | {fs} {fmax:.1} ms, {fratio:.2}× | | baocao ≤ 2× |"
    );
    if let Some(form) = form {
        let chat = b.cpu_per_update;
        println!(
            "| CPU per saved answer, the form (HTTP) | {:.2} ms | {:.2} ms | {:.2}× | {:.2}× the chat's update |",
            form.cpu_per_answer,
            f.cpu_per_update,
            form.cpu_per_answer / f.cpu_per_update,
            form.cpu_per_answer / chat
        );
        println!(
            "| answers saved/s, the form (HTTP) | {:.0} | {:.0} updates/s | | {:.2}× the chat's updates/s |",
            form.answers_per_s,
            f.updates_per_s,
            form.answers_per_s / b.updates_per_s
        );
    }
    println!(
        "request mix per chair: {}",
        if same_mix {
            "the same for both bots".to_owned()
        } else {
            "DIFFERENT (see above)".to_owned()
        }
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
    let mut child = start_bot(&db, &config, &tg, "900", "127.0.0.1:0");
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
    let pairs: Vec<_> = periods
        .iter()
        .flat_map(|p| members.iter().map(move |m| (p.id, m.unit_id.unwrap(), m.id)))
        .take(a.scale_reports)
        .collect();
    let reports = pairs.len();
    submit_all(&store, &draft, pairs).await;
    store.close().await;
    println!(
        "## Scale ({} units, {reports} reports; data made in {:.1} s)",
        a.scale_units,
        started.elapsed().as_secs_f64()
    );
    let config = write_config(dir, "");
    let tg = FakeTelegram::start().await;
    let start = Instant::now();
    let mut child = start_bot(&db, &config, &tg, "", "127.0.0.1:0");
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
    let registered = register(&store, &codes, 800_000).await;
    let reporting = registered
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 10 != 0)
        .map(|(_, m)| (period.id, m.unit_id.unwrap(), m.id));
    submit_all(&store, &draft, reporting).await;
    let start = Instant::now();
    let config = baocao::config::Config::load(&Default::default()).unwrap();
    let clock: std::sync::Arc<dyn baocao::domain::Clock> =
        std::sync::Arc::new(baocao::domain::SystemClock);
    let app = baocao::actions::App::new(store.clone(), std::sync::Arc::new(config), clock, None);
    let operator = baocao::actions::Operator::at_the_machine();
    let by = baocao::actions::By::Operator(&operator);
    let data = baocao::actions::exports::load(&app, by, period.id).await.unwrap();
    let loaded = start.elapsed();
    let bytes =
        baocao::documents::spreadsheets::xlsx(&data, Lang::Vi, chrono_tz::Asia::Ho_Chi_Minh)
            .unwrap();
    println!(
        "XLSX export, {} units:  {:.0} ms ({:.0} ms loading, {:.0} KB)",
        a.export_units,
        start.elapsed().as_secs_f64() * 1000.0,
        loaded.as_secs_f64() * 1000.0,
        bytes.len() as f64 / 1024.0
    );
}

/// Saves `draft` and submits it for each (period, unit, member), many at once: the writer commits
/// the writes waiting together (each commit is synced to disk; one at a time, a sync each).
async fn submit_all(
    store: &Store,
    draft: &Draft,
    reports: impl IntoIterator<Item = (PeriodId, UnitId, MemberId)>,
) {
    let report = |(period, unit, member): (PeriodId, UnitId, MemberId)| async move {
        store.save_draft(period, unit, member, draft, Utc::now()).await.unwrap();
        store.submit_report(period, unit, member, Utc::now()).await.unwrap();
    };
    futures::stream::iter(reports).map(report).buffer_unordered(64).collect::<Vec<()>>().await;
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("--floor") {
        floor::run();
        return;
    }
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
        let chat = match wanted("dialogue") {
            true => Some((
                dialogue(Bot::Baocao, &a, dir.path()).await,
                dialogue(Bot::Floor, &a, dir.path()).await,
            )),
            false => None,
        };
        let form = match wanted("form") {
            true => Some(form::form(&a, dir.path()).await),
            false => None,
        };
        if let Some((baocao, floor)) = &chat {
            ratios(baocao, floor, form.as_ref());
            let (read, write) = statement_cost(dir.path()).await;
            println!("one statement through sqlx (this process, one connection): a read {read:.3} ms CPU, a write {write:.3} ms CPU");
        }
        if wanted("fanout") {
            fanout(&a, dir.path()).await;
        }
        if wanted("scale") {
            scale(&a, dir.path()).await;
        }
    });
}
