//! Posting, reversing and period closing on one organisation's books, and `verify`.

use artel_ledger::chart::cooperative_chart;
use artel_ledger::{Account, AccountName, JournalEntry, Period, Posting};
use artel_store::VerifyOutcome;
use chrono::NaiveDate;

use crate::{Action, AppError, Artel, Problem};

/// What a post did: the entry, and whether it was a replay — the idempotency key had
/// posted this same request before, so nothing more was posted.
pub use artel_store::PostOutcome;

/// A posting as a person or a client sends it: an account name and a decimal amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPosting {
    pub account: String,
    pub amount: String,
}

/// The accounts named `needed`, as the cooperative chart opens them: what a use case that
/// posts to them hands the store, which opens those a book's chart lacks (a book opened
/// before they were in the template, or with a chart of its own).
pub(crate) fn template_accounts(needed: &[&str]) -> Result<Vec<Account>, AppError> {
    Ok(cooperative_chart()
        .map_err(|e| AppError::Failed(e.to_string()))?
        .into_iter()
        .filter(|a| needed.contains(&a.name.as_str()))
        .collect())
}

impl Artel {
    /// Posts one entry to the book of `code`. Every field that is wrong is named
    /// (`postings[1].amount`); nothing is written unless all is right. With an
    /// `idempotency_key`, a retried request never posts twice: the same key with the same
    /// entry returns the first post's entry (`replayed`), with another entry it is refused.
    pub async fn post_entry(
        &self,
        code: &str,
        date: NaiveDate,
        memo: &str,
        source: Option<String>,
        postings: &[NewPosting],
        idempotency_key: Option<&str>,
    ) -> Result<PostOutcome, AppError> {
        let organisation = self.book_for(code, Action::PostEntries).await?;
        let mut problems = Vec::new();
        let mut parsed = Vec::with_capacity(postings.len());
        for (index, posting) in postings.iter().enumerate() {
            let account = AccountName::parse(&posting.account).map_err(|e| {
                problems.push(Problem {
                    place: format!("postings[{index}].account"),
                    message: e.to_string(),
                })
            });
            let amount = organisation.currency.parse(&posting.amount).map_err(|e| {
                problems.push(Problem {
                    place: format!("postings[{index}].amount"),
                    message: e.to_string(),
                })
            });
            if let (Ok(account), Ok(amount)) = (account, amount) {
                parsed.push(Posting { account, amount });
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Rejected(problems));
        }
        let entry = JournalEntry::new(date, memo, source, parsed)
            .map_err(|e| AppError::rejected("postings", e.to_string()))?;
        self.post_one(organisation.org_id, entry, idempotency_key)
            .await
    }

    /// Posts one entry, under the idempotency key when there is one.
    async fn post_one(
        &self,
        org_id: artel_store::OrgId,
        entry: JournalEntry,
        idempotency_key: Option<&str>,
    ) -> Result<PostOutcome, AppError> {
        if let Some(key) = idempotency_key {
            return Ok(self.db.post_once(org_id, &entry, &self.actor, key).await?);
        }
        let posted = self.db.post(org_id, &[entry], &self.actor).await?;
        let posted = posted
            .into_iter()
            .next()
            .ok_or_else(|| AppError::Failed("the store posted nothing".into()))?;
        Ok(PostOutcome {
            posted,
            replayed: false,
        })
    }

    /// Posts the reversal of entry `sequence`, dated `date`: history is never edited. The
    /// idempotency key works as for [`Artel::post_entry`].
    pub async fn reverse_entry(
        &self,
        code: &str,
        sequence: u64,
        date: NaiveDate,
        memo: Option<&str>,
        idempotency_key: Option<&str>,
    ) -> Result<PostOutcome, AppError> {
        let organisation = self.book_for(code, Action::PostEntries).await?;
        if let Some(reason) = self.year_end_entry(&organisation, sequence).await? {
            return Err(AppError::rejected("SEQUENCE", reason));
        }
        let stored = self
            .db
            .entries(organisation.org_id, sequence, sequence)
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| {
                AppError::rejected("SEQUENCE", format!("entry {sequence} does not exist"))
            })?;
        let original = stored
            .journal_entry()
            .map_err(|e| AppError::Failed(format!("entry {sequence} is damaged: {e}")))?;
        let memo = memo.map_or_else(
            || format!("Reversal of entry {sequence}: {}", original.memo()),
            str::to_owned,
        );
        let reversal = original
            .reversal(sequence, date, memo)
            .map_err(|e| AppError::Failed(e.to_string()))?;
        // An entry is reversed at most once. A retry of the reversal under its key still gets
        // its first answer; anything else is refused, naming the reversal.
        let reversed_by = self.db.reversal_of(organisation.org_id, sequence).await?;
        let refused = |by: u64| {
            AppError::rejected(
                "SEQUENCE",
                format!("entry {sequence} was already reversed by entry {by}"),
            )
        };
        match (reversed_by, idempotency_key) {
            (None, _) => {
                self.post_one(organisation.org_id, reversal, idempotency_key)
                    .await
            }
            (Some(by), None) => Err(refused(by)),
            (Some(by), Some(_)) => match self
                .post_one(organisation.org_id, reversal, idempotency_key)
                .await
            {
                Ok(outcome) if outcome.replayed => Ok(outcome),
                _ => Err(refused(by)),
            },
        }
    }

    /// Closes a month of the book; `false` when it was closed already.
    pub async fn close_period(&self, code: &str, period: &str) -> Result<bool, AppError> {
        let organisation = self.book_for(code, Action::ClosePeriods).await?;
        let period =
            Period::parse(period).map_err(|e| AppError::rejected("--period", e.to_string()))?;
        Ok(self
            .db
            .close_period(organisation.org_id, period, &self.actor)
            .await?)
    }

    /// Reopens a closed month; the reason is kept in the audit trail.
    pub async fn reopen_period(
        &self,
        code: &str,
        period: &str,
        reason: &str,
    ) -> Result<bool, AppError> {
        let organisation = self.book_for(code, Action::ReopenPeriods).await?;
        let period =
            Period::parse(period).map_err(|e| AppError::rejected("--period", e.to_string()))?;
        if reason.trim().is_empty() {
            return Err(AppError::rejected(
                "--reason",
                "reopening a period needs a reason",
            ));
        }
        Ok(self
            .db
            .reopen_period(organisation.org_id, period, reason, &self.actor)
            .await?)
    }

    /// The book's closed months, oldest first.
    pub async fn closed_periods(&self, code: &str) -> Result<Vec<Period>, AppError> {
        let organisation = self.book(code).await?;
        Ok(self
            .db
            .closed_periods(organisation.org_id)
            .await?
            .into_iter()
            .collect())
    }

    /// The entry that reversed entry `sequence`, if one did.
    pub async fn reversal_of(&self, code: &str, sequence: u64) -> Result<Option<u64>, AppError> {
        let organisation = self.book(code).await?;
        Ok(self.db.reversal_of(organisation.org_id, sequence).await?)
    }

    /// Recomputes the book's hash chain and balances.
    pub async fn verify(&self, code: &str) -> Result<VerifyOutcome, AppError> {
        let organisation = self.book(code).await?;
        Ok(self.db.verify(organisation.org_id).await?)
    }
}

impl Artel {
    /// The book's chart of accounts, by name.
    pub async fn accounts(&self, code: &str) -> Result<Vec<artel_ledger::Account>, AppError> {
        let organisation = self.book(code).await?;
        Ok(self
            .db
            .accounts(organisation.org_id)
            .await?
            .into_iter()
            .map(|stored| stored.account)
            .collect())
    }

    /// Adds an account to the chart; its type defaults to what its top-level name says.
    pub async fn add_account(
        &self,
        code: &str,
        name: &str,
        account_type: Option<&str>,
        label_en: &str,
        label_zh: &str,
        production_cost: bool,
    ) -> Result<(), AppError> {
        let organisation = self.book_for(code, Action::EditChart).await?;
        let name =
            AccountName::parse(name).map_err(|e| AppError::rejected("NAME", e.to_string()))?;
        let account_type = match account_type {
            Some(text) => artel_ledger::AccountType::parse(text).ok_or_else(|| {
                AppError::rejected(
                    "--type",
                    format!("'{text}' is not one of asset, liability, equity, income, expense"),
                )
            })?,
            None => artel_ledger::AccountType::from_top_level(name.as_str()).ok_or_else(|| {
                AppError::rejected(
                    "--type",
                    format!("the type of '{name}' cannot be told from its name; give --type"),
                )
            })?,
        };
        let account = artel_ledger::Account {
            name,
            account_type,
            label_en: label_en.to_owned(),
            label_zh: label_zh.to_owned(),
            production_cost,
        };
        self.db
            .add_accounts(organisation.org_id, &[account], &self.actor)
            .await?;
        Ok(())
    }

    /// Changes an account's labels.
    pub async fn relabel_account(
        &self,
        code: &str,
        name: &str,
        label_en: &str,
        label_zh: &str,
    ) -> Result<(), AppError> {
        let organisation = self.book_for(code, Action::EditChart).await?;
        let name =
            AccountName::parse(name).map_err(|e| AppError::rejected("NAME", e.to_string()))?;
        Ok(self
            .db
            .relabel_account(organisation.org_id, &name, label_en, label_zh, &self.actor)
            .await?)
    }
}
