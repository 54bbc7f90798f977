//! Dates and times as people type them (`dd/mm/yyyy`, `dd/mm/yyyy HH:MM`), read in the
//! configured zone.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::i18n::Msg;

/// Reads `dd/mm/yyyy HH:MM` (or `dd/mm/yyyy`, meaning 17:00) as a time in `tz`.
pub fn parse_local_datetime(s: &str, tz: Tz) -> Result<DateTime<Utc>, Msg> {
    use chrono::{NaiveDateTime, NaiveTime, TimeZone};
    let s = s.trim();
    let bad = || Msg::new("err-datetime").arg("value", s);
    let naive = NaiveDateTime::parse_from_str(s, "%d/%m/%Y %H:%M")
        .or_else(|_| {
            NaiveDate::parse_from_str(s, "%d/%m/%Y")
                .map(|d| d.and_time(NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default()))
        })
        .map_err(|_| bad())?;
    tz.from_local_datetime(&naive).single().map(|t| t.with_timezone(&Utc)).ok_or_else(bad)
}

/// Reads `dd/mm/yyyy`.
pub fn parse_day(s: &str) -> Result<NaiveDate, Msg> {
    NaiveDate::parse_from_str(s.trim(), "%d/%m/%Y")
        .map_err(|_| Msg::new("err-date").arg("value", s.trim()))
}

#[cfg(test)]
mod parse_tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn local_deadline_is_read_in_the_configured_zone() {
        let due = parse_local_datetime("16/06/2021 17:00", chrono_tz::Asia::Ho_Chi_Minh).unwrap();
        assert_eq!(due, Utc.with_ymd_and_hms(2021, 6, 16, 10, 0, 0).unwrap());
        assert_eq!(parse_local_datetime("16/06/2021", chrono_tz::Asia::Ho_Chi_Minh).unwrap(), due);
        assert!(parse_local_datetime("2021-06-16", chrono_tz::Asia::Ho_Chi_Minh).is_err());
        assert!(parse_local_datetime("31/06/2021 17:00", chrono_tz::Asia::Ho_Chi_Minh).is_err());
    }
}
