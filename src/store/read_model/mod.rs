//! The read model: what nearly every update asks before it acts — who is writing (the member,
//! their contacts and role), the period they answer (its questions, the units in it, which have
//! reported), their unit and their draft, and the officers a submission tells — held in memory,
//! so that a chat step costs its one write and no read.
//!
//! It is filled as it is asked (an idle bot holds nothing) and kept true three ways:
//! - the writer applies what each write says it [`Changed`], in commit order, once committed
//!   (a write that says nothing makes it forget everything);
//! - the writer watches `PRAGMA data_version` for commits by another process (the command line's
//!   `member remove`) at most every 250 ms, and then everything is forgotten;
//! - a value read from the database is kept only if nothing of its kind was forgotten while it
//!   was read (each map counts its forgettings), and never over a value a write set meanwhile.
//!
//! Nothing is held until the writer has read `data_version` once (so no other process's commit
//! can fall between a value read and the watch starting).

mod held;

use std::collections::HashSet;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard};

use crate::domain::{Draft, Member, MemberId, Period, PeriodId, Unit, UnitId};

use held::{Map, Slot};

/// What a committed write changed of what the read model holds.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Changed {
    /// A member changed (removed, renamed, a new language, contacts): forgotten.
    Member(MemberId),
    /// A member as the write left them (joined, registered again).
    MemberNow(Member),
    /// Members changed, which ones unknown (contacts unreachable, admins revoked).
    Members,
    /// A draft as the write left it (`None`: deleted, or submitted).
    Draft { period: PeriodId, unit: UnitId, member: MemberId, draft: Option<Draft> },
    /// A unit's report is in for a period.
    Sent { period: PeriodId, unit: UnitId },
    /// Periods changed (opened, closed, reopened, a new deadline).
    Periods,
    /// Anything else: units imported, merged, (de)activated; a write that did not say.
    Everything,
}

/// A period with the units that report in it and those whose report is in.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PeriodHeld {
    pub(crate) period: Period,
    pub(crate) units: HashSet<UnitId>,
    pub(crate) sent: HashSet<UnitId>,
}

/// A look-up that found nothing held: what to show when keeping the value read instead.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ticket(u64);

/// A look-up: the value held, or a ticket to keep the one read from the database.
pub(crate) enum Look<V> {
    Held(V),
    Missing(Ticket),
}

/// A draft's key.
pub(crate) type DraftKey = (PeriodId, UnitId, MemberId);

#[derive(Debug, Default)]
struct Held {
    /// Whether anything may be held (the writer watches for other processes' commits).
    on: bool,
    by_tg: Map<i64, Option<Member>>,
    by_id: Map<MemberId, Option<Member>>,
    officers: Slot<Vec<Member>>,
    units: Map<UnitId, Option<Unit>>,
    periods: Map<PeriodId, Option<PeriodHeld>>,
    /// The open periods' ids (kept with `periods`, under its count of forgettings).
    open: Option<Vec<PeriodId>>,
    drafts: Map<DraftKey, Option<Draft>>,
}

/// The read model, shared by the store's readers and its writer.
#[derive(Debug, Default)]
pub(crate) struct ReadModel {
    held: Mutex<Held>,
}

impl ReadModel {
    /// What is held, to keep a value read (nothing is kept while not holding).
    fn keeping(&self) -> Option<MutexGuard<'_, Held>> {
        Some(self.held()).filter(|held| held.on)
    }

    /// The value held under `key` in the map `which` picks, or a ticket to keep the one read.
    fn look<K: Eq + Hash, V: Clone>(&self, which: fn(&Held) -> &Map<K, V>, key: &K) -> Look<V> {
        let held = self.held();
        which(&held).look(held.on, key)
    }

    /// Keeps `value`, read with `ticket`, under `key` in the map `which` picks.
    fn keep<K: Eq + Hash, V: Clone>(
        &self,
        which: fn(&mut Held) -> &mut Map<K, V>,
        ticket: Ticket,
        key: K,
        value: &V,
    ) {
        if let Some(mut held) = self.keeping() {
            which(&mut held).keep(ticket, key, value);
        }
    }

    fn held(&self) -> MutexGuard<'_, Held> {
        // A panic while holding it cannot leave it half-changed in a way that matters more
        // than forgetting: recover and forget.
        self.held.lock().unwrap_or_else(|poisoned| {
            let mut held = poisoned.into_inner();
            held.forget_all();
            held
        })
    }

    /// Starts (`true`) or stops holding anything; either way, forgets what is held.
    pub(crate) fn hold(&self, on: bool) {
        let mut held = self.held();
        held.forget_all();
        held.on = on;
    }

    /// Forgets everything (another process wrote).
    pub(crate) fn forget_all(&self) {
        self.held().forget_all();
    }

    /// Applies what a group of committed writes changed, in their order.
    pub(crate) fn apply(&self, changes: &[Changed]) {
        if changes.is_empty() {
            return;
        }
        let mut held = self.held();
        for change in changes {
            held.apply(change);
        }
    }

    pub(crate) fn member_by_tg(&self, tg: i64) -> Look<Option<Member>> {
        self.look(|held| &held.by_tg, &tg)
    }

    pub(crate) fn keep_member_by_tg(&self, ticket: Ticket, tg: i64, member: &Option<Member>) {
        self.keep(|held| &mut held.by_tg, ticket, tg, member);
    }

    pub(crate) fn member_by_id(&self, id: MemberId) -> Look<Option<Member>> {
        self.look(|held| &held.by_id, &id)
    }

    pub(crate) fn keep_member_by_id(&self, ticket: Ticket, id: MemberId, member: &Option<Member>) {
        self.keep(|held| &mut held.by_id, ticket, id, member);
    }

    pub(crate) fn officers(&self) -> Look<Vec<Member>> {
        let held = self.held();
        held.officers.look(held.on)
    }

    pub(crate) fn keep_officers(&self, ticket: Ticket, officers: &[Member]) {
        if let Some(mut held) = self.keeping() {
            held.officers.keep(ticket, officers.to_vec());
        }
    }

    pub(crate) fn unit(&self, id: UnitId) -> Look<Option<Unit>> {
        self.look(|held| &held.units, &id)
    }

    pub(crate) fn keep_unit(&self, ticket: Ticket, id: UnitId, unit: &Option<Unit>) {
        self.keep(|held| &mut held.units, ticket, id, unit);
    }

    pub(crate) fn draft(&self, key: DraftKey) -> Look<Option<Draft>> {
        self.look(|held| &held.drafts, &key)
    }

    pub(crate) fn keep_draft(&self, ticket: Ticket, key: DraftKey, draft: &Option<Draft>) {
        self.keep(|held| &mut held.drafts, ticket, key, draft);
    }

    /// What `f` makes of the period held (`None` inside: there is no such period).
    pub(crate) fn period<T>(
        &self,
        id: PeriodId,
        f: impl FnOnce(Option<&PeriodHeld>) -> T,
    ) -> Look<T> {
        let held = self.held();
        match held.periods.look_ref(held.on, &id) {
            Ok(period) => Look::Held(f(period.as_ref())),
            Err(ticket) => Look::Missing(ticket),
        }
    }

    pub(crate) fn keep_period(&self, ticket: Ticket, id: PeriodId, period: Option<PeriodHeld>) {
        if let Some(mut held) = self.keeping() {
            held.periods.keep_owned(ticket, id, period);
        }
    }

    /// What `f` makes of each open period held, in the order of their ids.
    pub(crate) fn open_periods<T>(
        &self,
        mut f: impl FnMut(&PeriodHeld) -> Option<T>,
    ) -> Look<Vec<T>> {
        let held = self.held();
        let ticket = held.periods.ticket();
        let (true, Some(open)) = (held.on, &held.open) else { return Look::Missing(ticket) };
        let mut out = Vec::with_capacity(open.len());
        for id in open {
            match held.periods.look_ref(true, id) {
                Ok(Some(period)) => out.extend(f(period)),
                Ok(None) => {}
                Err(ticket) => return Look::Missing(ticket),
            }
        }
        Look::Held(out)
    }

    /// Keeps the open periods read (each with its units and reports).
    pub(crate) fn keep_open_periods(&self, ticket: Ticket, open: Vec<PeriodHeld>) {
        let Some(mut held) = self.keeping() else { return };
        if !held.periods.current(ticket) {
            return;
        }
        held.open = Some(open.iter().map(|p| p.period.id).collect());
        for period in open {
            held.periods.keep_owned(ticket, period.period.id, Some(period));
        }
    }
}

impl Held {
    fn forget_all(&mut self) {
        self.by_tg.forget();
        self.by_id.forget();
        self.officers.forget();
        self.units.forget();
        self.forget_periods();
        self.drafts.forget();
    }

    fn forget_periods(&mut self) {
        self.periods.forget();
        self.open = None;
    }

    fn forget_members(&mut self) {
        self.by_tg.forget();
        self.by_id.forget();
        self.officers.forget();
    }

    fn apply(&mut self, change: &Changed) {
        match change {
            Changed::Member(id) => {
                self.by_id.forget_where(|key, _| key == id);
                // Also who had no membership: the change may have given them one.
                self.by_tg.forget_where(|_, m| m.as_ref().is_none_or(|m| m.id == *id));
                self.officers.forget();
            }
            Changed::MemberNow(member) => {
                let now = member.active.then(|| member.clone());
                self.by_id.set(member.id, now.clone());
                if let Some(tg) = member.tg_user_id {
                    self.by_tg.set(tg, now);
                }
                self.officers.forget();
            }
            Changed::Members => self.forget_members(),
            Changed::Draft { period, unit, member, draft } => {
                self.drafts.set((*period, *unit, *member), draft.clone());
            }
            Changed::Sent { period, unit } => {
                if !self.periods.change(period, |held| {
                    if let Some(held) = held {
                        held.sent.insert(*unit);
                    }
                }) {
                    // Not held: a read of it under way must not be kept.
                    self.periods.void_tickets();
                }
            }
            Changed::Periods => self.forget_periods(),
            Changed::Everything => self.forget_all(),
        }
    }
}

#[cfg(test)]
mod tests;
