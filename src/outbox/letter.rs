//! What a letter has that a chat message has not: a subject that says the unit, the period and
//! the deadline; personal links to the web in place of buttons; and the sign-in letter itself.

use chrono::{DateTime, Duration, Utc};

use crate::domain::Role;
use crate::error::Result;
use crate::i18n::{fmt_datetime, t, Lang, Msg};
use crate::store::{Delivery, LoginKind, NewLogin};

use super::message::{Action, OutMessage};
use super::render::Renderer;
use crate::domain::delivery::DeliveryKind;
use crate::domain::Member;

/// How long a link to the chairs' form lasts (a reminder read days later still opens it).
const FORM_LINK: Duration = Duration::days(crate::actions::web::FORM_LINK_DAYS);
/// How long an e-mailed sign-in to the console lasts: mail can take minutes to arrive.
pub const CONSOLE_SIGN_IN: Duration = Duration::minutes(30);

impl Renderer<'_> {
    /// A sign-in link someone asked for: a button that is a personal link (made when sent).
    pub(super) async fn sign_in(&self, d: &Delivery) -> Result<Option<OutMessage>> {
        let Some(id) = d.member_id else { return Ok(None) };
        let Some(member) = self.store.member_by_id(id).await? else { return Ok(None) };
        let lang = member.lang;
        let key = match member.role {
            Role::Reporter => "mail-sign-in-form",
            Role::Officer | Role::Admin => "mail-sign-in-console",
        };
        let text = self
            .config
            .office
            .named(Msg::new(key))
            .arg("name", member.full_name.clone())
            .arg("minutes", CONSOLE_SIGN_IN.num_minutes())
            .arg("days", FORM_LINK.num_days());
        let label = t(lang, "mail-sign-in-button");
        Ok(Some(OutMessage::with_button(text.render(lang), label, Action::SignIn)))
    }

    /// A letter's subject: the office, what it is about — the period, the unit and the deadline
    /// when it is about a unit's report.
    pub(super) async fn subject(
        &self,
        d: &Delivery,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Result<String> {
        let office = &self.config.office;
        let tz = self.config.timezone;
        let period = match d.period_id {
            Some(id) => self.store.period(id).await?,
            None => None,
        };
        let unit = match d.unit_id {
            Some(id) => self.store.unit_by_id(id).await?,
            None => None,
        };
        let msg = match (d.kind, period, unit) {
            (DeliveryKind::SignIn, ..) => Msg::new("mail-subject-sign-in"),
            (DeliveryKind::Digest, ..) => Msg::new("mail-subject-digest")
                .arg("date", now.with_timezone(&tz).format("%d/%m/%Y").to_string()),
            (_, Some(period), Some(unit)) => Msg::new("mail-subject-period")
                .arg("title", period.title(lang))
                .arg("unit", unit.name)
                .arg("due", fmt_datetime(period.due_at, tz)),
            (_, None, Some(unit)) => Msg::new("mail-subject-unit").arg("unit", unit.name),
            _ => Msg::new("mail-subject"),
        };
        Ok(office.named(msg).render(lang))
    }

    /// A personal, one-time link to the web that does what `action` does, made now for `member`
    /// (stored only as its hash); `None` when the web is off.
    pub(super) async fn link(
        &self,
        member: &Member,
        action: Action,
        now: DateTime<Utc>,
    ) -> Result<Option<String>> {
        let Some(web) = &self.config.web else { return Ok(None) };
        let (kind, next, lasts) = match action {
            Action::StartReport(period) => {
                (LoginKind::Form, format!("/f/p/{}", period.0), FORM_LINK)
            }
            Action::ViewReport(report) => {
                (LoginKind::Console, format!("/reports/{}", report.0), Duration::days(1))
            }
            Action::SignIn if member.role == Role::Reporter => {
                (LoginKind::Form, "/f".to_owned(), FORM_LINK)
            }
            Action::SignIn => (LoginKind::Console, "/".to_owned(), CONSOLE_SIGN_IN),
        };
        let code = crate::domain::InviteCode::generate();
        let until = now + lasts;
        let login = NewLogin { member: member.id, kind, next: Some(&next) };
        self.store.create_web_login(&login, &code.hash(), now, until).await?;
        Ok(web.login_url(code.as_str()))
    }
}
