//! Tests of `schedule.rs`.

use super::*;
use proptest::prelude::*;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, m, day).unwrap()
}

#[test]
fn five_field_expressions_and_garbage_are_refused() {
    assert_eq!(Cron::parse("0 8 * * 1-5").unwrap_err().key, "err-cron-fields");
    assert_eq!(Cron::parse("0 0 8 * * Funday").unwrap_err().key, "err-cron");
    assert!(Cron::parse("0 0 8 * * Mon-Fri").is_ok());
}

#[test]
fn weekday_names_fire_on_working_days_in_local_time() {
    let tz = chrono_tz::Asia::Ho_Chi_Minh;
    let cron = Cron::parse("0 0 8 * * Mon-Fri").unwrap();
    // Friday 11/06/2021 09:00 local → next: Monday 14/06 08:00 local = 01:00 UTC.
    let after = tz.with_ymd_and_hms(2021, 6, 11, 9, 0, 0).unwrap().with_timezone(&Utc);
    assert_eq!(cron.next(after, tz, 1), vec![Utc.with_ymd_and_hms(2021, 6, 14, 1, 0, 0).unwrap()]);
    let until = tz.with_ymd_and_hms(2021, 6, 16, 9, 0, 0).unwrap().with_timezone(&Utc);
    assert_eq!(cron.firings_between(after, until, tz).len(), 3);
}

#[test]
fn the_ladder_for_a_wednesday_deadline() {
    let (ladder, calendar) = (Ladder::default(), Calendar::default());
    let due = d(6, 16); // Wednesday
    let stage = |day| ladder.stage(due, day, &calendar);
    assert_eq!(stage(d(6, 8)), None);
    assert_eq!(stage(d(6, 9)), Some(Stage::Before(7)));
    assert_eq!(stage(d(6, 12)), Some(Stage::Before(7)));
    assert_eq!(stage(d(6, 13)), Some(Stage::Before(3)));
    assert_eq!(stage(d(6, 14)), Some(Stage::Before(3)), "Sunday's stage moves to Monday");
    assert_eq!(stage(d(6, 15)), Some(Stage::Before(1)));
    assert_eq!(stage(d(6, 16)), Some(Stage::DueDay));
    assert_eq!(stage(d(6, 17)), Some(Stage::Overdue(1)));
    assert_eq!(stage(d(6, 18)), Some(Stage::Overdue(2)));
    assert_eq!(stage(d(6, 21)), Some(Stage::Overdue(3)), "the weekend is not counted");
    assert_eq!(stage(d(6, 22)), None, "at most three working days overdue");
}

#[test]
fn working_weekdays_and_make_up_days_are_configurable() {
    let mut calendar = Calendar::default();
    assert!(!calendar.is_working_day(d(6, 19)), "a Saturday is off by default");
    calendar.make_up_days.insert(d(6, 19));
    assert!(calendar.is_working_day(d(6, 19)), "a make-up Saturday is worked");
    assert!(!calendar.is_working_day(d(6, 26)), "the next Saturday is not");
    calendar.weekdays.insert(parse_weekday("T7").unwrap().num_days_from_monday());
    assert!(calendar.is_working_day(d(6, 26)), "Saturdays worked when configured");
    assert_eq!(parse_weekday("sun"), Some(Weekday::Sun));
    assert_eq!(parse_weekday("CN"), Some(Weekday::Sun));
    assert_eq!(parse_weekday("Thứ Hai"), None);
}

#[test]
fn a_holiday_is_not_a_working_day_and_shifts_the_overdue_stages() {
    let ladder = Ladder::default();
    let calendar = Calendar { holidays: [d(6, 18)].into_iter().collect(), ..Calendar::default() };
    assert!(!calendar.is_working_day(d(6, 18)));
    assert_eq!(ladder.stage(d(6, 16), d(6, 21), &calendar), Some(Stage::Overdue(2)));
    assert_eq!(ladder.stage(d(6, 16), d(6, 22), &calendar), Some(Stage::Overdue(3)));
}

#[test]
fn quiet_hours_span_midnight() {
    let tz = chrono_tz::Asia::Ho_Chi_Minh;
    let at = |h| tz.with_ymd_and_hms(2021, 6, 14, h, 0, 0).unwrap().with_timezone(&Utc);
    let quiet = QuietHours::default();
    assert!(quiet.contains(at(22), tz) && quiet.contains(at(3), tz));
    assert!(!quiet.contains(at(8), tz) && !quiet.contains(at(20), tz));
}

#[test]
fn the_first_half_series_opens_the_2021_report_due_16_06_at_17_00() {
    let tz = chrono_tz::Asia::Ho_Chi_Minh;
    let series = Series {
        key: "h1".into(),
        cron: Cron::parse("0 0 7 1 6 *").unwrap(),
        kind: "semiannual".into(),
        part: None,
        due_days_after_cutoff: 2,
        due_time: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
        template: "thi-dua".into(),
    };
    let fired = tz.with_ymd_and_hms(2021, 6, 1, 7, 0, 0).unwrap().with_timezone(&Utc);
    let kind = series.kind_at(fired, tz).unwrap();
    assert_eq!(kind, PeriodKind::Semiannual { half: 1, year: 2021 });
    assert_eq!(
        series.due_at(kind, tz, &Calendar::default()).unwrap(),
        tz.with_ymd_and_hms(2021, 6, 16, 17, 0, 0).unwrap().with_timezone(&Utc)
    );
}

#[test]
fn stage_codes_round_trip() {
    for stage in [Stage::Before(7), Stage::DueDay, Stage::Overdue(3)] {
        assert_eq!(Stage::parse(&stage.code()), Some(stage));
    }
    assert_eq!(Stage::parse("x1"), None);
}

proptest! {
    #[test]
    fn any_cron_text_is_parsed_or_refused_without_panic(expr in any::<String>(), fields in proptest::collection::vec("[0-9*/,A-Za-z-]{1,6}", 0..9)) {
        let _ = Cron::parse(&expr);
        if let Ok(cron) = Cron::parse(&fields.join(" ")) {
            let _ = cron.next(Utc::now(), chrono_tz::Asia::Ho_Chi_Minh, 2);
        }
    }

    /// Never two reminders for one stage: stages only move forward day by day, so once a
    /// stage is left it never comes back, and the sweep's one-per-stage key is enough.
    #[test]
    fn stages_never_go_back(due_offset in 0i64..60, start in 0i64..60, holidays in proptest::collection::btree_set(0i64..90, 0..10)) {
        let base = d(5, 1);
        let calendar = Calendar { holidays: holidays.into_iter().map(|h| base + Duration::days(h)).collect(), ..Calendar::default() };
        let ladder = Ladder::default();
        let due = base + Duration::days(due_offset);
        let mut seen: Vec<Stage> = Vec::new();
        for day in start..start + 60 {
            if let Some(stage) = ladder.stage(due, base + Duration::days(day), &calendar) {
                if seen.last() != Some(&stage) {
                    prop_assert!(!seen.contains(&stage), "stage {stage:?} came back");
                    if let Some(last) = seen.last() {
                        prop_assert!(stage > *last);
                    }
                    seen.push(stage);
                }
            }
        }
    }
}

#[test]
fn the_suggested_deadline_is_a_working_day_two_or_more_days_after_the_cutoff() {
    let mut calendar = Calendar::default();
    // 14/06/2021 was a Monday: two days later is Wednesday 16/06.
    assert_eq!(calendar.suggested_due_day(d(6, 14)), d(6, 16));
    // Cut-off Thursday 17/06: Saturday 19 and Sunday 20 are off, so Monday 21/06.
    assert_eq!(calendar.suggested_due_day(d(6, 17)), d(6, 21));
    // A holiday on that Monday moves it to Tuesday.
    calendar.holidays.insert(d(6, 21));
    assert_eq!(calendar.suggested_due_day(d(6, 17)), d(6, 22));
}

#[test]
fn a_deadline_on_a_day_off_or_right_after_the_cutoff_is_warned_of() {
    let calendar = Calendar::default();
    assert_eq!(calendar.due_warning(d(6, 14), d(6, 16)), None);
    assert_eq!(calendar.due_warning(d(6, 14), d(6, 20)), Some(DueWarning::DayOff(d(6, 20))));
    // Cut-off on Friday 18/06, deadline Monday 21/06: Monday itself is the one working day.
    assert_eq!(calendar.due_warning(d(6, 18), d(6, 21)), None);
    // Cut-off and deadline on the same day: no working day in between.
    assert_eq!(
        calendar.due_warning(d(6, 16), d(6, 16)),
        Some(DueWarning::TooSoon { cutoff: d(6, 16) })
    );
}
