//! Pure rules of the product: no Telegram, no SQL. Everything here is unit-tested in-module.

pub mod aggregate;
pub mod answer;
pub mod attachment;
pub mod awards;
pub mod backup;
pub mod cadence;
pub mod clock;
pub mod contact;
pub mod dates;
pub mod delivery;
pub mod file_type;
pub mod flood;
pub mod invite;
pub mod member;
pub mod merger;
pub mod nominee;
pub mod office;
pub mod period;
pub mod progress;
pub mod report;
pub mod schedule;
pub mod stats;
pub mod template;
pub mod text;
pub mod unit;
pub mod unit_import;

pub use answer::{Answer, Draft, FileRef, Input, UPLOAD};
pub use cadence::Cadence;
pub use clock::{Clock, ManualClock, SystemClock};
pub use contact::Contact;
pub use invite::{Invite, InviteCode, InviteLinks, InviteStatus, InviteTtl};
pub use member::{Member, MemberId, NewMember, Role};
pub use period::{Audience, DataWindow, Period, PeriodId, PeriodKind, PeriodStatus};
pub use report::{Decision, Refusal, Report, ReportId, ReportStatus, Submission};
pub use template::{Question, QuestionKind, Template};
pub use unit::{NewUnit, Unit, UnitCode, UnitId, UnitKind};
