# Lists: totals above a list (plural forms by count), page links and the page-size choice.
list-total-books = { $count ->
    [one] { $count } book
   *[other] { $count } books
}
list-total-authors = { $count ->
    [one] { $count } author
   *[other] { $count } authors
}
list-total-genres = { $count ->
    [one] { $count } genre
   *[other] { $count } genres
}
list-total-languages = { $count ->
    [one] { $count } language
   *[other] { $count } languages
}
list-total-copies = { $count ->
    [one] { $count } copy
   *[other] { $count } copies
}
list-total-loans = { $count ->
    [one] { $count } loan
   *[other] { $count } loans
}
list-total-changes = { $count ->
    [one] { $count } change
   *[other] { $count } changes
}
list-total-members = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
paging-label = Pages
paging-previous = previous
paging-next = next
paging-current = Page { $page } of { $pages }
paging-per-page = Per page
paging-apply = Apply
paging-bad-size = Choose 10, 25 or 50 items per page, not { $size }.
