//! URL pieces shared by routes, endpoints, links and checks on URLs that come from outside.

/// Percent-encodes everything but RFC 3986 unreserved characters, so any text is safe in a URL component.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes; text that does not decode to UTF-8 is returned as it was. (The router decodes
/// paths with `decodeURI`, which leaves reserved characters such as `/` and `&` escaped, so route
/// parameters go through this before use.)
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            byte,
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// Whether a URL from outside may be used as an address: http(s), or a path on this site. Nothing else
/// (`javascript:`, `data:`, protocol-relative `//host`) reaches an `<audio src>`, a fetch or the config.
pub fn is_web_url(url: &str) -> bool {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || (url.starts_with('/') && !url.starts_with("//"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_keeps_unreserved_and_escapes_the_rest() {
        assert_eq!(percent_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(percent_encode("a b&c=d\n"), "a%20b%26c%3Dd%0A");
        assert_eq!(percent_encode("é"), "%C3%A9");
    }

    #[test]
    fn only_web_addresses_pass() {
        for ok in [
            "https://x.example/a.mp3",
            "HTTP://x",
            "/demo/a.mp3",
            "  /api  ",
        ] {
            assert!(is_web_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:audio/mp3;base64,AA",
            "//evil.example",
            "ftp://x",
            "demo/a.mp3",
            "",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }
}
