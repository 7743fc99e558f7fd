// Synthetic campaigns for the benchmark and the large-campaign tests: deterministic (seeded), with a
// realistic end-reason mix, summaries of about 300 characters and transcripts of about 1,500.
//
// generateCampaign({ id, count, seed, end, spanDays }) returns the calls sorted newest first, each as
// { id, createdAt (ms), json (the record's JSON text) }, so a server can slice a date window and join
// the texts without serialising again.

/** mulberry32: small, fast, and the same sequence on every machine. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Share of calls per end reason, roughly what outbound campaigns see: many unanswered, voicemail, hang-ups.
export const REASON_MIX = [
  ['customer-ended-call', 26], ['customer-did-not-answer', 18], ['voicemail', 12], ['assistant-ended-call', 9],
  ['assistant-said-end-call-phrase', 7], ['customer-busy', 5], ['silence-timed-out', 4],
  ['assistant-ended-call-after-message-spoken', 3], ['assistant-forwarded-call', 3],
  ['phone-call-provider-closed-websocket', 2], ['twilio-failed-to-connect-call', 2],
  ['assistant-ended-call-with-hangup-task', 1.5], ['exceeded-max-duration', 1.5],
  ['twilio-reported-customer-misdialed', 1], ['call.start.error-vapi-number-outbound-daily-limit', 1],
  ['manually-canceled', 0.5],
  // Codes the table does not name, as the platform adds them.
  ['pipeline-error-openai-llm-failed', 1], ['call.in-progress.error-sip-outbound-call-failed-to-connect', 0.6],
  ['call.ringing.hook-executed-transfer', 0.4],
  [null, 0.5],
];
const NEVER_CONNECTED = new Set(['customer-did-not-answer', 'customer-busy', 'twilio-failed-to-connect-call',
  'twilio-reported-customer-misdialed', 'call.start.error-vapi-number-outbound-daily-limit', 'manually-canceled']);

const FIRST = ['Maria', 'James', 'Aisha', 'Chen', 'Lucas', 'Sofia', 'Noah', 'Amara', 'Élodie', 'Mateo', 'Priya',
  'Olivia', 'Kenji', 'Fatima', 'Liam', 'Zoë', 'Omar', 'Hannah', 'Diego', 'Ingrid', 'Kwame', 'Léa', 'Ravi', 'Nina'];
const LAST = ['García', 'Smith', 'Khan', 'Wei', 'Müller', 'Rossi', 'Okafor', 'Dubois', 'Nakamura', 'Silva',
  'Johansson', 'Patel', 'Brown', 'Kowalski', 'Haddad', 'Novak', 'Moreau', 'Jensen', 'López', 'Owusu'];
const PRODUCTS = ['home insurance', 'car insurance', 'dental plan', 'solar panels', 'fibre internet',
  'gym membership', 'energy contract', 'pet insurance', 'mobile plan', 'travel cover'];
const SYLLABLES = ['ka', 'lo', 'ver', 'mi', 'dan', 'tor', 'el', 'sa', 'rin', 'bo', 'quen', 'ash', 'ul', 'fen', 'dor', 'wi'];

const AGENT_LINES = [
  'Hello {name}, this is Ava calling from Northwind about your {product}. Is now a good time to talk for a minute?',
  'I am calling because your {product} renews on {date}, and I wanted to walk you through the new terms.',
  'The monthly price changes from {price} to {price2}, and the cover stays the same unless you ask for changes.',
  'I can also send the details by email to the address we have on file, which ends in {domain}.',
  'We have an appointment slot on {date} at {time} at our {place} office, would that suit you?',
  'Of course, I understand completely. I have made a note that you would prefer a call back next week.',
  'Thank you for your patience, {name}. Let me check that for you in the system right now.',
  'Your reference number is {ref}. Please keep it in case you need to contact us again.',
  'I can transfer you to a specialist on our service team who can answer that question in detail.',
  'Thanks so much for your time today, {name}. Have a lovely rest of your day. Goodbye.',
];
const CUSTOMER_LINES = [
  'Yes, I have a few minutes, go ahead.',
  'Can you remind me what the current price is? I thought it was lower last year.',
  'I moved to {street} last month, so the address on the policy needs to change.',
  'That sounds fine, but I would like to read the terms before I agree to anything.',
  'Actually I am driving right now, could you call me back later this afternoon?',
  'I already spoke to someone about this on {date} and they said it was sorted.',
  'No thank you, I am not interested, please take me off your list.',
  'Could you send it to my email instead? I prefer to have it in writing.',
  'What happens if I cancel before the renewal date, is there a fee?',
  'Great, thank you, that answers my question. Bye now.',
];
const SYSTEM_PROMPT = 'You are Ava, a friendly voice agent for Northwind. Confirm the customer, explain the renewal, answer questions briefly, and end politely.';
const SUMMARIES = {
  connected: [
    '{name} was reached about the {product} renewal on {date}. The agent explained the price change from {price} to {price2} and the unchanged cover. {name} asked for the terms by email and agreed to review them before deciding. A follow-up call is suggested for the week after the renewal notice.',
    'The agent called {name} about their {product}. {name} said they had moved to {street} and asked to update the address. The agent confirmed the reference {ref} and offered an appointment on {date} at {time} at the {place} office. {name} accepted the slot and asked for a reminder by text message.',
    '{name} was busy and asked to be called back later in the afternoon. Before ending, they asked about cancellation fees for the {product}; the agent explained there is no fee before the renewal date. No decision was made and a call back is requested for {date} around {time}.',
    '{name} declined the {product} offer and asked to be removed from the calling list. The agent confirmed the request, noted the reference {ref}, and ended the call politely. No further contact should be made about this campaign unless {name} gets in touch first.',
  ],
  unanswered: [
    'The call to {name} about the {product} renewal did not connect, so nothing was discussed. The campaign will retry according to its schedule; no message was left and no follow-up action is needed from the team at this stage for reference {ref}.',
  ],
  voicemail: [
    'The call about the {product} renewal reached the voicemail of {name}. The agent left a short message with the reference {ref} and a number to call back, and mentioned that the renewal date is {date}. A second attempt is scheduled by the campaign.',
  ],
};

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

function weighted(rand, mix) {
  const total = mix.reduce((sum, [, w]) => sum + w, 0);
  let x = rand() * total;
  for (const [value, w] of mix) {
    x -= w;
    if (x < 0) return value;
  }
  return mix[mix.length - 1][0];
}

function pseudoWord(rand) {
  let word = '';
  const n = 2 + Math.floor(rand() * 2);
  for (let i = 0; i < n; i++) word += pick(rand, SYLLABLES);
  return word[0].toUpperCase() + word.slice(1);
}

function fill(template, rand, ctx) {
  return template.replace(/\{(\w+)\}/g, (_, key) => {
    switch (key) {
      case 'name': return ctx.first;
      case 'product': return ctx.product;
      case 'date': return `${pick(rand, ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])} the ${1 + Math.floor(rand() * 28)}th`;
      case 'time': return `${9 + Math.floor(rand() * 8)}:${pick(rand, ['00', '15', '30', '45'])}`;
      case 'price': return `$${(20 + rand() * 60).toFixed(2)}`;
      case 'price2': return `$${(25 + rand() * 70).toFixed(2)}`;
      case 'domain': return pick(rand, ['gmail.com', 'outlook.com', 'proton.me', 'yahoo.com']);
      case 'place': return `${pseudoWord(rand)}`;
      case 'street': return `${1 + Math.floor(rand() * 200)} ${pseudoWord(rand)} Street`;
      case 'ref': return `NW-${Math.floor(rand() * 900000 + 100000)}`;
      default: return key;
    }
  });
}

/**
 * @param {{ id: string, count: number, seed?: number, end?: number, spanDays?: number,
 *           recordingUrl?: (callId: string) => string, special?: Record<number, (call: object) => void> }} options
 */
export function generateCampaign({ id, count, seed = 1, end = Date.UTC(2026, 10, 20), spanDays = 30,
  recordingUrl = () => null, special = {}, full = false }) {
  // `full`: calls as Vapi really sends them after a 3–5 minute conversation: a system prompt, every
  // message with its wall-clock `time`, `endTime` and `duration`, and about 1,800 characters said.
  const said = full ? 1800 : 1400;
  const rand = rng(seed);
  const calls = [];
  const span = spanDays * 86_400_000;
  for (let i = 0; i < count; i++) {
    // Spread over the span, newest first, with jitter so windows are uneven like real traffic.
    const createdAt = Math.round(end - (i + rand()) * (span / count));
    const reason = weighted(rand, REASON_MIX);
    const connected = reason !== null && !NEVER_CONNECTED.has(reason);
    const ctx = { first: pick(rand, FIRST), last: pick(rand, LAST), product: pick(rand, PRODUCTS) };
    const callId = `${id}-${String(i).padStart(6, '0')}`;
    const messages = [];
    let duration = 0;
    if (connected && reason !== 'voicemail') {
      let at = 0.6;
      let chars = 0;
      if (full) messages.push({ role: 'system', message: SYSTEM_PROMPT, time: createdAt + 2000, secondsFromStart: 0 });
      for (let turn = 0; chars < said; turn++) {
        const agent = turn % 2 === 0;
        const text = fill(pick(rand, agent ? AGENT_LINES : CUSTOMER_LINES), rand, ctx);
        const spoken = text.length / 14;
        const message = { role: agent ? 'bot' : 'user', message: text, secondsFromStart: Math.round(at * 10) / 10 };
        if (full) {
          const time = createdAt + 2000 + Math.round(at * 1000);
          Object.assign(message, { time, endTime: time + Math.round(spoken * 1000), duration: Math.round(spoken * 1000) });
        }
        messages.push(message);
        chars += text.length;
        at += spoken + 0.8 + rand();
      }
      duration = at;
    } else if (reason === 'voicemail') {
      duration = 20 + rand() * 15;
    }
    const summaryKind = reason === 'voicemail' ? 'voicemail' : connected ? 'connected' : 'unanswered';
    const startedAt = createdAt + 2000;
    const call = {
      id: callId,
      orgId: 'org-bench',
      campaignId: id,
      createdAt: new Date(createdAt).toISOString(),
      updatedAt: new Date(createdAt + 120_000).toISOString(),
      startedAt: new Date(startedAt).toISOString(),
      endedAt: new Date(startedAt + Math.round(duration * 1000)).toISOString(),
      type: 'outboundPhoneCall',
      status: 'ended',
      endedReason: reason ?? undefined,
      cost: Math.round(duration * 0.35) / 100,
      customer: { name: `${ctx.first} ${ctx.last}`, number: `+1555${String(1000000 + Math.floor(rand() * 8999999))}` },
      analysis: { summary: fill(pick(rand, SUMMARIES[summaryKind]), rand, ctx) },
      artifact: {
        messages,
        recordingUrl: connected ? recordingUrl(callId) ?? undefined : undefined,
      },
    };
    special[i]?.(call);
    calls.push({ id: callId, createdAt, json: JSON.stringify(call) });
  }
  return calls;
}

/** The calls created in [start, end), newest first; both bounds optional (ms or null). */
export function sliceWindow(calls, start, end) {
  // Newest first: binary search for the first call older than `end`, then walk to `start`.
  let lo = 0;
  let hi = calls.length;
  if (end != null) {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (calls[mid].createdAt >= end) lo = mid + 1; else hi = mid;
    }
  }
  const out = [];
  for (let i = lo; i < calls.length; i++) {
    if (start != null && calls[i].createdAt < start) break;
    out.push(calls[i]);
  }
  return out;
}
