# Search: the box in the header and the results page.
search-label = Search the catalog
search-placeholder = Title, author, word or ISBN
search-button = Search
search-heading = Search
search-loading = Searching…
search-hint = Type a title, an author's name, a word from a summary or an ISBN. Typos and other forms of a word are forgiven.
search-no-match = Nothing matches “{ $query }”. Try fewer words, or another spelling.
search-authors = Authors
search-books = Books
search-more-authors = { $count ->
    [one] { $count } author matches; the best are shown.
   *[other] { $count } authors match; the best are shown.
}
