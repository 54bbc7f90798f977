//! The use cases' test rig: a migrated database with the Tuần Giáo units, a manual clock in June
//! 2021, the default configuration, people of each role.

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};

use crate::config::{Config, ConfigArgs};
use crate::domain::{Clock, ManualClock, Member, MemberId, NewMember, Role, UnitCode, UnitId};
use crate::i18n::Lang;
use crate::store::Store;

use super::App;

/// A member value, not stored (for the rules that read only its fields).
pub fn member(id: i64, role: Role) -> Member {
    Member {
        id: MemberId(id),
        tg_user_id: Some(id),
        contacts: vec![crate::domain::Contact::telegram(id)],
        full_name: format!("Người {id}"),
        username: None,
        role,
        unit_id: None,
        lang: Lang::Vi,
        notify_submissions: true,
        active: true,
        position: None,
        named: true,
    }
}

/// 10/06/2021 09:00 in Vietnam: the first half of 2021 is open and due on 16/06.
pub fn june_2021() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 6, 10, 2, 0, 0).single().unwrap_or_default()
}

/// A world to run use cases in.
pub struct World {
    pub app: App,
    pub clock: Arc<ManualClock>,
    pub store: Store,
    _dir: tempfile::TempDir,
}

/// The default configuration, with `BAOCAO_ADMINS` as given.
pub fn config(admins: &str) -> Config {
    let args = ConfigArgs::default().with("BAOCAO_ADMINS", admins);
    Config::load(&args).unwrap()
}

/// A fresh database with the 19 Tuần Giáo units, no outbox (deliveries are only recorded).
pub async fn world() -> World {
    world_with(config("")).await
}

/// [`world`] with this configuration.
pub async fn world_with(config: Config) -> World {
    let (store, dir) = crate::store::test_support::store().await;
    let units = crate::domain::unit_import::parse_units_csv(include_bytes!(
        "../../examples/tuan-giao-units.csv"
    ))
    .unwrap();
    store.import_units(&units, june_2021()).await.unwrap();
    let clock = Arc::new(ManualClock::new(june_2021()));
    let app = App::new(store.clone(), Arc::new(config), clock.clone() as Arc<dyn Clock>, None);
    World { app, clock, store, _dir: dir }
}

impl World {
    /// The unit with this code.
    pub async fn unit(&self, code: &str) -> UnitId {
        let code = UnitCode::parse(code).unwrap();
        self.store.unit_by_code(&code).await.unwrap().unwrap().id
    }

    /// Registers Telegram user `tg` with `role` (a reporter of `unit`, when given).
    pub async fn person(&self, tg: i64, role: Role, unit: Option<&str>) -> Member {
        let unit_id = match unit {
            Some(code) => Some(self.unit(code).await),
            None => None,
        };
        let new = NewMember {
            tg_user_id: Some(tg),
            contacts: vec![crate::domain::Contact::telegram(tg)],
            full_name: format!("Người {tg}"),
            username: None,
            role,
            unit_id,
            lang: Lang::Vi,
        };
        let mut tx = self.store.write().await.unwrap();
        let m = crate::store::members::upsert(&mut tx, &new, None, june_2021()).await.unwrap();
        tx.commit().await.unwrap();
        m
    }
}
