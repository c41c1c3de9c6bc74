#!/usr/bin/env python3
"""OR-Tools CP-SAT on Producer's ScheduleModel (the JSON that `schedule-bench --export DIR` writes).

    python3 cpsat.py MODEL.json [--time-limit 60] [--workers 2] [--checkpoints 10,60] [--out RESULT.json]

Builds the exact model of Sources/ProducerOffice/Scheduling/ScheduleModel.swift (hard rules) and
ScheduleModel+Check.swift (`cost(of:)`), minimises the total cost and records every improving
solution with its wall time, so one run gives the best cost at each checkpoint. Times are seconds
since the solve started (model building is reported apart as `buildSeconds`).

Encoding, per session s (slots are absolute: day * slotsPerDay + t):
  start[s] = slotsPerDay * day[s] + tod[s], 0 <= tod[s] <= slotsPerDay - duration (never across
  midnight); its domain is every start that respects release, deadline, the required people's
  availability and at least one allowed room's opening hours. dayIs[s][d] <=> day[s] == d.
  room[s][k] (k in session.rooms, exactly one): start in the room's open starts when chosen;
  optional interval [start, start + duration) per room, NoOverlap per room.
  pick[s][n][p]: candidate p fills need n; sum = count; a person fills at most one need and is
  never a required person; in[s][p] = sum over needs; start in p's free starts when chosen.
  Capacity: sum of head counts of required + chosen people <= capacity of the chosen room.
  Person no-overlap with the break: per (s, p) an optional interval [start, start + duration +
  min(breakSlots, slotsPerDay - tod - duration)) (the break stretched only to midnight, so it
  binds on the same day only, exactly like the Swift check); NoOverlap per person.
  Work per person-day: z[s][p][d] = in[s][p] AND dayIs[s][d]; sum duration * z <= maxWorkSlotsPerDay.
  Predecessors: start[s] >= start[q] + duration[q].
  Fixed: room, start and people are fixed to the fixed placement.
Cost (exact, every auxiliary is an equality so each incumbent's objective is its Swift cost):
  room-day: slots = sum duration * (room AND dayIs); cost = min(dayRate, slots * slotRate) (or
  slots * slotRate without a day rate); person-day worked = OR of z; hour: rate * max(slots,
  minimumSlots * worked); day: rate * worked; session: rate * number of sessions; flat: rate *
  (OR over sessions); lateness: sum_d max(0, d - dueDay) * penalty * dayIs[s][d].
"""
import argparse
import json
import sys
import time

from ortools.sat.python import cp_model
from ortools.util.python import sorted_interval_list

Domain = sorted_interval_list.Domain


def load(path):
    with open(path) as f:
        return json.load(f)


def full_mask(start, length):
    return ((1 << length) - 1) << start


class Builder:
    def __init__(self, m):
        self.m = m
        self.spd = m["slotsPerDay"]
        self.days = m["dayCount"]
        self.model = cp_model.CpModel()
        self.infeasible_reasons = []

    def starts_where(self, s, masks):
        """Absolute starts of session s (within release/deadline/midnight) whose slots are all set in masks[day]."""
        dur = s["durationSlots"]
        rel = s.get("releaseSlot") or 0
        dl = s.get("deadlineSlot")
        key = (dur, rel, dl, tuple(masks))
        cache = self.__dict__.setdefault("_starts_cache", {})
        if key not in cache:
            cache[key] = frozenset(self._starts_where(dur, rel, dl, masks))
        return cache[key]

    def _starts_where(self, dur, rel, dl, masks):
        out = []
        for d in range(self.days):
            day_mask = masks[d] if d < len(masks) else 0
            for t in range(0, self.spd - dur + 1):
                a = d * self.spd + t
                if a < rel or (dl is not None and a + dur > dl):
                    continue
                mk = full_mask(t, dur)
                if day_mask & mk == mk:
                    out.append(a)
        return out

    def build(self):
        m, M, spd, D = self.m, self.model, self.spd, self.days
        rooms, people, sessions = m["rooms"], m["people"], m["sessions"]
        brk = m["breakSlots"]
        everything = [(1 << 64) - 1] * D
        self.start, self.day, self.dayIs, self.room, self.pick, self.inp = {}, {}, {}, {}, {}, {}
        room_intervals = {k: [] for k in range(len(rooms))}
        person_intervals = {p: [] for p in range(len(people))}
        # z terms per (person, day) and (room, day): list of (duration, bool)
        pd_terms, rd_terms, sess_terms = {}, {}, {}
        objective = []
        self.const_cost = 0

        # The work limit can only bind on a day when the person is free for more slots than it.
        maxw = m["maxWorkSlotsPerDay"]
        day_free = [[bin(people[p]["available"][d] if d < len(people[p]["available"]) else 0).count("1") for d in range(D)] for p in range(len(people))]
        work_limited = [any(f > maxw for f in day_free[p]) for p in range(len(people))]

        for si, s in enumerate(sessions):
            dur = s["durationSlots"]
            required = list(dict.fromkeys(s["required"]))
            base = set(self.starts_where(s, everything))
            for p in required:
                base &= set(self.starts_where(s, people[p]["available"]))
            fixed = s.get("fixed")
            if fixed is not None:
                base &= {fixed["start"]}
            room_starts = {}
            for k in dict.fromkeys(s["rooms"]):
                if fixed is not None and fixed["room"] != k:
                    continue
                if not (0 <= k < len(rooms)):
                    continue
                room_starts[k] = sorted(base & set(self.starts_where(s, rooms[k]["open"])))
            allowed = sorted(set().union(*room_starts.values())) if room_starts else []
            if not allowed:
                self.infeasible_reasons.append(f"{s['title']}: no start fits its room, release, deadline and required people")
                M.AddBoolOr([])  # false: the instance is infeasible
                allowed = [0]
            start = M.NewIntVarFromDomain(Domain.FromValues(allowed), f"start{si}")
            day_vals = sorted({a // spd for a in allowed})
            day = M.NewIntVarFromDomain(Domain.FromValues(day_vals), f"day{si}")
            tod = M.NewIntVar(0, max(0, spd - dur), f"tod{si}")
            M.Add(start == spd * day + tod)
            dayIs = {}
            for d in day_vals:
                b = M.NewBoolVar(f"d{si}_{d}")
                dayIs[d] = b
            M.AddExactlyOne(dayIs.values())
            M.Add(day == sum(d * b for d, b in dayIs.items()))
            self.start[si], self.day[si], self.dayIs[si] = start, day, dayIs

            # Rooms.
            rvars = {}
            room_day_w = {}
            for k, starts in room_starts.items():
                if not starts:
                    continue
                b = M.NewBoolVar(f"room{si}_{k}")
                rvars[k] = b
                if len(starts) < len(allowed):
                    M.AddLinearExpressionInDomain(start, Domain.FromValues(starts)).OnlyEnforceIf(b)
                room_intervals[k].append(M.NewOptionalFixedSizeIntervalVar(start, dur, b, f"ri{si}_{k}"))
                # w[k][d] = room k AND day d, as an assignment: sum_d w = room, sum_k w = dayIs.
                ws = []
                for d in sorted({a // spd for a in starts}):
                    w = M.NewBoolVar(f"w{si}_{k}_{d}")
                    ws.append(w)
                    room_day_w.setdefault(d, []).append(w)
                    rd_terms.setdefault((k, d), []).append((dur, w))
                M.Add(cp_model.LinearExpr.Sum(ws) == b)
            if rvars:
                M.AddExactlyOne(rvars.values())
            else:
                M.AddBoolOr([])
            for d in day_vals:
                M.Add(cp_model.LinearExpr.Sum(room_day_w.get(d, [])) == dayIs[d])
            self.room[si] = rvars

            # People: required always there; needs filled from candidates.
            fixed_people = set(fixed["people"]) if fixed is not None else None
            if fixed is not None and (len(fixed_people) != len(fixed["people"]) or not set(required) <= fixed_people):
                self.infeasible_reasons.append(f"{s['title']}: the fixed placement lists someone twice or lacks a required person")
                M.AddBoolOr([])
            picks = []  # per need: {p: bool}
            cand_bools = {}
            for ni, need in enumerate(s["needs"]):
                pv = {}
                for p in dict.fromkeys(need["candidates"]):
                    if p in required or not (0 <= p < len(people)):
                        continue
                    if fixed_people is not None and p not in fixed_people:
                        continue
                    ps = base & set(self.starts_where(s, people[p]["available"]))
                    if not ps:
                        continue
                    b = M.NewBoolVar(f"pick{si}_{ni}_{p}")
                    pv[p] = b
                    cand_bools.setdefault(p, []).append(b)
                if len(pv) < need["count"]:
                    self.infeasible_reasons.append(f"{s['title']}: the {need['role']} need has {len(pv)} usable candidates for {need['count']}")
                if pv:
                    M.Add(cp_model.LinearExpr.Sum(list(pv.values())) == need["count"])
                elif need["count"] > 0:
                    M.AddBoolOr([])
                picks.append(pv)
            self.pick[si] = picks
            inp = {}
            for p in required:
                inp[p] = 1
            for p, bs in cand_bools.items():
                if len(bs) == 1:
                    inp[p] = bs[0]
                else:
                    v = M.NewBoolVar(f"in{si}_{p}")
                    M.Add(v == sum(bs))  # at most one need per person
                    inp[p] = v
            if fixed_people is not None:
                for p in fixed_people:
                    if p not in inp:
                        self.infeasible_reasons.append(f"{s['title']}: fixed person {p} cannot be placed")
                        M.AddBoolOr([])
                    elif not isinstance(inp[p], int):
                        M.Add(inp[p] == 1)
            self.inp[si] = inp
            person_starts = {}
            for p, v in inp.items():
                ps = sorted(set(allowed) & set(self.starts_where(s, people[p]["available"])))
                person_starts[p] = ps
                if isinstance(v, int):
                    continue
                if len(ps) < len(allowed):
                    M.AddLinearExpressionInDomain(start, Domain.FromValues(ps)).OnlyEnforceIf(v)

            # Capacity.
            req_heads = sum(people[p]["headcount"] for p in required)
            heads = req_heads + sum(people[p]["headcount"] * v for p, v in inp.items() if not isinstance(v, int))
            caps = {k: rooms[k]["capacity"] for k in rvars}
            if caps and min(caps.values()) < req_heads + sum(n["count"] * max([people[p]["headcount"] for p in pv] or [0]) for n, pv in zip(s["needs"], picks)):
                M.Add(heads <= sum(c * rvars[k] for k, c in caps.items()))

            # Person intervals with the break stretched at most to midnight: a fixed size
            # duration + break when every start the person allows leaves room for the whole
            # break before midnight, else a variable size.
            extra = ext_end = None
            person_day_z = {}
            for p, v in inp.items():
                ps = person_starts[p]
                if brk == 0 or all(a % spd + dur + brk <= spd for a in ps):
                    size = dur + brk
                    if isinstance(v, int):
                        iv = M.NewFixedSizeIntervalVar(start, size, f"pi{si}_{p}")
                    else:
                        iv = M.NewOptionalFixedSizeIntervalVar(start, size, v, f"pi{si}_{p}")
                else:
                    if extra is None:
                        extra = M.NewIntVar(0, brk, f"brk{si}")
                        M.AddMinEquality(extra, [brk, spd - dur - tod])
                        ext_end = M.NewIntVar(0, D * spd + spd, f"ext{si}")
                        M.Add(ext_end == start + dur + extra)
                    if isinstance(v, int):
                        iv = M.NewIntervalVar(start, dur + extra, ext_end, f"pi{si}_{p}")
                    else:
                        iv = M.NewOptionalIntervalVar(start, dur + extra, ext_end, v, f"pi{si}_{p}")
                person_intervals[p].append(iv)
                sess_terms.setdefault(p, []).append(v)
                # Person-day indicators, only where a per-day cost or the work limit needs them.
                if not (people[p]["rateUnit"] in ("hour", "day") or work_limited[p]):
                    continue
                # z[d] = in AND day d, as an assignment: sum_d z = in, z <= dayIs[d].
                if isinstance(v, int):
                    for d in day_vals:
                        pd_terms.setdefault((p, d), []).append((dur, dayIs[d]))
                    continue
                zs = []
                for d in sorted({a // spd for a in ps}):
                    z = M.NewBoolVar(f"z{si}_{p}_{d}")
                    M.AddImplication(z, dayIs[d])
                    zs.append(z)
                    person_day_z[(p, d)] = z
                    pd_terms.setdefault((p, d), []).append((dur, z))
                M.Add(cp_model.LinearExpr.Sum(zs) == v)
            # Redundant, for the LP: a need whose candidates all have day indicators fills its
            # count on the session's day.
            for ni, pv in enumerate(picks):
                owners = [p for p in pv if sum(p in other for other in picks) == 1]
                if pv and len(owners) == len(pv) and all(any(key[0] == p for key in person_day_z) for p in pv):
                    for d in day_vals:
                        M.Add(cp_model.LinearExpr.Sum([person_day_z[(p, d)] for p in pv if (p, d) in person_day_z]) == s["needs"][ni]["count"] * dayIs[d])

            # Lateness.
            due = s.get("dueDay")
            if due is not None:
                for d, b in dayIs.items():
                    if d > due:
                        objective.append((d - due) * m["latenessPenaltyPerDay"] * b)

            # Predecessors (added after all starts exist).
        for si, s in enumerate(sessions):
            for q in s["predecessors"]:
                M.Add(self.start[si] >= self.start[q] + sessions[q]["durationSlots"])

        for k, ivs in room_intervals.items():
            if len(ivs) > 1:
                M.AddNoOverlap(ivs)
        for p, ivs in person_intervals.items():
            if len(ivs) > 1:
                M.AddNoOverlap(ivs)

        # Work per person-day.
        for (p, d), terms in pd_terms.items():
            if day_free[p][d] > maxw and sum(t[0] for t in terms) > maxw:
                M.Add(sum(dur * z for dur, z in terms) <= maxw)

        # Room costs.
        for (k, d), terms in rd_terms.items():
            room = rooms[k]
            slots_expr = sum(dur * w for dur, w in terms)
            hourly_max = sum(t[0] for t in terms) * room["slotRate"]
            if room.get("dayRate") is None or room["dayRate"] >= hourly_max:
                objective.append(room["slotRate"] * slots_expr)
            else:
                c = M.NewIntVar(0, room["dayRate"], f"rc{k}_{d}")
                M.AddMinEquality(c, [room["dayRate"], room["slotRate"] * slots_expr])
                objective.append(c)

        # People costs.
        for p, person in enumerate(people):
            unit, rate = person["rateUnit"], person["rate"]
            if unit == "flat":
                vs = sess_terms.get(p, [])
                if not vs:
                    continue
                if any(isinstance(v, int) for v in vs):
                    self.const_cost += rate
                    continue
                booked = M.NewBoolVar(f"booked{p}")
                M.AddMaxEquality(booked, vs)
                objective.append(rate * booked)
            elif unit == "session":
                for v in sess_terms.get(p, []):
                    if isinstance(v, int):
                        self.const_cost += rate
                    else:
                        objective.append(rate * v)
            else:
                for d in range(D):
                    terms = pd_terms.get((p, d))
                    if not terms:
                        continue
                    zs = [z for _, z in terms]
                    worked = M.NewBoolVar(f"worked{p}_{d}")
                    M.AddMaxEquality(worked, zs)
                    if unit == "day":
                        objective.append(rate * worked)
                    elif unit == "hour":
                        slots_expr = sum(dur * z for dur, z in terms)
                        mins = person.get("minimumSlots") or 0
                        top = max(sum(t[0] for t in terms), mins)
                        paid = M.NewIntVar(0, top, f"paid{p}_{d}")
                        if mins > 0:
                            M.AddMaxEquality(paid, [slots_expr, mins * worked])
                        else:
                            M.Add(paid == slots_expr)
                        objective.append(rate * paid)
                    else:
                        raise ValueError(f"unknown rate unit {unit}")
        M.Minimize(cp_model.LinearExpr.Sum(objective) + self.const_cost)

    def placements(self, solver):
        out = []
        for si, s in enumerate(self.m["sessions"]):
            if s.get("fixed") is not None:
                out.append(s["fixed"])
                continue
            start = solver.Value(self.start[si])
            room = next(k for k, b in self.room[si].items() if solver.BooleanValue(b))
            ppl = list(dict.fromkeys(s["required"]))
            for pv in self.pick[si]:
                ppl += sorted(p for p, b in pv.items() if solver.BooleanValue(b))
            out.append({"room": room, "start": start, "people": ppl})
        return out


class Recorder(cp_model.CpSolverSolutionCallback):
    def __init__(self, t0):
        super().__init__()
        self.t0 = t0
        self.log = []

    def on_solution_callback(self):
        self.log.append((time.perf_counter() - self.t0, int(round(self.ObjectiveValue()))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model")
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--checkpoints", default="10,60")
    ap.add_argument("--out")
    ap.add_argument("--strategy", choices=["none", "earliest"], default="earliest",
                    help="earliest: branch on session starts, lowest first (a chronological list schedule)")
    ap.add_argument("--log", action="store_true", help="print CP-SAT's search log")
    ap.add_argument("--params", default="symmetry_level:0 cp_model_probing_level:0",
                    help="SatParameters as name:value pairs (default: light presolve, which finds first solutions "
                    "much sooner on 2 cores; pass '' for stock CP-SAT)")
    args = ap.parse_args()

    t_build = time.perf_counter()
    m = load(args.model)
    b = Builder(m)
    b.build()
    if args.strategy == "earliest":
        b.model.AddDecisionStrategy(list(b.start.values()), cp_model.CHOOSE_LOWEST_MIN, cp_model.SELECT_MIN_VALUE)
    build_seconds = time.perf_counter() - t_build

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = args.time_limit
    solver.parameters.num_workers = args.workers
    solver.parameters.log_search_progress = args.log
    for item in args.params.split():
        key, value = item.split(":", 1)
        current = getattr(solver.parameters, key)
        if isinstance(current, bool):
            value = value.lower() in ("1", "true")
        setattr(solver.parameters, key, type(current)(value))
    t0 = time.perf_counter()
    rec = Recorder(t0)
    status = solver.Solve(b.model, rec)
    wall = time.perf_counter() - t0

    name = solver.StatusName(status)
    if name == "MODEL_INVALID":
        print(b.model.Validate(), file=sys.stderr)
    checkpoints = [c.strip() for c in args.checkpoints.split(",") if c.strip()]
    best_at = {}
    for c in checkpoints:
        vals = [obj for t, obj in rec.log if t <= float(c)]
        best_at[c] = min(vals) if vals else None
    has_solution = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    result = {
        "model": args.model,
        "status": name,
        "firstSolutionSeconds": round(rec.log[0][0], 3) if rec.log else None,
        "bestCostAt": best_at,
        "bestCost": int(round(solver.ObjectiveValue())) if has_solution else None,
        "bestBound": int(round(solver.BestObjectiveBound())) if status != cp_model.INFEASIBLE else None,
        "infeasibleProvedSeconds": round(wall, 3) if status == cp_model.INFEASIBLE else None,
        "wallSeconds": round(wall, 3),
        "buildSeconds": round(build_seconds, 3),
        "workers": args.workers,
        "timeLimit": args.time_limit,
        "params": args.params,
        "strategy": args.strategy,
        "incumbents": [[round(t, 3), obj] for t, obj in rec.log],
        "presolveNotes": b.infeasible_reasons,
        "placements": b.placements(solver) if has_solution else None,
    }
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)
        shown = {k: v for k, v in result.items() if k not in ("placements", "incumbents")}
        print(json.dumps(shown))
    else:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
