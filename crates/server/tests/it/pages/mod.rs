//! The web pages, in process: each in both languages with no English left on a Chinese
//! page, every form's refusals next to its fields, and 404 (with nothing of the
//! organisation in it) for callers without a role. The helpers here send browser-like
//! requests; the tests are grouped by the part of the site they cover.

mod account;
mod books;
mod campaigns;
mod catalogs;
mod decisions;
mod journal;
mod loans;
mod production;
mod production_charts;
mod profile;
mod sales;
mod statistics;
mod stock;
mod year_end;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::harness::TestApp;

pub const PASSWORD: &str = "correct horse battery";

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as sent, for files.
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The value the answer's `Set-Cookie` gives `name`.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.strip_prefix(name)?.strip_prefix('='))
            .map(|v| v.split(';').next().unwrap_or("").to_owned())
            .next()
    }
}

/// A browser-like request: `cookies` as sent, `form` urlencoded.
pub async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    cookies: &[(&str, &str)],
    form: Option<&[(&str, &str)]>,
    headers: &[(&str, &str)],
) -> Answer {
    let mut request = Request::builder().method(method).uri(path);
    if !cookies.is_empty() {
        let cookie = cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ");
        request = request.header("cookie", cookie);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = match form {
        Some(form) => {
            let body = form
                .iter()
                .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
                .collect::<Vec<_>>()
                .join("&");
            request
                .header("content-type", "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body))
        }
        None => request.body(Body::empty()),
    }
    .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

pub async fn get(app: &TestApp, path: &str, cookies: &[(&str, &str)]) -> Answer {
    send(app, Method::GET, path, cookies, None, &[]).await
}

pub async fn post(
    app: &TestApp,
    path: &str,
    cookies: &[(&str, &str)],
    form: &[(&str, &str)],
) -> Answer {
    send(app, Method::POST, path, cookies, Some(form), &[]).await
}

/// The message shown under `field`.
pub fn field_error(answer: &Answer, field: &str) -> String {
    let marker = format!("id=\"{field}-error\">");
    let start = answer
        .body
        .find(&marker)
        .unwrap_or_else(|| panic!("no error at {field}: {}", answer.body))
        + marker.len();
    let rest = &answer.body[start..];
    rest[..rest.find('<').unwrap_or(rest.len())].to_owned()
}

/// The cell after the row heading or first cell `label`.
pub fn amount_after(body: &str, label: &str) -> String {
    let start = body
        .find(&format!(">{label}</"))
        .unwrap_or_else(|| panic!("{label} not in {body}"));
    let rest = &body[start..];
    let cell = rest.find("class=\"amount\">").expect("an amount") + "class=\"amount\">".len();
    rest[cell..cell + rest[cell..].find('<').unwrap_or(0)].to_owned()
}

pub const SESSION: &str = "__Host-artel-session";

/// Signs `name` in through the sign-in form; the session token.
pub async fn sign_in(app: &TestApp, name: &str, password: &str) -> String {
    let answer = post(
        app,
        "/sign-in",
        &[],
        &[("name", name), ("password", password), ("next", "/")],
    )
    .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    answer.cookie(SESSION).expect("a session cookie")
}

pub async fn with_password(app: &TestApp, name: &str) {
    app.artel.set_password(name, PASSWORD).await.unwrap();
}

/// The text a reader sees or hears: outside tags, and in `aria-label`, `title`,
/// `placeholder` and `data-label` attributes.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        text.push(' ');
        let Some(end) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + end];
        for attribute in [
            "aria-label=\"",
            "title=\"",
            "placeholder=\"",
            "data-label=\"",
        ] {
            let mut tag_rest = tag;
            while let Some(at) = tag_rest.find(attribute) {
                let value = &tag_rest[at + attribute.len()..];
                let value_end = value.find('"').unwrap_or(value.len());
                text.push_str(&value[..value_end]);
                text.push(' ');
                tag_rest = &value[value_end..];
            }
        }
        rest = &rest[start + end + 1..];
    }
    text.push_str(rest);
    text
}

/// Words a Chinese page may show in Latin letters: the product's name, the language
/// switch's "English", and the time zone.
const LATIN_ALLOWED: [&str; 3] = ["Artel", "English", "UTC"];

/// Asserts that a page is in Chinese: `<html lang="zh-CN">`, and no Latin word in what the
/// reader sees but data (`data`: names, codes) and [`LATIN_ALLOWED`].
pub fn assert_translated(html: &str, data: &[&str]) {
    assert!(html.contains("<html lang=\"zh-CN\">"), "{html}");
    let mut text = visible_text(html);
    // Longest first, so that a name is not cut by a shorter one it starts with.
    let mut data: Vec<&str> = data.iter().chain(LATIN_ALLOWED.iter()).copied().collect();
    data.sort_by_key(|datum| std::cmp::Reverse(datum.len()));
    for datum in data {
        text = text.replace(datum, " ");
    }
    let english: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|word| word.len() >= 2)
        .collect();
    assert!(
        english.is_empty(),
        "English left on a Chinese page: {english:?}\n{html}"
    );
}
