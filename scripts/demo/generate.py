#!/usr/bin/env python3
"""Regenerates the bundled demo (public/demo/) from scripts/demo/description.json.

Every answered call gets a real recording: each turn of its transcript is spoken by espeak-ng (one voice for
the agent, another for the customer), the turns are joined with short pauses, and each message's
`secondsFromStart` is the measured position of its turn in the audio. The result is encoded as mono MP3 by
lame. Output is deterministic for a given description and seed (up to the encoders' own versions).

Needs: python3, espeak-ng, lame (Debian packages; scripts/make-demo installs them).
"""

import json
import math
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import uuid
import wave
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DESCRIPTION = ROOT / "scripts" / "demo" / "description.json"
OUT = ROOT / "public" / "demo"
URL_BASE = "/demo"

RATE = 22050  # espeak-ng's native rate; resampled by lame.
LEAD_IN = 0.8  # seconds of line noise before the first word
GAP = 0.55  # pause between turns


def iso(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def fill(text, slots):
    for key, value in slots.items():
        text = text.replace("{" + key + "}", value)
    return text


def speak(text, voice, workdir, index):
    """Speaks `text` and returns its 16-bit mono samples at RATE as bytes."""
    path = workdir / f"turn-{index}.wav"
    subprocess.run(
        ["espeak-ng", "-v", voice["voice"], "-s", str(voice["speed"]), "-p", str(voice["pitch"]),
         "-w", str(path), text],
        check=True,
    )
    with wave.open(str(path)) as w:
        assert w.getnchannels() == 1 and w.getsampwidth() == 2, "espeak-ng should write 16-bit mono"
        frames = w.readframes(w.getnframes())
        if w.getframerate() != RATE:
            raise SystemExit(f"espeak-ng wrote {w.getframerate()} Hz, expected {RATE}")
    return frames


def silence(seconds):
    return b"\x00\x00" * int(seconds * RATE)


def beep(seconds=0.35, freq=1000.0):
    n = int(seconds * RATE)
    return b"".join(struct.pack("<h", int(6000 * math.sin(2 * math.pi * freq * i / RATE))) for i in range(n))


def encode_mp3(pcm, path, workdir):
    wav_path = workdir / "call.wav"
    with wave.open(str(wav_path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm)
    subprocess.run(
        ["lame", "--quiet", "-m", "m", "-b", "24", "--resample", "16", "--tt", path.stem, str(wav_path), str(path)],
        check=True,
    )


def render_conversation(turns, voices, workdir, trailing_silence, cut_off):
    """Speaks the turns and returns (pcm, [(role, text, start_seconds, duration_seconds)])."""
    pcm = bytearray(silence(LEAD_IN))
    timeline = []
    for index, (role, text) in enumerate(turns):
        if role == "tool":
            timeline.append((role, text, len(pcm) / 2 / RATE, 0.0))
            continue
        if timeline:
            pcm += silence(GAP)
        start = len(pcm) / 2 / RATE
        spoken = speak(text, voices[role], workdir, index)
        pcm += spoken
        timeline.append((role, text, start, len(spoken) / 2 / RATE))
        if role == "voicemail":
            pcm += silence(0.3) + beep()
    if not cut_off:
        pcm += silence(0.6 + trailing_silence)
    return bytes(pcm), timeline


def build_call(rng, campaign, spec, outcome, customer, slots, voices, workdir, day0, days):
    call_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    created = day0 + timedelta(days=rng.randrange(days), hours=rng.randint(9, 17), minutes=rng.randrange(60),
                               seconds=rng.randrange(60))
    shape = spec.get("shape", "vapi")
    connected = outcome.get("connected", True)
    status = outcome.get("status", "ended")
    number = "+1555" + f"{rng.randrange(10**7):07d}"
    record = {
        "id": call_id,
        "orgId": "org-demo",
        "type": "outboundPhoneCall",
        "campaignId": campaign["id"],
        "assistantId": "asst-" + campaign["agent"].lower(),
        "createdAt": iso(created),
        "updatedAt": iso(created + timedelta(minutes=5)),
        "status": status,
        "customer": {"number": number, "name": customer},
    }
    if outcome.get("endedReason"):
        key = "EndedReason" if shape == "atlas" else "endedReason"
        record[key] = outcome["endedReason"]

    if not connected:
        if status == "in-progress":
            record["startedAt"] = iso(created + timedelta(seconds=4))
        elif status == "ended":
            record["endedAt"] = iso(created + timedelta(seconds=rng.randint(3, 30)))
        return record, None

    started = created + timedelta(seconds=rng.randint(3, 12))
    slot_values = dict(slots, first=customer.split()[0])
    turns = [(role, fill(text, slot_values)) for role, text in outcome["turns"]]
    pcm, timeline = render_conversation(turns, voices, workdir, outcome.get("trailingSilence", 0),
                                        cut_off=spec.get("outcome") == "dropped" or spec == "dropped")
    seconds = len(pcm) / 2 / RATE
    ended = started + timedelta(seconds=seconds)
    start_ms = int(started.timestamp() * 1000)

    system_prompt = (f"You are {campaign['agent']}, a friendly voice agent for {campaign['company']}. "
                     f"Call the customer because {slots['purpose']}, and offer to {slots['offer']}. "
                     "Be brief, never pushy, and end the call politely.")
    messages = [{"role": "system", "message": system_prompt, "time": start_ms, "secondsFromStart": 0}]
    transcript_lines = []
    for role, text, at, length in timeline:
        wire_role = {"agent": "bot", "customer": "user", "voicemail": "user", "tool": "tool_calls"}[role]
        message = {"role": wire_role, "time": start_ms + int(at * 1000), "secondsFromStart": round(at, 3)}
        if role == "tool":
            message["toolCalls"] = [{"id": "tc-" + call_id[:8], "type": "function",
                                     "function": {"name": text, "arguments": "{}"}}]
        else:
            message.update({"message": text, "endTime": start_ms + int((at + length) * 1000),
                            "duration": int(length * 1000)})
            transcript_lines.append(("AI: " if role == "agent" else "User: ") + text)
        messages.append(message)
    transcript = "\n".join(transcript_lines)
    summary = None if spec.get("noSummary") else fill(outcome["summary"], slot_values)
    recording_url = None if spec.get("noRecording") else f"{URL_BASE}/recordings/{call_id}.mp3"

    record["startedAt"] = iso(started)
    record["endedAt"] = iso(ended)
    record["cost"] = round(0.05 + seconds * 0.0021, 4)
    if shape == "atlas":
        record["status"] = "completed"
        record["duration"] = round(seconds, 2)
        record["messages"] = [m for m in messages if m["role"] != "system"]
        record["transcript"] = transcript
        if summary:
            record["summary"] = summary
        if recording_url:
            record["recordingUrl"] = recording_url
    else:
        artifact = {"transcript": transcript}
        if shape != "plain-transcript":
            artifact["messages"] = messages
        if recording_url:
            artifact["recordingUrl"] = recording_url
            artifact["recording"] = {"mono": {"combinedUrl": recording_url}}
        record["artifact"] = artifact
        analysis = {"successEvaluation": "true" if outcome["endedReason"].startswith("assistant") else "false"}
        if summary:
            analysis["summary"] = summary
        record["analysis"] = analysis
    # A recording the storage has since deleted: the link stays, the file does not.
    keep_audio = recording_url is not None and not spec.get("goneRecording")
    return record, (pcm if keep_audio else None)


def share_numbers(calls, callers=2):
    """Campaigns call numbers more than once: the first `callers` calls of a campaign that reached
    nobody were to the number that a later call of the campaign reached (a household, a second try),
    written as people type it, so that "Other calls to this number" has something to show and number
    grouping is exercised. Draws nothing from the random stream, so every other byte stays the same."""
    ordered = sorted(calls, key=lambda r: r["createdAt"])
    unreached = [r for r in ordered if "startedAt" not in r]
    reached = [r for r in ordered if "startedAt" in r]
    for record in unreached[:callers]:
        later = next((r for r in reached if r["createdAt"] > record["createdAt"]), None)
        if later is None:
            continue
        digits = later["customer"]["number"][2:]
        record["customer"]["number"] = f"+1 ({digits[:3]}) {digits[3:6]}-{digits[6:]}"


def main():
    for tool in ("espeak-ng", "lame"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: run scripts/make-demo, which installs it")
    desc = json.loads(DESCRIPTION.read_text())
    rng = random.Random(desc["seed"])
    day0 = datetime.fromisoformat(desc["firstDay"]).replace(tzinfo=timezone.utc)
    names = list(desc["names"])
    rng.shuffle(names)
    name_index = 0

    if OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "recordings").mkdir(parents=True)
    (OUT / "calls").mkdir()
    (OUT / "campaigns").mkdir()

    campaigns_out = []
    total_calls = 0
    total_recordings = 0
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for campaign in desc["campaigns"]:
            slots = {k: campaign[k] for k in ("agent", "company", "purpose", "offer", "done")}
            slots["voicemailText"] = campaign["voicemail"][0].upper() + campaign["voicemail"][1:]
            calls = []
            for spec in campaign["calls"]:
                spec = {"outcome": spec} if isinstance(spec, str) else spec
                outcome = desc["outcomes"][spec["outcome"]]
                customer = names[name_index % len(names)]
                name_index += 1
                record, pcm = build_call(rng, campaign, spec, outcome, customer, slots, desc["voices"], workdir,
                                         day0, desc["days"])
                if pcm is not None:
                    encode_mp3(pcm, OUT / "recordings" / f"{record['id']}.mp3", workdir)
                    total_recordings += 1
                calls.append(record)
            share_numbers(calls)
            for record in calls:
                (OUT / "calls" / f"{record['id']}.json").write_text(json.dumps(record, indent=1) + "\n")
            calls.sort(key=lambda r: r["createdAt"], reverse=True)
            total_calls += len(calls)
            summary = {k: campaign[k] for k in ("id", "name", "status", "description", "createdAt")}
            summary["callCount"] = len(calls)
            campaigns_out.append(summary)
            (OUT / "campaigns" / f"{campaign['id']}.json").write_text(json.dumps(summary, indent=1) + "\n")
            (OUT / "campaigns" / campaign["id"]).mkdir()
            # The list comes wrapped, as the Atlas API wraps it.
            (OUT / "campaigns" / campaign["id"] / "calls.json").write_text(
                json.dumps({"value": calls}, indent=1) + "\n")
    (OUT / "campaigns.json").write_text(json.dumps({"value": campaigns_out}, indent=1) + "\n")
    size = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"demo: {len(campaigns_out)} campaigns, {total_calls} calls, {total_recordings} recordings, "
          f"{size / 1e6:.2f} MB in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
