//! The report dialogue: a chair answers one question at a time, reviews, and submits.
//! Every accepted answer is in the `drafts` table before the next question is shown.

pub mod view;

use teloxide::prelude::*;

use crate::telegram::patient::Patiently;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, Message};

use crate::domain::answer::parse_answer;
use crate::domain::report::may_revise;
use crate::domain::{
    Answer, Draft, FileRef, Input, Member, Period, PeriodId, QuestionKind, ReportStatus, Unit,
};
use crate::error::Error;
use crate::i18n::{fmt_datetime, t, Lang, Msg};
use crate::store::SubmitOutcome;

use super::actor::Actor;
use super::callback::CallbackData;
use super::error::{HandlerResult, Notify};
use super::notices;
use super::{Env, State, TgBot, TgDialogue};

/// Who reports, for which unit, in which period: checked again on every update.
pub struct Ctx {
    pub period: Period,
    pub unit: Unit,
    pub member: Member,
    pub lang: Lang,
    pub chat: ChatId,
}

impl Ctx {
    fn say(&self, msg: &Msg) -> String {
        msg.render(self.lang)
    }
}

/// Loads the context, or the reason this person cannot report in this period.
async fn context(env: &Env, actor: &Actor, period_id: i64) -> Result<Result<Ctx, Msg>, Error> {
    let Some(member) = actor.member.clone().filter(|m| m.unit_id.is_some()) else {
        return Ok(Err(Msg::new("report-not-reporter")));
    };
    let Some(unit_id) = member.unit_id else { return Ok(Err(Msg::new("report-not-reporter"))) };
    let Some((period, in_period, unit)) =
        env.store.period_for_unit(PeriodId(period_id), unit_id).await?
    else {
        return Ok(Err(Msg::new("button-expired")));
    };
    if !period.is_open() {
        return Ok(Err(Msg::new("report-period-closed")));
    }
    if !in_period {
        return Ok(Err(Msg::new("report-unit-not-in-period")));
    }
    let Some(unit) = unit else {
        return Ok(Err(Msg::new("err-internal")));
    };
    Ok(Ok(Ctx { period, unit, member, lang: actor.lang(), chat: actor.chat }))
}

/// Loads the context; when refused, tells the person and leaves the dialogue.
async fn context_or_leave(
    bot: &TgBot,
    env: &Env,
    actor: &Actor,
    dialogue: &TgDialogue,
    period_id: i64,
) -> Result<Option<Ctx>, super::HandlerError> {
    match context(env, actor, period_id).await.notify(actor.chat, actor.lang())? {
        Ok(ctx) => Ok(Some(ctx)),
        Err(msg) => {
            dialogue.reset().await.notify(actor.chat, actor.lang())?;
            bot.send_message(actor.chat, actor.say(&msg)).patiently().await?;
            Ok(None)
        }
    }
}

/// `/baocao`: start or resume; with several open periods, let the reporter pick one.
pub async fn report_cmd(bot: TgBot, actor: Actor, env: Env, dialogue: TgDialogue) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let Some(unit_id) = actor.member.as_ref().and_then(|m| m.unit_id) else {
        bot.send_message(chat, t(lang, "report-not-reporter")).patiently().await?;
        return Ok(());
    };
    let periods = env.store.open_periods_for_unit(unit_id).await.notify(chat, lang)?;
    match periods.as_slice() {
        [] => {
            bot.send_message(chat, t(lang, "report-no-open-period")).patiently().await?;
            Ok(())
        }
        [only] => begin(&bot, &env, &actor, &dialogue, only.id.0).await,
        several => {
            let mut choices = Vec::new();
            let mut text = t(lang, "report-choose-period");
            for p in several {
                let submitted = env.store.report(p.id, unit_id).await.notify(chat, lang)?.is_some();
                text.push_str("\n\n");
                text.push_str(&view::period_header(p, lang, env.config.timezone));
                choices.push((p.clone(), submitted));
            }
            let keyboard = view::period_choice_keyboard(&choices, lang, env.config.timezone);
            bot.send_message(chat, text).reply_markup(keyboard).patiently().await?;
            Ok(())
        }
    }
}

/// The "report" button (period choice, reminders): start or resume that period's report.
pub async fn start_button(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    period: i64,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    bot.answer_callback_query(q.id.clone()).patiently().await?;
    begin(&bot, &env, &actor, &dialogue, period).await
}

async fn begin(
    bot: &TgBot,
    env: &Env,
    actor: &Actor,
    dialogue: &TgDialogue,
    period_id: i64,
) -> HandlerResult {
    let Some(ctx) = context_or_leave(bot, env, actor, dialogue, period_id).await? else {
        return Ok(());
    };
    let store = &env.store;
    if let Some(draft) =
        store.draft(ctx.period.id, ctx.unit.id, ctx.member.id).await.notify(ctx.chat, ctx.lang)?
    {
        return match draft.first_unanswered(&ctx.period.questions) {
            Some(index) => {
                let note = Msg::new("report-resuming");
                ask_with_note(bot, &ctx, &draft, dialogue, index, false, Some(&note)).await
            }
            None => review(bot, env, &ctx, &draft, dialogue).await,
        };
    }
    let existing = store.report(ctx.period.id, ctx.unit.id).await.notify(ctx.chat, ctx.lang)?;
    let now = env.clock.now();
    let tz = env.config.timezone;
    let draft = match existing {
        Some(report) if report.status == ReportStatus::Accepted => {
            dialogue.reset().await.notify(ctx.chat, ctx.lang)?;
            bot.send_message(ctx.chat, ctx.say(&Msg::new("report-accepted-locked")))
                .patiently()
                .await?;
            return Ok(());
        }
        Some(report) if !may_revise(&ctx.period, &report, now) => {
            dialogue.reset().await.notify(ctx.chat, ctx.lang)?;
            let msg = Msg::new("report-already-submitted")
                .arg("name", report.submitted_by_name.as_str())
                .arg("at", fmt_datetime(report.submitted_at, tz));
            let text =
                format!("{}\n{}", ctx.say(&msg), ctx.say(&Msg::new("report-revision-closed")));
            bot.send_message(ctx.chat, text).patiently().await?;
            return Ok(());
        }
        Some(report) => {
            let msg = Msg::new("report-revising")
                .arg("name", report.submitted_by_name.as_str())
                .arg("at", fmt_datetime(report.submitted_at, tz));
            bot.send_message(ctx.chat, ctx.say(&msg)).patiently().await?;
            Draft { answers: report.answers, base_revision: report.revision }
        }
        None => {
            let intro = Msg::new("report-intro")
                .arg("unit", ctx.unit.name.as_str())
                .arg("header", view::period_header(&ctx.period, ctx.lang, tz))
                .arg("count", ctx.period.questions.len());
            bot.send_message(ctx.chat, ctx.say(&intro)).patiently().await?;
            Draft::default()
        }
    };
    store
        .save_draft(ctx.period.id, ctx.unit.id, ctx.member.id, &draft, now)
        .await
        .notify(ctx.chat, ctx.lang)?;
    match draft.first_unanswered(&ctx.period.questions) {
        Some(index) => ask(bot, &ctx, &draft, dialogue, index, false).await,
        None => review(bot, env, &ctx, &draft, dialogue).await,
    }
}

async fn ask(
    bot: &TgBot,
    ctx: &Ctx,
    draft: &Draft,
    dialogue: &TgDialogue,
    index: usize,
    editing: bool,
) -> HandlerResult {
    ask_with_note(bot, ctx, draft, dialogue, index, editing, None).await
}

/// Asks question `index`, with `note` (why the last answer was refused, or that the report
/// resumes) on top of the same message: one message per step on a weak connection.
async fn ask_with_note(
    bot: &TgBot,
    ctx: &Ctx,
    draft: &Draft,
    dialogue: &TgDialogue,
    index: usize,
    editing: bool,
    note: Option<&Msg>,
) -> HandlerResult {
    let Some(q) = ctx.period.questions.get(index) else { return Ok(()) };
    let current = draft.answers.get(&q.key);
    let mut text = view::question_text(q, index, ctx.period.questions.len(), current, ctx.lang);
    if let Some(note) = note {
        text = format!("{}\n\n{text}", ctx.say(note));
    }
    let keyboard =
        view::question_keyboard(ctx.period.id.0, q, index, current.is_some(), editing, ctx.lang);
    dialogue
        .update(State::Answering { period_id: ctx.period.id.0, index, editing })
        .await
        .notify(ctx.chat, ctx.lang)?;
    bot.send_message(ctx.chat, text).reply_markup(keyboard).patiently().await?;
    Ok(())
}

async fn review(
    bot: &TgBot,
    env: &Env,
    ctx: &Ctx,
    draft: &Draft,
    dialogue: &TgDialogue,
) -> HandlerResult {
    dialogue
        .update(State::Reviewing { period_id: ctx.period.id.0 })
        .await
        .notify(ctx.chat, ctx.lang)?;
    let parts = view::review_text(&ctx.period, &ctx.unit, draft, ctx.lang, env.config.timezone);
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.into_iter().enumerate() {
        let request = bot.send_message(ctx.chat, part);
        if i == last {
            request
                .reply_markup(view::review_keyboard(
                    ctx.period.id.0,
                    ctx.period.questions.len(),
                    ctx.lang,
                ))
                .await?;
        } else {
            request.await?;
        }
    }
    Ok(())
}

async fn current_draft(env: &Env, ctx: &Ctx) -> Result<Draft, super::HandlerError> {
    let draft = env
        .store
        .draft(ctx.period.id, ctx.unit.id, ctx.member.id)
        .await
        .notify(ctx.chat, ctx.lang)?;
    Ok(draft.unwrap_or_default())
}

/// Saves `answer` to question `index` of `draft` (as stored) at once, then moves on.
#[allow(clippy::too_many_arguments)]
async fn record(
    bot: &TgBot,
    env: &Env,
    ctx: &Ctx,
    dialogue: &TgDialogue,
    mut draft: Draft,
    index: usize,
    answer: Answer,
    editing: bool,
) -> HandlerResult {
    let Some(q) = ctx.period.questions.get(index) else { return Ok(()) };
    draft.answers.insert(q.key.clone(), answer);
    env.store
        .save_draft(ctx.period.id, ctx.unit.id, ctx.member.id, &draft, env.clock.now())
        .await
        .notify(ctx.chat, ctx.lang)?;
    advance(bot, env, ctx, &draft, dialogue, index, editing).await
}

async fn advance(
    bot: &TgBot,
    env: &Env,
    ctx: &Ctx,
    draft: &Draft,
    dialogue: &TgDialogue,
    index: usize,
    editing: bool,
) -> HandlerResult {
    if editing {
        return review(bot, env, ctx, draft, dialogue).await;
    }
    // The next question still without an answer (earlier answers are on the review screen).
    let questions = &ctx.period.questions;
    let later = questions
        .iter()
        .enumerate()
        .skip(index + 1)
        .find(|(_, q)| !draft.answers.contains_key(&q.key));
    let next = later.map(|(i, _)| i).or_else(|| draft.first_unanswered(questions));
    match next {
        Some(next) => ask(bot, ctx, draft, dialogue, next, false).await,
        None => review(bot, env, ctx, draft, dialogue).await,
    }
}

fn input_of(msg: &Message) -> Input<'_> {
    if let Some(text) = msg.text() {
        return Input::Text(text);
    }
    if let Some(doc) = msg.document() {
        return Input::File(FileRef {
            file_id: doc.file.id.to_string(),
            file_unique_id: doc.file.unique_id.to_string(),
            name: doc.file_name.clone(),
            mime: doc.mime_type.as_ref().map(ToString::to_string),
            size: Some(u64::from(doc.file.size)),
            photo: false,
        });
    }
    if let Some(photo) =
        msg.photo().and_then(|sizes| sizes.iter().max_by_key(|p| p.width * p.height))
    {
        return Input::File(FileRef {
            file_id: photo.file.id.to_string(),
            file_unique_id: photo.file.unique_id.to_string(),
            name: None,
            mime: Some("image/jpeg".to_owned()),
            size: Some(u64::from(photo.file.size)),
            photo: true,
        });
    }
    Input::Other
}

/// A message while a question waits: parse it, save it, or explain and ask again.
pub async fn on_answer(
    bot: TgBot,
    msg: Message,
    actor: Actor,
    state: (i64, usize, bool),
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (period_id, index, editing) = state;
    let Some(ctx) = context_or_leave(&bot, &env, &actor, &dialogue, period_id).await? else {
        return Ok(());
    };
    let Some(q) = ctx.period.questions.get(index) else {
        dialogue.reset().await.notify(ctx.chat, ctx.lang)?;
        return Ok(());
    };
    let draft = current_draft(&env, &ctx).await?;
    match parse_answer(q, input_of(&msg)) {
        Ok(answer) => record(&bot, &env, &ctx, &dialogue, draft, index, answer, editing).await,
        Err(problem) => {
            ask_with_note(&bot, &ctx, &draft, &dialogue, index, editing, Some(&problem)).await
        }
    }
}

/// Presses of buttons under a question or the review. Stale buttons are answered as expired.
pub async fn on_button(
    bot: TgBot,
    q: CallbackQuery,
    actor: Actor,
    data: CallbackData,
    env: Env,
    dialogue: TgDialogue,
) -> HandlerResult {
    let (chat, lang) = (actor.chat, actor.lang());
    let state = dialogue.get().await.notify(chat, lang)?.unwrap_or_default();
    if !button_matches_state(&data, &state) {
        crate::telegram::buttons::refuse(&bot, &q, lang, "button-expired").await?;
        return Ok(());
    }
    crate::telegram::buttons::consume(&bot, &q).await?;
    let period = match &data {
        CallbackData::Pick { period, .. }
        | CallbackData::Skip { period, .. }
        | CallbackData::Keep { period, .. }
        | CallbackData::Back { period, .. }
        | CallbackData::Edit { period, .. }
        | CallbackData::Submit { period }
        | CallbackData::Replace { period }
        | CallbackData::Discard { period } => *period,
        _ => return Ok(()),
    };
    let Some(ctx) = context_or_leave(&bot, &env, &actor, &dialogue, period).await? else {
        return Ok(());
    };
    let editing = matches!(state, State::Answering { editing: true, .. });
    press(&bot, &env, &ctx, &dialogue, data, editing).await
}

fn button_matches_state(data: &CallbackData, state: &State) -> bool {
    match (data, state) {
        (
            CallbackData::Pick { period, index, .. }
            | CallbackData::Skip { period, index }
            | CallbackData::Keep { period, index }
            | CallbackData::Back { period, index },
            State::Answering { period_id, index: current, .. },
        ) => period == period_id && index == current,
        (
            CallbackData::Edit { period, .. }
            | CallbackData::Submit { period }
            | CallbackData::Replace { period }
            | CallbackData::Discard { period },
            State::Reviewing { period_id },
        ) => period == period_id,
        _ => false,
    }
}

async fn press(
    bot: &TgBot,
    env: &Env,
    ctx: &Ctx,
    dialogue: &TgDialogue,
    data: CallbackData,
    editing: bool,
) -> HandlerResult {
    // Submitting and discarding work on the stored draft itself; everything else shows it.
    if let CallbackData::Submit { .. } = data {
        return submit(bot, env, ctx, dialogue).await;
    }
    let draft = current_draft(env, ctx).await?;
    match data {
        CallbackData::Pick { index, option, .. } => match picked(ctx, index, option) {
            Some(answer) => record(bot, env, ctx, dialogue, draft, index, answer, editing).await,
            None => ask(bot, ctx, &draft, dialogue, index, editing).await,
        },
        CallbackData::Skip { index, .. } => match ctx.period.questions.get(index) {
            Some(q) if !q.required => {
                record(bot, env, ctx, dialogue, draft, index, Answer::Skipped, editing).await
            }
            _ => ask(bot, ctx, &draft, dialogue, index, editing).await,
        },
        CallbackData::Keep { index, .. } => {
            advance(bot, env, ctx, &draft, dialogue, index, editing).await
        }
        CallbackData::Back { index, .. } if editing || index == 0 => {
            review_or_ask(bot, env, ctx, &draft, dialogue, editing).await
        }
        CallbackData::Back { index, .. } => ask(bot, ctx, &draft, dialogue, index - 1, false).await,
        CallbackData::Edit { index, .. } => ask(bot, ctx, &draft, dialogue, index, true).await,
        CallbackData::Replace { .. } => replace(bot, env, ctx, dialogue, draft).await,
        CallbackData::Discard { .. } => {
            env.store
                .delete_draft(ctx.period.id, ctx.unit.id, ctx.member.id)
                .await
                .notify(ctx.chat, ctx.lang)?;
            dialogue.reset().await.notify(ctx.chat, ctx.lang)?;
            bot.send_message(ctx.chat, ctx.say(&Msg::new("report-draft-discarded")))
                .patiently()
                .await?;
            Ok(())
        }
        _ => Ok(()),
    }
}

async fn review_or_ask(
    bot: &TgBot,
    env: &Env,
    ctx: &Ctx,
    draft: &Draft,
    dialogue: &TgDialogue,
    editing: bool,
) -> HandlerResult {
    if editing {
        review(bot, env, ctx, draft, dialogue).await
    } else {
        ask(bot, ctx, draft, dialogue, 0, false).await
    }
}

fn picked(ctx: &Ctx, index: usize, option: usize) -> Option<Answer> {
    match &ctx.period.questions.get(index)?.kind {
        QuestionKind::YesNo if option <= 1 => Some(Answer::YesNo { value: option == 1 }),
        QuestionKind::Choice { options } => {
            options.get(option).map(|o| Answer::Choice { key: o.key.clone() })
        }
        _ => None,
    }
}

async fn submit(bot: &TgBot, env: &Env, ctx: &Ctx, dialogue: &TgDialogue) -> HandlerResult {
    let tz = env.config.timezone;
    let now = env.clock.now();
    let outcome = env
        .store
        .submit_report(ctx.period.id, ctx.unit.id, ctx.member.id, now)
        .await
        .notify(ctx.chat, ctx.lang)?;
    let Some(outcome) = outcome else {
        // The draft is gone: this was a second tap on a report already sent.
        dialogue.reset().await.notify(ctx.chat, ctx.lang)?;
        if let Some(report) =
            env.store.report(ctx.period.id, ctx.unit.id).await.notify(ctx.chat, ctx.lang)?
        {
            let msg = Msg::new("report-already-submitted")
                .arg("name", report.submitted_by_name.as_str())
                .arg("at", fmt_datetime(report.submitted_at, tz));
            bot.send_message(ctx.chat, ctx.say(&msg)).patiently().await?;
        }
        return Ok(());
    };
    match outcome {
        SubmitOutcome::Submitted { report, submission } => {
            dialogue.reset().await.notify(ctx.chat, ctx.lang)?;
            let timeliness = if report.on_time {
                t(ctx.lang, "report-on-time")
            } else {
                t(ctx.lang, "report-late")
            };
            let key = match submission {
                crate::domain::Submission::First { .. } => "report-submitted",
                crate::domain::Submission::Revision { .. } => "report-revised",
            };
            let msg = Msg::new(key)
                .arg("title", ctx.period.title(ctx.lang))
                .arg("unit", ctx.unit.name.as_str())
                .arg("at", fmt_datetime(report.submitted_at, tz))
                .arg("timeliness", timeliness)
                .arg("revision", report.revision);
            bot.send_message(ctx.chat, ctx.say(&msg)).patiently().await?;
            notices::report_submitted(env, &report).await;
            Ok(())
        }
        SubmitOutcome::Refused(crate::domain::Refusal::Incomplete(keys)) => {
            let draft = current_draft(env, ctx).await?;
            let note = Msg::new("report-incomplete").arg("count", keys.len());
            let first =
                ctx.period.questions.iter().position(|q| keys.contains(&q.key)).unwrap_or(0);
            ask_with_note(bot, ctx, &draft, dialogue, first, true, Some(&note)).await
        }
        SubmitOutcome::Refused(conflict @ crate::domain::Refusal::Conflict { .. }) => {
            let report =
                env.store.report(ctx.period.id, ctx.unit.id).await.notify(ctx.chat, ctx.lang)?;
            let period = ctx.period.id.0;
            let mut rows = Vec::new();
            if let Some(report) = report {
                rows.push(vec![InlineKeyboardButton::callback(
                    t(ctx.lang, "report-button-view-theirs"),
                    CallbackData::ViewReport { report: report.id.0 }.encode(),
                )]);
            }
            rows.push(vec![InlineKeyboardButton::callback(
                t(ctx.lang, "report-button-replace"),
                CallbackData::Replace { period }.encode(),
            )]);
            rows.push(vec![InlineKeyboardButton::callback(
                t(ctx.lang, "report-button-discard"),
                CallbackData::Discard { period }.encode(),
            )]);
            bot.send_message(ctx.chat, ctx.say(&conflict.msg(tz)))
                .reply_markup(InlineKeyboardMarkup::new(rows))
                .patiently()
                .await?;
            Ok(())
        }
        SubmitOutcome::Refused(refusal) => {
            dialogue.reset().await.notify(ctx.chat, ctx.lang)?;
            bot.send_message(ctx.chat, ctx.say(&refusal.msg(tz))).patiently().await?;
            Ok(())
        }
    }
}

/// After a conflict, the person chose to submit their draft as the next revision.
async fn replace(
    bot: &TgBot,
    env: &Env,
    ctx: &Ctx,
    dialogue: &TgDialogue,
    mut draft: Draft,
) -> HandlerResult {
    let report = env.store.report(ctx.period.id, ctx.unit.id).await.notify(ctx.chat, ctx.lang)?;
    draft.base_revision = report.map_or(0, |r| r.revision);
    env.store
        .save_draft(ctx.period.id, ctx.unit.id, ctx.member.id, &draft, env.clock.now())
        .await
        .notify(ctx.chat, ctx.lang)?;
    submit(bot, env, ctx, dialogue).await
}
