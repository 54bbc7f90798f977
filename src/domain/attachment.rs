//! A document that goes with a message: an office's request letter or report outline (công văn,
//! đề cương) attached to a period.

use std::sync::Arc;

/// Largest attachment taken from the command line: well under what the Bot API uploads (50 MB),
/// and what a commune's phone on a weak connection can still fetch.
pub const ATTACHMENT_MAX_BYTES: usize = 20 * 1024 * 1024;

/// A document and its file name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub file: AttachedFile,
}

/// Where the document's bytes are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttachedFile {
    /// Already on the channel: the id it gave the file when an officer sent it.
    ChannelId(String),
    /// Here: read from a file on the server.
    Bytes(Arc<Vec<u8>>),
}
