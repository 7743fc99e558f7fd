#!/usr/bin/env python3
"""Adds to the bundled demo (public/demo/) what the voice platform writes onto a call beyond the
conversation: the success evaluation (a different rubric per campaign, so every form shows), the
collected data, tool calls with their results at the turn they happened, the measured latency of each
agent turn, and the cost by part.

Run after generate.py (scripts/make-demo runs both). Deterministic: every figure comes from the record
itself and a random generator seeded by the call's ID, and running it twice gives the same files (what
it added before is taken out first).
"""

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "public" / "demo"

# What each summary says happened, as the campaigns' rubrics score it.
OUTCOMES = [
    ("agreed", "done", True, 9),
    ("already taken care of", "already", True, 8),
    ("called back", "callback", False, 6),
    ("transferred", "forwarded", False, 5),
    ("maximum allowed length", "undecided", False, 4),
    ("voicemail", "voicemail", False, 3),
    ("did not speak", "silence", False, 2),
    ("not interested", "declined", False, 2),
    ("dropped", "dropped", False, 1),
    ("stopped responding", "failed", False, 1),
    ("listened", "informed", True, 7),
]

REASONS = {
    "done": "The customer agreed and the agent completed the request and confirmed it.",
    "already": "The customer had already done what the call was for, so the goal is met.",
    "callback": "The customer asked to be called back; nothing was decided on this call.",
    "forwarded": "The agent could not answer the customer's questions and transferred the call.",
    "undecided": "The customer asked many questions but did not decide before the call's time limit.",
    "voicemail": "Nobody answered; the agent left a voicemail.",
    "silence": "Nobody spoke on the line.",
    "declined": "The customer declined and ended the call.",
    "dropped": "The connection dropped before the customer could answer.",
    "failed": "The agent stopped responding, so the call could not reach its goal.",
    "informed": "The customer heard the reminder in full.",
}


def outcome_of(summary):
    text = (summary or "").lower()
    for needle, kind, met, score in OUTCOMES:
        if needle in text:
            return kind, met, score
    return "other", False, 5


def messages_of(record):
    artifact = record.get("artifact")
    if isinstance(artifact, dict) and isinstance(artifact.get("messages"), list):
        return artifact["messages"]
    return None


def strip_added(record):
    messages = messages_of(record)
    if messages is not None:
        record["artifact"]["messages"] = [
            m for m in messages if m.get("role") not in ("tool_calls", "tool_call_result")
        ]
        record["artifact"].pop("performanceMetrics", None)
    record.pop("costBreakdown", None)
    analysis = record.get("analysis")
    if isinstance(analysis, dict):
        analysis.pop("successEvaluation", None)
        analysis.pop("structuredData", None)


def first_name(record):
    name = (record.get("customer") or {}).get("name") or "the customer"
    return name.split()[0]


def collected(campaign, kind, record, rng):
    name = first_name(record)
    if campaign == "cmp-spring-renewals":
        return {
            "renewed": kind == "done",
            "plan": "Same cover" if kind == "done" else None,
            "monthlyPremium": 42 if kind == "done" else None,
            "callbackRequested": kind == "callback",
            "objections": ["price"] if kind in ("declined", "undecided") else [],
        }
    if campaign == "cmp-clinic-reminders":
        return {
            "appointmentConfirmed": kind in ("done", "already"),
            "appointmentDate": f"2026-11-{rng.randint(20, 28)}",
            "wantsReschedule": kind == "callback",
            "preferredContact": rng.choice(["text", "phone", "email"]),
        }
    return {
        "demoBooked": kind == "done",
        "interestLevel": {"done": "high", "callback": "medium"}.get(kind, "low"),
        "attendeeName": name,
        "company": {"name": rng.choice(["Northwind", "Contoso", "Fabrikam", "Tailspin"]), "seats": rng.choice([5, 12, 40, 150])},
    }


def evaluation(campaign, kind, met, score):
    # Each campaign's assistant uses a different rubric, so every form the platform sends is shown.
    if campaign == "cmp-spring-renewals":
        return "true" if met else "false"  # pass/fail, as text
    if campaign == "cmp-clinic-reminders":
        return str(score)  # a score out of 10, as text
    word = {9: "Excellent", 8: "Good", 7: "Good", 6: "Fair"}.get(score, "Poor")
    return {"result": word, "reasoning": REASONS.get(kind, "The call did not reach its goal.")}


def tool_calls(campaign, kind, record, rng):
    """The tool the agent called in a call that did what it was for: name, arguments, result."""
    if kind != "done":
        return None
    suffix = record["id"][:6].upper()
    if campaign == "cmp-spring-renewals":
        return ("renew_policy", {"policyNumber": f"HM-{suffix}", "plan": "same-cover", "monthlyPremium": 42},
                {"status": "renewed", "confirmation": f"RN-{suffix}", "smsSent": True})
    if campaign == "cmp-clinic-reminders":
        return ("confirm_appointment", {"patientId": f"P-{suffix}", "channel": "sms"},
                {"confirmed": True, "message": "Confirmation text sent."})
    return ("book_demo", {"email": f"{first_name(record).lower()}@example.com", "slot": "2026-11-24T15:00:00Z", "durationMinutes": 15},
            {"booked": True, "calendarEventId": f"evt_{suffix.lower()}"})


def add_tool_call(record, call, rng):
    messages = messages_of(record)
    if not messages or call is None:
        return
    name, arguments, result = call
    # At the agent's last turn but one: where it completes the request before saying goodbye.
    agent = [i for i, m in enumerate(messages) if m.get("role") == "bot"]
    if len(agent) < 2:
        return
    at = agent[-2]
    turn = messages[at]
    start = turn.get("secondsFromStart", 0) + turn.get("duration", 0) / 1000.0
    time = turn.get("time", 0) + turn.get("duration", 0)
    took = rng.randint(350, 1400)
    call_id = f"call_{record['id'][:8]}"
    messages.insert(at + 1, {
        "role": "tool_calls", "time": time, "secondsFromStart": round(start, 3),
        "toolCalls": [{"id": call_id, "type": "function",
                       "function": {"name": name, "arguments": json.dumps(arguments)}}],
    })
    messages.insert(at + 2, {
        "role": "tool_call_result", "toolCallId": call_id, "name": name, "result": json.dumps(result),
        "time": time + took, "secondsFromStart": round(start + took / 1000.0, 3),
    })


def turn_latencies(record, rng):
    messages = messages_of(record) or []
    out = []
    last_user_end = None
    for m in messages:
        role = m.get("role")
        if role == "user":
            last_user_end = m.get("secondsFromStart", 0) + m.get("duration", 0) / 1000.0
        elif role == "bot" and last_user_end is not None:
            # The platform measures more than the recording's silence: the transcriber's final words and
            # the endpointing wait come before it; now and then the model is slow.
            model = rng.randint(380, 760) + (rng.randint(900, 1500) if rng.random() < 0.12 else 0)
            transcriber = rng.randint(60, 180)
            endpointing = rng.randint(150, 420)
            voice = rng.randint(120, 260)
            out.append({"transcriberLatency": transcriber, "endpointingLatency": endpointing,
                        "modelLatency": model, "voiceLatency": voice,
                        "turnLatency": transcriber + endpointing + model + voice})
            last_user_end = None
    return out


def cost_breakdown(record, rng):
    total = record.get("cost")
    if not isinstance(total, (int, float)) or total <= 0:
        return None
    messages = messages_of(record) or []
    spoken = sum(len(m.get("message", "")) for m in messages if m.get("role") == "bot")
    shares = {"transport": 0.11, "stt": 0.13, "llm": 0.33, "tts": 0.27, "vapi": 0.16}
    parts = {k: round(total * v, 4) for k, v in shares.items()}
    parts["total"] = total
    parts["llmPromptTokens"] = 900 + 180 * len(messages) + rng.randint(0, 300)
    parts["llmCompletionTokens"] = max(1, spoken // 4)
    parts["ttsCharacters"] = spoken
    return parts


def enrich(record):
    strip_added(record)
    rng = random.Random(record["id"])
    summary = (record.get("analysis") or {}).get("summary") or record.get("summary")
    if summary:
        kind, met, score = outcome_of(summary)
        analysis = record.setdefault("analysis", {})
        analysis["successEvaluation"] = evaluation(record.get("campaignId"), kind, met, score)
        analysis["structuredData"] = collected(record.get("campaignId"), kind, record, rng)
        add_tool_call(record, tool_calls(record.get("campaignId"), kind, record, rng), rng)
        latencies = turn_latencies(record, rng)
        if latencies:
            record["artifact"]["performanceMetrics"] = {"turnLatencies": latencies}
    breakdown = cost_breakdown(record, rng)
    if breakdown:
        record["costBreakdown"] = breakdown
    return record


def main():
    for path in sorted((OUT / "calls").glob("*.json")):
        record = enrich(json.loads(path.read_text()))
        path.write_text(json.dumps(record, indent=1) + "\n")
    for path in sorted((OUT / "campaigns").glob("*/calls.json")):
        page = json.loads(path.read_text())
        page["value"] = [enrich(r) for r in page["value"]]
        path.write_text(json.dumps(page, indent=1) + "\n")


if __name__ == "__main__":
    main()
