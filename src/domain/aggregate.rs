//! Totals over the reports of a period, question by question (for the summary and exports).

use super::answer::Answer;
use super::report::Report;
use super::template::{Question, QuestionKind};

/// The total of one question over the submitted reports.
#[derive(Clone, Debug, PartialEq)]
pub enum Total {
    Number {
        count: usize,
        sum: i64,
    },
    Fraction {
        count: usize,
        num: i64,
        den: i64,
    },
    YesNo {
        yes: usize,
        no: usize,
    },
    /// Counts per option, in the template's order.
    Choice {
        counts: Vec<usize>,
    },
    /// Answers given (texts, dates, files).
    Given {
        count: usize,
    },
}

impl Total {
    /// The average of a number question, if any answer.
    pub fn average(&self) -> Option<f64> {
        match self {
            Total::Number { count, sum } if *count > 0 => Some(*sum as f64 / *count as f64),
            _ => None,
        }
    }

    /// The share achieved of a fraction question, if any total.
    pub fn share(&self) -> Option<f64> {
        match self {
            Total::Fraction { den, num, .. } if *den > 0 => Some(*num as f64 / *den as f64),
            _ => None,
        }
    }
}

/// The total of `q` over `reports`.
pub fn total(q: &Question, reports: &[&Report]) -> Total {
    let answers =
        reports.iter().filter_map(|r| r.answers.get(&q.key)).filter(|a| **a != Answer::Skipped);
    match &q.kind {
        QuestionKind::Number { .. } => {
            let values: Vec<i64> = answers
                .filter_map(|a| if let Answer::Number { value } = a { Some(*value) } else { None })
                .collect();
            Total::Number {
                count: values.len(),
                sum: values.iter().fold(0_i64, |s, v| s.saturating_add(*v)),
            }
        }
        QuestionKind::Fraction => {
            let pairs: Vec<(i64, i64)> = answers
                .filter_map(|a| {
                    if let Answer::Fraction { num, den } = a {
                        Some((*num, *den))
                    } else {
                        None
                    }
                })
                .collect();
            let num = pairs.iter().fold(0_i64, |s, p| s.saturating_add(p.0));
            let den = pairs.iter().fold(0_i64, |s, p| s.saturating_add(p.1));
            Total::Fraction { count: pairs.len(), num, den }
        }
        QuestionKind::YesNo => {
            let (mut yes, mut no) = (0, 0);
            for a in answers {
                match a {
                    Answer::YesNo { value: true } => yes += 1,
                    Answer::YesNo { value: false } => no += 1,
                    _ => {}
                }
            }
            Total::YesNo { yes, no }
        }
        QuestionKind::Choice { options } => {
            let mut counts = vec![0; options.len()];
            for a in answers {
                if let Answer::Choice { key } = a {
                    if let Some(i) = options.iter().position(|o| &o.key == key) {
                        counts[i] += 1;
                    }
                }
            }
            Total::Choice { counts }
        }
        // How many units ticked each item (the movements with the units that joined each).
        QuestionKind::Multi { options, .. } => {
            let mut counts = vec![0; options.len()];
            for a in answers {
                if let Answer::Multi { keys } = a {
                    for key in keys {
                        if let Some(i) = options.iter().position(|o| &o.key == key) {
                            counts[i] += 1;
                        }
                    }
                }
            }
            Total::Choice { counts }
        }
        _ => Total::Given { count: answers.count() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{MemberId, PeriodId, ReportId, ReportStatus, UnitId};
    use chrono::Utc;

    fn report(num: i64, den: i64, movements: Option<i64>) -> Report {
        let mut answers = std::collections::BTreeMap::new();
        answers.insert("chi_tieu".into(), Answer::Fraction { num, den });
        match movements {
            Some(value) => answers.insert("phong_trao".into(), Answer::Number { value }),
            None => answers.insert("phong_trao".into(), Answer::Skipped),
        };
        Report {
            id: ReportId(1),
            period_id: PeriodId(1),
            unit_id: UnitId(1),
            revision: 1,
            status: ReportStatus::Submitted,
            submitted_by: MemberId(1),
            submitted_by_name: "A".into(),
            submitted_at: Utc::now(),
            first_submitted_at: Utc::now(),
            on_time: true,
            return_reason: None,
            answers,
        }
    }

    #[test]
    fn numbers_are_summed_and_fractions_add_up_both_parts() {
        let questions = crate::domain::template::template_2021().unwrap().questions;
        let reports = [report(12, 15, Some(3)), report(8, 10, Some(5)), report(0, 5, None)];
        let refs: Vec<&Report> = reports.iter().collect();
        let chi_tieu = questions.iter().find(|q| q.key == "chi_tieu").unwrap();
        assert_eq!(total(chi_tieu, &refs), Total::Fraction { count: 3, num: 20, den: 30 });
        let phong_trao = questions.iter().find(|q| q.key == "phong_trao").unwrap();
        let t = total(phong_trao, &refs);
        assert_eq!(t, Total::Number { count: 2, sum: 8 });
        assert_eq!(t.average(), Some(4.0));
    }
}
