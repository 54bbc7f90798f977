//! Tests of `period.rs`.

use super::*;
use chrono::TimeZone;
use chrono_tz::Asia::Ho_Chi_Minh;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn w(kind: PeriodKind) -> (NaiveDate, NaiveDate) {
    let w = kind.data_window().unwrap().unwrap();
    (w.from, w.to)
}

#[test]
fn first_half_of_2021_runs_from_15_12_2020_to_14_06_2021() {
    assert_eq!(
        w(PeriodKind::Semiannual { half: 1, year: 2021 }),
        (d(2020, 12, 15), d(2021, 6, 14))
    );
    assert_eq!(
        w(PeriodKind::Semiannual { half: 2, year: 2021 }),
        (d(2021, 6, 15), d(2021, 12, 14))
    );
}

#[test]
fn monthly_windows_cross_the_year_in_january() {
    assert_eq!(w(PeriodKind::Monthly { month: 1, year: 2021 }), (d(2020, 12, 15), d(2021, 1, 14)));
    assert_eq!(w(PeriodKind::Monthly { month: 3, year: 2024 }), (d(2024, 2, 15), d(2024, 3, 14)));
    assert_eq!(
        w(PeriodKind::Monthly { month: 12, year: 2021 }),
        (d(2021, 11, 15), d(2021, 12, 14))
    );
}

#[test]
fn quarters_nine_months_and_year() {
    assert_eq!(
        w(PeriodKind::Quarterly { quarter: 1, year: 2021 }),
        (d(2020, 12, 15), d(2021, 3, 14))
    );
    assert_eq!(
        w(PeriodKind::Quarterly { quarter: 2, year: 2021 }),
        (d(2021, 3, 15), d(2021, 6, 14))
    );
    assert_eq!(
        w(PeriodKind::Quarterly { quarter: 3, year: 2021 }),
        (d(2021, 6, 15), d(2021, 9, 14))
    );
    assert_eq!(
        w(PeriodKind::Quarterly { quarter: 4, year: 2021 }),
        (d(2021, 9, 15), d(2021, 12, 14))
    );
    assert_eq!(w(PeriodKind::NineMonth { year: 2021 }), (d(2020, 12, 15), d(2021, 9, 14)));
    assert_eq!(w(PeriodKind::Annual { year: 2021 }), (d(2020, 12, 15), d(2021, 12, 14)));
    assert_eq!(PeriodKind::AdHoc.data_window().unwrap(), None);
}

#[test]
fn out_of_range_parts_are_refused() {
    assert_eq!(
        PeriodKind::Monthly { month: 13, year: 2021 }.data_window(),
        Err(PeriodError::MonthOutOfRange)
    );
    assert_eq!(
        PeriodKind::Quarterly { quarter: 0, year: 2021 }.data_window(),
        Err(PeriodError::QuarterOutOfRange)
    );
    assert_eq!(
        PeriodKind::Semiannual { half: 3, year: 2021 }.data_window(),
        Err(PeriodError::HalfOutOfRange)
    );
    assert_eq!(PeriodKind::Annual { year: 1999 }.data_window(), Err(PeriodError::YearOutOfRange));
}

#[test]
fn deadline_must_fall_after_the_window() {
    let window = PeriodKind::Semiannual { half: 1, year: 2021 }.data_window().unwrap().unwrap();
    let on_cutoff_day =
        Ho_Chi_Minh.with_ymd_and_hms(2021, 6, 14, 17, 0, 0).unwrap().with_timezone(&Utc);
    let two_days_later =
        Ho_Chi_Minh.with_ymd_and_hms(2021, 6, 16, 17, 0, 0).unwrap().with_timezone(&Utc);
    assert_eq!(
        check_due(&window, on_cutoff_day, Ho_Chi_Minh),
        Err(PeriodError::DueBeforeWindowEnds)
    );
    assert_eq!(check_due(&window, two_days_later, Ho_Chi_Minh), Ok(()));
}

#[test]
fn days_left_counts_local_calendar_days() {
    let due = Ho_Chi_Minh.with_ymd_and_hms(2021, 6, 16, 17, 0, 0).unwrap().with_timezone(&Utc);
    let late_evening =
        Ho_Chi_Minh.with_ymd_and_hms(2021, 6, 13, 23, 30, 0).unwrap().with_timezone(&Utc);
    assert_eq!(days_left(late_evening, due, Ho_Chi_Minh), 3);
    let after = Ho_Chi_Minh.with_ymd_and_hms(2021, 6, 18, 8, 0, 0).unwrap().with_timezone(&Utc);
    assert_eq!(days_left(after, due, Ho_Chi_Minh), -2);
}

#[test]
fn kind_is_built_from_typed_parts() {
    assert_eq!(
        PeriodKind::from_parts("semiannual", Some(2021), None, None, Some(1)),
        Ok(PeriodKind::Semiannual { half: 1, year: 2021 })
    );
    assert_eq!(
        PeriodKind::from_parts("nine_month", Some(2021), None, None, None),
        Ok(PeriodKind::NineMonth { year: 2021 })
    );
    assert_eq!(
        PeriodKind::from_parts("monthly", Some(2021), None, None, None),
        Err(PeriodError::MonthOutOfRange)
    );
    assert_eq!(
        PeriodKind::from_parts("annual", None, None, None, None),
        Err(PeriodError::YearOutOfRange)
    );
    assert!(matches!(
        PeriodKind::from_parts("weekly", Some(2021), None, None, None),
        Err(PeriodError::KindUnknown(_))
    ));
}

#[test]
fn reversed_ad_hoc_window_is_refused() {
    assert_eq!(DataWindow::new(d(2021, 6, 2), d(2021, 6, 1)), Err(PeriodError::WindowReversed));
}
