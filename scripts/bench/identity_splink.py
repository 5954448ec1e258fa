#!/usr/bin/env python3
"""The baseline for issue 4's identity benchmark: Splink (DuckDB backend) linking the school
records to the served registry, written as decisions identity_score.py reads.

    identity_splink.py --registry DIR/registry.csv --records DIR/records.csv --out decisions.csv
        [--limit K] [--u-pairs 1e7] [--threads N] [--seed 2026]

Run it through identity-baseline.sh, which provides a virtual environment with splink and
duckdb. --limit links only the first K records (the registry stays whole).

Model (link_only, records against the registry, a Fellegi-Sunter model as Splink builds it):
  preparation  IDs stripped of spaces and dots, 10-11 digits left-padded with 0 (the leading
               zeros a spreadsheet drops), anything else that is not 12 digits null; names
               NFC, accents stripped, đ -> d, lowercase, the record's full name split on its
               first and last word into family / middle / given; dates parsed from dd/mm/yyyy
               or yyyy (records) and yyyy-mm-dd or yyyy (registry), a year alone kept apart;
               Nam/Nữ -> male/female.
  comparisons  citizen ID exact, Levenshtein <= 1, <= 2; family, middle and given name
               Jaro-Winkler >= 0.92, >= 0.8 on the folded words (exact first, given name with
               term-frequency adjustment); date of birth exact, day and month exchanged, one
               day apart, same year (also when one side has only the year); sex; birth
               province.
  blocking     citizen ID; date of birth and given name; family name, given name and birth
               year.
  training     λ = 1 / registry size (each record is at most one registry person); u by random
               sampling (--u-pairs pairs); m by expectation maximisation on two blocking rules
               (citizen ID, then date of birth and given name), each leaving its own fields
               fixed.
  decision     the best-scoring registry person per record: auto_linked (linked_id) at match
               probability >= 0.99, candidate_found (candidate_id) at >= 0.5, else not_found.
Prints wall time per phase (load, train, predict incl. writing), records per second and the
peak resident memory of the process (DuckDB runs inside it).
"""
import argparse
import logging
import os
import resource
import sys
import time

import duckdb
import splink
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
import splink.comparison_library as cl
import splink.comparison_level_library as cll


def prepare(con, registry, records, limit):
    registry, records = registry.replace("'", "''"), records.replace("'", "''")
    limit_sql = f"LIMIT {int(limit)}" if limit else ""
    con.execute(f"""
        CREATE TABLE raw_records AS
        SELECT * FROM read_csv('{records}', header = true, all_varchar = true, quote = '"') {limit_sql}""")
    con.execute(f"""
        CREATE TABLE raw_registry AS
        SELECT * FROM read_csv('{registry}', header = true, all_varchar = true, quote = '"')""")
    # Folding: NFC, then accents off; đ has no decomposition and is mapped by hand.
    fold = "lower(strip_accents(replace(replace(nfc_normalize({0}), 'đ', 'd'), 'Đ', 'D')))"
    clean_id = """CASE
        WHEN length(regexp_replace(coalesce({0}, ''), '[ .\\-]', '', 'g')) IN (10, 11, 12)
             AND regexp_matches(regexp_replace({0}, '[ .\\-]', '', 'g'), '^[0-9]+$')
        THEN lpad(regexp_replace({0}, '[ .\\-]', '', 'g'), 12, '0') END"""
    con.execute(f"""
        CREATE TABLE records_prepared AS
        WITH split AS (
            SELECT record_id, citizen_id, date_of_birth, sex, birth_province,
                   string_split(trim(regexp_replace({fold.format('full_name')}, '\\s+', ' ', 'g')), ' ') AS w
            FROM raw_records),
        dated AS (
            SELECT *,
                CASE WHEN length(date_of_birth) = 10
                     THEN try_strptime(date_of_birth, '%d/%m/%Y')::DATE END AS dob,
                CASE WHEN length(date_of_birth) = 10
                     THEN try_strptime(date_of_birth, '%m/%d/%Y')::DATE END AS dob_swap,
                try_cast(right(date_of_birth, 4) AS INTEGER) AS birth_year
            FROM split)
        SELECT record_id AS uid,
               {clean_id.format('citizen_id')} AS citizen_id,
               w[1] AS family_name,
               CASE WHEN len(w) > 2 THEN array_to_string(w[2:len(w) - 1], ' ') END AS middle_name,
               CASE WHEN len(w) > 1 THEN w[len(w)] END AS given_name,
               dob, dob_swap, birth_year,
               CASE sex WHEN 'Nam' THEN 'male' WHEN 'Nữ' THEN 'female' END AS sex,
               nullif(birth_province, '') AS birth_province
        FROM dated""")
    con.execute(f"""
        CREATE TABLE registry_prepared AS
        SELECT citizen_id AS uid, citizen_id,
               {fold.format('family_name')} AS family_name,
               nullif({fold.format('middle_name')}, '') AS middle_name,
               {fold.format('given_name')} AS given_name,
               CASE WHEN length(date_of_birth) = 10 THEN try_cast(date_of_birth AS DATE) END AS dob,
               CASE WHEN length(date_of_birth) = 10
                    THEN try_strptime(date_of_birth, '%Y-%d-%m')::DATE END AS dob_swap,
               try_cast(left(date_of_birth, 4) AS INTEGER) AS birth_year,
               nullif(sex, '') AS sex,
               nullif(birth_province, '') AS birth_province
        FROM raw_registry""")
    con.execute("DROP TABLE raw_registry")
    return (con.execute("SELECT count(*) FROM records_prepared").fetchall()[0][0],
            con.execute("SELECT count(*) FROM registry_prepared").fetchall()[0][0])


def settings(registry_size):
    date_of_birth = cl.CustomComparison(
        output_column_name="date_of_birth",
        comparison_levels=[
            cll.CustomLevel("birth_year_l IS NULL OR birth_year_r IS NULL").configure(is_null_level=True),
            cll.CustomLevel(
                "dob_l = dob_r OR (dob_l IS NULL AND dob_r IS NULL AND birth_year_l = birth_year_r)",
                label_for_charts="same date (or same year, both year only)"),
            cll.CustomLevel("dob_l = dob_swap_r", label_for_charts="day and month exchanged"),
            cll.CustomLevel("abs(date_diff('day', dob_l, dob_r)) <= 1", label_for_charts="one day apart"),
            cll.CustomLevel("birth_year_l = birth_year_r", label_for_charts="same year"),
            cll.ElseLevel(),
        ])
    return SettingsCreator(
        link_type="link_only",
        unique_id_column_name="uid",
        probability_two_random_records_match=1.0 / registry_size,
        comparisons=[
            cl.LevenshteinAtThresholds("citizen_id", [1, 2]),
            cl.JaroWinklerAtThresholds("family_name", [0.92, 0.8]),
            cl.JaroWinklerAtThresholds("middle_name", [0.92, 0.8]),
            cl.JaroWinklerAtThresholds("given_name", [0.92, 0.8]).configure(term_frequency_adjustments=True),
            date_of_birth,
            cl.ExactMatch("sex"),
            cl.ExactMatch("birth_province"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("citizen_id"),
            block_on("dob", "given_name"),
            block_on("family_name", "given_name", "birth_year"),
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registry", required=True)
    parser.add_argument("--records", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--limit", type=int, default=0, help="link only the first K records")
    parser.add_argument("--u-pairs", type=float, default=1e7)
    parser.add_argument("--threads", type=int, default=0, help="DuckDB threads (default: all cores)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if not args.verbose:
        logging.getLogger("splink").setLevel(logging.WARNING)

    started = time.perf_counter()
    con = duckdb.connect(":memory:")
    if args.threads:
        con.execute(f"SET threads = {args.threads}")
    # --limit means the file's first K records: keep file order while reading, not after.
    record_count, registry_size = prepare(con, os.path.abspath(args.registry), os.path.abspath(args.records), args.limit)
    con.execute("SET preserve_insertion_order = false")
    db_api = DuckDBAPI(connection=con)
    records = db_api.register("records_prepared", dataset_display_name="records")
    registry = db_api.register("registry_prepared", dataset_display_name="registry")
    linker = Linker([records, registry], settings(registry_size), log_level=logging.INFO if args.verbose else None)
    loaded = time.perf_counter()

    linker.training.estimate_u_using_random_sampling(max_pairs=args.u_pairs, seed=args.seed)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("citizen_id"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob", "given_name"))
    trained = time.perf_counter()

    predictions = linker.inference.predict(threshold_match_probability=0.5, warning_mode="never")
    # Each pair has one side from each input; keep the record's best registry person (ties,
    # as between namesakes, go to the lowest ID so that reruns agree).
    con.execute(f"""
        CREATE TABLE best AS
        SELECT record_id, registry_id, match_probability, match_weight FROM (
            SELECT CASE WHEN source_dataset_l = 'records' THEN uid_l ELSE uid_r END AS record_id,
                   CASE WHEN source_dataset_l = 'records' THEN uid_r ELSE uid_l END AS registry_id,
                   match_probability, match_weight,
                   row_number() OVER (
                       PARTITION BY CASE WHEN source_dataset_l = 'records' THEN uid_l ELSE uid_r END
                       ORDER BY match_probability DESC, match_weight DESC,
                                CASE WHEN source_dataset_l = 'records' THEN uid_r ELSE uid_l END) AS rank
            FROM {predictions.physical_name}) WHERE rank = 1""")
    out = os.path.abspath(args.out).replace("'", "''")
    con.execute(f"""
        COPY (
            SELECT r.uid AS record_id,
                   CASE WHEN b.match_probability >= 0.99 THEN 'auto_linked'
                        WHEN b.match_probability >= 0.5 THEN 'candidate_found'
                        ELSE 'not_found' END AS status,
                   CASE WHEN b.match_probability >= 0.99 THEN b.registry_id END AS linked_id,
                   CASE WHEN b.match_probability >= 0.5 AND b.match_probability < 0.99
                        THEN b.registry_id END AS candidate_id,
                   round(b.match_weight, 3) AS weight
            FROM records_prepared r LEFT JOIN best b ON b.record_id = r.uid
            ORDER BY r.uid
        ) TO '{out}' (HEADER, DELIMITER ',')""")
    pairs = con.execute(f"SELECT count(*) FROM {predictions.physical_name}").fetchall()[0][0]
    finished = time.perf_counter()

    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    total = finished - started
    threads = con.execute("SELECT current_setting('threads')").fetchall()[0][0]
    print(f"splink {splink.__version__} (duckdb {duckdb.__version__}, {threads} threads): "
          f"{record_count} records against {registry_size} registry people")
    print(f"  load {loaded - started:.1f} s, train {trained - loaded:.1f} s, predict {finished - trained:.1f} s "
          f"({pairs} pairs at p >= 0.5), total {total:.1f} s")
    print(f"  {record_count / total:.0f} records/s overall, {record_count / (finished - trained):.0f} records/s predicting; "
          f"peak RSS {peak_kb / 1024:.0f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
