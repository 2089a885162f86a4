# The web pages' English messages. Every key here is in zh-CN/main.ftl too (a test checks).

## Layout
product-name = Artel
skip-to-content = Skip to the main content
nav-label = Main
nav-home = Home
nav-sessions = My sessions
nav-password = Password
language-label = Language
language-switch = Switch the language
signed-in-as = Signed in as { $name }
sign-out = Sign out

## Sign-in
sign-in = Sign in
sign-in-title = Sign in to Artel
sign-in-name = Name
sign-in-password = Password
sign-in-code = One-time code
sign-in-code-hint = Six digits from your authenticator app, if your account uses one.
sign-in-refused = Wrong name, password or one-time code.
sign-in-code-required = This account needs a one-time code too.
sign-in-code-setup = Administrators sign in with a one-time code. Ask the operator to set one up first.
sign-in-throttled = Too many failed sign-ins. Try again in { $minutes ->
    [one] one minute
   *[other] { $minutes } minutes
}.
field-required = Fill this in.

## Home
home-title = Home
home-organisations = Your organisations
home-no-organisations = You have no role over any organisation yet.
home-code = Code
home-name = Name
home-kind = Kind

## Sessions
sessions-title = My sessions
sessions-intro = Every place you are signed in. End any you do not recognise.
sessions-signed-in = Signed in
sessions-last-seen = Last used
sessions-ends = Ends
sessions-from = From
sessions-browser = Browser
sessions-this-one = This session
sessions-end = End
sessions-end-label = End the session signed in { $when }
sessions-none = No live sessions.
sessions-actions = Actions
sessions-address-unknown = unknown

## Password
password-title = Change your password
password-current = Current password
password-new = New password
password-new-hint = At least { $min } characters.
password-again = New password again
password-change = Change the password
password-changed = Your password is changed. Your other sessions have ended.
password-mismatch = The two new passwords differ.
password-too-short = A password needs at least { $min } characters.
password-wrong-current = That is not your current password.

## Books (placeholder)
books-title = The books of { $name }

## Errors
error-title = Something went wrong
error-not-found = There is no such page, or you have no role that shows it.
error-forbidden = Your roles do not allow this.
error-bad-request = The request could not be understood.
error-server = The request failed on the server; it has been logged.
error-home = Back to the home page
form-has-errors = Please correct the fields marked below.

# The dashboard
dashboard-as-of = Figures as of { $date }
dashboard-cash-bank = Cash and bank
dashboard-receivables = Receivables
dashboard-surplus = Surplus so far this year
dashboard-income = Income
dashboard-costs = Costs
dashboard-chart-title = Income and costs by month, { $year }
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

# Reports
trial-balance = Trial balance
range-from = From
range-to = To
range-show = Show
download-csv = Download CSV
download-xlsx = Download XLSX
account = Account
debit = Debit
credit = Credit
total = Total
general-ledger = General ledger
balance-sheet = Balance sheet
income-statement = Income statement
balance-sheet-right-total = Total liabilities, equity and surplus
report-as-of = As of
report-choose-account = Choose an account
report-choose-account-hint = Choose an account to see its postings and running balance.
report-account-unknown = There is no such account in this book.
amount = Amount
date = Date
memo = Memo
yes = Yes

# Forms
form-date-invalid = “{ $text }” is not a date; use the form 1954-04-30.
form-range-reversed = The end of the range is before its start.
form-amount-positive = Enter an amount greater than zero.
form-amount-invalid = Enter an amount with at most { $decimals } decimals, like 1,234.50.
form-refused = This could not be saved; check the form and try again.
form-resubmitted = This form was already sent with other values; reload the page to start again.

# The books' navigation
book-nav-label = The books
nav-entries = Journal
nav-new-entry = New entry
nav-accounts = Accounts
nav-periods = Periods
nav-integrity = Integrity
nav-audit = Audit trail

# Entries
entries-title = Journal entries
entries-none = No entries in this range.
entries-next-page = Next page
entry-number = No.
entry-title = Entry { $number }
entry-posted = Entry { $number } was posted.
entry-source = Source
entry-reverses = reverses { $number }
entry-reversal-of = Reverses
entry-reversed-by = Reversed by
entry-hash = Chain hash:
entry-reverse-title = Reverse this entry
entry-reverse-hint = Entries are never changed or deleted: a reversing entry with the same lines on the other side cancels this one, and both stay in the books.
entry-reverse-memo-hint = Leave empty to use “Reversal of entry …”.
entry-reverse = Post the reversal
entry-already-reversed = This entry has already been reversed.
entry-period-closed = The month of this date is closed; choose a date in an open month.
entry-line-account = Line { $number }: account
entry-line-debit = Line { $number }: debit
entry-line-credit = Line { $number }: credit
entry-lines-hint = One amount per line, debit or credit. Accounts complete from the chart as you type; Ctrl+Enter posts.
entry-add-line = Add a line
entry-post = Post the entry
entry-account-unknown = “{ $account }” is not an account of this book.
entry-amount-missing = Enter a debit or a credit.
entry-amount-both = Enter a debit or a credit, not both.
entry-lines-too-few = An entry needs at least two lines.
entry-amounts-too-large = The amounts are too large to add up exactly.
entry-unbalanced = Debits and credits differ by { $difference }.
entry-balance-ok = Debits %debits% = credits %credits%: balanced.
entry-balance-off = Debits %debits%, credits %credits%: they differ by %difference%.

# Chart of accounts
chart-empty = The chart of accounts is empty.
chart-type = Type
chart-label = Label
chart-production-cost = Production cost
chart-add-title = Add an account
chart-name = Account name
chart-name-hint = Parts separated by colons, starting with its type: Assets:Bank:Agricultural Bank.
chart-name-invalid = This is not an account name: use parts separated by colons, like Assets:Cash.
chart-name-taken = There is already an account with this name.
chart-type-from-name = From the name
chart-type-needed = The type cannot be told from this name; choose one.
chart-label-en = Label in English
chart-label-zh = Label in Chinese
chart-add = Add the account
chart-added = The account { $account } was added.
account-type-asset = Asset
account-type-liability = Liability
account-type-equity = Equity
account-type-income = Income
account-type-expense = Expense

# Periods
periods-hint = A closed month takes no more entries. Reopening one is recorded in the audit trail with its reason.
periods-month = Month
periods-status = Status
periods-action = Action
periods-open = Open
periods-closed = Closed
periods-close = Close { $month }
periods-reopen = Reopen { $month }
periods-reason = Reason for reopening { $month }
periods-reason-required = Give the reason for reopening.
periods-closed-notice = { $month } is closed.
periods-reopened-notice = { $month } is open again.

# Integrity
integrity-hint = Every entry's hash is recomputed along the chain, and every month's stored balances are summed again from the postings.
integrity-ok = The books are intact: { $count } entries checked.
integrity-broken = The books have been altered outside Artel:
integrity-head = Head of the chain:

# Audit trail
audit-none = Nothing has been recorded yet.
audit-at = When
audit-actor = Who
audit-action = Action
audit-detail = Detail
audit-before = Before
audit-after = After
audit-action-account-add = Account added
audit-action-account-relabel = Account relabelled
audit-action-entry-post = Entries posted
audit-action-journal-import = Journal imported
audit-action-organisation-add = Organisation added
audit-action-period-close = Month closed
audit-action-period-reopen = Month reopened

# Members
nav-members = Members
members-none = No members are registered yet.
members-number = No.
members-name = Name
members-trade = Trade
members-joined = Joined
members-status = Standing
members-subscribed = Shares subscribed
members-paid = Shares paid
members-paid-in = Paid in
member-status-applicant = Applicant
member-status-member = Member
member-status-suspended = Suspended
member-status-withdrawing = Withdrawing
member-status-withdrawn = Withdrawn
member-status-expelled = Expelled
member-status-deceased = Deceased
member-status-refused = Refused
members-admitted = { $name } was admitted.
members-admit-title = Admit a member
members-admit-hint = Shares paid now are posted to the books, cash against share capital, at the charter's share value.
members-admit = Admit the member
members-shares-invalid = Enter a whole number of shares, 0 or more.
members-too-few-shares = Fewer shares than the charter's minimum.
members-paid-refused = These shares cannot be recorded as paid: more than subscribed, or in a closed month.
