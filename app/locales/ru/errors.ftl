# Ошибки: что видит посетитель, когда что-то не получилось, и заголовок страницы ошибки.
error-invalid = Исправьте, пожалуйста, отмеченные поля.
error-cross-site = Запрос пришёл с другого сайта и отклонён.
error-unauthorized = Войдите, чтобы увидеть эту страницу.
error-forbidden = Эта страница только для библиотекарей.
error-locked-out = Слишком много неудачных попыток входа. Попробуйте снова через { $minutes } { $minutes ->
    [one] минуту
    [few] минуты
   *[many] минут
}.
error-rate-limited = Слишком много попыток из вашей сети. Подождите { $seconds } { $seconds ->
    [one] секунду
    [few] секунды
   *[many] секунд
} и попробуйте снова.
error-unavailable = Библиотека временно недоступна. Попробуйте ещё раз через минуту.
error-busy = Сейчас входит слишком много людей. Попробуйте ещё раз через секунду.
error-internal = На нашей стороне что-то пошло не так. Попробуйте ещё раз.
error-bad-arguments = Не удалось прочитать запрос: { $detail }
error-no-record = Такой записи нет.
error-no-page = По этому адресу страницы нет.
error-no-such-page = Такой страницы здесь нет.
error-wrong-method = Этот адрес не принимает такой запрос.
error-back-home = На главную страницу
error-title-not-found = Не найдено
error-title-bad-request = Неверный запрос
error-title-invalid = Проверьте форму
error-title-cross-site = Запрос отклонён
error-title-unauthorized = Нужно войти
error-title-forbidden = Только для библиотекарей
error-title-locked-out = Слишком много неудачных попыток
error-title-rate-limited = Помедленнее, пожалуйста
error-title-unavailable = Временно недоступно
error-title-busy = Сервер занят
error-title-internal = Ошибка сервера
error-cookie-too-big = Сессия этого браузера больше не помещается в cookie (не более { $bytes } байт). Нажмите «Забыть всё» на странице «Моя сессия», чтобы начать заново.
error-too-large = Запрос слишком большой. Формы здесь принимают не более { $kib } КиБ.
