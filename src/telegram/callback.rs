//! Button data: a typed enum that encodes to at most 64 bytes. Every press is re-authorised
//! by its handler; data that does not decode is answered as expired.

use crate::i18n::Lang;

/// Telegram's limit on `callback_data`.
pub const MAX_CALLBACK_BYTES: usize = 64;

/// What a button does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallbackData {
    /// Read the bot in this language.
    SetLang(Lang),
}

impl CallbackData {
    /// The wire form, e.g. `lang:en`.
    pub fn encode(&self) -> String {
        match self {
            CallbackData::SetLang(lang) => format!("lang:{}", lang.code()),
        }
    }

    /// Reads the wire form; anything unknown (old, forged, truncated) is `None`.
    pub fn decode(data: &str) -> Option<CallbackData> {
        let (tag, rest) = data.split_once(':')?;
        match tag {
            "lang" => Lang::parse(rest).map(CallbackData::SetLang),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all() -> Vec<CallbackData> {
        Lang::ALL.into_iter().map(CallbackData::SetLang).collect()
    }

    #[test]
    fn every_callback_round_trips_within_telegrams_limit() {
        for data in all() {
            let wire = data.encode();
            assert!(wire.len() <= MAX_CALLBACK_BYTES, "{wire} is too long");
            assert_eq!(CallbackData::decode(&wire), Some(data));
        }
    }

    #[test]
    fn unknown_data_is_rejected() {
        assert_eq!(CallbackData::decode("lang:fr"), None);
        assert_eq!(CallbackData::decode("nope"), None);
    }

    proptest! {
        #[test]
        fn arbitrary_data_never_panics(s in any::<String>()) {
            let _ = CallbackData::decode(&s);
        }
    }
}
