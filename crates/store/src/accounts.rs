//! A book's chart of accounts: created from the template when the book opens, added to by
//! imports and by people, relabelled freely. Names of accounts are never changed, because
//! the hash chain covers them.

use artel_ledger::{Account, AccountName, AccountType};
use chrono::Utc;
use sqlx::Row;
use uuid::Uuid;

use crate::OrgId;
use crate::audit::Actor;
use crate::db::{Db, for_each_engine, in_transaction, on_connection};
use crate::error::StoreError;

/// An account as stored, with its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAccount {
    pub account_id: Uuid,
    pub account: Account,
}

for_each_engine! {
    pub(crate) async fn list(conn: &mut Conn, org_id: OrgId) -> Result<Vec<StoredAccount>, StoreError> {
        let rows = sqlx::query(
            "SELECT account_id, name, account_type, label_en, label_zh, production_cost FROM accounts \
             WHERE org_id = $1",
        )
        .bind(org_id)
        .fetch_all(&mut *conn)
        .await?;
        // Sorted here, by bytes, because PostgreSQL's ORDER BY follows the database's
        // collation and would order names differently from SQLite.
        let mut accounts = rows
            .into_iter()
            .map(|row| {
                let name: String = row.try_get("name")?;
                let type_text: String = row.try_get("account_type")?;
                let account = Account {
                    name: AccountName::parse(&name).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    account_type: AccountType::parse(&type_text)
                        .ok_or_else(|| StoreError::Corrupt(format!("account type '{type_text}'")))?,
                    label_en: row.try_get("label_en")?,
                    label_zh: row.try_get("label_zh")?,
                    production_cost: row.try_get("production_cost")?,
                };
                Ok(StoredAccount { account_id: row.try_get("account_id")?, account })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        accounts.sort_by(|a, b| a.account.name.cmp(&b.account.name));
        Ok(accounts)
    }

    pub(crate) async fn insert(conn: &mut Conn, org_id: OrgId, accounts: &[Account]) -> Result<Vec<StoredAccount>, StoreError> {
        let mut stored = Vec::with_capacity(accounts.len());
        let now = Utc::now();
        for account in accounts {
            let account_id = Uuid::now_v7();
            sqlx::query(
                "INSERT INTO accounts (org_id, account_id, name, account_type, label_en, label_zh, production_cost, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(org_id)
            .bind(account_id)
            .bind(account.name.as_str())
            .bind(account.account_type.as_str())
            .bind(&account.label_en)
            .bind(&account.label_zh)
            .bind(account.production_cost)
            .bind(now)
            .execute(&mut *conn)
            .await
            .map_err(|error| {
                let error = StoreError::from(error);
                if error.is_unique_violation() {
                    StoreError::AlreadyExists { what: "account", key: account.name.to_string() }
                } else {
                    error
                }
            })?;
            stored.push(StoredAccount { account_id, account: account.clone() });
        }
        Ok(stored)
    }

    /// Opens the accounts of `needed` that the chart does not have yet: what a posting
    /// path needs in a book whose chart was made before the accounts were in the template.
    pub(crate) async fn open_missing(conn: &mut Conn, org_id: OrgId, needed: &[Account]) -> Result<(), StoreError> {
        let open = list(conn, org_id).await?;
        let missing: Vec<Account> = needed
            .iter()
            .filter(|a| !open.iter().any(|o| o.account.name == a.name))
            .cloned()
            .collect();
        if !missing.is_empty() {
            insert(conn, org_id, &missing).await?;
        }
        Ok(())
    }

    pub(crate) async fn add(conn: &mut Conn, org_id: OrgId, accounts: &[Account], actor: &Actor) -> Result<Vec<StoredAccount>, StoreError> {
        let stored = insert(conn, org_id, accounts).await?;
        for account in accounts {
            peers::audit::record(conn, org_id, actor, "account.add", &format!("{} ({})", account.name, account.account_type)).await?;
        }
        Ok(stored)
    }

    pub(crate) async fn relabel(conn: &mut Conn, org_id: OrgId, name: &AccountName, label_en: &str, label_zh: &str, actor: &Actor) -> Result<(), StoreError> {
        let before = list(conn, org_id)
            .await?
            .into_iter()
            .find(|stored| &stored.account.name == name)
            .map(|stored| format!("{} / {}", stored.account.label_en, stored.account.label_zh))
            .ok_or_else(|| StoreError::UnknownAccount(name.to_string()))?;
        let result = sqlx::query("UPDATE accounts SET label_en = $3, label_zh = $4 WHERE org_id = $1 AND name = $2")
            .bind(org_id)
            .bind(name.as_str())
            .bind(label_en)
            .bind(label_zh)
            .execute(&mut *conn)
            .await?;
        if result.rows_affected() == 0 {
            return Err(StoreError::UnknownAccount(name.to_string()));
        }
        let after = format!("{label_en} / {label_zh}");
        peers::audit::record_change(conn, org_id, actor, "account.relabel", name.as_str(), Some(&before), Some(&after)).await
    }
}

impl Db {
    /// The book's accounts, ordered by name.
    pub async fn accounts(&self, org_id: OrgId) -> Result<Vec<StoredAccount>, StoreError> {
        on_connection!(self, conn, engine => engine::list(conn, org_id).await)
    }

    /// Adds accounts to the book's chart.
    pub async fn add_accounts(
        &self,
        org_id: OrgId,
        accounts: &[Account],
        actor: impl Into<Actor>,
    ) -> Result<Vec<StoredAccount>, StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::add(conn, org_id, accounts, actor).await)
    }

    /// Changes an account's English and Chinese labels.
    pub async fn relabel_account(
        &self,
        org_id: OrgId,
        name: &AccountName,
        label_en: &str,
        label_zh: &str,
        actor: impl Into<Actor>,
    ) -> Result<(), StoreError> {
        let actor = &actor.into();
        in_transaction!(self, conn, engine => engine::relabel(conn, org_id, name, label_en, label_zh, actor).await)
    }
}
