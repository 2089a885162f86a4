//! Members: the register imported from CSV (`artel import members`), each member's paid
//! shares posted to the books — cash against share capital — at the charter's share value,
//! all in one transaction with the register. Until a cooperative adopts its own charter,
//! the default charter applies.

use std::path::Path;

use artel_coop::{Charter, LineError, read_register};
use artel_ledger::{AccountName, JournalEntry, Money, Period, Posting};
use artel_store::{NewMember, StoredMember};

use crate::{Action, AppError, Artel, Problem};

/// The accounts a share payment posts to.
const CASH: &str = "Assets:Cash";
const SHARE_CAPITAL: &str = "Equity:Share Capital";

/// What an import of members did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembersImported {
    pub members: usize,
    pub shares_paid: u64,
    pub paid_in: Money,
}

fn line_problem(file: &str, error: LineError) -> Problem {
    Problem {
        place: format!("{file}:{}", error.line),
        message: match error.column {
            Some(column) => format!("{column}: {}", error.message),
            None => error.message,
        },
    }
}

fn account(name: &str) -> Result<AccountName, AppError> {
    AccountName::parse(name).map_err(|e| AppError::Failed(e.to_string()))
}

impl Artel {
    /// Imports a member register into the organisation `code`: every member and every
    /// share payment, or nothing and every problem by line.
    pub async fn import_members(
        &self,
        code: &str,
        path: &Path,
    ) -> Result<MembersImported, AppError> {
        let organisation = self.book_for(code, Action::ManageMembers).await?;
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|error| AppError::Io {
            path: file.clone(),
            error,
        })?;
        let charter = Charter::default_for_scale(organisation.currency.scale());
        let lines = read_register(&text, &charter).map_err(|errors| {
            AppError::Rejected(errors.into_iter().map(|e| line_problem(&file, e)).collect())
        })?;
        let (cash, capital) = (account(CASH)?, account(SHARE_CAPITAL)?);
        let chart = self.db.accounts(organisation.org_id).await?;
        for needed in [&cash, &capital] {
            if !chart.iter().any(|a| &a.account.name == needed) {
                return Err(AppError::rejected(
                    "account",
                    format!("the book of '{code}' has no account '{needed}' for share payments"),
                ));
            }
        }
        let closed = self.db.closed_periods(organisation.org_id).await?;
        let mut problems = Vec::new();
        let mut members = Vec::with_capacity(lines.len());
        let mut summary = MembersImported {
            members: lines.len(),
            shares_paid: 0,
            paid_in: Money::ZERO,
        };
        for line in lines {
            let at = |message: String| {
                line_problem(
                    &file,
                    LineError {
                        line: line.line,
                        column: Some("shares_paid".into()),
                        message,
                    },
                )
            };
            let payment = if line.shares_paid == 0 {
                None
            } else {
                let period = Period::of(line.joined);
                if closed.contains(&period) {
                    problems.push(at(format!("the period {period} of the payment is closed")));
                    continue;
                }
                let amount = charter
                    .shares_value(line.shares_paid)
                    .map_err(|e| at(e.to_string()));
                let entry = amount.and_then(|amount| {
                    let postings = vec![
                        Posting {
                            account: cash.clone(),
                            amount,
                        },
                        Posting {
                            account: capital.clone(),
                            amount: amount.checked_neg().map_err(|e| at(e.to_string()))?,
                        },
                    ];
                    JournalEntry::new(
                        line.joined,
                        format!("Shares paid by {}", line.name),
                        Some(format!("members:{}", line.line)),
                        postings,
                    )
                    .map_err(|e| at(e.to_string()))
                    .map(|entry| (amount, entry))
                });
                match entry {
                    Ok((amount, entry)) => {
                        summary.shares_paid += u64::from(line.shares_paid);
                        summary.paid_in = summary
                            .paid_in
                            .checked_add(amount)
                            .map_err(|e| AppError::Failed(e.to_string()))?;
                        Some((line.shares_paid, entry))
                    }
                    Err(problem) => {
                        problems.push(problem);
                        continue;
                    }
                }
            };
            members.push(NewMember {
                name: line.name,
                trade: line.trade,
                joined: line.joined,
                status: "member",
                shares_subscribed: line.shares_subscribed,
                payment,
            });
        }
        if !problems.is_empty() {
            return Err(AppError::Rejected(problems));
        }
        self.db
            .admit_members(organisation.org_id, &members, &self.actor)
            .await?;
        Ok(summary)
    }

    /// The member register of `code`, by number, with each member's paid-in capital.
    pub async fn members(&self, code: &str) -> Result<Vec<StoredMember>, AppError> {
        let organisation = self.book(code).await?;
        Ok(self.db.members(organisation.org_id).await?)
    }
}
