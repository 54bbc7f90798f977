//! The one place that renders what the bot sends by itself: reminders, nudges, digests,
//! submission notices, decisions, new deadlines, lost-reply notices. Each is rendered when it is
//! sent, as things stand then, for whoever is entitled to it then; `None`: nothing to send.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::config::Config;
use crate::domain::delivery::DeliveryKind;
use crate::domain::office::Office;
use crate::domain::progress::PeriodProgress;
use crate::domain::{Decision, Member, Period, Role, Unit, UnitId};
use crate::error::Result;
use crate::i18n::{fmt_datetime, t, Lang, Msg};
use crate::render::{period_header, split, MESSAGE_LIMIT};
use crate::store::{Delivery, Store};

use super::message::{Action, OutMessage};

/// Renders deliveries from what the store holds at the moment of sending.
pub struct Renderer<'a> {
    pub store: &'a Store,
    pub config: &'a Config,
}

impl Renderer<'_> {
    /// The message of `d` as of `now`; `None` when there is nothing to send any more. For a
    /// `letter` (a channel without buttons: e-mail) it gets a subject that says the unit, the
    /// period and the deadline, and its buttons personal links to the web, made now.
    pub async fn render(
        &self,
        d: &Delivery,
        now: DateTime<Utc>,
        letter: bool,
    ) -> Result<Option<OutMessage>> {
        let Some(mut message) = self.message(d, now).await? else { return Ok(None) };
        let member = match d.member_id {
            Some(id) => self.store.member_even_removed(id).await?,
            None => None,
        };
        message.lang = member.as_ref().map_or(self.config.lang, |m| m.lang);
        if letter {
            message.subject = self.subject(d, message.lang, now).await?;
            if let Some(member) = &member {
                for button in &mut message.buttons {
                    button.link = self.link(member, button.action, now).await?;
                }
            }
        }
        Ok(Some(message))
    }

    async fn message(&self, d: &Delivery, now: DateTime<Utc>) -> Result<Option<OutMessage>> {
        match d.kind {
            DeliveryKind::Reminder | DeliveryKind::Nudge => self.reminder(d, now).await,
            DeliveryKind::Digest => self.digest(d, now).await,
            DeliveryKind::Notice => self.notice(d).await,
            DeliveryKind::Decision => self.decision(d).await,
            DeliveryKind::Extension => self.extension(d).await,
            DeliveryKind::Unconfirmed => self.unconfirmed(d).await,
            DeliveryKind::UnitMerged => self.merged(d).await,
            DeliveryKind::PeriodOpened => self.opened(d).await,
            DeliveryKind::Announcement => self.announcement(d).await,
            DeliveryKind::SignIn => self.sign_in(d).await,
        }
    }

    /// The office's notice, to a reporter who still reports for the unit it was planned for.
    async fn announcement(&self, d: &Delivery) -> Result<Option<OutMessage>> {
        let Some(id) = d.announcement else { return Ok(None) };
        let Some(member) = self.reporter(d).await? else { return Ok(None) };
        let Some(text) = self.store.announcement_text(id).await? else { return Ok(None) };
        let head = self.config.office.named(Msg::new("announcement-head")).render(member.lang);
        let parts = split(&format!("{head}\n\n{text}"), MESSAGE_LIMIT);
        Ok(Some(OutMessage { parts, ..OutMessage::default() }))
    }

    /// A period is open: what is asked, by when, a button to start, the office's letter.
    async fn opened(&self, d: &Delivery) -> Result<Option<OutMessage>> {
        let Some((period, unit_id, member)) = self.still_missing(d).await? else { return Ok(None) };
        let Some(unit) = self.store.unit_by_id(unit_id).await? else { return Ok(None) };
        let lang = member.lang;
        let tz = self.config.timezone;
        let text = self
            .config
            .office
            .named(Msg::new("period-opened-notice"))
            .arg("name", member.addressed(Some(&unit.name)))
            .arg("unit", unit.in_sentence())
            .arg("title", period.title_in_sentence(lang))
            .arg("window", period.window.display())
            .arg("due", fmt_datetime(period.due_at, tz))
            .arg("count", period.questions.len())
            .render(lang);
        let mut message = OutMessage::with_button(
            text,
            t(lang, "reminder-button"),
            Action::StartReport(period.id),
        );
        message.attachment = self.store.period_attachment(period.id).await?;
        Ok(Some(message))
    }

    /// A reporter's unit was merged: what became of it, and that a new invite will come.
    async fn merged(&self, d: &Delivery) -> Result<Option<OutMessage>> {
        let (Some(member), Some(unit)) = (d.member_id, d.unit_id) else { return Ok(None) };
        let Some(member) = self.store.member_even_removed(member).await? else { return Ok(None) };
        // They were invited again meanwhile (to the successor or elsewhere): nothing to say.
        if member.active || !member.reachable() {
            return Ok(None);
        }
        let Some(unit) = self.store.unit_by_id(unit).await? else { return Ok(None) };
        let (Some(into), Some(on)) = (unit.merged_into, unit.valid_to) else { return Ok(None) };
        let Some(successor) = self.store.unit_by_id(into).await? else { return Ok(None) };
        let text = self
            .config
            .office
            .named(Msg::new("unit-merged-notice"))
            .arg("name", member.addressed(Some(&unit.name)))
            .arg("unit", unit.in_sentence())
            .arg("into", successor.in_sentence())
            .arg("on", crate::i18n::fmt_date(on))
            .render(member.lang);
        Ok(Some(OutMessage::text(text)))
    }

    /// The reminder ladder's stage of `period` at `now`.
    fn stage_now(
        &self,
        period: &Period,
        now: DateTime<Utc>,
    ) -> Option<crate::domain::schedule::Stage> {
        let tz = self.config.timezone;
        let schedule = &self.config.schedule;
        let due_day = period.due_at.with_timezone(&tz).date_naive();
        schedule.ladder.stage(due_day, now.with_timezone(&tz).date_naive(), &schedule.calendar)
    }

    /// The member a delivery is for, if they are still a member and the contact it goes to is
    /// still theirs and reaches them.
    async fn reachable_member(&self, d: &Delivery) -> Result<Option<Member>> {
        let Some(id) = d.member_id else { return Ok(None) };
        let theirs = |m: &Member| m.reachable_at(&d.channel, &d.address);
        Ok(self.store.member_by_id(id).await?.filter(theirs))
    }

    /// The member, if they still report for the unit the delivery is about (not moved to another
    /// unit, not made an officer since it was planned).
    async fn reporter(&self, d: &Delivery) -> Result<Option<Member>> {
        let still =
            |m: &Member| m.role == Role::Reporter && m.unit_id.is_some() && m.unit_id == d.unit_id;
        Ok(self.reachable_member(d).await?.filter(still))
    }

    /// The member, if they still follow the reporting (officer or admin).
    async fn officer(&self, d: &Delivery) -> Result<Option<Member>> {
        Ok(self.reachable_member(d).await?.filter(|m| m.role.is_officer()))
    }

    /// The open period of `d` whose unit has not reported yet, for a reachable member.
    async fn still_missing(&self, d: &Delivery) -> Result<Option<(Period, UnitId, Member)>> {
        let (Some(period_id), Some(unit_id)) = (d.period_id, d.unit_id) else { return Ok(None) };
        let member = self.reporter(d).await?;
        let period = self.store.period(period_id).await?.filter(Period::is_open);
        let (Some(period), Some(member)) = (period, member) else { return Ok(None) };
        if self.store.report(period.id, unit_id).await?.is_some() {
            return Ok(None);
        }
        Ok(Some((period, unit_id, member)))
    }

    async fn reminder(&self, d: &Delivery, now: DateTime<Utc>) -> Result<Option<OutMessage>> {
        let Some((period, unit, member)) = self.still_missing(d).await? else { return Ok(None) };
        // A reminder held past its day (over a night, a restart) is not sent late: the ladder has
        // moved on, and that day's sweep sends the reminder of the stage it is in.
        if d.kind == DeliveryKind::Reminder
            && d.stage.is_some()
            && d.stage != self.stage_now(&period, now)
        {
            return Ok(None);
        }
        let Some(unit) = self.store.unit_by_id(unit).await? else { return Ok(None) };
        let nudged = d.kind == DeliveryKind::Nudge;
        let tz = self.config.timezone;
        let text = reminder_text(&period, &unit, &member, nudged, &self.config.office, now, tz);
        let label = t(member.lang, "reminder-button");
        Ok(Some(OutMessage::with_button(text, label, Action::StartReport(period.id))))
    }

    async fn digest(&self, d: &Delivery, now: DateTime<Utc>) -> Result<Option<OutMessage>> {
        // A digest held over night is not sent the next day: that day has its own.
        let tz = self.config.timezone;
        if d.created_at.with_timezone(&tz).date_naive() != now.with_timezone(&tz).date_naive() {
            return Ok(None);
        }
        // A digest lists every unit's standing: only for whoever still follows the reporting.
        let lang = match d.member_id {
            Some(_) => match self.officer(d).await? {
                Some(officer) => officer.lang,
                None => return Ok(None),
            },
            None => self.config.lang,
        };
        let progress = self.digest_progress(now).await?;
        let text = digest_text(&progress, now, lang, self.config.timezone);
        Ok(text
            .map(|text| OutMessage { parts: split(&text, MESSAGE_LIMIT), ..OutMessage::default() }))
    }

    /// An officer's decision on the unit's report, for one of its reporters.
    async fn decision(&self, d: &Delivery) -> Result<Option<OutMessage>> {
        let (Some(period_id), Some(unit_id), Some(decision)) = (d.period_id, d.unit_id, d.decision)
        else {
            return Ok(None);
        };
        let member = self.reporter(d).await?;
        let (period, unit, report) = (
            self.store.period(period_id).await?,
            self.store.unit_by_id(unit_id).await?,
            self.store.report(period_id, unit_id).await?,
        );
        let (Some(member), Some(period), Some(unit), Some(report)) = (member, period, unit, report)
        else {
            return Ok(None);
        };
        // Told only while the report still stands as decided.
        if report.status != decision.status() {
            return Ok(None);
        }
        let lang = member.lang;
        let msg = |key| {
            self.config
                .office
                .named(Msg::new(key))
                .arg("title", period.title(lang))
                .arg("unit", unit.in_sentence())
        };
        Ok(Some(match decision {
            Decision::Return => OutMessage::with_button(
                msg("decision-returned")
                    .arg("reason", report.return_reason.clone().unwrap_or_default())
                    .render(lang),
                t(lang, "decision-button-revise"),
                Action::StartReport(period.id),
            ),
            Decision::Accept => OutMessage::text(msg("decision-accepted").render(lang)),
        }))
    }

    /// A reply that was lost: when, and how to pick up again. Private chats: the chat is the person.
    async fn unconfirmed(&self, d: &Delivery) -> Result<Option<OutMessage>> {
        let chat = d.address.parse().unwrap_or_default();
        let member = self.store.member_by_tg_user(chat).await?;
        let lang = member.map_or(self.config.lang, |m| m.lang);
        let text = Msg::new("reply-unconfirmed")
            .arg("at", fmt_datetime(d.created_at, self.config.timezone))
            .render(lang);
        Ok(Some(OutMessage::text(text)))
    }

    /// A new deadline, for a reporter of a unit that has not reported.
    async fn extension(&self, d: &Delivery) -> Result<Option<OutMessage>> {
        let Some((period, _, member)) = self.still_missing(d).await? else { return Ok(None) };
        let lang = member.lang;
        let text = self
            .config
            .office
            .named(Msg::new("extension-notice"))
            .arg("title", period.title(lang))
            .arg("due", fmt_datetime(period.due_at, self.config.timezone))
            .render(lang);
        let label = t(lang, "reminder-button");
        Ok(Some(OutMessage::with_button(text, label, Action::StartReport(period.id))))
    }

    /// The notice of a unit's submission, for one officer.
    async fn notice(&self, d: &Delivery) -> Result<Option<OutMessage>> {
        let (Some(period_id), Some(unit_id)) = (d.period_id, d.unit_id) else { return Ok(None) };
        let officer = self.officer(d).await?.filter(|m| m.notify_submissions);
        let period = self.store.period(period_id).await?;
        let unit = self.store.unit_by_id(unit_id).await?;
        let report = self.store.report(period_id, unit_id).await?;
        let (Some(officer), Some(period), Some(unit), Some(report)) =
            (officer, period, unit, report)
        else {
            return Ok(None);
        };
        let lang = officer.lang;
        let timeliness =
            if report.on_time { t(lang, "report-on-time") } else { t(lang, "report-late") };
        let key =
            if report.revision > 1 { "notice-report-revised" } else { "notice-report-submitted" };
        let text = Msg::new(key)
            .arg("unit", unit.name.as_str())
            .arg("title", period.title(lang))
            .arg("at", fmt_datetime(report.submitted_at, self.config.timezone))
            .arg("timeliness", timeliness)
            .arg("revision", report.revision)
            .render(lang);
        let label = t(lang, "notice-button-read");
        Ok(Some(OutMessage::with_button(text, label, Action::ViewReport(report.id))))
    }

    /// Open periods near or past their deadline, for the digest.
    async fn digest_progress(&self, now: DateTime<Utc>) -> Result<Vec<PeriodProgress>> {
        let tz = self.config.timezone;
        let near = i64::from(self.config.schedule.digest_days_before);
        let mut progress = Vec::new();
        let mut periods = self.store.list_periods(false).await?;
        periods.sort_by_key(|p| p.due_at);
        for period in periods {
            if period.opens_at <= now
                && crate::domain::period::days_left(now, period.due_at, tz) <= near
            {
                progress.push(self.store.period_progress(&period).await?);
            }
        }
        Ok(progress)
    }
}

/// The reminder for a unit that has not reported, as of `now`.
fn reminder_text(
    period: &Period,
    unit: &Unit,
    member: &Member,
    nudged: bool,
    office: &Office,
    now: chrono::DateTime<chrono::Utc>,
    tz: Tz,
) -> String {
    let lang = member.lang;
    let days = crate::domain::period::days_left(now, period.due_at, tz);
    let (key, n) = match days {
        d if d > 0 => ("reminder-days-left", d),
        0 => ("reminder-due-today", 0),
        d => ("reminder-overdue", -d),
    };
    let when =
        Msg::new(key).arg("days", n).arg("due", fmt_datetime(period.due_at, tz)).render(lang);
    let intro = if nudged { "reminder-nudge" } else { "reminder-intro" };
    office
        .named(Msg::new(intro))
        .arg(
            "name",
            if nudged { member.full_name.clone() } else { member.addressed(Some(&unit.name)) },
        )
        .arg("unit", if nudged { unit.in_sentence() } else { unit.name.clone() })
        .arg("title", period.title(lang))
        .arg("window", period.window.display())
        .arg("when", when)
        .render(lang)
}

/// The officers' digest of the periods near or past their deadline; `None` when there is
/// nothing to say (every unit reported and none was returned).
fn digest_text(
    progress: &[crate::domain::progress::PeriodProgress],
    now: chrono::DateTime<chrono::Utc>,
    lang: Lang,
    tz: Tz,
) -> Option<String> {
    let mut sections = Vec::new();
    for p in progress {
        let c = p.counts();
        if c.missing == 0 && c.returned == 0 {
            continue;
        }
        let names = |units: Vec<&crate::domain::progress::UnitProgress>| {
            units.iter().map(|u| u.unit.name.as_str()).collect::<Vec<_>>().join(", ")
        };
        let days = crate::domain::period::days_left(now, p.period.due_at, tz);
        let mut text = period_header(&p.period, lang, tz);
        text.push('\n');
        let when = if days >= 0 {
            Msg::new("digest-days-left").arg("days", days)
        } else {
            Msg::new("digest-overdue").arg("days", -days)
        };
        text.push_str(&when.render(lang));
        text.push('\n');
        text.push_str(
            &Msg::new("digest-counts")
                .arg("reported", c.reported())
                .arg("total", c.total)
                .arg("on_time", c.on_time)
                .arg("late", c.late)
                .arg("accepted", c.accepted)
                .arg("returned", c.returned)
                .render(lang),
        );
        let missing: Vec<_> = p.missing().collect();
        if !missing.is_empty() {
            text.push('\n');
            text.push_str(
                &Msg::new("digest-missing")
                    .arg("count", missing.len())
                    .arg("units", names(missing))
                    .render(lang),
            );
        }
        let returned: Vec<_> = p.returned().collect();
        if !returned.is_empty() {
            text.push('\n');
            text.push_str(
                &Msg::new("digest-returned")
                    .arg("count", returned.len())
                    .arg("units", names(returned))
                    .render(lang),
            );
        }
        let unreachable: Vec<_> = p.missing_and_unreachable().collect();
        if !unreachable.is_empty() {
            text.push('\n');
            text.push_str(
                &Msg::new("digest-unreachable")
                    .arg("count", unreachable.len())
                    .arg("units", names(unreachable))
                    .render(lang),
            );
        }
        sections.push(text);
    }
    if sections.is_empty() {
        return None;
    }
    let title = Msg::new("digest-title")
        .arg("date", now.with_timezone(&tz).format("%d/%m/%Y").to_string())
        .render(lang);
    Some(format!("{title}\n\n{}", sections.join("\n\n")))
}
