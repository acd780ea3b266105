# Редактирование каталога (для библиотекарей): страницы изменения, добавления и удаления и их проверки.
editing-loading = Загрузка…
editing-loading-form = Загружаем форму…
editing-save = Сохранить
editing-edit = Изменить
editing-delete = Удалить
# Каждый вид записей: ссылка и заголовок «Добавить», заголовки изменения и удаления (с названием
# или именем записи) и вопрос перед удалением.
editing-add-book = Добавить книгу
editing-edit-book = Изменить книгу: { $title }
editing-delete-book = Удалить книгу: { $title }
editing-confirm-delete-book = Вы уверены, что хотите удалить эту книгу?
editing-add-author = Добавить автора
editing-edit-author = Изменить автора: { $title }
editing-delete-author = Удалить автора: { $title }
editing-confirm-delete-author = Вы уверены, что хотите удалить этого автора?
editing-add-genre = Добавить жанр
editing-edit-genre = Изменить жанр: { $title }
editing-delete-genre = Удалить жанр: { $title }
editing-confirm-delete-genre = Вы уверены, что хотите удалить этот жанр?
editing-add-language = Добавить язык
editing-edit-language = Изменить язык: { $title }
editing-delete-language = Удалить язык: { $title }
editing-confirm-delete-language = Вы уверены, что хотите удалить этот язык?
# Подписи полей форм.
editing-name = Название
editing-first-name = Имя
editing-last-name = Фамилия
editing-date-of-birth = Дата рождения
editing-date-of-death = Дата смерти
editing-book-title = Название
editing-book-author = Автор
editing-book-summary = Аннотация
editing-book-isbn = ISBN
editing-book-language = Язык
editing-book-genres = Жанры
# Каким должно быть название жанра или языка и данные автора.
editing-name-empty = Введите название.
editing-name-too-long = Название — не более { $max } { $max ->
    [one] символа
    [few] символов
   *[many] символов
}.
editing-name-control = Название не может содержать управляющие символы.
editing-required = Это поле обязательно.
editing-person-name-too-long = Не более { $max } { $max ->
    [one] символа
    [few] символов
   *[many] символов
}.
editing-person-name-control = Управляющие символы недопустимы.
editing-date-format = Введите дату в формате ГГГГ-ММ-ДД.
editing-death-before-birth = Дата смерти не может быть раньше даты рождения.
editing-genre-exists = Жанр с таким названием уже есть.
editing-language-exists = Язык с таким названием уже есть.
# Какой должна быть книга.
editing-isbn-length = ISBN состоит из 13 цифр.
editing-isbn-check-digit = Неверная контрольная цифра ISBN: проверьте номер.
editing-isbn-taken = Книга с таким ISBN уже есть в каталоге.
editing-title-empty = Введите название.
editing-title-too-long = Название — не более { $max } { $max ->
    [one] символа
    [few] символов
   *[many] символов
}.
editing-title-control = Название не может содержать управляющие символы.
editing-summary-too-long = Аннотация — не более { $max } { $max ->
    [one] символа
    [few] символов
   *[many] символов
}.
editing-choose-from-list = Выберите значение из списка.
editing-choose-genres = Выберите жанры из списка.
# Записи, которых нет, и записи, которые пока нельзя удалить.
editing-no-such-kind = Такого вида записей нет.
editing-no-such-book = Такой книги нет.
editing-no-such-author = Такого автора нет.
editing-no-such-genre = Такого жанра нет.
editing-no-such-language = Такого языка нет.
editing-author-has-books = У этого автора ещё есть книги, поэтому его нельзя удалить: { $titles }. Сначала удалите эти книги или укажите для них другого автора.
editing-book-has-copies = У этой книги ещё { $count } { $count ->
    [one] экземпляр
    [few] экземпляра
   *[many] экземпляров
} в библиотеке, поэтому её нельзя удалить.
# Copies: the links, the form, the delete page and what they check.
editing-add-copy-link = Добавить экземпляр
editing-edit-copy-link = Изменить экземпляр
editing-delete-copy-link = Удалить экземпляр
editing-add-copy = Новый экземпляр книги «{ $title }»
editing-edit-copy = Изменение экземпляра книги «{ $title }»
editing-delete-copy = Удаление экземпляра книги «{ $title }»
editing-confirm-delete-copy = Вы уверены, что хотите удалить этот экземпляр?
editing-copy-back = Вернуться к экземпляру
editing-copy-imprint = Выходные данные
editing-copy-status = Состояние
editing-copy-imprint-empty = Укажите выходные данные.
editing-copy-imprint-too-long = Выходные данные — не больше { $max } символов.
editing-copy-imprint-control = В выходных данных не может быть управляющих символов.
editing-copy-on-loan-note = Этот экземпляр выдан читателю { $borrower }: его состояние меняется только кнопкой «Отметить возврат».
editing-copy-reserved-note = Этот экземпляр забронирован для читателя { $borrower }: его состояние изменится, когда читатель его возьмёт или бронь закончится.
editing-copy-on-loan-status = Этот экземпляр выдан читателю { $borrower }: его состояние меняется только кнопкой «Отметить возврат».
editing-copy-reserved-status = Этот экземпляр забронирован для читателя { $borrower }: его состояние здесь изменить нельзя.
editing-copy-on-loan-delete = Этот экземпляр выдан читателю { $borrower }, поэтому удалить его нельзя. Сначала отметьте возврат.
editing-copy-reserved-delete = Этот экземпляр забронирован для читателя { $borrower }, поэтому удалить его нельзя.
