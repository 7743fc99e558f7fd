// What a real or misbehaving Atlas server sends, for the fake API (fake-api.mjs):
//   c-table       campaigns and calls as Atlas table entities: RowKey IDs, PascalCase, Messages as a JSON
//                 string, a plain "AI: / User:" transcript, numbers and booleans as strings
//   c-reserved    calls whose IDs hold /, %2F, ?, # and a space
//   c-expiring    presigned recording links that expire: each GET of a record hands out a new signature;
//                 /storage/signed/... plays only signatures at or after the call's `validFrom`
//   c-outage      five calls; GET /__outage?on=1 makes its list answer 500 until ?on=0
//   c-hang        one record (h-hung) that never answers, one (h-ok) that does; c-hang-list's list never
//                 answers
//   c-1970, c-billion  five recent calls, with a creation date of 1970 or a claimed 1e9 calls
//   c-huge        a 50,000-turn transcript, a 10 MB summary and a 10 MB plain transcript
// The hung requests end when the client hangs up; none is left open past the test.
import { generateCampaign, sliceWindow } from './synthetic.mjs';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const RESERVED_IDS = ['a/b', 'x%2F2', 'what?', 'x#4', 'two words'];
export const HUGE_TURNS = 50_000;
export const NEEDLE_TURN = 41_234;

export function hostileState() {
  return { signatures: new Map(), validFrom: new Map([['e-expired', 2], ['e-fails', 2]]), outage: false, hung: new Set() };
}

export function resetHostile(state) {
  Object.assign(state, hostileState());
}

export const hostileCampaigns = () => [
  {
    PartitionKey: 'account-1', RowKey: 'c-table', Timestamp: '2026-11-01T08:00:00Z', name: 'Table entity campaign',
    BusinessName: 'Northwind Dental', IsActive: 'true', DailyCallLimit: '500', CallCount: '3',
  },
  { PartitionKey: 'account-1', RowKey: 'c-paused-entity', BusinessName: 'Contoso Clinic', IsActive: false },
  { id: 'c-reserved', name: 'Reserved characters campaign', status: 'active', callCount: RESERVED_IDS.length },
  { id: 'c-expiring', name: 'Expiring links campaign', status: 'active', callCount: 4 },
  { id: 'c-outage', name: 'Outage campaign', status: 'active', callCount: 5 },
  { id: 'c-hang', name: 'Hung record campaign', status: 'active', callCount: 2 },
  { id: 'c-hang-list', name: 'Hung list campaign', status: 'active' },
  { id: 'c-1970', name: 'Campaign from 1970', status: 'active', callCount: 5, createdAt: '1970-01-01T00:00:00Z' },
  { id: 'c-billion', name: 'Billion-call campaign', status: 'active', callCount: 1_000_000_000, createdAt: new Date(Date.now() - 30 * DAY).toISOString() },
  { id: 'c-huge', name: 'Huge records campaign', status: 'active', callCount: 3, createdAt: new Date(Date.now() - DAY).toISOString() },
];

function tableCalls(base) {
  return [
    {
      PartitionKey: 'c-table', RowKey: 't-1', Timestamp: '2026-11-20T09:30:00Z', StartedAt: '2026-11-20T09:00:00Z',
      EndedAt: '2026-11-20T09:02:30Z', Status: 'ended', EndedReason: 'customer-ended-call', CustomerName: 'Rowan Keyes',
      CustomerNumber: '+15550002222', Summary: 'Rowan confirmed the appointment for Tuesday.', Cost: '0.42',
      RecordingUrl: `${base}/storage/cors/t-1.mp3`,
      Messages: JSON.stringify([
        { Role: 'bot', Message: 'Hello Rowan, this is Ava from Northwind Dental.', SecondsFromStart: '0.6' },
        { Role: 'user', Message: 'Hi Ava, Tuesday works for me.', SecondsFromStart: 4.5 },
      ]),
    },
    {
      PartitionKey: 'c-table', RowKey: 't-2', Timestamp: '2026-11-20T10:05:00Z', StartedAt: '2026-11-20T10:00:00Z',
      EndedAt: '2026-11-20T10:01:00Z', EndedReason: 'assistant-said-end-call-phrase',
      Customer: JSON.stringify({ Name: 'Tabitha Entity', Number: '+15550003333' }),
      Summary: 'Tabitha asked to be called next month.',
      Transcript: 'AI: Hi Tabitha, Ava here.\nUser: Call me next month please.\nAI: Will do. Goodbye!',
    },
    {
      PartitionKey: 'c-table', RowKey: 't-3', Timestamp: '2026-11-19T08:00:00Z', EndedReason: 'customer-did-not-answer',
      CustomerNumber: '+15550004444',
    },
  ];
}

function reservedCalls() {
  return RESERVED_IDS.map((id, i) => ({
    id, campaignId: 'c-reserved', startedAt: new Date(Date.UTC(2026, 10, 20, 12 - i)).toISOString(),
    customer: { name: `Reserved ${i + 1}` }, summary: `The call whose ID is ${id}.`, endedReason: 'customer-ended-call',
  }));
}

function expiringCall(state, base, id) {
  const sig = (state.signatures.get(id) ?? 0) + 1;
  state.signatures.set(id, sig);
  const expires = {
    'e-expired': Date.now() - MINUTE,
    'e-fails': Date.now() + HOUR,
    'e-timer': Date.now() + (sig === 1 ? 4_000 : HOUR),
    'e-gone': Date.now() + HOUR,
  }[id];
  const url = id === 'e-gone' ? `${base}/storage/gone/${id}.mp3` : `${base}/storage/signed/${id}.mp3?sig=${sig}`;
  return {
    id, campaignId: 'c-expiring', startedAt: '2026-11-20T09:00:00Z', endedAt: '2026-11-20T09:01:00Z',
    customer: { name: { 'e-expired': 'Expired Link', 'e-fails': 'Failing Link', 'e-timer': 'Timed Link', 'e-gone': 'Gone Recording' }[id] },
    endedReason: 'customer-ended-call', summary: `Recording link test ${id}.`,
    artifact: { recordingUrl: url, presignedUrlsExpiresAt: new Date(expires).toISOString() },
  };
}

const EXPIRING_IDS = ['e-expired', 'e-fails', 'e-timer', 'e-gone'];

function hangCalls() {
  return [
    { id: 'h-hung', campaignId: 'c-hang', startedAt: '2026-11-20T10:00:00Z', customer: { name: 'Hung Record' } },
    { id: 'h-ok', campaignId: 'c-hang', startedAt: '2026-11-20T09:00:00Z', customer: { name: 'Answering Record' }, summary: 'This record answers at once.' },
  ];
}

function outageCalls() {
  return Array.from({ length: 5 }, (_, i) => ({
    id: `o-${i + 1}`, campaignId: 'c-outage', startedAt: new Date(Date.now() - (i + 1) * 10 * MINUTE).toISOString(),
    customer: { name: `Outage customer ${i + 1}` }, endedReason: 'customer-ended-call',
  }));
}

const recent = new Map(['c-1970', 'c-billion'].map((id) => [id, generateCampaign({
  id, count: 5, seed: 3, spanDays: 1, end: Math.floor(Date.now() / MINUTE) * MINUTE,
})]));

function hugeCalls() {
  const turns = Array.from({ length: HUGE_TURNS }, (_, i) => ({
    role: i % 2 ? 'user' : 'bot',
    message: i === NEEDLE_TURN ? 'Somewhere deep in this call the customer mentions a cobalt lighthouse.' : `Turn ${i + 1} of a call that never ends, said by the ${i % 2 ? 'customer' : 'agent'}.`,
    // Packed into the first six seconds, so that the short test recording can seek to any turn.
    secondsFromStart: Math.round(i * 0.12) / 1000,
  }));
  const words = 'The customer repeated the same long story about the renewal, the address and the price. ';
  const tenMegabytes = words.repeat(Math.ceil(10_485_760 / words.length));
  return [
    { id: 'huge-turns', campaignId: 'c-huge', startedAt: iso(HOUR), customer: { name: 'Endless Turns' }, messages: turns,
      recordingUrl: 'http://127.0.0.1:4175/storage/cors/huge-turns.mp3' },
    { id: 'huge-summary', campaignId: 'c-huge', startedAt: iso(2 * HOUR), customer: { name: 'Huge Summary' }, summary: tenMegabytes },
    { id: 'huge-transcript', campaignId: 'c-huge', startedAt: iso(3 * HOUR), customer: { name: 'Huge Transcript' }, transcript: tenMegabytes },
  ];
}
const SERVER_STARTED = Math.floor(Date.now() / MINUTE) * MINUTE;
const iso = (ago) => new Date(SERVER_STARTED - ago).toISOString();
let huge = null;
/** [id, start (ms), JSON text] of each huge call, made once. */
const hugeText = () => {
  huge ??= hugeCalls().map((call) => [call.id, Date.parse(call.startedAt), JSON.stringify(call)]);
  return huge;
};

/** Storage for presigned links. Returns true when it answered. */
export function handleSignedStorage(state, url, res, send) {
  const match = /^\/storage\/signed\/([^/]+)\.mp3$/.exec(url.pathname);
  if (!match) return false;
  const sig = Number(url.searchParams.get('sig'));
  if (!(sig >= (state.validFrom.get(match[1]) ?? 1))) {
    res.writeHead(403, { 'content-type': 'application/xml', 'access-control-allow-origin': '*' });
    res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
    return true;
  }
  send('cors');
  return true;
}

/** The API routes of the hostile campaigns. Returns true when it answered. */
export function handleHostile({ state, route, url, req, res, json, base }) {
  if (route === '/call') {
    const id = url.searchParams.get('campaignId');
    const time = (key) => {
      const ms = Date.parse(url.searchParams.get(key) ?? '');
      return Number.isNaN(ms) ? null : ms;
    };
    switch (id) {
      case 'c-table': return json(res, 200, { value: tableCalls(base) }), true;
      case 'c-reserved': return json(res, 200, reservedCalls()), true;
      // The list carries no links: only fetching a record hands one out.
      case 'c-expiring': return json(res, 200, { value: EXPIRING_IDS.map((c) => ({ ...expiringCall(hostileState(), base, c), artifact: undefined })) }), true;
      case 'c-outage':
        if (state.outage) return json(res, 500, { statusCode: 500, error: 'Internal Server Error', message: 'Database unavailable' }), true;
        return json(res, 200, { value: outageCalls() }), true;
      case 'c-hang-list': state.hung.add(res); return true;
      case 'c-hang': return json(res, 200, { value: hangCalls() }), true;
      case 'c-1970': case 'c-billion': {
        const slice = sliceWindow(recent.get(id), time('startDate'), time('endDate'));
        return json(res, 200, `{"value":[${slice.map((c) => c.json).join(',')}]}`), true;
      }
      case 'c-huge': {
        // By date window, as Atlas does: each huge record is sent once.
        const [from, to] = [time('startDate') ?? -Infinity, time('endDate') ?? Infinity];
        const inside = hugeText().filter(([, at]) => at >= from && at < to);
        return json(res, 200, `{"value":[${inside.map(([, , text]) => text).join(',')}]}`), true;
      }
      default: return false;
    }
  }
  const call = /^\/call\/([^/]+)$/.exec(route);
  if (!call) return false;
  const id = decodeURIComponent(call[1]);
  if (id === 'h-hung') { state.hung.add(res); return true; }
  if (EXPIRING_IDS.includes(id)) return json(res, 200, expiringCall(state, base, id)), true;
  const found = [...tableCalls(base), ...reservedCalls(), ...outageCalls(), ...hangCalls()].find((c) => (c.id ?? c.RowKey) === id);
  if (found) return json(res, 200, found.RowKey ? { value: found } : found), true;
  const big = hugeText().find(([callId]) => callId === id);
  if (big) return json(res, 200, big[2]), true;
  for (const calls of recent.values()) {
    const match = calls.find((c) => c.id === id);
    if (match) return json(res, 200, match.json), true;
  }
  return false;
}
