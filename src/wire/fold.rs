//! Reading JSON with every object key folded to lower case as it is read, so that a record goes straight
//! from its text into the wire struct: no tree of values for the whole record first, and no second pass
//! that rebuilds every object with folded keys.
//!
//! [`Folding`] wraps any `serde` deserializer. Objects it meets (at any depth, also inside values kept
//! as `serde_json::Value`) hand their keys to the visitor lower-cased. When two keys of one object fold
//! to the same name, the first in the text wins and the other's value is skipped, as `fold_keys` keeps
//! one of them (a derived struct would otherwise reject the record for a duplicate field).

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};

/// The name [`Verbatim`] asks by, so that [`Folding`] lets its value through as sent.
const VERBATIM: &str = "$call_records::verbatim";

/// A value read with its object keys as sent, inside a record whose keys are otherwise folded: for data
/// whose keys are the customer's own words (the collected data's field names), not the platform's.
#[derive(Debug, Default)]
pub struct Verbatim(pub serde_json::Value);

impl<'de> serde::Deserialize<'de> for Verbatim {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AsSent;
        impl<'de> Visitor<'de> for AsSent {
            type Value = Verbatim;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("any value")
            }

            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<Verbatim, D::Error> {
                serde::Deserialize::deserialize(deserializer).map(Verbatim)
            }
        }
        deserializer.deserialize_newtype_struct(VERBATIM, AsSent)
    }
}

/// A deserializer whose objects' keys come out lower-cased.
pub struct Folding<D>(pub D);

macro_rules! forward {
    ($($method:ident),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
                self.0.$method(FoldVisitor(visitor))
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Folding<D> {
    type Error = D::Error;

    forward!(
        deserialize_any,
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_identifier,
        deserialize_ignored_any,
    );

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_unit_struct(name, FoldVisitor(visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        if name == VERBATIM {
            // Asked for as sent: no folding from here down.
            return self.0.deserialize_newtype_struct(name, visitor);
        }
        self.0
            .deserialize_newtype_struct(name, FoldVisitor(visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_tuple(len, FoldVisitor(visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0
            .deserialize_tuple_struct(name, len, FoldVisitor(visitor))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0
            .deserialize_struct(name, fields, FoldVisitor(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        // No wire type is an enum; its content is read as sent.
        self.0.deserialize_enum(name, variants, visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// Passes every value through, wrapping objects and lists so that their insides fold too.
struct FoldVisitor<V>(V);

macro_rules! pass {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(
            fn $method<E: de::Error>(self, value: $ty) -> Result<Self::Value, E> {
                self.0.$method(value)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for FoldVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(formatter)
    }

    pass!(
        visit_bool: bool,
        visit_i64: i64,
        visit_u64: u64,
        visit_i128: i128,
        visit_u128: u128,
        visit_f64: f64,
        visit_char: char,
        visit_str: &str,
        visit_borrowed_str: &'de str,
        visit_string: String,
        visit_bytes: &[u8],
        visit_borrowed_bytes: &'de [u8],
        visit_byte_buf: Vec<u8>,
    );

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.visit_some(Folding(deserializer))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        self.0.visit_newtype_struct(Folding(deserializer))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.0.visit_seq(FoldSeq(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.visit_map(FoldMap::new(map))
    }
}

struct FoldSeq<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for FoldSeq<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        self.0.next_element_seed(FoldSeed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

struct FoldMap<A> {
    inner: A,
    /// Hashes of the folded keys of this object so far (a hash, not the text: no allocation per key;
    /// two different keys of one object sharing a 64-bit hash does not happen in practice).
    seen: Seen,
    /// Where a key with capitals is lower-cased, reused for every key of the object.
    scratch: String,
}

impl<A> FoldMap<A> {
    fn new(inner: A) -> Self {
        FoldMap {
            inner,
            seen: Seen::default(),
            scratch: String::new(),
        }
    }
}

/// A small set of key hashes, inline for the usual object of a few dozen keys.
#[derive(Default)]
struct Seen {
    inline: [u64; 32],
    len: usize,
    more: Vec<u64>,
}

impl Seen {
    /// Adds `hash`; false when it was there already.
    fn insert(&mut self, hash: u64) -> bool {
        let inline = self.inline.get(..self.len.min(32)).unwrap_or_default();
        if inline.contains(&hash) || self.more.contains(&hash) {
            return false;
        }
        match self.inline.get_mut(self.len) {
            Some(slot) => *slot = hash,
            None => self.more.push(hash),
        }
        self.len += 1;
        true
    }
}

fn hash_of(key: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    key.hash(&mut hasher);
    hasher.finish()
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for FoldMap<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        loop {
            let Some(key) = self.inner.next_key_seed(KeyText)? else {
                return Ok(None);
            };
            let capitals = key.bytes().any(|b| b.is_ascii_uppercase()) || !key.is_ascii();
            let folded: &str = if capitals {
                self.scratch.clear();
                if key.is_ascii() {
                    self.scratch.push_str(&key);
                    self.scratch.make_ascii_lowercase();
                } else {
                    // Exactly as `str::to_lowercase` folds it (a final sigma, for one).
                    self.scratch.push_str(&key.to_lowercase());
                }
                &self.scratch
            } else {
                &key
            };
            if !self.seen.insert(hash_of(folded)) {
                // A second key that folds to a name already read: its value is skipped.
                self.inner.next_value::<de::IgnoredAny>()?;
                continue;
            }
            return match (capitals, key) {
                (false, Cow::Borrowed(key)) => {
                    seed.deserialize(de::value::BorrowedStrDeserializer::<A::Error>::new(key))
                }
                (false, Cow::Owned(key)) => seed.deserialize(key.into_deserializer()),
                (true, _) => {
                    seed.deserialize(de::value::StrDeserializer::<A::Error>::new(&self.scratch))
                }
            }
            .map(Some);
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        self.inner.next_value_seed(FoldSeed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// Reads a key as text, borrowed from the input where the input allows.
struct KeyText;

impl<'de> DeserializeSeed<'de> for KeyText {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        struct Text;
        impl<'de> Visitor<'de> for Text {
            type Value = Cow<'de, str>;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("an object key")
            }

            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Self::Value, E> {
                Ok(Cow::Borrowed(key))
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
                Ok(Cow::Owned(key.to_owned()))
            }

            fn visit_string<E: de::Error>(self, key: String) -> Result<Self::Value, E> {
                Ok(Cow::Owned(key))
            }
        }
        deserializer.deserialize_str(Text)
    }
}

/// Deserializes the value of a seed through [`Folding`].
struct FoldSeed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for FoldSeed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(Folding(deserializer))
    }
}
