//! The two secrets-derived values of citizen ratings, both HMAC-SHA256 under the rating secret
//! (`PEMBINA_RATING_LINK_SECRET`, or the JWT secret):
//!
//! - **Rating-link tokens**: HMAC over (unit id, link version), base64url, the first 22
//!   characters (132 bits). Nothing is stored per link: rotating a unit's link increments its
//!   version, and every token signed for an earlier version stops verifying.
//! - **Address hashes**: HMAC over (the day in WIB, the client's network address), hex, 128 bits.
//!   The address itself is never stored; the salt changes every day at midnight WIB, so hashes
//!   cannot be linked across days. IPv6 addresses count by their /64 network, since one device
//!   changes the rest at will.

use std::net::{IpAddr, Ipv6Addr};

use actix_web::HttpRequest;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use hmac::{Hmac, Mac};
use pembina_domain::learning::jp::province_date;
use pembina_domain::ratings::response::ADDRESS_WINDOW_MINUTES;
use sha2::Sha256;
use uuid::Uuid;

/// Characters of a link token.
pub const TOKEN_LEN: usize = 22;

const LINK_CONTEXT: &[u8] = b"pembina/rating-link/v1\0";
const ADDRESS_CONTEXT: &[u8] = b"pembina/rating-address/v1\0";

/// Signs rating links and hashes client addresses.
pub struct RatingKeys {
    secret: Vec<u8>,
}

impl RatingKeys {
    pub fn new(secret: &[u8]) -> Self {
        Self {
            secret: secret.to_vec(),
        }
    }

    fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        // HMAC accepts keys of any length; this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.secret)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        for p in parts {
            mac.update(p);
        }
        mac.finalize().into_bytes().into()
    }

    /// The token of `unit_id`'s link at `version`.
    pub fn link_token(&self, unit_id: Uuid, version: i32) -> String {
        let tag = self.mac(&[LINK_CONTEXT, unit_id.as_bytes(), &version.to_be_bytes()]);
        let mut token = URL_SAFE_NO_PAD.encode(tag);
        token.truncate(TOKEN_LEN);
        token
    }

    /// Whether `token` is the current token of the unit's link (compared in constant time).
    pub fn verify_link(&self, unit_id: Uuid, version: i32, token: &str) -> bool {
        let want = self.link_token(unit_id, version);
        want.len() == token.len()
            && want
                .bytes()
                .zip(token.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }

    /// The hash of `ip` under the salt of `day`.
    pub fn address_hash(&self, ip: IpAddr, day: NaiveDate) -> String {
        let network = network_of(ip).to_string();
        let day = day.format("%Y-%m-%d").to_string();
        let tag = self.mac(&[ADDRESS_CONTEXT, day.as_bytes(), b"\0", network.as_bytes()]);
        tag[..16].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The hash to store for `ip` at `now` first, then the previous day's when the burst window
    /// reaches back past midnight WIB (so that the rate checks see the same address).
    pub fn address_hashes(&self, ip: IpAddr, now: DateTime<Utc>) -> Vec<String> {
        let today = province_date(now);
        let window_start = province_date(now - Duration::minutes(ADDRESS_WINDOW_MINUTES));
        let mut out = vec![self.address_hash(ip, today)];
        if window_start != today {
            out.push(self.address_hash(ip, window_start));
        }
        out
    }
}

/// The address rate limits count by: IPv4 as is, IPv6 by its /64 network (IPv4-mapped IPv6 as
/// the IPv4 address).
fn network_of(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

/// The client's address: the connection's peer, or behind a trusted proxy the last entry of
/// `X-Forwarded-For` (the address the proxy itself saw; earlier entries are the client's word).
pub fn client_ip(req: &HttpRequest, trust_forwarded_for: bool) -> Option<IpAddr> {
    if trust_forwarded_for {
        let forwarded = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|s| parse_ip(s.trim()))
            .last();
        if forwarded.is_some() {
            return forwarded;
        }
    }
    req.peer_addr().map(|a| a.ip())
}

/// An address, with or without a port (`203.0.113.9`, `203.0.113.9:5120`, `[2001:db8::1]:443`).
fn parse_ip(s: &str) -> Option<IpAddr> {
    s.parse::<IpAddr>()
        .ok()
        .or_else(|| s.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;
    use chrono::TimeZone;

    use super::*;

    fn keys() -> RatingKeys {
        RatingKeys::new(b"test-secret")
    }

    #[test]
    fn link_tokens_are_22_url_safe_characters_bound_to_unit_and_version() {
        let unit = Uuid::from_u128(7);
        let t = keys().link_token(unit, 1);
        assert_eq!(t.len(), TOKEN_LEN);
        assert!(
            t.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        assert!(keys().verify_link(unit, 1, &t));
        // Rotated, another unit, another secret, truncated or tampered: refused.
        assert!(!keys().verify_link(unit, 2, &t));
        assert!(!keys().verify_link(Uuid::from_u128(8), 1, &t));
        assert!(!RatingKeys::new(b"other").verify_link(unit, 1, &t));
        assert!(!keys().verify_link(unit, 1, &t[..21]));
        assert!(!keys().verify_link(unit, 1, ""));
        let mut tampered = t.clone().into_bytes();
        tampered[0] = if tampered[0] == b'A' { b'B' } else { b'A' };
        assert!(!keys().verify_link(unit, 1, &String::from_utf8(tampered).expect("ascii")));
        // Stable: the same inputs always give the same token (printed QR codes keep working).
        assert_eq!(keys().link_token(unit, 1), t);
    }

    #[test]
    fn address_hashes_hide_the_address_and_change_daily() {
        let ip: IpAddr = "203.0.113.9".parse().expect("ip");
        let day = NaiveDate::from_ymd_opt(2026, 7, 1).expect("date");
        let h = keys().address_hash(ip, day);
        assert_eq!(h.len(), 32);
        assert!(!h.contains("203"));
        assert_eq!(keys().address_hash(ip, day), h);
        assert_ne!(keys().address_hash(ip, day.succ_opt().expect("d")), h);
        assert_ne!(
            keys().address_hash("203.0.113.10".parse().expect("ip"), day),
            h
        );
        assert_ne!(RatingKeys::new(b"other").address_hash(ip, day), h);
    }

    #[test]
    fn ipv6_counts_by_its_64_network() {
        let day = NaiveDate::from_ymd_opt(2026, 7, 1).expect("date");
        let a: IpAddr = "2001:db8:1:2::1".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2:aaaa:bbbb:cccc:dddd".parse().expect("ip");
        let c: IpAddr = "2001:db8:1:3::1".parse().expect("ip");
        assert_eq!(keys().address_hash(a, day), keys().address_hash(b, day));
        assert_ne!(keys().address_hash(a, day), keys().address_hash(c, day));
        let mapped: IpAddr = "::ffff:203.0.113.9".parse().expect("ip");
        let v4: IpAddr = "203.0.113.9".parse().expect("ip");
        assert_eq!(
            keys().address_hash(mapped, day),
            keys().address_hash(v4, day)
        );
    }

    #[test]
    fn just_after_midnight_wib_the_previous_days_hash_is_checked_too() {
        let ip: IpAddr = "203.0.113.9".parse().expect("ip");
        // 17:05 UTC is 00:05 WIB on 2 July: the ten-minute window reaches into 1 July.
        let now = Utc
            .with_ymd_and_hms(2026, 7, 1, 17, 5, 0)
            .single()
            .expect("t");
        let hashes = keys().address_hashes(ip, now);
        let day = |d| NaiveDate::from_ymd_opt(2026, 7, d).expect("date");
        assert_eq!(
            hashes,
            [
                keys().address_hash(ip, day(2)),
                keys().address_hash(ip, day(1))
            ]
        );
        let noon = Utc
            .with_ymd_and_hms(2026, 7, 2, 5, 0, 0)
            .single()
            .expect("t");
        assert_eq!(keys().address_hashes(ip, noon).len(), 1);
    }

    #[test]
    fn the_forwarded_address_is_read_only_when_trusted() {
        let req = TestRequest::default()
            .peer_addr("10.0.0.2:40000".parse().expect("addr"))
            .insert_header(("x-forwarded-for", "1.2.3.4, 198.51.100.7"))
            .to_http_request();
        assert_eq!(client_ip(&req, false), "10.0.0.2".parse().ok());
        // The last entry is what the proxy saw; the first is whatever the client wrote.
        assert_eq!(client_ip(&req, true), "198.51.100.7".parse().ok());
        let bare = TestRequest::default()
            .peer_addr("10.0.0.2:40000".parse().expect("addr"))
            .to_http_request();
        assert_eq!(client_ip(&bare, true), "10.0.0.2".parse().ok());
        assert_eq!(parse_ip("[2001:db8::1]:443"), "2001:db8::1".parse().ok());
    }
}
