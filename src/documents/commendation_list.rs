//! The list of collectives and individuals proposed for awards (danh sách đề nghị khen thưởng)
//! that goes to the emulation council: every item of the period's lists of award proposals (a
//! list question with a field of options) in the reports that count (a returned report does
//! not) — collectives apart from individuals, each grouped by title or form of award (the group
//! names it, no column repeats it), with the unit that proposes it and a note when the same name
//! is proposed twice, here or in another period of the year. `commendation_sheet` prints it.

use std::collections::HashMap;

use crate::documents::ExportData;
use crate::domain::awards::AwardsFor;
use crate::domain::nominee::{award_field, name_key, repeats};
use crate::domain::template::ListField;
use crate::domain::{Answer, Question};
use crate::i18n::{t, Lang, Msg};

/// The list, ready to lay out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommendationList {
    /// The columns after "STT": the name, the other fields, the proposing unit, the note.
    pub headers: Vec<String>,
    /// Collectives, then individuals (or one part, for a template with one list).
    pub parts: Vec<Part>,
}

/// One part of the list: its heading ("I. TẬP THỂ, HỘ GIA ĐÌNH") when there are several, and
/// its nominees by title or form of award, in the office's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub title: Option<String>,
    pub groups: Vec<(String, Vec<Vec<String>>)>,
}

/// One line of the list as it is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line<'a> {
    Part(&'a str),
    Group(&'a str),
    /// A nominee's cells (after STT).
    Nominee(&'a [String]),
}

impl CommendationList {
    /// How many nominees in all.
    pub fn len(&self) -> usize {
        self.parts.iter().flat_map(|p| &p.groups).map(|(_, rows)| rows.len()).sum()
    }

    /// Whether nobody is proposed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The lines in order, each nominee with its number (STT, counted across the list; 0 for
    /// headings).
    pub fn lines(&self) -> Vec<(usize, Line<'_>)> {
        let mut out = Vec::new();
        let mut n = 0;
        for part in &self.parts {
            if let Some(title) = &part.title {
                out.push((0, Line::Part(title.as_str())));
            }
            for (group, rows) in &part.groups {
                out.push((0, Line::Group(group.as_str())));
                for row in rows {
                    n += 1;
                    out.push((n, Line::Nominee(row.as_slice())));
                }
            }
        }
        out
    }
}

/// A list of award proposals of the period's template.
struct Proposals<'a> {
    question: &'a Question,
    fields: &'a [ListField],
    award: usize,
}

/// One nominee before it is numbered: where it goes, its name, its cells.
struct Entry {
    part: usize,
    group: usize,
    name: String,
    unit: String,
    cells: Vec<String>,
}

/// The period's list; `None` when its template asks no nominees (no list with a field of
/// options).
pub fn commendation_list(data: &ExportData, lang: Lang) -> Option<CommendationList> {
    let period = &data.progress.period;
    let lists: Vec<Proposals> = period
        .questions
        .iter()
        .filter_map(|q| {
            award_field(q).map(|(fields, award)| Proposals { question: q, fields, award })
        })
        .collect();
    if lists.is_empty() {
        return None;
    }
    let columns = columns(&lists, lang);
    let mut entries = entries(data, &lists, &columns, lang);
    // In the list's order: part, then group (the office's order of awards), then the units' order.
    entries.sort_by_key(|e| (e.part, e.group));
    notes(&mut entries, data, lang);
    let mut headers = vec![t(lang, "doc-col-name")];
    headers.extend(columns.iter().map(|(_, label)| label.clone()));
    headers.push(t(lang, "commendation-col-unit"));
    headers.push(t(lang, "doc-col-note"));
    let several = lists.len() > 1;
    let mut parts: Vec<Part> = lists
        .iter()
        .enumerate()
        .map(|(i, l)| Part {
            title: several.then(|| format!("{}. {}", roman(i + 1), part_title(l, lang))),
            groups: l.fields[l.award]
                .options
                .iter()
                .map(|o| (o.label(lang).to_owned(), Vec::new()))
                .chain(std::iter::once((t(lang, "commendation-other"), Vec::new())))
                .collect(),
        })
        .collect();
    for e in entries {
        if let Some((_, rows)) = parts.get_mut(e.part).and_then(|p| p.groups.get_mut(e.group)) {
            rows.push(e.cells);
        }
    }
    for part in &mut parts {
        part.groups.retain(|(_, rows)| !rows.is_empty());
    }
    parts.retain(|p| !p.groups.is_empty());
    Some(CommendationList { headers, parts })
}

/// The columns between the name and the unit: every field of the lists but the name and the
/// award, each once, in the order the lists ask them.
fn columns(lists: &[Proposals], lang: Lang) -> Vec<(String, String)> {
    let mut columns: Vec<(String, String)> = Vec::new();
    for l in lists {
        let mut at = 0;
        let others = l.fields.iter().enumerate().filter(|(i, _)| *i != 0 && *i != l.award);
        for (_, f) in others {
            match columns.iter().position(|(key, _)| *key == f.key) {
                Some(p) => at = p + 1,
                None => {
                    columns.insert(at, (f.key.clone(), f.prompt(lang).to_owned()));
                    at += 1;
                }
            }
        }
    }
    columns
}

fn entries(
    data: &ExportData,
    lists: &[Proposals],
    columns: &[(String, String)],
    lang: Lang,
) -> Vec<Entry> {
    let mut entries = Vec::new();
    let reports = data.counted_reports();
    for u in &data.progress.units {
        let Some(report) = reports.iter().find(|r| r.unit_id == u.unit.id) else { continue };
        for (part, l) in lists.iter().enumerate() {
            let Some(Answer::List { items }) = report.answers.get(&l.question.key) else {
                continue;
            };
            let award = &l.fields[l.award];
            let others = award.options.len();
            for item in items {
                let value = |key: &str| {
                    let field = l.fields.iter().find(|f| f.key == key);
                    field.and_then(|f| item.get(key).map(|v| f.shown(v, lang))).unwrap_or_default()
                };
                let name = l.fields.first().map(|f| value(&f.key)).unwrap_or_default();
                let mut cells = vec![name.clone()];
                cells.extend(columns.iter().map(|(key, _)| value(key)));
                cells.push(u.unit.name.clone());
                cells.push(String::new());
                let group = item
                    .get(&award.key)
                    .and_then(|key| award.options.iter().position(|o| &o.key == key))
                    .unwrap_or(others);
                entries.push(Entry { part, group, name, unit: u.unit.in_sentence(), cells });
            }
        }
    }
    entries
}

/// Writes in each entry's note where else its name is proposed: another nominee of this list
/// ("Trùng tên với STT 5 (xã Pú Xi đề nghị)"), or a list of another period of the year ("Cũng
/// được xã Ta Ma đề nghị trong báo cáo 6 tháng đầu năm 2026").
fn notes(entries: &mut [Entry], data: &ExportData, lang: Lang) {
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    let here = repeats(&names);
    let mut elsewhere: HashMap<String, Vec<String>> = HashMap::new();
    for sent in &data.elsewhere {
        for name in sent.nominees() {
            let note = Msg::new("doc-repeat-elsewhere")
                .arg("unit", sent.unit_in_sentence())
                .arg("title", sent.period.title_in_sentence(lang))
                .render(lang);
            let notes = elsewhere.entry(name_key(name)).or_default();
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
    }
    let units: Vec<String> = entries.iter().map(|e| e.unit.clone()).collect();
    for (i, e) in entries.iter_mut().enumerate() {
        let mut notes: Vec<String> = here[i]
            .iter()
            .map(|j| {
                Msg::new("doc-repeat-here")
                    .arg("n", j + 1)
                    .arg("unit", units[*j].as_str())
                    .render(lang)
            })
            .collect();
        notes.extend(elsewhere.get(&name_key(&e.name)).cloned().unwrap_or_default());
        if let Some(cell) = e.cells.last_mut() {
            *cell = notes.join("; ");
        }
    }
}

fn part_title(l: &Proposals, lang: Lang) -> String {
    match l.fields[l.award].awards {
        Some(AwardsFor::Collective) => t(lang, "doc-nominees-collective"),
        Some(AwardsFor::Individual) => t(lang, "doc-nominees-individual"),
        None => l.question.prompt(lang).to_uppercase(),
    }
}

/// 1 → "I", 4 → "IV": the numbers of a document's parts.
fn roman(n: usize) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"].get(n - 1).copied().unwrap_or("X")
}
