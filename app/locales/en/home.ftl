# The home page: the welcome and the catalog's record counts.
home-title = Local Library Home
home-welcome-before = Welcome to LocalLibrary, a website developed by
home-welcome-readers = Mozilla Developer Network
home-welcome-after = readers and rebuilt in Rust: a catalog of books, authors, genres and the copies you can borrow.
home-dynamic-content = Dynamic content
home-counts-intro = The library has the following record counts:
home-counts-loading = Counting the catalog…
home-count-books = Books:
home-count-copies = Copies:
home-count-copies-available = Copies available:
home-count-authors = Authors:
home-count-genres = Genres:
