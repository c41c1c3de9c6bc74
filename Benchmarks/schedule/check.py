#!/usr/bin/env python3
"""Independent checker for Producer's ScheduleModel schedules.

    python3 check.py MODEL.json PLACEMENTS.json

PLACEMENTS.json is a list of placements ({room, start, people}, null for an unplaced session) or
an object with a "placements" key (cpsat.py's output). Checks every hard rule and computes the
cost with the breakdown of Swift's ScheduleCost, following ScheduleModel+Check.swift
(`violations(of:)` and `cost(of:)`) rule by rule, without sharing code with cpsat.py. Prints
{"valid", "violations", "cost": {"rooms", "people", "lateness", "moved", "total"}, "notes"}.
Exit status 0 when valid, 1 when not.

One point where the Swift check is stricter than its doc comment: it fills each need greedily
(the lowest-numbered unused candidates first, needs in order) instead of looking for any
matching. `violations` follows Swift; when a matching exists but the greedy fill fails, `notes`
says so.
"""
import json
import sys


def mask(start, length):
    return ((1 << length) - 1) << start if length < 64 else ((1 << 64) - 1) << start


def matching_exists(pool, needs):
    """Whether the needs (count, candidates) can be filled with distinct people from pool."""
    slots = []
    for count, cands in needs:
        slots += [set(cands) & pool] * count
    owner = {}

    def augment(i, seen):
        for p in slots[i]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = i
                return True
        return False

    return all(augment(i, set()) for i in range(len(slots)))


def check(m, placements):
    spd, D = m["slotsPerDay"], m["dayCount"]
    rooms, people, sessions = m["rooms"], m["people"], m["sessions"]
    problems, notes = [], []

    # ---- cost (ScheduleModel.cost(of:)) ----
    cost = {"rooms": 0, "people": 0, "lateness": 0, "moved": 0}
    room_slots, person_slots, person_sessions = {}, {}, {}
    for i, pl in enumerate(placements):
        if pl is None or i >= len(sessions):
            continue
        s = sessions[i]
        day = pl["start"] // spd
        if not (0 <= day < D):
            continue
        room_slots[(pl["room"], day)] = room_slots.get((pl["room"], day), 0) + s["durationSlots"]
        for p in pl["people"]:
            person_slots[(p, day)] = person_slots.get((p, day), 0) + s["durationSlots"]
            person_sessions[p] = person_sessions.get(p, 0) + 1
        due = s.get("dueDay")
        if due is not None and day > due:
            cost["lateness"] += (day - due) * m["latenessPenaltyPerDay"]
        prev = s.get("previous")
        if prev is not None and prev != pl:
            cost["moved"] += 1
    for (r, d), slots in room_slots.items():
        if slots <= 0 or not (0 <= r < len(rooms)):
            continue
        hourly = slots * rooms[r]["slotRate"]
        day_rate = rooms[r].get("dayRate")
        cost["rooms"] += hourly if day_rate is None else min(day_rate, hourly)
    for p, person in enumerate(people):
        unit, rate = person["rateUnit"], person["rate"]
        if unit == "flat":
            if person_sessions.get(p, 0) > 0:
                cost["people"] += rate
        elif unit == "session":
            cost["people"] += person_sessions.get(p, 0) * rate
        else:
            for d in range(D):
                slots = person_slots.get((p, d), 0)
                if slots <= 0:
                    continue
                if unit == "hour":
                    cost["people"] += max(slots, person.get("minimumSlots") or 0) * rate
                elif unit == "day":
                    cost["people"] += rate
                else:
                    problems.append(f"{person['name']}: unknown rate unit {unit}")
    cost["total"] = cost["rooms"] + cost["people"] + cost["lateness"]

    # ---- hard rules (ScheduleModel.violations(of:)) ----
    if len(placements) != len(sessions):
        return [f"{len(placements)} placements for {len(sessions)} sessions"], cost, notes
    room_busy = {}
    person_day = {}
    for i, pl in enumerate(placements):
        s = sessions[i]
        title, dur = s["title"], s["durationSlots"]
        if pl is None:
            problems.append(f"{title}: not placed")
            continue
        start = pl["start"]
        day, slot = start // spd, start % spd
        end = start + dur
        if not (0 <= day < D and slot + dur <= spd):
            problems.append(f"{title}: outside the horizon or across midnight")
            continue
        fixed = s.get("fixed")
        if fixed is not None and (fixed["room"], fixed["start"], list(fixed["people"])) != (pl["room"], start, list(pl["people"])):
            problems.append(f"{title}: a fixed session was moved")
        r = pl["room"]
        if not (0 <= r < len(rooms)):
            problems.append(f"{title}: no room {r}")
            continue
        room = rooms[r]
        mk = mask(slot, dur)
        if room["open"][day] & mk != mk:
            problems.append(f"{title}: {room['name']} is closed then")
        if room_busy.get((r, day), 0) & mk:
            problems.append(f"{title}: {room['name']} is double-booked")
        room_busy[(r, day)] = room_busy.get((r, day), 0) | mk
        if r not in s["rooms"]:
            problems.append(f"{title}: {room['name']} lacks the gear")
        if start < (s.get("releaseSlot") or 0):
            problems.append(f"{title}: starts before its release")
        if s.get("deadlineSlot") is not None and end > s["deadlineSlot"]:
            problems.append(f"{title}: ends after its deadline")
        for q in s["predecessors"]:
            before = placements[q]
            if before is not None and before["start"] + sessions[q]["durationSlots"] > start:
                problems.append(f"{title}: starts before {sessions[q]['title']} ends")
        ppl = pl["people"]
        if len(set(ppl)) != len(ppl):
            problems.append(f"{title}: someone is listed twice")
        expected = len(s["required"]) + sum(n["count"] for n in s["needs"])
        if len(ppl) != expected:
            problems.append(f"{title}: {len(ppl)} people instead of {expected}")
        for q in s["required"]:
            if q not in ppl:
                problems.append(f"{title}: {people[q]['name']} is missing")
        pool = set(ppl) - set(s["required"])
        greedy_failed = False
        for need in s["needs"]:
            filled = sorted(p for p in pool if p in need["candidates"])[: need["count"]]
            if len(filled) < need["count"]:
                problems.append(f"{title}: the {need['role']} need is not filled")
                greedy_failed = True
            pool -= set(filled)
        if greedy_failed and matching_exists(set(ppl) - set(s["required"]), [(n["count"], n["candidates"]) for n in s["needs"]]):
            notes.append(f"{title}: the needs can be filled by a matching, but not greedily as the Swift check does")
        heads = 0
        for p in ppl:
            if not (0 <= p < len(people)):
                continue
            heads += people[p]["headcount"]
            if people[p]["available"][day] & mk != mk:
                problems.append(f"{title}: {people[p]['name']} is not free")
            person_day.setdefault((p, day), []).append((start, end))
        if heads > room["capacity"]:
            problems.append(f"{title}: {heads} players in {room['name']}, which fits {room['capacity']}")
    for (p, d), spans in sorted(person_day.items()):
        spans = sorted(spans, key=lambda span: span[0])  # stable, like Swift's sort by start
        worked = 0
        for k, (a, b) in enumerate(spans):
            worked += b - a
            if k > 0 and a < spans[k - 1][1] + m["breakSlots"]:
                problems.append(f"{people[p]['name']}: two sessions without a break on day {d}")
        if worked > m["maxWorkSlotsPerDay"]:
            problems.append(f"{people[p]['name']}: works {worked} slots on day {d}")
    return problems, cost, notes


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    with open(sys.argv[1]) as f:
        m = json.load(f)
    with open(sys.argv[2]) as f:
        data = json.load(f)
    placements = data["placements"] if isinstance(data, dict) else data
    if placements is None:
        print(json.dumps({"valid": False, "violations": ["no placements"], "cost": None, "notes": []}))
        sys.exit(1)
    problems, cost, notes = check(m, placements)
    print(json.dumps({"valid": not problems, "violations": problems, "cost": cost, "notes": notes}, indent=1))
    sys.exit(0 if not problems else 1)


if __name__ == "__main__":
    main()
