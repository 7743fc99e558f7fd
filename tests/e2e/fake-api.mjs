// A local stand-in for the Atlas API, for the end-to-end tests. It checks the `api-key` header, answers
// CORS preflights, and serves each campaign in a different shape or failure:
//   c-wrapped    { "data": [...] } Atlas-style records
//   c-pascal     PascalCase keys everywhere
//   c-vapi       a bare array of Vapi call objects (artifact.*, analysis.summary)
//   c-500        500 with an error body      c-malformed  200 with a body that is not JSON
//   c-429        429 with Retry-After: 7
//   c-platform   Atlas table entities whose evaluation, collected data, costs, latencies and tool calls
//                arrive as JSON strings (SuccessResult, Analysis, CostBreakdown, Artifact, Messages)
//   c-slow       answers after 2 s; the log records whether the client hung up first (an aborted fetch)
//   c-big        5,000 synthetic calls (synthetic.mjs) served by date window (startDate/endDate,
//                createdAtLt), like the real list endpoint; one transcript alone says "purple giraffe"
//   c-flaky      3,000 synthetic calls over the 3 days before the server started; windows reaching into
//                the middle day fail with a 503
//                until GET /__heal
//   c-kept       1,203 calls over the 3 days before the server started, for calls kept on the device:
//                the 3 newest are hidden, and call 20 has its first summary, until GET /__kept-add
// Recordings: /storage/cors/... sends CORS headers (blob download works), /storage/private/... does not
// (the browser refuses the fetch and the app must fall back), /storage/gone/... is 404.
// GET /__log lists the requests seen, for assertions on where the key went.
// Atlas table entities and misbehaving servers (expiring links, outages, hung requests, absurd figures,
// huge records, reserved characters in IDs) are in hostile-api.mjs; servers that lose calls when trusted
// (everything at once, shapes that alternate, dropped connections), texts that broke the page, chat and
// archived campaigns are in complete-api.mjs.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCampaign, sliceWindow } from './synthetic.mjs';
import { handleHostile, handleSignedStorage, hostileCampaigns, hostileState, resetHostile } from './hostile-api.mjs';
import { completeCampaigns, completeState, handleComplete, resetComplete } from './complete-api.mjs';

export const API_KEY = 'test-key-7f3a';
const here = path.dirname(fileURLToPath(import.meta.url));
const recordingFile = readFileSync(path.join(here, 'fixtures', 'recording.mp3'));

const campaigns = [
  { id: 'c-wrapped', name: 'Wrapped Atlas campaign', status: 'active', callCount: 2 },
  { id: 'c-pascal', name: 'PascalCase campaign', status: 'active', callCount: 2 },
  { id: 'c-vapi', name: 'Vapi-shaped campaign', status: 'paused', callCount: 2 },
  { id: 'c-500', name: 'Broken server campaign', status: 'active' },
  { id: 'c-malformed', name: 'Malformed body campaign', status: 'active' },
  { id: 'c-429', name: 'Rate limited campaign', status: 'active' },
  { id: 'c-slow', name: 'Slow campaign', status: 'active' },
  { id: 'c-platform', name: 'Platform data campaign', status: 'active', callCount: 3 },
];

// The phrase the large-campaign test searches for: in one transcript only, at a known turn and time.
export const UNIQUE_PHRASE = 'purple giraffe';
export const UNIQUE_CALL_INDEX = 3217;
export const UNIQUE_TURN_SECONDS = 6.5;
const SYNTHETIC_END = Date.UTC(2026, 10, 20);

/** Synthetic campaigns by ID, each with its calls newest first and an index by call ID. */
function syntheticCampaign(id, count, seed, special = {}, spanDays = 30, end = SYNTHETIC_END, full = false, claimedCount = count) {
  const calls = generateCampaign({
    id, count, seed, spanDays, end, special, full,
    recordingUrl: (callId) => `http://127.0.0.1:4175/storage/cors/${callId}.mp3`,
  });
  return {
    meta: {
      id, name: id === 'c-big' ? 'Large synthetic campaign' : `Synthetic campaign ${id}`, status: 'active',
      callCount: claimedCount, createdAt: new Date(end - spanDays * 86_400_000).toISOString(),
    },
    end,
    calls,
    byId: new Map(calls.map((c) => [c.id, c.json])),
  };
}

export function buildSynthetic(specs) {
  return new Map(specs.map((s) => [s.id, syntheticCampaign(s.id, s.count, s.seed ?? 7, s.special, s.spanDays, s.end, s.full, s.claimedCount ?? s.count)]));
}

export const defaultSynthetic = () => buildSynthetic([
  {
    id: 'c-big', count: 5000, seed: 42,
    special: {
      [UNIQUE_CALL_INDEX]: (call) => {
        call.customer.name = 'Gideon Purcell';
        call.endedReason = 'customer-ended-call';
        call.artifact.recordingUrl = `http://127.0.0.1:4175/storage/cors/${call.id}.mp3`;
        if (call.artifact.messages.length === 0) {
          call.artifact.messages.push({ role: 'bot', message: 'Hello Gideon, this is Ava from Northwind.', secondsFromStart: 0.6 });
        }
        call.artifact.messages.splice(1, 0, {
          role: 'user', message: 'Honestly, the purple giraffe clause in my contract confused me.',
          secondsFromStart: UNIQUE_TURN_SECONDS,
        });
      },
      // Near misses: each word alone, so only a search that needs both finds the one call.
      100: (call) => { call.analysis.summary += ' The customer mentioned a purple envelope.'; },
      200: (call) => { call.analysis.summary += ' The customer has a giraffe mug.'; },
    },
  },
  // Calls up to the minute the server started, so the walk back from now meets them at once.
  { id: 'c-flaky', count: 3000, seed: 9, spanDays: 3, end: Math.floor(Date.now() / 60_000) * 60_000 },
  // Claims more calls than one tab holds (the page's limit is 250,000), so it opens with its last 30
  // days; it serves 3,000 over the 89 days up to the minute the server started (a day inside the 90-day
  // scope: with 90, the oldest calls fell out of a "last 90 days" asked minutes after the server started,
  // and the test asking for all 3,000 then failed by the clock).
  // Kept on the device between visits (kept.spec.mjs): calls up to the minute the server started.
  { id: 'c-kept', count: 1203, seed: 21, spanDays: 3, end: Math.floor(Date.now() / 60_000) * 60_000 },
  { id: 'c-vast', count: 3000, seed: 13, spanDays: 89, end: Math.floor(Date.now() / 60_000) * 60_000, claimedCount: 400_000 },
]);

/** The summary call 20 of c-kept has after /__kept-add: it changed on the platform since it was kept. */
export const KEPT_CHANGED_SUMMARY = 'The customer asked for a callback on Friday.';
export const KEPT_HIDDEN = 3;
export const KEPT_CHANGED_INDEX = 20;

function origin(req) {
  return `http://${req.headers.host}`;
}

/** An Atlas table entity of the platform-data campaign: its lists and objects as JSON text. */
function platformCall(base, { id, day, reason, name, success, data, tool, cost }) {
  const start = Date.parse(`2026-11-${day}T10:00:00Z`);
  const messages = [
    { role: 'bot', message: `Hello ${name}, this is Ava from Harbor Mutual.`, secondsFromStart: 0.5, duration: 2500, time: start + 500 },
    { role: 'user', message: 'Hi, yes, go ahead.', secondsFromStart: 3.5, duration: 1500, time: start + 3500 },
    { role: 'bot', message: 'Your policy renews this month. Shall I renew it?', secondsFromStart: 6.8, duration: 3000, time: start + 6800 },
    { role: 'user', message: 'Yes please.', secondsFromStart: 10.5, duration: 1000, time: start + 10500 },
  ];
  if (tool) {
    messages.push(
      { role: 'tool_calls', secondsFromStart: 12, time: start + 12000, toolCalls: [{ id: `tc-${id}`, type: 'function', function: { name: 'Atlas Actions', arguments: JSON.stringify(tool) } }] },
      { role: 'tool_call_result', toolCallId: `tc-${id}`, name: 'Atlas Actions', result: '{"ok":true,"reference":"RN-77"}', secondsFromStart: 12.6, time: start + 12600 },
    );
  }
  messages.push({ role: 'bot', message: 'Done. Goodbye!', secondsFromStart: 14.2, duration: 1200, time: start + 14200 });
  return {
    PartitionKey: 'acct-1 c-platform', RowKey: id, Timestamp: new Date(start + 60_000).toISOString(),
    StartedAt: new Date(start).toISOString(), EndedAt: new Date(start + 16_000).toISOString(), Status: 'ended',
    EndedReason: reason, CustomerName: name, CustomerNumber: '+1555010' + id.slice(-4).padStart(4, '0'),
    SuccessResult: success,
    Analysis: JSON.stringify({ summary: `${name} was asked to renew.`, structuredData: data }),
    CostBreakdown: JSON.stringify({ transport: cost * 0.1, stt: cost * 0.2, llm: cost * 0.4, tts: cost * 0.2, vapi: cost * 0.1, total: cost, llmPromptTokens: 1200, ttsCharacters: 310 }),
    Cost: String(cost),
    Artifact: JSON.stringify({ recordingUrl: `${base}/storage/cors/${id}.mp3`, performanceMetrics: { turnLatencies: [
      { transcriberLatency: 120, endpointingLatency: 300, modelLatency: 500, voiceLatency: 180, turnLatency: 1100 },
      { transcriberLatency: 140, endpointingLatency: 350, modelLatency: 1400, voiceLatency: 200, turnLatency: 2090 },
    ] } }),
    Messages: JSON.stringify(messages),
  };
}

function platformCalls(base) {
  return [
    platformCall(base, { id: 'pd-1001', day: 14, reason: 'assistant-ended-call-with-hangup-task', name: 'Dana Data', success: 'true',
      data: { monthlyPremium: 42, Plan: '<b>Gold</b>', notes: null, address: { city: 'Oslo', zip: '0150' } }, tool: { action: 'renew_policy', policyNumber: 'HM-1001' }, cost: 0.2 }),
    platformCall(base, { id: 'pd-1002', day: 15, reason: 'customer-ended-call', name: 'Eli Entity', success: 'false',
      data: { monthlyPremium: '19', Plan: 'Basic', notes: 'Wants to compare prices first' }, cost: 0.1 }),
    { PartitionKey: 'acct-1 c-platform', RowKey: 'pd-1003', Timestamp: '2026-11-16T10:01:00Z', StartedAt: '2026-11-16T10:00:00Z',
      EndedReason: 'customer-did-not-answer', CustomerName: 'Fay Field', Status: 'ended' },
  ];
}

function calls(req) {
  const base = origin(req);
  return {
    'c-platform': platformCalls(base),
    'c-wrapped': [
      {
        id: 'w-1', campaignId: 'c-wrapped', status: 'completed', EndedReason: 'assistant-forwarded-call',
        startedAt: '2026-11-10T10:00:00Z', endedAt: '2026-11-10T10:02:05Z',
        customer: { name: 'Wanda Wrapped', number: '+15550100001' },
        summary: 'Wanda asked for a human and was transferred.',
        recordingUrl: `${base}/storage/cors/w-1.mp3`,
        messages: [
          { role: 'bot', message: 'Hello Wanda, this is Ava.', secondsFromStart: 0.5 },
          { role: 'user', message: 'Put me through to a person please.', secondsFromStart: 4 },
        ],
      },
      {
        id: 'w-2', campaignId: 'c-wrapped', status: 'completed', EndedReason: 'call.in-progress.error-sip-outbound-call-failed-to-connect',
        startedAt: '2026-11-11T10:00:00Z', endedAt: '2026-11-11T10:00:09Z',
        customer: { number: '+15550100002' },
        recordingUrl: `${base}/storage/private/w-2.mp3`,
        transcript: 'AI: Hello?\nUser: Hello?',
      },
    ],
    'c-pascal': [
      {
        Id: 'p-1', CampaignId: 'c-pascal', Status: 'ended', EndedReason: 'silence-timed-out',
        StartedAt: '2026-11-12T09:00:00Z', EndedAt: '2026-11-12T09:00:40Z',
        Customer: { Name: 'Pat Pascal', Number: '+15550100003' },
        Analysis: { Summary: 'Nobody spoke after the greeting.' },
        Artifact: { RecordingUrl: `${base}/storage/gone/p-1.mp3`, Messages: [{ Role: 'bot', Message: 'Hello?', SecondsFromStart: 1 }] },
      },
      { Id: 'p-2', CampaignId: 'c-pascal', Status: 'ended', EndedReason: 'customer-busy', CreatedAt: '2026-11-12T08:00:00Z' },
    ],
    'c-vapi': [
      {
        id: 'v-1', orgId: 'org', createdAt: '2026-11-13T12:00:00Z', updatedAt: '2026-11-13T12:05:00Z',
        startedAt: '2026-11-13T12:00:03Z', endedAt: '2026-11-13T12:01:03Z', type: 'outboundPhoneCall', status: 'ended',
        endedReason: 'assistant-said-end-call-phrase', campaignId: 'c-vapi', customer: { number: '+15550100004', name: 'Val Vapi' },
        analysis: { summary: 'Val will call back next week.' },
        artifact: {
          recording: { mono: { combinedUrl: `${base}/storage/cors/v-1.mp3` } },
          messages: [
            { role: 'system', message: 'You are Mia.', secondsFromStart: 0 },
            { role: 'bot', message: 'Hi Val, Mia here.', secondsFromStart: 0.7 },
            { role: 'user', message: 'Call me next week.', secondsFromStart: 62 },
          ],
        },
      },
      { id: 'v-2', orgId: 'org', createdAt: '2026-11-13T11:00:00Z', updatedAt: '2026-11-13T11:00:00Z', status: 'queued', campaignId: 'c-vapi' },
    ],
  };
}

function json(res, status, body, extra = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...cors, ...extra });
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
}

const [OPEN, COMMA, CLOSE] = ['{"value":[', ',', ']}'].map((text) => Buffer.from(text));

/** A list answer as bytes, joined from each call's bytes (made once and kept). Joining the strings of a
 *  100,000-call campaign and encoding them again for every answer cost this server seconds, under memory
 *  pressure, which the benchmark then counted against whichever page asked. */
function listBody(calls) {
  const parts = [OPEN];
  calls.forEach((call, i) => {
    if (i) parts.push(COMMA);
    call.bytes ??= Buffer.from(call.json);
    parts.push(call.bytes);
  });
  parts.push(CLOSE);
  return Buffer.concat(parts);
}

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'api-key, accept, content-type',
  'access-control-allow-methods': 'GET, OPTIONS',
  'access-control-expose-headers': 'retry-after',
  // Lets the page's Resource Timing see response sizes (the benchmark sums bytes over the wire with it).
  'timing-allow-origin': '*',
};

/** `latencyMs`: every answer (preflights too) waits this long first, as from an API that far away. */
export function startFakeApi({ host = '127.0.0.1', port = 4175, synthetic = defaultSynthetic(), latencyMs = 0 } = {}) {
  const log = [];
  let flakyCount = 0;
  let healed = false;
  // c-kept before and after /__kept-add: its newest calls arrive, and one summary changes.
  const kept = synthetic.get('c-kept');
  const keptBefore = kept?.calls.slice(KEPT_HIDDEN);
  const keptAfter = kept?.calls.map((c, i) => {
    if (i !== KEPT_CHANGED_INDEX) return c;
    const call = JSON.parse(c.json);
    call.analysis.summary = KEPT_CHANGED_SUMMARY;
    return { ...c, json: JSON.stringify(call) };
  });
  let keptAdded = false;
  const hostile = hostileState();
  const complete = completeState();
  const handle = (req, res) => {
    const url = new URL(req.url, origin(req));
    if (url.pathname === '/__log') return json(res, 200, log);
    if (url.pathname === '/__reset') { log.length = 0; flakyCount = 0; healed = false; resetHostile(hostile); resetComplete(complete); keptAdded = false; return json(res, 200, {}); }
    if (url.pathname === '/__kept-add') { keptAdded = true; return json(res, 200, {}); }
    if (url.pathname === '/__complete') return json(res, 200, { resets: complete.resets });
    if (url.pathname === '/__outage') { hostile.outage = url.searchParams.get('on') === '1'; return json(res, 200, {}); }
    if (url.pathname === '/__expire') {
      // Every link handed out so far for this call stops working.
      const id = url.searchParams.get('id');
      hostile.validFrom.set(id, (hostile.signatures.get(id) ?? 0) + 1);
      return json(res, 200, {});
    }
    if (url.pathname === '/__heal') { healed = true; return json(res, 200, {}); }
    const entry = { method: req.method, path: url.pathname + url.search, apiKey: req.headers['api-key'] ?? null };
    log.push(entry);
    res.on('close', () => { if (!res.writableFinished) entry.aborted = true; });

    if (url.pathname.startsWith('/storage/')) {
      const [, , kind] = url.pathname.split('/');
      if (handleSignedStorage(hostile, url, res, (as) => serveRecording(req, res, as))) return;
      return serveRecording(req, res, kind);
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-max-age': '600' });
      return res.end();
    }
    if (!url.pathname.startsWith('/v1/api/')) return json(res, 404, { statusCode: 404, message: 'Not Found' });
    if (req.headers['api-key'] !== API_KEY) {
      return json(res, 401, { statusCode: 401, error: 'Unauthorized', message: 'Invalid API key' });
    }
    const route = url.pathname.slice('/v1/api'.length);
    if (handleHostile({ state: hostile, route, url, req, res, json, base: origin(req) })) return;
    if (handleComplete({ state: complete, route, url, res, json })) return;
    const allCampaigns = [...campaigns, ...hostileCampaigns(), ...completeCampaigns(), ...[...synthetic.values()].map((s) => s.meta)];
    if (route === '/campaign') return json(res, 200, { value: allCampaigns });
    const campaign = /^\/campaign\/([^/]+)$/.exec(route);
    if (campaign) {
      const found = allCampaigns.find((c) => (c.id ?? c.RowKey) === decodeURIComponent(campaign[1]));
      return found ? json(res, 200, found) : json(res, 404, { statusCode: 404, message: 'Campaign not found' });
    }
    return routeCalls(req, res, url, route);
  };
  const server = http.createServer((req, res) => {
    if (latencyMs > 0) setTimeout(() => handle(req, res), latencyMs);
    else handle(req, res);
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));

  function serveRecording(req, res, kind) {
      if (kind === 'gone') return json(res, 404, { message: 'expired' });
      if (kind === 'expired') {
        res.writeHead(403, { 'content-type': 'application/xml', 'access-control-allow-origin': '*' });
        return res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
      }
      // Ranges, as real storage serves them: without them the browser cannot seek.
      const headers = { 'content-type': 'audio/mpeg', 'accept-ranges': 'bytes' };
      if (kind === 'cors') Object.assign(headers, { 'access-control-allow-origin': '*' });
      const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
      if (range && (range[1] || range[2])) {
        const size = recordingFile.length;
        const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
        const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
        res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': end - start + 1 });
        return res.end(recordingFile.subarray(start, end + 1));
      }
      res.writeHead(200, { ...headers, 'content-length': recordingFile.length });
      return res.end(recordingFile);
  }

  function routeCalls(req, res, url, route) {
    if (route === '/call') {
      const id = url.searchParams.get('campaignId');
      if (id === 'c-500') return json(res, 500, { statusCode: 500, error: 'Internal Server Error', message: 'Database unavailable' });
      if (id === 'c-malformed') return json(res, 200, '{"value": [ {"id": "x", ');
      if (id === 'c-429') return json(res, 429, { statusCode: 429, message: 'Slow down' }, { 'retry-after': '7' });
      if (id === 'c-slow') return setTimeout(() => !res.destroyed && json(res, 200, []), 2000);
      const big = synthetic.get(id);
      if (big) {
        const time = (key) => {
          const value = url.searchParams.get(key);
          const ms = value == null ? null : Date.parse(value);
          return Number.isNaN(ms) ? null : ms;
        };
        if (id === 'c-flaky' && !healed) {
          const { end } = synthetic.get('c-flaky');
          const [from, to] = [end - 2 * 86_400_000, end - 86_400_000];
          if ((time('startDate') ?? -Infinity) < to && (time('endDate') ?? Infinity) > from) {
            flakyCount += 1;
            return json(res, 503, { statusCode: 503, error: 'Service Unavailable', message: 'Try later' });
          }
        }
        const before = time('createdAtLt');
        const end = before != null ? Math.min(before, time('endDate') ?? Infinity) : time('endDate');
        // The whole campaign (the benchmark's simplest page asks for it) is kept once made.
        const served = id === 'c-kept' ? (keptAdded ? keptAfter : keptBefore) : big.calls;
        if (time('startDate') == null && end == null && served === big.calls) return json(res, 200, big.whole ??= listBody(big.calls));
        return json(res, 200, listBody(sliceWindow(served, time('startDate'), end)));
      }
      const list = calls(req)[id];
      if (!list) return json(res, 200, []);
      return json(res, 200, id === 'c-vapi' ? list : { data: list });
    }
    const call = /^\/call\/([^/]+)$/.exec(route);
    if (call) {
      const id = decodeURIComponent(call[1]);
      const changed = keptAdded && keptAfter[KEPT_CHANGED_INDEX];
      if (changed && changed.id === id) return json(res, 200, changed.json);
      for (const s of synthetic.values()) {
        const text = s.byId.get(id);
        if (text) return json(res, 200, text);
      }
      const found = Object.values(calls(req)).flat().find((c) => (c.id ?? c.Id ?? c.RowKey) === id);
      if (!found) return json(res, 404, { statusCode: 404, error: 'Not Found', message: 'Call not found' });
      return json(res, 200, id.startsWith('w-') ? { value: found } : found);
    }
    return json(res, 404, { statusCode: 404, message: 'Not Found' });
  }
}
