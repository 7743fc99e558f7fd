use leptos::prelude::*;

use crate::components::common::EndReasonBadge;
use crate::domain::records::end_reason::SUPPORT_EMAIL;
use crate::domain::EndReason;

/// Why the call ended, in full: label, raw code, description, and a way to ask about unlisted codes.
#[component]
pub fn EndReasonDetails(
    /// Why the call ended.
    reason: EndReason,
    /// The call, named in the support e-mail for unlisted codes.
    call_id: String,
) -> impl IntoView {
    let group = reason.group().map(|g| g.label());
    let mailto = reason.support_mailto(&call_id);
    view! {
        <div class="end-reason-details">
            <div class="end-reason-details__head">
                <EndReasonBadge reason=reason.clone() />
                // An unlisted code's badge already is the raw code; a known one shows it beside the label.
                {matches!(reason, EndReason::Known(_))
                    .then(|| {
                        reason
                            .raw()
                            .map(|raw| {
                                view! {
                                    <code
                                        class="end-reason-details__code"
                                        title="Code sent by the API"
                                    >
                                        {raw.to_owned()}
                                    </code>
                                }
                            })
                    })}
            </div>
            <p class="end-reason-details__description">
                {reason.description().to_owned()}
                {group.map(|g| view! { <span class="end-reason-details__group">" · " {g}</span> })}
            </p>
            {mailto
                .map(|href| {
                    view! {
                        <p class="end-reason-details__support" role="note">
                            "We don't have a description for this code yet. "
                            <a href=href>"Contact " {SUPPORT_EMAIL}</a>
                            " with the call ID "
                            <code>{call_id.clone()}</code>
                            " and we'll tell you what it means."
                        </p>
                    }
                })}
        </div>
    }
}
