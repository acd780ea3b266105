# The visitor: registering a name and email for the session, the greeting in the header, and
# the "My session" page.
# A trailing {" "} keeps the space before the name or link that follows the text on the page.
visitor-hello = Hello,{" "}
visitor-register-link = Register
visitor-forget-me = Forget me
# /register.
visitor-register-title = Register
visitor-register-lead = Tell us your name and email and we will remember you for this session.
# "You are registered as NAME (EMAIL). Registering again…"
visitor-registered-as = You are registered as{" "}
visitor-registered-again = Registering again with the same email updates your name.
visitor-name = Name
visitor-email = Email
visitor-remember = Remember me for two weeks
visitor-register-button = Register
visitor-registering = Registering…
# What the registration form refuses.
visitor-name-empty = Please enter your name.
visitor-name-too-long = Your name can be at most { $max } characters.
visitor-name-control = Your name cannot contain control characters.
visitor-email-empty = Please enter your email address.
visitor-email-too-long = An email address can be at most { $max } characters.
visitor-email-invalid = Please enter a valid email address, like name@example.com.
visitor-unreadable = This contains characters that could not be read; please retype it.
# /session: everything the server remembers about this browser.
visitor-session-title = My session
visitor-session-lead = This is everything the server remembers about this browser.
visitor-session-loading = Loading…
visitor-session-logged-in-as = Logged in as
visitor-session-not-logged-in = Not logged in
visitor-session-not-registered = Not registered
visitor-session-visits = Home page visits
visitor-session-language = Language
visitor-session-language-not-chosen = Not chosen (from your browser)
visitor-session-browser-close = Ends when the browser closes
visitor-session-yes = Yes
visitor-session-no = No
visitor-session-expires = Server forgets it at
visitor-session-not-stored = not stored yet
visitor-session-forget-everything = Forget everything
