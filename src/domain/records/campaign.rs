//! A campaign: the batch of calls one agent made or took.

use super::time::Timestamp;

#[derive(Clone, Debug, PartialEq)]
pub struct Campaign {
    pub id: String,
    pub name: Option<String>,
    pub status: Option<String>,
    /// Number of calls, when the API says.
    pub call_count: Option<u64>,
    pub created_at: Option<Timestamp>,
    pub description: Option<String>,
    /// Phone or chat (Atlas's `campaignType`), when the API says.
    pub channel: Option<Channel>,
}

/// What a campaign's agent talks over. A chat campaign has conversations, not calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Phone,
    Chat,
}

impl Channel {
    /// Atlas's `campaignType`: `"1"` phone, `"0"` chat (the words too); anything else says nothing.
    pub fn from_raw(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "1" | "phone" | "voice" | "call" => Some(Channel::Phone),
            "0" | "chat" | "web" | "text" => Some(Channel::Chat),
            _ => None,
        }
    }
}

impl Campaign {
    pub fn with_id(id: impl Into<String>) -> Self {
        Campaign {
            id: id.into(),
            name: None,
            status: None,
            call_count: None,
            created_at: None,
            description: None,
            channel: None,
        }
    }

    /// Archived campaigns (Atlas's `Status: "archived"`) are listed apart from the others.
    pub fn is_archived(&self) -> bool {
        self.status
            .as_deref()
            .is_some_and(|s| s.trim().eq_ignore_ascii_case("archived"))
    }

    pub fn is_chat(&self) -> bool {
        self.channel == Some(Channel::Chat)
    }

    /// The name, or the ID when the campaign has none.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// "1 call", "26 calls": the count as the pages write it.
pub fn calls_label(count: u64) -> String {
    match count {
        1 => "1 call".to_owned(),
        n => format!("{} calls", format_count(n)),
    }
}

/// 12345 → "12,345": counts as the pages write them.
pub fn format_count(count: u64) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
