//! Reading error answers: server functions answer with catalogue keys, not text.
use app::i18n::{Lang, Msg};

/// The messages in a server function's error answer (the error's own, or each field's) as an
/// English-speaking visitor reads them: the answer carries catalogue keys and arguments.
pub fn english(body: &str) -> String {
    fn collect(value: &serde_json::Value, found: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) if map.contains_key("key") => {
                let msg: Msg = serde_json::from_value(value.clone()).expect("a message");
                found.push(msg.text(Lang::En));
            }
            serde_json::Value::Object(map) => map.values().for_each(|v| collect(v, found)),
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    if let Ok(value) = serde_json::from_str(body) {
        collect(&value, &mut found);
    }
    found.join("\n")
}
