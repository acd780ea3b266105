# Holds: a member's place in a book's queue, the librarians' list of queues, the ready mail.
holds-heading = Holds
holds-loading = Loading holds…
holds-log-in = Log in to place a hold
holds-none-on-shelf = No copy is on the shelf now.
holds-place = Place hold
holds-cancel = Cancel hold
holds-position = You are number { $position } in the queue
holds-ready-until = Ready to pick up until { $date }
holds-count = { $count ->
    [one] { $count } hold
   *[other] { $count } holds
}
holds-on-loan = You have this book on loan already.
holds-at-limit = You have { $max } holds, as many as a member may have.
holds-already-held = You already hold this book.
holds-on-shelf = A copy of this book is on the shelf: ask for it at the desk.
holds-try-again = The hold could not be placed just now: please try again.
holds-none = You have no hold on this book.
holds-mine-heading = My holds
holds-mine-none = You have no holds.
holds-all-heading = All holds
holds-all-none = Nobody is waiting for a book.
holds-ready-copy = copy kept
holds-reserved-for-other = This copy is kept for another member who placed a hold: lend it only to them.
holds-ready-mail-subject = Your hold is ready: { $title }
holds-ready-mail-body =
    Hello { $username },

    a copy of "{ $title }" is kept for you until { $date }. Pick it up at the desk by then; after that it goes to the next member waiting.

    Your holds: { $link }
