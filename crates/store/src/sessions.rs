//! Sign-in state: browser sessions (only a token's SHA-256 is stored), counts of failed
//! sign-ins for throttling, and users' TOTP secrets. The rules that read them (idle and
//! absolute expiry, the throttling limits) belong to artel-app; the store only keeps the
//! rows and compares no times but the ones it is given.
//!
//! Times are stored in whole seconds: SQLite keeps them as RFC 3339 text, which then has one
//! width and compares in SQL as the time it is.

use chrono::{DateTime, SubsecRound, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;
use crate::people::{Grantee, grantee_from};

/// A session as stored: never its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub session_id: Uuid,
    pub user_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// The absolute end, however busy the session is.
    pub expires_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    /// Why it ended: `sign-out`, `idle`, `expired`, `ended by its user`, `ended by NAME`,
    /// `user disabled`.
    pub ended_reason: Option<String>,
    /// Where it was signed in from.
    pub address: String,
    /// Where it was last used from.
    pub last_address: String,
    pub user_agent: String,
}

/// A new session to store.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    pub session_id: Uuid,
    pub user_id: Uuid,
    pub token_hash: &'a [u8],
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub address: &'a str,
    pub user_agent: &'a str,
}

/// Failed sign-ins under one key, and when the last was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureCount {
    pub failures: i64,
    pub last_failure_at: DateTime<Utc>,
}

/// The failure counts that bear on a sign-in to `account` from `address`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoginFailures {
    /// Failures against this account from this address.
    pub pair: Option<FailureCount>,
    /// Failures against this account from any address.
    pub account: Option<FailureCount>,
    /// Failures from this address against any account.
    pub address: Option<FailureCount>,
}

/// What a user's grant reaches, for deciding whether an administrator's scope covers it:
/// the organisation (for a grant over one) and the region path (of that organisation, or of
/// the granted region).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantReach {
    pub org_id: Option<Uuid>,
    pub region_path: Option<String>,
}

/// The time as stored: whole seconds.
fn stored(time: DateTime<Utc>) -> DateTime<Utc> {
    time.trunc_subsecs(0)
}

trait SessionRow {
    fn session(&self) -> Result<SessionRecord, StoreError>;
}

macro_rules! session_row {
    ($row:ty) => {
        impl SessionRow for $row {
            fn session(&self) -> Result<SessionRecord, StoreError> {
                Ok(SessionRecord {
                    session_id: self.try_get("session_id")?,
                    user_id: self.try_get("user_id")?,
                    created_at: self.try_get("created_at")?,
                    last_seen_at: self.try_get("last_seen_at")?,
                    expires_at: self.try_get("expires_at")?,
                    ended_at: self.try_get("ended_at")?,
                    ended_reason: self.try_get("ended_reason")?,
                    address: self.try_get("address")?,
                    last_address: self.try_get("last_address")?,
                    user_agent: self.try_get("user_agent")?,
                })
            }
        }
    };
}
session_row!(sqlx::sqlite::SqliteRow);
session_row!(sqlx::postgres::PgRow);

for_each_engine! {
    pub(crate) async fn insert_session(conn: &mut Conn, session: &NewSession<'_>) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO sessions (session_id, user_id, token_hash, created_at, last_seen_at, expires_at, ended_at, ended_reason, address, last_address, user_agent) \
             VALUES ($1, $2, $3, $4, $4, $5, NULL, NULL, $6, $6, $7)",
        )
        .bind(session.session_id)
        .bind(session.user_id)
        .bind(session.token_hash)
        .bind(stored(session.created_at))
        .bind(stored(session.expires_at))
        .bind(session.address)
        .bind(session.user_agent)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// The session with this token's hash, ended or not, with its user and their grants:
    /// one statement, as every page asks it.
    pub(crate) async fn session_by_token(conn: &mut Conn, token_hash: &[u8]) -> Result<Option<(SessionRecord, Grantee)>, StoreError> {
        let rows = sqlx::query(
            "SELECT s.session_id, s.user_id, s.created_at, s.last_seen_at, s.expires_at, s.ended_at, s.ended_reason, s.address, s.last_address, s.user_agent, \
             u.name, u.password_hash, u.disabled, u.locale, g.role, g.org_id, r.path AS region_path \
             FROM sessions s JOIN users u ON u.user_id = s.user_id \
             LEFT JOIN role_grants g ON g.user_id = u.user_id LEFT JOIN regions r ON r.region_id = g.region_id \
             WHERE s.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_all(&mut *conn)
        .await?;
        let (Some(row), Some(grantee)) = (rows.first(), grantee_from(&rows)?) else { return Ok(None) };
        Ok(Some((row.session()?, grantee)))
    }

    pub(crate) async fn touch_session(conn: &mut Conn, session_id: Uuid, now: DateTime<Utc>, address: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET last_seen_at = $2, last_address = $3 WHERE session_id = $1 AND ended_at IS NULL")
            .bind(session_id)
            .bind(stored(now))
            .bind(address)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// Ends one live session of the user; `false` when there is none with that id.
    pub(crate) async fn end_session(conn: &mut Conn, user_id: Uuid, session_id: Uuid, now: DateTime<Utc>, reason: &str) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE sessions SET ended_at = $3, ended_reason = $4 WHERE user_id = $1 AND session_id = $2 AND ended_at IS NULL")
            .bind(user_id)
            .bind(session_id)
            .bind(stored(now))
            .bind(reason)
            .execute(&mut *conn)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Ends every live session of the user; the number ended.
    pub(crate) async fn end_sessions_of(conn: &mut Conn, user_id: Uuid, now: DateTime<Utc>, reason: &str) -> Result<u64, StoreError> {
        let done = sqlx::query("UPDATE sessions SET ended_at = $2, ended_reason = $3 WHERE user_id = $1 AND ended_at IS NULL")
            .bind(user_id)
            .bind(stored(now))
            .bind(reason)
            .execute(&mut *conn)
            .await?;
        Ok(done.rows_affected())
    }

    /// The user's sessions not yet marked ended, oldest first. Some may have run out of
    /// time without being marked: the caller applies the expiry rule.
    pub(crate) async fn open_sessions(conn: &mut Conn, user_id: Uuid) -> Result<Vec<SessionRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT s.session_id, s.user_id, s.created_at, s.last_seen_at, s.expires_at, s.ended_at, s.ended_reason, s.address, s.last_address, s.user_agent \
             FROM sessions s WHERE s.user_id = $1 AND s.ended_at IS NULL ORDER BY s.session_id",
        )
        .bind(user_id)
        .fetch_all(&mut *conn)
        .await?;
        rows.iter().map(SessionRow::session).collect()
    }

    pub(crate) async fn totp_of(conn: &mut Conn, user_id: Uuid) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT totp_secret FROM users WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?;
        Ok(match row {
            Some(row) => row.try_get("totp_secret")?,
            None => None,
        })
    }

    pub(crate) async fn set_totp_secret(conn: &mut Conn, name: &str, secret: Option<&str>) -> Result<(), StoreError> {
        let done = sqlx::query("UPDATE users SET totp_secret = $2, totp_last_step = NULL WHERE name = $1")
            .bind(name)
            .bind(secret)
            .execute(&mut *conn)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound { what: "user", key: name.to_owned() });
        }
        Ok(())
    }

    /// Records that a code of time step `step` was accepted; `false` when a code of this
    /// step or a later one already was (a replayed code).
    pub(crate) async fn accept_totp_step(conn: &mut Conn, user_id: Uuid, step: i64) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE users SET totp_last_step = $2 WHERE user_id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)")
            .bind(user_id)
            .bind(step)
            .execute(&mut *conn)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    pub(crate) async fn grant_reach(conn: &mut Conn, user_id: Uuid) -> Result<Vec<GrantReach>, StoreError> {
        let rows = sqlx::query(
            "SELECT g.org_id, COALESCE(ro.path, rr.path) AS region_path FROM role_grants g \
             LEFT JOIN organisations o ON o.org_id = g.org_id \
             LEFT JOIN regions ro ON ro.region_id = o.region_id \
             LEFT JOIN regions rr ON rr.region_id = g.region_id \
             WHERE g.user_id = $1",
        )
        .bind(user_id)
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter()
            .map(|row| Ok(GrantReach { org_id: row.try_get("org_id")?, region_path: row.try_get("region_path")? }))
            .collect()
    }

    pub(crate) async fn login_failures(conn: &mut Conn, account: &str, address: &str) -> Result<LoginFailures, StoreError> {
        let rows = sqlx::query(
            "SELECT account, address, failures, last_failure_at FROM login_failures \
             WHERE (account = $1 AND (address = $2 OR address = '')) OR (account = '' AND address = $2)",
        )
        .bind(account)
        .bind(address)
        .fetch_all(&mut *conn)
        .await?;
        let mut counts = LoginFailures::default();
        for row in rows {
            let row_account: String = row.try_get("account")?;
            let row_address: String = row.try_get("address")?;
            let count = FailureCount { failures: row.try_get("failures")?, last_failure_at: row.try_get("last_failure_at")? };
            match (row_account.is_empty(), row_address.is_empty()) {
                (false, false) => counts.pair = Some(count),
                (false, true) => counts.account = Some(count),
                (true, false) => counts.address = Some(count),
                (true, true) => {}
            }
        }
        Ok(counts)
    }

    /// Counts one failure under each key given (`''` for "any"); a count whose last failure
    /// is before `window_start` starts again from one, and counts that old are dropped.
    pub(crate) async fn record_login_failure(conn: &mut Conn, keys: &[(&str, &str)], now: DateTime<Utc>, window_start: DateTime<Utc>) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM login_failures WHERE last_failure_at < $1")
            .bind(stored(window_start))
            .execute(&mut *conn)
            .await?;
        for (account, address) in keys {
            sqlx::query(
                "INSERT INTO login_failures (account, address, failures, last_failure_at) VALUES ($1, $2, 1, $3) \
                 ON CONFLICT (account, address) DO UPDATE SET \
                 failures = CASE WHEN login_failures.last_failure_at < $4 THEN 1 ELSE login_failures.failures + 1 END, \
                 last_failure_at = $3",
            )
            .bind(*account)
            .bind(*address)
            .bind(stored(now))
            .bind(stored(window_start))
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }

    pub(crate) async fn clear_login_failures(conn: &mut Conn, account: &str, address: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM login_failures WHERE account = $1 AND address = $2")
            .bind(account)
            .bind(address)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}

impl Db {
    pub async fn insert_session(&self, session: &NewSession<'_>) -> Result<(), StoreError> {
        in_transaction!(self, conn, engine => engine::insert_session(conn, session).await)
    }

    /// The session with this token's hash, ended or not, with its user (disabled or not)
    /// and their grants.
    pub async fn session_by_token(
        &self,
        token_hash: &[u8],
    ) -> Result<Option<(SessionRecord, Grantee)>, StoreError> {
        on_connection!(self, conn, engine => engine::session_by_token(conn, token_hash).await)
    }

    /// Records that a live session was used at `now` from `address`.
    pub async fn touch_session(
        &self,
        session_id: Uuid,
        now: DateTime<Utc>,
        address: &str,
    ) -> Result<(), StoreError> {
        in_transaction!(self, conn, engine => engine::touch_session(conn, session_id, now, address).await)
    }

    /// Ends one live session of the user; `false` when the user has no live session with
    /// that id.
    pub async fn end_session(
        &self,
        user_id: Uuid,
        session_id: Uuid,
        now: DateTime<Utc>,
        reason: &str,
    ) -> Result<bool, StoreError> {
        in_transaction!(self, conn, engine => engine::end_session(conn, user_id, session_id, now, reason).await)
    }

    /// Ends every live session of the user; returns how many were ended.
    pub async fn end_sessions_of(
        &self,
        user_id: Uuid,
        now: DateTime<Utc>,
        reason: &str,
    ) -> Result<u64, StoreError> {
        in_transaction!(self, conn, engine => engine::end_sessions_of(conn, user_id, now, reason).await)
    }

    /// The user's sessions not marked ended (some may have run out of time since).
    pub async fn open_sessions(&self, user_id: Uuid) -> Result<Vec<SessionRecord>, StoreError> {
        on_connection!(self, conn, engine => engine::open_sessions(conn, user_id).await)
    }

    /// The user's TOTP secret (base32), when they have one.
    pub async fn totp_secret(&self, user_id: Uuid) -> Result<Option<String>, StoreError> {
        on_connection!(self, conn, engine => engine::totp_of(conn, user_id).await)
    }

    /// Sets (or with `None` removes) the TOTP secret of the user `name`.
    pub async fn set_totp_secret(
        &self,
        name: &str,
        secret: Option<&str>,
    ) -> Result<(), StoreError> {
        in_transaction!(self, conn, engine => engine::set_totp_secret(conn, name, secret).await)
    }

    /// Records the time step of an accepted code; `false` for a code already used.
    pub async fn accept_totp_step(&self, user_id: Uuid, step: i64) -> Result<bool, StoreError> {
        in_transaction!(self, conn, engine => engine::accept_totp_step(conn, user_id, step).await)
    }

    /// What each of the user's grants reaches.
    pub async fn grant_reach(&self, user_id: Uuid) -> Result<Vec<GrantReach>, StoreError> {
        on_connection!(self, conn, engine => engine::grant_reach(conn, user_id).await)
    }

    pub async fn login_failures(
        &self,
        account: &str,
        address: &str,
    ) -> Result<LoginFailures, StoreError> {
        on_connection!(self, conn, engine => engine::login_failures(conn, account, address).await)
    }

    /// Counts a failed sign-in under each `(account, address)` key (`''` for "any").
    pub async fn record_login_failure(
        &self,
        keys: &[(&str, &str)],
        now: DateTime<Utc>,
        window_start: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        in_transaction!(self, conn, engine => engine::record_login_failure(conn, keys, now, window_start).await)
    }

    /// Forgets the failures of one `(account, address)` pair.
    pub async fn clear_login_failures(
        &self,
        account: &str,
        address: &str,
    ) -> Result<(), StoreError> {
        in_transaction!(self, conn, engine => engine::clear_login_failures(conn, account, address).await)
    }
}
