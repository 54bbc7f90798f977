//! Limits on what one address may ask of the site, for the routes open to the internet (the
//! chairs' form, joining by invitation, signing in): requests a minute, codes tried (sign-in
//! links, invitations), tries of one code, and letters asked for one e-mail address. A guessing
//! run is refused before any code is looked at, so it learns nothing, and it is logged once an
//! hour per address, not once a request. The counts live in memory (`governor`'s keyed GCRA):
//! a restart forgets them, which a guesser gains nothing from (a code is 128 random bits).

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use axum::http::HeaderMap;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// Requests a minute from one address: a commune's office behind one address, several phones
/// saving answers, stays far below it.
const REQUESTS_PER_MINUTE: u32 = 240;
/// Codes one address may try at once, then one every `CODE_EVERY`.
const CODES: u32 = 10;
const CODE_EVERY: Duration = Duration::from_secs(120);
/// Tries of one code at once (from anywhere), then one every `ONE_CODE_EVERY`.
const ONE_CODE: u32 = 5;
const ONE_CODE_EVERY: Duration = Duration::from_secs(300);
/// Letters one e-mail address may be sent at once, then one every `LETTER_EVERY`.
const LETTERS: u32 = 3;
const LETTER_EVERY: Duration = Duration::from_secs(1200);
/// How often a guessing address is logged.
const LOG_EVERY: Duration = Duration::from_secs(3600);

/// The limits of one running site.
pub struct Limits {
    requests: DefaultKeyedRateLimiter<IpAddr>,
    codes: DefaultKeyedRateLimiter<IpAddr>,
    one_code: DefaultKeyedRateLimiter<String>,
    letters: DefaultKeyedRateLimiter<String>,
    logged: Mutex<HashMap<IpAddr, Instant>>,
    checks: AtomicU64,
}

/// Where a request comes from, as the limits count it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Client(pub IpAddr);

impl Client {
    /// What the limits count: the address, or for IPv6 its /64 (one subscriber's network, whose
    /// addresses a client may rotate through at will).
    fn bucket(self) -> IpAddr {
        match self.0 {
            IpAddr::V6(v6) => {
                let net = ipnet::Ipv6Net::new(v6, 64).map(|n| n.trunc().addr()).unwrap_or(v6);
                IpAddr::V6(net)
            }
            v4 => v4,
        }
    }
}

fn quota(burst: u32, every: Duration) -> Quota {
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(every).unwrap_or_else(|| Quota::per_minute(burst)).allow_burst(burst)
}

impl Default for Limits {
    fn default() -> Self {
        let per_minute = NonZeroU32::new(REQUESTS_PER_MINUTE).unwrap_or(NonZeroU32::MIN);
        Limits {
            requests: RateLimiter::keyed(Quota::per_minute(per_minute)),
            codes: RateLimiter::keyed(quota(CODES, CODE_EVERY)),
            one_code: RateLimiter::keyed(quota(ONE_CODE, ONE_CODE_EVERY)),
            letters: RateLimiter::keyed(quota(LETTERS, LETTER_EVERY)),
            logged: Mutex::new(HashMap::new()),
            checks: AtomicU64::new(0),
        }
    }
}

impl Limits {
    /// Whether `client` may make one more request now.
    pub fn request(&self, client: Client) -> bool {
        self.housekeeping();
        let allowed = self.requests.check_key(&client.bucket()).is_ok();
        if !allowed {
            self.log_once(client, "too many requests from one address: refusing them for a while");
        }
        allowed
    }

    /// Whether `client` may try a code now (`code`: what identifies it, e.g. its hash; `None`
    /// for what is no code at all, refused anyway, counted against the address only).
    pub fn code(&self, client: Client, code: Option<String>) -> bool {
        let allowed = self.codes.check_key(&client.bucket()).is_ok()
            && code.is_none_or(|code| self.one_code.check_key(&code).is_ok());
        if !allowed {
            self.log_once(client, "codes guessed from one address: refusing its codes for a while");
        }
        allowed
    }

    /// Whether a letter may be sent to `address` for `client` now.
    pub fn letter(&self, client: Client, address: &str) -> bool {
        let by_client = self.codes.check_key(&client.bucket()).is_ok();
        by_client && self.letters.check_key(&address.trim().to_lowercase()).is_ok()
    }

    fn log_once(&self, client: Client, what: &'static str) {
        let Ok(mut logged) = self.logged.lock() else { return };
        let now = Instant::now();
        let due =
            logged.get(&client.bucket()).is_none_or(|at| now.duration_since(*at) >= LOG_EVERY);
        if due {
            logged.insert(client.bucket(), now);
            tracing::warn!(address = %client.0, "{what}");
        }
    }

    /// Forgets addresses not seen lately, now and then (the maps would otherwise grow with every
    /// address that ever came).
    fn housekeeping(&self) {
        if self.checks.fetch_add(1, Ordering::Relaxed) % 4096 != 4095 {
            return;
        }
        self.requests.retain_recent();
        self.codes.retain_recent();
        self.one_code.retain_recent();
        self.letters.retain_recent();
        if let Ok(mut logged) = self.logged.lock() {
            logged.retain(|_, at| at.elapsed() < LOG_EVERY);
        }
    }
}

/// What identifies a code in the counts: its hash (the code itself is not kept).
pub fn code_key(code: &str) -> Option<String> {
    crate::domain::InviteCode::parse(code.trim()).map(|c| c.hash())
}

/// The address a request comes from: the peer's, or — when the peer is this machine (a reverse
/// proxy beside the bot) — the one the proxy added last to `X-Forwarded-For`: the last entry of
/// the last header, and only that one (an entry the client wrote before it never counts; when
/// the last is no address, the proxy's own is taken). An IPv4 address seen through a dual-stack
/// socket (`::ffff:10.0.0.1`) is the IPv4 address.
pub fn client(peer: Option<&ConnectInfo<SocketAddr>>, headers: &HeaderMap) -> Client {
    let peer = peer.map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip().to_canonical());
    if !peer.is_loopback() {
        return Client(peer);
    }
    let last = headers.get_all("x-forwarded-for").iter().next_back();
    let entry = last.and_then(|v| v.to_str().ok()).and_then(|v| v.rsplit(',').next());
    let forwarded = entry.map(str::trim).and_then(|a| {
        a.parse::<IpAddr>().ok().or_else(|| a.parse::<SocketAddr>().ok().map(|s| s.ip()))
    });
    Client(forwarded.map_or(peer, |ip| ip.to_canonical()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(peer: &str, forwarded: Option<&str>) -> Client {
        let mut headers = HeaderMap::new();
        if let Some(f) = forwarded {
            headers.insert("x-forwarded-for", f.parse().unwrap());
        }
        client(Some(&ConnectInfo(peer.parse().unwrap())), &headers)
    }

    #[test]
    fn a_forwarded_address_counts_only_behind_a_proxy_on_this_machine() {
        let ip = |s: &str| Client(s.parse().unwrap());
        assert_eq!(from("127.0.0.1:5000", Some("10.0.0.1, 203.0.113.9")), ip("203.0.113.9"));
        assert_eq!(from("127.0.0.1:5000", None), ip("127.0.0.1"));
        assert_eq!(from("198.51.100.7:5000", Some("203.0.113.9")), ip("198.51.100.7"));
        assert_eq!(from("127.0.0.1:5000", Some("not an address")), ip("127.0.0.1"));
        // What the client wrote before the proxy's entry never counts, whatever the proxy adds.
        assert_eq!(from("127.0.0.1:5000", Some("10.0.0.1, unknown")), ip("127.0.0.1"));
        assert_eq!(from("127.0.0.1:5000", Some("10.0.0.1, 203.0.113.9:4444")), ip("203.0.113.9"));
        assert_eq!(from("127.0.0.1:5000", Some("10.0.0.1, [2001:db8::5]:443")), ip("2001:db8::5"));
        // A dual-stack listener: the proxy beside the bot, and an IPv4 client, as IPv4.
        assert_eq!(from("[::ffff:127.0.0.1]:5000", Some("203.0.113.9")), ip("203.0.113.9"));
        assert_eq!(from("[::ffff:198.51.100.7]:5000", None), ip("198.51.100.7"));
    }

    #[test]
    fn the_addresses_of_one_ipv6_network_are_counted_together() {
        let limits = Limits::default();
        let at =
            |n: u16| Client(IpAddr::V6(std::net::Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, n)));
        let tried = (0..30).filter(|n| limits.code(at(*n), Some(format!("code-{n}")))).count();
        assert_eq!(tried, CODES as usize, "rotating addresses in one /64 buys nothing");
        let elsewhere = Client("2001:db8:0:1::1".parse().unwrap());
        assert!(limits.code(elsewhere, Some("another".into())), "the next network is not held");
    }

    #[test]
    fn a_guessing_address_is_refused_while_another_goes_on() {
        let limits = Limits::default();
        let (guesser, chair) =
            (Client("203.0.113.9".parse().unwrap()), Client("198.51.100.7".parse().unwrap()));
        let tried = (0..30).filter(|n| limits.code(guesser, Some(format!("code-{n}")))).count();
        assert_eq!(tried, CODES as usize, "the first ten are looked at, no more");
        assert!(limits.code(chair, Some("code-of-the-chair".into())));
    }

    #[test]
    fn one_code_is_tried_a_few_times_whoever_tries_it() {
        let limits = Limits::default();
        let tried = (0..20u8)
            .filter(|n| {
                limits.code(Client(IpAddr::V4(Ipv4Addr::new(203, 0, 113, *n))), Some("same".into()))
            })
            .count();
        assert_eq!(tried, ONE_CODE as usize);
    }

    #[test]
    fn letters_to_one_address_are_few() {
        let limits = Limits::default();
        let sent = (0..10u8)
            .filter(|n| {
                limits.letter(
                    Client(IpAddr::V4(Ipv4Addr::new(198, 51, 100, *n))),
                    "chu.tich@xa.gov.vn",
                )
            })
            .count();
        assert_eq!(sent, LETTERS as usize);
    }
}
