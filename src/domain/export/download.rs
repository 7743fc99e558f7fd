//! File names for downloaded recordings.

use crate::domain::text::file_name::FileNamePart;

/// `call-<id>.<ext>`, the extension from the content type, else from the URL, else `audio`.
///
/// The ID is reduced to characters every file system accepts, so a hostile ID cannot pick a path.
pub fn recording_file_name(call_id: &str, content_type: Option<&str>, url: &str) -> String {
    let safe_id = FileNamePart {
        replacement: '_',
        trim: false,
        max_chars: 80,
    }
    .apply(call_id)
    .unwrap_or_else(|| "recording".to_owned());
    let ext = content_type
        .and_then(extension_for_content_type)
        .or_else(|| extension_from_url(url))
        .unwrap_or("audio");
    format!("call-{safe_id}.{ext}")
}

/// The usual extension for an audio content type; `None` for types that say nothing useful.
pub fn extension_for_content_type(content_type: &str) -> Option<&'static str> {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    Some(match essence.as_str() {
        "audio/mpeg" | "audio/mp3" | "audio/mpeg3" | "audio/x-mpeg-3" => "mp3",
        "audio/wav" | "audio/x-wav" | "audio/wave" | "audio/vnd.wave" => "wav",
        "audio/ogg" | "application/ogg" => "ogg",
        "audio/opus" => "opus",
        "audio/webm" => "webm",
        "audio/mp4" | "audio/x-m4a" | "audio/m4a" => "m4a",
        "audio/aac" | "audio/x-aac" => "aac",
        "audio/flac" | "audio/x-flac" => "flac",
        _ => return None,
    })
}

fn extension_from_url(url: &str) -> Option<&'static str> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let last = path.rsplit('/').next().unwrap_or("");
    let ext = last.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "mp3" => "mp3",
        "wav" => "wav",
        "ogg" | "oga" => "ogg",
        "opus" => "opus",
        "webm" => "webm",
        "m4a" | "mp4" => "m4a",
        "aac" => "aac",
        "flac" => "flac",
        _ => return None,
    })
}
