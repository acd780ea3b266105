# Учётные записи: вход и выход, пароли (смена и сброс по почте), устройства и читатели.
# {" "} в конце сохраняет пробел перед именем или ссылкой, которые идут за текстом на странице.
accounts-username = Имя пользователя
accounts-password = Пароль
accounts-email = Электронная почта
accounts-loading = Загрузка…
accounts-log-in = Войти
accounts-log-out = Выйти
accounts-login-title = Вход
accounts-lost-password = Забыли пароль?
accounts-bad-login = Введите правильные имя пользователя и пароль. Оба поля могут быть чувствительны к регистру.
# Шапка: «Вы вошли как ИМЯ · Мои взятые книги · … · Выйти».
accounts-menu-logged-in-as = Вы вошли как{" "}
accounts-menu-my-borrowed = Мои взятые книги
accounts-menu-all-borrowed = Все выданные книги
accounts-menu-changes = Изменения
# /accounts/logout: «Вы вошли как ИМЯ.»
accounts-logout-title = Выход
accounts-logout-logged-in-as = Вы вошли как{" "}
accounts-logged-out = Вы вышли из системы.{" "}
accounts-log-in-again = Войти снова
# Каким должно быть имя пользователя и новый пароль.
accounts-username-empty = Введите имя пользователя.
accounts-username-too-long = Имя пользователя может содержать не более { $max } { $max ->
    [one] символа
    [few] символов
   *[many] символов
}.
accounts-username-characters = Имя пользователя может содержать только буквы, цифры и символы @ . + - _
accounts-password-too-short = Пароль слишком короткий. Он должен содержать не менее { $min } { $min ->
    [one] символа
    [few] символов
   *[many] символов
}.
accounts-password-too-long = Пароль слишком длинный: не более { $max } { $max ->
    [one] символа
    [few] символов
   *[many] символов
}.
accounts-password-similar = Пароль слишком похож на имя пользователя.
accounts-password-common = Этот пароль слишком распространён.
accounts-password-mismatch = Пароли в двух полях не совпадают.
accounts-old-password-wrong = Старый пароль введён неверно. Введите его ещё раз.
# Смена и сброс пароля.
accounts-old-password = Старый пароль
accounts-new-password = Новый пароль
accounts-confirm-password = Новый пароль ещё раз
accounts-password-change-title = Смена пароля
accounts-change-password = Сменить пароль
accounts-password-changed = Пароль изменён. На других ваших устройствах выполнен выход.
accounts-password-reset-title = Сброс пароля
accounts-password-reset-lead = Забыли пароль? Введите адрес электронной почты, и мы пришлём письмо с инструкцией, как задать новый.
accounts-reset-my-password = Сбросить пароль
accounts-password-reset-sent = Если учётная запись с этим адресом существует, мы отправили на него письмо с инструкцией, как задать пароль.
accounts-reset-confirm-title = Новый пароль
accounts-reset-checking-link = Проверяем ссылку…
accounts-set-my-password = Задать пароль
accounts-reset-link-invalid = Ссылка для сброса пароля недействительна: возможно, ею уже воспользовались или срок её действия истёк. Запросите новую.
# То же на странице, а за ним ссылка, чтобы запросить новую.
accounts-reset-link-invalid-page = Ссылка для сброса пароля недействительна: возможно, ею уже воспользовались или срок её действия истёк.{" "}
accounts-reset-link-request-new = Запросить новую.
# «Пароль задан. Теперь можно [войти].»
accounts-password-set = Пароль задан. Теперь можно{" "}
accounts-password-set-log-in = войти
accounts-password-set-end = .
# Письмо для сброса пароля.
accounts-reset-mail-subject = Сброс пароля в LocalLibrary
accounts-reset-mail-body =
    Кто-то попросил сбросить пароль учётной записи LocalLibrary «{ $username }».

    Чтобы задать новый пароль, откройте эту ссылку в течение часа (она действует один раз):

    { $link }

    Если это были не вы, просто не обращайте внимания на это письмо: ваш пароль останется прежним.
# /accounts/sessions: устройства, на которых выполнен вход.
accounts-devices-title = Ваши устройства
accounts-devices-lead = Все браузеры, в которых вы вошли. Выйдите на тех, которые вам незнакомы.
accounts-devices-loading = Загружаем ваши устройства…
accounts-devices-browser = Браузер
accounts-devices-address = Адрес
accounts-devices-logged-in = Время входа
accounts-devices-last-seen = Последняя активность
accounts-devices-this-device = это устройство
accounts-devices-sign-out = Выйти
accounts-devices-sign-out-others = Выйти на всех остальных
# Устройство по его User-Agent; названия браузеров и систем не переводятся.
accounts-device-browser-on-system = { $browser } на { $system }
accounts-device-browser = { $browser }
accounts-device-some-browser-on = Браузер на { $system }
accounts-device-unknown = Неизвестный браузер
# /accounts/members, для библиотекарей.
accounts-members-title = Читатели
accounts-members-loading = Загружаем читателей…
accounts-members-role = Роль
accounts-members-last-login = Последний вход
accounts-members-librarian = Библиотекарь
accounts-members-member = Читатель
accounts-members-never = никогда
accounts-reset-email-empty = Введите адрес электронной почты вашей учётной записи.
accounts-reset-email-invalid = Это не похоже на адрес электронной почты. Проверьте его и попробуйте снова.
accounts-password-changed-meanwhile = Пароль тем временем изменили (по ссылке для сброса?). Войдите снова с новым паролем.
