//! What an API key may look like before it is put in a request header.
//!
//! Browsers reject header values with line breaks or characters outside Latin-1, and the HTTP client
//! turns that rejection into an exception that would end the request's task. Keys are tokens of visible
//! ASCII, so anything else is refused when entered, with words saying why.

/// Why a pasted key was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyProblem {
    #[error("Paste your API key first.")]
    Empty,
    #[error(
        "An API key has no spaces or line breaks inside it. Check what was pasted and try again."
    )]
    HasSpace,
    #[error("An API key holds only letters, digits and punctuation. Check what was pasted and try again.")]
    OddCharacter,
}

/// The key as it will be sent: surrounding white space dropped, the rest checked.
pub fn normalize_api_key(input: &str) -> Result<String, KeyProblem> {
    let key = input.trim();
    if key.is_empty() {
        return Err(KeyProblem::Empty);
    }
    if key.chars().any(char::is_whitespace) {
        return Err(KeyProblem::HasSpace);
    }
    if !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(KeyProblem::OddCharacter);
    }
    Ok(key.to_owned())
}
