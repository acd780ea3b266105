# Главная страница: приветствие и число записей в каталоге.
home-title = Главная страница библиотеки
home-welcome-before = Добро пожаловать в LocalLibrary — сайт, созданный читателями
home-welcome-readers = Mozilla Developer Network
home-welcome-after = и переписанный на Rust: каталог книг, авторов, жанров и экземпляров, которые можно взять почитать.
home-dynamic-content = Динамическое содержимое
home-counts-intro = Сейчас в библиотеке:
home-counts-loading = Считаем записи каталога…
home-count-books = Книг:
home-count-copies = Экземпляров:
home-count-copies-available = Доступных экземпляров:
home-count-authors = Авторов:
home-count-genres = Жанров:
