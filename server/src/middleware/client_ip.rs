//! Who is asking, and over which scheme: the TCP peer, unless that peer is a trusted reverse
//! proxy, whose `X-Forwarded-For` / `X-Forwarded-Proto` are then believed.
//!
//! Anyone can send those headers, so believing them from every peer would let a client pick the
//! IP the rate limiter sees. Behind TLS termination the app itself speaks plain HTTP, so the
//! proxy's word is the only way to know the session cookie must be `Secure`.
use axum::{
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, HeaderValue, Method},
    middleware::Next,
    response::Response,
};
use std::{
    net::{IpAddr, Ipv4Addr, SocketAddr},
    sync::Arc,
};

/// The client behind a request, as far as this server can trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientInfo {
    /// The client's IP address.
    pub ip: IpAddr,
    /// Whether the client reached us over HTTPS (through a trusted proxy).
    pub https: bool,
}

/// Works out the client from the TCP peer and, if the peer is trusted, the proxy headers.
/// Addresses compare in canonical form, so an IPv4-mapped IPv6 peer (`::ffff:10.0.0.1`, as a
/// dual-stack socket reports IPv4 clients) matches its IPv4 entry in `trusted`.
pub fn client_info(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> ClientInfo {
    let peer = peer.to_canonical();
    let is_trusted = |ip: &IpAddr| is_trusted(*ip, trusted);
    if !is_trusted(&peer) {
        return ClientInfo {
            ip: peer,
            https: false,
        };
    }
    // Each proxy appends the address it saw; walk back past our own proxies to the client. An
    // entry that is not an address ends the walk at the last hop we could vouch for: skipping
    // it would let a client slip any address it likes in front of it.
    let hops = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|part| {
            part.trim()
                .parse::<IpAddr>()
                .ok()
                .map(|ip| ip.to_canonical())
        })
        .collect::<Vec<_>>();
    let mut ip = peer;
    for hop in hops.iter().rev() {
        let Some(hop) = hop else { break };
        ip = *hop;
        if !is_trusted(hop) {
            break;
        }
    }
    // The nearest proxy's word counts: the last value of the last header.
    let https = headers
        .get_all("x-forwarded-proto")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .next_back()
        .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"));
    ClientInfo { ip, https }
}

fn is_trusted(ip: IpAddr, trusted: &[IpAddr]) -> bool {
    let ip = ip.to_canonical();
    trusted.iter().any(|t| t.to_canonical() == ip)
}

/// The longest `X-Request-Id` believed; nginx's `$request_id` is 32 hex digits.
const MAX_REQUEST_ID: usize = 128;

/// The `X-Request-Id` a trusted proxy gave the request, if the peer is one and the id is a
/// plain token. Only a proxy's id is believed: a client choosing its own could make the visit
/// counter take new views for retries.
pub fn proxy_request_id(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> Option<String> {
    if !is_trusted(peer, trusted) {
        return None;
    }
    let mut values = headers.get_all("x-request-id").iter();
    let id = values.next()?.to_str().ok()?.trim();
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':');
    // Two ids make neither trustworthy.
    (values.next().is_none()
        && !id.is_empty()
        && id.len() <= MAX_REQUEST_ID
        && id.chars().all(plain))
    .then(|| id.to_string())
}

/// Axum middleware: puts [`ClientInfo`] (and a trusted proxy's request id) into the request, and marks cookies `Secure` on
/// responses to HTTPS clients.
pub async fn identify_client(
    State(trusted): State<Arc<[IpAddr]>>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    let client = client_info(peer, request.headers(), &trusted);
    request.extensions_mut().insert(client);
    // Only a GET or HEAD can come again: nginx never resends a POST (no `non_idempotent`).
    let resendable = matches!(*request.method(), Method::GET | Method::HEAD);
    if let Some(id) = resendable
        .then(|| proxy_request_id(peer, request.headers(), &trusted))
        .flatten()
    {
        request
            .extensions_mut()
            .insert(app::server::context::ProxyRequestId(id));
    }
    // The app layer's own view of the same address (the devices page and login lockout).
    request
        .extensions_mut()
        .insert(app::server::context::ClientAddress(client.ip));
    let mut response = next.run(request).await;
    if client.https {
        mark_cookies_secure(response.headers_mut());
    }
    response
}

/// Adds `Secure` to every `Set-Cookie` that lacks it.
fn mark_cookies_secure(headers: &mut HeaderMap) {
    let cookies: Vec<HeaderValue> = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .cloned()
        .collect();
    if cookies.is_empty() {
        return;
    }
    headers.remove(header::SET_COOKIE);
    for cookie in cookies {
        let secured = cookie
            .to_str()
            .ok()
            .filter(|c| {
                !c.split(';')
                    .any(|a| a.trim().eq_ignore_ascii_case("secure"))
            })
            .and_then(|c| HeaderValue::from_str(&format!("{c}; Secure")).ok())
            .unwrap_or(cookie);
        headers.append(header::SET_COOKIE, secured);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(*k, HeaderValue::from_static(v));
        }
        map
    }

    const PROXY: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
    const CLIENT: IpAddr = IpAddr::V4(Ipv4Addr::new(203, 0, 113, 7));

    #[test]
    fn untrusted_peers_cannot_claim_another_ip_or_https() {
        let h = headers(&[
            ("x-forwarded-for", "1.2.3.4"),
            ("x-forwarded-proto", "https"),
        ]);
        assert_eq!(
            client_info(CLIENT, &h, &[PROXY]),
            ClientInfo {
                ip: CLIENT,
                https: false
            }
        );
    }

    #[test]
    fn trusted_proxy_headers_are_believed() {
        let h = headers(&[
            ("x-forwarded-for", "198.51.100.1, 203.0.113.7"),
            ("x-forwarded-proto", "https"),
        ]);
        assert_eq!(
            client_info(PROXY, &h, &[PROXY]),
            ClientInfo {
                ip: CLIENT,
                https: true
            }
        );
        let plain = headers(&[("x-forwarded-proto", "http")]);
        assert_eq!(
            client_info(PROXY, &plain, &[PROXY]),
            ClientInfo {
                ip: PROXY,
                https: false
            }
        );
    }

    #[test]
    fn an_ipv4_mapped_peer_is_its_trusted_ipv4_proxy() {
        let h = headers(&[("x-forwarded-for", "203.0.113.7")]);
        let mapped: IpAddr = "::ffff:10.0.0.1".parse().unwrap();
        assert_eq!(client_info(mapped, &h, &[PROXY]).ip, CLIENT);
        let other: IpAddr = "::ffff:10.0.0.9".parse().unwrap();
        assert_eq!(
            client_info(other, &h, &[PROXY]).ip,
            IpAddr::V4(Ipv4Addr::new(10, 0, 0, 9)),
            "an untrusted mapped peer is itself, in IPv4 form"
        );
    }

    #[test]
    fn only_a_trusted_proxy_names_the_request() {
        let id = "4f1c0e8a9b7d6c5e4f3a2b1c0d9e8f7a";
        let h = headers(&[("x-request-id", id)]);
        assert_eq!(proxy_request_id(PROXY, &h, &[PROXY]).as_deref(), Some(id));
        assert_eq!(
            proxy_request_id(CLIENT, &h, &[PROXY]),
            None,
            "a client's own id"
        );
        assert_eq!(proxy_request_id(PROXY, &headers(&[]), &[PROXY]), None);
        for bad in ["", "a b", "<script>", "x;y"] {
            let h = headers(&[("x-request-id", bad)]);
            assert_eq!(proxy_request_id(PROXY, &h, &[PROXY]), None, "{bad:?}");
        }
        let long = HeaderMap::from_iter([(
            "x-request-id".parse().unwrap(),
            HeaderValue::from_str(&"a".repeat(MAX_REQUEST_ID + 1)).unwrap(),
        )]);
        assert_eq!(proxy_request_id(PROXY, &long, &[PROXY]), None, "too long");
        let two = headers(&[("x-request-id", "a"), ("x-request-id", "b")]);
        assert_eq!(proxy_request_id(PROXY, &two, &[PROXY]), None, "two ids");
    }

    #[test]
    fn an_entry_that_is_no_address_stops_the_walk() {
        let second_proxy = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));
        let h = headers(&[("x-forwarded-for", "198.51.100.1, not-an-ip, 10.0.0.2")]);
        assert_eq!(
            client_info(PROXY, &h, &[PROXY, second_proxy]).ip,
            second_proxy,
            "not the address the client wrote before the junk"
        );
        let junk_first = headers(&[("x-forwarded-for", "junk")]);
        assert_eq!(client_info(PROXY, &junk_first, &[PROXY]).ip, PROXY);
    }

    #[test]
    fn cookies_gain_secure_once() {
        let mut h = headers(&[
            ("set-cookie", "sessionid=abc; HttpOnly; Path=/"),
            ("set-cookie", "other=1; Secure"),
        ]);
        mark_cookies_secure(&mut h);
        let cookies: Vec<_> = h.get_all("set-cookie").iter().collect();
        assert_eq!(cookies[0], "sessionid=abc; HttpOnly; Path=/; Secure");
        assert_eq!(cookies[1], "other=1; Secure");
    }
}
