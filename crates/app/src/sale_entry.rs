//! One invoiced sale at a time, from the sales page's form or the API: each field checked
//! (every bad one named at once), then checked against what is stored and posted by the
//! same path as an imported line (`post_sales`); and the invoices still open on a day, each
//! with what is owed on it, for the sales page.

use artel_coop::{CounterpartyType, LineError, SaleLine, Terms};
use artel_ledger::{Currency, Money};
use artel_store::StoredOpenInvoice;
use chrono::NaiveDate;

use crate::{Action, AppError, Artel, Problem};

/// Where an invoice recorded one at a time says it came from.
const SOURCE: &str = "sale";

/// A sale as asked: the amount as typed in the book's currency (`"250.00"`), the terms
/// `cash` or `credit:DAYS`, and the contract it delivers against, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleRequest {
    pub date: NaiveDate,
    pub counterparty: String,
    /// `supply-marketing`, `state-commerce`, `private-merchant`, `cooperative` or
    /// `individual`.
    pub counterparty_type: String,
    pub product: String,
    pub quantity: u32,
    pub amount: String,
    pub terms: String,
    pub contract: Option<String>,
}

fn problem(place: &str, message: impl Into<String>) -> Problem {
    Problem {
        place: place.to_owned(),
        message: message.into(),
    }
}

/// Reads `request` into the line an import would have read, or every field that is wrong.
fn sale_line(request: &SaleRequest, currency: &Currency) -> Result<SaleLine, Vec<Problem>> {
    let mut problems = Vec::new();
    let counterparty = request.counterparty.trim();
    if counterparty.is_empty() {
        problems.push(problem("counterparty", "the counterparty's name is empty"));
    }
    let counterparty_type = CounterpartyType::parse(request.counterparty_type.trim())
        .map_err(|e| problems.push(problem("counterparty_type", e)))
        .ok();
    let product = request.product.trim();
    if product.is_empty() {
        problems.push(problem("product", "the product's name is empty"));
    }
    if request.quantity == 0 {
        problems.push(problem("quantity", "must be more than 0"));
    }
    let amount = match currency.parse(request.amount.trim()) {
        Ok(amount) if amount > Money::ZERO => Some(amount),
        Ok(_) => {
            problems.push(problem("amount", "must be more than 0"));
            None
        }
        Err(e) => {
            problems.push(problem("amount", e.to_string()));
            None
        }
    };
    let terms = Terms::parse(request.terms.trim())
        .map_err(|e| problems.push(problem("terms", e)))
        .ok();
    let contract = request
        .contract
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned);
    match (counterparty_type, amount, terms) {
        (Some(counterparty_type), Some(amount), Some(terms)) if problems.is_empty() => {
            Ok(SaleLine {
                line: 0,
                date: request.date,
                counterparty: counterparty.to_owned(),
                counterparty_type,
                product: product.to_owned(),
                quantity: request.quantity,
                amount,
                terms,
                contract,
            })
        }
        _ => Err(problems),
    }
}

/// What the stored counterparties and contracts refuse, each at its field.
fn placed(errors: Vec<LineError>) -> AppError {
    AppError::Rejected(
        errors
            .into_iter()
            .map(|e| Problem {
                place: e.column.unwrap_or_else(|| "counterparty".to_owned()),
                message: e.message,
            })
            .collect(),
    )
}

impl Artel {
    /// Records one invoiced sale in `code` and posts it: cash to `Assets:Cash`, on credit
    /// to `Assets:Receivables` due after its term. The sequence of the invoice's entry.
    pub async fn record_sale(&self, code: &str, request: &SaleRequest) -> Result<u64, AppError> {
        let organisation = self.book_for(code, Action::RecordSales).await?;
        let line = sale_line(request, &organisation.currency).map_err(AppError::Rejected)?;
        let sequences = self
            .post_sales(
                &organisation,
                std::slice::from_ref(&line),
                |_| SOURCE.to_owned(),
                placed,
            )
            .await?;
        sequences
            .first()
            .copied()
            .ok_or_else(|| AppError::Failed("the sale was not posted".into()))
    }

    /// The invoices of `code` on credit, dated by `as_of`, with something still owed on
    /// them that day: oldest first.
    pub async fn open_invoices(
        &self,
        code: &str,
        as_of: NaiveDate,
    ) -> Result<Vec<StoredOpenInvoice>, AppError> {
        let organisation = self.book(code).await?;
        let mut open = self.db.open_invoices(organisation.org_id, as_of).await?;
        open.sort_by_key(|i| (i.date, i.sequence));
        Ok(open)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> SaleRequest {
        SaleRequest {
            date: NaiveDate::from_ymd_opt(1954, 4, 2).unwrap(),
            counterparty: " Wang Ji ".into(),
            counterparty_type: "private-merchant".into(),
            product: "cloth".into(),
            quantity: 40,
            amount: "1,250.50".into(),
            terms: "credit:45".into(),
            contract: Some(" ".into()),
        }
    }

    fn cny() -> Currency {
        Currency::new("CNY", 2).unwrap()
    }

    #[test]
    fn a_good_sale_reads_as_an_imported_line_would() {
        let line = sale_line(&request(), &cny()).unwrap();
        assert_eq!(line.counterparty, "Wang Ji");
        assert_eq!(line.amount, Money::from_minor(125_050));
        assert_eq!(line.terms, Terms::Credit { days: 45 });
        assert_eq!(line.contract, None);
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = SaleRequest {
            counterparty: "  ".into(),
            counterparty_type: "merchant".into(),
            product: String::new(),
            quantity: 0,
            amount: "12.345".into(),
            terms: "later".into(),
            ..request()
        };
        let places: Vec<String> = sale_line(&bad, &cny())
            .unwrap_err()
            .into_iter()
            .map(|p| p.place)
            .collect();
        assert_eq!(
            places,
            [
                "counterparty",
                "counterparty_type",
                "product",
                "quantity",
                "amount",
                "terms"
            ]
        );
        let free = SaleRequest {
            amount: "0.00".into(),
            ..request()
        };
        let refused = sale_line(&free, &cny()).unwrap_err();
        assert_eq!(refused, [problem("amount", "must be more than 0")]);
    }
}
