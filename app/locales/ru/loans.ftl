# Выдачи: списки взятых книг, выдача, возврат, продление и журнал изменений.
loans-mine-heading = Взятые книги
loans-all-heading = Все выданные книги
loans-changes-heading = Все изменения
loans-loading-borrowed = Загружаем выданные книги…
loans-loading-changes = Загружаем изменения…
loans-loading-loan = Загружаем выдачу…
loans-total-borrowed = { $count } { $count ->
    [one] выданная книга
    [few] выданные книги
   *[many] выданных книг
}
# Выдача в списке: срок возврата и просрочена ли она.
loans-due = вернуть до { $date }
loans-overdue = Просрочено
# Показывается вместо имени читателя, если за выдачей не стоит учётная запись.
loans-no-account = без учётной записи
loans-renew = Продлить
loans-mark-returned = Отметить возврат
loans-kept-for-hold = Этот экземпляр отложен для читателя по брони: выдайте его ему (см. «Все брони»).
# Управление выдачей на странице экземпляра (для библиотекаря).
loans-loan = Выдача
loans-borrower = Читатель
loans-due-back = Вернуть до
loans-lend = Выдать
# «Выдан <имя читателя> до <дата>»: имя показывается между двумя частями.
loans-on-loan-to = Выдан читателю
loans-until = до { $date }
loans-cannot-lend = Этот экземпляр нельзя выдать, пока он на обслуживании или забронирован.
# Форма продления.
loans-renew-heading = Продление: { $title }
loans-renew-borrower = Читатель: { $name }
loans-renew-due-date = Вернуть до: { $date }
loans-renewal-date = Новый срок возврата
loans-renewal-help = Укажите дату от сегодняшнего дня до { $weeks } { $weeks ->
    [one] недели
    [few] недель
   *[many] недель
} вперёд (по умолчанию — через { $default } { $default ->
    [one] неделю
    [few] недели
   *[many] недель
}).
# Почему срок возврата или действие с выдачей могут быть отклонены.
loans-date-format = Введите дату в формате ГГГГ-ММ-ДД.
loans-date-in-past = Неверная дата: этот день уже прошёл
loans-date-too-far = Неверная дата: срок больше чем на { $weeks } { $weeks ->
    [one] неделю
    [few] недели
   *[many] недель
} вперёд
loans-no-such-copy = Такого экземпляра нет.
loans-not-on-loan = Этот экземпляр не выдан.
loans-not-on-loan-any-more = Этот экземпляр уже не выдан.
loans-not-available = Этот экземпляр нельзя выдать: он уже недоступен.
loans-no-such-member = Читателя с таким именем пользователя нет.
# Журнал изменений: когда (дата и время UTC), действие и что оно изменило.
loans-change-when = { $date }, { $time } UTC
loans-action-lend = выдача
loans-action-renew = продление
loans-action-return = возврат
loans-action-save-book = сохранение книги
loans-action-save-author = сохранение автора
loans-action-save-genre = сохранение жанра
loans-action-save-language = сохранение языка
loans-action-delete-book = удаление книги
loans-action-delete-author = удаление автора
loans-action-delete-genre = удаление жанра
loans-action-delete-language = удаление языка
loans-action-add-copy = добавление экземпляра
loans-action-save-copy = изменение экземпляра
loans-action-delete-copy = удаление экземпляра
loans-action-add-member = добавление читателя
loans-action-remove-member = удаление читателя
loans-action-make-librarian = назначение библиотекарем
loans-action-make-member = снятие роли библиотекаря
loans-action-deactivate = отключение
loans-action-reactivate = включение
loans-action-place-hold = бронирование
loans-action-cancel-hold = отмена брони
loans-action-hold-expired = бронь истекла
loans-action-keep-copy = экземпляр отложен по брони
loans-change-lent = экземпляр { $copy } читателю { $borrower } до { $date }
loans-change-renewed = экземпляр { $copy }, вернуть до { $date }
loans-change-returned = экземпляр { $copy }
