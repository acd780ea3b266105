# The home page's visit counter.
visits-sentence = You have visited this page { $count } { $count ->
    [one] time
   *[other] times
}.
visits-cookies-refused = Your browser does not accept cookies, so visits can't be counted.
visits-loading = Counting your visits…
