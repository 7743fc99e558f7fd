// Servers that lose calls or kill pages when a client trusts them, for the fake API (fake-api.mjs):
//   c-all-at-once  600 calls over 20 hours; the first list request gets all of them whatever its dates,
//                  every later one []
//   c-alternating  60 calls over 20 hours by date window, answered turn about as {"value": [...]} of Atlas
//                  table entities and as a bare array of Vapi records
//   c-resets       400 calls over 3 days by date window; a list request that arrives while two others are
//                  open has its connection reset (no HTTP status), as Atlas drops bursts
//   c-emoji        a summary of 2,000 ZWJ emoji (👨🏿‍💻) and one of 30 KB of Japanese
//   c-chat         a chat campaign (campaignType "0"): it has sessions, not calls
//   c-archived-1/2 archived campaigns (Status "archived"), listed apart
//   c-expired-link one call whose presigned recording link expired on 1 Dec 2026, 14:02 UTC, and every
//                  fresh copy of the record hands out the same dead link
// State (which request came first, what is open) is reset by /__reset.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const STARTED = Math.floor(Date.now() / MINUTE) * MINUTE;

export function completeState() {
  return { allAtOnceAsked: false, alternatingTurn: 0, open: 0, resets: 0 };
}

export function resetComplete(state) {
  Object.assign(state, completeState());
}

export const completeCampaigns = () => [
  { id: 'c-all-at-once', name: 'Everything at once campaign', status: 'active' },
  { id: 'c-alternating', name: 'Alternating shapes campaign', status: 'active' },
  { id: 'c-resets', name: 'Dropped connections campaign', status: 'active' },
  { id: 'c-emoji', name: 'Emoji and Japanese campaign', status: 'active', callCount: 2 },
  { id: 'c-expired-link', name: 'Expired link campaign', status: 'active', callCount: 1 },
  { PartitionKey: 'acct-1', RowKey: 'c-chat', name: 'Website chat assistant', campaignType: '0', Status: 'active' },
  { PartitionKey: 'acct-1', RowKey: 'c-archived-1', name: 'Spring renewals (old)', Status: 'archived' },
  { PartitionKey: 'acct-1', RowKey: 'c-archived-2', name: 'Pilot campaign', Status: 'archived' },
];

/** `count` Vapi-shaped calls of `campaign` spread over `spanMs` before the server started, newest first. */
function spread(campaign, count, spanMs, prefix) {
  return Array.from({ length: count }, (_, i) => {
    const at = STARTED - Math.round(((i + 0.5) / count) * spanMs);
    return {
      id: `${prefix}-${String(i + 1).padStart(3, '0')}`, orgId: 'org', campaignId: campaign,
      createdAt: new Date(at).toISOString(), startedAt: new Date(at).toISOString(),
      endedAt: new Date(at + 70_000).toISOString(), endedReason: 'customer-ended-call',
      customer: { name: `Customer ${prefix} ${i + 1}`, number: `+1555${String(i).padStart(7, '0')}` },
      summary: `Call ${i + 1} of ${count}.`,
    };
  });
}

const allAtOnce = spread('c-all-at-once', 600, 20 * HOUR, 'all');
const alternating = spread('c-alternating', 60, 20 * HOUR, 'alt');
const resets = spread('c-resets', 400, 3 * 24 * HOUR, 'rst');

/** A Vapi record as an Atlas table entity. */
function entity(call) {
  return {
    PartitionKey: `acct-1 ${call.campaignId}`, RowKey: call.id, Timestamp: call.endedAt, CreatedAt: call.createdAt,
    StartedAt: call.startedAt, EndedAt: call.endedAt, EndedReason: call.endedReason,
    CustomerName: call.customer.name, CustomerNumber: call.customer.number, Summary: call.summary,
  };
}

export const EMOJI_SUMMARY = '👨🏿‍💻'.repeat(2_000);
export const JAPANESE_SUMMARY = 'お客様は来週の火曜日に予約を確認しました。'.repeat(720);
const emojiCalls = [
  { id: 'emoji-1', campaignId: 'c-emoji', startedAt: new Date(STARTED - HOUR).toISOString(), customer: { name: 'Emoji Summary' }, summary: EMOJI_SUMMARY },
  { id: 'japanese-1', campaignId: 'c-emoji', startedAt: new Date(STARTED - 2 * HOUR).toISOString(), customer: { name: '山田 花子' }, summary: JAPANESE_SUMMARY },
];

export const EXPIRED_AT = '2026-12-01T14:02:00Z';
const expiredCall = {
  id: 'exp-old', campaignId: 'c-expired-link', startedAt: '2026-11-30T10:00:00Z', endedAt: '2026-11-30T10:02:00Z',
  customer: { name: 'Old Link' }, endedReason: 'customer-ended-call', summary: 'A call whose recording link expired.',
  artifact: { recordingUrl: 'http://127.0.0.1:4175/storage/expired/exp-old.mp3?X-Amz-Expires=3600', presignedUrlsExpiresAt: EXPIRED_AT },
};

function inWindow(calls, url) {
  const time = (key) => {
    const ms = Date.parse(url.searchParams.get(key) ?? '');
    return Number.isNaN(ms) ? null : ms;
  };
  const [from, to] = [time('startDate') ?? -Infinity, time('endDate') ?? Infinity];
  return calls.filter((c) => {
    const at = Date.parse(c.createdAt ?? c.startedAt);
    return at >= from && at < to;
  });
}

/** The API routes of these campaigns. Returns true when it answered. */
export function handleComplete({ state, route, url, res, json }) {
  if (route === '/call') {
    switch (url.searchParams.get('campaignId')) {
      case 'c-all-at-once': {
        const first = !state.allAtOnceAsked;
        state.allAtOnceAsked = true;
        return json(res, 200, first ? allAtOnce : []), true;
      }
      case 'c-alternating': {
        const calls = inWindow(alternating, url);
        state.alternatingTurn += 1;
        return json(res, 200, state.alternatingTurn % 2 ? { value: calls.map(entity) } : calls), true;
      }
      case 'c-resets': {
        if (state.open >= 2) {
          state.resets += 1;
          res.socket.destroy();
          return true;
        }
        state.open += 1;
        // Answered a moment later, so that requests overlap as they would over a real network.
        setTimeout(() => {
          state.open -= 1;
          if (!res.destroyed) json(res, 200, { value: inWindow(resets, url) });
        }, 60);
        return true;
      }
      case 'c-emoji': return json(res, 200, { value: emojiCalls }), true;
      case 'c-chat': return json(res, 200, { value: [] }), true;
      case 'c-expired-link': return json(res, 200, { value: [expiredCall] }), true;
      default: return false;
    }
  }
  if (route === '/__complete') return json(res, 200, { resets: state.resets }), true;
  const call = /^\/call\/([^/]+)$/.exec(route);
  if (!call) return false;
  const id = decodeURIComponent(call[1]);
  const found = [...allAtOnce, ...alternating, ...resets, ...emojiCalls, expiredCall].find((c) => c.id === id);
  if (found) return json(res, 200, found), true;
  return false;
}
