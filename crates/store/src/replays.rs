//! Stored answers to requests that carried an idempotency key, so that a retried request
//! gets its first answer again instead of acting twice. (Journal entries keep their keys in
//! the books themselves, in the posting's own transaction.)

use chrono::Utc;
use sqlx::Row;

use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;

/// The first answer to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnswer {
    pub request_hash: [u8; 32],
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
}

for_each_engine! {
    pub(crate) async fn find(conn: &mut Conn, scope: &[u8; 32], key: &str) -> Result<Option<StoredAnswer>, StoreError> {
        let row = sqlx::query("SELECT request_hash, status, content_type, body FROM request_replays WHERE scope = $1 AND key = $2")
            .bind(&scope[..])
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
        row.map(|row| {
            let hash: Vec<u8> = row.try_get("request_hash")?;
            let status: i32 = row.try_get("status")?;
            Ok(StoredAnswer {
                request_hash: hash.try_into().map_err(|_| StoreError::Corrupt("request hash is not 32 bytes".into()))?,
                status: u16::try_from(status).map_err(|_| StoreError::Corrupt(format!("status {status}")))?,
                content_type: row.try_get("content_type")?,
                body: row.try_get("body")?,
            })
        })
        .transpose()
    }

    pub(crate) async fn save(conn: &mut Conn, scope: &[u8; 32], key: &str, answer: &StoredAnswer) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO request_replays (scope, key, request_hash, status, content_type, body, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (scope, key) DO NOTHING",
        )
        .bind(&scope[..])
        .bind(key)
        .bind(&answer.request_hash[..])
        .bind(i32::from(answer.status))
        .bind(&answer.content_type)
        .bind(&answer.body[..])
        .bind(Utc::now())
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}

impl Db {
    /// The first answer given to `key` in `scope` (a hash of the client's credentials).
    pub async fn stored_answer(
        &self,
        scope: &[u8; 32],
        key: &str,
    ) -> Result<Option<StoredAnswer>, StoreError> {
        on_connection!(self, conn, engine => engine::find(conn, scope, key).await)
    }

    /// Keeps the first answer to `key`; a second answer to the same key is not kept.
    pub async fn store_answer(
        &self,
        scope: &[u8; 32],
        key: &str,
        answer: &StoredAnswer,
    ) -> Result<(), StoreError> {
        in_transaction!(self, conn, engine => engine::save(conn, scope, key, answer).await)
    }
}
