# Счётчик посещений на главной странице.
visits-sentence = Вы посетили эту страницу { $count } { $count ->
    [one] раз
    [few] раза
   *[many] раз
}.
visits-cookies-refused = Ваш браузер не принимает cookie, поэтому посещения не считаются.
visits-loading = Считаем ваши посещения…
