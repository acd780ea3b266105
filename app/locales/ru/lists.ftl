# Списки: итог над списком (форма слова по числу), ссылки на страницы и размер страницы.
list-total-books = { $count } { $count ->
    [one] книга
    [few] книги
   *[many] книг
}
list-total-authors = { $count } { $count ->
    [one] автор
    [few] автора
   *[many] авторов
}
list-total-genres = { $count } { $count ->
    [one] жанр
    [few] жанра
   *[many] жанров
}
list-total-languages = { $count } { $count ->
    [one] язык
    [few] языка
   *[many] языков
}
list-total-copies = { $count } { $count ->
    [one] экземпляр
    [few] экземпляра
   *[many] экземпляров
}
list-total-loans = { $count } { $count ->
    [one] выдача
    [few] выдачи
   *[many] выдач
}
list-total-changes = { $count } { $count ->
    [one] изменение
    [few] изменения
   *[many] изменений
}
list-total-members = { $count } { $count ->
    [one] читатель
    [few] читателя
   *[many] читателей
}
paging-label = Страницы
paging-previous = назад
paging-next = вперёд
paging-current = Страница { $page } из { $pages }
paging-per-page = На странице
paging-apply = Применить
paging-bad-size = Выберите 10, 25 или 50 записей на странице, а не { $size }.
