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
dashboard-trial-balance = Trial balance
