# Посетитель: имя и адрес почты для сессии, приветствие в шапке и страница «Моя сессия».
# {" "} в конце сохраняет пробел перед именем или ссылкой, которые идут за текстом на странице.
visitor-hello = Здравствуйте,{" "}
visitor-register-link = Регистрация
visitor-forget-me = Забыть меня
# /register.
visitor-register-title = Регистрация
visitor-register-lead = Назовите своё имя и адрес электронной почты, и мы запомним вас на эту сессию.
# «Вы зарегистрированы как ИМЯ (ПОЧТА). Повторная регистрация…»
visitor-registered-as = Вы зарегистрированы как{" "}
visitor-registered-again = Если зарегистрироваться ещё раз с тем же адресом, имя обновится.
visitor-name = Имя
visitor-email = Электронная почта
visitor-remember = Запомнить меня на две недели
visitor-register-button = Зарегистрироваться
visitor-registering = Регистрируем…
# Что форма регистрации не принимает.
visitor-name-empty = Введите, пожалуйста, своё имя.
visitor-name-too-long = Имя может содержать не более { $max } { $max ->
    [one] символа
    [few] символов
   *[many] символов
}.
visitor-name-control = Имя не может содержать управляющие символы.
visitor-email-empty = Введите, пожалуйста, адрес электронной почты.
visitor-email-too-long = Адрес электронной почты может содержать не более { $max } { $max ->
    [one] символа
    [few] символов
   *[many] символов
}.
visitor-email-invalid = Введите, пожалуйста, правильный адрес электронной почты, например name@example.com.
visitor-unreadable = Здесь есть символы, которые не удалось прочитать; введите текст заново.
# /session: всё, что сервер помнит об этом браузере.
visitor-session-title = Моя сессия
visitor-session-lead = Это всё, что сервер помнит об этом браузере.
visitor-session-loading = Загрузка…
visitor-session-logged-in-as = Вход выполнен как
visitor-session-not-logged-in = Вход не выполнен
visitor-session-not-registered = Не зарегистрированы
visitor-session-visits = Посещения главной страницы
visitor-session-language = Язык
visitor-session-language-not-chosen = Не выбран (по настройкам браузера)
visitor-session-browser-close = Заканчивается при закрытии браузера
visitor-session-yes = Да
visitor-session-no = Нет
visitor-session-expires = Когда сервер её забудет
visitor-session-not-stored = ещё не сохранена
visitor-session-forget-everything = Забыть всё
