//! What the person at the machine does to the installation itself: migrating the database, a
//! consistent copy of it while the bot runs.

use std::path::Path;

use crate::config::Config;
use crate::error::Result;
use crate::store::Store;

use super::{App, Operator};

/// Applies the database's pending migrations; returns how many ran.
pub async fn migrate(config: &Config) -> Result<usize> {
    let store = Store::connect(&config.database).await?;
    let applied = store.migrate().await;
    store.close().await;
    applied
}

/// Writes a consistent copy of the database to `dest` (`VACUUM INTO`), safe while the bot runs.
pub async fn backup(app: &App, _: &Operator, dest: &Path) -> Result<()> {
    app.store.backup(dest).await
}
