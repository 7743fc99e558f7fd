//! What a call cost, by part, as the platform breaks it down.

/// The cost of one call: the total and each part, in US dollars, and the units the model and the voice
/// used. Every part is optional: older records carry only the total.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CostBreakdown {
    pub transport: Option<f64>,
    pub transcriber: Option<f64>,
    pub model: Option<f64>,
    pub voice: Option<f64>,
    pub platform: Option<f64>,
    /// Parts the breakdown names that are none of the above (`costs[]` items of other types).
    pub other: Option<f64>,
    pub total: Option<f64>,
    pub prompt_tokens: Option<f64>,
    pub completion_tokens: Option<f64>,
    pub voice_characters: Option<f64>,
}

impl CostBreakdown {
    /// The parts that are known, with their names, in the order the platform lists them.
    pub fn parts(&self) -> Vec<(&'static str, f64)> {
        [
            ("Transport", self.transport),
            ("Transcriber", self.transcriber),
            ("Model", self.model),
            ("Voice", self.voice),
            ("Platform", self.platform),
            ("Other", self.other),
        ]
        .into_iter()
        .filter_map(|(name, cost)| Some((name, cost?)))
        .collect()
    }

    /// The units used: tokens in and out, characters spoken.
    pub fn units(&self) -> Vec<(&'static str, f64)> {
        [
            ("Prompt tokens", self.prompt_tokens),
            ("Completion tokens", self.completion_tokens),
            ("Characters spoken", self.voice_characters),
        ]
        .into_iter()
        .filter_map(|(name, n)| Some((name, n?)))
        .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.parts().is_empty() && self.units().is_empty()
    }

    /// Adds one `costs[]` item by its type, for records that carry the list but no breakdown.
    pub fn add_item(&mut self, kind: &str, cost: f64) {
        if !cost.is_finite() || cost < 0.0 {
            return;
        }
        let slot = match kind.trim().to_ascii_lowercase().as_str() {
            "transport" | "telephony" => &mut self.transport,
            "transcriber" | "stt" => &mut self.transcriber,
            "model" | "llm" | "analysis" => &mut self.model,
            "voice" | "tts" => &mut self.voice,
            "vapi" | "platform" => &mut self.platform,
            _ => &mut self.other,
        };
        *slot = Some(slot.unwrap_or(0.0) + cost);
    }
}

/// "$0.0867", "$1.24", "$1,204.50": dollars with the cents a call's cost needs.
pub fn format_usd(cost: f64) -> String {
    if !cost.is_finite() {
        return "—".to_owned();
    }
    let decimals = if cost.abs() < 1.0 { 4 } else { 2 };
    let text = format!("{:.*}", decimals, cost.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let grouped = super::campaign::format_count(whole.parse().unwrap_or(0));
    let sign = if cost < 0.0 { "-" } else { "" };
    format!("{sign}${grouped}.{fraction}")
}

/// "12,400": a count with thousands marked (the campaigns' own format).
pub fn format_count(n: f64) -> String {
    super::campaign::format_count(n.max(0.0).round() as u64)
}
