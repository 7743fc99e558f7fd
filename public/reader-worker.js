// The reading worker's script: it runs the app's own wasm module to read calls-list bodies into store
// entries, off the page's thread (see src/browser/reader_worker.rs, which starts it and falls back to
// reading on the page whenever this cannot).
//
// First message: { glue, module } (the app's JS module URL and its compiled wasm); answered { ready }.
// Then, per body: { id, campaign, body } → { id, out } (the window's bytes), or { id, back, failed }
// (the body returned, to be read on the page).
let app = null;

self.onmessage = async ({ data }) => {
  if (data.glue) {
    try {
      const glue = await import(data.glue);
      // Its memory is kept where the benchmark can weigh it (scripts/bench.mjs).
      self.wasmMemory = glue.initSync({ module: data.module }).memory;
      app = glue;
      self.postMessage({ ready: true });
    } catch (error) {
      self.postMessage({ failed: String(error) });
    }
    return;
  }
  const { id, campaign, body } = data;
  try {
    const out = app.read_calls_window(campaign, body);
    self.postMessage({ id, out }, [out.buffer]);
  } catch (error) {
    self.postMessage({ id, back: body, failed: String(error) }, [body.buffer]);
  }
};
