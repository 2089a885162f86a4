//! Sign-in and sessions: the `__Host-` cookie, CSRF, sign-out and expiry on the server,
//! disabled users, listing and ending sessions, one-time codes for administrators,
//! throttling without lock-out, and the security headers.

use std::net::{IpAddr, SocketAddr};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use chrono::{Duration, Utc};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::harness::{TestApp, engine_tests};

engine_tests!(
    sign_in_sets_a_host_cookie_that_authenticates,
    cross_site_requests_with_the_cookie_are_refused,
    sign_out_ends_the_session_on_the_server,
    sessions_expire_when_idle_and_at_their_end,
    a_disabled_users_sessions_and_tokens_end,
    users_and_administrators_end_sessions,
    administrators_need_a_one_time_code,
    throttling_slows_guessing_without_locking_out,
    security_events_stay_within_their_regions,
    account_changes_are_security_events,
    security_headers,
);

const PASSWORD: &str = "correct horse battery";

/// A request to the router, with the parts these tests vary.
#[derive(Default)]
struct Call<'a> {
    cookie: Option<&'a str>,
    bearer: Option<&'a str>,
    body: Option<Value>,
    headers: &'a [(&'a str, &'a str)],
    /// The client's address, as the server would see it from the connection.
    address: Option<&'a str>,
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
}

async fn send(app: &TestApp, method: Method, path: &str, call: Call<'_>) -> Answer {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(cookie) = call.cookie {
        request = request.header("cookie", format!("__Host-artel-session={cookie}"));
    }
    if let Some(token) = call.bearer {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    for (name, value) in call.headers {
        request = request.header(*name, *value);
    }
    let mut request = match call.body {
        Some(body) => request
            .header("content-type", "application/json")
            .body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    }
    .unwrap();
    if let Some(address) = call.address {
        let ip: IpAddr = address.parse().unwrap();
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(ip, 50_000)));
    }
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    }
}

fn credentials(name: &str, password: &str) -> Value {
    json!({"name": name, "password": password})
}

/// Signs in from `address`; the answer.
async fn sign_in_from(app: &TestApp, body: Value, address: &str) -> Answer {
    send(
        app,
        Method::POST,
        "/api/v1/session",
        Call {
            body: Some(body),
            address: Some(address),
            headers: &[("user-agent", "test browser")],
            ..Call::default()
        },
    )
    .await
}

/// The session token the answer's `Set-Cookie` carries.
fn session_token(answer: &Answer) -> String {
    let cookie = answer
        .headers
        .get("set-cookie")
        .unwrap_or_else(|| panic!("no cookie: {} {}", answer.status, answer.body))
        .to_str()
        .unwrap();
    cookie
        .strip_prefix("__Host-artel-session=")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// Signs `name` in (with the test password) and returns the session token.
async fn session_of(app: &TestApp, name: &str) -> String {
    let answer = sign_in_from(app, credentials(name, PASSWORD), "192.0.2.1").await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    session_token(&answer)
}

/// Adds the user `name` as administrator over the region `region`.
async fn add_region_administrator(app: &TestApp, name: &str, region: &str) {
    app.artel
        .add_user(
            name,
            "administrator",
            &artel_app::Scope::Region(region.into()),
        )
        .await
        .unwrap();
}

async fn get_with_bearer(app: &TestApp, path: &str, token: &str) -> Answer {
    send(
        app,
        Method::GET,
        path,
        Call {
            bearer: Some(token),
            ..Call::default()
        },
    )
    .await
}

async fn get_with_cookie(app: &TestApp, path: &str, cookie: &str) -> Answer {
    send(
        app,
        Method::GET,
        path,
        Call {
            cookie: Some(cookie),
            ..Call::default()
        },
    )
    .await
}

async fn with_passwords(app: &TestApp, names: &[&str]) {
    for name in names {
        app.artel.set_password(name, PASSWORD).await.unwrap();
    }
}

async fn sign_in_sets_a_host_cookie_that_authenticates(app: &TestApp) {
    with_passwords(app, &["accountant"]).await;
    let answer = sign_in_from(app, credentials("accountant", PASSWORD), "192.0.2.1").await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    assert_eq!(answer.body["name"], "accountant");
    assert_eq!(answer.body["idle_minutes"], 30);
    let cookie = answer.headers["set-cookie"].to_str().unwrap();
    let attributes: Vec<&str> = cookie.split("; ").skip(1).collect();
    for attribute in [
        "Path=/",
        "Secure",
        "HttpOnly",
        "SameSite=Lax",
        "Max-Age=43200",
    ] {
        assert!(
            attributes.contains(&attribute),
            "{attribute} missing: {cookie}"
        );
    }
    assert!(!cookie.to_lowercase().contains("domain="), "{cookie}");
    assert_eq!(answer.headers["cache-control"], "no-store");
    let token = session_token(&answer);
    assert!(token.len() >= 64, "{token}");
    // The cookie authenticates reads.
    let read = get_with_cookie(app, "/api/v1/books/coop-a/trial-balance", &token).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    // The caller's sessions: this one, never the token.
    let listed = get_with_cookie(app, "/api/v1/me/sessions", &token).await;
    assert_eq!(listed.status, StatusCode::OK);
    let sessions = listed.body.as_array().unwrap();
    assert_eq!(sessions.len(), 1, "{}", listed.body);
    assert_eq!(sessions[0]["current"], true);
    assert_eq!(sessions[0]["id"], answer.body["session"]);
    assert_eq!(sessions[0]["address"], "192.0.2.1");
    assert_eq!(sessions[0]["user_agent"], "test browser");
    assert!(!listed.body.to_string().contains(&token));
    assert!(!listed.body.to_string().contains(&token[14..]));
    // A cookie that is no session, and a bearer token where a cookie would do.
    let forged = get_with_cookie(app, "/api/v1/me/sessions", "artel_session_00").await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
    let as_bearer = get_with_bearer(app, "/api/v1/me/sessions", &token).await;
    assert_eq!(as_bearer.status, StatusCode::UNAUTHORIZED);
    // A wrong name and a wrong password read alike.
    let wrong_name = sign_in_from(app, credentials("nobody", PASSWORD), "192.0.2.2").await;
    let wrong_password =
        sign_in_from(app, credentials("accountant", "not the one!"), "192.0.2.2").await;
    let no_password = sign_in_from(app, credentials("member", PASSWORD), "192.0.2.2").await;
    assert_eq!(wrong_name.status, StatusCode::UNAUTHORIZED);
    for other in [&wrong_password, &no_password] {
        assert_eq!(other.status, wrong_name.status);
        assert_eq!(other.body, wrong_name.body);
        assert!(other.headers.get("set-cookie").is_none());
    }
}

fn entry_body(memo: &str) -> Value {
    json!({"date": "2024-04-30", "memo": memo, "postings": [
        {"account": "Assets:Cash", "amount": "1.00"},
        {"account": "Income:Sales", "amount": "-1.00"}]})
}

async fn entry_count(app: &TestApp, cookie: &str) -> usize {
    let answer = get_with_cookie(app, "/api/v1/books/coop-a/entries", cookie).await;
    answer.body["entries"].as_array().unwrap().len()
}

async fn cross_site_requests_with_the_cookie_are_refused(app: &TestApp) {
    with_passwords(app, &["accountant"]).await;
    let token = session_of(app, "accountant").await;
    let before = entry_count(app, &token).await;
    let post = |headers: &'static [(&'static str, &'static str)], memo: &str| {
        send(
            app,
            Method::POST,
            "/api/v1/books/coop-a/entries",
            Call {
                cookie: Some(&token),
                body: Some(entry_body(memo)),
                headers,
                ..Call::default()
            },
        )
    };
    for headers in [
        &[("sec-fetch-site", "cross-site")][..],
        &[("sec-fetch-site", "same-site")],
        &[
            ("host", "artel.example"),
            ("origin", "https://evil.example"),
        ],
    ] {
        let answer = post(headers, "forged").await;
        assert_eq!(
            answer.status,
            StatusCode::FORBIDDEN,
            "{headers:?}: {}",
            answer.body
        );
        assert_eq!(answer.body["status"], 403);
    }
    assert_eq!(
        entry_count(app, &token).await,
        before,
        "a refused request wrote"
    );
    // The same request from the same origin, or from a client that is no browser, is taken.
    for headers in [
        &[("sec-fetch-site", "same-origin")][..],
        &[
            ("host", "artel.example"),
            ("origin", "https://artel.example"),
        ],
        &[],
    ] {
        let answer = post(headers, "genuine").await;
        assert_eq!(
            answer.status,
            StatusCode::CREATED,
            "{headers:?}: {}",
            answer.body
        );
    }
    assert_eq!(entry_count(app, &token).await, before + 3);
    // No other site can sign a browser in, nor sign it out.
    let answer = send(
        app,
        Method::POST,
        "/api/v1/session",
        Call {
            body: Some(credentials("accountant", PASSWORD)),
            headers: &[("sec-fetch-site", "cross-site")],
            ..Call::default()
        },
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(answer.headers.get("set-cookie").is_none());
    let answer = send(
        app,
        Method::DELETE,
        "/api/v1/session",
        Call {
            cookie: Some(&token),
            headers: &[("sec-fetch-site", "cross-site")],
            ..Call::default()
        },
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(
        get_with_cookie(app, "/api/v1/me/sessions", &token)
            .await
            .status,
        StatusCode::OK
    );
}

async fn sign_out_ends_the_session_on_the_server(app: &TestApp) {
    with_passwords(app, &["accountant"]).await;
    let token = session_of(app, "accountant").await;
    let other = session_of(app, "accountant").await;
    let sign_out = || {
        send(
            app,
            Method::DELETE,
            "/api/v1/session",
            Call {
                cookie: Some(&token),
                headers: &[("sec-fetch-site", "same-origin")],
                ..Call::default()
            },
        )
    };
    let answer = sign_out().await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    let cleared = answer.headers["set-cookie"].to_str().unwrap();
    assert!(cleared.starts_with("__Host-artel-session=;"), "{cleared}");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    // The old cookie, replayed, is refused: the session ended on the server.
    let replayed = get_with_cookie(app, "/api/v1/books/coop-a/trial-balance", &token).await;
    assert_eq!(replayed.status, StatusCode::UNAUTHORIZED);
    assert_eq!(sign_out().await.status, StatusCode::UNAUTHORIZED);
    // The user's other session goes on.
    let listed = get_with_cookie(app, "/api/v1/me/sessions", &other).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(listed.body.as_array().unwrap().len(), 1);
}

async fn sessions_expire_when_idle_and_at_their_end(app: &TestApp) {
    with_passwords(app, &["accountant"]).await;
    let start = Utc::now();
    // Idle: used after 29 minutes it lives on; 31 minutes after that use, it has ended.
    let token = session_of(app, "accountant").await;
    let at = |minutes: i64| start + Duration::minutes(minutes);
    let lookup = |token: String, minutes: i64| {
        let artel = app.artel.clone();
        async move {
            artel
                .caller_for_session_at(&token, "192.0.2.1", at(minutes))
                .await
                .unwrap()
        }
    };
    assert!(lookup(token.clone(), 29).await.is_some());
    assert!(lookup(token.clone(), 29 + 31).await.is_none());
    // Ended on the server, not only at that moment: the cookie is refused now.
    let answer = get_with_cookie(app, "/api/v1/me/sessions", &token).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(lookup(token, 29 + 1).await.is_none());
    // Absolute: used every 25 minutes it lives for 12 hours, and not a second longer.
    let token = session_of(app, "accountant").await;
    for step in 1..=28 {
        assert!(lookup(token.clone(), 25 * step).await.is_some(), "{step}");
    }
    assert!(lookup(token.clone(), 12 * 60 + 1).await.is_none());
    let answer = get_with_cookie(app, "/api/v1/me/sessions", &token).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
}

async fn a_disabled_users_sessions_and_tokens_end(app: &TestApp) {
    with_passwords(app, &["accountant"]).await;
    let session = session_of(app, "accountant").await;
    let token = app.token("accountant").await;
    app.artel
        .set_user_disabled("accountant", true)
        .await
        .unwrap();
    let by_cookie = get_with_cookie(app, "/api/v1/books/coop-a/trial-balance", &session).await;
    assert_eq!(by_cookie.status, StatusCode::UNAUTHORIZED);
    let by_token = get_with_bearer(app, "/api/v1/books/coop-a/trial-balance", &token).await;
    assert_eq!(by_token.status, StatusCode::UNAUTHORIZED);
    // A disabled user cannot sign in, and is refused like a wrong password.
    let refused = sign_in_from(app, credentials("accountant", PASSWORD), "192.0.2.9").await;
    let wrong = sign_in_from(app, credentials("director", "wrong password"), "192.0.2.9").await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.body, wrong.body);
    // Enabling the user again does not revive the sessions that ended.
    app.artel
        .set_user_disabled("accountant", false)
        .await
        .unwrap();
    let by_cookie = get_with_cookie(app, "/api/v1/books/coop-a/trial-balance", &session).await;
    assert_eq!(by_cookie.status, StatusCode::UNAUTHORIZED);
    assert!(
        app.artel
            .caller_for_session(&session, "x")
            .await
            .unwrap()
            .is_none()
    );
}

async fn users_and_administrators_end_sessions(app: &TestApp) {
    with_passwords(app, &["accountant"]).await;
    let first = session_of(app, "accountant").await;
    let second = session_of(app, "accountant").await;
    let listed = get_with_cookie(app, "/api/v1/me/sessions", &first).await;
    let sessions = listed.body.as_array().unwrap();
    assert_eq!(sessions.len(), 2);
    let second_id = sessions.iter().find(|s| s["current"] == false).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let end = |path: String, cookie: Option<String>, bearer: Option<String>| async move {
        send(
            app,
            Method::DELETE,
            &path,
            Call {
                cookie: cookie.as_deref(),
                bearer: bearer.as_deref(),
                ..Call::default()
            },
        )
        .await
    };
    // A user ends one of their own sessions; the other goes on.
    let answer = end(
        format!("/api/v1/me/sessions/{second_id}"),
        Some(first.clone()),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    assert_eq!(
        get_with_cookie(app, "/api/v1/me/sessions", &second)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get_with_cookie(app, "/api/v1/me/sessions", &first)
            .await
            .status,
        StatusCode::OK
    );
    let answer = end(
        format!("/api/v1/me/sessions/{second_id}"),
        Some(first.clone()),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    // Nobody ends another user's session through their own list.
    with_passwords(app, &["director"]).await;
    let director = session_of(app, "director").await;
    let first_id = get_with_cookie(app, "/api/v1/me/sessions", &first)
        .await
        .body[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let answer = end(
        format!("/api/v1/me/sessions/{first_id}"),
        Some(director.clone()),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    // Who may end the accountant's sessions: not a director there (no administrator),
    // not an administrator elsewhere (told nothing), an administrator over coop-a.
    let all = "/api/v1/users/accountant/sessions".to_owned();
    let answer = end(all.clone(), Some(director), None).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let outsider = app.token("outsider").await;
    let answer = end(all.clone(), None, Some(outsider.clone())).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    let unknown = end("/api/v1/users/nobody/sessions".into(), None, Some(outsider)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(
        unknown.body["message"]
            .as_str()
            .unwrap()
            .replace("nobody", "accountant"),
        answer.body["message"]
    );
    let admin = app.token("administrator").await;
    let listed = get_with_bearer(app, &all, &admin).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    assert_eq!(listed.body.as_array().unwrap().len(), 1);
    let answer = end(all.clone(), None, Some(admin.clone())).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["ended"], 1);
    assert_eq!(
        get_with_cookie(app, "/api/v1/me/sessions", &first)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    // One session of a user.
    let third = session_of(app, "accountant").await;
    let third_id = get_with_cookie(app, "/api/v1/me/sessions", &third)
        .await
        .body[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let answer = end(format!("{all}/{third_id}"), None, Some(admin.clone())).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    assert_eq!(
        get_with_cookie(app, "/api/v1/me/sessions", &third)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let answer = end(format!("{all}/{third_id}"), None, Some(admin.clone())).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    // A region's administrator covers the cooperatives in it.
    add_region_administrator(app, "hubei-admin", "hubei").await;
    let regional = app.token("hubei-admin").await;
    let answer = end(all.clone(), None, Some(regional)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

fn code(secret: &str, seconds: i64) -> String {
    let totp = totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(secret).unwrap())
        .build()
        .unwrap();
    totp.generate(u64::try_from(seconds).unwrap()).to_string()
}

async fn administrators_need_a_one_time_code(app: &TestApp) {
    with_passwords(app, &["administrator", "member"]).await;
    let address = "192.0.2.7";
    // An administrator without a code set up is told to set one up, and gets no session.
    let answer = sign_in_from(app, credentials("administrator", PASSWORD), address).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    assert!(
        answer.body["message"]
            .as_str()
            .unwrap()
            .contains("artel user totp")
    );
    assert!(answer.headers.get("set-cookie").is_none());
    let setup = app.artel.setup_totp("administrator").await.unwrap();
    assert!(setup.url.starts_with("otpauth://totp/"), "{}", setup.url);
    assert!(setup.url.contains(&setup.secret));
    // Without the code: refused, naming the missing field.
    let answer = sign_in_from(app, credentials("administrator", PASSWORD), address).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.body["problems"][0]["field"], "totp");
    // A wrong code reads like a wrong password.
    let now = Utc::now().timestamp();
    let right = code(&setup.secret, now);
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    let with_code =
        |code: &str| json!({"name": "administrator", "password": PASSWORD, "totp": code});
    let answer = sign_in_from(app, with_code(wrong), address).await;
    let wrong_password =
        sign_in_from(app, credentials("administrator", "wrong password"), address).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.body, wrong_password.body);
    // The right code (with the right password) gets in.
    let answer = sign_in_from(app, with_code(&right), address).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    let token = session_token(&answer);
    let read = get_with_cookie(app, "/api/v1/books/coop-a/trial-balance", &token).await;
    assert_eq!(read.status, StatusCode::OK);
    // A code is accepted once; the next one works.
    let answer = sign_in_from(app, with_code(&right), address).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    let next = code(&setup.secret, now + 30);
    let answer = sign_in_from(app, with_code(&next), address).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    // A right code with a wrong password does not.
    let answer = sign_in_from(
        app,
        json!({"name": "administrator", "password": "wrong password", "totp": code(&setup.secret, now + 60)}),
        address,
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    // Any user with a code set up needs it.
    let setup = app.artel.setup_totp("member").await.unwrap();
    let answer = sign_in_from(app, credentials("member", PASSWORD), address).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    let answer = sign_in_from(
        app,
        json!({"name": "member", "password": PASSWORD, "totp": code(&setup.secret, now)}),
        address,
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
}

async fn throttling_slows_guessing_without_locking_out(app: &TestApp) {
    with_passwords(app, &["accountant"]).await;
    let attacker = "203.0.113.1";
    for attempt in 0..5 {
        let answer = sign_in_from(
            app,
            credentials("accountant", &format!("guess {attempt}")),
            attacker,
        )
        .await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{attempt}");
    }
    // The pair is stopped, even with the right password ...
    let answer = sign_in_from(app, credentials("accountant", PASSWORD), attacker).await;
    assert_eq!(
        answer.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        answer.body
    );
    let retry: u64 = answer.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=15 * 60).contains(&retry), "{retry}");
    assert!(answer.headers.get("set-cookie").is_none());
    // ... but the user, from an address of their own, gets in.
    let answer = sign_in_from(app, credentials("accountant", PASSWORD), "198.51.100.1").await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    // Every attempt is a security event with its account and address.
    let events = app.artel.security_events(None, 1000).await.unwrap();
    let attempts: Vec<(&str, &str, Option<&str>)> = events
        .iter()
        .filter(|e| e.action.starts_with("sign-in"))
        .map(|e| (e.action.as_str(), e.actor.as_str(), e.address.as_deref()))
        .collect();
    assert_eq!(
        attempts
            .iter()
            .filter(|a| **a == ("sign-in.refused", "accountant", Some(attacker)))
            .count(),
        6,
        "{attempts:?}"
    );
    assert!(
        attempts.contains(&("sign-in", "accountant", Some("198.51.100.1"))),
        "{attempts:?}"
    );
    // Guessing at a name that does not exist is answered and stopped alike.
    for attempt in 0..5 {
        let unknown = sign_in_from(
            app,
            credentials("nobody", &format!("guess {attempt}")),
            "203.0.113.2",
        )
        .await;
        let known = sign_in_from(
            app,
            credentials("director", &format!("guess {attempt}")),
            "203.0.113.3",
        )
        .await;
        assert_eq!(unknown.status, known.status);
        assert_eq!(unknown.body, known.body);
    }
    let unknown = sign_in_from(app, credentials("nobody", "guess"), "203.0.113.2").await;
    let known = sign_in_from(app, credentials("director", "guess"), "203.0.113.3").await;
    assert_eq!(unknown.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(known.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(unknown.body, known.body);
    // A distributed attack: many addresses, one guess each. Once the account has had ten
    // failures, an address that failed against it gets no more tries; a clean one does.
    for host in 1..=5 {
        let answer = sign_in_from(
            app,
            credentials("accountant", "spread"),
            &format!("203.0.113.{}", 100 + host),
        )
        .await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    }
    let answer = sign_in_from(app, credentials("accountant", PASSWORD), "203.0.113.101").await;
    assert_eq!(
        answer.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        answer.body
    );
    let answer = sign_in_from(app, credentials("accountant", PASSWORD), "198.51.100.2").await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
}

/// The security events one caller reads through the API, as (actor, action, detail).
async fn security_events_read_by(app: &TestApp, token: &str) -> Vec<(String, String, String)> {
    let answer = get_with_bearer(app, "/api/v1/security-events", token).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let field = |name: &str| e[name].as_str().unwrap().to_owned();
            (field("actor"), field("action"), field("detail"))
        })
        .collect()
}

async fn security_events_stay_within_their_regions(app: &TestApp) {
    // coop-a lies in Shashi, Hubei; coop-b in Hunan. The accountant works for coop-a, the
    // outsider administers coop-b.
    with_passwords(app, &["accountant", "outsider"]).await;
    add_region_administrator(app, "hunan-admin", "hunan").await;
    let signed_in = sign_in_from(app, credentials("accountant", PASSWORD), "192.0.2.7").await;
    assert_eq!(signed_in.status, StatusCode::CREATED, "{}", signed_in.body);
    let refused = sign_in_from(app, credentials("outsider", "wrong password"), "192.0.2.8").await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{}", refused.body);
    let unknown = sign_in_from(app, credentials("nobody", "wrong password"), "192.0.2.9").await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED, "{}", unknown.body);
    let outsider = app.token("outsider").await;
    let accountant = app.token("accountant").await;
    for (token, path) in [
        (&outsider, "/api/v1/books/coop-a/trial-balance"),
        (&accountant, "/api/v1/books/coop-b/trial-balance"),
    ] {
        let answer = get_with_bearer(app, path, token).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
    }
    let has = |events: &[(String, String, String)], actor: &str, action: &str, about: &str| {
        events.iter().any(|(a, act, detail)| {
            a == actor && (action.is_empty() || act == action) && detail.contains(about)
        })
    };

    let hubei = security_events_read_by(app, &app.token("province-admin").await).await;
    let hunan = security_events_read_by(app, &app.token("hunan-admin").await).await;
    // (actor, action, about): whether Hubei's administrator sees it, and Hunan's.
    let expected = [
        (("accountant", "sign-in", ""), true, false),
        (("outsider", "access.refused", "coop-a"), true, false),
        (("outsider", "sign-in.refused", ""), false, true),
        (("accountant", "access.refused", "coop-b"), false, true),
        (("nobody", "", ""), false, false),
    ];
    for ((actor, action, about), in_hubei, in_hunan) in expected {
        let event = format!("{actor} {action} {about}");
        assert_eq!(
            has(&hubei, actor, action, about),
            in_hubei,
            "{event}: {hubei:?}"
        );
        assert_eq!(
            has(&hunan, actor, action, about),
            in_hunan,
            "{event}: {hunan:?}"
        );
    }

    // The operator reads them all, the unknown name's included.
    let all = app.artel.security_events(None, 1000).await.unwrap();
    for actor in ["accountant", "outsider", "nobody"] {
        assert!(all.iter().any(|e| e.actor == actor), "{all:?}");
    }
    // An administrator of one organisation, over no region, reads none.
    let answer = get_with_bearer(app, "/api/v1/security-events", &outsider).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
}

async fn account_changes_are_security_events(app: &TestApp) {
    // The operator sets a password, grants a role, makes a token; the user signs in, changes
    // nothing but revokes the token and signs out; the operator disables the user.
    with_passwords(app, &["accountant"]).await;
    app.artel
        .add_user(
            "accountant",
            "member",
            &artel_app::Scope::Organisation("coop-a".into()),
        )
        .await
        .unwrap();
    let token = app.token("accountant").await;
    let (_, tokens) = app
        .call(Method::GET, "/api/v1/me/tokens", Some(&token), None)
        .await;
    let id = tokens[0]["id"].as_str().unwrap().to_owned();
    let revoked = send(
        app,
        Method::DELETE,
        &format!("/api/v1/me/tokens/{id}"),
        Call {
            bearer: Some(&token),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT);
    let session = session_of(app, "accountant").await;
    let signed_out = send(
        app,
        Method::DELETE,
        "/api/v1/session",
        Call {
            cookie: Some(&session),
            headers: &[("sec-fetch-site", "same-origin")],
            address: Some("192.0.2.44"),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(signed_out.status, StatusCode::NO_CONTENT);
    app.artel
        .set_user_disabled("accountant", true)
        .await
        .unwrap();

    // Each is a security event naming the account, read by the administrator over its
    // region and by nobody over another.
    let hubei = security_events_read_by(app, &app.token("province-admin").await).await;
    let about_the_accountant: Vec<(&str, &str)> = hubei
        .iter()
        .filter(|(_, _, detail)| detail.contains("accountant") || detail.contains(&id))
        .map(|(actor, action, _)| (actor.as_str(), action.as_str()))
        .collect();
    for action in [
        "password.set",
        "user.grant",
        "token.create",
        "token.revoke",
        "user.disable",
    ] {
        assert!(
            about_the_accountant.iter().any(|(_, a)| *a == action),
            "{action} missing from {about_the_accountant:?}"
        );
    }
    let revocation = about_the_accountant
        .iter()
        .find(|(_, a)| *a == "token.revoke")
        .unwrap();
    assert_eq!(
        revocation.0, "accountant",
        "the user revoked their own token"
    );
    let sign_out = hubei
        .iter()
        .find(|(_, action, _)| action == "sign-out")
        .unwrap_or_else(|| panic!("no sign-out in {hubei:?}"));
    assert_eq!(sign_out.0, "accountant");
    let all = app.artel.security_events(None, 1000).await.unwrap();
    let address = all.iter().find(|e| e.action == "sign-out").unwrap();
    assert_eq!(address.address.as_deref(), Some("192.0.2.44"));
    add_region_administrator(app, "hunan-admin", "hunan").await;
    let hunan = security_events_read_by(app, &app.token("hunan-admin").await).await;
    assert!(
        !hunan
            .iter()
            .any(|(actor, _, detail)| actor == "accountant" || detail.contains("'accountant'")),
        "{hunan:?}"
    );
}

async fn security_headers(app: &TestApp) {
    let plain = send(app, Method::GET, "/healthz", Call::default()).await;
    let policy = plain.headers["content-security-policy"].to_str().unwrap();
    assert!(policy.contains("default-src 'self'"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert_eq!(plain.headers["x-content-type-options"], "nosniff");
    assert_eq!(plain.headers["x-frame-options"], "DENY");
    assert_eq!(plain.headers["referrer-policy"], "same-origin");
    assert!(plain.headers.get("strict-transport-security").is_none());
    // Errors carry them too.
    let refused = send(app, Method::GET, "/api/v1/me/sessions", Call::default()).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(refused.headers.contains_key("content-security-policy"));
    // The API's answers are kept by no cache.
    assert_eq!(refused.headers["cache-control"], "no-store");
    let token = app.token("accountant").await;
    let books = get_with_bearer(app, "/api/v1/books/coop-a/trial-balance", &token).await;
    assert_eq!(books.status, StatusCode::OK, "{}", books.body);
    assert_eq!(books.headers["cache-control"], "no-store");
    // Over TLS, browsers are told to stay on it.
    let tls = send(
        app,
        Method::GET,
        "https://artel.example/healthz",
        Call::default(),
    )
    .await;
    assert_eq!(tls.status, StatusCode::OK);
    assert!(
        tls.headers["strict-transport-security"]
            .to_str()
            .unwrap()
            .starts_with("max-age=")
    );
    // The explorer loads its scripts from this origin, under a policy of its own.
    let explorer = send(app, Method::GET, "/api/explorer/", Call::default()).await;
    assert_eq!(explorer.status, StatusCode::OK);
    let policy = explorer.headers["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(!policy.contains("script-src"), "{policy}");
}
