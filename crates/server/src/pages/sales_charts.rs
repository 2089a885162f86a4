//! The sales page's figures: a year's invoiced sales by kind of buyer month by month, the
//! receivables aged on a day — by bucket as a chart, and per buyer as a table — and each
//! contract's value beside what was delivered against it, summed exactly in minor units;
//! only the charts' geometry is drawn in floating point.

use artel_app::{Aging, AgingBucket, AppError, ContractStanding, CounterpartyType, StoredInvoice};
use artel_ledger::Money;
use artel_reports_out::chart::{Series, category_bars, monthly_bars};
use chrono::Datelike;

use super::year::month_names;
use super::{Chrome, PageError};

fn overflow(error: artel_ledger::MoneyError) -> PageError {
    PageError::from(AppError::Failed(error.to_string()))
}

/// A kind of buyer as the reader names it.
pub fn type_label(c: &Chrome, kind: &str) -> String {
    c.t(&format!("counterparty-type-{kind}"))
}

/// What was invoiced to each kind of buyer in each month of `year`, in the order of
/// [`CounterpartyType::ALL`]: a row of twelve amounts per kind.
pub fn sales_by_type(
    year: i32,
    invoices: &[StoredInvoice],
) -> Result<Vec<(CounterpartyType, [Money; 12])>, PageError> {
    let mut sums: Vec<(CounterpartyType, [Money; 12])> = CounterpartyType::ALL
        .iter()
        .map(|kind| (*kind, [Money::ZERO; 12]))
        .collect();
    for invoice in invoices.iter().filter(|i| i.date.year() == year) {
        let Some((_, months)) = sums
            .iter_mut()
            .find(|(kind, _)| kind.as_str() == invoice.counterparty_type)
        else {
            return Err(PageError::from(AppError::Failed(format!(
                "a stored counterparty type '{}'",
                invoice.counterparty_type
            ))));
        };
        let month = invoice.date.month0() as usize;
        months[month] = months[month]
            .checked_add(invoice.amount)
            .map_err(overflow)?;
    }
    Ok(sums)
}

/// The chart of [`sales_by_type`]: one bar per kind of buyer that bought anything in the
/// year, in each month; none when nothing was invoiced.
pub fn sales_chart(
    c: &Chrome,
    year: i32,
    invoices: &[StoredInvoice],
    scale: u8,
) -> Result<Option<String>, PageError> {
    let series: Vec<Series> = sales_by_type(year, invoices)?
        .into_iter()
        .filter(|(_, months)| months.iter().any(|m| !m.is_zero()))
        .map(|(kind, months)| Series {
            name: type_label(c, kind.as_str()),
            values: months.iter().map(|m| m.minor()).collect(),
        })
        .collect();
    if series.is_empty() {
        return Ok(None);
    }
    let title = c.t1("sales-by-type-chart", "year", &year.to_string());
    Ok(Some(monthly_bars(
        &title,
        &series,
        &month_names(c, year)?,
        scale,
    )))
}

/// The buckets of the aging as the reader names them.
pub fn bucket_labels(c: &Chrome) -> Vec<String> {
    AgingBucket::ALL
        .iter()
        .map(|bucket| c.t(&format!("aging-{}", bucket.as_str())))
        .collect()
}

/// The receivables of each bucket as bars, titled with the day they are aged on.
pub fn aging_chart(c: &Chrome, as_of: &str, aging: &Aging, scale: u8) -> String {
    category_bars(
        &c.t1("sales-aging-chart", "date", as_of),
        &[Series {
            name: c.t("sales-owed"),
            values: aging.total.iter().map(|m| m.minor()).collect(),
        }],
        &bucket_labels(c),
        scale,
    )
}

/// Each contract's value beside what has been delivered against it on the day, as bars;
/// none when there is no contract.
pub fn fulfilment_chart(
    c: &Chrome,
    as_of: &str,
    contracts: &[ContractStanding],
    scale: u8,
) -> Option<String> {
    if contracts.is_empty() {
        return None;
    }
    let labels: Vec<String> = contracts
        .iter()
        .map(|s| s.contract.number.clone())
        .collect();
    Some(category_bars(
        &c.t1("sales-fulfilment-chart", "date", as_of),
        &[
            Series {
                name: c.t("sales-contract-value"),
                values: contracts.iter().map(|s| s.contract.value.minor()).collect(),
            },
            Series {
                name: c.t("sales-delivered"),
                values: contracts
                    .iter()
                    .map(|s| s.fulfilment.delivered.minor())
                    .collect(),
            },
        ],
        &labels,
        scale,
    ))
}

/// One row of the aging table: a buyer (or the total), each bucket, and all of it.
#[derive(Debug, Clone)]
pub struct AgingRow {
    pub counterparty: String,
    pub buckets: Vec<String>,
    pub total: String,
}

fn aging_row(
    c: &Chrome,
    counterparty: String,
    buckets: &[Money],
    scale: u32,
) -> Result<AgingRow, PageError> {
    let total = Money::checked_sum(buckets.iter().copied()).map_err(overflow)?;
    Ok(AgingRow {
        counterparty,
        buckets: buckets
            .iter()
            .map(|m| c.locale.amount(m.minor(), scale))
            .collect(),
        total: c.locale.amount(total.minor(), scale),
    })
}

/// Each buyer's row, by name, and the total's.
pub fn aging_rows(
    c: &Chrome,
    aging: &Aging,
    scale: u8,
) -> Result<(Vec<AgingRow>, AgingRow), PageError> {
    let scale = u32::from(scale);
    let rows = aging
        .counterparties
        .iter()
        .map(|(name, buckets)| aging_row(c, name.clone(), buckets, scale))
        .collect::<Result<Vec<_>, _>>()?;
    let total = aging_row(c, c.t("total"), &aging.total, scale)?;
    Ok((rows, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invoice(date: &str, kind: &str, minor: i64) -> StoredInvoice {
        StoredInvoice {
            date: date.parse().unwrap(),
            counterparty: "Wang Ji".into(),
            counterparty_type: kind.into(),
            product: "cloth".into(),
            quantity: 1,
            amount: Money::from_minor(minor),
            advance: Money::ZERO,
            terms: "cash".into(),
            due: date.parse().unwrap(),
            contract: None,
            sequence: 1,
            source: "test".into(),
        }
    }

    #[test]
    fn sales_add_up_by_kind_of_buyer_and_month() {
        let invoices = [
            invoice("1954-04-02", "private-merchant", 40_000),
            invoice("1954-04-30", "private-merchant", 2_550),
            invoice("1954-12-31", "cooperative", 1),
            // Another year's invoice is not the year's.
            invoice("1955-04-02", "private-merchant", 99_999),
        ];
        let sums = sales_by_type(1954, &invoices).unwrap();
        let of = |kind: CounterpartyType| {
            sums.iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, months)| months.map(Money::minor))
                .unwrap()
        };
        let mut merchant = [0; 12];
        merchant[3] = 42_550;
        assert_eq!(of(CounterpartyType::PrivateMerchant), merchant);
        let mut cooperative = [0; 12];
        cooperative[11] = 1;
        assert_eq!(of(CounterpartyType::Cooperative), cooperative);
        assert_eq!(of(CounterpartyType::Individual), [0; 12]);
        assert!(sales_by_type(1954, &[invoice("1954-01-01", "barter", 1)]).is_err());
    }
}
