//! Sales and receivables as the model holds them: the buyers (counterparties) known by
//! their type, the invoices — a credit sale is a receivable until payments settle it — and
//! the payments received. A sale first takes what the buyer's advances paid by its day
//! still hold; a payment pays the invoice it names first, then the buyer's invoices open
//! on its day, oldest first, and what is left over is an advance from the buyer.

use std::collections::BTreeMap;

use chrono::NaiveDate;

/// Buyers a sale or a payment may name, with their type; the last one never buys.
pub const BUYERS: [(&str, &str); 4] = [
    (
        "Hankou Supply and Marketing Cooperative",
        "supply-marketing",
    ),
    ("Wang Ji", "private-merchant"),
    ("Wuchang State Store", "state-commerce"),
    ("Li Si", "individual"),
];
/// How many of [`BUYERS`] a sale may name.
pub const SELLING_TO: usize = 3;

pub struct Invoice {
    /// The sequence of the entry that posted it, which numbers it.
    pub sequence: u64,
    pub buyer: &'static str,
    pub date: NaiveDate,
    /// On credit: a receivable. In cash: settled at once.
    pub credit: bool,
    pub amount: i64,
    /// What the buyer's advances settled of it.
    pub advance: i64,
}

struct Payment {
    date: NaiveDate,
    buyer: &'static str,
    /// Invoice by sequence, and what the payment paid of it.
    applied: Vec<(u64, i64)>,
    advance: i64,
}

/// A payment planned: what it pays of which invoice, and what is left over.
pub struct Allocation {
    pub applied: Vec<(u64, i64)>,
    pub left_over: i64,
}

impl Allocation {
    pub fn applied_total(&self) -> i64 {
        self.applied.iter().map(|(_, minor)| minor).sum()
    }
}

#[derive(Default)]
pub struct Receivables {
    /// Each buyer who bought, by name, with the type of their first sale.
    types: BTreeMap<&'static str, &'static str>,
    invoices: Vec<Invoice>,
    payments: Vec<Payment>,
}

impl Receivables {
    pub fn invoices(&self) -> &[Invoice] {
        &self.invoices
    }

    /// Whether `buyer` bought before.
    pub fn knows(&self, buyer: &str) -> bool {
        self.types.contains_key(buyer)
    }

    /// Refused when `buyer` is known as another type.
    pub fn check_buyer(&self, buyer: &str, kind: &str) -> Result<(), String> {
        match self.types.get(buyer) {
            Some(known) if *known != kind => Err(format!("'{buyer}' is a {known}")),
            _ => Ok(()),
        }
    }

    /// What the buyer's advances leave for an invoice of `date`: those paid by that day,
    /// less what invoices took of them (whenever dated); never below nothing.
    pub fn advance_left(&self, buyer: &str, date: NaiveDate) -> i64 {
        let paid: i64 = self
            .payments
            .iter()
            .filter(|p| p.buyer == buyer && p.date <= date)
            .map(|p| p.advance)
            .sum();
        let taken: i64 = self
            .invoices
            .iter()
            .filter(|i| i.buyer == buyer)
            .map(|i| i.advance)
            .sum();
        (paid - taken).max(0)
    }

    pub fn record_sale(&mut self, invoice: Invoice, kind: &'static str) {
        self.types.entry(invoice.buyer).or_insert(kind);
        self.invoices.push(invoice);
    }

    /// What is still owed on `invoice`, counting every payment.
    fn owed(&self, invoice: &Invoice) -> i64 {
        let paid: i64 = self
            .payments
            .iter()
            .flat_map(|p| &p.applied)
            .filter(|(sequence, _)| *sequence == invoice.sequence)
            .map(|(_, minor)| minor)
            .sum();
        invoice.amount - invoice.advance - paid
    }

    /// A payment of `amount` by `buyer` on `date`, applied to the invoice `named` first
    /// when given, then to the buyer's credit invoices issued by that day, oldest first,
    /// each up to what it still owes counting every payment, later-dated ones too.
    pub fn allocate(
        &self,
        buyer: &str,
        date: NaiveDate,
        amount: i64,
        named: Option<u64>,
    ) -> Result<Allocation, String> {
        if amount <= 0 {
            return Err("a payment is more than nothing".into());
        }
        let mut open: Vec<(&Invoice, i64)> = self
            .invoices
            .iter()
            .filter(|i| i.buyer == buyer && i.credit && i.date <= date)
            .map(|i| (i, self.owed(i)))
            .filter(|(_, owed)| *owed > 0)
            .collect();
        if let Some(named) = named
            && !open.iter().any(|(i, _)| i.sequence == named)
        {
            return Err(format!("invoice {named} is not open for '{buyer}'"));
        }
        open.sort_by_key(|(i, _)| (Some(i.sequence) != named, i.date, i.sequence));
        let mut left_over = amount;
        let mut applied = Vec::new();
        for (invoice, owed) in open {
            if left_over == 0 {
                break;
            }
            let paid = owed.min(left_over);
            applied.push((invoice.sequence, paid));
            left_over -= paid;
        }
        if !self.types.contains_key(buyer) {
            return Err(format!("'{buyer}' never bought"));
        }
        Ok(Allocation { applied, left_over })
    }

    pub fn record_payment(&mut self, buyer: &'static str, date: NaiveDate, allocation: Allocation) {
        self.payments.push(Payment {
            date,
            buyer,
            applied: allocation.applied,
            advance: allocation.left_over,
        });
    }

    /// Every credit invoice still owed on, counting every payment, oldest first: its
    /// sequence, buyer and what is owed.
    pub fn open(&self) -> Vec<(u64, String, i64)> {
        let mut open: Vec<&Invoice> = self
            .invoices
            .iter()
            .filter(|i| i.credit && self.owed(i) > 0)
            .collect();
        open.sort_by_key(|i| (i.date, i.sequence));
        open.into_iter()
            .map(|i| (i.sequence, i.buyer.to_owned(), self.owed(i)))
            .collect()
    }
}
