//! Receivables: a buyer's payment applied to their open invoices, oldest first — what is
//! left over becomes an advance from the buyer — posted to the books; and the receivables
//! aged on a day, per buyer and in total; the charter's credit limits they cross; and a bad
//! debt written off by a recorded decision.

use artel_coop::{Aging, CreditWarning, OpenInvoice, age, allocate, credit_warnings};
use artel_ledger::{AccountName, JournalEntry, Money, Posting};
use artel_store::{NewPayment, NewWriteOff, Organisation};
use chrono::{Datelike, NaiveDate};

use crate::books::template_accounts;
use crate::{Action, AppError, Artel};

const RECEIVABLES: &str = "Assets:Receivables";
const BAD_DEBTS: &str = "Expenses:Bad Debts";
const ADVANCES: &str = "Liabilities:Advances from Buyers";
/// Where a payment goes unless it says.
const PAID_INTO: &str = "Assets:Cash";

/// A payment as asked to record it.
#[derive(Debug, Clone, Copy)]
pub struct PaymentRequest<'a> {
    pub counterparty: &'a str,
    /// The amount paid, as written (`"250.00"`).
    pub amount: &'a str,
    pub date: NaiveDate,
    /// The account paid into; `Assets:Cash` when not given.
    pub into: Option<&'a str>,
    /// The invoice to apply it to first, by the sequence of its entry.
    pub invoice: Option<u64>,
}

/// A payment as recorded: the entry that posted it, the invoices it paid (by sequence) and
/// how much of each, and what was left over as an advance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecorded {
    pub sequence: u64,
    pub applied: Vec<(u64, Money)>,
    pub advance: Money,
}

fn account(name: &str) -> Result<AccountName, AppError> {
    AccountName::parse(name).map_err(|e| AppError::Failed(e.to_string()))
}

impl Artel {
    /// Records `amount` (`"250.00"`) paid by `counterparty` on `date` into `into` (default
    /// `Assets:Cash`), applied to the invoice it names first, if any, then to their open
    /// invoices oldest first; what is left over is an advance.
    pub async fn record_payment(
        &self,
        code: &str,
        payment: &PaymentRequest<'_>,
    ) -> Result<PaymentRecorded, AppError> {
        let PaymentRequest {
            counterparty,
            amount,
            date,
            into,
            invoice,
        } = *payment;
        let organisation = self.book_for(code, Action::RecordSales).await?;
        let amount = match organisation.currency.parse(amount) {
            Ok(amount) if amount > Money::ZERO => amount,
            Ok(_) => return Err(AppError::rejected("amount", "must be more than 0")),
            Err(e) => return Err(AppError::rejected("amount", e.to_string())),
        };
        let into = AccountName::parse(into.unwrap_or(PAID_INTO))
            .map_err(|e| AppError::rejected("into", e.to_string()))?;
        // Invoices issued by the payment's day, less every payment so far, later-dated
        // ones too: an invoice is never paid twice.
        let open: Vec<OpenInvoice> = self
            .db
            .invoices_still_owed(organisation.org_id, date)
            .await?
            .into_iter()
            .filter(|i| i.counterparty == counterparty)
            .map(|i| OpenInvoice {
                number: i.sequence,
                counterparty: i.counterparty,
                date: i.date,
                due: i.due,
                open: i.open,
            })
            .collect();
        if let Some(named) = invoice
            && !open.iter().any(|i| i.number == named)
        {
            return Err(AppError::rejected(
                "invoice",
                format!("invoice {named} is not an open invoice of '{counterparty}'"),
            ));
        }
        let allocation =
            allocate(amount, &open, invoice).map_err(|e| AppError::Failed(e.to_string()))?;
        let applied = Money::checked_sum(allocation.applied.iter().map(|(_, m)| *m))
            .map_err(|e| AppError::Failed(e.to_string()))?;
        let negative = |m: Money| m.checked_neg().map_err(|e| AppError::Failed(e.to_string()));
        let postings = [
            (into, amount),
            (account(RECEIVABLES)?, negative(applied)?),
            (account(ADVANCES)?, negative(allocation.left_over)?),
        ]
        .into_iter()
        .filter(|(_, m)| !m.is_zero())
        .map(|(account, amount)| Posting { account, amount })
        .collect();
        let memo = format!("payment from {counterparty}");
        let entry = JournalEntry::new(date, memo, None, postings)
            .map_err(|e| AppError::Failed(e.to_string()))?;
        let payment = NewPayment {
            date,
            counterparty: counterparty.to_owned(),
            amount,
            applied: allocation.applied.clone(),
            advance: allocation.left_over,
            source: "payment".into(),
            entry,
        };
        let sequence = self
            .db
            .record_payment(organisation.org_id, &payment, &self.actor)
            .await?;
        Ok(PaymentRecorded {
            sequence,
            applied: allocation.applied,
            advance: allocation.left_over,
        })
    }

    /// Writes off as a bad debt what the invoice numbered `invoice` still owes, as decided by
    /// the adopted motion numbered `motion`: posts it to `Expenses:Bad Debts` on `date`. The
    /// entry's sequence.
    pub async fn write_off(
        &self,
        code: &str,
        invoice: u64,
        motion: u64,
        date: NaiveDate,
    ) -> Result<u64, AppError> {
        let organisation = self.book_for(code, Action::RecordSales).await?;
        match self.db.motion(organisation.org_id, motion).await? {
            None => {
                return Err(AppError::rejected(
                    "motion",
                    format!("there is no motion {motion}"),
                ));
            }
            Some(m) if m.outcome != "adopted" => {
                return Err(AppError::rejected(
                    "motion",
                    format!("motion {motion} was {}, not adopted", m.outcome),
                ));
            }
            Some(_) => {}
        }
        let open = self
            .db
            .invoices_still_owed(organisation.org_id, date)
            .await?
            .into_iter()
            .find(|i| i.sequence == invoice)
            .ok_or_else(|| {
                AppError::rejected(
                    "invoice",
                    format!("invoice {invoice} owes nothing on {date}"),
                )
            })?;
        let postings = vec![
            Posting {
                account: account(BAD_DEBTS)?,
                amount: open.open,
            },
            Posting {
                account: account(RECEIVABLES)?,
                amount: open
                    .open
                    .checked_neg()
                    .map_err(|e| AppError::Failed(e.to_string()))?,
            },
        ];
        let memo = format!(
            "bad debt of {} written off: invoice {invoice}, motion {motion}",
            open.counterparty
        );
        let entry = JournalEntry::new(date, memo, None, postings)
            .map_err(|e| AppError::Failed(e.to_string()))?;
        let accounts = template_accounts(&[BAD_DEBTS])?;
        let write_off = NewWriteOff {
            invoice,
            date,
            amount: open.open,
            motion,
            entry,
        };
        Ok(self
            .db
            .write_off(organisation.org_id, &write_off, &accounts, &self.actor)
            .await?)
    }

    /// The credit invoices of `organisation` open on `as_of`.
    async fn open_on(
        &self,
        organisation: &Organisation,
        as_of: NaiveDate,
    ) -> Result<Vec<OpenInvoice>, AppError> {
        Ok(self
            .db
            .open_invoices(organisation.org_id, as_of)
            .await?
            .into_iter()
            .map(|i| OpenInvoice {
                number: i.sequence,
                counterparty: i.counterparty,
                date: i.date,
                due: i.due,
                open: i.open,
            })
            .collect())
    }

    /// The receivables of `code` aged on `as_of`: what each buyer owes by days overdue.
    pub async fn aging(&self, code: &str, as_of: NaiveDate) -> Result<Aging, AppError> {
        let organisation = self.book(code).await?;
        let open = self.open_on(&organisation, as_of).await?;
        age(&open, as_of).map_err(|e| AppError::Failed(e.to_string()))
    }

    /// The charter's credit limits crossed on `as_of`: by the sales of its year so far and
    /// the receivables open that day.
    pub async fn credit_warnings(
        &self,
        code: &str,
        as_of: NaiveDate,
    ) -> Result<Vec<CreditWarning>, AppError> {
        let organisation = self.book(code).await?;
        self.credit_warnings_of(&organisation, as_of).await
    }

    /// [`Artel::credit_warnings`] of an organisation already looked up by [`Artel::book`].
    pub async fn credit_warnings_of(
        &self,
        organisation: &Organisation,
        as_of: NaiveDate,
    ) -> Result<Vec<CreditWarning>, AppError> {
        self.readable(organisation).await?;
        let year_start = as_of.with_ordinal(1).unwrap_or(as_of);
        let sales = self.sale_lines(organisation, year_start, as_of).await?;
        let owed = self.db.owed_by_buyer(organisation.org_id, as_of).await?;
        let charter = self.charter_on(organisation, as_of).await?.charter;
        Ok(credit_warnings(&charter.credit, &sales, &owed))
    }
}
