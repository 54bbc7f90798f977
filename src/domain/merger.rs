//! Units merged as a resolution merges them: several units become one from a given day.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::i18n::Msg;

use super::unit::{NewUnit, UnitCode};
use super::unit_import::LineError;

/// One merger: `olds` cease on `on` and become `into` (new, or an existing unit that absorbs them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merger {
    pub olds: Vec<UnitCode>,
    pub into: NewUnit,
    pub on: NaiveDate,
}

impl Merger {
    /// Checks a merger as typed: at least one old unit, no code twice, not merged into itself.
    pub fn new(olds: Vec<UnitCode>, into: NewUnit, on: NaiveDate) -> Result<Merger, Msg> {
        if olds.is_empty() {
            return Err(Msg::new("err-merge-no-units"));
        }
        let mut seen = std::collections::HashSet::new();
        if let Some(twice) = olds.iter().find(|c| !seen.insert(*c)) {
            return Err(Msg::new("err-merge-twice").arg("code", twice.as_str()));
        }
        if olds.contains(&into.code) {
            return Err(Msg::new("err-merge-into-itself").arg("code", into.code.as_str()));
        }
        Ok(Merger { olds, into, on })
    }
}

const COLUMNS: [&str; 4] = ["old_code", "new_code", "new_name", "kind"];

/// Reads a merger list (`old_code,new_code,new_name,kind`, one line per old unit): one merger per
/// new code, in file order. Every bad line is named, or nothing is returned.
pub fn parse_mergers_csv(input: &[u8], on: NaiveDate) -> Result<Vec<Merger>, Vec<LineError>> {
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(input);
    let header = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.to_ascii_lowercase()).collect::<Vec<_>>(),
        Err(_) => Vec::new(),
    };
    let missing: Vec<&str> =
        COLUMNS.iter().copied().filter(|c| !header.iter().any(|h| h == c)).collect();
    if !missing.is_empty() {
        let msg = Msg::new("err-merge-header").arg("missing", missing.join(", "));
        return Err(vec![LineError { line: 1, msg }]);
    }
    let index = |name: &str| header.iter().position(|h| h == name).unwrap_or(usize::MAX);
    let mut groups: BTreeMap<usize, (NewUnit, Vec<UnitCode>)> = BTreeMap::new();
    let mut order: Vec<UnitCode> = Vec::new();
    let mut errors = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(LineError {
                    line,
                    msg: Msg::new("err-import-csv").arg("detail", e.to_string()),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let field = |name: &str| record.get(index(name)).unwrap_or("");
        let old = match UnitCode::parse(field("old_code")) {
            Ok(code) => code,
            Err(e) => {
                errors.push(LineError { line, msg: e.msg() });
                continue;
            }
        };
        let into = match NewUnit::parse(field("new_code"), field("new_name"), field("kind"), "") {
            Ok(unit) => unit,
            Err(e) => {
                errors.push(LineError { line, msg: e.msg() });
                continue;
            }
        };
        let slot = match order.iter().position(|c| *c == into.code) {
            Some(slot) => slot,
            None => {
                order.push(into.code.clone());
                order.len() - 1
            }
        };
        let group = groups.entry(slot).or_insert_with(|| (into.clone(), Vec::new()));
        if group.0.name != into.name || group.0.kind != into.kind {
            let msg = Msg::new("err-merge-differs").arg("code", into.code.as_str());
            errors.push(LineError { line, msg });
            continue;
        }
        group.1.push(old);
    }
    let mut mergers = Vec::new();
    for (into, olds) in groups.into_values() {
        match Merger::new(olds, into, on) {
            Ok(m) => mergers.push(m),
            Err(msg) => errors.push(LineError { line: 0, msg }),
        }
    }
    let all_olds: Vec<&UnitCode> = mergers.iter().flat_map(|m| &m.olds).collect();
    for (i, code) in all_olds.iter().enumerate() {
        if all_olds[..i].contains(code) {
            errors.push(LineError {
                line: 0,
                msg: Msg::new("err-merge-twice").arg("code", code.as_str()),
            });
        }
    }
    if errors.is_empty() {
        Ok(mergers)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()
    }

    #[test]
    fn the_tuan_giao_mergers_make_six_new_communes() {
        let csv = include_bytes!("../../examples/tuan-giao-2025-mergers.csv");
        let mergers = parse_mergers_csv(csv, on()).unwrap();
        let shape: Vec<(&str, usize)> =
            mergers.iter().map(|m| (m.into.code.as_str(), m.olds.len())).collect();
        assert_eq!(
            shape,
            [
                ("X-TUANGIAO-2025", 3),
                ("X-QUAITO-2025", 3),
                ("X-CHIENGSINH-2025", 4),
                ("X-PUNHUNG-2025", 3),
                ("X-BUNGLAO-2025", 1),
                ("X-MUONGMUN-2025", 3)
            ]
        );
        assert_eq!(mergers[2].into.name, "Xã Chiềng Sinh");
    }

    #[test]
    fn a_unit_merged_twice_or_a_new_unit_named_two_ways_is_refused() {
        let csv = "old_code,new_code,new_name,kind\nX-A,X-N,Xã N,commune\nX-A,X-M,Xã M,commune\nX-B,X-N,Xã Khác,commune\n";
        let errors = parse_mergers_csv(csv.as_bytes(), on()).unwrap_err();
        let keys: Vec<&str> = errors.iter().map(|e| e.msg.key).collect();
        assert_eq!(keys, ["err-merge-differs", "err-merge-twice"]);
    }

    #[test]
    fn a_unit_cannot_be_merged_into_itself() {
        let into = NewUnit::parse("X-A", "Xã A", "commune", "").unwrap();
        let olds = vec![UnitCode::parse("X-A").unwrap()];
        assert_eq!(Merger::new(olds, into, on()).unwrap_err().key, "err-merge-into-itself");
    }
}
