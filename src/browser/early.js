// The page's first requests, sent by index.html while the app's wasm is still on its way (Trunk inlines
// this file there). At 1,000 calls the wasm starts about 300 ms after the HTML; a campaign's record and
// its calls, asked for now, are in by then.
//
// The app takes an answer when it asks for the same URL with the same key (src/browser/early.rs), once.
// Nothing here decides what the app does: it guesses the app's first requests from the same rules, and
// a guess that misses costs one unused request, never a call. It guesses only in the plain cases (a
// clean config, a key that needs no fixing, a record whose figures read one way) and stays out of the
// rest. Tested in tests/unit/early.test.mjs.
(() => {
  'use strict';
  // As src/state/settings.rs names them.
  const KEY_NAME = 'call-records.api-key';
  const KEEP_NAME = 'call-records.keep-calls';
  // As src/domain/loading/load_plan.rs: a campaign of at most this many calls is asked for whole, in
  // parts of about WHOLE_PART calls at its average density, all at once.
  const WHOLE_AT_ONCE = 2500;
  const WHOLE_PART = 500;
  const MIN_SPAN = 60000;
  const HOUR = 3600000;
  const DAY = 86400000;
  const EARLIEST_FLOOR = Date.UTC(2015, 0, 1);
  // As src/wire/mod.rs and src/wire/campaign.rs (keys folded to lower case).
  const ENVELOPE_KEYS = ['value', 'data', 'items', 'results', 'records', 'calls'];
  const ID_KEYS = ['id', 'rowkey', 'callid', '_id'];
  const CAMPAIGN_ID_KEYS = ['id', 'rowkey', 'campaignid', '_id'];
  const COUNT_KEYS = ['callcount', 'callscount', 'totalcalls', 'numberofcalls'];

  const answers = new Map();
  // The campaign record asked for: { url, key, text (once in), promise (of the text, or undefined) }.
  let record = null;
  // The app has started its campaign load without the record: a later guess would be a second request.
  let started = false;
  // The "now" the calls were asked from, for the app's plan to start at.
  let guessedAt;

  /** What `<url> + query` becomes once the browser has parsed it, as gloo-net builds its requests. */
  function href(path, query = []) {
    const url = new URL(path, location.href);
    for (const [name, value] of query) url.searchParams.append(name, value);
    return url.href;
  }

  /** src/domain/text/url.rs `percent_encode`: everything but RFC 3986's unreserved characters. */
  function encode(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }

  function stored(name) {
    for (const store of ['sessionStorage', 'localStorage']) {
      try {
        const value = globalThis[store]?.getItem(name);
        if (value != null && value.trim() !== '') return value;
      } catch {
        // Storage refused (private mode): nothing stored, as the app reads it.
      }
    }
    return null;
  }

  /** The key as the app will send it, or null when it would be refused or fixed first. */
  function apiKey() {
    const key = stored(KEY_NAME)?.trim();
    return key && /^[\x21-\x7e]+$/.test(key) ? key : null;
  }

  function ask(url, key) {
    const controller = new AbortController();
    const headers = { accept: 'application/json' };
    if (key) headers['api-key'] = key;
    const response = fetch(url, { headers, signal: controller.signal });
    // Unused, a failure is nobody's: the app asks again and sees its own.
    response.catch(() => {});
    answers.set(url, { key, response, controller });
    return response;
  }

  function isData(response) {
    const type = response.headers.get('content-type') ?? '';
    return response.ok && !type.toLowerCase().startsWith('text/html');
  }

  /** Lower-cased keys, or null when two fold to one name (the app keeps the first, JSON.parse the last). */
  function folded(object) {
    const out = new Map();
    for (const [key, value] of Object.entries(object)) {
      const name = key.toLowerCase();
      if (out.has(name)) return null;
      out.set(name, value);
    }
    return out;
  }

  const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

  /** The record inside its envelope, as src/wire/mod.rs `locate_one` finds it. */
  function locate(value) {
    for (let depth = 0; depth < 4 && isObject(value); depth += 1) {
      const members = folded(value);
      if (!members) return null;
      if (ID_KEYS.some((k) => members.has(k))) return members;
      const envelope = ENVELOPE_KEYS.find((k) => isObject(members.get(k)));
      value = envelope && members.get(envelope);
    }
    return null;
  }

  /** An instant written the one way both readers take it the same, or null. */
  function instant(text) {
    if (typeof text !== 'string') return null;
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/.exec(text);
    if (!m) return null;
    const at = Date.parse(text);
    // Date.parse rolls 31 February over into March; the app refuses it.
    return Number.isFinite(at) && new Date(at).toISOString().slice(0, 19) === text.slice(0, 19) ? at : null;
  }

  /**
   * The first calls requests the app makes for this record from `now` ([start, end or null] in ms), as
   * LoadPlan::fresh_window makes them, or null when it would not ask for the campaign whole (or when the
   * figures could read two ways).
   */
  function wholeWindows(text, now) {
    let members;
    try {
      members = locate(JSON.parse(text));
    } catch {
      return null;
    }
    if (!members) return null;
    // src/wire/campaign.rs: the first of these that holds text, a number or a boolean.
    const named = (v) => (typeof v === 'string' && v.trim() !== '') || typeof v === 'number' || typeof v === 'boolean';
    if (!CAMPAIGN_ID_KEYS.some((k) => named(members.get(k)))) return null;
    const counts = COUNT_KEYS.filter((k) => members.has(k)).map((k) => members.get(k));
    let count = counts[0];
    if (counts.length === 0) count = Array.isArray(members.get('calls')) ? members.get('calls').length : members.get('calls');
    if (!Number.isInteger(count) || count < 1 || count > WHOLE_AT_ONCE) return null;
    const created = instant(members.get('createdat'));
    if (created === null || created < EARLIEST_FLOOR || created > now + DAY) return null;
    const floor = created - DAY;
    // The same sums in the same doubles as LoadPlan::hinted_span, so the same milliseconds.
    const lifetime = Math.max(now - floor, HOUR);
    const span = Math.max(Math.trunc((lifetime * WHOLE_PART) / count), MIN_SPAN);
    const windows = [];
    for (let end = now, last = false; !last;) {
      // The newest hour first, then the parts.
      const part = windows.length === 0 ? HOUR : span;
      last = !(end - part > floor + Math.trunc(part / 2));
      const start = last ? floor : end - part;
      windows.push([start, windows.length === 0 ? null : end]);
      end = start;
    }
    return windows;
  }

  function campaignPage(base, key, campaign, demo) {
    if (demo) {
      ask(href(`${base}/campaigns/${encode(campaign)}.json`), null);
      ask(href(`${base}/campaigns/${encode(campaign)}/calls.json`), null);
      return;
    }
    const url = href(`${base}/campaign/${encode(campaign)}`);
    const wantsWhole = !new URLSearchParams(location.search).has('scope') && stored(KEEP_NAME) !== '1';
    const asked = { url, key, text: undefined, promise: null };
    record = asked;
    const calls = (start, end) => {
      const query = [['campaignId', campaign], ['startDate', new Date(start).toISOString()]];
      if (end !== null) query.push(['endDate', new Date(end).toISOString()]);
      ask(href(`${base}/call`, query), key);
    };
    const now = Date.now();
    // The guess goes out before the text is handed over, so an app waiting for the record finds it.
    asked.promise = ask(url, key).then(async (response) => {
      if (!isData(response)) return undefined;
      const text = await response.clone().text();
      if (started) return undefined;
      asked.text = text;
      // A small campaign: the rest of it, in parts, from the same now (its first window is the hour
      // asked already, unless the campaign began within it).
      const windows = wantsWhole && wholeWindows(text, now);
      for (const [start, end] of windows || []) {
        if (!(start === now - HOUR && end === null)) calls(start, end);
      }
      return text;
    }).catch(() => undefined);
    // Whatever the campaign's size, the app's walk begins with the newest hour, open-ended: asked now,
    // beside the record, its calls are the first rows as soon as the app runs.
    if (wantsWhole && !started) {
      guessedAt = now;
      calls(now - HOUR, null);
    }
  }

  /** Where the page's records come from, as src/config.rs reads config.json, or null if unsure. */
  function source(text) {
    let file;
    try {
      file = JSON.parse(text);
    } catch {
      return null;
    }
    if (!isObject(file)) return null;
    const base = file.apiBaseUrl;
    if (base == null || (typeof base === 'string' && base.trim() === '')) return { base: '/demo', demo: true };
    if (typeof base !== 'string') return null;
    const trimmed = base.trim();
    const web = /^https?:\/\/[^/]/i.test(trimmed) || (trimmed.startsWith('/') && !trimmed.startsWith('//'));
    return web ? { base: trimmed.replace(/\/+$/, ''), demo: false } : null;
  }

  async function start() {
    const route = /^\/campaigns(?:\/([^/]+)(?:\/calls\/([^/]+))?)?\/?$/.exec(location.pathname);
    if (!route && location.pathname !== '/') return;
    const config = await ask(href('/config.json'), null);
    let where;
    if (config.status === 404 || (config.ok && !isData(config))) where = { base: '/demo', demo: true };
    else if (isData(config)) where = source(await config.clone().text());
    if (!where) return;
    const key = where.demo ? null : apiKey();
    if (!where.demo && !key) return;
    const [, campaign, call] = route ?? [];
    if (!campaign) {
      ask(href(where.demo ? `${where.base}/campaigns.json` : `${where.base}/campaign`), key);
      return;
    }
    let id;
    try {
      id = decodeURIComponent(campaign);
    } catch {
      return;
    }
    campaignPage(where.base, key, id, where.demo);
    if (call) {
      try {
        const callId = encode(decodeURIComponent(call));
        ask(href(where.demo ? `${where.base}/calls/${callId}.json` : `${where.base}/call/${callId}`), key);
      } catch {
        // An ID that does not decode: the app reads it its own way.
      }
    }
  }

  globalThis.__callRecordsEarly = {
    // A method, not a getter: the release build's HTML minifier turns getters into methods.
    /** The "now" the calls were asked from, if they were, for the app's plan to start at. */
    guessedAt() {
      return guessedAt;
    },
    /** What was asked for and not taken (for tests, and for anyone wondering in the console). */
    untaken() {
      return [...answers.keys()];
    },
    /** The answer asked for at `url` with `key` (null: none), once; undefined if none was. */
    take(url, key) {
      const answer = answers.get(url);
      if (!answer || answer.key !== key) return undefined;
      answers.delete(url);
      return answer;
    },
    /**
     * The campaign record at `url`, asked for once as the app starts its load: its text if it has
     * come, a promise of it (undefined if it fails) if it is on its way, undefined if it was not asked
     * for (nothing more is guessed then).
     */
    campaignRecord(url, key) {
      const asked = record;
      record = null;
      if (!asked || asked.url !== url || asked.key !== key) {
        started = true;
        return undefined;
      }
      return asked.text ?? asked.promise;
    },
  };
  start().catch(() => {});
})();
