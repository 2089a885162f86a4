//! Receivables: a buyer's payment applied to their open invoices, oldest first — what is
//! left over becomes an advance from the buyer — posted to the books; and the receivables
//! aged on a day, per buyer and in total; and the charter's credit limits they cross.

use artel_coop::{Aging, CreditWarning, OpenInvoice, age, allocate, credit_warnings};
use artel_ledger::{AccountName, JournalEntry, Money, Posting};
use artel_store::{NewPayment, Organisation};
use chrono::{Datelike, NaiveDate};

use crate::{Action, AppError, Artel};

const RECEIVABLES: &str = "Assets:Receivables";
const ADVANCES: &str = "Liabilities:Advances from Buyers";
/// Where a payment goes unless it says.
const PAID_INTO: &str = "Assets:Cash";

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
    /// `Assets:Cash`), applied to their open invoices oldest first.
    pub async fn record_payment(
        &self,
        code: &str,
        counterparty: &str,
        amount: &str,
        date: NaiveDate,
        into: Option<&str>,
    ) -> Result<PaymentRecorded, AppError> {
        let organisation = self.book_for(code, Action::RecordSales).await?;
        let amount = match organisation.currency.parse(amount) {
            Ok(amount) if amount > Money::ZERO => amount,
            Ok(_) => return Err(AppError::rejected("amount", "must be more than 0")),
            Err(e) => return Err(AppError::rejected("amount", e.to_string())),
        };
        let into = AccountName::parse(into.unwrap_or(PAID_INTO))
            .map_err(|e| AppError::rejected("into", e.to_string()))?;
        let open: Vec<OpenInvoice> = self
            .db
            .open_invoices(organisation.org_id, date)
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
        let allocation = allocate(amount, &open).map_err(|e| AppError::Failed(e.to_string()))?;
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
        let year_start = as_of.with_ordinal(1).unwrap_or(as_of);
        let sales = self.sale_lines(&organisation, year_start, as_of).await?;
        let open = self.open_on(&organisation, as_of).await?;
        let charter = self.charter_on(&organisation, as_of).await?.charter;
        Ok(credit_warnings(&charter.credit, &sales, &open))
    }
}
