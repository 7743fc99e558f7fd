// The reading worker's script: it runs the reading wasm (src/bin/reader.rs, built for speed and fetched
// only here) to read calls-list bodies into store entries, off the page's thread. The page starts it and
// reads on its own whenever this cannot (see src/browser/reader_worker.rs).
//
// First message: { format } (the version of the bytes the page reads); answered { ready } once the wasm is
// compiled and writes that version, else { failed }. Then, per body: { id, campaign, body } → { id, out }
// (the window's bytes), or { id, back, failed } (the body returned, to be read on the page).
import init, { read_calls_window, window_format } from './reader.js';

// Compiling starts at once, while the page's first message is on its way.
const compiled = init().then((wasm) => {
  // Its memory is kept where the benchmark can weigh it (scripts/bench.mjs).
  self.wasmMemory = wasm.memory;
});
// A failure is answered when the page's first message awaits it; not reported as unhandled before then.
compiled.catch(() => {});

self.onmessage = async ({ data }) => {
  if (data.format !== undefined) {
    try {
      await compiled;
      const format = window_format();
      if (format !== data.format) throw new Error(`this reader writes format ${format}, the page reads ${data.format}`);
      self.postMessage({ ready: true });
    } catch (error) {
      self.postMessage({ failed: String(error) });
    }
    return;
  }
  const { id, campaign, body } = data;
  try {
    const out = read_calls_window(campaign, body);
    self.postMessage({ id, out }, [out.buffer]);
  } catch (error) {
    self.postMessage({ id, back: body, failed: String(error) }, [body.buffer]);
  }
};
