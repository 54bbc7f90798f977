//! What the bot sends by itself, as the outbox keeps it: kinds of message and where each stands.

/// What kind of message a delivery carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeliveryKind {
    Reminder,
    Nudge,
    Digest,
    /// A unit's submission, told to an officer.
    Notice,
    /// An officer's decision (returned, accepted), told to the unit's reporters.
    Decision,
    /// A new deadline, told to the reporters of units that have not reported.
    Extension,
    /// A reply lost on the way (the connection to Telegram failed): said once it is back.
    Unconfirmed,
    /// A reporter's unit was merged into another: they no longer report for it.
    UnitMerged,
    /// A period was opened: what is asked, by when, with the office's letter if any.
    PeriodOpened,
    /// The office's notice to every unit (or a cluster).
    Announcement,
    /// A sign-in link someone asked for on the sign-in page, to their e-mail address.
    SignIn,
}

/// Where a delivery stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeliveryStatus {
    /// Planned, not tried yet.
    Pending,
    /// Claimed by the outbox and on its way.
    Sending,
    Sent,
    /// Nothing to send any more (the unit reported meanwhile, the digest is empty).
    Skipped,
    /// Failed; tried again later.
    Failed,
    /// Failed too often; left for an operator to see.
    GaveUp,
    /// The person blocked the bot or left Telegram.
    Blocked,
}

/// How the deliveries planned for one action stand: what an officer is told after a nudge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub sent: usize,
    pub blocked: usize,
    /// Not sent yet: waiting, on their way, failed (retried) or given up.
    pub not_yet: usize,
    /// Nothing to send any more.
    pub skipped: usize,
}

impl Tally {
    /// Counts `statuses`.
    pub fn of(statuses: &[DeliveryStatus]) -> Tally {
        let mut tally = Tally::default();
        for status in statuses {
            match status {
                DeliveryStatus::Sent => tally.sent += 1,
                DeliveryStatus::Blocked => tally.blocked += 1,
                DeliveryStatus::Skipped => tally.skipped += 1,
                DeliveryStatus::Pending
                | DeliveryStatus::Sending
                | DeliveryStatus::Failed
                | DeliveryStatus::GaveUp => tally.not_yet += 1,
            }
        }
        tally
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_counts_what_is_not_sent_yet_apart_from_the_blocked() {
        use DeliveryStatus::*;
        let tally = Tally::of(&[Sent, Sent, Blocked, Pending, Failed, GaveUp, Sending, Skipped]);
        assert_eq!(tally, Tally { sent: 2, blocked: 1, not_yet: 4, skipped: 1 });
    }
}
