//! The list's filter on one collected field: a value to equal, or a range for numbers. In the URL as
//! `field=<name>` with `value=<text>`, or `fmin=`/`fmax=`.

/// What a field must hold to pass.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldTest {
    /// Any value at all (the field was collected).
    Present,
    /// This value, compared without regard to case and surrounding spaces; empty matches a null.
    Is(String),
    /// A number within these bounds, inclusive.
    Range { min: Option<f64>, max: Option<f64> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct FieldFilter {
    pub name: String,
    pub test: FieldTest,
}

impl FieldFilter {
    /// Whether a call's value of the field (`None`: the call has no such field) passes.
    pub fn passes(&self, value: Option<&str>) -> bool {
        match (&self.test, value) {
            (_, None) => false,
            (FieldTest::Present, Some(_)) => true,
            (FieldTest::Is(wanted), Some(value)) => {
                value.trim().to_lowercase() == wanted.trim().to_lowercase()
            }
            (FieldTest::Range { min, max }, Some(value)) => match value.trim().parse::<f64>() {
                Ok(n) if n.is_finite() => min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m),
                _ => false,
            },
        }
    }

    /// The filter from the URL's `field`, `value`, `fmin` and `fmax`.
    pub fn from_params(
        name: Option<&str>,
        value: Option<&str>,
        min: Option<&str>,
        max: Option<&str>,
    ) -> Option<FieldFilter> {
        let name = name?.trim();
        if name.is_empty() {
            return None;
        }
        let number = |t: Option<&str>| {
            t.and_then(|t| t.trim().parse::<f64>().ok())
                .filter(|n| n.is_finite())
        };
        let (min, max) = (number(min), number(max));
        let test = match value {
            Some(value) => FieldTest::Is(value.to_owned()),
            None if min.is_some() || max.is_some() => FieldTest::Range { min, max },
            None => FieldTest::Present,
        };
        Some(FieldFilter {
            name: name.to_owned(),
            test,
        })
    }

    /// The URL's pairs for this filter, in a fixed order.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![("field", self.name.clone())];
        match &self.test {
            FieldTest::Present => {}
            FieldTest::Is(value) => pairs.push(("value", value.clone())),
            FieldTest::Range { min, max } => {
                if let Some(min) = min {
                    pairs.push(("fmin", number_param(*min)));
                }
                if let Some(max) = max {
                    pairs.push(("fmax", number_param(*max)));
                }
            }
        }
        pairs
    }
}

fn number_param(n: f64) -> String {
    crate::domain::records::outcome::number(n)
}

pub use crate::domain::records::collected::is_numeric;
