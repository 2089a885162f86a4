//! How much one client may ask of the server: requests per second per client address,
//! counted by a token bucket for each address (tower_governor). A client over its rate is
//! answered `429 Too Many Requests` with `Retry-After`, in the API's error body, before any
//! work is done for it. (The largest request body is limited in [`crate::router`].)

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Response, StatusCode};
use axum::response::IntoResponse;
use governor::middleware::NoOpMiddleware;
use tower_governor::GovernorLayer;
use tower_governor::governor::{GovernorConfig, GovernorConfigBuilder};
use tower_governor::key_extractor::PeerIpKeyExtractor;

use crate::ApiError;

/// How often addresses whose buckets are full again are forgotten.
const FORGET_EVERY: Duration = Duration::from_secs(60);

/// Requests a second each client address may make on average; it may make twice as many
/// at once after a pause (a page and what it loads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub per_second: u32,
}

impl RateLimit {
    /// Requests allowed at once.
    pub fn burst(self) -> u32 {
        self.per_second.saturating_mul(2)
    }
}

impl FromStr for RateLimit {
    type Err = String;

    /// `N` requests a second, `1` or more.
    fn from_str(text: &str) -> Result<RateLimit, String> {
        match text.parse::<u32>() {
            Ok(per_second) if per_second > 0 => Ok(RateLimit { per_second }),
            _ => Err(format!(
                "'{text}' is not a rate: give the requests a second each client address may \
                 make, 1 or more"
            )),
        }
    }
}

/// A limit on each client address.
type Limited = GovernorLayer<PeerIpKeyExtractor, NoOpMiddleware, Body>;

/// The layer that holds every client address to `limit`, and a task that forgets the
/// addresses that have been quiet (so the table does not grow without end).
pub(crate) fn layer(limit: RateLimit) -> Limited {
    let period = Duration::from_nanos(1_000_000_000 / u64::from(limit.per_second.max(1)));
    let config: Arc<GovernorConfig<PeerIpKeyExtractor, NoOpMiddleware>> = Arc::new(
        GovernorConfigBuilder::default()
            .period(period.max(Duration::from_nanos(1)))
            .burst_size(limit.burst().max(1))
            .finish()
            .unwrap_or_else(|| unreachable!("the period and the burst are above zero")),
    );
    let limiter = Arc::clone(config.limiter());
    tokio::spawn(async move {
        let mut every = tokio::time::interval(FORGET_EVERY);
        loop {
            every.tick().await;
            limiter.retain_recent();
        }
    });
    GovernorLayer::new(config).error_handler(refusal)
}

/// The API's error body for a client over its rate, keeping the `Retry-After` header.
fn refusal(error: tower_governor::GovernorError) -> Response<Body> {
    match error {
        tower_governor::GovernorError::TooManyRequests { wait_time, headers } => {
            let mut response = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!("too many requests from this address; try again in {wait_time} s"),
            )
            .into_response();
            if let Some(headers) = headers {
                response.headers_mut().extend(headers);
            }
            response
        }
        other => {
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()).into_response()
        }
    }
}
