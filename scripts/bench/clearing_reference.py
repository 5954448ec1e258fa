#!/usr/bin/env python3
"""Plain-Python reference for `nemis admissions clear` (DOMAIN.md §7.2): student-proposing
deferred acceptance with one heap per programme, the same CSV files in and out.

    clearing_reference.py --programs programs.csv --wishes wishes.csv --out assignment.csv [--cutoffs cutoffs.csv]

Written for clarity, not speed, and independently of the Swift code: priorities are Python
tuples (score, tiebreak, -rank, -position) with scores as integer ten-thousandths, and
candidate_id order is Python's string order. Input is assumed valid (nemis checks it).
"""
import argparse
import csv
import heapq
import re
import sys
import time

SCORE = re.compile(r"[0-9]+(\.[0-9]{1,4})?\Z")


def fixed(text):
    """'25.35' -> 253500 (ten-thousandths); never a float."""
    if not SCORE.match(text):
        sys.exit(f"not a score with at most 4 decimal places: {text!r}")
    whole, _, fraction = text.partition(".")
    return int(whole) * 10000 + int(fraction.ljust(4, "0"))


def decimal_text(units):
    whole, fraction = divmod(units, 10000)
    return str(whole) if fraction == 0 else f"{whole}.{fraction:04d}".rstrip("0")


def read_programs(path):
    with open(path, newline="", encoding="utf-8-sig") as file:
        return {row["program_id"]: (int(row["quota"]), (row.get("tie_mode") or "strict") == "admit_all")
                for row in csv.DictReader(file)}


def read_wishes(path):
    wishes = {}
    with open(path, newline="", encoding="utf-8-sig") as file:
        for row in csv.DictReader(file):
            wishes.setdefault(row["candidate_id"], []).append(
                (int(row["rank"]), row["program_id"], fixed(row["score"]), fixed(row.get("tiebreak") or "0")))
    return wishes


def trim(heap, quota, admit_all):
    """Drops the weakest applicants beyond the quota; admit_all drops whole tie groups, and only
    while the applicants strictly above the group still fill the quota. Returns the rejected."""
    rejected = []
    while len(heap) > quota:
        if not admit_all:
            rejected.append(heapq.heappop(heap))
            continue
        group = heap[0][:3]
        members = []
        while heap and heap[0][:3] == group:
            members.append(heapq.heappop(heap))
        if len(heap) >= quota:
            rejected.extend(members)
        else:
            for member in members:
                heapq.heappush(heap, member)
            break
    return rejected


def clear(programs, wishes):
    ids = sorted(wishes)  # position in string order is the strict tie order
    lists = [[(program, (score, tiebreak, -rank, -position))
              for rank, program, score, tiebreak in sorted(wishes[candidate])]
             for position, candidate in enumerate(ids)]
    held = {program: [] for program in programs}
    next_wish = [0] * len(ids)
    free = list(range(len(ids) - 1, -1, -1))
    while free:
        candidate = free.pop()
        while next_wish[candidate] < len(lists[candidate]):
            program, key = lists[candidate][next_wish[candidate]]
            quota, admit_all = programs[program]
            heapq.heappush(held[program], key)
            rejected = [-key[3] for key in trim(held[program], quota, admit_all)]
            for other in rejected:
                next_wish[other] += 1
                if other != candidate:
                    free.append(other)
            if candidate not in rejected:
                break
    assignment = [(ids[c], lists[c][next_wish[c]][0]) for c in range(len(ids)) if next_wish[c] < len(lists[c])]
    return assignment, held


def main():
    parser = argparse.ArgumentParser(description="Reference clearing by deferred acceptance.")
    parser.add_argument("--programs", required=True)
    parser.add_argument("--wishes", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--cutoffs")
    args = parser.parse_args()
    started = time.perf_counter()
    programs, wishes = read_programs(args.programs), read_wishes(args.wishes)
    read = time.perf_counter()
    assignment, held = clear(programs, wishes)
    cleared = time.perf_counter()
    with open(args.out, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["candidate_id", "program_id"])
        writer.writerows(assignment)
    if args.cutoffs:
        with open(args.cutoffs, "w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(["program_id", "quota", "admitted", "cutoff_score", "cutoff_tiebreak", "cutoff_rank"])
            for program in sorted(programs):
                quota, heap = programs[program][0], held[program]
                weakest = heap[0] if heap and len(heap) >= quota else None
                writer.writerow([program, quota, len(heap)] + (
                    [decimal_text(weakest[0]), decimal_text(weakest[1]), -weakest[2]] if weakest else ["", "", ""]))
    print(f"candidates {len(wishes)}, admitted {len(assignment)}; read {read - started:.2f} s, "
          f"deferred acceptance {cleared - read:.2f} s, write {time.perf_counter() - cleared:.2f} s")


if __name__ == "__main__":
    main()
