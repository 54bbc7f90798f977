//! Who may do what, on every way in: each person (a unit's reporter, another unit's reporter,
//! an officer, an admin, a removed officer, an admin taken off `BAOCAO_ADMINS`) tries each
//! action the chat, the console and the command line offer, through the use cases, with the
//! proof their way in would hold at that request. The allowed ones succeed; the others are
//! refused with the same sentence whatever the way in.

use super::test_support::{config, world_with, World};
use super::*;
use crate::actions::invite::{BulkInvite, Whom};
use crate::actions::period::{Due, PeriodRequest, Who};
use crate::domain::{Decision, Member, PeriodId, PeriodKind, Role, UnitCode};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Person {
    /// The reporter of Ta Ma, whose report is there to read.
    OwnReporter,
    /// The reporter of Pú Xi.
    OtherReporter,
    Officer,
    Admin,
    /// An officer whose access an admin took away.
    Removed,
    /// An admin no longer in `BAOCAO_ADMINS` (revoked at the start).
    Dropped,
}

const PEOPLE: [Person; 6] = [
    Person::OwnReporter,
    Person::OtherReporter,
    Person::Officer,
    Person::Admin,
    Person::Removed,
    Person::Dropped,
];

impl Person {
    fn telegram(self) -> i64 {
        match self {
            Person::OwnReporter => 1001,
            Person::OtherReporter => 1002,
            Person::Officer => 950,
            Person::Admin => 900,
            Person::Removed => 951,
            Person::Dropped => 901,
        }
    }
}

/// How a person reaches the use cases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Way {
    /// The member read by their Telegram id at this update.
    Chat,
    /// The member of their console session at this request (only officers and admins ever
    /// had one; a removed one's is gone).
    Console,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    ReadTaMasReport,
    ReturnTaMasReport,
    Nudge,
    OpenPeriod,
    NewDeadline,
    ClosePeriod,
    InviteReporter,
    InviteOfficer,
    InviteEveryUnit,
    Export,
    Announce,
    RemoveOfficer,
    Board,
    ConsoleLink,
}

const ACTIONS: [Action; 14] = [
    Action::ReadTaMasReport,
    Action::ReturnTaMasReport,
    Action::Nudge,
    Action::OpenPeriod,
    Action::NewDeadline,
    Action::ClosePeriod,
    Action::InviteReporter,
    Action::InviteOfficer,
    Action::InviteEveryUnit,
    Action::Export,
    Action::Announce,
    Action::RemoveOfficer,
    Action::Board,
    Action::ConsoleLink,
];

/// What should come of it: `None` allowed, else the refusal's message key.
fn expected(person: Person, action: Action, way: Way) -> Option<&'static str> {
    let officer = matches!(person, Person::Officer | Person::Admin);
    let reads_own = person == Person::OwnReporter && way == Way::Chat;
    match action {
        Action::ReadTaMasReport if officer || reads_own => None,
        Action::ReadTaMasReport => Some("err-report-not-yours"),
        Action::InviteOfficer if person == Person::Admin => None,
        Action::InviteOfficer if officer => Some("err-invite-not-allowed"),
        Action::RemoveOfficer if person == Person::Admin => None,
        Action::RemoveOfficer if officer => Some("err-admins-only"),
        _ if officer => None,
        _ => Some("err-officers-only"),
    }
}

/// A world with Ta Ma's report sent, everyone registered, the removed officer removed and the
/// dropped admin revoked; and the console sessions opened before that.
async fn prepared() -> (World, Vec<(Person, Option<String>)>) {
    let w = world_with(config("900")).await;
    let reporter = w.person(1001, Role::Reporter, Some("X-TAMA")).await;
    w.person(1002, Role::Reporter, Some("X-PUXI")).await;
    w.person(950, Role::Officer, None).await;
    w.person(952, Role::Officer, None).await; // the officer an admin may remove
    let operator = Operator::at_the_machine();
    let first_half = PeriodRequest {
        kind: PeriodKind::Semiannual { half: 1, year: 2021 },
        title: None,
        window: None,
        due: Due::Typed("16/06/2021 17:00".into()),
        template: "thi-dua-2021".into(),
        audience: Who::default(),
        attachment: None,
        anyway: false,
    };
    period::open(&w.app, By::Operator(&operator), &first_half).await.unwrap();
    let tama = w.unit("X-TAMA").await;
    let draft = crate::domain::Draft::default();
    w.store.save_draft(PeriodId(1), tama, reporter.id, &draft, w.app.now()).await.unwrap();
    w.store.submit_report(PeriodId(1), tama, reporter.id, w.app.now()).await.unwrap();
    let mut sessions = Vec::new();
    for person in PEOPLE {
        let role = match person {
            Person::OwnReporter | Person::OtherReporter => None,
            Person::Officer | Person::Removed => Some(Role::Officer),
            Person::Admin | Person::Dropped => Some(Role::Admin),
        };
        let Some(role) = role else {
            sessions.push((person, None));
            continue;
        };
        let m = w.person(person.telegram(), role, None).await;
        sessions.push((person, Some(console_session(&w, &m).await)));
    }
    let removed = w.store.member_by_tg_user(951).await.unwrap().unwrap();
    members::remove(&w.app, By::Operator(&operator), removed.id).await.unwrap();
    w.store.revoke_admins_not_in((&[900], &[]), w.app.now()).await.unwrap();
    (w, sessions)
}

/// Signs `m` in to the console and returns the session's token.
async fn console_session(w: &World, m: &Member) -> String {
    let proof = roles::officer(Some(m)).unwrap();
    let link = web::login_link(&w.app, &proof).await.unwrap();
    let code = link.split("code=").nth(1).unwrap().to_owned();
    web::open_session(&w.app, &code).await.unwrap().unwrap().token
}

/// The member a way in holds for `person` at this request.
async fn member_of(w: &World, way: Way, person: Person, session: Option<&str>) -> Option<Member> {
    match way {
        Way::Chat => members::by_telegram(&w.app, person.telegram()).await.unwrap(),
        Way::Console => match session {
            Some(token) => {
                web::session(&w.app, token).await.unwrap().map(|s| s.officer.member().clone())
            }
            None => None,
        },
    }
}

/// Runs `action` as the ways in do: the officer's and admin's proofs made from the member held.
async fn run(w: &World, member: Option<&Member>, action: Action) -> Result<()> {
    let app = &w.app;
    if action == Action::ReadTaMasReport {
        let tama = w.unit("X-TAMA").await;
        return reading::report(app, member, PeriodId(1), tama).await.map(|_| ());
    }
    let officer = roles::officer(member)?;
    let by = By::Officer(&officer);
    let ttl = app.config().invite_ttl;
    let tama = || UnitCode::parse("X-TAMA").unwrap();
    match action {
        Action::ReadTaMasReport => Ok(()),
        Action::ReturnTaMasReport => {
            let report = crate::domain::ReportId(1);
            decision::decide(app, &officer, report, 1, Decision::Return, Some("Bổ sung số liệu"))
                .await
                .map(|_| ())
        }
        Action::Nudge => nudge::nudge(app, &officer, &nudge::Target::Nearest).await.map(|_| ()),
        Action::OpenPeriod => {
            let req = PeriodRequest {
                kind: PeriodKind::AdHoc,
                title: Some("Báo cáo chuyên đề".into()),
                window: crate::domain::DataWindow::new(
                    chrono::NaiveDate::from_ymd_opt(2021, 6, 1).unwrap_or_default(),
                    chrono::NaiveDate::from_ymd_opt(2021, 6, 5).unwrap_or_default(),
                )
                .ok(),
                due: Due::Typed("15/06/2021 17:00".into()),
                template: "ke-hoach".into(),
                audience: Who::default(),
                attachment: None,
                anyway: true,
            };
            period::open(app, by, &req).await.map(|_| ())
        }
        Action::NewDeadline => {
            let due = Due::Typed("18/06/2021 17:00".into());
            period_change::extend(app, &officer, PeriodId(1), &due).await.map(|_| ())
        }
        Action::ClosePeriod => period_change::close(app, by, PeriodId(1)).await.map(|_| ()),
        Action::InviteReporter => {
            invite::create(app, by, &Whom::Reporter(tama()), ttl).await.map(|_| ())
        }
        Action::InviteOfficer => invite::create(app, by, &Whom::Officer, ttl).await.map(|_| ()),
        Action::InviteEveryUnit => {
            let req = BulkInvite { units_too: true, ttl, ..BulkInvite::default() };
            invite::prepare(app, by, &req).await.map(|_| ())
        }
        Action::Export => {
            let format = exports::Format::Xlsx;
            exports::export(app, by, PeriodId(1), format, crate::i18n::Lang::Vi).await.map(|_| ())
        }
        Action::Announce => {
            announce::announce(app, &officer, None, "Họp giao ban thứ Hai").await.map(|_| ())
        }
        Action::RemoveOfficer => {
            let target = w.store.member_by_tg_user(952).await?.map(|m| m.id);
            members::remove(app, by, target.unwrap_or(crate::domain::MemberId(0))).await
        }
        Action::Board => progress::board(app, &officer, PeriodId(1)).await.map(|_| ()),
        Action::ConsoleLink => web::login_link(app, &officer).await.map(|_| ()),
    }
}

#[tokio::test]
async fn every_person_is_allowed_or_refused_the_same_way_on_every_way_in() {
    let mut seen = Vec::new();
    for way in [Way::Chat, Way::Console] {
        for (i, person) in PEOPLE.into_iter().enumerate() {
            for action in ACTIONS {
                // A fresh world for each try: what one action changes never decides another's.
                let (w, sessions) = prepared().await;
                let session = sessions[i].1.as_deref();
                let member = member_of(&w, way, person, session).await;
                let got = match run(&w, member.as_ref(), action).await {
                    Ok(()) => None,
                    Err(e) if e.is_user() => Some(e.user_message().key),
                    Err(e) => panic!("{person:?} {action:?} by {way:?}: {e}"),
                };
                assert_eq!(got, expected(person, action, way), "{person:?} {action:?} by {way:?}");
                seen.push((person, action, got));
            }
        }
    }
    // The same person is refused with the same sentence on both ways (where the console is
    // open to them at all: a reporter reads their report in the chat).
    for (person, action, got) in &seen {
        let other = seen.iter().filter(|(p, a, _)| p == person && a == action).map(|(_, _, g)| g);
        let all_same = other.clone().all(|g| g == got);
        let reporter_reading = *person == Person::OwnReporter && *action == Action::ReadTaMasReport;
        assert!(
            all_same || reporter_reading,
            "{person:?} {action:?}: {:?}",
            other.collect::<Vec<_>>()
        );
    }
}

/// The command line's proof is the person at the machine: what it offers is allowed, and the
/// rules that hold for everyone (an admin is never removed) hold for it too.
#[tokio::test]
async fn the_person_at_the_machine_may_do_what_the_command_line_offers() {
    let (w, _) = prepared().await;
    let operator = Operator::at_the_machine();
    let by = By::Operator(&operator);
    let ttl = w.app.config().invite_ttl;
    let tama = UnitCode::parse("X-TAMA").unwrap();
    invite::create(&w.app, by, &Whom::Reporter(tama), ttl).await.unwrap();
    invite::create(&w.app, by, &Whom::Officer, ttl).await.unwrap();
    let bulk = BulkInvite { units_too: true, officers: 2, ttl, ..BulkInvite::default() };
    let prepared = invite::prepare(&w.app, by, &bulk).await.unwrap();
    assert_eq!(prepared.invites.len(), 17 + 2, "the units without a reporter, and two officers");
    exports::export(&w.app, by, PeriodId(1), exports::Format::Csv, crate::i18n::Lang::Vi)
        .await
        .unwrap();
    let admin = w.store.member_by_tg_user(900).await.unwrap().unwrap();
    let refused = members::remove(&w.app, by, admin.id).await.unwrap_err();
    assert_eq!(refused.user_message().key, "err-admin-stays");
    let officer = w.store.member_by_tg_user(952).await.unwrap().unwrap();
    members::remove(&w.app, by, officer.id).await.unwrap();
    assert!(period_change::close(&w.app, by, PeriodId(1)).await.unwrap());
    // The audit trail names who made the invites: the command line, or the officer.
    let events = w.store.recent_events(Some("invite.created"), 10).await.unwrap();
    assert!(events.iter().all(|e| e.actor == "cli"));
}

/// Bulk invites from the console were recorded as made by the command line, with no member: the
/// audit trail hid which officer made them.
#[tokio::test]
async fn invites_made_in_the_console_name_the_officer_who_made_them() {
    let (w, _) = prepared().await;
    let admin = roles::officer(w.store.member_by_tg_user(900).await.unwrap().as_ref()).unwrap();
    let ttl = w.app.config().invite_ttl;
    let bulk = BulkInvite { units_too: true, ttl, ..BulkInvite::default() };
    let prepared = invite::prepare(&w.app, By::Officer(&admin), &bulk).await.unwrap();
    let made = invite::commit(&w.app, prepared).await.unwrap();
    assert_eq!(made.len(), 17);
    let events = w.store.recent_events(Some("invite.created"), 50).await.unwrap();
    let by = format!("member:{}", admin.member().id);
    assert_eq!(events.iter().filter(|e| e.actor == by).count(), 17);
    let created_by = crate::store::test_support::numbers(
        &w.store,
        "SELECT COUNT(*) FROM invites WHERE created_by IS NOT NULL",
    )
    .await;
    assert_eq!(created_by, [vec![17]]);
}
