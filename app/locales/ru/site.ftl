# Рамка каждой страницы: название сайта, навигация и выбор языка.
site-name = LocalLibrary
site-description = LocalLibrary: каталог небольшой местной библиотеки.
site-page-title = { $page } · LocalLibrary
nav-label = Сайт
nav-home = Главная
nav-books = Все книги
nav-authors = Все авторы
nav-genres = Все жанры
nav-languages = Все языки
nav-copies = Все экземпляры
nav-register = Регистрация
nav-session = Моя сессия
language-switch-label = Язык
language-unknown = «{ $code }» — не язык этого сайта. Выберите English или Русский.
