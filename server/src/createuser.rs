//! `locallibrary createuser USERNAME [--email E] [--librarian] [--password-file PATH]`: adds an
//! account. The password comes from a file, from a terminal prompt that does not echo, or from
//! the first line of standard input (for scripts).
use app::{
    accounts::rules::{check_new_password, check_username},
    server::{db::Pool, passwords, users},
    visitor::validation::Email,
};
use std::io::{BufRead, IsTerminal};

/// What `createuser` was asked to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub username: String,
    pub email: Option<String>,
    pub librarian: bool,
    /// Where to read the password (otherwise a silent prompt, or standard input).
    pub password_file: Option<std::path::PathBuf>,
}

/// Parses the arguments after `createuser`; the error says what was wrong.
pub fn parse(mut args: impl Iterator<Item = String>) -> Result<NewUser, String> {
    let username = args
        .next()
        .filter(|a| !a.starts_with("--"))
        .ok_or("createuser needs a USERNAME")?;
    let mut user = NewUser {
        username,
        email: None,
        librarian: false,
        password_file: None,
    };
    while let Some(flag) = args.next() {
        let (name, inline) = match flag.split_once('=') {
            Some((name, value)) => (name.to_string(), Some(value.to_string())),
            None => (flag, None),
        };
        let mut value = |what: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs {what}"))
        };
        match name.as_str() {
            "--email" => user.email = Some(value("an address")?),
            "--password-file" => user.password_file = Some(value("a file")?.into()),
            "--librarian" => user.librarian = true,
            _ => return Err(format!("unknown option {name:?} for createuser")),
        }
    }
    Ok(user)
}

/// The password, from `--password-file`, a silent prompt, or standard input.
fn read_password(user: &NewUser) -> Result<String, String> {
    let raw = if let Some(path) = &user.password_file {
        std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read --password-file {}: {e}", path.display()))?
    } else if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").map_err(|e| e.to_string())?;
        let again = rpassword::prompt_password("Password (again): ").map_err(|e| e.to_string())?;
        if first != again {
            return Err("the two passwords didn't match".into());
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
        line
    };
    Ok(raw.trim_end_matches(['\r', '\n']).to_string())
}

/// Creates the user; the message says what happened or exactly what was wrong.
pub async fn run(pool: &Pool, user: &NewUser) -> Result<String, String> {
    let username = check_username(&user.username).map_err(|e| format!("username: {e}"))?;
    let email = match &user.email {
        Some(email) => Email::parse(email)
            .map_err(|e| format!("--email: {e}"))?
            .as_str()
            .to_string(),
        None => String::new(),
    };
    let password = read_password(user)?;
    check_new_password(&password, username).map_err(|e| format!("password: {e}"))?;
    let hash = passwords::PasswordHasher::new(1)
        .hash(password)
        .await
        .map_err(|e| e.to_string())?;
    match users::create(pool, username, &email, &hash, user.librarian)
        .await
        .map_err(|e| format!("cannot save the user: {e}"))?
    {
        Some(_) => Ok(format!(
            "created {} {username}",
            if user.librarian { "librarian" } else { "user" }
        )),
        None => Err(format!("a user called {username:?} already exists")),
    }
}
