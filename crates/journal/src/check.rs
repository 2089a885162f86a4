//! The rules that span a whole file, checked as its items stream past: one commodity per
//! file, a type for every account, exact per-account balances. Used by `artel check` and
//! by the importers' first pass, before anything is written.

use artel_ledger::money::Decimal;
use artel_ledger::{AccountName, AccountType};
use rustc_hash::FxHashMap;

use crate::item::{Diagnostic, Format, Item, ParsedEntry};
use crate::parser::parse;
use crate::syntax::power_of_ten;

/// Most diagnostics kept; past it they are only counted. A limit on everything: a
/// binary file fed in by mistake must not fill the memory with complaints.
pub const DIAGNOSTICS_MAX: usize = 10_000;
/// Most distinct accounts one file may use.
pub const ACCOUNTS_MAX: usize = 1_000_000;

/// The file's one commodity and where it was first seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCommodity {
    pub symbol: String,
    pub line: usize,
    /// Decimal places a `commodity` directive's sample amount gives, if any.
    pub scale: Option<u8>,
}

#[derive(Debug)]
struct AccountState {
    name: AccountName,
    declared: Option<(AccountType, usize)>,
    /// First line that declares or uses the account.
    first_line: usize,
    /// Sum of its postings at the checker's current scale.
    balance: i128,
}

/// Consumes items and collects the diagnostics of the file-level rules.
#[derive(Debug, Default)]
pub struct Checker {
    accounts: FxHashMap<Box<str>, AccountState>,
    commodity: Option<FileCommodity>,
    /// Line of the first posting and whether its amount had a commodity symbol.
    first_amount: Option<(usize, bool)>,
    operating_currency: Option<FileCommodity>,
    entry_count: u64,
    /// Largest number of decimals seen in an amount; balances are kept at this scale.
    scale: u8,
    scale_line: usize,
    overflowed: bool,
    diagnostics: Vec<Diagnostic>,
    diagnostics_omitted: usize,
}

/// What a whole file amounts to once every item has been checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckSummary {
    commodity: Option<FileCommodity>,
    accounts: Vec<(AccountName, AccountType)>,
    entry_count: u64,
    scale_max: u8,
    scale: u8,
    balances: Vec<(AccountName, Decimal)>,
    diagnostics: Vec<Diagnostic>,
    diagnostics_omitted: usize,
}

/// Parses and checks a whole file in one streaming pass: the parser's diagnostics and the
/// checker's together, sorted by line.
pub fn check(bytes: &[u8], format: Format) -> CheckSummary {
    let mut checker = Checker::new();
    for result in parse(bytes, format) {
        match result {
            Ok(item) => checker.feed(&item),
            Err(diagnostic) => checker.report(diagnostic),
        }
    }
    checker.finish()
}

impl Checker {
    pub fn new() -> Checker {
        Checker::default()
    }

    /// Records a diagnostic found elsewhere (by the parser), so that all of a file's
    /// diagnostics come out of [`Checker::finish`] together.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        if self.diagnostics.len() < DIAGNOSTICS_MAX {
            self.diagnostics.push(diagnostic);
        } else {
            self.diagnostics_omitted += 1;
        }
    }

    fn error(&mut self, line: usize, message: String) {
        self.report(Diagnostic::new(line, message));
    }

    /// Checks one item against what came before it.
    pub fn feed(&mut self, item: &Item) {
        match item {
            Item::AccountDeclaration {
                line,
                name,
                account_type,
                commodities,
            } => {
                self.declare(*line, name, *account_type);
                for symbol in commodities {
                    self.declare_commodity(*line, symbol, None);
                }
            }
            Item::Commodity {
                line,
                symbol,
                scale,
            } => self.declare_commodity(*line, symbol, *scale),
            Item::Option { line, name, value } if name == "operating_currency" => {
                if self.operating_currency.is_none() {
                    self.operating_currency = Some(FileCommodity {
                        symbol: value.clone(),
                        line: *line,
                        scale: None,
                    });
                }
            }
            Item::Option { .. } | Item::Close { .. } => {}
            Item::Entry(entry) => self.entry(entry),
        }
    }

    fn account(&mut self, line: usize, name: &AccountName) -> Option<&mut AccountState> {
        if !self.accounts.contains_key(name.as_str()) {
            if self.accounts.len() == ACCOUNTS_MAX {
                self.error(
                    line,
                    format!("the file uses more than {ACCOUNTS_MAX} accounts"),
                );
                return None;
            }
            let state = AccountState {
                name: name.clone(),
                declared: None,
                first_line: line,
                balance: 0,
            };
            self.accounts.insert(name.as_str().into(), state);
        }
        self.accounts.get_mut(name.as_str())
    }

    fn declare(&mut self, line: usize, name: &AccountName, account_type: Option<AccountType>) {
        let Some(state) = self.account(line, name) else {
            return;
        };
        let Some(account_type) = account_type else {
            return;
        };
        match state.declared {
            None => state.declared = Some((account_type, line)),
            Some((earlier, _)) if earlier == account_type => {}
            Some((earlier, earlier_line)) => {
                let message = format!(
                    "account '{name}' is declared as {account_type} here but as {earlier} on line {earlier_line}"
                );
                self.error(line, message);
            }
        }
    }

    fn declare_commodity(&mut self, line: usize, symbol: &str, scale: Option<u8>) {
        match &mut self.commodity {
            None => {
                self.commodity = Some(FileCommodity {
                    symbol: symbol.to_owned(),
                    line,
                    scale,
                })
            }
            Some(first) if first.symbol == symbol => first.scale = first.scale.or(scale),
            Some(first) => {
                let message = second_commodity(symbol, first);
                self.error(line, message);
            }
        }
    }

    fn entry(&mut self, entry: &ParsedEntry) {
        self.entry_count += 1;
        if let Some(first) = entry.postings.first() {
            self.entry_commodity(first.line, first.commodity.as_deref());
        }
        for posting in &entry.postings {
            if posting.amount.scale > self.scale {
                self.widen(posting.line, posting.amount.scale);
            }
            let widened = i128::from(posting.amount.mantissa)
                * power_of_ten(self.scale - posting.amount.scale);
            self.add(posting.line, &posting.account, widened);
        }
    }

    /// Adds `amount` to an account's balance, in one lookup when the account is known.
    fn add(&mut self, line: usize, name: &AccountName, amount: i128) {
        let added = match self.accounts.get_mut(name.as_str()) {
            Some(state) => add_to(&mut state.balance, amount),
            None => match self.account(line, name) {
                Some(state) => add_to(&mut state.balance, amount),
                None => return,
            },
        };
        if !added {
            self.overflow(line);
        }
    }

    /// One commodity per file; amounts without a symbol may not mix with amounts with one.
    fn entry_commodity(&mut self, line: usize, commodity: Option<&str>) {
        let (first_line, first_has_symbol) =
            *self.first_amount.get_or_insert((line, commodity.is_some()));
        match commodity {
            Some(symbol) if !first_has_symbol => {
                let message = format!(
                    "an amount in '{symbol}', but amounts in this file have no commodity since line {first_line}"
                );
                self.error(line, message);
            }
            Some(symbol) => self.declare_commodity(line, symbol, None),
            None if first_has_symbol => {
                let symbol = self.commodity.as_ref().map_or("", |c| c.symbol.as_str());
                let message = format!(
                    "an amount without a commodity, but the file's amounts are in '{symbol}' since line {first_line}"
                );
                self.error(line, message);
            }
            None => {}
        }
    }

    /// Raises the scale balances are kept at.
    fn widen(&mut self, line: usize, scale: u8) {
        let factor = power_of_ten(scale - self.scale);
        let mut overflowed = false;
        for state in self.accounts.values_mut() {
            match state.balance.checked_mul(factor) {
                Some(balance) => state.balance = balance,
                None => overflowed = true,
            }
        }
        if overflowed {
            self.overflow(line);
        }
        self.scale = scale;
        self.scale_line = line;
    }

    fn overflow(&mut self, line: usize) {
        if !self.overflowed {
            self.overflowed = true;
            self.error(
                line,
                "an account's balance overflows the range of exact money".to_owned(),
            );
        }
    }

    /// Moves every line this checker recorded down by `lines`: for the checker of a part
    /// of a file that `lines` lines came before.
    pub(crate) fn shift_lines(&mut self, lines: usize) {
        let commodities = [self.commodity.as_mut(), self.operating_currency.as_mut()];
        for commodity in commodities.into_iter().flatten() {
            commodity.line += lines;
        }
        if let Some((line, _)) = &mut self.first_amount {
            *line += lines;
        }
        if self.scale > 0 {
            self.scale_line += lines;
        }
        for state in self.accounts.values_mut() {
            state.first_line += lines;
            if let Some((_, line)) = &mut state.declared {
                *line += lines;
            }
        }
        for diagnostic in &mut self.diagnostics {
            diagnostic.line += lines;
        }
    }

    /// The checker of a file read in two parts, `self` of the first and `later` of the
    /// rest, when it is exactly what reading the file in one pass gives: neither part found
    /// a problem, and nothing between the parts is one either (a second commodity, amounts
    /// with and without one, an account declared with two types, an overflow). `None` means
    /// the file must be checked in one pass to find its problems in order.
    pub(crate) fn merge(mut self, later: Checker) -> Option<Checker> {
        let clean = |checker: &Checker| {
            checker.diagnostics.is_empty()
                && checker.diagnostics_omitted == 0
                && !checker.overflowed
        };
        if !clean(&self) || !clean(&later) {
            return None;
        }
        self.commodity = match (self.commodity.take(), later.commodity) {
            (Some(first), Some(second)) if first.symbol != second.symbol => return None,
            (Some(first), Some(second)) => Some(FileCommodity {
                scale: first.scale.or(second.scale),
                ..first
            }),
            (first, second) => first.or(second),
        };
        self.first_amount = match (self.first_amount, later.first_amount) {
            (Some((_, first)), Some((_, second))) if first != second => return None,
            (first, second) => first.or(second),
        };
        self.operating_currency = self.operating_currency.take().or(later.operating_currency);
        self.entry_count += later.entry_count;
        let scale = self.scale.max(later.scale);
        let (scale_line, raise_first, raise_later) = if later.scale > self.scale {
            (later.scale_line, later.scale - self.scale, 0)
        } else {
            (self.scale_line, 0, self.scale - later.scale)
        };
        for state in self.accounts.values_mut() {
            state.balance = state.balance.checked_mul(power_of_ten(raise_first))?;
        }
        for (name, state) in later.accounts {
            let balance = state.balance.checked_mul(power_of_ten(raise_later))?;
            if let Some(first) = self.accounts.get_mut(&name) {
                first.declared = match (first.declared, state.declared) {
                    (Some((a, _)), Some((b, _))) if a != b => return None,
                    (a, b) => a.or(b),
                };
                first.balance = first.balance.checked_add(balance)?;
            } else if self.accounts.len() == ACCOUNTS_MAX {
                return None;
            } else {
                self.accounts
                    .insert(name, AccountState { balance, ..state });
            }
        }
        self.scale = scale;
        self.scale_line = scale_line;
        Some(self)
    }

    /// Applies the rules that need the whole file and returns its summary.
    pub fn finish(mut self) -> CheckSummary {
        let mut accounts = Vec::with_capacity(self.accounts.len());
        let mut untyped = Vec::new();
        for state in self.accounts.values() {
            let declared = state.declared.map(|(account_type, _)| account_type);
            match declared.or_else(|| AccountType::from_top_level(state.name.as_str())) {
                Some(account_type) => accounts.push((state.name.clone(), account_type)),
                None => untyped.push((state.first_line, state.name.to_string())),
            }
        }
        for (line, name) in untyped {
            self.error(
                line,
                format!("account '{name}' has no type: declare one ('account {name}  ; type: A', L, E, R or X) or start its name with assets, liabilities, equity, income or revenue, or expenses"),
            );
        }
        let scale = self.balance_scale();
        let balances = self.balances(scale);
        accounts.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        self.diagnostics.sort_by_key(|d| d.line);
        CheckSummary {
            commodity: self.commodity.or(self.operating_currency),
            accounts,
            entry_count: self.entry_count,
            scale_max: self.scale,
            scale,
            balances,
            diagnostics: self.diagnostics,
            diagnostics_omitted: self.diagnostics_omitted,
        }
    }

    /// The commodity directive's scale if it gives one, else the largest scale seen.
    fn balance_scale(&mut self) -> u8 {
        let Some(FileCommodity {
            symbol,
            line,
            scale: Some(declared),
        }) = self.commodity.clone()
        else {
            return self.scale;
        };
        if declared < self.scale {
            let message = format!(
                "line {} has an amount with {} decimal places, more than the {declared} of commodity '{symbol}' declared here",
                self.scale_line, self.scale
            );
            self.error(line, message);
            return self.scale;
        }
        declared
    }

    fn balances(&mut self, scale: u8) -> Vec<(AccountName, Decimal)> {
        let factor = power_of_ten(scale - self.scale);
        let mut balances = Vec::new();
        let mut too_large = Vec::new();
        for state in self.accounts.values().filter(|state| state.balance != 0) {
            match state
                .balance
                .checked_mul(factor)
                .and_then(|b| i64::try_from(b).ok())
            {
                Some(mantissa) => balances.push((state.name.clone(), Decimal { mantissa, scale })),
                None => too_large.push((state.first_line, state.name.to_string())),
            }
        }
        for (line, name) in too_large {
            self.error(
                line,
                format!("the balance of account '{name}' overflows the range of exact money"),
            );
        }
        balances.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        balances
    }
}

/// Adds `amount` to `balance`; false, leaving it as it was, when the sum overflows.
fn add_to(balance: &mut i128, amount: i128) -> bool {
    match balance.checked_add(amount) {
        Some(sum) => {
            *balance = sum;
            true
        }
        None => false,
    }
}

fn second_commodity(symbol: &str, first: &FileCommodity) -> String {
    format!(
        "a second commodity '{symbol}' (the file uses '{}' since line {}); one book holds one currency",
        first.symbol, first.line
    )
}

impl CheckSummary {
    /// The file's commodity: from a directive or an amount, else beancount's
    /// `operating_currency` option.
    pub fn commodity(&self) -> Option<&FileCommodity> {
        self.commodity.as_ref()
    }

    /// Every account declared or used, with its declared or inferred type, by name.
    pub fn accounts(&self) -> &[(AccountName, AccountType)] {
        &self.accounts
    }

    pub fn entry_count(&self) -> u64 {
        self.entry_count
    }

    /// Largest number of decimal places of any amount in the file's entries.
    pub fn scale_max(&self) -> u8 {
        self.scale_max
    }

    /// Decimal places of the balances: the commodity directive's, else [`Self::scale_max`].
    pub fn scale(&self) -> u8 {
        self.scale
    }

    /// Non-zero balances by account name, each at [`Self::scale`].
    pub fn balances(&self) -> &[(AccountName, Decimal)] {
        &self.balances
    }

    /// Every diagnostic of the file, by line (at most [`DIAGNOSTICS_MAX`]).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Diagnostics past [`DIAGNOSTICS_MAX`], counted only.
    pub fn diagnostics_omitted(&self) -> usize {
        self.diagnostics_omitted
    }

    /// Whether the file passed every check.
    pub fn is_ok(&self) -> bool {
        self.diagnostics.is_empty() && self.diagnostics_omitted == 0
    }
}
