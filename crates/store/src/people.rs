//! People: users, the roles granted to them over one organisation or a region subtree, and
//! their API tokens (only a token's SHA-256 is stored). Kept apart from the organisations'
//! books.

use chrono::{DateTime, Utc};
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub user_id: Uuid,
    pub name: String,
    pub password_hash: Option<String>,
    pub disabled: bool,
    /// The language the user chose for the pages, if any.
    pub locale: Option<String>,
}

/// A role over one organisation, or over every organisation of a region subtree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleGrant {
    pub role: String,
    pub org_id: Option<OrgId>,
    /// The region's materialised path (`/hubei/`) when the grant is over a region.
    pub region_path: Option<String>,
}

/// A user with every role granted to them, read together in one statement when a token or
/// a session is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grantee {
    pub user: User,
    pub grants: Vec<RoleGrant>,
}

/// An API token as listed: never the token itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    pub token_id: Uuid,
    pub name: String,
    pub revoked: bool,
    /// When it stops authenticating; `None` for a token that never expires.
    pub expires_at: Option<DateTime<Utc>>,
}

fn user_from(row: &impl UserRow) -> Result<User, StoreError> {
    row.user()
}

/// The user of the first row with the grants of every row: the rows of a statement that
/// joins a user to their grants (`role`, `org_id`, `region_path`) with a `LEFT JOIN`, so
/// that a user without grants still gives one row, its `role` null. `None` for no rows.
pub(crate) fn grantee_from<R: UserRow>(rows: &[R]) -> Result<Option<Grantee>, StoreError> {
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let grants = rows
        .iter()
        .filter_map(|row| row.grant().transpose())
        .collect::<Result<_, _>>()?;
    Ok(Some(Grantee {
        user: first.user()?,
        grants,
    }))
}

/// Reads a user, and a grant joined to them, from a row of either engine.
pub(crate) trait UserRow {
    fn user(&self) -> Result<User, StoreError>;
    /// The grant of the row's `role`, `org_id` and `region_path`; `None` when `role` is null.
    fn grant(&self) -> Result<Option<RoleGrant>, StoreError>;
}

macro_rules! user_row {
    ($row:ty) => {
        impl UserRow for $row {
            fn user(&self) -> Result<User, StoreError> {
                Ok(User {
                    user_id: self.try_get("user_id")?,
                    name: self.try_get("name")?,
                    password_hash: self.try_get("password_hash")?,
                    disabled: self.try_get("disabled")?,
                    locale: self.try_get("locale")?,
                })
            }

            fn grant(&self) -> Result<Option<RoleGrant>, StoreError> {
                let role: Option<String> = self.try_get("role")?;
                role.map(|role| {
                    Ok(RoleGrant {
                        role,
                        org_id: self.try_get("org_id")?,
                        region_path: self.try_get("region_path")?,
                    })
                })
                .transpose()
            }
        }
    };
}
user_row!(sqlx::sqlite::SqliteRow);
user_row!(sqlx::postgres::PgRow);

for_each_engine! {
    pub(crate) async fn user_by_name(conn: &mut Conn, name: &str) -> Result<Option<User>, StoreError> {
        let row = sqlx::query("SELECT user_id, name, password_hash, disabled, locale FROM users WHERE name = $1")
            .bind(name)
            .fetch_optional(&mut *conn)
            .await?;
        row.as_ref().map(user_from).transpose()
    }

    pub(crate) async fn ensure_user(conn: &mut Conn, name: &str) -> Result<User, StoreError> {
        if let Some(user) = user_by_name(conn, name).await? {
            return Ok(user);
        }
        let user = User { user_id: Uuid::now_v7(), name: name.to_owned(), password_hash: None, disabled: false, locale: None };
        sqlx::query("INSERT INTO users (user_id, name, password_hash, disabled, created_at) VALUES ($1, $2, NULL, $3, $4)")
            .bind(user.user_id)
            .bind(&user.name)
            .bind(false)
            .bind(Utc::now())
            .execute(&mut *conn)
            .await?;
        Ok(user)
    }

    pub(crate) async fn grant(conn: &mut Conn, name: &str, role: &str, org_id: Option<OrgId>, region_id: Option<Uuid>) -> Result<User, StoreError> {
        let user = ensure_user(conn, name).await?;
        sqlx::query("INSERT INTO role_grants (user_id, grant_id, role, org_id, region_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(user.user_id)
            .bind(Uuid::now_v7())
            .bind(role)
            .bind(org_id)
            .bind(region_id)
            .bind(Utc::now())
            .execute(&mut *conn)
            .await?;
        Ok(user)
    }

    pub(crate) async fn grants(conn: &mut Conn, user_id: Uuid) -> Result<Vec<RoleGrant>, StoreError> {
        let rows = sqlx::query(
            "SELECT g.role, g.org_id, r.path AS region_path FROM role_grants g \
             LEFT JOIN regions r ON r.region_id = g.region_id WHERE g.user_id = $1",
        )
        .bind(user_id)
        .fetch_all(&mut *conn)
        .await?;
        rows.iter().filter_map(|row| row.grant().transpose()).collect()
    }

    pub(crate) async fn set_password_hash(conn: &mut Conn, name: &str, hash: &str) -> Result<(), StoreError> {
        let done = sqlx::query("UPDATE users SET password_hash = $2 WHERE name = $1").bind(name).bind(hash).execute(&mut *conn).await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound { what: "user", key: name.to_owned() });
        }
        Ok(())
    }

    pub(crate) async fn set_user_locale(conn: &mut Conn, user_id: Uuid, locale: Option<&str>) -> Result<(), StoreError> {
        sqlx::query("UPDATE users SET locale = $2 WHERE user_id = $1").bind(user_id).bind(locale).execute(&mut *conn).await?;
        Ok(())
    }

    pub(crate) async fn set_password_hash_of(conn: &mut Conn, user_id: Uuid, hash: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE users SET password_hash = $2 WHERE user_id = $1").bind(user_id).bind(hash).execute(&mut *conn).await?;
        Ok(())
    }

    /// Ends every live session of the user but `keep`; the number ended.
    pub(crate) async fn end_other_sessions(conn: &mut Conn, user_id: Uuid, keep: Option<Uuid>, now: chrono::DateTime<Utc>, reason: &str) -> Result<u64, StoreError> {
        let done = sqlx::query("UPDATE sessions SET ended_at = $3, ended_reason = $4 WHERE user_id = $1 AND ended_at IS NULL AND ($2 IS NULL OR session_id <> $2)")
            .bind(user_id)
            .bind(keep)
            .bind(chrono::SubsecRound::trunc_subsecs(now, 0))
            .bind(reason)
            .execute(&mut *conn)
            .await?;
        Ok(done.rows_affected())
    }

    pub(crate) async fn set_disabled(conn: &mut Conn, name: &str, disabled: bool) -> Result<(), StoreError> {
        let done = sqlx::query("UPDATE users SET disabled = $2 WHERE name = $1").bind(name).bind(disabled).execute(&mut *conn).await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound { what: "user", key: name.to_owned() });
        }
        if disabled {
            // Their sessions end for good: enabling the user again does not revive them.
            sqlx::query(
                "UPDATE sessions SET ended_at = $2, ended_reason = 'user disabled' \
                 WHERE user_id = (SELECT user_id FROM users WHERE name = $1) AND ended_at IS NULL",
            )
            .bind(name)
            .bind(chrono::SubsecRound::trunc_subsecs(Utc::now(), 0))
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }

    pub(crate) async fn create_token(conn: &mut Conn, name: &str, token_name: &str, token_hash: &[u8], expires_at: Option<DateTime<Utc>>) -> Result<Uuid, StoreError> {
        let user = user_by_name(conn, name).await?.ok_or_else(|| StoreError::NotFound { what: "user", key: name.to_owned() })?;
        let token_id = Uuid::now_v7();
        sqlx::query("INSERT INTO api_tokens (token_id, user_id, name, token_hash, created_at, revoked_at, expires_at) VALUES ($1, $2, $3, $4, $5, NULL, $6)")
            .bind(token_id)
            .bind(user.user_id)
            .bind(token_name)
            .bind(token_hash)
            .bind(Utc::now())
            .bind(expires_at)
            .execute(&mut *conn)
            .await?;
        Ok(token_id)
    }

    /// The enabled user holding the unrevoked token with this hash, with their grants,
    /// unless it has expired by `now`: one statement, as every API request asks it.
    pub(crate) async fn user_by_token(conn: &mut Conn, token_hash: &[u8], now: DateTime<Utc>) -> Result<Option<Grantee>, StoreError> {
        let rows = sqlx::query(
            "SELECT u.user_id, u.name, u.password_hash, u.disabled, u.locale, t.expires_at, \
             g.role, g.org_id, r.path AS region_path FROM api_tokens t JOIN users u ON u.user_id = t.user_id \
             LEFT JOIN role_grants g ON g.user_id = u.user_id LEFT JOIN regions r ON r.region_id = g.region_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = $2",
        )
        .bind(token_hash)
        .bind(false)
        .fetch_all(&mut *conn)
        .await?;
        let Some(row) = rows.first() else { return Ok(None) };
        let expires_at: Option<DateTime<Utc>> = row.try_get("expires_at")?;
        if expires_at.is_some_and(|at| at <= now) {
            return Ok(None);
        }
        grantee_from(&rows)
    }

    pub(crate) async fn tokens(conn: &mut Conn, user_id: Uuid) -> Result<Vec<TokenInfo>, StoreError> {
        let rows = sqlx::query("SELECT token_id, name, revoked_at IS NOT NULL AS revoked, expires_at FROM api_tokens WHERE user_id = $1 ORDER BY token_id")
            .bind(user_id)
            .fetch_all(&mut *conn)
            .await?;
        rows.into_iter()
            .map(|row| Ok(TokenInfo { token_id: row.try_get("token_id")?, name: row.try_get("name")?, revoked: row.try_get("revoked")?, expires_at: row.try_get("expires_at")? }))
            .collect()
    }

    pub(crate) async fn revoke_token(conn: &mut Conn, user_id: Uuid, token_id: Uuid) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE api_tokens SET revoked_at = $3 WHERE user_id = $1 AND token_id = $2 AND revoked_at IS NULL")
            .bind(user_id)
            .bind(token_id)
            .bind(Utc::now())
            .execute(&mut *conn)
            .await?;
        Ok(done.rows_affected() == 1)
    }
}

impl Db {
    /// Grants `role` to the user `name` (created when new) over an organisation or a region.
    pub async fn grant_role(
        &self,
        name: &str,
        role: &str,
        org_id: Option<OrgId>,
        region_id: Option<Uuid>,
    ) -> Result<User, StoreError> {
        in_transaction!(self, conn, engine => engine::grant(conn, name, role, org_id, region_id).await)
    }

    pub async fn user_by_name(&self, name: &str) -> Result<Option<User>, StoreError> {
        on_connection!(self, conn, engine => engine::user_by_name(conn, name).await)
    }

    pub async fn grants(&self, user_id: Uuid) -> Result<Vec<RoleGrant>, StoreError> {
        on_connection!(self, conn, engine => engine::grants(conn, user_id).await)
    }

    pub async fn set_password_hash(&self, name: &str, hash: &str) -> Result<(), StoreError> {
        in_transaction!(self, conn, engine => engine::set_password_hash(conn, name, hash).await)
    }

    /// Disables or enables a user; a disabled user's tokens stop working at once, and
    /// their sessions end.
    pub async fn set_user_disabled(&self, name: &str, disabled: bool) -> Result<(), StoreError> {
        in_transaction!(self, conn, engine => engine::set_disabled(conn, name, disabled).await)
    }

    /// Stores a token's hash for the user `name`, expiring at `expires_at` if given.
    pub async fn create_token(
        &self,
        name: &str,
        token_name: &str,
        token_hash: &[u8],
        expires_at: Option<DateTime<Utc>>,
    ) -> Result<Uuid, StoreError> {
        in_transaction!(self, conn, engine => engine::create_token(conn, name, token_name, token_hash, expires_at).await)
    }

    /// The enabled user holding the live token with this hash at `now`, with their grants.
    pub async fn user_by_token(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Option<Grantee>, StoreError> {
        on_connection!(self, conn, engine => engine::user_by_token(conn, token_hash, now).await)
    }

    pub async fn tokens(&self, user_id: Uuid) -> Result<Vec<TokenInfo>, StoreError> {
        on_connection!(self, conn, engine => engine::tokens(conn, user_id).await)
    }

    /// Remembers the user's chosen language (`None` forgets it).
    pub async fn set_user_locale(
        &self,
        user_id: Uuid,
        locale: Option<&str>,
    ) -> Result<(), StoreError> {
        in_transaction!(self, conn, engine => engine::set_user_locale(conn, user_id, locale).await)
    }

    /// Sets a user's password hash and ends their sessions but `keep`, in one transaction;
    /// returns how many sessions were ended.
    pub async fn change_password_hash(
        &self,
        user_id: Uuid,
        hash: &str,
        keep: Option<Uuid>,
        reason: &str,
    ) -> Result<u64, StoreError> {
        let now = Utc::now();
        in_transaction!(self, conn, engine => {
            engine::set_password_hash_of(conn, user_id, hash).await?;
            engine::end_other_sessions(conn, user_id, keep, now, reason).await
        })
    }

    pub async fn revoke_token(&self, user_id: Uuid, token_id: Uuid) -> Result<bool, StoreError> {
        in_transaction!(self, conn, engine => engine::revoke_token(conn, user_id, token_id).await)
    }
}
