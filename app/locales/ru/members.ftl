# The librarian's administration of members: the list, adding a member, a member's page.
members-add-link = Добавить читателя
members-search-label = Поиск читателей
members-search-button = Найти
members-none-found = Ни в одном имени пользователя или адресе нет «{ $query }».
members-status = Состояние
members-active = Активен
members-deactivated = Отключён
members-add-heading = Новый читатель
members-add-explained = Новый читатель получит письмо со ссылкой, чтобы выбрать пароль. Ссылка действует один раз, 72 часа.
members-add-button = Добавить
members-email-empty = Укажите адрес электронной почты.
members-email-invalid = Укажите правильный адрес электронной почты.
members-username-taken = Это имя пользователя уже занято.
members-username-reserved = Это имя пользователя зарезервировано: выберите другое.
members-mail-failed = Письмо новому читателю не удалось отправить, поэтому учётная запись не создана. Попробуйте позже.
members-invite-mail-subject = Ваша учётная запись в LocalLibrary
members-invite-mail-body =
    Библиотекарь создал для вас учётную запись в LocalLibrary: «{ $username }».

    Чтобы выбрать пароль, откройте эту ссылку в течение 72 часов (она действует один раз):

    { $link }

    Затем войдите с этим именем пользователя и паролем.
members-member-heading = Читатель: { $username }
members-sign-ins = Вошёл на устройствах
members-loans = На руках
members-no-loans = На руках ничего нет.
members-make-librarian = Сделать библиотекарем
members-make-member = Сделать читателем
members-deactivate = Отключить
members-reactivate = Включить снова
members-not-yourself = Свою роль нельзя изменить и себя нельзя отключить: попросите другого библиотекаря.
members-last-librarian = Это последний активный библиотекарь: без библиотекаря нельзя, поэтому его нельзя сделать читателем или отключить.
members-no-such-member = Такого читателя нет.
members-back = Все читатели
