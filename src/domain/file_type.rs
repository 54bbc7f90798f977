//! The kinds of file a report may carry (PDF, Word, Excel, OpenDocument text, pictures), known by
//! their extension and their declared type together: a file is taken only when both name the
//! same kind, and handed out only as that kind, under a name whose extension says it.

/// One kind of file a report may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileKind {
    /// Its extensions, the usual one first.
    pub extensions: &'static [&'static str],
    /// Its type (the MIME essence).
    pub mime: &'static str,
}

/// Every kind accepted. Not SVG: a picture that can carry a script.
pub const KINDS: [FileKind; 10] = [
    FileKind { extensions: &["pdf"], mime: "application/pdf" },
    FileKind { extensions: &["doc"], mime: "application/msword" },
    FileKind {
        extensions: &["docx"],
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    },
    FileKind { extensions: &["xls"], mime: "application/vnd.ms-excel" },
    FileKind {
        extensions: &["xlsx"],
        mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },
    FileKind { extensions: &["odt"], mime: "application/vnd.oasis.opendocument.text" },
    FileKind { extensions: &["jpg", "jpeg"], mime: "image/jpeg" },
    FileKind { extensions: &["png"], mime: "image/png" },
    FileKind { extensions: &["webp"], mime: "image/webp" },
    FileKind { extensions: &["heic"], mime: "image/heic" },
];

/// What is served when a stored file is of no accepted kind: bytes, never a page.
pub const OPAQUE: &str = "application/octet-stream";

/// The essence of a declared type ("image/svg+xml; charset=utf-8" → "image/svg+xml"), in lower
/// case; `None` when it is not a type at all.
pub fn essence(declared: &str) -> Option<String> {
    let parsed: mime::Mime = declared.trim().parse().ok()?;
    Some(parsed.essence_str().to_ascii_lowercase())
}

/// The extension of a file name, in lower case.
fn extension(name: &str) -> Option<String> {
    let (stem, ext) = name.trim().rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then(|| ext.to_ascii_lowercase())
}

/// The kind a file is, when its name's extension and its declared type agree on one.
pub fn agreed(name: Option<&str>, declared: Option<&str>) -> Option<FileKind> {
    let ext = extension(name?)?;
    let mime = essence(declared?)?;
    KINDS.into_iter().find(|k| k.mime == mime && k.extensions.contains(&ext.as_str()))
}

/// The kind a declared type names, whatever the file's name says.
pub fn of_type(declared: &str) -> Option<FileKind> {
    let mime = essence(declared)?;
    KINDS.into_iter().find(|k| k.mime == mime)
}

/// The type of an upload: the one the browser declared, or — when it declared none, or only
/// "bytes" (some phones do) — the one its name's extension says (still checked against the name
/// as every file is).
pub fn declared_or_named(name: &str, declared: &str) -> String {
    let vague = essence(declared).is_none_or(|e| e == OPAQUE);
    let named = extension(name)
        .and_then(|ext| KINDS.into_iter().find(|k| k.extensions.contains(&ext.as_str())));
    match (vague, named) {
        (true, Some(kind)) => kind.mime.to_owned(),
        _ => declared.to_owned(),
    }
}

/// The type to hand a stored file out as, and the name to give it: its kind's type, under a name
/// that ends with one of the kind's extensions (one is added when it does not); a file of no
/// accepted kind goes out as bytes, under a name ending in `.bin`.
pub fn served(name: &str, declared: Option<&str>) -> (&'static str, String) {
    let ext = extension(name);
    match declared.and_then(of_type) {
        Some(kind) if ext.as_deref().is_some_and(|e| kind.extensions.contains(&e)) => {
            (kind.mime, name.to_owned())
        }
        Some(kind) => (kind.mime, format!("{name}.{}", kind.extensions[0])),
        None => (OPAQUE, format!("{name}.bin")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_of_a_kind_only_when_its_extension_and_its_type_agree() {
        let pdf = Some("application/pdf");
        assert_eq!(agreed(Some("bao-cao.pdf"), pdf).map(|k| k.mime), pdf);
        assert_eq!(agreed(Some("BAO-CAO.PDF"), Some("Application/PDF")).map(|k| k.mime), pdf);
        assert!(agreed(Some("anh.jpeg"), Some("image/jpeg")).is_some());
        // The hole of the security read: an .exe declared as a PDF was taken.
        assert_eq!(agreed(Some("bao-cao.exe"), pdf), None);
        assert_eq!(agreed(Some("bao-cao.pdf"), Some("application/x-msdownload")), None);
        assert_eq!(agreed(Some("bao-cao.pdf"), None), None);
        assert_eq!(agreed(None, pdf), None);
        assert_eq!(agreed(Some(".pdf"), pdf), None);
    }

    #[test]
    fn types_are_compared_on_their_essence() {
        assert_eq!(essence("image/svg+xml; charset=utf-8").as_deref(), Some("image/svg+xml"));
        assert_eq!(of_type("image/svg+xml; charset=utf-8"), None, "SVG, with parameters or not");
        assert_eq!(agreed(Some("x.svg"), Some("image/svg+xml; charset=utf-8")), None);
        assert_eq!(of_type("application/pdf; name=x").map(|k| k.mime), Some("application/pdf"));
        assert_eq!(essence("not a type"), None);
    }

    #[test]
    fn a_file_is_served_under_a_name_whose_extension_matches_the_type() {
        assert_eq!(
            served("bao-cao.pdf", Some("application/pdf")),
            ("application/pdf", "bao-cao.pdf".to_owned())
        );
        // Stored before the fix: served as what it claimed to be, named so.
        assert_eq!(
            served("bao-cao.exe", Some("application/pdf")),
            ("application/pdf", "bao-cao.exe.pdf".to_owned())
        );
        assert_eq!(served("trang.html", Some("text/html")), (OPAQUE, "trang.html.bin".to_owned()));
        assert_eq!(served("anh", None), (OPAQUE, "anh.bin".to_owned()));
    }
}
