# Accounts: logging in and out, passwords (change and reset by mail), devices and members.
# A trailing {" "} keeps the space before the name or link that follows the text on the page.
accounts-username = Username
accounts-password = Password
accounts-email = Email
accounts-loading = Loading…
accounts-log-in = Log in
accounts-log-out = Log out
accounts-login-title = Log in
accounts-lost-password = Lost password?
accounts-bad-login = Please enter a correct username and password. Note that both fields may be case-sensitive.
# The header: "Logged in as NAME · My borrowed · … · Log out".
accounts-menu-logged-in-as = Logged in as{" "}
accounts-menu-my-borrowed = My borrowed
accounts-menu-all-borrowed = All borrowed
accounts-menu-changes = Changes
# /accounts/logout: "You are logged in as NAME."
accounts-logout-title = Log out
accounts-logout-logged-in-as = You are logged in as{" "}
accounts-logged-out = You are logged out.{" "}
accounts-log-in-again = Log in again
# What a username and a new password must be.
accounts-username-empty = Enter a username.
accounts-username-too-long = A username has at most { $max } characters.
accounts-username-characters = A username may contain only letters, digits and @ . + - _
accounts-password-too-short = This password is too short. It must contain at least { $min } characters.
accounts-password-too-long = This password is too long: at most { $max } characters.
accounts-password-similar = The password is too similar to the username.
accounts-password-common = This password is too common.
accounts-password-mismatch = The two password fields didn’t match.
accounts-old-password-wrong = Your old password was entered incorrectly. Please enter it again.
# Password change and reset.
accounts-old-password = Old password
accounts-new-password = New password
accounts-confirm-password = Confirm new password
accounts-password-change-title = Password change
accounts-change-password = Change my password
accounts-password-changed = Your password was changed. Your other devices have been signed out.
accounts-password-reset-title = Password reset
accounts-password-reset-lead = Forgotten your password? Enter your email address below, and we’ll email instructions for setting a new one.
accounts-reset-my-password = Reset my password
accounts-password-reset-sent = We’ve emailed you instructions for setting your password, if an account exists with the email you entered.
accounts-reset-confirm-title = Enter new password
accounts-reset-checking-link = Checking the link…
accounts-set-my-password = Set my password
accounts-reset-link-invalid = This password reset link is invalid, possibly because it has already been used or has expired. Please request a new one.
# The same, on the page, followed by a link to ask for a new one.
accounts-reset-link-invalid-page = This password reset link is invalid, possibly because it has already been used or has expired.{" "}
accounts-reset-link-request-new = Request a new one.
# "Your password has been set. You may go ahead and [log in] now."
accounts-password-set = Your password has been set. You may go ahead and{" "}
accounts-password-set-log-in = log in
accounts-password-set-end = {" "}now.
# The password reset mail.
accounts-reset-mail-subject = Reset your LocalLibrary password
accounts-reset-mail-body =
    Someone asked to reset the password of the LocalLibrary account "{ $username }".

    To choose a new password, open this link within an hour (it works once):

    { $link }

    If it was not you, ignore this message: your password stays as it is.
# /accounts/sessions: the devices a user is logged in on.
accounts-devices-title = Your devices
accounts-devices-lead = Every browser where you are logged in. Sign out the ones you do not recognise.
accounts-devices-loading = Loading your devices…
accounts-devices-browser = Browser
accounts-devices-address = Address
accounts-devices-logged-in = Logged in
accounts-devices-last-seen = Last seen
accounts-devices-this-device = this device
accounts-devices-sign-out = Sign out
accounts-devices-sign-out-others = Sign out everywhere else
# A device as its User-Agent names it; browser and system names stay as they are.
accounts-device-browser-on-system = { $browser } on { $system }
accounts-device-browser = { $browser }
accounts-device-some-browser-on = A browser on { $system }
accounts-device-unknown = Unknown browser
# /accounts/members, for librarians.
accounts-members-title = Members
accounts-members-loading = Loading members…
accounts-members-role = Role
accounts-members-last-login = Last login
accounts-members-librarian = Librarian
accounts-members-member = Member
accounts-members-never = never
accounts-reset-email-empty = Enter the email address of your account.
accounts-reset-email-invalid = That does not look like an email address. Check it and try again.
accounts-password-changed-meanwhile = Your password was changed meanwhile (by a reset link?). Log in again with the new one.
