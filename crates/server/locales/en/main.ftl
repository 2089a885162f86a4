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
members-applicant = An application, for the general assembly to decide (shares are paid on admission)
members-applied = { $name }'s application was recorded.
no = No
audit-action-member-admit = Members admitted
audit-action-member-change = A member's standing changed
audit-action-meeting-record = Meeting recorded
audit-action-motion-record = Motion decided
audit-action-charter-adopt = Charter adopted

# A member's page
member-event-apply = Applied
member-event-admit = Admitted
member-event-refuse = Application refused
member-event-suspend = Suspended
member-event-reinstate = Reinstated
member-event-request-withdrawal = Asked to withdraw
member-event-settle-withdrawal = Withdrawal settled
member-event-expel = Expelled
member-event-die = Died
member-changed = Recorded: { $event }.
member-history = History
member-event = Event
member-resolution = Resolution
member-entry = Entry
member-note = Note
member-motion = motion { $number }
member-share-ledger = Share capital
member-no-shares = No shares paid in yet.
member-shares = Shares
member-change-title = Change the member's standing
member-change-hint = Admissions, expulsions and settlements the charter reserves to the general assembly are decided by a motion at a meeting. A settlement posts the paid-in shares out of share capital, the refund to share refunds payable and the debts deducted to receivables.
member-debts = Debts to deduct (settlement)
member-change = Record the change
member-change-refused = Not possible for the member's standing, or the charter reserves it to a resolution of the general assembly.
member-change-date-refused = Not on this date: before the member's last event, before the charter's notice has run, or in a closed month.
member-debts-refused = Enter the debts as an amount, like 25.00.

# Meetings and resolutions
nav-meetings = Meetings
nav-charter = Charter
body-general-assembly = General assembly
body-management-committee = Management committee
body-supervisory-committee = Supervisory committee
body-conference = Conference
meetings-none = No meetings are recorded yet.
meeting-body = Body
meeting-title = Title
meeting-attendance = Present / may vote
meeting-add-title = Record a meeting
meeting-add-hint = A general assembly's voters are counted from the member register on the day; give the number present.
meeting-agenda = Agenda
meeting-present = Present
meeting-eligible = May vote (committees and conferences)
meeting-eligible-hint = Leave empty for a general assembly.
meeting-minutes = Minutes
meeting-add = Record the meeting
form-count-invalid = Enter a whole number, 0 or more.
meeting-eligible-required = Say how many may attend and vote.
meeting-present-too-many = More present than may attend.
meeting-motions = Motions and resolutions
meeting-no-motions = No motion has been put to this meeting yet.
motion = Motion
motion-kind = Kind of decision
motion-text = Motion
motion-member = Member concerned
motion-ballot = Ballot
motion-yes = Yes
motion-no = No
motion-abstain = Abstain
motion-outcome = Outcome
motion-add-title = Put a motion to the vote
motion-add-hint = One member, one vote. The charter's quorum and majority for the kind of decision decide it; an adopted admission pays the applicant's shares into share capital.
motion-no-member = None
motion-add = Record the vote
motion-kind-refused = The charter has no rule for this, or a charter change needs the new charter (use the API or the command line).
motion-member-refused = Name the member it concerns, in a standing that allows it.
motion-votes-refused = More votes than members present: one member, one vote.
outcome-adopted = Adopted
outcome-rejected = Rejected
outcome-no-quorum = No quorum
ballot-open = Open
ballot-secret = Secret
decision-admission = Admission
decision-expulsion = Expulsion
decision-withdrawal-settlement = Withdrawal settlement
decision-charter-change = Charter change
decision-distribution = Distribution of surplus
decision-election = Election
decision-ordinary = Ordinary business
charter-effective = In effect since { $date },
charter-default = The default charter: this cooperative has not adopted its own.
charter-share-value = Value of a share
charter-minimum-shares = Minimum shares
charter-entrance-fee = Entrance fee
charter-notice-days = Withdrawal notice (days)
charter-instalments = Refund instalments
charter-decisions = Decisions
charter-quorum = Quorum (of those who may vote)
charter-majority = Majority
charter-by-resolution = Only by the general assembly
charter-distribution = Distribution of the year's surplus
charter-accumulation-fund = Public accumulation fund
charter-welfare-fund = Public welfare fund
charter-other-levies = Other levies
charter-labour-dividend = Dividend on labour
charter-share-dividend = Dividend on shares
majority-more-than = more than { $share } of { $base }
majority-at-least = at least { $share } of { $base }
majority-base-votes-cast = the votes cast
majority-base-present = those present
majority-base-eligible = those who may vote
members-by-resolution = The charter reserves admission to the general assembly: record an application.
membership-title = My membership
audit-action-member-link = A member signs in as a user
committees-title = Committees
committees-term-ends = Term ends
motion-election = Elections
motion-committee = Committee
motion-elected = Members elected
motion-elected-hint = Their numbers in the register, separated by commas.
motion-elected-invalid = Enter member numbers separated by commas, like 1, 4, 7.
motion-committee-refused = An election names the management or the supervisory committee.
motion-elected-refused = Elect members who may vote, by their numbers in the register.
motion-term-refused = A term ends after the meeting that elects.
member-event-pay-shares = Shares paid
member-pay-title = Pay more shares
member-pay = Record the payment
member-pay-shares-invalid = Enter a whole number of shares, 1 or more.
member-pay-refused = Not possible: more than the shares subscribed, or a standing that pays no shares.

## The organisation's profile
nav-profile = Profile
profile-kind = Kind
profile-status = Status
profile-founded = Founded
profile-history = Status history
profile-date = Date
profile-event = Event
profile-note = Note
profile-memberships = Memberships
profile-memberships-none = It belongs to no other organisation, and none belongs to it.
profile-member-of = A member of { $name }
profile-has-member = { $name } is a member
profile-since = from { $date }
profile-until = until { $date }
profile-bodies = Affiliated bodies
profile-bodies-none = No affiliated bodies are recorded.
profile-body-name = Name
profile-body-kind = Kind of body
profile-body-members = Members affiliated
org-kind-cooperative = Production cooperative
org-kind-team = Production team
org-kind-supply-marketing = Supply and marketing cooperative
org-kind-federation = Federation
org-kind-association = Handicraft laborers association
org-kind-government = Handicraft section
org-status-preparatory = Preparatory
org-status-active = Active
org-status-under-rectification = Under rectification
org-status-merged = Merged
org-status-dissolved = Dissolved
org-event-founded = Founded
org-event-status = Status changed
org-event-upgraded = Upgraded to a cooperative
body-kind-trade-union = Trade-union branch
body-kind-youth-league = Youth League branch
body-kind-party-branch = Party branch
body-kind-women-committee = Women's committee

# Production
nav-production = Production
production-year = Year
production-recorded = The production report was recorded.
production-defect-chart = Defect rate by month, { $year } (%)
production-output-chart = Output value by month, { $year }
production-record-title = Record a production report
production-record-hint = Defective pieces count in the quantity made; first-grade pieces are among the good ones. A product not known yet is added.
production-product = Product
production-quantity = Quantity made
production-defective = Defective
production-first-grade = First grade (optional)
production-record = Record the report
production-quantity-refused = Enter the pieces made, 1 or more.
production-defective-refused = More defective than made.
production-first-grade-refused = More first-grade than good pieces.
production-made-by = Made by (a member's number or a team; optional)
production-materials = Materials used (optional)
production-materials-hint = ITEM=QUANTITY separated by “;”, ITEM=QUANTITY@BUYER for a buyer's supplied materials: yarn=45; cotton=150@County SMC. They are issued from stock.
production-materials-refused = These materials cannot be issued: write ITEM=QUANTITY separated by “;”, and no more than is in stock.
production-plan-chart = Planned value and output value by month, { $year }
production-planned-value = Planned value
production-good = Good
production-products-title = Products, { $year }
production-products-empty = Nothing was made or planned in { $year }.
production-product-defect-chart = Defect rate by product, { $year } (%)
production-compare-title = Compare two periods
production-compare-hint = A period is a year (1954), a quarter (1954-Q2) or a month (1954-04).
production-period = Period
production-compare = Compare with
production-indicator = Indicator
production-change = Change (%)
production-period-invalid = “{ $text }” is not a period; use the form 1954, 1954-Q2 or 1954-04.
indicator-defect-rate = Defect rate (%)
indicator-output-quantity = Output (pieces)
indicator-output-value = Output value
indicator-first-grade-share = First-grade share (%)
indicator-plan-fulfilment = Plan fulfilment (%)
indicator-unit-cost = Unit cost

## Stock
nav-stock = Stock
stock-recorded = The movement was recorded.
stock-own-title = Own stock
stock-own-hint = The cooperative's own materials and products, valued at cost (moving average) in the books.
stock-buyers-title = Buyers' materials
stock-buyers-hint = Materials buyers supplied under combined contracts: theirs until used, not the cooperative's assets, never in the books.
stock-item = Item
stock-item-kind = Kind
stock-item-material = Material
stock-item-product = Product
stock-quantity = Quantity
stock-value = Value at cost
stock-owner = Buyer
stock-none = Nothing on hand.
stock-record-title = Record a movement
stock-record-hint = A purchase, finished products and a count above what is on hand need their cost; what leaves is valued at the stock's average cost. A count gives the quantity found; an adjustment a signed quantity (−5 for five spoilt).
stock-kind = Movement
stock-kind-purchase = Purchase of materials
stock-kind-supplied = Materials supplied by a buyer
stock-kind-issue = Issue to production
stock-kind-finish = Finished products into stock
stock-kind-deliver = Delivery out of stock
stock-kind-count = Count
stock-kind-adjust = Adjustment
stock-cost = Cost (when something comes in)
stock-owner-field = Buyer (for a buyer's materials only)
stock-paid-from = Paid from (a purchase; default Assets:Cash)
stock-note = Note
stock-record = Record the movement
stock-movements-title = Movements of { $year }
stock-entry = Entry
stock-no-movements = No movements this year.
stock-quantity-invalid = Enter a whole number (an adjustment may be negative).
stock-quantity-refused = Not possible with what is on hand: no more can leave than is there; a count is 0 or more, an adjustment not 0, anything else 1 or more.
stock-value-refused = A purchase, finished products or a count above nothing on hand need their cost; what leaves is valued at the average cost, and a buyer's materials are not valued.
stock-owner-refused = Materials supplied by a buyer need the buyer's name; purchases, finished products and deliveries are the cooperative's own.
stock-item-refused = This item is of the other kind (material or product), or no stock of it is known yet.
stock-paid-from-refused = No such account in the chart, or not a purchase.
stock-date-refused = The period of this date is closed.

## Dashboard credit warnings
dashboard-warnings-title = The charter's credit limits are crossed
dashboard-warning-credit-share = { $share } % of this year's sales are on credit; the charter allows { $limit } %.
dashboard-warning-credit-term = { $buyer } was granted { $days } days' credit; the charter allows { $limit }.
dashboard-warning-exposure = { $buyer } owes { $share } % of the receivables; the charter allows { $limit } % to one buyer.

## Loans
nav-loans = Loans
loans-added = Loan { $number } was recorded and its drawdown posted.
loans-repaid = An instalment of loan { $number } was repaid and posted.
loans-hint = Loans from a bank, the federation or another lender. A drawdown posts the money received against Loans; each instalment repays an equal part of the principal with the interest on what was still owed for its period.
loans-list-title = Loans and what is still owed
loans-number = No.
loans-lender = Lender
loans-kind = Lender is
loans-kind-bank = A bank
loans-kind-federation = The federation
loans-kind-other = Another lender
loans-drawn = Drawn on
loans-principal = Principal
loans-rate = Rate %
loans-terms = Repaid in
loans-instalments-every = { $count ->
    [one] 1 instalment,
   *[other] { $count } instalments,
}
loans-every = Instalments due
loans-every-1 = every month
loans-every-3 = every 3 months
loans-every-6 = every 6 months
loans-every-12 = every 12 months
loans-outstanding = Outstanding
loans-outstanding-total = Outstanding in all
loans-entry = Entry
loans-none = No loans.
loans-schedule-title = Loan { $number }
loans-instalment = Instalment
loans-due = Due
loans-interest = Interest
loans-total = To pay
loans-paid = Repaid
loans-unpaid = Not yet
loans-from = Paid from (default Assets:Cash)
loans-repay = Pay { $total }
loans-repay-instalment = instalment { $number }
loans-repaid-in-full = Repaid in full.
loans-add-title = Record a loan
loans-add-hint = The principal is paid into the account given (default Assets:Cash) on the day drawn; the schedule follows from the rate and the instalments.
loans-rate-field = Annual interest rate, % (up to two decimals)
loans-instalments = Number of instalments
loans-into = Paid into (default Assets:Cash)
loans-add = Record the loan
loans-lender-refused = Name the lender.
loans-kind-refused = Choose who lent the money.
loans-principal-refused = Enter a principal greater than zero, with no more decimals than the currency has.
loans-rate-refused = Enter a rate between 0 and 100, with at most two decimals.
loans-drawn-refused = The instalments would fall beyond the calendar.
loans-date-refused = The period of this date is closed.
loans-instalments-refused = Enter a whole number of instalments, 1 to 600.
loans-months-refused = Choose 1, 3, 6 or 12 months between instalments.
loans-account-refused = No such account in the chart.
loans-repay-changed = This instalment was repaid meanwhile; look at the schedule again.
loans-repay-date-refused = Not before the loan was drawn, and not in a closed period.
