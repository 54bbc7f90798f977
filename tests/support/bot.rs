//! The real bot (`app::start`, the same path as `baocao run`) on a fresh database, driven clock.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use baocao::app::{self, RunningBot};
use baocao::config::{Config, ConfigArgs};
use baocao::domain::unit_import::parse_units_csv;
use baocao::domain::{Draft, ManualClock, PeriodId, UnitCode};
use baocao::store::Store;
use chrono::{DateTime, TimeZone, Utc};

use super::FakeTelegram;

pub const TOKEN: &str = "123456:TEST-token_for_the_fake";
pub const TUAN_GIAO_CSV: &[u8] = include_bytes!("../../examples/tuan-giao-units.csv");

/// The scheduler does not run on its own in tests: they drive it with `tick_at`.
fn manual() -> app::StartOptions {
    app::StartOptions { scheduler_loop: false }
}

/// A local time in Vietnam as UTC.
pub fn vn(day: u32, month: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    chrono_tz::Asia::Ho_Chi_Minh
        .with_ymd_and_hms(2021, month, day, hour, minute, 0)
        .unwrap()
        .with_timezone(&Utc)
}

/// 14/06/2021 09:00 in Vietnam.
pub fn default_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 6, 14, 2, 0, 0).unwrap()
}

/// Options for a test bot.
pub struct TestBotBuilder {
    env: HashMap<String, String>,
    dir: Option<tempfile::TempDir>,
    db: Option<PathBuf>,
    now: DateTime<Utc>,
    units: bool,
    toml: String,
}

/// A running bot, its database and its clock.
pub struct TestBot {
    pub running: Option<RunningBot>,
    pub clock: Arc<ManualClock>,
    pub config: Config,
    pub db: PathBuf,
    _dir: Option<tempfile::TempDir>,
}

/// The office of the Tuần Giáo data, as it was in 2021.
pub const DISTRICT_2021: [(&str, &str); 6] = [
    ("BAOCAO_OFFICE_PARENT", "UBND HUYỆN TUẦN GIÁO"),
    ("BAOCAO_OFFICE_NAME", "PHÒNG NỘI VỤ"),
    ("BAOCAO_OFFICE_SHORT_NAME", "Phòng Nội vụ"),
    ("BAOCAO_PLACE", "Tuần Giáo"),
    ("BAOCAO_OFFICE_SYMBOL", "PNV"),
    ("BAOCAO_OFFICE_SIGNER", "TRƯỞNG PHÒNG"),
];

impl TestBot {
    /// A builder: no admins, Tuần Giáo units imported, clock at [`default_now`].
    pub fn builder(tg: &FakeTelegram) -> TestBotBuilder {
        let mut env = HashMap::new();
        env.insert("TELOXIDE_TOKEN".to_owned(), TOKEN.to_owned());
        env.insert("TELOXIDE_API_URL".to_owned(), tg.api_url());
        env.insert("BAOCAO_LANG".to_owned(), "vi".to_owned());
        // Every test bot has its console, on a free port of its own.
        env.insert("BAOCAO_WEB_ADDR".to_owned(), "127.0.0.1:0".to_owned());
        // The historical set-up of the 2021 data: a district's Phòng Nội vụ.
        for (name, value) in DISTRICT_2021 {
            env.insert(name.to_owned(), value.to_owned());
        }
        TestBotBuilder {
            env,
            dir: None,
            db: None,
            now: default_now(),
            units: true,
            toml: String::new(),
        }
    }

    /// The default bot.
    pub async fn start(tg: &FakeTelegram) -> TestBot {
        TestBot::builder(tg).start().await
    }

    pub fn store(&self) -> &Store {
        self.running.as_ref().unwrap().store()
    }

    /// The running bot's use cases (what a way in calls).
    pub fn app(&self) -> &baocao::actions::App {
        self.running.as_ref().unwrap().app()
    }

    /// A new invite code for `whom`, made at the machine (`baocao invite create`).
    pub async fn invite(&self, whom: baocao::actions::invite::Whom) -> baocao::domain::InviteCode {
        use baocao::actions::{invite, By, Operator};
        let by = By::Operator(&Operator::at_the_machine());
        invite::create(self.app(), by, &whom, Default::default()).await.unwrap().code
    }

    /// A new invite code for the reporter of the unit with this code.
    pub async fn reporter_invite(&self, unit: &str) -> baocao::domain::InviteCode {
        let unit = baocao::domain::UnitCode::parse(unit).unwrap();
        self.invite(baocao::actions::invite::Whom::Reporter(unit)).await
    }

    /// Stops the bot (as on SIGTERM) and keeps the database for a restart.
    pub async fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            running.stop().await;
        }
    }

    /// Starts the bot again on the same database and clock.
    pub async fn restart(&mut self) {
        self.stop().await;
        let clock: Arc<dyn baocao::domain::Clock> = self.clock.clone();
        self.running = Some(app::start_with(self.config.clone(), clock, manual()).await.unwrap());
    }

    /// The draft of `unit`'s report in `period` kept for the person with Telegram id `tg_user`.
    pub async fn draft_of(&self, period: PeriodId, unit: &str, tg_user: i64) -> Draft {
        draft_of(self.store(), period, unit, tg_user).await
    }

    /// Moves the clock to `at` and runs the scheduler once, as its loop would.
    pub async fn tick_at(&self, at: DateTime<Utc>) -> baocao::scheduler::TickReport {
        self.clock.set(at);
        self.running.as_ref().unwrap().scheduler().tick(at).await.unwrap()
    }
}

/// Makes the outbox's table refuse every new row (as a full disk or a lock would, between a change
/// and the messages it causes) until [`mend_outbox`] is called with the connection returned.
pub async fn break_outbox(bot: &TestBot) -> sqlx::SqliteConnection {
    use sqlx::Connection;
    let url = format!("sqlite://{}", bot.db.display());
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let trigger = "CREATE TRIGGER no_outbox BEFORE INSERT ON deliveries BEGIN SELECT RAISE(ABORT, 'disk full'); END";
    sqlx::query(trigger).execute(&mut conn).await.unwrap();
    conn
}

/// Undoes [`break_outbox`].
pub async fn mend_outbox(mut conn: sqlx::SqliteConnection) {
    use sqlx::Connection;
    sqlx::query("DROP TRIGGER no_outbox").execute(&mut conn).await.unwrap();
    conn.close().await.unwrap();
}

impl TestBotBuilder {
    pub fn env(mut self, name: &str, value: &str) -> Self {
        self.env.insert(name.to_owned(), value.to_owned());
        self
    }

    pub fn admins(self, ids: &[i64]) -> Self {
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        self.env("BAOCAO_ADMINS", &list)
    }

    pub fn now(mut self, now: DateTime<Utc>) -> Self {
        self.now = now;
        self
    }

    pub fn without_units(mut self) -> Self {
        self.units = false;
        self
    }

    /// Uses an existing database file instead of a fresh one.
    /// Adds lines to the TOML configuration file.
    pub fn toml(mut self, extra: &str) -> Self {
        self.toml.push_str(extra);
        self.toml.push('\n');
        self
    }

    pub fn database(mut self, path: &Path) -> Self {
        self.db = Some(path.to_owned());
        self
    }

    pub async fn start(mut self) -> TestBot {
        let db = match self.db.take() {
            Some(db) => db,
            None => {
                let dir = tempfile::tempdir().unwrap();
                let db = dir.path().join("baocao.db");
                self.dir = Some(dir);
                db
            }
        };
        // Dialogues send one message per answer: lift the per-chat limit so tests run fast.
        let toml = db.with_extension("toml");
        // Tests answer at machine speed: the flood guard is lifted unless a test sets its own.
        let flood = if self.toml.contains("[flood]") {
            ""
        } else {
            "[flood]\nburst = 1000\nper_sec = 1000\n"
        };
        let text = format!(
            "{}\n[throttle]\nper_chat_per_sec = 1000\nper_chat_per_min = 100000\n{flood}",
            self.toml
        );
        std::fs::write(&toml, text).unwrap();
        let args =
            ConfigArgs { config: Some(toml), database: Some(db.clone()), ..Default::default() };
        let args = self.env.iter().fold(args, |args, (name, value)| args.with(name, value));
        let config = Config::load(&args).unwrap();
        if self.units {
            let store = Store::open(&db).await.unwrap();
            store.import_units(&parse_units_csv(TUAN_GIAO_CSV).unwrap(), self.now).await.unwrap();
            store.close().await;
        }
        let clock = Arc::new(ManualClock::new(self.now));
        let dyn_clock: Arc<dyn baocao::domain::Clock> = clock.clone();
        let running = app::start_with(config.clone(), dyn_clock, manual()).await.unwrap();
        TestBot { running: Some(running), clock, config, db, _dir: self.dir }
    }
}

/// The draft of `unit`'s report in `period` kept for the person with Telegram id `tg_user`
/// (fails the test when there is none).
pub async fn draft_of(store: &Store, period: PeriodId, unit: &str, tg_user: i64) -> Draft {
    let unit = store.unit_by_code(&UnitCode::parse(unit).unwrap()).await.unwrap().unwrap();
    let member = store.member_by_tg_user(tg_user).await.unwrap().unwrap();
    store.draft(period, unit.id, member.id).await.unwrap().unwrap()
}
