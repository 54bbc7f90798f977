//! The read model's maps: values by key, with a count of forgettings, so that a value read from
//! the database while something of its kind was forgotten is not kept.

use std::collections::HashMap;
use std::hash::Hash;

use super::{Look, Ticket};

/// Entries held in one map at most; beyond it the map is emptied and filled again as asked.
const MOST: usize = 50_000;

/// Values by key.
#[derive(Debug)]
pub(super) struct Map<K, V> {
    entries: HashMap<K, V>,
    /// How many times entries were forgotten (a ticket of before is no longer good).
    forgotten: u64,
}

impl<K, V> Default for Map<K, V> {
    fn default() -> Self {
        Map { entries: HashMap::new(), forgotten: 0 }
    }
}

impl<K: Eq + Hash, V: Clone> Map<K, V> {
    /// The value held, cloned, or a ticket to keep the one read.
    pub(super) fn look(&self, on: bool, key: &K) -> Look<V> {
        match self.look_ref(on, key) {
            Ok(value) => Look::Held(value.clone()),
            Err(ticket) => Look::Missing(ticket),
        }
    }

    /// Keeps `value`, read with `ticket`, unless something was forgotten since or a write set
    /// the key meanwhile.
    pub(super) fn keep(&mut self, ticket: Ticket, key: K, value: &V) {
        self.keep_owned(ticket, key, value.clone());
    }
}

impl<K: Eq + Hash, V> Map<K, V> {
    pub(super) fn look_ref(&self, on: bool, key: &K) -> Result<&V, Ticket> {
        match self.entries.get(key) {
            Some(value) if on => Ok(value),
            _ => Err(self.ticket()),
        }
    }

    pub(super) fn ticket(&self) -> Ticket {
        Ticket(self.forgotten)
    }

    /// Whether nothing was forgotten since `ticket`.
    pub(super) fn current(&self, ticket: Ticket) -> bool {
        ticket.0 == self.forgotten
    }

    pub(super) fn keep_owned(&mut self, ticket: Ticket, key: K, value: V) {
        if !self.current(ticket) {
            return;
        }
        if self.entries.len() >= MOST {
            self.forget();
            return;
        }
        self.entries.entry(key).or_insert(value);
    }

    /// Sets the value a committed write left.
    pub(super) fn set(&mut self, key: K, value: V) {
        if self.entries.len() >= MOST && !self.entries.contains_key(&key) {
            self.forget();
        }
        self.entries.insert(key, value);
    }

    /// Changes the value held for `key` in place; `false` when none is held.
    pub(super) fn change(&mut self, key: &K, f: impl FnOnce(&mut V)) -> bool {
        match self.entries.get_mut(key) {
            Some(value) => {
                f(value);
                true
            }
            None => false,
        }
    }

    /// Forgets the entries `which` picks (and makes every ticket of before void).
    pub(super) fn forget_where(&mut self, which: impl Fn(&K, &V) -> bool) {
        self.entries.retain(|k, v| !which(k, v));
        self.forgotten += 1;
    }

    /// Makes every ticket of before void, keeping what is held.
    pub(super) fn void_tickets(&mut self) {
        self.forgotten += 1;
    }

    pub(super) fn forget(&mut self) {
        self.entries.clear();
        self.forgotten += 1;
    }
}

/// One value (the officers).
#[derive(Debug)]
pub(super) struct Slot<V> {
    value: Option<V>,
    forgotten: u64,
}

impl<V> Default for Slot<V> {
    fn default() -> Self {
        Slot { value: None, forgotten: 0 }
    }
}

impl<V: Clone> Slot<V> {
    pub(super) fn look(&self, on: bool) -> Look<V> {
        match &self.value {
            Some(value) if on => Look::Held(value.clone()),
            _ => Look::Missing(Ticket(self.forgotten)),
        }
    }

    pub(super) fn keep(&mut self, ticket: Ticket, value: V) {
        if ticket.0 == self.forgotten && self.value.is_none() {
            self.value = Some(value);
        }
    }

    pub(super) fn forget(&mut self) {
        self.value = None;
        self.forgotten += 1;
    }
}
