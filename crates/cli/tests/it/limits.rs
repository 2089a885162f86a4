//! What one client may ask of a real `artel serve`: a flood from one address is answered
//! `429` with `Retry-After` in the API's error body once past its rate, while another
//! address is served as usual meanwhile; a body larger than the limit is refused with
//! `413` before it is read; `--no-rate-limit` takes the same flood whole. Behind a trusted
//! proxy each forwarded client has its own limit, and the header is ignored from others.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::thread;
use std::time::Instant;

use crate::harness::Artel;
use crate::served::{Reply, Server, exchange, http};

/// Requests a second allowed per address in these tests (twice as many at once).
const RATE: u32 = 10;
/// Clients flooding at once, and requests each.
const CLIENTS: usize = 8;
const REQUESTS: usize = 25;

#[test]
fn a_flood_from_one_address_is_held_to_its_rate() {
    let artel = Artel::sqlite();
    artel.ok(&["init"]);
    let server = Server::start(&artel, &["--rate-limit", &RATE.to_string()]);
    let started = Instant::now();
    let replies = flood(&server.address);
    let seconds = started.elapsed().as_secs_f64();
    let served = replies.iter().filter(|r| r.status == 200).count();
    let refused: Vec<&Reply> = replies.iter().filter(|r| r.status == 429).collect();
    assert_eq!(served + refused.len(), CLIENTS * REQUESTS, "other statuses");
    // A full bucket, and what trickled back in while the flood lasted.
    let allowed = (2 * RATE) as usize + (f64::from(RATE) * seconds).ceil() as usize;
    assert!(
        served <= allowed,
        "{served} served in {seconds:.2} s; at most {allowed} may be"
    );
    assert!(!refused.is_empty(), "nothing was refused");
    let refusal = refused[0];
    let wait: u64 = refusal
        .header("retry-after")
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(|| panic!("no Retry-After in {}", refusal.head));
    assert!(wait <= 1, "Retry-After {wait} s at {RATE} a second");
    let body: serde_json::Value = serde_json::from_str(&refusal.body).expect("a JSON body");
    assert_eq!(body["status"], 429, "{body}");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("too many requests")),
        "{body}"
    );

    // Another address is not held back by the flood from the first.
    let other = from_address("127.0.0.2", &server.address);
    let reply = exchange(other, &server.address, "GET", "/healthz", &[], "").expect("a reply");
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[test]
fn behind_a_trusted_proxy_each_forwarded_client_is_limited_alone() {
    let artel = Artel::sqlite();
    artel.ok(&["init"]);
    let rate = RATE.to_string();
    let server = Server::start(
        &artel,
        &["--rate-limit", &rate, "--trusted-proxy", "127.0.0.1"],
    );
    let get = |source: &str, forwarded_for: &str| {
        let stream = from_address(source, &server.address);
        let headers = [("X-Forwarded-For", forwarded_for)];
        exchange(stream, &server.address, "GET", "/healthz", &headers, "")
            .expect("a reply")
            .status
    };
    // One client behind the proxy (the header's left part is the client's own, ignored)
    // uses up its bucket ...
    let statuses: Vec<u16> = (0..3 * RATE)
        .map(|_| get("127.0.0.1", "6.6.6.6, 203.0.113.1"))
        .collect();
    assert!(statuses.contains(&429), "{statuses:?}");
    // ... while another client behind the same proxy is served,
    assert_eq!(get("127.0.0.1", "203.0.113.2"), 200);
    // and from an address that is no trusted proxy the header counts for nothing: it is
    // limited as itself, not as the client it names.
    assert_eq!(get("127.0.0.2", "203.0.113.1"), 200);
    // The security events record the forwarded client's address.
    let stream = from_address("127.0.0.1", &server.address);
    let headers = [
        ("X-Forwarded-For", "198.51.100.9"),
        ("Content-Type", "application/json"),
    ];
    let body = r#"{"name": "nobody", "password": "not a password at all"}"#;
    let reply = exchange(
        stream,
        &server.address,
        "POST",
        "/api/v1/session",
        &headers,
        body,
    )
    .expect("a reply");
    assert_eq!(reply.status, 401, "{}", reply.body);
    let events = artel.ok(&["audit", "--security", "--format", "csv"]);
    assert!(
        events
            .lines()
            .any(|l| l.contains("nobody,198.51.100.9,sign-in.refused")),
        "{events}"
    );
}

#[test]
fn without_a_rate_limit_the_flood_is_served() {
    let artel = Artel::sqlite();
    artel.ok(&["init"]);
    let server = Server::start(&artel, &["--no-rate-limit"]);
    let replies = flood(&server.address);
    assert!(
        replies.iter().all(|reply| reply.status == 200),
        "refused without a limit"
    );
}

#[test]
fn a_body_over_the_limit_is_refused_unread() {
    let artel = Artel::sqlite();
    artel.cooperative("coop", &[]);
    let token = artel.accountant_token("wang", "coop");
    let server = Server::start(&artel, &[]);
    // Three megabytes of postings announced — a well-formed entry, only too large — and
    // only the first kilobyte sent: the answer comes without the rest.
    let posting = r#"{"account": "Assets:Cash", "amount": "0.00"}, "#;
    let body = format!(
        r#"{{"date": "2024-03-01", "memo": "large", "postings": [{}{{"account": "Income:Sales", "amount": "0.00"}}]}}"#,
        posting.repeat(3 * 1024 * 1024 / posting.len())
    );
    let mut stream = TcpStream::connect(&server.address).expect("connect");
    let head = format!(
        "POST /api/v1/books/coop/entries HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
         Authorization: Bearer {token}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        server.address,
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("send the head");
    stream
        .write_all(&body.as_bytes()[..1024])
        .expect("send the start");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("an answer");
    assert!(answer.starts_with("HTTP/1.1 413 "), "{answer}");
    let (status, _) = http(&server.address, "GET", "/healthz", &[], "");
    assert_eq!(status, 200);
    assert_eq!(
        artel.query_strings("SELECT CAST(COUNT(*) AS TEXT) FROM entries"),
        ["0"],
        "the large entry was posted"
    );
}

/// `CLIENTS` threads each asking `/healthz` `REQUESTS` times as fast as answers come.
fn flood(address: &str) -> Vec<Reply> {
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let address = address.to_owned();
            thread::spawn(move || {
                (0..REQUESTS)
                    .map(|_| {
                        let stream = TcpStream::connect(&address).expect("connect");
                        exchange(stream, &address, "GET", "/healthz", &[], "").expect("a reply")
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    clients
        .into_iter()
        .flat_map(|client| client.join().expect("a client"))
        .collect()
}

/// A connection to `address` from the loopback address `source` (any of 127.0.0.0/8).
fn from_address(source: &str, address: &str) -> TcpStream {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let stream = runtime.block_on(async {
        let socket = tokio::net::TcpSocket::new_v4().expect("a socket");
        let from: SocketAddr = format!("{source}:0").parse().expect("an address");
        socket.bind(from).expect("bind the source address");
        let to: SocketAddr = address.parse().expect("the server's address");
        socket.connect(to).await.expect("connect")
    });
    let stream = stream.into_std().expect("a blocking stream");
    stream.set_nonblocking(false).expect("blocking");
    stream
}
