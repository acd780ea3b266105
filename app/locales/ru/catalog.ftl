# Каталог: страницы книг, авторов, жанров, языков и экземпляров, поиск книг и годы жизни.
catalog-books-heading = Все книги
catalog-authors-heading = Все авторы
catalog-genres-heading = Все жанры
catalog-languages-heading = Все языки
catalog-copies-heading = Все экземпляры
catalog-loading = Загрузка…
catalog-loading-books = Загружаем книги…
catalog-loading-book = Загружаем книгу…
catalog-loading-authors = Загружаем авторов…
catalog-loading-author = Загружаем автора…
catalog-loading-genres = Загружаем жанры…
catalog-loading-languages = Загружаем языки…
catalog-loading-copies = Загружаем экземпляры…
catalog-loading-copy = Загружаем экземпляр…
# «Не найдено» для номера, которому не соответствует ни одна запись такого вида.
catalog-no-such-book = Такой книги в каталоге нет.
catalog-no-such-author = Такого автора в каталоге нет.
catalog-no-such-genre = Такого жанра в каталоге нет.
catalog-no-such-language = Такого языка в каталоге нет.
catalog-no-such-copy = Такого экземпляра в каталоге нет.
catalog-no-such-status = Такого состояния экземпляра нет: выберите «Все», «Доступен», «Выдан», «На обслуживании» или «Забронирован».
# Поиск книг и что говорит пустой список книг.
catalog-search-label = Поиск по названию или автору
catalog-search-placeholder = например, Tolstoy, Мастер
catalog-search-button = Найти
catalog-books-no-match = По запросу «{ $query }» книг не найдено.
catalog-books-none = В библиотеке нет ни одной книги.
# Страница книги.
catalog-book-author = Автор
catalog-book-author-unknown = Неизвестен
catalog-book-summary = Аннотация
catalog-book-isbn = ISBN
catalog-book-language = Язык
catalog-book-language-unknown = Неизвестен
catalog-book-genre = Жанр
catalog-book-copies = Экземпляры
catalog-book-no-copies = В библиотеке нет экземпляров этой книги.
catalog-book-copy-imprint = Выходные данные:
catalog-book-copy-due-back = Вернуть до:
catalog-book-copy-id = Идентификатор:
# Страница автора и годы жизни после имени автора.
catalog-author-books = Книги
catalog-life-span = ({ $born } – { $died })
catalog-life-born = (род. { $born })
catalog-life-died = (ум. { $died })
# Экземпляры: значок состояния, строка списка и страница экземпляра.
catalog-status-available = Доступен
catalog-status-on-loan = Выдан
catalog-status-reserved = Забронирован
catalog-status-maintenance = На обслуживании
catalog-status-unknown = Неизвестно
catalog-copy-due = вернуть до { $date }
catalog-copy-title = Экземпляр книги «{ $title }»
catalog-copy-heading = Экземпляр книги
catalog-copy-status = Состояние
catalog-copy-imprint = Выходные данные
catalog-copy-due-back = Вернуть до
catalog-copy-id = Идентификатор
# The copy list's status filter and each status's count.
catalog-copies-filter-status = Состояние
catalog-copies-filter-all = Все
catalog-copies-filter-button = Показать
catalog-copies-counts-label = Экземпляры по состоянию
catalog-copies-status-count = { $status }: { $count }
