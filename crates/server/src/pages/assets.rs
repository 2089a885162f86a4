//! The static files, compiled into the binary and served under `/static/`. Pages link to
//! them with their content's hash in the query (`/static/artel.css?v=…`), so browsers may
//! keep them for a year and still fetch a changed file at once.

use std::sync::LazyLock;

use artel_app::Artel;
use axum::Router;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::routing::get;

/// htmx 2.0.11 (`npm pack htmx.org@2`, `dist/htmx.min.js`), BSD Zero Clause licence.
const HTMX: &str = include_str!("../../static/htmx.min.js");
const CSS: &str = include_str!("../../static/artel.css");
const ENTRY_FORM: &str = include_str!("../../static/entry-form.js");

const FILES: [(&str, &str, &str); 3] = [
    ("htmx.min.js", "text/javascript; charset=utf-8", HTMX),
    ("artel.css", "text/css; charset=utf-8", CSS),
    (
        "entry-form.js",
        "text/javascript; charset=utf-8",
        ENTRY_FORM,
    ),
];

/// A year: the address changes with the content.
const CACHE: &str = "public, max-age=31536000, immutable";

/// FNV-1a, enough to tell versions of a file apart.
fn version(content: &str) -> String {
    let hash = content
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{:08x}", hash >> 32)
}

static VERSIONS: LazyLock<Vec<(&'static str, String)>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|(name, _, content)| (*name, version(content)))
        .collect()
});

/// The address of the static file `name`, with its version.
pub fn url(name: &str) -> String {
    match VERSIONS.iter().find(|(n, _)| *n == name) {
        Some((name, version)) => format!("/static/{name}?v={version}"),
        None => format!("/static/{name}"),
    }
}

pub fn router() -> Router<Artel> {
    let mut router = Router::new();
    for (name, content_type, content) in FILES {
        router = router.route(
            &format!("/static/{name}"),
            get(move || async move {
                (
                    [(CONTENT_TYPE, content_type), (CACHE_CONTROL, CACHE)],
                    content,
                )
                    .into_response()
            }),
        );
    }
    router
}
