# Holds: a member's place in a book's queue, the librarians' list of queues, the ready mail.
holds-heading = Брони
holds-loading = Загружаем брони…
holds-log-in = Войдите, чтобы забронировать книгу
holds-none-on-shelf = Сейчас на полке нет ни одного экземпляра.
holds-place = Забронировать
holds-cancel = Отменить бронь
holds-position = Вы { $position }-й в очереди
holds-ready-until = Можно забрать до { $date }
holds-count = { $count } { $count ->
    [one] бронь
    [few] брони
   *[many] броней
}
holds-on-loan = Эта книга уже у вас на руках.
holds-at-limit = У вас { $max } броней — больше читателю нельзя.
holds-already-held = Вы уже забронировали эту книгу.
holds-on-shelf = Экземпляр этой книги есть на полке: спросите его у библиотекаря.
holds-try-again = Сейчас не удалось забронировать книгу: попробуйте ещё раз.
holds-none = У вас нет брони на эту книгу.
holds-mine-heading = Мои брони
holds-mine-none = У вас нет броней.
holds-all-heading = Все брони
holds-all-none = Никто не ждёт книг.
holds-ready-copy = экземпляр отложен
holds-reserved-for-other = Этот экземпляр отложен для другого читателя по брони: выдать его можно только ему.
holds-ready-mail-subject = Ваша бронь готова: { $title }
holds-ready-mail-body =
    Здравствуйте, { $username }!

    Экземпляр книги «{ $title }» отложен для вас до { $date }. Заберите его до этого дня; потом он перейдёт следующему читателю в очереди.

    Ваши брони: { $link }
