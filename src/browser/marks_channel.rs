//! Tells the site's other tabs that marks changed, so that each shows the others' verdicts, tags and notes
//! without a reload (a BroadcastChannel; the store itself is shared, this only says when to read it).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, MessageEvent};

const NAME: &str = "call-records.marks";

/// The site's channel about marks: what this tab says, and what it hears from the others.
pub struct MarksChannel {
    channel: BroadcastChannel,
    _listener: Closure<dyn FnMut(MessageEvent)>,
}

impl MarksChannel {
    /// Opens the channel, calling `heard` with each scope another tab says changed (`*`: everything was
    /// forgotten). `None` where the browser has no BroadcastChannel.
    pub fn open(mut heard: impl FnMut(String) + 'static) -> Option<Self> {
        let channel = BroadcastChannel::new(NAME).ok()?;
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(scope) = event.data().as_string() {
                heard(scope);
            }
        });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Some(MarksChannel {
            channel,
            _listener: listener,
        })
    }

    /// Says that the marks of `scope` changed (`*`: all of them).
    pub fn say(&self, scope: &str) {
        let _ = self.channel.post_message(&JsValue::from_str(scope));
    }
}

impl Drop for MarksChannel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
