//! Why a call ended: the raw platform code mapped to the label and description people read.
//!
//! The mapping is the Atlas dashboard's table (16 codes in four groups). The platform adds codes every few
//! months, so anything not in the table is kept raw as [`EndReason::Unlisted`] and never folded into a
//! known label: a wrong label is worse than an honest raw code.

use crate::domain::text::url::percent_encode;

/// The four groups of the dashboard's end-reason table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EndReasonGroup {
    Agent,
    Customer,
    Connection,
    DurationOther,
}

impl EndReasonGroup {
    pub const ALL: [EndReasonGroup; 4] = [
        EndReasonGroup::Agent,
        EndReasonGroup::Customer,
        EndReasonGroup::Connection,
        EndReasonGroup::DurationOther,
    ];

    /// Heading of the group, as the dashboard writes it.
    pub fn label(self) -> &'static str {
        match self {
            EndReasonGroup::Agent => "Agent",
            EndReasonGroup::Customer => "Customer",
            EndReasonGroup::Connection => "Connection issues",
            EndReasonGroup::DurationOther => "Duration & other",
        }
    }

    /// Stable identifier, used for CSS classes and URL state.
    pub fn slug(self) -> &'static str {
        match self {
            EndReasonGroup::Agent => "agent",
            EndReasonGroup::Customer => "customer",
            EndReasonGroup::Connection => "connection",
            EndReasonGroup::DurationOther => "other",
        }
    }
}

/// An end reason the dashboard's table names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KnownEndReason {
    AssistantEndedCall,
    AssistantEndedCallAfterMessageSpoken,
    AssistantEndedCallWithHangupTask,
    AssistantForwardedCall,
    AssistantSaidEndCallPhrase,
    CustomerBusy,
    CustomerEndedCall,
    CustomerDidNotAnswer,
    PhoneCallProviderClosedWebsocket,
    TwilioFailedToConnectCall,
    TwilioReportedCustomerMisdialed,
    OutboundDailyLimit,
    ExceededMaxDuration,
    SilenceTimedOut,
    Voicemail,
    ManuallyCanceled,
}

impl KnownEndReason {
    /// Every row of the table, in the table's order.
    pub const ALL: [KnownEndReason; 16] = [
        KnownEndReason::AssistantEndedCall,
        KnownEndReason::AssistantEndedCallAfterMessageSpoken,
        KnownEndReason::AssistantEndedCallWithHangupTask,
        KnownEndReason::AssistantForwardedCall,
        KnownEndReason::AssistantSaidEndCallPhrase,
        KnownEndReason::CustomerBusy,
        KnownEndReason::CustomerEndedCall,
        KnownEndReason::CustomerDidNotAnswer,
        KnownEndReason::PhoneCallProviderClosedWebsocket,
        KnownEndReason::TwilioFailedToConnectCall,
        KnownEndReason::TwilioReportedCustomerMisdialed,
        KnownEndReason::OutboundDailyLimit,
        KnownEndReason::ExceededMaxDuration,
        KnownEndReason::SilenceTimedOut,
        KnownEndReason::Voicemail,
        KnownEndReason::ManuallyCanceled,
    ];

    /// The raw value the API sends.
    pub fn code(self) -> &'static str {
        use KnownEndReason::*;
        match self {
            AssistantEndedCall => "assistant-ended-call",
            AssistantEndedCallAfterMessageSpoken => "assistant-ended-call-after-message-spoken",
            AssistantEndedCallWithHangupTask => "assistant-ended-call-with-hangup-task",
            AssistantForwardedCall => "assistant-forwarded-call",
            AssistantSaidEndCallPhrase => "assistant-said-end-call-phrase",
            CustomerBusy => "customer-busy",
            CustomerEndedCall => "customer-ended-call",
            CustomerDidNotAnswer => "customer-did-not-answer",
            PhoneCallProviderClosedWebsocket => "phone-call-provider-closed-websocket",
            TwilioFailedToConnectCall => "twilio-failed-to-connect-call",
            TwilioReportedCustomerMisdialed => "twilio-reported-customer-misdialed",
            OutboundDailyLimit => "call.start.error-vapi-number-outbound-daily-limit",
            ExceededMaxDuration => "exceeded-max-duration",
            SilenceTimedOut => "silence-timed-out",
            Voicemail => "voicemail",
            ManuallyCanceled => "manually-canceled",
        }
    }

    /// The short label people read.
    pub fn label(self) -> &'static str {
        use KnownEndReason::*;
        match self {
            AssistantEndedCall => "Agent ended call",
            AssistantEndedCallAfterMessageSpoken => "Message delivered",
            AssistantEndedCallWithHangupTask => "Agent hung up",
            AssistantForwardedCall => "Call transferred",
            AssistantSaidEndCallPhrase => "End phrase detected",
            CustomerBusy => "Line busy",
            CustomerEndedCall => "Customer ended call",
            CustomerDidNotAnswer => "No answer",
            PhoneCallProviderClosedWebsocket => "Connection lost",
            TwilioFailedToConnectCall => "Twilio connect failed",
            TwilioReportedCustomerMisdialed => "Invalid number",
            OutboundDailyLimit => "Daily limit reached",
            ExceededMaxDuration => "Max duration reached",
            SilenceTimedOut => "Silence timeout",
            Voicemail => "Voicemail",
            ManuallyCanceled => "Manually canceled",
        }
    }

    /// One sentence saying what happened.
    pub fn description(self) -> &'static str {
        use KnownEndReason::*;
        match self {
            AssistantEndedCall => "AI agent intentionally ended the call",
            AssistantEndedCallAfterMessageSpoken => {
                "Agent completed call after delivering final message"
            }
            AssistantEndedCallWithHangupTask => "Agent hung up after completing its task",
            AssistantForwardedCall => "Agent successfully forwarded the call",
            AssistantSaidEndCallPhrase => "Agent recognized a goodbye phrase",
            CustomerBusy => "Recipient's phone line was busy",
            CustomerEndedCall => "Recipient hung up",
            CustomerDidNotAnswer => "Recipient didn't answer",
            PhoneCallProviderClosedWebsocket => "Connection unexpectedly dropped",
            TwilioFailedToConnectCall => "Twilio was unable to establish the call",
            TwilioReportedCustomerMisdialed => "Invalid or incomplete phone number",
            OutboundDailyLimit => "Outbound daily call limit reached",
            ExceededMaxDuration => "Call reached maximum allowed duration",
            SilenceTimedOut => "Call ended due to prolonged silence (default 30s)",
            Voicemail => "Call diverted to voicemail",
            ManuallyCanceled => "Call was manually canceled",
        }
    }

    pub fn group(self) -> EndReasonGroup {
        use KnownEndReason::*;
        match self {
            AssistantEndedCall
            | AssistantEndedCallAfterMessageSpoken
            | AssistantEndedCallWithHangupTask
            | AssistantForwardedCall
            | AssistantSaidEndCallPhrase => EndReasonGroup::Agent,
            CustomerBusy | CustomerEndedCall | CustomerDidNotAnswer => EndReasonGroup::Customer,
            PhoneCallProviderClosedWebsocket
            | TwilioFailedToConnectCall
            | TwilioReportedCustomerMisdialed
            | OutboundDailyLimit => EndReasonGroup::Connection,
            ExceededMaxDuration | SilenceTimedOut | Voicemail | ManuallyCanceled => {
                EndReasonGroup::DurationOther
            }
        }
    }

    /// The table row for a raw code; exact match only, so a new code never borrows an old label.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|reason| reason.code() == code)
    }

    /// Whether the person was reached, which tells whether a recording is to be expected at all.
    pub fn never_connected(self) -> bool {
        use KnownEndReason::*;
        matches!(
            self,
            CustomerBusy
                | CustomerDidNotAnswer
                | TwilioFailedToConnectCall
                | TwilioReportedCustomerMisdialed
                | OutboundDailyLimit
                | ManuallyCanceled
        )
    }
}

/// Why a call ended, as the views show it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum EndReason {
    /// A code the dashboard's table names.
    Known(KnownEndReason),
    /// A code nobody listed; shown raw, with a prompt to contact support.
    Unlisted(String),
    /// The record carries no end reason (the call may still be running, or the field is absent).
    Missing,
}

/// Where people ask about codes the table does not name.
pub const SUPPORT_EMAIL: &str = "support@youratlas.com";

impl EndReason {
    /// Reads the raw value the API sent. Surrounding white space is dropped; anything else is kept as sent.
    pub fn from_raw(raw: Option<&str>) -> Self {
        match raw.map(str::trim) {
            None | Some("") => EndReason::Missing,
            Some(code) => match KnownEndReason::from_code(code) {
                Some(known) => EndReason::Known(known),
                None => EndReason::Unlisted(code.to_owned()),
            },
        }
    }

    /// What the badge says: the table's label, the raw code itself, or that there is none.
    pub fn label(&self) -> &str {
        match self {
            EndReason::Known(known) => known.label(),
            EndReason::Unlisted(code) => code,
            EndReason::Missing => "No end reason",
        }
    }

    pub fn description(&self) -> &str {
        match self {
            EndReason::Known(known) => known.description(),
            EndReason::Unlisted(_) => "This end reason is not in our table yet.",
            EndReason::Missing => "The record does not say why the call ended.",
        }
    }

    /// The code as the API sent it, when there was one.
    pub fn raw(&self) -> Option<&str> {
        match self {
            EndReason::Known(known) => Some(known.code()),
            EndReason::Unlisted(code) => Some(code),
            EndReason::Missing => None,
        }
    }

    pub fn group(&self) -> Option<EndReasonGroup> {
        match self {
            EndReason::Known(known) => Some(known.group()),
            _ => None,
        }
    }

    /// Stable class suffix for colouring: one per group, plus unlisted and missing.
    pub fn tone(&self) -> &'static str {
        match self {
            EndReason::Known(known) => known.group().slug(),
            EndReason::Unlisted(_) => "unlisted",
            EndReason::Missing => "missing",
        }
    }

    /// A `mailto:` link to support that carries the call ID and the raw code, for codes nobody listed.
    pub fn support_mailto(&self, call_id: &str) -> Option<String> {
        let EndReason::Unlisted(code) = self else {
            return None;
        };
        let subject = format!("Unlisted end reason {code} on call {call_id}");
        let body = format!(
            "Hello,\n\nCall Records shows an end reason it does not know.\n\nCall ID: {call_id}\nEnd reason: {code}\n\nWhat does it mean?\n"
        );
        Some(format!(
            "mailto:{SUPPORT_EMAIL}?subject={}&body={}",
            percent_encode(&subject),
            percent_encode(&body)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<_> = KnownEndReason::ALL.iter().map(|r| r.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 16);
    }
}
