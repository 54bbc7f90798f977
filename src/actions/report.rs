//! A unit's report, as its reporter answers it: start or resume, answer, skip, submit, replace a
//! colleague's report, discard the draft. Every accepted answer is saved as a draft before the
//! caller shows the next question; submitting tells the officers through the outbox.

use std::collections::BTreeMap;

use crate::domain::answer::parse_answer;
use crate::domain::report::may_revise;
use crate::domain::{
    Answer, Draft, Input, Member, Period, PeriodId, QuestionKind, Refusal, Report, ReportStatus,
    Submission, Unit,
};
use crate::error::Result;
use crate::i18n::Msg;
use crate::plan;
use crate::store::{ChatState, ReporterView, SubmitOutcome};

use super::App;

/// Who reports, for which unit, in which period: checked again on every step.
#[derive(Clone, Debug)]
pub struct Reporting {
    pub period: Period,
    pub unit: Unit,
    pub member: Member,
    /// The reporter's draft as stored when this step began (read with the period, in one query).
    pub draft: Option<Draft>,
}

/// The reporting of `member` in `period`, or why they cannot report there (a message for them).
pub async fn reporting(
    app: &App,
    member: Option<&Member>,
    period: PeriodId,
) -> Result<Result<Reporting, Msg>> {
    let Some((member, unit_id)) = member.and_then(|m| Some((m, m.unit_id?))) else {
        return Ok(Err(Msg::new("report-not-reporter")));
    };
    let view = app.store.period_for_reporter(period, unit_id, member.id).await?;
    let Some(ReporterView { period, in_period, unit, draft }) = view else {
        return Ok(Err(Msg::new("button-expired")));
    };
    if !period.is_open() {
        return Ok(Err(Msg::new("report-period-closed")));
    }
    if !in_period {
        return Ok(Err(Msg::new("report-unit-not-in-period")));
    }
    let Some(unit) = unit else { return Ok(Err(Msg::new("err-internal"))) };
    Ok(Ok(Reporting { period, unit, member: member.clone(), draft }))
}

/// How a report starts.
#[derive(Clone, Debug, PartialEq)]
pub enum Start {
    /// A draft was waiting: carry on with it.
    Resume(Draft),
    /// Nothing sent yet: a new, empty draft (saved).
    New(Draft),
    /// The unit's report may be revised: a draft with its answers (saved).
    Revising { report: Report, draft: Draft },
    /// Accepted by the office: no more changes.
    Locked,
    /// Sent, and the time to revise it is over.
    Closed(Report),
}

/// Starts or resumes the report; a new or revised draft is saved with what `then` makes of it
/// (the way in's next state), in one round trip.
pub async fn start(
    app: &App,
    r: &Reporting,
    then: impl FnOnce(&Draft) -> Option<ChatState>,
) -> Result<Start> {
    let store = &app.store;
    if let Some(draft) = &r.draft {
        return Ok(Start::Resume(draft.clone()));
    }
    let now = app.clock.now();
    let start = match store.report(r.period.id, r.unit.id).await? {
        Some(report) if report.status == ReportStatus::Accepted => return Ok(Start::Locked),
        Some(report) if !may_revise(&r.period, &report, now) => return Ok(Start::Closed(report)),
        Some(report) => {
            let draft = Draft { answers: report.answers.clone(), base_revision: report.revision };
            Start::Revising { report, draft }
        }
        None => Start::New(Draft::default()),
    };
    if let Start::New(draft) | Start::Revising { draft, .. } = &start {
        let state = then(draft);
        let key = (r.period.id, r.unit.id, r.member.id);
        store.save_draft_then(key.0, key.1, key.2, draft, state.as_ref(), now).await?;
    }
    Ok(start)
}

/// The draft as stored when this step began (empty when there is none).
pub fn draft(r: &Reporting) -> Draft {
    r.draft.clone().unwrap_or_default()
}

/// Saves `answer` to question `index` in `draft` (as stored) before anything else happens.
pub async fn save_answer(
    app: &App,
    r: &Reporting,
    draft: Draft,
    index: usize,
    answer: Answer,
) -> Result<Draft> {
    save_answer_then(app, r, draft, index, answer, |_| None).await
}

/// [`save_answer`], writing with it (in the same round trip) the conversation state that `then`
/// makes of the new draft: the way in's next step is stored exactly when the answer is.
pub async fn save_answer_then(
    app: &App,
    r: &Reporting,
    mut draft: Draft,
    index: usize,
    answer: Answer,
    then: impl FnOnce(&Draft) -> Option<ChatState>,
) -> Result<Draft> {
    let Some(q) = r.period.questions.get(index) else { return Ok(draft) };
    draft.answers.insert(q.key.clone(), answer);
    let state = then(&draft);
    let (key, now) = ((r.period.id, r.unit.id, r.member.id), app.clock.now());
    app.store.save_draft_then(key.0, key.1, key.2, &draft, state.as_ref(), now).await?;
    Ok(draft)
}

/// What a typed or sent answer to question `index` means, or why it is refused.
pub fn read_answer(r: &Reporting, index: usize, input: Input<'_>) -> Option<Result<Answer, Msg>> {
    r.period.questions.get(index).map(|q| parse_answer(q, input))
}

/// The answer a button stands for: option `option` of question `index` (yes/no: 1/0).
pub fn picked(r: &Reporting, index: usize, option: usize) -> Option<Answer> {
    match &r.period.questions.get(index)?.kind {
        QuestionKind::YesNo if option <= 1 => Some(Answer::YesNo { value: option == 1 }),
        QuestionKind::Choice { options } => {
            options.get(option).map(|o| Answer::Choice { key: o.key.clone() })
        }
        _ => None,
    }
}

/// One item of a list question: each field's value by field key.
pub type Item = BTreeMap<String, String>;

/// The items of list question `index` in `draft`.
pub fn items(r: &Reporting, draft: &Draft, index: usize) -> Vec<Item> {
    let key = r.period.questions.get(index).map(|q| q.key.as_str()).unwrap_or_default();
    match draft.answers.get(key) {
        Some(Answer::List { items }) => items.clone(),
        _ => Vec::new(),
    }
}

/// Whether list question `index` has room for one more item; else why not.
pub fn room_for_item(r: &Reporting, draft: &Draft, index: usize) -> std::result::Result<(), Msg> {
    match r.period.questions.get(index).map(|q| &q.kind) {
        Some(QuestionKind::List { max_items, .. })
            if items(r, draft, index).len() >= *max_items =>
        {
            Err(Msg::new("list-full").arg("max", *max_items))
        }
        _ => Ok(()),
    }
}

/// Saves `values` as item `at` of list question `index` (a new item when `at` is `None` or gone).
pub async fn put_item(
    app: &App,
    r: &Reporting,
    index: usize,
    at: Option<usize>,
    values: Item,
) -> Result<Draft> {
    let draft = self::draft(r);
    let mut list = items(r, &draft, index);
    match at {
        Some(n) if n < list.len() => list[n] = values,
        _ => list.push(values),
    }
    save_answer(app, r, draft, index, Answer::List { items: list }).await
}

/// Removes item `item` of list question `index`; `false` when it was gone already (an older copy
/// of the list was pressed), and nothing changes.
pub async fn remove_item(
    app: &App,
    r: &Reporting,
    index: usize,
    item: usize,
) -> Result<(Draft, bool)> {
    let draft = self::draft(r);
    let mut list = items(r, &draft, index);
    if item >= list.len() {
        return Ok((draft, false));
    }
    list.remove(item);
    Ok((save_answer(app, r, draft, index, Answer::List { items: list }).await?, true))
}

/// What "Xong" on question `index` means for the answer in `draft` (see [`crate::domain::answer::Done`]).
pub fn done(r: &Reporting, draft: &Draft, index: usize) -> crate::domain::answer::Done {
    match r.period.questions.get(index) {
        Some(q) => crate::domain::answer::done(q, draft.answers.get(&q.key)),
        None => crate::domain::answer::Done::GoOn,
    }
}

/// What a checklist question `index` has ticked in `draft`, as shown to the reporter ("Giảm
/// nghèo; Chuyển đổi số", or that nothing was); `None` for any other kind of question.
pub fn chosen(
    r: &Reporting,
    draft: &Draft,
    index: usize,
    lang: crate::i18n::Lang,
) -> Option<String> {
    let q = r.period.questions.get(index)?;
    if !matches!(q.kind, QuestionKind::Multi { .. }) {
        return None;
    }
    Some(match draft.answers.get(&q.key) {
        Some(answer @ Answer::Multi { keys }) if !keys.is_empty() => answer.display(q, lang),
        _ => crate::i18n::t(lang, "report-chosen-none"),
    })
}

/// Whether question `index` is a list (its items are added one by one).
pub fn is_list(r: &Reporting, index: usize) -> bool {
    matches!(r.period.questions.get(index).map(|q| &q.kind), Some(QuestionKind::List { .. }))
}

/// Whether question `index` may be skipped.
pub fn may_skip(r: &Reporting, index: usize) -> bool {
    r.period.questions.get(index).is_some_and(|q| !q.required)
}

/// Where to go after question `index`: the next question still without an answer (earlier
/// ones come round again before the review), or the review (`None`).
pub fn next_question(r: &Reporting, draft: &Draft, index: usize) -> Option<usize> {
    let questions = &r.period.questions;
    let later = questions
        .iter()
        .enumerate()
        .skip(index + 1)
        .find(|(_, q)| !draft.answers.contains_key(&q.key));
    later.map(|(i, _)| i).or_else(|| draft.first_unanswered(questions))
}

/// What came of submitting.
#[derive(Clone, Debug, PartialEq)]
pub enum Submitted {
    /// Sent (the officers are being told).
    Done { report: Report, submission: Submission },
    /// There was no draft: a second tap on a report already sent (the report, if any).
    NoDraft(Option<Report>),
    /// Required questions without an answer: the first of them.
    Incomplete { missing: usize, first: usize },
    /// A colleague sent the unit's report meanwhile (their report, if it can be read).
    Conflict { refusal: Refusal, theirs: Option<Report> },
    /// Refused for another reason (closed, accepted, past the deadline).
    Refused(Refusal),
}

/// Submits the stored draft as the unit's report.
pub async fn submit(app: &App, r: &Reporting) -> Result<Submitted> {
    let now = app.clock.now();
    // The officers' notices are recorded with the report, in one transaction.
    let officers = app.store.officers().await?;
    let notices = |report: &Report| plan::notices_to(&officers, report);
    let outcome = app.store.submit_report_with(r.period.id, r.unit.id, r.member.id, now, notices);
    let Some(outcome) = outcome.await? else {
        return Ok(Submitted::NoDraft(app.store.report(r.period.id, r.unit.id).await?));
    };
    Ok(match outcome {
        SubmitOutcome::Submitted { report, submission } => {
            app.flush_soon("submission notices");
            Submitted::Done { report, submission }
        }
        SubmitOutcome::Refused(Refusal::Incomplete(keys)) => {
            let first = r.period.questions.iter().position(|q| keys.contains(&q.key));
            Submitted::Incomplete { missing: keys.len(), first: first.unwrap_or(0) }
        }
        SubmitOutcome::Refused(refusal @ Refusal::Conflict { .. }) => {
            let theirs = app.store.report(r.period.id, r.unit.id).await?;
            Submitted::Conflict { refusal, theirs }
        }
        SubmitOutcome::Refused(refusal) => Submitted::Refused(refusal),
    })
}

/// After a conflict: submits the stored draft as the next revision, in place of the colleague's.
pub async fn replace(app: &App, r: &Reporting) -> Result<Submitted> {
    let mut draft = draft(r);
    let report = app.store.report(r.period.id, r.unit.id).await?;
    draft.base_revision = report.map_or(0, |r| r.revision);
    app.store.save_draft(r.period.id, r.unit.id, r.member.id, &draft, app.clock.now()).await?;
    submit(app, r).await
}

/// After a conflict: throws the draft away.
pub async fn discard(app: &App, r: &Reporting) -> Result<()> {
    app.store.delete_draft(r.period.id, r.unit.id, r.member.id).await
}

/// The open periods `member`'s unit must report in, each with whether it has sent its report.
pub async fn open_periods(
    app: &App,
    member: Option<&Member>,
) -> Result<Option<Vec<(Period, bool)>>> {
    let Some(unit) = member.and_then(|m| m.unit_id) else { return Ok(None) };
    Ok(Some(app.store.open_periods_for_unit(unit).await?))
}
