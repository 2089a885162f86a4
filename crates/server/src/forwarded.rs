//! Behind a reverse proxy every connection comes from the proxy, and the client's address
//! is in `X-Forwarded-For`. For a connection from a proxy the operator trusts
//! (`artel serve --trusted-proxy IP`), the client is the right-most address of that header
//! that is not itself a trusted proxy — the ones to its left are whatever the client chose
//! to send. The request then carries that address as its peer, so that the rate limit, the
//! sign-in throttling and the security events all see the client rather than the proxy.
//! From any other peer the header is ignored.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub Arc<[IpAddr]>);

/// Replaces the peer of a request from a trusted proxy by the client it forwards for.
pub async fn client_behind_proxy(
    State(proxies): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0);
    if let Some(peer) = peer
        && proxies.0.contains(&peer.ip())
        && let Some(client) = forwarded_client(request.headers(), &proxies.0)
    {
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(client, peer.port())));
    }
    next.run(request).await
}

/// The right-most address of `X-Forwarded-For` (all its lines, in order) that is not one
/// of `proxies`; `None` when there is none, or when that entry is not an address.
fn forwarded_client(headers: &HeaderMap, proxies: &[IpAddr]) -> Option<IpAddr> {
    let mut hops: Vec<&str> = Vec::new();
    for value in headers.get_all("x-forwarded-for") {
        hops.extend(value.to_str().ok()?.split(',').map(str::trim));
    }
    for hop in hops.into_iter().rev() {
        let address: IpAddr = hop.parse().ok()?;
        if !proxies.contains(&address) {
            return Some(address);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(values: &[&str], proxies: &[&str]) -> Option<String> {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", value.parse().unwrap());
        }
        let proxies: Vec<IpAddr> = proxies.iter().map(|p| p.parse().unwrap()).collect();
        forwarded_client(&headers, &proxies).map(|a| a.to_string())
    }

    #[test]
    fn the_client_is_the_last_hop_before_the_trusted_proxies() {
        let proxy = "10.0.0.1";
        assert_eq!(
            client(&["203.0.113.7"], &[proxy]).as_deref(),
            Some("203.0.113.7")
        );
        // What the client wrote itself, to the left, is not believed.
        assert_eq!(
            client(&["1.2.3.4, 203.0.113.7"], &[proxy]).as_deref(),
            Some("203.0.113.7")
        );
        // A chain of trusted proxies is walked back; several header lines read in order.
        assert_eq!(
            client(
                &["198.51.100.9", "203.0.113.7, 10.0.0.2"],
                &[proxy, "10.0.0.2"]
            )
            .as_deref(),
            Some("203.0.113.7")
        );
        assert_eq!(
            client(&["2001:db8::5"], &[proxy]).as_deref(),
            Some("2001:db8::5")
        );
        // Nothing usable: the proxy's own address stays.
        assert_eq!(client(&[], &[proxy]), None);
        assert_eq!(client(&["not an address"], &[proxy]), None);
        assert_eq!(client(&["10.0.0.1"], &[proxy]), None);
    }
}
