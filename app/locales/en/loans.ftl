# Loans: borrowed-book lists, lending, returns, renewals and the change log.
loans-mine-heading = Borrowed books
loans-all-heading = All borrowed books
loans-changes-heading = All changes
loans-loading-borrowed = Loading borrowed books…
loans-loading-changes = Loading changes…
loans-loading-loan = Loading the loan…
loans-total-borrowed = { $count ->
    [one] { $count } borrowed book
   *[other] { $count } borrowed books
}
# A loan in a list: its due date, and whether it is overdue.
loans-due = due { $date }
loans-overdue = Overdue
# Shown instead of a borrower's username when the loan has no account behind it.
loans-no-account = no account
loans-renew = Renew
loans-mark-returned = Mark returned
loans-kept-for-hold = This copy is kept for a member's hold: lend it to them (see All holds).
# A librarian's loan controls on a copy's page.
loans-loan = Loan
loans-borrower = Borrower
loans-due-back = Due back
loans-lend = Lend
# "On loan to <username> until <date>": the username is shown between the two parts.
loans-on-loan-to = On loan to
loans-until = until { $date }
loans-cannot-lend = This copy cannot be lent while it is in maintenance or reserved.
# The renewal form.
loans-renew-heading = Renew: { $title }
loans-renew-borrower = Borrower: { $name }
loans-renew-due-date = Due date: { $date }
loans-renewal-date = Renewal date
loans-renewal-help = Enter a date between now and { $weeks ->
    [one] { $weeks } week
   *[other] { $weeks } weeks
} (default { $default }).
# What the due date and the loan actions can be refused with.
loans-date-format = Enter a date as YYYY-MM-DD.
loans-date-in-past = Invalid date - renewal in past
loans-date-too-far = Invalid date - renewal more than { $weeks ->
    [one] { $weeks } week
   *[other] { $weeks } weeks
} ahead
loans-no-such-copy = There is no such copy.
loans-not-on-loan = This copy is not on loan.
loans-not-on-loan-any-more = This copy is not on loan (any more).
loans-not-available = This copy is not available to lend (any more).
loans-no-such-member = There is no member with this username.
# The change log: when (date, time of day in UTC), the action, and what it changed.
loans-change-when = { $date } { $time } UTC
loans-action-lend = lend
loans-action-renew = renew
loans-action-return = return
loans-action-save-book = save book
loans-action-save-author = save author
loans-action-save-genre = save genre
loans-action-save-language = save language
loans-action-delete-book = delete book
loans-action-delete-author = delete author
loans-action-delete-genre = delete genre
loans-action-delete-language = delete language
loans-action-add-copy = add copy
loans-action-save-copy = save copy
loans-action-delete-copy = delete copy
loans-action-add-member = add member
loans-action-remove-member = remove member
loans-action-make-librarian = make librarian
loans-action-make-member = make member
loans-action-deactivate = deactivate
loans-action-reactivate = reactivate
loans-action-place-hold = place hold
loans-action-cancel-hold = cancel hold
loans-action-hold-expired = hold expired
loans-action-keep-copy = keep copy for a hold
loans-change-lent = copy { $copy } to { $borrower } until { $date }
loans-change-renewed = copy { $copy } due back { $date }
loans-change-returned = copy { $copy }
