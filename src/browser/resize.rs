//! An element's height, watched without forcing a layout.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Calls `on_height` with an element's content height, once soon after it is laid out and again whenever
/// it changes (the window resized, a panel opened beside it); stops when dropped.
///
/// Why not read `clientHeight`: read right after the page is built, it makes the browser lay the whole
/// page out then and there. In a trace of a campaign's first rows that forced layout took 15–25 ms of a
/// 100 ms task. A `ResizeObserver` reports after the browser's own layout, in the frame it paints anyway.
pub struct HeightWatch {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl HeightWatch {
    /// `None` where the browser has no `ResizeObserver` (none that runs this app's wasm lacks it).
    pub fn new(element: &web_sys::Element, on_height: impl Fn(f64) + 'static) -> Option<Self> {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let last = entries
                .iter()
                .filter_map(|entry| entry.dyn_into::<web_sys::ResizeObserverEntry>().ok())
                .next_back();
            if let Some(entry) = last {
                on_height(entry.content_rect().height());
            }
        });
        let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        observer.observe(element);
        Some(HeightWatch {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for HeightWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
