//! Feeds arbitrary bytes to every parser that reads a visitor's input before the server trusts
//! it: the catalog edit forms (names, author dates, ISBN check digits), the copy form (imprint,
//! status) and the copy list's status filter, the hold forms, the new-member form and the members search, the
//! renewal and lend
//! forms (due dates), the login form (username and password rules,
//! the `next` redirect), the password change and reset forms (new-password rules, the reset
//! address, the reset link's token), the registration form
//! (decoding + validation), `?page=`, search text (cleaning, the words and terms the search
//! engines see, marking matches), and the Cookie
//! header (as the session layer splits it). Any panic is a bug.
#![no_main]

use app::{
    accounts::rules::{
        check_new_password, check_reset_email, check_username, reset_token_well_formed, safe_next,
    },
    catalog::copies::status::parse_filter,
    editing::{
        book_rules::{check_isbn, check_summary, check_title},
        copies::rules::{check_imprint, check_status, MAX_IMPRINT_CHARS},
        rules::{check_author, check_name},
    },
    loans::dates::{check_due_date, format_date, parse_date, MAX_LOAN_DAYS},
    members::rules::{check_new_member, search_pattern, ticked},
    search::{analyze, highlight, query, text as search_text, typos},
    ui::paging::parse_page,
    visitor::validation::{validate, Email, Name},
};
use libfuzzer_sys::fuzz_target;
use serde::Deserialize;

/// The registration form as the server decodes it.
#[derive(Deserialize)]
struct RegisterForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[allow(dead_code)]
    remember: Option<String>,
}

/// The renewal and lend forms as the server decodes them.
#[derive(Deserialize)]
struct LoanForm {
    #[serde(default)]
    due_back: String,
    #[serde(default)]
    borrower: String,
}

/// The catalog edit forms (book, author, genre or language) as the server decodes them.
#[derive(Deserialize)]
struct EditForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    isbn: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    date_of_birth: String,
    #[serde(default)]
    date_of_death: String,
}

/// The copy form as the server decodes it.
#[derive(Deserialize)]
struct CopyForm {
    #[serde(default)]
    imprint: String,
    status: Option<String>,
    #[allow(dead_code)]
    book_id: Option<i64>,
}

/// The new-member form as the server decodes it, and the members search.
#[derive(Deserialize)]
struct MemberForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    email: String,
    librarian: Option<String>,
    q: Option<String>,
}

/// The hold forms (place, cancel) as the server decodes them.
#[derive(Deserialize)]
#[allow(dead_code)]
struct HoldForm {
    book_id: i64,
}

/// The login form as the server decodes it.
#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

/// The password change form, and the set-password form a reset link leads to.
#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    old_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
    #[serde(default)]
    username: String,
}

/// The form that asks for a reset link.
#[derive(Deserialize)]
struct ResetRequestForm {
    #[serde(default)]
    email: String,
}

fuzz_target!(|data: &[u8]| {
    if let Ok(form) = serde_urlencoded::from_bytes::<PasswordForm>(data) {
        let _ = check_new_password(&form.old_password, &form.username);
        if check_new_password(&form.new_password, &form.username).is_ok() {
            // An accepted new password is within the hashing limits.
            assert!((10..=1024).contains(&form.new_password.chars().count()));
        }
        let _ = form.new_password == form.confirm_password;
    }
    if let Ok(form) = serde_urlencoded::from_bytes::<ResetRequestForm>(data) {
        if let Ok(email) = check_reset_email(&form.email) {
            // An accepted address is trimmed, bounded, and accepted again as it is.
            assert!(!email.is_empty() && email.len() <= 254 && email.trim() == email);
            assert_eq!(check_reset_email(email), Ok(email));
        }
    }
    if let Ok(form) = serde_urlencoded::from_bytes::<EditForm>(data) {
        if let Ok(name) = check_name(&form.name) {
            assert_eq!(check_name(&name).as_ref(), Ok(&name));
        }
        let _ = check_title(&form.title);
        let _ = check_summary(&form.summary);
        if let Ok(isbn) = check_isbn(&form.isbn) {
            // An accepted ISBN is 13 digits that pass the check again.
            assert_eq!(isbn.len(), 13);
            assert_eq!(check_isbn(&isbn).as_ref(), Ok(&isbn));
        }
        if let Ok(author) = check_author(
            &form.first_name,
            &form.last_name,
            &form.date_of_birth,
            &form.date_of_death,
        ) {
            if let (Some(born), Some(died)) = (&author.date_of_birth, &author.date_of_death) {
                assert!(parse_date(born) <= parse_date(died));
            }
        }
    }
    if let Ok(form) = serde_urlencoded::from_bytes::<CopyForm>(data) {
        if let Ok(imprint) = check_imprint(&form.imprint) {
            // An accepted imprint is trimmed, within the column's bound, and accepted again.
            assert!(!imprint.is_empty() && imprint.chars().count() <= MAX_IMPRINT_CHARS);
            assert_eq!(check_imprint(&imprint).as_ref(), Ok(&imprint));
        }
        if let Some(status) = &form.status {
            // Editing only ever sets a copy on the shelf or under maintenance.
            if let Ok(status) = check_status(status) {
                assert!(matches!(status.code(), "a" | "d"));
            }
            let _ = parse_filter(Some(status));
        }
    }
    if let Ok(form) = serde_urlencoded::from_bytes::<MemberForm>(data) {
        if let Ok((username, email)) = check_new_member(&form.username, &form.email) {
            // An accepted member is accepted again as stored, and the name has no separators.
            assert_eq!(check_new_member(username, email), Ok((username, email)));
            assert!(!username.contains(['<', '>', '/', ' ']) && !email.is_empty());
        }
        let _ = ticked(form.librarian.as_deref());
        if let Some(pattern) = search_pattern(form.q.as_deref()) {
            // A search is always one bounded LIKE pattern matching anywhere.
            assert!(pattern.starts_with('%') && pattern.ends_with('%'));
            assert!(pattern.chars().count() <= 2 + 2 * 100);
        }
    }
    // A hold form's book id decodes to a number or is refused before any query.
    let _ = serde_urlencoded::from_bytes::<HoldForm>(data);
    if let Ok(form) = serde_urlencoded::from_bytes::<LoanForm>(data) {
        // A due date the rule accepts is within four weeks of today and reads back the same.
        let today = parse_date("2026-11-25").unwrap_or_default();
        if let Ok(day) = check_due_date(&form.due_back, today) {
            assert!((today..=today + MAX_LOAN_DAYS).contains(&day));
            assert_eq!(parse_date(&format_date(day)), Some(day));
        }
        let _ = check_username(&form.borrower);
    }
    if let Ok(form) = serde_urlencoded::from_bytes::<LoginForm>(data) {
        if let Ok(username) = check_username(&form.username) {
            // Accepted usernames are stable, and never carry separators or markup.
            assert_eq!(check_username(username), Ok(username));
            assert!(!username.contains(['<', '>', '/', ' ']));
        }
        let _ = check_new_password(&form.password, &form.username);
        // Wherever a login sends the browser, it stays on this site.
        let next = safe_next(form.next.as_deref());
        assert!(next.starts_with('/') && !next.starts_with("//") && !next.contains('\\'));
    }
    if let Ok(form) = serde_urlencoded::from_bytes::<RegisterForm>(data) {
        if let Ok((name, email)) = validate(&form.name, &form.email) {
            // Accepted values are stable: parsing them again gives the same value.
            assert_eq!(Name::parse(name.as_str()).as_ref(), Ok(&name));
            assert_eq!(Email::parse(email.as_str()).as_ref(), Ok(&email));
        }
    }
    let text = String::from_utf8_lossy(data);
    if reset_token_well_formed(&text) {
        // Only 64 ASCII hex digits reach the reset table.
        assert!(text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()));
    }
    assert!(parse_page(Some(&text)) >= 1);
    if let Some(cleaned) = search_text::normalize_query(Some(&text)) {
        assert!(!cleaned.is_empty());
        let _ = search_text::like_pattern(&cleaned);
        // What reaches the engines' query syntax: letters and digits only, a bounded number.
        let words = query::typed_words(&cleaned);
        assert!(words.len() <= query::MAX_QUERY_WORDS);
        let mut matched = Vec::new();
        for word in &words {
            assert!(!word.is_empty() && word.chars().all(char::is_alphanumeric), "{word:?}");
            let stemmed = analyze::stem(word);
            assert!(stemmed.chars().all(char::is_alphanumeric), "{stemmed:?}");
            for key in typos::deletion_keys(&stemmed) {
                assert!(typos::within_one_edit(&key, &stemmed));
            }
            matched.push(stemmed);
        }
        // Marking any text with any terms keeps the text whole.
        let mut matcher = highlight::Matcher::new(matched.iter().map(String::as_str));
        let pieces = matcher.marked(&text);
        assert_eq!(pieces.iter().map(|p| p.text.as_str()).collect::<String>(), text);
        let _ = matcher.excerpt(&text);
    }
    for term in analyze::terms(&text) {
        assert!(!term.is_empty() && term.chars().all(char::is_alphanumeric), "{term:?}");
    }
    for cookie in cookie::Cookie::split_parse(text.as_ref()).flatten() {
        // What the session layer does with a `sessionid` value: a bad one means "no session".
        let _ = cookie.value().parse::<tower_sessions_core::session::Id>();
    }
});
