# Editing the catalog (librarians): the edit, add and delete pages and what they check.
editing-loading = Loading…
editing-loading-form = Loading the form…
editing-save = Save
editing-edit = Edit
editing-delete = Delete
# Each kind of record: the "Add" link and heading, the edit and delete headings (with the
# record's name or title) and the question before deleting.
editing-add-book = Add book
editing-edit-book = Edit book: { $title }
editing-delete-book = Delete book: { $title }
editing-confirm-delete-book = Are you sure you want to delete this book?
editing-add-author = Add author
editing-edit-author = Edit author: { $title }
editing-delete-author = Delete author: { $title }
editing-confirm-delete-author = Are you sure you want to delete this author?
editing-add-genre = Add genre
editing-edit-genre = Edit genre: { $title }
editing-delete-genre = Delete genre: { $title }
editing-confirm-delete-genre = Are you sure you want to delete this genre?
editing-add-language = Add language
editing-edit-language = Edit language: { $title }
editing-delete-language = Delete language: { $title }
editing-confirm-delete-language = Are you sure you want to delete this language?
# Form labels.
editing-name = Name
editing-first-name = First name
editing-last-name = Last name
editing-date-of-birth = Date of birth
editing-date-of-death = Date of death
editing-book-title = Title
editing-book-author = Author
editing-book-summary = Summary
editing-book-isbn = ISBN
editing-book-language = Language
editing-book-genres = Genres
# What a genre's or language's name, and an author, must be.
editing-name-empty = Enter a name.
editing-name-too-long = A name has at most { $max } characters.
editing-name-control = A name cannot contain control characters.
editing-required = This field is required.
editing-person-name-too-long = At most { $max } characters.
editing-person-name-control = Control characters are not allowed.
editing-date-format = Enter a date as YYYY-MM-DD.
editing-death-before-birth = The date of death cannot be before the date of birth.
editing-genre-exists = A genre with this name already exists.
editing-language-exists = A language with this name already exists.
# What a book must be.
editing-isbn-length = An ISBN has 13 digits.
editing-isbn-check-digit = This ISBN's check digit is wrong: please check the number.
editing-isbn-taken = A book with this ISBN is already in the catalog.
editing-title-empty = Enter a title.
editing-title-too-long = A title has at most { $max } characters.
editing-title-control = A title cannot contain control characters.
editing-summary-too-long = A summary has at most { $max } characters.
editing-choose-from-list = Choose one from the list.
editing-choose-genres = Choose genres from the list.
# Records that do not exist, and records that cannot be deleted yet.
editing-no-such-kind = There is no such kind of record.
editing-no-such-book = There is no such book.
editing-no-such-author = There is no such author.
editing-no-such-genre = There is no such genre.
editing-no-such-language = There is no such language.
editing-author-has-books = This author still has books, so they cannot be deleted: { $titles }. Delete or reassign those first.
editing-book-has-copies = This book still has { $count ->
    [one] { $count } copy
   *[other] { $count } copies
} in the library, so it cannot be deleted.
# Copies: the links, the form, the delete page and what they check.
editing-add-copy-link = Add copy
editing-edit-copy-link = Edit copy
editing-delete-copy-link = Delete copy
editing-add-copy = Add a copy of { $title }
editing-edit-copy = Edit copy of { $title }
editing-delete-copy = Delete copy of { $title }
editing-confirm-delete-copy = Are you sure you want to delete this copy?
editing-copy-back = Back to the copy
editing-copy-imprint = Imprint
editing-copy-status = Status
editing-copy-imprint-empty = Enter the imprint.
editing-copy-imprint-too-long = An imprint has at most { $max } characters.
editing-copy-imprint-control = An imprint cannot contain control characters.
editing-copy-on-loan-note = This copy is on loan to { $borrower }: its status changes only with “Mark returned”.
editing-copy-reserved-note = This copy is reserved for { $borrower }: its status changes when they borrow it or their hold ends.
editing-copy-on-loan-status = This copy is on loan to { $borrower }: its status changes only with “Mark returned”.
editing-copy-reserved-status = This copy is reserved for { $borrower }: its status cannot be changed here.
editing-copy-on-loan-delete = This copy is on loan to { $borrower }, so it cannot be deleted. Mark it returned first.
editing-copy-reserved-delete = This copy is reserved for { $borrower }, so it cannot be deleted.
