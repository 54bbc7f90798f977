//! A person's name and position as they give them (họ và tên, chức vụ), used in reminders, lists
//! and exports.

use crate::domain::member::parse_person_text;
use crate::domain::Member;
use crate::error::{Error, Result};
use crate::i18n::Msg;

use super::App;

/// Records the full name `typed` for `member`; the error says what a name must be.
pub async fn set_name(app: &App, member: &Member, typed: &str) -> Result<String> {
    let name = parse_person_text(typed).ok_or(Error::User(Msg::new("profile-name-invalid")))?;
    app.store.set_member_name(member.id, &name).await?;
    Ok(name)
}

/// Records the position `typed` for `member` (`None`: no position, an earlier one cleared); the
/// error says what a position must be.
pub async fn set_position(
    app: &App,
    member: &Member,
    typed: Option<&str>,
) -> Result<Option<String>> {
    let position = match typed {
        Some(text) => {
            Some(parse_person_text(text).ok_or(Error::User(Msg::new("profile-position-invalid")))?)
        }
        None => None,
    };
    app.store.set_member_position(member.id, position.as_deref()).await?;
    Ok(position)
}
