#!/usr/bin/env python3
"""The same clearing with PyPI's `matching` library (HospitalResident, resident-optimal), as a
third, independent implementation for scripts/bench/clearing.sh.

    clearing_matching.py --programs programs.csv --wishes wishes.csv --out assignment.csv

The library knows strict preferences only, so the instance must have no admit_all programmes
(clearing_generate.py --strict-only). Each programme's preference list is its applicants in the
order of DOMAIN.md §7.2: (score desc, tiebreak desc, rank asc, candidate_id asc).
"""
import argparse
import csv
import time

from matching.games import HospitalResident

from clearing_reference import fixed, read_programs, read_wishes


def main():
    parser = argparse.ArgumentParser(description="Clearing with matching.HospitalResident.")
    parser.add_argument("--programs", required=True)
    parser.add_argument("--wishes", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    programs, wishes = read_programs(args.programs), read_wishes(args.wishes)
    if any(admit_all for _, admit_all in programs.values()):
        raise SystemExit("matching.HospitalResident has no ties: use an instance without admit_all programmes")
    resident_prefs = {candidate: [program for _, program, _, _ in sorted(rows)] for candidate, rows in wishes.items()}
    applicants = {program: [] for program in programs}
    for candidate, rows in wishes.items():
        for rank, program, score, tiebreak in rows:
            applicants[program].append(((-score, -tiebreak, rank, candidate), candidate))
    hospital_prefs = {program: [candidate for _, candidate in sorted(ranked)] for program, ranked in applicants.items()}
    capacities = {program: quota for program, (quota, _) in programs.items()}
    built = time.perf_counter()
    game = HospitalResident.create_from_dictionaries(resident_prefs, hospital_prefs, capacities)
    solution = game.solve(optimal="resident")
    solved = time.perf_counter()
    assignment = sorted((resident.name, hospital.name) for hospital, residents in solution.items() for resident in residents)
    with open(args.out, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["candidate_id", "program_id"])
        writer.writerows(assignment)
    print(f"candidates {len(wishes)}, admitted {len(assignment)}; read and rank {built - started:.2f} s, "
          f"create and solve {solved - built:.2f} s")


if __name__ == "__main__":
    assert fixed("1.5") == 15000
    main()
