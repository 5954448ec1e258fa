#!/usr/bin/env python3
"""Generates a clearing instance shaped like the national one (issue 5, "Speed").

    clearing_generate.py --candidates 600000 --mean-wishes 5.07 --programs 4000 --seed 2025 --out DIR

writes DIR/programs.csv and DIR/wishes.csv in DOMAIN.md §7.2's formats. The same arguments
always give the same bytes.

Shape: about 250 institutions of 16 programmes; programme popularity is heavy-tailed and
quotas add up to about 90 % of the candidates; 10 % of programmes are admit_all and 30 % break
ties on a Mathematics score. Candidates have 1-15 wishes (binomial around the mean), ordered
mostly by the programmes' prestige; each wish's score is the candidate's ability plus a
subject-combination effect and priority points, in steps of 0.05 (0.01 for a few, as the
priority taper gives), so ties at cutoffs are common. Rows come in shuffled candidate order,
some candidates' wishes out of rank order, some ranks with gaps.
"""
import argparse
import bisect
import math
import os
import random

COMBINATIONS = 8


def wish_count_table(mean):
    """Cumulative probabilities of 1 + Binomial(14, p) with the requested mean."""
    p = min(max((mean - 1) / 14, 0.0), 1.0)
    probabilities = [math.comb(14, k) * p ** k * (1 - p) ** (14 - k) for k in range(15)]
    cumulative, total = [], 0.0
    for probability in probabilities:
        total += probability
        cumulative.append(total)
    return cumulative


def institution_code(index):
    letters = "ABCDEGHKLMNPQSTVXY"
    return "".join(letters[(index // len(letters) ** power) % len(letters)] for power in (2, 1, 0))


def make_programs(rng, count, candidates, strict_only):
    programs = []
    seen = set()
    for index in range(count):
        institution = institution_code(index // 16)
        while True:
            program_id = f"{institution}{rng.randrange(7140000, 7900000)}"
            if program_id not in seen:
                seen.add(program_id)
                break
        prestige = rng.gauss(0, 1)
        programs.append({
            "id": program_id,
            "prestige": prestige,
            "weight": math.exp(0.9 * prestige + rng.gauss(0, 0.6)),
            "size": math.exp(rng.gauss(0, 0.7)),
            "combination": rng.randrange(COMBINATIONS),
            "admit_all": not strict_only and rng.random() < 0.10,
            "tiebreak": rng.random() < 0.30,
        })
    seats = 0.90 * candidates
    scale = seats / sum(p["size"] for p in programs)
    for program in programs:
        program["quota"] = max(5, round(program["size"] * scale))
    return programs


def score_text(hundredths):
    return f"{hundredths // 100}.{hundredths % 100:02d}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--candidates", type=int, default=600_000)
    parser.add_argument("--mean-wishes", type=float, default=5.07)
    parser.add_argument("--programs", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--strict-only", action="store_true", help="no admit_all programmes (for libraries without ties)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)

    programs = make_programs(rng, args.programs, args.candidates, args.strict_only)
    with open(os.path.join(args.out, "programs.csv"), "w", newline="") as out:
        out.write("program_id,quota,tie_mode\n")
        for program in programs:
            out.write(f"{program['id']},{program['quota']},{'admit_all' if program['admit_all'] else 'strict'}\n")

    cumulative_weight = []
    total = 0.0
    for program in programs:
        total += program["weight"]
        cumulative_weight.append(total)
    wish_counts = wish_count_table(args.mean_wishes)

    serial = [0] * 64
    ids = []
    for _ in range(args.candidates):
        province = rng.randrange(1, 64)
        serial[province] += 1
        ids.append(f"{province:02d}{serial[province]:06d}")
    rng.shuffle(ids)

    gauss, uniform, choose = rng.gauss, rng.random, bisect.bisect
    lines = ["candidate_id,rank,program_id,score,tiebreak\n"]
    with open(os.path.join(args.out, "wishes.csv"), "w", newline="") as out:
        for candidate_id in ids:
            ability = gauss(0, 1)
            base = 19.5 + 3.2 * ability
            offsets = [gauss(0, 1.0) for _ in range(COMBINATIONS)]
            priority = (0, 0, 0.25, 0.5, 0.75)[int(uniform() * 5)] + (2.0 if uniform() < 0.02 else 0)
            math_tenths = 2 * max(0, min(50, round((6.5 + 1.6 * ability + gauss(0, 1)) * 5)))
            tiebreak = f"{math_tenths // 10}.{math_tenths % 10}"
            step = 1 if uniform() < 0.03 else 5
            count = choose(wish_counts, uniform() * wish_counts[-1]) + 1
            chosen = set()
            for _ in range(4 * count):
                chosen.add(choose(cumulative_weight, uniform() * total))
                if len(chosen) == count:
                    break
            ordered = sorted(chosen, key=lambda p: -(programs[p]["prestige"] + gauss(0, 0.8)))
            ranks = list(range(1, len(ordered) + 1))
            if uniform() < 0.02:
                ranks = [r + (r > 1) for r in ranks]
            rows = []
            for rank, index in zip(ranks, ordered):
                program = programs[index]
                score = base + offsets[program["combination"]] + priority
                hundredths = max(1000, min(3000, round(score * 100 / step) * step))
                rows.append(f"{candidate_id},{rank},{program['id']},{score_text(hundredths)},"
                            f"{tiebreak if program['tiebreak'] else ''}\n")
            if uniform() < 0.05:
                rng.shuffle(rows)
            lines.extend(rows)
            if len(lines) > 100_000:
                out.write("".join(lines))
                lines.clear()
        out.write("".join(lines))


if __name__ == "__main__":
    main()
