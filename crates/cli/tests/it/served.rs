//! A real `artel serve` for the tests that talk to one over HTTP: started on a free port,
//! its address read from the line it prints when it listens, stopped (SIGTERM) when
//! dropped or killed outright; and the small HTTP/1.1 client those tests use.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, ExitStatus};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::harness::Artel;

/// A running `artel serve`, stopped with SIGTERM when dropped.
pub struct Server {
    process: Child,
    /// `127.0.0.1:PORT`.
    pub address: String,
    /// What the server printed up to the line saying where it listens.
    pub printed: String,
}

impl Server {
    /// Starts `artel serve --addr 127.0.0.1:0 EXTRA…` and waits until it listens.
    pub fn start(artel: &Artel, extra: &[&str]) -> Server {
        let mut args = vec!["serve", "--addr", "127.0.0.1:0"];
        args.extend_from_slice(extra);
        let mut process = artel.spawn(&args);
        let mut stderr = BufReader::new(process.stderr.take().expect("stderr"));
        let mut printed = String::new();
        let address = loop {
            let mut line = String::new();
            assert!(
                stderr.read_line(&mut line).expect("a line") > 0,
                "the server ended early: {printed}"
            );
            printed.push_str(&line);
            if let Some(rest) = line.split("listening on http://").nth(1) {
                break rest
                    .split_whitespace()
                    .next()
                    .expect("an address")
                    .to_owned();
            }
        };
        // The rest of what it prints is read away, so a full pipe never blocks it.
        std::thread::spawn(move || io::copy(&mut stderr, &mut io::sink()));
        Server {
            process,
            address,
            printed,
        }
    }

    /// Starts `artel serve --demo`.
    pub fn demo(artel: &Artel) -> Server {
        Server::start(artel, &["--demo"])
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Sends `signal` (`-KILL`, `-TERM`) and waits for the process to end.
    pub fn signal(mut self, signal: &str) -> ExitStatus {
        let sent = Command::new("kill")
            .args([signal, &self.process.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill {signal} failed");
        self.process.wait().expect("the server ends")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.process.try_wait() {
            let _ = Command::new("kill")
                .args(["-TERM", &self.process.id().to_string()])
                .status();
            let _ = self.process.wait();
        }
    }
}

/// Posts one entry after another to the book `coop` (memos `TAG entry N`, each with an
/// `Idempotency-Key` of its own) until `stop` is set or the server stops answering;
/// returns the memos of those it acknowledged with `201`.
pub fn post_entries(address: &str, token: &str, tag: &str, stop: &AtomicBool) -> Vec<String> {
    let bearer = format!("Bearer {token}");
    let mut acknowledged = Vec::new();
    for number in 0.. {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let memo = format!("{tag} entry {number}");
        let body = format!(
            r#"{{"date": "2024-03-{:02}", "memo": "{memo}", "postings": [{{"account": "Assets:Cash", "amount": "{}.25"}}, {{"account": "Income:Sales", "amount": "-{}.25"}}]}}"#,
            1 + number % 28,
            1 + number % 97,
            1 + number % 97
        );
        let headers = [
            ("Authorization", bearer.as_str()),
            ("Content-Type", "application/json"),
            ("Idempotency-Key", memo.as_str()),
        ];
        match try_http(
            address,
            "POST",
            "/api/v1/books/coop/entries",
            &headers,
            &body,
        ) {
            Ok((201, _)) => acknowledged.push(memo),
            Ok((status, answer)) => panic!("a post answered {status}: {answer}"),
            Err(error) => {
                eprintln!("{tag} stopped after {number}: {error}");
                break;
            }
        }
    }
    acknowledged
}

/// One HTTP/1.1 request over a new connection; returns the status and the body.
pub fn http(
    address: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    try_http(address, method, path, headers, body)
        .unwrap_or_else(|error| panic!("{method} {path} to {address}: {error}"))
}

/// [`http`], with a failure to connect, send or read returned instead of failing the test
/// (a server that was killed).
pub fn try_http(
    address: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> io::Result<(u16, String)> {
    let stream = TcpStream::connect(address)?;
    let reply = exchange(stream, address, method, path, headers, body)?;
    Ok((reply.status, reply.body))
}

/// A response: its status, its head (status line and headers) and its body.
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Reply {
    /// The value of header `name` (any letter case), if the response has it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// One HTTP/1.1 request over `stream`, already connected to `address`.
pub fn exchange(
    mut stream: TcpStream,
    address: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> io::Result<Reply> {
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes())?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let broken = || io::Error::new(io::ErrorKind::UnexpectedEof, "a cut-off response");
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(broken)?;
    let (head, body) = response.split_once("\r\n\r\n").ok_or_else(broken)?;
    // Bodies may come chunked; a JSON body of these small answers is one chunk.
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body.split_once("\r\n")
            .map(|(_, rest)| {
                rest.rsplit_once("\r\n0\r\n")
                    .map_or(rest, |(chunk, _)| chunk)
            })
            .unwrap_or(body)
            .trim_end()
            .to_owned()
    } else {
        body.to_owned()
    };
    Ok(Reply {
        status,
        head: head.to_owned(),
        body,
    })
}
