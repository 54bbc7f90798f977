//! Reading a unit list (`code,name,kind,cluster`): all rows valid, or nothing imported.

use std::collections::HashMap;

use crate::i18n::Msg;

use super::unit::{NewUnit, UnitCode};

/// One rejected line of an import file.
#[derive(Clone, Debug, PartialEq)]
pub struct LineError {
    /// 1-based line number in the file (the header is line 1).
    pub line: u64,
    pub msg: Msg,
}

const REQUIRED_COLUMNS: [&str; 3] = ["code", "name", "kind"];

/// Parses a whole CSV file. Either every row is valid, or every bad line is named with the reason.
pub fn parse_units_csv(input: &[u8]) -> Result<Vec<NewUnit>, Vec<LineError>> {
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(input);
    let columns = header_columns(&mut reader)?;
    let mut units = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<UnitCode, u64> = HashMap::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line());
                let field =
                    |name: &str| columns.get(name).and_then(|&i| record.get(i)).unwrap_or("");
                match NewUnit::parse(field("code"), field("name"), field("kind"), field("cluster"))
                {
                    Ok(unit) => match seen.insert(unit.code.clone(), line) {
                        Some(first) => errors.push(LineError {
                            line,
                            msg: Msg::new("err-import-duplicate")
                                .arg("code", unit.code.as_str())
                                .arg("first", first.to_string()),
                        }),
                        None => units.push(unit),
                    },
                    Err(e) => errors.push(LineError { line, msg: e.msg() }),
                }
            }
            Err(e) => errors.push(csv_error(&e)),
        }
    }
    if errors.is_empty() && units.is_empty() {
        errors.push(LineError { line: 1, msg: Msg::new("err-import-empty") });
    }
    if errors.is_empty() {
        Ok(units)
    } else {
        Err(errors)
    }
}

fn header_columns<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
) -> Result<HashMap<String, usize>, Vec<LineError>> {
    let headers = reader.headers().map_err(|e| vec![csv_error(&e)])?;
    let columns: HashMap<String, usize> =
        headers.iter().enumerate().map(|(i, h)| (h.trim().to_ascii_lowercase(), i)).collect();
    let missing: Vec<&str> =
        REQUIRED_COLUMNS.into_iter().filter(|c| !columns.contains_key(*c)).collect();
    if missing.is_empty() {
        return Ok(columns);
    }
    Err(vec![LineError {
        line: 1,
        msg: Msg::new("err-import-header").arg("missing", missing.join(", ")),
    }])
}

fn csv_error(e: &csv::Error) -> LineError {
    let line = e.position().map_or(0, |p| p.line());
    let msg = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => Msg::new("err-import-utf8"),
        _ => Msg::new("err-import-csv").arg("detail", e.to_string()),
    };
    LineError { line, msg }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TUAN_GIAO: &[u8] = include_bytes!("../../examples/tuan-giao-units.csv");

    #[test]
    fn the_tuan_giao_list_has_nineteen_units_in_order() {
        let units = parse_units_csv(TUAN_GIAO).unwrap();
        assert_eq!(units.len(), 19);
        assert_eq!(units[0].name, "Thị trấn Tuần Giáo");
        assert_eq!(units[18].code.as_str(), "X-TOATINH");
    }

    #[test]
    fn every_bad_line_is_named() {
        let csv = "code,name,kind,cluster\nX-A,Xã A,commune,\nX B,Xã B,commune,\nX-C,,commune,\nX-A,Xã A2,district,\n";
        let errors = parse_units_csv(csv.as_bytes()).unwrap_err();
        let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5]);
        assert_eq!(errors[0].msg.key, "err-unit-code-chars");
        assert_eq!(errors[1].msg.key, "err-unit-name-empty");
        assert_eq!(errors[2].msg.key, "err-unit-kind");
    }

    #[test]
    fn duplicate_code_names_the_first_line() {
        let csv = "code,name,kind\nX-A,Xã A,commune\nx-a,Xã A bis,commune\n";
        let errors = parse_units_csv(csv.as_bytes()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 3);
        assert_eq!(errors[0].msg.key, "err-import-duplicate");
    }

    #[test]
    fn missing_column_and_empty_file_are_rejected() {
        let errors = parse_units_csv("code,name\nX-A,Xã A\n".as_bytes()).unwrap_err();
        assert_eq!(errors[0].msg.key, "err-import-header");
        let errors = parse_units_csv("code,name,kind\n".as_bytes()).unwrap_err();
        assert_eq!(errors[0].msg.key, "err-import-empty");
    }

    #[test]
    fn excel_bom_is_accepted() {
        let csv = "\u{feff}code,name,kind\nX-A,Xã A,commune\n";
        assert_eq!(parse_units_csv(csv.as_bytes()).unwrap().len(), 1);
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_units_csv(&bytes);
        }
    }
}
