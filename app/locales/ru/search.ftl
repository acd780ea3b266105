# Поиск: поле в шапке и страница результатов.
search-label = Поиск по каталогу
search-placeholder = Название, автор, слово или ISBN
search-button = Найти
search-heading = Поиск
search-loading = Ищем…
search-hint = Введите название, имя автора, слово из описания или ISBN. Опечатки и другие формы слова не помешают.
search-no-match = По запросу «{ $query }» ничего не найдено. Попробуйте меньше слов или другое написание.
search-authors = Авторы
search-books = Книги
search-more-authors = { $count ->
    [one] Подходит { $count } автор; показаны лучшие.
    [few] Подходят { $count } автора; показаны лучшие.
   *[many] Подходят { $count } авторов; показаны лучшие.
}
