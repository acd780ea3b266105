# The frame of every page: the site's name, navigation and the language switch.
site-name = LocalLibrary
site-description = LocalLibrary: browse the catalog of a small local library.
# A page's title in the browser tab: the page, then the site.
site-page-title = { $page } · LocalLibrary
nav-label = Site
nav-home = Home
nav-books = All books
nav-authors = All authors
nav-genres = All genres
nav-languages = All languages
nav-copies = All copies
nav-register = Register
nav-session = My session
language-switch-label = Language
language-unknown = “{ $code }” is not a language this site speaks. Choose English or Русский.
