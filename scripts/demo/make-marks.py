#!/usr/bin/env python3
"""Writes public/demo/review-marks.json: a few marks from two reviewers on the demo's calls, in the marks
file format (src/domain/review/marks_file.rs), so that the review filters and the queue have something to
show once the reader imports it (Marks > Import the demo's sample marks). Deterministic: run it again after
the demo's calls change."""
import json, pathlib

root = pathlib.Path(__file__).resolve().parents[2]
demo = root / 'public' / 'demo'
BASE = 1796198400000  # 2026-12-01T09:00:00Z
REVIEWERS = ['Ana Ruiz', 'Ben Okafor']
# By end reason: verdict, tags and a note (said at a share of the call).
PLAN = {
    'assistant-forwarded-call': ('good', ['transfer'], 'Clean hand-off to a person.'),
    'customer-ended-call': ('needs-attention', ['follow-up'], 'Customer hung up before the offer; call back?'),
    'assistant-ended-call': ('good', ['renewed'], 'Confirmed the renewal and read back the date.'),
    'voicemail': ('needs-attention', ['voicemail'], 'Left a message that runs long; shorten the script.'),
    'pipeline-error-openai-llm-failed': ('bad', ['agent-error'], 'The agent went silent here.'),
    'silence-timed-out': ('bad', ['silence'], 'Long silence before the agent spoke.'),
}
DEFAULT = ('good', ['ok'], None)

file = {
    'format': 'call-records-marks', 'version': 1, 'exportedAt': '2026-12-01T12:00:00.000Z',
    'exportedBy': 'Ana Ruiz', 'source': 'demo', 'campaigns': [],
}
n = 0
for campaign in sorted(p.name for p in (demo / 'campaigns').iterdir() if p.is_dir()):
    calls = json.loads((demo / 'campaigns' / campaign / 'calls.json').read_text())
    calls = calls if isinstance(calls, list) else calls.get('value') or calls.get('data') or []
    marked = {}
    for call in calls:
        if len(marked) >= 6:
            break
        if not (call.get('recordingUrl') or (call.get('artifact') or {}).get('recordingUrl')):
            continue
        verdict, tags, note = PLAN.get(call.get('endedReason'), DEFAULT)
        who = REVIEWERS[n % 2]
        at = BASE + n * 97_000
        n += 1
        marks = {
            'verdict': {'value': verdict, 'by': who, 'at': at},
            'reviewed': {'value': True, 'by': who, 'at': at},
            'tags': {'value': tags, 'by': who, 'at': at + 1000},
        }
        if note:
            moment = 4.0 + (n % 3) * 3.0
            marks['notes'] = [{'id': f'{at + 2000:x}-0-{who}', 'text': note, 'moment': moment, 'by': who, 'at': at + 2000}]
        marked[call['id']] = marks
    if marked:
        file['campaigns'].append({'campaignId': campaign, 'calls': dict(sorted(marked.items()))})

(demo / 'review-marks.json').write_text(json.dumps(file, indent=2, ensure_ascii=False) + '\n')
print(f'{n} calls marked in {len(file["campaigns"])} campaigns')
