#!/usr/bin/env python3
"""Scores a matcher's decisions on identity_records.py's labelled records (issue 4).

    identity_score.py --records DIR/records.csv --decisions decisions.csv [--label NAME]

decisions.csv: record_id,status,linked_id,candidate_id,weight (other columns ignored). linked_id is the registry ID
the record was linked to without a person (verified, verified_with_corrections, auto_linked,
or a search that linked after a failed ID); candidate_id is proposed for review (several
IDs may be separated by "|" or ";", as for ambiguous records). Either may be empty.

Prints a markdown report: status counts against the expected ones; precision and recall of
each status; automatic-link precision and the wrong links (to someone else, or for a person
who is not in the registry at all); recall of the person behind each record among links and
candidates; link F1 over record -> person pairs, for automatic links alone and for automatic
links plus review candidates (every proposed candidate counts as a predicted pair, so an
ambiguous list of three costs precision). Exits 1 when a record has no decision (or two).
"""
import argparse
import collections
import csv
import sys

STATUSES = ["verified", "verified_with_corrections", "mismatch", "id_invalid", "id_not_found",
            "candidate_found", "auto_linked", "not_found", "ambiguous"]


def ids(cell):
    return [part for part in cell.replace(";", "|").replace(" ", "|").split("|") if part]


def ratio(numerator, denominator):
    return f"{numerator / denominator:.4f}" if denominator else "n/a"


def f1(precision_num, precision_den, recall_num, recall_den):
    if not precision_den or not recall_den or not precision_num:
        return "n/a" if not precision_den or not recall_den else "0.0000"
    p, r = precision_num / precision_den, recall_num / recall_den
    return f"{2 * p * r / (p + r):.4f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", required=True)
    parser.add_argument("--decisions", required=True)
    parser.add_argument("--label", default="")
    args = parser.parse_args()

    truth, expected = {}, {}
    with open(args.records, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            truth[row["record_id"]] = row["truth_id"]
            expected[row["record_id"]] = row["expected_status"]

    decided = {}
    duplicates = unknown = 0
    with open(args.decisions, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            record_id = row["record_id"]
            if record_id not in truth:
                unknown += 1
                continue
            if record_id in decided:
                duplicates += 1
                continue
            decided[record_id] = (row["status"].strip(), (row.get("linked_id") or "").strip(),
                                  ids(row.get("candidate_id") or ""))
    missing = len(truth) - len(decided)

    got = collections.Counter()
    want = collections.Counter()
    hit = collections.Counter()
    links = correct_links = links_to_absent = 0
    wrong_by_status = collections.Counter()
    with_truth = found = absent = absent_linked = 0
    review_pairs = correct_review_pairs = 0
    for record_id, truth_id in truth.items():
        status, linked, candidates = decided.get(record_id, ("(none)", "", []))
        got[status] += 1
        want[expected[record_id]] += 1
        if status == expected[record_id]:
            hit[status] += 1
        if truth_id:
            with_truth += 1
            if linked == truth_id or truth_id in candidates:
                found += 1
        else:
            absent += 1
            if linked:
                absent_linked += 1
        if linked:
            links += 1
            if linked == truth_id:
                correct_links += 1
            else:
                wrong_by_status[status] += 1
                if not truth_id:
                    links_to_absent += 1
        proposed = [linked] if linked else candidates
        review_pairs += len(proposed)
        correct_review_pairs += sum(1 for candidate in proposed if candidate == truth_id and truth_id)

    label = f" — {args.label}" if args.label else ""
    print(f"### Identity verification{label}\n")
    print(f"records: {len(truth)}, decisions: {len(decided)}"
          + (f", **missing: {missing}**" if missing else "")
          + (f", duplicate rows: {duplicates}" if duplicates else "")
          + (f", unknown record IDs: {unknown}" if unknown else "") + "\n")
    print("| status | expected | decided | correct | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|")
    for status in STATUSES + sorted(set(got) - set(STATUSES)):
        if not want[status] and not got[status]:
            continue
        print(f"| {status} | {want[status]} | {got[status]} | {hit[status]} | "
              f"{ratio(hit[status], got[status])} | {ratio(hit[status], want[status])} |")
    total_hit = sum(hit.values())
    print(f"| **all** | {len(truth)} | {len(decided)} | {total_hit} | | {ratio(total_hit, len(truth))} |\n")

    wrong = links - correct_links
    print("| linking | value |")
    print("|---|---:|")
    print(f"| automatic links (linked_id set) | {links} |")
    print(f"| automatic-link precision | {ratio(correct_links, links)} |")
    print(f"| wrong automatic links | {wrong} (to someone else: {wrong - links_to_absent}, "
          f"person not in registry: {links_to_absent}) |")
    if wrong_by_status:
        detail = ", ".join(f"{s} {n}" for s, n in wrong_by_status.most_common())
        print(f"| wrong links by status | {detail} |")
    print(f"| recall: person linked or proposed | {ratio(found, with_truth)} ({found} of {with_truth}) |")
    print(f"| absent people wrongly linked | {ratio(absent_linked, absent)} ({absent_linked} of {absent}) |")
    print(f"| link F1, automatic only | {f1(correct_links, links, correct_links, with_truth)} "
          f"(P {ratio(correct_links, links)}, R {ratio(correct_links, with_truth)}) |")
    print(f"| link F1, automatic + review | "
          f"{f1(correct_review_pairs, review_pairs, correct_review_pairs, with_truth)} "
          f"(P {ratio(correct_review_pairs, review_pairs)}, R {ratio(correct_review_pairs, with_truth)}) |")
    print()
    if missing or duplicates:
        print(f"decisions file incomplete: {missing} records without a decision, {duplicates} duplicated",
              file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
