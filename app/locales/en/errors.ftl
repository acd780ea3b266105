# Errors: what a visitor is told when something fails, and the heading of the error page.
error-invalid = Please correct the highlighted fields.
error-cross-site = This request came from another site and was refused.
error-unauthorized = Please log in to see this page.
error-forbidden = This page is for librarians only.
error-locked-out = Too many failed logins. Try again in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
error-rate-limited = Too many attempts from your network. Please wait { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
} and try again.
error-unavailable = The library is temporarily unavailable. Please try again in a moment.
error-busy = Too many people are signing in at this moment. Please try again in a second.
error-internal = Something went wrong on our side. Please try again.
error-bad-arguments = The request could not be read: { $detail }
error-no-record = That record does not exist.
error-no-page = There is no page at this address.
error-no-such-page = There is no such page here.
error-wrong-method = That address does not accept this kind of request.
error-back-home = Back to the home page
error-title-not-found = Not found
error-title-bad-request = Bad request
error-title-invalid = Please check the form
error-title-cross-site = Request refused
error-title-unauthorized = Please log in
error-title-forbidden = Librarians only
error-title-locked-out = Too many failed logins
error-title-rate-limited = Slow down, please
error-title-unavailable = Temporarily unavailable
error-title-busy = Busy, please retry
error-title-internal = Server error
error-cookie-too-big = This browser's session no longer fits in a cookie ({ $bytes } bytes at most). Use "Forget everything" on the My session page to start afresh.
error-too-large = That request is too large. Forms here take at most { $kib } KiB.
