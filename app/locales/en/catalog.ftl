# The catalog: book, author, genre, language and copy pages, the book search and dates of life.
catalog-books-heading = All books
catalog-authors-heading = All authors
catalog-genres-heading = All genres
catalog-languages-heading = All languages
catalog-copies-heading = All copies
catalog-loading = Loading…
catalog-loading-books = Loading books…
catalog-loading-book = Loading the book…
catalog-loading-authors = Loading authors…
catalog-loading-author = Loading the author…
catalog-loading-genres = Loading genres…
catalog-loading-languages = Loading languages…
catalog-loading-copies = Loading copies…
catalog-loading-copy = Loading the copy…
# "Not found" for an id that names no record of this kind.
catalog-no-such-book = There is no such book in the catalog.
catalog-no-such-author = There is no such author in the catalog.
catalog-no-such-genre = There is no such genre in the catalog.
catalog-no-such-language = There is no such language in the catalog.
catalog-no-such-copy = There is no such copy in the catalog.
catalog-no-such-status = There is no such copy status: choose All, Available, On loan, Maintenance or Reserved.
# The book search box and what an empty book list says.
catalog-search-label = Search by title or author
catalog-search-placeholder = e.g. Tolstoy, Мастер
catalog-search-button = Search
catalog-books-no-match = No books match “{ $query }”.
catalog-books-none = There are no books in the library.
# One book's page.
catalog-book-author = Author
catalog-book-author-unknown = Unknown
catalog-book-summary = Summary
catalog-book-isbn = ISBN
catalog-book-language = Language
catalog-book-language-unknown = Unknown
catalog-book-genre = Genre
catalog-book-copies = Copies
catalog-book-no-copies = The library has no copies of this book.
catalog-book-copy-imprint = Imprint:
catalog-book-copy-due-back = Due back:
catalog-book-copy-id = Id:
# An author's page, and an author's life span after their name.
catalog-author-books = Books
catalog-life-span = ({ $born } – { $died })
catalog-life-born = (born { $born })
catalog-life-died = (died { $died })
# Copies: the status badge, the list line and one copy's page.
catalog-status-available = Available
catalog-status-on-loan = On loan
catalog-status-reserved = Reserved
catalog-status-maintenance = Maintenance
catalog-status-unknown = Unknown
catalog-copy-due = due { $date }
catalog-copy-title = Copy of { $title }
catalog-copy-heading = Copy of
catalog-copy-status = Status
catalog-copy-imprint = Imprint
catalog-copy-due-back = Due back
catalog-copy-id = Id
# The copy list's status filter and each status's count.
catalog-copies-filter-status = Status
catalog-copies-filter-all = All
catalog-copies-filter-button = Filter
catalog-copies-counts-label = Copies by status
catalog-copies-status-count = { $status }: { $count }
