//! Reading a sheet back from its PDF, as a test sees what was printed: each page's lines of
//! text (through the font's Unicode map), its QR codes as grids of dark modules, and the links
//! it opens. Just enough PDF for what `krilla` writes: objects, Flate streams, `TJ` and paths of
//! rectangles.

use std::collections::HashMap;
use std::io::Read;

/// What one page shows.
#[derive(Debug, Default)]
pub struct PageRead {
    /// Each line of text and its baseline from the top of the page, in drawing order.
    pub lines: Vec<(String, f32)>,
    /// Each QR code, row by row (`true`: dark), in drawing order (left to right).
    pub codes: Vec<Vec<Vec<bool>>>,
    /// The addresses its links open.
    pub links: Vec<String>,
}

impl PageRead {
    /// The page's text, its lines joined by `sep`.
    pub fn text(&self, sep: &str) -> String {
        self.lines.iter().map(|(line, _)| line.as_str()).collect::<Vec<_>>().join(sep)
    }
}

/// The pages of `pdf`, in order.
pub fn pages(pdf: &[u8]) -> Vec<PageRead> {
    let objects = objects(pdf);
    let unicode = objects.values().find_map(|(dict, _)| {
        let map = number_after(dict, "/ToUnicode ")?;
        objects.get(&map).map(|(_, stream)| cmap(stream))
    });
    let unicode = unicode.unwrap_or_default();
    let Some((tree, _)) = objects.values().find(|(dict, _)| dict.contains("/Type /Pages")) else {
        return Vec::new();
    };
    refs(tree, "/Kids [")
        .iter()
        .filter_map(|kid| objects.get(kid))
        .map(|(page, _)| {
            let content = number_after(page, "/Contents ").and_then(|n| objects.get(&n));
            let mut read = content.map(|(_, stream)| draw(stream, &unicode)).unwrap_or_default();
            read.links = refs(page, "/Annots [")
                .iter()
                .filter_map(|a| objects.get(a))
                .filter_map(|(dict, _)| between(dict, "/URI (", ")"))
                .collect();
            read
        })
        .collect()
}

/// Every object: its dictionary and its stream (inflated), by number.
fn objects(pdf: &[u8]) -> HashMap<u32, (String, Vec<u8>)> {
    let mut found = HashMap::new();
    let mut rest = pdf;
    while let Some(end) = find(rest, b"endobj") {
        let object = &rest[..end];
        rest = &rest[end + 6..];
        let Some(head) = find(object, b" 0 obj") else { continue };
        let number = String::from_utf8_lossy(&object[..head]);
        let Some(Ok(number)) = number.split_whitespace().last().map(str::parse) else { continue };
        let body = &object[head..];
        let (dict, stream) = match find(body, b"stream\n") {
            Some(at) => (&body[..at], inflate(&body[at + 7..])),
            None => (body, Vec::new()),
        };
        found.insert(number, (String::from_utf8_lossy(dict).into_owned(), stream));
    }
    found
}

fn inflate(stream: &[u8]) -> Vec<u8> {
    let stream = &stream[..find(stream, b"endstream").unwrap_or(stream.len())];
    let mut out = Vec::new();
    match flate2::read::ZlibDecoder::new(stream).read_to_end(&mut out) {
        Ok(_) => out,
        Err(_) => stream.to_vec(),
    }
}

/// The text and the codes a content stream draws. Each line is its own `BT … ET`; each code one
/// path of rectangles (`m`, three `l`, `h`) filled with `f`.
fn draw(content: &[u8], unicode: &HashMap<u16, String>) -> PageRead {
    let mut read = PageRead::default();
    let (mut y, mut rects) = (0.0, Vec::new());
    let mut numbers: Vec<f32> = Vec::new();
    for line in content.split(|b| *b == b'\n') {
        if line.ends_with(b"TJ") {
            read.lines.push((decode(line, unicode), y));
            continue;
        }
        let line = String::from_utf8_lossy(line);
        let words: Vec<&str> = line.split_whitespace().collect();
        let point = || words.iter().take(2).filter_map(|w| w.parse::<f32>().ok());
        match words.last().copied() {
            Some("Tm") => y = words.get(5).and_then(|w| w.parse().ok()).unwrap_or(0.0),
            Some("m") => numbers = point().collect(),
            Some("l") => numbers.extend(point()),
            Some("h") => rects.push(std::mem::take(&mut numbers)),
            Some("f") => read.codes.push(grid(&std::mem::take(&mut rects))),
            _ => {}
        }
    }
    read
}

/// A QR code's modules from its rectangles (x0 y0 x1 y0 x1 y1 x0 y1): the top-left finder's
/// first row is seven modules wide, which gives the module's size.
fn grid(rects: &[Vec<f32>]) -> Vec<Vec<bool>> {
    let left = rects.iter().map(|r| r[0]).fold(f32::MAX, f32::min);
    let right = rects.iter().map(|r| r[2]).fold(f32::MIN, f32::max);
    let top = rects.iter().map(|r| r[1]).fold(f32::MAX, f32::min);
    let Some(finder) = rects.iter().find(|r| r[0] == left && r[1] == top) else {
        return Vec::new();
    };
    let cell = (finder[2] - finder[0]) / 7.0;
    let n = ((right - left) / cell).round() as usize;
    let mut modules = vec![vec![false; n]; n];
    for r in rects {
        let row = ((r[1] - top) / cell).round() as usize;
        let (from, to) = (((r[0] - left) / cell).round(), ((r[2] - left) / cell).round());
        modules[row][from as usize..to as usize].fill(true);
    }
    modules
}

/// The text of a `[(…) kern <…>] TJ` line: two bytes a glyph, through the Unicode map. A
/// literal string may hold balanced parentheses unescaped; a string with a byte past ASCII is
/// written in hex.
fn decode(line: &[u8], unicode: &HashMap<u16, String>) -> String {
    let mut bytes = Vec::new();
    let mut rest = line.iter();
    let mut depth = 0_usize;
    while let Some(&b) = rest.next() {
        match (depth, b) {
            (0, b'(') => depth = 1,
            (0, b'<') => {
                let hex: Vec<u8> = rest.by_ref().take_while(|b| **b != b'>').copied().collect();
                let pairs = hex.chunks(2).map(|p| std::str::from_utf8(p).unwrap_or("00"));
                bytes.extend(pairs.filter_map(|p| u8::from_str_radix(p, 16).ok()));
            }
            (0, _) => {}
            (_, b'\\') => bytes.push(escaped(&mut rest)),
            (1, b')') => depth = 0,
            (_, b) => {
                depth = match b {
                    b'(' => depth + 1,
                    b')' => depth - 1,
                    _ => depth,
                };
                bytes.push(b);
            }
        }
    }
    let glyphs = bytes.chunks(2).map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)]));
    glyphs.map(|g| unicode.get(&g).map_or("\u{fffd}", String::as_str)).collect()
}

/// The byte of an escape in a literal string, after its `\`.
fn escaped(rest: &mut std::slice::Iter<'_, u8>) -> u8 {
    let octal = |b: u8| (b'0'..=b'7').contains(&b).then(|| b - b'0');
    match rest.next().copied().unwrap_or(b'\\') {
        b if octal(b).is_some() => {
            let mut value = u32::from(b - b'0');
            for _ in 0..2 {
                let Some(d) = rest.clone().next().copied().and_then(octal) else { break };
                value = value * 8 + u32::from(d);
                rest.next();
            }
            value as u8
        }
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'b' => 8,
        b'f' => 12,
        b => b,
    }
}

/// A ToUnicode map's `<glyph> <utf-16>` pairs.
fn cmap(stream: &[u8]) -> HashMap<u16, String> {
    let text = String::from_utf8_lossy(stream);
    let hex = |s: &str| u16::from_str_radix(s.trim_matches(['<', '>']), 16).ok();
    let mut map = HashMap::new();
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let [glyph, unicode] = words[..] else { continue };
        if !glyph.starts_with('<') || !unicode.starts_with('<') {
            continue; // "26 beginbfchar"
        }
        let Some(glyph) = hex(glyph) else { continue };
        let unicode = unicode.trim_matches(['<', '>']);
        let units: Vec<u16> = (0..unicode.len() / 4)
            .filter_map(|i| u16::from_str_radix(&unicode[i * 4..i * 4 + 4], 16).ok())
            .collect();
        map.insert(glyph, String::from_utf16_lossy(&units));
    }
    map
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn between(text: &str, open: &str, close: &str) -> Option<String> {
    let start = text.find(open)? + open.len();
    let len = text[start..].find(close)?;
    Some(text[start..start + len].to_owned())
}

fn number_after(text: &str, key: &str) -> Option<u32> {
    let start = text.find(key)? + key.len();
    text[start..].split_whitespace().next()?.parse().ok()
}

/// The objects an array of references names (`[8 0 R 9 0 R]` after `key`).
fn refs(text: &str, key: &str) -> Vec<u32> {
    let Some(list) = between(text, key, "]") else { return Vec::new() };
    let words: Vec<&str> = list.split_whitespace().collect();
    words.chunks(3).filter_map(|r| r[0].parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use qrcode::{Color, EcLevel, QrCode};

    use super::*;
    use crate::actions::invite::InviteWays;
    use crate::documents::invite_sheet::invite_files;
    use crate::documents::invite_sheet::page::{BOTTOM, PAGE};
    use crate::documents::invite_sheet::tests::{invites, office, site};
    use crate::domain::office::Office;
    use crate::i18n::{t, Lang};

    /// The modules of the code a reader decodes to `link`.
    fn qr(link: &str) -> Vec<Vec<bool>> {
        let code = QrCode::with_error_correction_level(link.as_bytes(), EcLevel::M).unwrap();
        let dark = code.to_colors().iter().map(|c| *c == Color::Dark).collect::<Vec<_>>();
        dark.chunks(code.width()).map(<[bool]>::to_vec).collect()
    }

    /// The sheet's pages, each with its CSV row's two links (the bot's, the join page's).
    fn printed(ways: &InviteWays<'_>, office: &Office, lang: Lang) -> Vec<(PageRead, [String; 2])> {
        let tz = chrono_tz::Asia::Ho_Chi_Minh;
        let (csv, pdf) = invite_files(&invites(), ways, office, tz, lang).unwrap();
        let mut rows = csv::Reader::from_reader(&csv[3..]);
        let links = rows.records().map(|r| {
            let r = r.unwrap();
            [r[4].to_owned(), r[6].to_owned()]
        });
        pages(&pdf).into_iter().zip(links.collect::<Vec<_>>()).collect()
    }

    #[test]
    fn each_page_prints_the_bots_code_and_the_join_pages_code_of_its_own_invitation() {
        let web = site();
        let ways = InviteWays::new(Some("baocao_dienbien_bot"), Some(&web));
        let pages = printed(&ways, &office(), Lang::Vi);
        assert_eq!(pages.len(), 2, "a unit's chair and an officer");
        for (page, [telegram, join]) in &pages {
            assert!(telegram.starts_with("https://t.me/") && join.contains("/join?code="));
            assert_eq!(page.codes, [qr(telegram), qr(join)], "the bot's on the left");
            // Each address is printed whole (broken over two lines in its column).
            let text = page.text("");
            assert!(text.contains(telegram.as_str()) && text.contains(join.as_str()), "{text}");
            for caption in ["invite-sheet-caption-telegram", "invite-sheet-caption-web"] {
                assert!(text.contains(&t(Lang::Vi, caption)), "{caption}: {text}");
            }
            assert_eq!(page.links.iter().filter(|l| *l == telegram).count(), 2, "code, text");
            assert_eq!(page.links.iter().filter(|l| *l == join).count(), 2, "code, text");
        }
        assert!(pages[0].0.text(" ").contains("Xã Ta Ma"));
        assert_ne!(pages[0].1, pages[1].1, "each page its own invitation");
    }

    #[test]
    fn with_one_way_off_each_page_prints_one_code_and_only_its_address() {
        let web = site();
        for (ways, way) in [
            (InviteWays::new(Some("baocao_dienbien_bot"), None), 0),
            (InviteWays::new(None, Some(&web)), 1),
        ] {
            for (page, links) in printed(&ways, &office(), Lang::Vi) {
                let (link, off) = (&links[way], &links[1 - way]);
                assert!(off.is_empty(), "the CSV's column of the way that is off: {off}");
                assert_eq!(page.codes, [qr(link)]);
                let text = page.text("");
                assert!(text.contains(link.as_str()), "{text}");
                let other = ["/join?code=", "t.me/"][way];
                assert!(!text.contains(other), "{text}");
                assert!(page.links.iter().all(|l| l == link), "{:?} {link}", page.links);
            }
        }
    }

    #[test]
    fn the_longest_page_keeps_its_instructions_above_the_bottom_margin() {
        let web = site();
        let ways = InviteWays::new(Some("baocao_dienbien_bot"), Some(&web));
        let office = Office {
            parent: "Ủy ban nhân dân tỉnh Điện Biên".into(),
            name: "Sở Nội vụ tỉnh Điện Biên".into(),
            ..office()
        };
        for lang in [Lang::Vi, Lang::En] {
            for (page, _) in printed(&ways, &office, lang) {
                let (last, y) = page.lines.last().cloned().unwrap();
                assert!(y <= PAGE.1 - BOTTOM, "{lang:?}: {last} at {y}");
                assert!(last.ends_with("vụ.") || last.ends_with("Biên."), "nothing cut: {last}");
            }
        }
    }
}
