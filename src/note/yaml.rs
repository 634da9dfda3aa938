//! A YAML value read as serde_yaml reads a [`Value`], but for integers too
//! big for 64 bits (a phone number written as digits, a long id), where
//! serde_yaml would refuse the whole document and the note would lose its
//! frontmatter: those are kept as their digits, tagged `!!int`. So they
//! are still numbers, which people and interests skip as they skip
//! smaller ones, and a person note's property shows the digits.
//!
//! It also reads no more values than the text could hold without aliases,
//! and a few more: an alias repeats what its anchor names, so a small
//! frontmatter of aliases to aliases (a "billion laughs") would otherwise
//! be read as gigabytes. serde_yaml's own limit counts aliases, not what
//! they repeat.

use std::cell::Cell;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess,
};
use serde_yaml::value::{Tag, TaggedValue};
use serde_yaml::{Mapping, Number, Value};

/// Values a YAML text may be read as beyond one per byte of it: room for
/// anchors used a few times, as people use them.
const ALIAS_ALLOWANCE: usize = 10_000;

/// Why a text whose aliases repeat too much was refused.
pub const TOO_MANY_REPEATS: &str = "YAML aliases repeat more values than the frontmatter holds";

/// Reads `yaml` as a [`Value`], leniently (see the module documentation).
pub fn read_lenient(yaml: &str) -> Result<Value, serde_yaml::Error> {
    let budget = Cell::new(yaml.len().saturating_add(ALIAS_ALLOWANCE));
    Lenient { budget: &budget }.deserialize(serde_yaml::Deserializer::from_str(yaml))
}

/// Reads one value, taking it from the budget of values left.
#[derive(Clone, Copy)]
struct Lenient<'b> {
    budget: &'b Cell<usize>,
}

impl<'de> DeserializeSeed<'de> for Lenient<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        match self.budget.get().checked_sub(1) {
            Some(left) => self.budget.set(left),
            None => {
                return Err(de::Error::custom(TOO_MANY_REPEATS));
            }
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> de::Visitor<'de> for Lenient<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_i128<E>(self, value: i128) -> Result<Value, E> {
        Ok(i64::try_from(value).map_or_else(
            |_| big_integer(value.to_string()),
            |small| Value::Number(Number::from(small)),
        ))
    }

    fn visit_u128<E>(self, value: u128) -> Result<Value, E> {
        Ok(u64::try_from(value).map_or_else(
            |_| big_integer(value.to_string()),
            |small| Value::Number(Number::from(small)),
        ))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Value::Number(value.into()))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut mapping = Mapping::new();
        while let Some(key) = map.next_key_seed(self)? {
            if mapping.contains_key(&key) {
                // serde_yaml's own words, which the line finder reads.
                return Err(de::Error::custom(duplicate(&key)));
            }
            let value = map.next_value_seed(self)?;
            mapping.insert(key, value);
        }
        Ok(Value::Mapping(mapping))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        // A tagged value: `!tag value`.
        let (tag, contents) = data.variant::<String>()?;
        if tag.is_empty() {
            return Err(de::Error::custom("empty YAML tag is not allowed"));
        }
        let value = contents.newtype_variant_seed(self)?;
        Ok(Value::Tagged(Box::new(TaggedValue {
            tag: Tag::new(tag),
            value,
        })))
    }
}

/// An integer too big for a [`Number`], as its digits tagged `!!int`.
fn big_integer(digits: String) -> Value {
    Value::Tagged(Box::new(TaggedValue {
        tag: Tag::new("!!int"),
        value: Value::String(digits),
    }))
}

/// serde_yaml's message for a key written twice in one mapping.
fn duplicate(key: &Value) -> String {
    match key {
        Value::Null => "duplicate entry with null key".to_owned(),
        Value::Bool(value) => format!("duplicate entry with key `{value}`"),
        Value::Number(value) => format!("duplicate entry with key {value}"),
        Value::String(value) => format!("duplicate entry with key {value:?}"),
        Value::Sequence(_) | Value::Mapping(_) | Value::Tagged(_) => {
            "duplicate entry in YAML map".to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(yaml: &str) -> Result<Value, String> {
        read_lenient(yaml).map_err(|err| err.to_string())
    }

    #[test]
    fn reads_what_serde_yaml_reads() {
        let yaml = "a: [1, -2, 3.5, true, ~, x]\nb: {c: !custom [d]}\n'e': \"f\"\n";
        assert_eq!(
            read(yaml).unwrap(),
            serde_yaml::from_str::<Value>(yaml).unwrap()
        );
    }

    #[test]
    fn reads_an_anchor_repeated_as_people_repeat_one() {
        let yaml = "team: &team [ana, bo, cy]\npeople: *team\nattendees: *team\n";
        assert_eq!(
            read(yaml).unwrap(),
            serde_yaml::from_str::<Value>(yaml).unwrap()
        );
    }

    #[test]
    fn refuses_aliases_that_repeat_more_values_than_the_text_holds() {
        // 2,000 aliases to a list of 2,000: 4 million values from 31 KB,
        // under serde_yaml's own limit of 100 aliases an event.
        let list: Vec<String> = (0..2000).map(|i| format!("t{i}")).collect();
        let mut yaml = format!("base: &b [{}]\n", list.join(", "));
        for i in 0..2000 {
            yaml.push_str(&format!("k{i}: *b\n"));
        }
        let err = read(&yaml).unwrap_err();
        assert!(
            err.contains("YAML aliases repeat more values than the frontmatter holds"),
            "{err}"
        );
    }

    #[test]
    fn keeps_integers_too_big_for_64_bits_as_tagged_digits() {
        let value = read("phone: 447700900123456789012\nid: -18446744073709551616\n").unwrap();
        assert_eq!(value["phone"], big_integer("447700900123456789012".into()));
        assert_eq!(value["id"], big_integer("-18446744073709551616".into()));
    }

    #[test]
    fn tells_a_key_written_twice_in_serde_yaml_s_words() {
        let yaml = "tags: [a]\ntags: [b]\n";
        let ours = read(yaml).unwrap_err();
        let theirs = serde_yaml::from_str::<Value>(yaml).unwrap_err().to_string();
        assert_eq!(ours, theirs);
    }
}
