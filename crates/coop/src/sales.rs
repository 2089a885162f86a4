//! Sales, pure: counterparties by type, the kinds of contract, invoiced sales as their CSV
//! file imports them (`date,counterparty,counterparty_type,product,quantity,amount,terms
//! [,contract]`), what an invoice posts, and what sales and contracts add to the
//! indicators' [`Totals`]. Contracts themselves are read in [`crate::contracts`].
//!
//! A cash sale posts `Assets:Cash` against `Income:Sales`; a sale on credit posts
//! `Assets:Receivables`, due `DAYS` after the invoice.

use std::fmt;

use artel_ledger::{AccountName, Currency, Money, MoneyError};
use chrono::{Days, NaiveDate};

use crate::contracts::Contract;
use crate::csv_input::{LineError, read_rows};
use crate::indicators::{ReportPeriod, Totals};
use crate::stock::{ItemKind, Stock, StockKind, StockMove};

pub const CASH: &str = "Assets:Cash";
pub const RECEIVABLES: &str = "Assets:Receivables";
pub const SALES: &str = "Income:Sales";
/// What buyers paid ahead of deliveries, owed back in products.
pub const ADVANCES: &str = "Liabilities:Advances from Buyers";

word_enum! {
    /// Whom the cooperative buys from and sells to.
    CounterpartyType {
        SupplyMarketing = "supply-marketing",
        StateCommerce = "state-commerce",
        PrivateMerchant = "private-merchant",
        Cooperative = "cooperative",
        Individual = "individual",
    }
}

impl CounterpartyType {
    /// Private buyers: the merchants and individuals `private_buyer_share` counts.
    pub fn is_private(self) -> bool {
        matches!(
            self,
            CounterpartyType::PrivateMerchant | CounterpartyType::Individual
        )
    }
}

word_enum! {
    /// What a contract agrees.
    ContractKind {
        /// The cooperative sells its products.
        Sales = "sales",
        /// The cooperative buys materials.
        Purchase = "purchase",
        /// The buyer supplies materials and buys the products back.
        Combined = "combined",
    }
}

impl ContractKind {
    /// Whether the contract sells products, and so counts in `contract_value`.
    pub fn sells(self) -> bool {
        matches!(self, ContractKind::Sales | ContractKind::Combined)
    }
}

/// How an invoice is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Terms {
    Cash,
    /// On credit, due this many days after the invoice.
    Credit {
        days: u32,
    },
}

impl Terms {
    /// `cash` or `credit:DAYS`.
    pub fn parse(text: &str) -> Result<Terms, String> {
        match text {
            "cash" => Ok(Terms::Cash),
            _ => text
                .strip_prefix("credit:")
                .and_then(|days| days.parse().ok())
                .map(|days| Terms::Credit { days })
                .ok_or_else(|| format!("'{text}' is not cash or credit:DAYS")),
        }
    }

    /// The day an invoice of `date` is due.
    pub fn due(self, date: NaiveDate) -> NaiveDate {
        match self {
            Terms::Cash => date,
            Terms::Credit { days } => date
                .checked_add_days(Days::new(u64::from(days)))
                .unwrap_or(NaiveDate::MAX),
        }
    }
}

impl fmt::Display for Terms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Terms::Cash => f.write_str("cash"),
            Terms::Credit { days } => write!(f, "credit:{days}"),
        }
    }
}

/// An invoiced sale as its file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleLine {
    pub line: u64,
    pub date: NaiveDate,
    pub counterparty: String,
    pub counterparty_type: CounterpartyType,
    pub product: String,
    pub quantity: u32,
    pub amount: Money,
    pub terms: Terms,
    /// The number of the contract it delivers against.
    pub contract: Option<String>,
}

impl SaleLine {
    /// What the invoice posts, debits positive and credits negative: the part `advance`
    /// settles from the buyer's advances, the rest to cash or a receivable, against sales.
    pub fn postings(&self, advance: Money) -> Result<Vec<(AccountName, Money)>, String> {
        let debit = match self.terms {
            Terms::Cash => CASH,
            Terms::Credit { .. } => RECEIVABLES,
        };
        let account = |name: &str| AccountName::parse(name).map_err(|e| e.to_string());
        let rest = self
            .amount
            .checked_sub(advance)
            .map_err(|e| e.to_string())?;
        if advance < Money::ZERO || rest < Money::ZERO {
            return Err(format!(
                "an advance of {} minor units does not fit an invoice of {}",
                advance.minor(),
                self.amount.minor()
            ));
        }
        let credit = self.amount.checked_neg().map_err(|e| e.to_string())?;
        [(ADVANCES, advance), (debit, rest), (SALES, credit)]
            .into_iter()
            .filter(|(_, amount)| !amount.is_zero())
            .map(|(name, amount)| Ok((account(name)?, amount)))
            .collect()
    }
}

/// The deliveries from stock that invoiced sales make: one for each sale of a product the
/// organisation keeps in stock (an item of kind product); other sales move no stock.
pub fn stock_deliveries(sales: &[SaleLine], stock: &Stock) -> Vec<StockMove> {
    sales
        .iter()
        .filter(|sale| stock.items.get(&sale.product) == Some(&ItemKind::Product))
        .map(|sale| StockMove {
            line: sale.line,
            date: sale.date,
            kind: StockKind::Deliver,
            item: sale.product.clone(),
            quantity: i64::from(sale.quantity),
            value: None,
            owner: None,
            paid_from: None,
            note: format!("delivered to {}", sale.counterparty),
        })
        .collect()
}

/// Reads invoiced sales: a day, a counterparty and its type, a product, a quantity and an
/// amount above nothing, the terms, and the contract delivered against if any.
pub fn read_sales(text: &str, currency: &Currency) -> Result<Vec<SaleLine>, Vec<LineError>> {
    read_rows(
        text,
        &[
            "date",
            "counterparty",
            "counterparty_type",
            "product",
            "quantity",
            "amount",
            "terms",
        ],
        &["contract"],
        |row| {
            let mut errors = Vec::new();
            let date = row.date("date").map_err(|e| errors.push(e)).ok();
            let counterparty = row
                .required("counterparty")
                .map_err(|e| errors.push(e))
                .ok();
            let counterparty_type = row
                .word("counterparty_type", CounterpartyType::parse)
                .map_err(|e| errors.push(e))
                .ok();
            let product = row.required("product").map_err(|e| errors.push(e)).ok();
            let quantity = row.pieces("quantity").map_err(|e| errors.push(e)).ok();
            let amount = row
                .amount_above_zero("amount", currency)
                .map_err(|e| errors.push(e))
                .ok();
            let terms = row
                .word("terms", Terms::parse)
                .map_err(|e| errors.push(e))
                .ok();
            let contract = Some(row.text("contract")).filter(|c| !c.is_empty());
            match (
                date,
                counterparty,
                counterparty_type,
                product,
                quantity,
                amount,
                terms,
            ) {
                (
                    Some(date),
                    Some(counterparty),
                    Some(counterparty_type),
                    Some(product),
                    Some(quantity),
                    Some(amount),
                    Some(terms),
                ) if errors.is_empty() => Ok(SaleLine {
                    line: row.line,
                    date,
                    counterparty: counterparty.to_owned(),
                    counterparty_type,
                    product: product.to_owned(),
                    quantity,
                    amount,
                    terms,
                    contract: contract.map(str::to_owned),
                }),
                _ => Err(errors),
            }
        },
    )
}

/// Adds to `totals` the sales invoiced in `period` — in all, on credit, to private buyers —
/// and the value of the sales and combined contracts signed in it.
pub fn add_sales(
    totals: &mut Totals,
    period: ReportPeriod,
    sales: &[SaleLine],
    contracts: &[Contract],
) -> Result<(), MoneyError> {
    let within = |date: NaiveDate| period.first <= date && date <= period.last;
    for sale in sales.iter().filter(|s| within(s.date)) {
        add_invoiced(totals, sale.counterparty_type, sale.terms, sale.amount)?;
    }
    for contract in contracts.iter().filter(|c| within(c.signed)) {
        add_contracted(
            totals,
            contract.counterparty_type,
            contract.kind,
            contract.value,
        )?;
    }
    Ok(())
}

/// Adds `amount` invoiced to a buyer of `counterparty_type` on `terms` — one invoice, or a
/// region's invoices of one kind of buyer and terms summed.
pub fn add_invoiced(
    totals: &mut Totals,
    counterparty_type: CounterpartyType,
    terms: Terms,
    amount: Money,
) -> Result<(), MoneyError> {
    totals.invoiced = totals.invoiced.checked_add(amount)?;
    if matches!(terms, Terms::Credit { .. }) {
        totals.invoiced_on_credit = totals.invoiced_on_credit.checked_add(amount)?;
    }
    if counterparty_type.is_private() {
        totals.invoiced_to_private_buyers =
            totals.invoiced_to_private_buyers.checked_add(amount)?;
    }
    Ok(())
}

/// Adds contracts of `kind` worth `value` with a counterparty of `counterparty_type`; only
/// those that sell count.
pub fn add_contracted(
    totals: &mut Totals,
    counterparty_type: CounterpartyType,
    kind: ContractKind,
    value: Money,
) -> Result<(), MoneyError> {
    if !kind.sells() {
        return Ok(());
    }
    totals.contract_value = totals.contract_value.checked_add(value)?;
    let by_type = CounterpartyType::ALL
        .iter()
        .position(|t| *t == counterparty_type)
        .and_then(|i| totals.contract_value_by_type.get_mut(i));
    if let Some(sum) = by_type {
        *sum = sum.checked_add(value)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contracts::read_contracts;
    use crate::indicators::indicators;

    fn cny() -> Currency {
        Currency::new("CNY", 2).unwrap()
    }

    const SALES_CSV: &str =
        "date,counterparty,counterparty_type,product,quantity,amount,terms,contract
1954-04-02,Shashi SMC,supply-marketing,cloth,100,1000.00,credit:30,S-1
1954-04-09,Wang Ji,private-merchant,cloth,40,400.00,credit:120,
1954-04-15,Li,individual,towel,10,100.00,cash,
1954-05-03,Wang Ji,private-merchant,cloth,50,500.00,cash,
";

    const CONTRACTS_CSV: &str =
        "number,counterparty,counterparty_type,kind,signed,value,credit_days
S-1,Shashi SMC,supply-marketing,sales,1954-03-30,5000.00,30
C-1,Shashi SMC,supply-marketing,combined,1954-04-20,3000.00,
P-1,Hankou Yarn,state-commerce,purchase,1954-04-21,2000.00,
";

    fn value_of(rows: &[(&'static str, Option<crate::Figure>)], name: &str) -> String {
        rows.iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, f)| f.map(|f| f.to_string()))
            .unwrap_or_default()
    }

    #[test]
    fn sales_and_contracts_make_the_indicators_by_hand() {
        let sales = read_sales(SALES_CSV, &cny()).unwrap();
        let contracts = read_contracts(CONTRACTS_CSV, &cny()).unwrap();
        let april = ReportPeriod::parse("1954-04").unwrap();
        let mut totals = Totals::default();
        add_sales(&mut totals, april, &sales, &contracts).unwrap();
        let rows = indicators(&totals, 2);
        // April: 1500.00 invoiced, 1400.00 of it on credit (93.3 %), 500.00 to private
        // buyers (33.3 %); the combined contract of 3000.00 signed, the sales one was in
        // March and the purchase one does not sell.
        assert_eq!(value_of(&rows, "credit_sales_share"), "93.3");
        assert_eq!(value_of(&rows, "private_buyer_share"), "33.3");
        assert_eq!(value_of(&rows, "contract_value"), "3000.00");
        let quarter = ReportPeriod::parse("1954-Q2").unwrap();
        let mut totals = Totals::default();
        add_sales(&mut totals, quarter, &sales, &contracts).unwrap();
        let rows = indicators(&totals, 2);
        assert_eq!(value_of(&rows, "credit_sales_share"), "70.0");
        assert_eq!(value_of(&rows, "private_buyer_share"), "50.0");
        // Nothing sold: the shares are empty, the contract value 0.
        let mut totals = Totals::default();
        add_sales(
            &mut totals,
            ReportPeriod::parse("1953").unwrap(),
            &sales,
            &contracts,
        )
        .unwrap();
        let rows = indicators(&totals, 2);
        assert_eq!(value_of(&rows, "credit_sales_share"), "");
        assert_eq!(value_of(&rows, "contract_value"), "0.00");
    }

    #[test]
    fn an_invoice_posts_cash_or_a_receivable() {
        let sales = read_sales(SALES_CSV, &cny()).unwrap();
        let lines = |sale: &SaleLine| -> Vec<(String, i64)> {
            sale.postings(Money::ZERO)
                .unwrap()
                .into_iter()
                .map(|(a, m)| (a.to_string(), m.minor()))
                .collect()
        };
        assert_eq!(
            lines(&sales[0]),
            [(RECEIVABLES.into(), 100_000), (SALES.into(), -100_000)]
        );
        assert_eq!(
            lines(&sales[2]),
            [(CASH.into(), 10_000), (SALES.into(), -10_000)]
        );
        assert_eq!(sales[0].terms.due(sales[0].date).to_string(), "1954-05-02");
        // 300.00 of the 1000.00 settled from the buyer's advances, the rest owed.
        let settled: Vec<(String, i64)> = sales[0]
            .postings(Money::from_minor(30_000))
            .unwrap()
            .into_iter()
            .map(|(a, m)| (a.to_string(), m.minor()))
            .collect();
        assert_eq!(
            settled,
            [
                (ADVANCES.into(), 30_000),
                (RECEIVABLES.into(), 70_000),
                (SALES.into(), -100_000)
            ]
        );
        // Wholly settled: nothing left to owe.
        assert_eq!(sales[0].postings(sales[0].amount).unwrap().len(), 2);
        assert!(sales[0].postings(Money::from_minor(100_001)).is_err());
        assert_eq!(sales[0].contract.as_deref(), Some("S-1"));
    }

    #[test]
    fn only_products_kept_in_stock_are_delivered_from_it() {
        let sales = read_sales(SALES_CSV, &cny()).unwrap();
        let mut stock = Stock::default();
        stock.items.insert("cloth".into(), ItemKind::Product);
        // Towels are a material here: a sale of them moves no stock of products.
        stock.items.insert("towel".into(), ItemKind::Material);
        let moves = stock_deliveries(&sales, &stock);
        let moved: Vec<(u64, &str, i64, StockKind)> = moves
            .iter()
            .map(|m| (m.line, m.item.as_str(), m.quantity, m.kind))
            .collect();
        assert_eq!(
            moved,
            [
                (2, "cloth", 100, StockKind::Deliver),
                (3, "cloth", 40, StockKind::Deliver),
                (5, "cloth", 50, StockKind::Deliver)
            ]
        );
        assert_eq!(moves[1].note, "delivered to Wang Ji");
        assert!(stock_deliveries(&sales, &Stock::default()).is_empty());
    }

    #[test]
    fn terms_read_and_write_back() {
        assert_eq!(Terms::parse("cash"), Ok(Terms::Cash));
        assert_eq!(Terms::parse("credit:45"), Ok(Terms::Credit { days: 45 }));
        assert_eq!(Terms::Credit { days: 45 }.to_string(), "credit:45");
        for bad in ["credit", "credit:", "credit:-3", "cheque"] {
            assert!(Terms::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_bad_line_is_named() {
        let text = "date,counterparty,counterparty_type,product,quantity,amount,terms
1954-04-02,Shashi SMC,supply-marketing,cloth,100,1000.00,credit:30
1954-04-03,Wang Ji,merchant,cloth,0,-4.00,later
";
        let errors = read_sales(text, &cny()).unwrap_err();
        let named: Vec<(u64, &str)> = errors
            .iter()
            .map(|e| (e.line, e.column.as_deref().unwrap()))
            .collect();
        assert_eq!(
            named,
            [
                (3, "counterparty_type"),
                (3, "quantity"),
                (3, "amount"),
                (3, "terms")
            ]
        );
    }
}
