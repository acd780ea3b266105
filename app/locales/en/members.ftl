# The librarian's administration of members: the list, adding a member, a member's page.
members-add-link = Add member
members-search-label = Search members
members-search-button = Search
members-none-found = No member’s username or email contains “{ $query }”.
members-status = Status
members-active = Active
members-deactivated = Deactivated
members-add-heading = Add member
members-add-explained = The new member gets an email with a link to choose their password. The link works once, for 72 hours.
members-add-button = Add
members-email-empty = Enter an email address.
members-email-invalid = Enter a valid email address.
members-username-taken = This username is already taken.
members-username-reserved = This username is reserved: choose another.
members-mail-failed = The email to the new member could not be sent, so the account was not made. Try again later.
members-invite-mail-subject = Your LocalLibrary account
members-invite-mail-body =
    A librarian made you a LocalLibrary account, "{ $username }".

    To choose your password, open this link within 72 hours (it works once):

    { $link }

    Then log in with your username and that password.
members-member-heading = Member: { $username }
members-sign-ins = Signed in on
members-loans = On loan
members-no-loans = Nothing on loan.
members-make-librarian = Make librarian
members-make-member = Make member
members-deactivate = Deactivate
members-reactivate = Reactivate
members-not-yourself = You cannot change your own role or deactivate yourself: ask another librarian.
members-last-librarian = This is the last active librarian: the library needs one, so they cannot be made a member or deactivated.
members-no-such-member = There is no such member.
members-back = All members
