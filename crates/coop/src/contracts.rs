//! Contracts, pure: sales, purchase and combined contracts as `artel import contracts` reads
//! them, and how far each is fulfilled by the deliveries invoiced against it.
//!
//! The file has one row per contract (`number,counterparty,counterparty_type,kind,signed,
//! value[,credit_days]`), or — with the optional columns `product,quantity,price,deliver_by`
//! — one row per item of a contract, the contract's own columns repeated alike on each. The
//! items are the contract's lines and its delivery schedule: the same product may come in
//! several items due on different days. A contract with items is worth exactly what they
//! come to.

use std::collections::{HashMap, HashSet};

use artel_ledger::{Currency, Money, MoneyError};
use chrono::NaiveDate;

use crate::csv_input::{LineError, Row, read_rows};
use crate::sales::{ContractKind, CounterpartyType};

/// One line of a contract: so many of a product, at a price each, delivered by a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractItem {
    pub product: String,
    pub quantity: u32,
    pub price: Money,
    pub deliver_by: Option<NaiveDate>,
}

impl ContractItem {
    /// The quantity at the price.
    pub fn value(&self) -> Result<Money, MoneyError> {
        self.price
            .minor()
            .checked_mul(i64::from(self.quantity))
            .map(Money::from_minor)
            .ok_or(MoneyError::Overflow)
    }
}

/// A contract as its file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    /// The line of the file it starts on, 0 when not imported.
    pub line: u64,
    pub number: String,
    pub counterparty: String,
    pub counterparty_type: CounterpartyType,
    pub kind: ContractKind,
    pub signed: NaiveDate,
    pub value: Money,
    /// The credit term it grants, in days; none for cash.
    pub credit_days: Option<u32>,
    /// Its lines and delivery schedule; none when only its value was agreed.
    pub items: Vec<ContractItem>,
}

/// What a row of the file gives: the contract's columns and perhaps one item.
struct ContractRow {
    contract: Contract,
    item: Option<ContractItem>,
}

const ITEM_COLUMNS: [&str; 4] = ["product", "quantity", "price", "deliver_by"];

fn read_item(
    row: &Row<'_>,
    currency: &Currency,
    errors: &mut Vec<LineError>,
) -> Option<ContractItem> {
    if row.text("product").is_empty() {
        for column in &ITEM_COLUMNS[1..] {
            if !row.text(column).is_empty() {
                errors.push(row.refuse(column, "is given without a product"));
            }
        }
        return None;
    }
    let quantity = row.pieces("quantity").map_err(|e| errors.push(e)).ok();
    let price = row
        .amount_above_zero("price", currency)
        .map_err(|e| errors.push(e))
        .ok();
    let deliver_by = match row.text("deliver_by") {
        "" => Some(None),
        _ => row
            .date("deliver_by")
            .map(Some)
            .map_err(|e| errors.push(e))
            .ok(),
    };
    Some(ContractItem {
        product: row.text("product").to_owned(),
        quantity: quantity?,
        price: price?,
        deliver_by: deliver_by?,
    })
}

fn read_row(row: &Row<'_>, currency: &Currency) -> Result<ContractRow, Vec<LineError>> {
    let mut errors = Vec::new();
    let number = row.required("number").map_err(|e| errors.push(e)).ok();
    let counterparty = row
        .required("counterparty")
        .map_err(|e| errors.push(e))
        .ok();
    let counterparty_type = row
        .word("counterparty_type", CounterpartyType::parse)
        .map_err(|e| errors.push(e))
        .ok();
    let kind = row
        .word("kind", ContractKind::parse)
        .map_err(|e| errors.push(e))
        .ok();
    let signed = row.date("signed").map_err(|e| errors.push(e)).ok();
    let value = row
        .amount_above_zero("value", currency)
        .map_err(|e| errors.push(e))
        .ok();
    let credit_days = match row.text("credit_days") {
        "" => Some(None),
        _ => row
            .count("credit_days")
            .map(Some)
            .map_err(|e| errors.push(e))
            .ok(),
    };
    let has_item = !row.text("product").is_empty();
    let item = read_item(row, currency, &mut errors);
    match (
        number,
        counterparty,
        counterparty_type,
        kind,
        signed,
        value,
        credit_days,
    ) {
        (
            Some(number),
            Some(counterparty),
            Some(counterparty_type),
            Some(kind),
            Some(signed),
            Some(value),
            Some(credit_days),
        ) if errors.is_empty() && item.is_some() == has_item => Ok(ContractRow {
            contract: Contract {
                line: row.line,
                number: number.to_owned(),
                counterparty: counterparty.to_owned(),
                counterparty_type,
                kind,
                signed,
                value,
                credit_days,
                items: Vec::new(),
            },
            item,
        }),
        _ => Err(errors),
    }
}

/// The first of the contract's own columns in which `row` differs from `first`.
fn differing_column(first: &Contract, row: &Contract) -> Option<&'static str> {
    [
        ("counterparty", first.counterparty == row.counterparty),
        (
            "counterparty_type",
            first.counterparty_type == row.counterparty_type,
        ),
        ("kind", first.kind == row.kind),
        ("signed", first.signed == row.signed),
        ("value", first.value == row.value),
        ("credit_days", first.credit_days == row.credit_days),
    ]
    .into_iter()
    .find(|(_, same)| !same)
    .map(|(column, _)| column)
}

/// Gathers the rows into contracts, in the order they first appear: a number given again
/// must bring another item and repeat the contract's columns alike; a contract with items
/// must be worth what they come to, unless a row of it was refused already (`incomplete`).
fn gather(
    rows: Vec<ContractRow>,
    currency: &Currency,
    mut errors: Vec<LineError>,
    incomplete: &HashSet<String>,
) -> Result<Vec<Contract>, Vec<LineError>> {
    let mut contracts: Vec<Contract> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let refuse = |line: u64, column: &str, message: String| LineError {
        line,
        column: Some(column.to_owned()),
        message,
    };
    for ContractRow { contract, item } in rows {
        let Some(&at) = index.get(&contract.number) else {
            index.insert(contract.number.clone(), contracts.len());
            contracts.push(Contract {
                items: item.into_iter().collect(),
                ..contract
            });
            continue;
        };
        let first = &mut contracts[at];
        let (Some(item), false) = (item, first.items.is_empty()) else {
            errors.push(refuse(
                contract.line,
                "number",
                format!(
                    "contract '{}' is in the file twice (line {}); give one row per item, each with a product",
                    contract.number, first.line
                ),
            ));
            continue;
        };
        match differing_column(first, &contract) {
            Some(column) => errors.push(refuse(
                contract.line,
                column,
                format!(
                    "differs from line {} of contract '{}'",
                    first.line, contract.number
                ),
            )),
            None => first.items.push(item),
        }
    }
    for contract in contracts
        .iter()
        .filter(|c| !c.items.is_empty() && !incomplete.contains(&c.number))
    {
        let total = contract
            .items
            .iter()
            .map(ContractItem::value)
            .try_fold(Money::ZERO, |sum, value| sum.checked_add(value?));
        match total {
            Ok(total) if total == contract.value => {}
            Ok(total) => errors.push(refuse(
                contract.line,
                "value",
                format!(
                    "the items of contract '{}' come to {}, not {}",
                    contract.number,
                    currency.format(total),
                    currency.format(contract.value)
                ),
            )),
            Err(e) => errors.push(refuse(contract.line, "value", e.to_string())),
        }
    }
    if errors.is_empty() {
        Ok(contracts)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

/// Reads contracts: each with a number, a counterparty and its type, a kind, the day
/// signed, a value above nothing, when on credit its term in days, and perhaps its items.
pub fn read_contracts(text: &str, currency: &Currency) -> Result<Vec<Contract>, Vec<LineError>> {
    let rows = read_rows(
        text,
        &[
            "number",
            "counterparty",
            "counterparty_type",
            "kind",
            "signed",
            "value",
        ],
        &["credit_days", "product", "quantity", "price", "deliver_by"],
        // Every row is read, good or not, so that the gathering names its problems too.
        |row| Ok((row.text("number").to_owned(), read_row(row, currency))),
    )?;
    let mut good = Vec::new();
    let mut errors = Vec::new();
    let mut incomplete = HashSet::new();
    for (number, row) in rows {
        match row {
            Ok(row) => good.push(row),
            Err(row_errors) => {
                errors.extend(row_errors);
                incomplete.insert(number);
            }
        }
    }
    gather(good, currency, errors, &incomplete)
}

word_enum! {
    /// Where a contract stands on a day, by what has been delivered against it.
    ContractStatus {
        /// Nothing delivered yet, and nothing due.
        Signed = "signed",
        /// Something delivered, and nothing due left undelivered.
        Delivering = "delivering",
        /// Everything delivered.
        Fulfilled = "fulfilled",
        /// An item due by a past day is not fully delivered.
        Overdue = "overdue",
    }
}

/// A delivery invoiced against a contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub date: NaiveDate,
    pub product: String,
    pub quantity: u32,
    pub amount: Money,
}

/// How much of one item has been delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemFulfilment {
    pub item: ContractItem,
    pub delivered: u64,
}

/// How far a contract is fulfilled on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fulfilment {
    pub status: ContractStatus,
    /// What the deliveries were invoiced at.
    pub delivered: Money,
    /// The delivered value against the contract's, in tenths of a percent (rounded down);
    /// above 1000 when more was delivered than agreed.
    pub per_mille: u64,
    /// Each item, in the contract's order.
    pub items: Vec<ItemFulfilment>,
}

/// How far `contract` is fulfilled on `as_of` by `deliveries` (those dated later do not
/// count). A product's deliveries fill its items in the order they are due, those without
/// a day last; what is delivered beyond them counts on the last.
pub fn fulfilment(
    contract: &Contract,
    deliveries: &[Delivery],
    as_of: NaiveDate,
) -> Result<Fulfilment, MoneyError> {
    let mut delivered = Money::ZERO;
    let mut by_product: HashMap<&str, u64> = HashMap::new();
    for delivery in deliveries.iter().filter(|d| d.date <= as_of) {
        delivered = delivered.checked_add(delivery.amount)?;
        *by_product.entry(delivery.product.as_str()).or_default() += u64::from(delivery.quantity);
    }
    let mut order: Vec<usize> = (0..contract.items.len()).collect();
    order.sort_by_key(|&i| {
        let due = contract.items[i].deliver_by;
        (due.is_none(), due)
    });
    let mut items: Vec<ItemFulfilment> = contract
        .items
        .iter()
        .map(|item| ItemFulfilment {
            item: item.clone(),
            delivered: 0,
        })
        .collect();
    let mut last_of_product: HashMap<&str, usize> = HashMap::new();
    for &i in &order {
        let item = &contract.items[i];
        let left = by_product.entry(item.product.as_str()).or_default();
        let filled = (*left).min(u64::from(item.quantity));
        items[i].delivered = filled;
        *left -= filled;
        last_of_product.insert(item.product.as_str(), i);
    }
    for (product, i) in last_of_product {
        items[i].delivered += by_product.get(product).copied().unwrap_or(0);
    }
    let complete = |f: &ItemFulfilment| f.delivered >= u64::from(f.item.quantity);
    let status = if contract.items.is_empty() {
        match delivered {
            d if d >= contract.value => ContractStatus::Fulfilled,
            d if d > Money::ZERO => ContractStatus::Delivering,
            _ => ContractStatus::Signed,
        }
    } else if items.iter().all(complete) {
        ContractStatus::Fulfilled
    } else if items
        .iter()
        .any(|f| !complete(f) && f.item.deliver_by.is_some_and(|due| due < as_of))
    {
        ContractStatus::Overdue
    } else if delivered > Money::ZERO {
        ContractStatus::Delivering
    } else {
        ContractStatus::Signed
    };
    let per_mille = u64::try_from(
        i128::from(delivered.minor()) * 1000 / i128::from(contract.value.minor().max(1)),
    )
    .unwrap_or(0);
    Ok(Fulfilment {
        status,
        delivered,
        per_mille,
        items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cny() -> Currency {
        Currency::new("CNY", 2).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    const SCHEDULED: &str = "number,counterparty,counterparty_type,kind,signed,value,credit_days,product,quantity,price,deliver_by
E-1,Echeng SMC 1,supply-marketing,sales,1954-04-01,9000.00,30,plow,100,60.00,1954-04-30
E-1,Echeng SMC 1,supply-marketing,sales,1954-04-01,9000.00,30,plow,50,60.00,1954-05-31
E-1,Echeng SMC 1,supply-marketing,sales,1954-04-01,9000.00,30,harrow,20,0.50,1954-05-31
E-1,Echeng SMC 1,supply-marketing,sales,1954-04-01,9000.00,30,hoe,10,0.00x,
C-1,Yingcheng SMC 6,supply-marketing,combined,1954-04-02,300.00,,,,,
";

    #[test]
    fn items_gather_into_their_contract() {
        let text = SCHEDULED
            .replace(",hoe,10,0.00x,", ",hoe,20,0.50,")
            .replace("9000.00", "9020.00");
        let contracts = read_contracts(&text, &cny()).unwrap();
        assert_eq!(contracts.len(), 2);
        let plows = &contracts[0];
        assert_eq!((plows.line, plows.items.len()), (2, 4));
        assert_eq!(plows.items[1].deliver_by, Some(day("1954-05-31")));
        assert_eq!(plows.items[3].deliver_by, None);
        // 100 × 60.00 + 50 × 60.00 + 20 × 0.50 + 20 × 0.50 = 9020.00.
        assert_eq!(plows.value.minor(), 902_000);
        assert!(contracts[1].items.is_empty());
    }

    #[test]
    fn a_contract_is_worth_what_its_items_come_to() {
        let text = SCHEDULED.replace(",hoe,10,0.00x,", ",hoe,20,0.50,");
        let errors = read_contracts(&text, &cny()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].line, errors[0].column.as_deref()),
            (2, Some("value"))
        );
        assert!(
            errors[0].message.contains("come to 9020.00, not 9000.00"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn every_bad_row_is_named() {
        let errors = read_contracts(SCHEDULED, &cny()).unwrap_err();
        let named: Vec<(u64, &str)> = errors
            .iter()
            .map(|e| (e.line, e.column.as_deref().unwrap()))
            .collect();
        assert_eq!(named, [(5, "price")]);
        let text = "number,counterparty,counterparty_type,kind,signed,value,product,quantity,price,deliver_by
S-1,A,cooperative,sales,1954-01-01,10.00,cloth,1,10.00,
S-1,A,cooperative,combined,1954-01-01,10.00,cloth,1,10.00,
S-2,A,cooperative,sales,1954-01-01,10.00,,1,,1954-13-01
S-3,A,cooperative,sales,1954-01-01,10.00,,,,
S-3,A,cooperative,sales,1954-01-01,10.00,,,,
S-4,A,cooperative,sales,1954-01-01,10.00,cloth,0,10.00,soon
";
        let errors = read_contracts(text, &cny()).unwrap_err();
        let named: Vec<(u64, &str)> = errors
            .iter()
            .map(|e| (e.line, e.column.as_deref().unwrap()))
            .collect();
        assert_eq!(
            named,
            [
                (3, "kind"),
                (4, "quantity"),
                (4, "deliver_by"),
                (6, "number"),
                (7, "quantity"),
                (7, "deliver_by"),
            ]
        );
        assert!(
            errors[0].message.contains("differs from line 2"),
            "{}",
            errors[0].message
        );
    }

    fn delivery(date: &str, product: &str, quantity: u32, amount: i64) -> Delivery {
        Delivery {
            date: day(date),
            product: product.into(),
            quantity,
            amount: Money::from_minor(amount),
        }
    }

    #[test]
    fn deliveries_fill_the_schedule_in_the_order_it_is_due() {
        let text = SCHEDULED
            .replace(",hoe,10,0.00x,", ",hoe,20,0.50,")
            .replace("9000.00", "9020.00");
        let contract = &read_contracts(&text, &cny()).unwrap()[0];
        let at = |as_of: &str, deliveries: &[Delivery]| {
            fulfilment(contract, deliveries, day(as_of)).unwrap()
        };
        assert_eq!(at("1954-04-10", &[]).status, ContractStatus::Signed);
        let some = [
            delivery("1954-04-20", "plow", 60, 360_000),
            delivery("1954-04-28", "plow", 50, 300_000),
        ];
        let april = at("1954-04-30", &some);
        assert_eq!(april.status, ContractStatus::Delivering);
        let delivered: Vec<u64> = april.items.iter().map(|i| i.delivered).collect();
        assert_eq!(delivered, [100, 10, 0, 0]);
        // 6600.00 of 9020.00: 731.7 ‰, rounded down.
        assert_eq!((april.delivered.minor(), april.per_mille), (660_000, 731));
        // The first plow item was due by 30 April: on 1 May, 90 short of it is overdue.
        let late = at("1954-05-01", &some[..1]);
        assert_eq!(late.status, ContractStatus::Overdue);
        // A delivery dated after the day does not count yet.
        assert_eq!(at("1954-04-25", &some).items[0].delivered, 60);
        let all = [
            delivery("1954-05-20", "plow", 160, 960_000),
            delivery("1954-05-21", "harrow", 20, 1_000),
            delivery("1954-05-22", "hoe", 20, 1_000),
        ];
        let done = at("1954-06-30", &all);
        assert_eq!(done.status, ContractStatus::Fulfilled);
        // Ten plows beyond the schedule count on the last plow item.
        assert_eq!(done.items[1].delivered, 60);
        assert_eq!(done.per_mille, 1066);
    }

    #[test]
    fn a_contract_without_items_is_fulfilled_by_value() {
        let text = "number,counterparty,counterparty_type,kind,signed,value
C-1,Yingcheng SMC 6,supply-marketing,combined,1954-04-02,300.00
";
        let contract = &read_contracts(text, &cny()).unwrap()[0];
        let half = [delivery("1954-05-01", "cloth", 5, 15_000)];
        assert_eq!(
            fulfilment(contract, &half, day("1954-12-31"))
                .unwrap()
                .status,
            ContractStatus::Delivering
        );
        let whole = [half[0].clone(), delivery("1954-05-02", "towel", 9, 15_000)];
        let done = fulfilment(contract, &whole, day("1954-12-31")).unwrap();
        assert_eq!(
            (done.status, done.per_mille),
            (ContractStatus::Fulfilled, 1000)
        );
    }
}
