//! `load`: many concurrent clients against a running `artel serve`, for `scripts/bench`.
//!
//! `load post` has each client post single entries through `POST /api/v1/books/{book}/entries`
//! with its bearer token and a fresh `Idempotency-Key` per entry, one request at a time, and
//! counts only `201` answers; `load get PATH` has each client read one API path again and
//! again — an API route or a web page (`/books/CODE`, with the session cookie as a
//! `--header 'Cookie: __Host-artel-session=…'`); only `200` counts. Both print one JSON
//! line: requests, seconds, requests per second, and the latency percentiles in
//! milliseconds, measured per request from sending to the whole answer read.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Method, Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

#[derive(Parser)]
#[command(about = "Concurrent clients against a running artel serve")]
struct Args {
    /// The server, e.g. http://127.0.0.1:8080.
    #[arg(long)]
    url: String,
    /// An API token (`artel token create`), sent as `Authorization: Bearer TOKEN`.
    #[arg(long)]
    token: Option<String>,
    /// A header sent with every request, `'Name: value'` (e.g. a session cookie); may be
    /// given again.
    #[arg(long = "header", value_name = "'NAME: VALUE'", value_parser = header)]
    headers: Vec<(String, String)>,
    /// Concurrent clients, each with its own connection.
    #[arg(long, default_value_t = 64)]
    clients: usize,
    /// Requests each client sends.
    #[arg(long, default_value_t = 500)]
    requests: usize,
    #[command(subcommand)]
    work: Work,
}

#[derive(Subcommand, Clone)]
enum Work {
    /// Post single entries (a debit and a credit of one unit) to a book.
    Post {
        #[arg(long)]
        book: String,
        #[arg(long, default_value = "Assets:Cash")]
        debit: String,
        #[arg(long, default_value = "Income:Sales")]
        credit: String,
        /// The entries' date.
        #[arg(long, default_value = "1954-03-15")]
        date: String,
    },
    /// Read one path, e.g. /api/v1/books/bench/trial-balance.
    Get { path: String },
}

/// `Name: value` as a header's name and value.
fn header(text: &str) -> Result<(String, String), String> {
    let (name, value) = text
        .split_once(':')
        .ok_or_else(|| format!("'{text}' is not 'Name: value'"))?;
    let (name, value) = (name.trim(), value.trim());
    hyper::header::HeaderName::from_bytes(name.as_bytes()).map_err(|e| format!("'{name}': {e}"))?;
    hyper::header::HeaderValue::from_str(value).map_err(|e| format!("'{value}': {e}"))?;
    Ok((name.to_owned(), value.to_owned()))
}

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// What one client saw: its latencies and its failures (status and body of the first).
#[derive(Default)]
struct Outcome {
    latencies: Vec<Duration>,
    failures: usize,
    first_failure: Option<String>,
}

fn request(args: &Args, client: usize, number: usize, run: u128) -> Result<Request<Full<Bytes>>> {
    let mut builder = Request::builder();
    if let Some(token) = &args.token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    for (name, value) in &args.headers {
        builder = builder.header(name, value);
    }
    let request = match &args.work {
        Work::Post {
            book,
            debit,
            credit,
            date,
        } => {
            let body = serde_json::json!({
                "date": date,
                "memo": format!("load {client}/{number}"),
                "postings": [
                    {"account": debit, "amount": "1.00"},
                    {"account": credit, "amount": "-1.00"},
                ],
            });
            builder
                .method(Method::POST)
                .uri(format!("{}/api/v1/books/{book}/entries", args.url))
                .header("content-type", "application/json")
                .header("idempotency-key", format!("load-{run}-{client}-{number}"))
                .body(Full::new(Bytes::from(body.to_string())))?
        }
        Work::Get { path } => builder
            .method(Method::GET)
            .uri(format!("{}{path}", args.url))
            .body(Full::new(Bytes::new()))?,
    };
    Ok(request)
}

async fn run_client(
    args: Arc<Args>,
    http: HttpClient,
    client: usize,
    run: u128,
) -> Result<Outcome> {
    let expected = match args.work {
        Work::Post { .. } => StatusCode::CREATED,
        Work::Get { .. } => StatusCode::OK,
    };
    let mut outcome = Outcome {
        latencies: Vec::with_capacity(args.requests),
        ..Outcome::default()
    };
    for number in 0..args.requests {
        let request = request(&args, client, number, run)?;
        let started = Instant::now();
        let response = http.request(request).await.context("sending a request")?;
        let status = response.status();
        let body = response.into_body().collect().await?.to_bytes();
        outcome.latencies.push(started.elapsed());
        if status != expected {
            outcome.failures += 1;
            if outcome.first_failure.is_none() {
                // A page's answer may be long: its beginning is enough.
                let text: String = String::from_utf8_lossy(&body).chars().take(500).collect();
                outcome.first_failure = Some(format!("{status}: {text}"));
            }
        }
    }
    Ok(outcome)
}

fn percentile(sorted: &[Duration], per_mille: usize) -> f64 {
    let Some(last) = sorted.len().checked_sub(1) else {
        return 0.0;
    };
    sorted[(last * per_mille).div_ceil(1000)].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Arc::new(Args::parse());
    let http: HttpClient = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(args.clients)
        .build_http();
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_nanos();
    let started = Instant::now();
    let tasks: Vec<_> = (0..args.clients)
        .map(|client| tokio::spawn(run_client(Arc::clone(&args), http.clone(), client, run)))
        .collect();
    let mut latencies = Vec::with_capacity(args.clients * args.requests);
    let (mut failures, mut first_failure) = (0, None);
    for task in tasks {
        let outcome = task.await??;
        latencies.extend(outcome.latencies);
        failures += outcome.failures;
        first_failure = first_failure.or(outcome.first_failure);
    }
    let seconds = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let requests = latencies.len();
    println!(
        "{}",
        serde_json::json!({
            "requests": requests,
            "failures": failures,
            "seconds": seconds,
            "per_second": (requests - failures) as f64 / seconds,
            "p50_ms": percentile(&latencies, 500),
            "p99_ms": percentile(&latencies, 990),
            "max_ms": percentile(&latencies, 1000),
        })
    );
    if let Some(failure) = first_failure {
        bail!("{failures} of {requests} requests failed; the first: {failure}");
    }
    Ok(())
}
