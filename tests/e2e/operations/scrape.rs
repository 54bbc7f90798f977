//! A strict reader of the Prometheus text format (0.0.4), for the tests that scrape `/metrics`:
//! every sample belongs to a family declared by `# TYPE` before it, names and labels are well
//! formed, each series appears once, values are numbers, and each histogram's buckets are
//! cumulative and end with `+Inf` equal to its `_count`.

use std::collections::{BTreeMap, HashMap};

/// One scrape, read.
pub struct Scrape {
    types: HashMap<String, String>,
    /// Series (name and labels, sorted) → value.
    samples: BTreeMap<String, f64>,
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

fn series_key(name: &str, labels: &BTreeMap<String, String>) -> String {
    let labels: Vec<String> = labels.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
    format!("{name}{{{}}}", labels.join(","))
}

/// The labels of a sample: `{a="x",b="y"}` at the start of `s`; returns them and the rest.
fn labels(s: &str) -> (BTreeMap<String, String>, &str) {
    let mut labels = BTreeMap::new();
    let Some(mut rest) = s.strip_prefix('{') else { return (labels, s) };
    loop {
        if let Some(after) = rest.strip_prefix('}') {
            return (labels, after);
        }
        let (key, after) = rest.split_once("=\"").unwrap_or_else(|| panic!("label in {s:?}"));
        assert!(is_name(key) && !key.starts_with("__"), "label name {key:?}");
        let mut value = String::new();
        let mut chars = after.char_indices();
        let end = loop {
            match chars.next() {
                Some((_, '\\')) => match chars.next() {
                    Some((_, '\\')) => value.push('\\'),
                    Some((_, '"')) => value.push('"'),
                    Some((_, 'n')) => value.push('\n'),
                    other => panic!("bad escape {other:?} in {s:?}"),
                },
                Some((i, '"')) => break i,
                Some((_, '\n')) | None => panic!("unterminated label value in {s:?}"),
                Some((_, c)) => value.push(c),
            }
        };
        assert!(labels.insert(key.to_owned(), value).is_none(), "label {key} twice in {s:?}");
        rest = &after[end + 1..];
        rest = rest.strip_prefix(',').unwrap_or(rest);
    }
}

fn number(s: &str) -> f64 {
    match s {
        "+Inf" => f64::INFINITY,
        "-Inf" => f64::NEG_INFINITY,
        "NaN" => f64::NAN,
        _ => s.parse().unwrap_or_else(|_| panic!("not a number: {s:?}")),
    }
}

/// Reads a scrape, failing the test at the first thing out of format.
pub fn parse(text: &str) -> Scrape {
    assert!(text.ends_with('\n'), "the last line ends");
    let mut types = HashMap::new();
    let mut samples = BTreeMap::new();
    let mut buckets: BTreeMap<String, Vec<(f64, f64)>> = BTreeMap::new();
    for line in text.lines() {
        assert!(!line.is_empty(), "an empty line");
        if let Some(comment) = line.strip_prefix("# ") {
            let (keyword, rest) = comment.split_once(' ').unwrap_or((comment, ""));
            let (name, what) = rest.split_once(' ').unwrap_or_else(|| panic!("{line:?}"));
            assert!(is_name(name), "{line:?}");
            match keyword {
                "HELP" => assert!(!what.is_empty(), "{line:?}"),
                "TYPE" => {
                    assert!(["counter", "gauge", "histogram", "summary", "untyped"].contains(&what));
                    assert!(types.insert(name.to_owned(), what.to_owned()).is_none(), "{line:?}");
                }
                _ => panic!("unknown comment {line:?}"),
            }
            continue;
        }
        assert!(!line.starts_with('#'), "{line:?}");
        let end = line.find(['{', ' ']).unwrap_or_else(|| panic!("{line:?}"));
        let name = &line[..end];
        assert!(is_name(name), "{line:?}");
        let (labels, rest) = labels(&line[end..]);
        let fields: Vec<&str> =
            rest.strip_prefix(' ').unwrap_or_else(|| panic!("{line:?}")).split(' ').collect();
        assert!((1..=2).contains(&fields.len()), "{line:?}");
        let value = number(fields[0]);
        let family = family_of(name, &types).unwrap_or_else(|| panic!("no TYPE for {line:?}"));
        if types[&family] == "counter" {
            assert!(name.ends_with("_total") && value >= 0.0, "{line:?}");
        }
        if name.ends_with("_bucket") && types[&family] == "histogram" {
            let mut rest = labels.clone();
            let le = number(&rest.remove("le").unwrap_or_else(|| panic!("no le: {line:?}")));
            buckets.entry(series_key(&family, &rest)).or_default().push((le, value));
        }
        let key = series_key(name, &labels);
        assert!(samples.insert(key, value).is_none(), "series twice: {line:?}");
    }
    for (series, list) in &buckets {
        assert!(list.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1), "{series}: {list:?}");
        let (le, top) = *list.last().unwrap();
        assert_eq!(le, f64::INFINITY, "{series} ends with +Inf");
        let count = series.replacen('{', "_count{", 1);
        assert_eq!(samples.get(&count), Some(&top), "{series}: +Inf = _count");
    }
    Scrape { types, samples }
}

/// The family a sample belongs to (its name, or without the suffix its type adds).
fn family_of(name: &str, types: &HashMap<String, String>) -> Option<String> {
    if types.contains_key(name) {
        return Some(name.to_owned());
    }
    ["_bucket", "_sum", "_count", "_total"]
        .iter()
        .filter_map(|suffix| name.strip_suffix(suffix))
        .find(|family| types.contains_key(*family))
        .map(str::to_owned)
}

impl Scrape {
    /// Whether a family of this name (or whose samples have this name) is declared.
    pub fn declares(&self, name: &str) -> bool {
        family_of(name, &self.types).is_some()
    }

    /// The value of one series; fails the test when it is absent.
    pub fn value(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        self.get(name, labels).unwrap_or_else(|| panic!("no series {name} {labels:?}"))
    }

    /// The value of one series, 0 when it has not appeared yet.
    pub fn value_or_zero(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        self.get(name, labels).unwrap_or(0.0)
    }

    fn get(&self, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
        let labels = labels.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        self.samples.get(&series_key(name, &labels)).copied()
    }
}
