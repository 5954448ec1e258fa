#!/usr/bin/env python3
"""Labelled school records for issue 4's identity benchmark: what schools typed about their
learners and staff, each with the registry person it really is and the status a correct
matcher should give it.

    identity_records.py --registry registry.csv --records 1000000 --seed 2026 --out-dir DIR
        [--absent-share 0.03] [--dense-share 0.015]

reads the full registry written by `nemis population generate` and writes

  DIR/registry.csv  the registry served to the matcher: the full registry less the held-out
                    "absent" people, plus the namesakes of the dense slice (same header);
  DIR/records.csv   record_id,citizen_id,full_name,date_of_birth,sex,birth_province,
                    truth_id,expected_status,damage

The same arguments always give the same bytes. A summary of the mix (records per slice,
damage and expected status) goes to standard error.

Who the records are: distinct registry people born 1960-2021 (learners and staff), in random
order. Fields as schools collect them (DOMAIN.md §1.6): the name as one string, the date of
birth as dd/mm/yyyy (yyyy for people the registry knows by year only), sex as Nam/Nữ, the
3-digit birth province (empty for 20 % of records).

Slices (shares of --records):
  absent   --absent-share (3 %) of records are people removed from the served registry,
           half with their ID typed (-> id_not_found), half without (-> not_found);
           truth_id is empty for them.
  dense    --dense-share (1.5 %) are people with a common full name (Nguyễn/Trần/Lê/Phạm and
           a frequent given name) for whom 1-3 namesakes (same full name, date of birth, sex
           and province, fresh IDs) are appended to the served registry; a third of them are
           absent (and get at least two namesakes), half have no ID. Without an ID they must
           come out ambiguous; absent ones must never be linked.
  the rest present in the registry, damaged independently as below.

ID cell (present, non-dense records; draws are exclusive):
  6.5 % empty (searched by name, date of birth, sex, province);
  5 %   leading zeros lost to a number-formatted spreadsheet column (10-11 digits);
  0.3 % scientific notation that lost digits ("7.92051E+10") -> id_invalid;
  1.5 % one digit mistyped or two adjacent digits exchanged -> id_invalid when it then
        contradicts sex or birth year (or century digit > 3), id_not_found when it is not
        registered, mismatch when it is someone else's;
  1 %   another person's ID (a classmate's or sibling's row: same sex and birth year,
        different given name) -> mismatch;
  the rest the person's own ID as registered.
An unknown province prefix is only a warning (DOMAIN.md §1.4: births abroad carry country
codes), so an ID whose typo lands there is looked up and comes out id_not_found.

Name (exclusive; about 80 % untouched): 3 % ALL CAPS and 2 % extra spaces (normalisation only,
still verified); 6 % no diacritics; 2 % NFD; 1.5 % TCVN3 and 1.5 % VNI read as Latin-1
(capitals with a tone, which TCVN3 cannot hold, are typed lowercase); 1.5 % word order (given
name first, or family name last); 2 % one typo of DOMAIN.md §2's kinds (hỏi/ngã, i/y, tr/ch, s/x,
d/gi/r, l/n); 0.5 % middle name dropped; regional variant (Hoàng/Huỳnh, Vũ/Võ) for 10 % of the
people whose name has one (about 1 % of records).
Date of birth (exclusive): day and month exchanged for 5 % of those whose day and month are
both <= 12 and differ (about 1.8 % of records); 1 % one day off (never across a year); 2 %
year only. Sex: 3 % empty.

Expected status:
  typed ID that passes the offline checks and is registered: verified when only case and
  spacing differ, verified_with_corrections after any other repair listed above, mismatch
  when the ID belongs to someone whose name, date of birth or sex disagree;
  id_invalid / id_not_found as above (whatever a search then finds);
  no ID: ambiguous when the served registry holds another person with the same folded name,
  date of birth (year for year-only dates) and sex (for an absent person: two or more such
  namesakes; a lone one is candidate_found, a perfect-looking candidate that review must
  reject); else not_found for absent people; else auto_linked when the name agrees after
  folding (case, diacritics, NFD, legacy encoding, hỏi/ngã) or reordering and the date of
  birth is exact; else candidate_found (a spelling variant or typo, a dropped middle name, a
  damaged or year-only date forbids an automatic link). A missing sex or province changes
  none of these.
Rows: record_id R0000001..., damage the applied tags joined by ";" (slice markers "absent" and
"dense" included, and "province_missing", which is not damage but changes what a search has).
"""
import argparse
import collections
import os
import random
import sys
import unicodedata

HEADER = "citizen_id,family_name,middle_name,given_name,date_of_birth,sex,birth_province"
RECORD_HEADER = ["record_id", "citizen_id", "full_name", "date_of_birth", "sex", "birth_province",
                 "truth_id", "expected_status", "damage"]

# Damage shares; see the docstring.
ID_SHARES = [("id_missing", 0.065), ("id_lost_zeros", 0.05), ("id_scientific", 0.003),
             ("id_typo", 0.015), ("id_other_person", 0.01)]
NAME_SHARES = [("caps", 0.03), ("spaces", 0.02), ("no_diacritics", 0.06), ("nfd", 0.02),
               ("tcvn3", 0.015), ("vni", 0.015), ("name_order", 0.015), ("typo", 0.02),
               ("middle_dropped", 0.005)]
VARIANT_SHARE_OF_ELIGIBLE = 0.10
DOB_SHARES = [("dob_swap", 0.05), ("dob_off_by_one", 0.01), ("dob_year_only", 0.02)]
SEX_MISSING = 0.03
PROVINCE_MISSING = 0.20
ABSENT_WITH_ID = 0.5
DENSE_ABSENT = 1 / 3
DENSE_WITHOUT_ID = 0.5
# Damage that only normalisation undoes: the record is still "verified".
NORMALISATION_ONLY = {"caps", "spaces", "province_missing", "dense", "absent"}
# Name damage after which the folded name still agrees word for word (an automatic link by
# search is allowed); the other kinds are corrections a person must confirm.
FOLDED_AGREEMENT = {"caps", "spaces", "no_diacritics", "nfd", "tcvn3", "vni", "order_given_first",
                    "order_family_last", "typo_hoi_nga"}
# Tags that neither help nor forbid an automatic link by search.
SEARCH_NEUTRAL = {"id_missing", "sex_missing", "province_missing", "dense"}

# --- Vietnamese text -------------------------------------------------------------------------

TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # ngang huyền hỏi ngã sắc nặng
BASES = {"a": "a", "ă": "a\u0306", "â": "a\u0302", "e": "e", "ê": "e\u0302", "i": "i", "o": "o",
         "ô": "o\u0302", "ơ": "o\u031B", "u": "u", "ư": "u\u031B", "y": "y"}


def compose(letter, tone):
    return unicodedata.normalize("NFC", BASES[letter] + TONE_MARKS[tone])


def letter_info():
    """Precomposed lowercase Vietnamese vowel -> (base letter, tone index)."""
    table = {}
    for letter in BASES:
        for tone in range(6):
            table[compose(letter, tone)] = (letter, tone)
    return table


LETTERS = letter_info()


def build_fold_table():
    """Diacritics off (keeping case), đ -> d: the ASCII spelling a school types without marks."""
    table = {0x0111: "d", 0x0110: "D"}
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base.isascii() and base.isalpha() and chr(code) != base:
            table[code] = base
    for code in range(0x300, 0x370):  # combining marks left by NFD input
        table[code] = None
    return table


FOLD = build_fold_table()


def fold(text):
    return text.translate(FOLD).lower()


def variant_key(folded_word):
    """Regional variants and common confusions merged (DOMAIN.md §2), as the matcher does."""
    if folded_word == "huynh":
        return "hoang"
    if folded_word == "vo":
        return "vu"
    w = folded_word
    if w.startswith("tr"):
        w = "ch" + w[2:]
    elif len(w) >= 3 and w.startswith("gi"):
        w = "d" + w[2:]
    elif w[:1] == "r":
        w = "d" + w[1:]
    elif w[:1] == "x":
        w = "s" + w[1:]
    elif w[:1] == "n" and (len(w) < 2 or w[1] not in "gh"):
        w = "l" + w[1:]
    return w.replace("y", "i")


def build_tcvn3():
    """Unicode letter -> TCVN3 (VN3/ABC) byte read as Latin-1, from the VietnameseText tables."""
    rows = {"a": [0, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9], "ă": [0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6],
            "â": [0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB], "e": [0, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1],
            "ê": [0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6], "i": [0, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE],
            "o": [0, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4], "ô": [0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9],
            "ơ": [0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE], "u": [0, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4],
            "ư": [0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9], "y": [0, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE]}
    table = {"đ": chr(0xAE)}
    for letter, row in rows.items():
        for tone, byte in enumerate(row):
            if byte:
                table[compose(letter, tone)] = chr(byte)
    capitals = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}
    # VN3 has no capitals with a tone mark: typists fall back on the lowercase letter.
    for lower, byte in list(table.items()):
        upper = lower.upper()
        if upper != lower and upper not in capitals:
            table[upper] = byte
    table.update({k: chr(v) for k, v in capitals.items()})
    return table


def build_vni():
    """Unicode letter -> VNI-Windows spelling (letter plus mark byte) read as Latin-1."""
    tone_marks = ["", "ø", "û", "õ", "ù", "ï"]
    circumflex = ["â", "à", "å", "ã", "á", "ä"]
    breve = ["ê", "è", "ú", "ü", "é", "ë"]
    singles = {("i", 4): "í", ("i", 1): "ì", ("i", 2): "æ", ("i", 3): "ó", ("i", 5): "ò", ("y", 5): "î"}
    table = {"đ": "ñ", "Đ": "Ñ"}
    for (letter, tone) in [(l, t) for l in BASES for t in range(6)]:
        if (letter, tone) in singles:
            spelled = singles[(letter, tone)]
        elif letter in "aeouy":
            spelled = letter + tone_marks[tone]
        elif letter == "ă":
            spelled = "a" + breve[tone]
        elif letter in "âêô":
            spelled = fold(letter) + circumflex[tone]
        elif letter in "ơư":
            spelled = {"ơ": "ô", "ư": "ö"}[letter] + tone_marks[tone]
        else:  # i without a tone
            spelled = letter
        char = compose(letter, tone)
        if spelled != char:
            table[char] = spelled
        table[char.upper()] = spelled.upper()
    return {k: v for k, v in table.items() if k != v}


TCVN3 = build_tcvn3()
VNI = build_vni()


def encode(text, table):
    return "".join(table.get(ch, ch) for ch in text)


HOI, NGA = 2, 3


def swap_hoi_nga(word):
    out = []
    changed = False
    for ch in word:
        info = LETTERS.get(ch.lower())
        if not changed and info and info[1] in (HOI, NGA):
            new = compose(info[0], NGA if info[1] == HOI else HOI)
            out.append(new.upper() if ch.isupper() else new)
            changed = True
        else:
            out.append(ch)
    return "".join(out) if changed else None


def swap_final_i_y(word):
    """Vy/Vi, Mỹ/Mĩ: a final i or y straight after a consonant (not the middle name Thị)."""
    if len(word) < 2 or word.lower() == "thị":
        return None
    info = LETTERS.get(word[-1].lower())
    if not info or info[0] not in "iy" or word[-2].lower() in LETTERS or word[-2].lower() in "aeiouy":
        return None
    new = compose("y" if info[0] == "i" else "i", info[1])
    return word[:-1] + (new.upper() if word[-1].isupper() else new)


def swap_initial(word, rng):
    """tr/ch, s/x, d/gi/r, l/n at the start of a word, keeping its case."""
    low = word.lower()
    cap = word[:1].isupper()
    options = []
    if low.startswith("tr"):
        options.append(("ch", 2))
    elif low.startswith("ch"):
        options.append(("tr", 2))
    elif low.startswith("gi") and len(low) >= 3 and fold(low[2]) in "aeiouy":
        options += [("d", 2), ("r", 2)]
    elif low[:1] == "d":
        options += [("gi", 1), ("r", 1)]
    elif low[:1] == "r":
        options += [("d", 1), ("gi", 1)]
    elif low[:1] == "s":
        options.append(("x", 1))
    elif low[:1] == "x":
        options.append(("s", 1))
    elif low[:1] == "l":
        options.append(("n", 1))
    elif low[:1] == "n" and low[1:2] not in ("g", "h"):
        options.append(("l", 1))
    if not options:
        return None
    prefix, cut = rng.choice(options)
    if cap:
        prefix = prefix[0].upper() + prefix[1:]
    return prefix + word[cut:]


def typo(words, rng):
    """One of DOMAIN.md §2's typical misspellings in one word; (words, kind) or None."""
    positions = list(range(len(words)))
    rng.shuffle(positions)
    kinds = ["hoi_nga", "i_y", "initial"]
    for position in positions:
        rng.shuffle(kinds)
        for kind in kinds:
            word = words[position]
            if kind == "hoi_nga":
                new = swap_hoi_nga(word)
            elif kind == "i_y":
                new = swap_final_i_y(word)
            else:
                new = swap_initial(word, rng)
            if new is None or new == word:
                continue
            old_key, new_key = fold(word), fold(new)
            if kind == "hoi_nga":
                if old_key != new_key:
                    continue
            elif old_key == new_key or variant_key(old_key) != variant_key(new_key):
                continue  # not the kind of confusion the label claims
            out = list(words)
            out[position] = new
            label = "typo_hoi_nga" if kind == "hoi_nga" else ("typo_i_y" if kind == "i_y" else "typo_initial")
            return out, label
    return None


REGIONAL = {"Hoàng": "Huỳnh", "Huỳnh": "Hoàng", "Vũ": "Võ", "Võ": "Vũ"}

# --- Citizen IDs -----------------------------------------------------------------------------


def screen_id(cell, sex, year):
    """The offline checks of DOMAIN.md §1.5 on a typed cell: (ok, 12-digit ID or None).
    `sex` is "male"/"female"/None, `year` the recorded birth year or None."""
    text = cell.strip()
    if not text:
        return False, None
    if "E" in text.upper():
        mantissa, _, exponent = text.upper().partition("E")
        digits = mantissa.replace(".", "")
        try:
            exp = int(exponent)
        except ValueError:
            return False, None
        if len(digits) - 1 < exp:  # digits lost in the mantissa cannot be recovered
            return False, None
        text = str(int(float(text)))
    if not text.isdigit():
        return False, None
    if len(text) in (10, 11):
        text = text.zfill(12)
    if len(text) != 12:
        return False, None
    century = int(text[3])
    if century > 3:
        return False, None
    if sex is not None and century % 2 != (0 if sex == "male" else 1):
        return False, None
    if year is not None and 1900 + 100 * (century // 2) + int(text[4:6]) != year:
        return False, None
    return True, text


def id_typo(citizen_id, rng):
    digits = list(citizen_id)
    if rng.random() < 0.3:
        position = rng.randrange(11)
        if digits[position] != digits[position + 1]:
            digits[position], digits[position + 1] = digits[position + 1], digits[position]
            return "".join(digits)
    position = rng.randrange(12)
    digits[position] = rng.choice([d for d in "0123456789" if d != digits[position]])
    return "".join(digits)


# --- Dates -----------------------------------------------------------------------------------

DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def shift_day(year, month, day, delta):
    length = 29 if month == 2 and leap(year) else DAYS_IN_MONTH[month - 1]
    day += delta
    if day < 1:
        month -= 1
        day = 29 if month == 2 and leap(year) else DAYS_IN_MONTH[month - 1]
    elif day > length:
        month, day = month + 1, 1
    return year, month, day


# --- Generation ------------------------------------------------------------------------------


def pick(rng, shares):
    draw = rng.random()
    for name, share in shares:
        if draw < share:
            return name
        draw -= share
    return None


def name_agrees(record_words, person):
    """The matcher's "agrees after repair" approximated: same variant keys, as typed or in
    either of the other two word orders."""
    registered = [variant_key(w) for w in fold(" ".join(person[1:4])).split()]
    typed = [variant_key(w) for w in fold(" ".join(record_words)).split()]
    if typed == registered:
        return True
    return len(typed) == len(registered) and registered in (typed[-1:] + typed[:-1], typed[1:] + typed[:1])


def dates_agree(typed, registered):
    """typed: (y, m, d) with m = d = 0 for year-only; registered: 'yyyy-mm-dd' or 'yyyy'."""
    ry = int(registered[:4])
    if typed[0] != ry:
        return False
    if typed[1] == 0 or len(registered) == 4:
        return True
    rm, rd = int(registered[5:7]), int(registered[8:10])
    if (typed[1], typed[2]) in ((rm, rd), (rd, rm)):
        return True
    return (typed[1], typed[2]) in (shift_day(ry, rm, rd, -1)[1:], shift_day(ry, rm, rd, 1)[1:])


def name_keys(person, sex, year_only):
    """Search keys of a record without an ID: folded name, date (or year), each possible sex."""
    name = fold(",".join(person[1:4]))
    date = person[4][:4] if year_only else person[4]
    sexes = (sex,) if sex else ("male", "female")
    return [f"{name},{date},{s}" for s in sexes]


class Population:
    """The full registry as raw lines (bytes keep 2 million people in a few hundred MB)."""

    def __init__(self, path):
        with open(path, "rb") as f:
            self.lines = f.read().split(b"\n")
        if self.lines[0].decode("utf-8").lstrip("\ufeff") != HEADER:
            sys.exit(f"{path}: unexpected header {self.lines[0]!r}")
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        self.total = len(self.lines) - 1

    def person(self, index):
        return self.lines[index].decode("utf-8").split(",")


def draw_record(rng, population, index, dense, absent):
    """Every random choice about one record, in a fixed order: the damage applied and the
    cell values. Called twice per record with the same generator state (see main)."""
    p = population.person(index)
    tags = []
    if index in dense:
        tags.append("dense")
    if index in absent:
        tags.append("absent")
    # ID cell.
    if index in dense:
        id_kind = "id_missing" if rng.random() < DENSE_WITHOUT_ID else None
    elif index in absent:
        id_kind = None if rng.random() < ABSENT_WITH_ID else "id_missing"
        if id_kind is None and rng.random() < 0.1:
            id_kind = "id_lost_zeros"
    else:
        id_kind = pick(rng, ID_SHARES)
    # Name.
    words = " ".join(p[1:4]).split()
    name_kind = None
    if index not in dense:
        if any(w in REGIONAL for w in words) and rng.random() < VARIANT_SHARE_OF_ELIGIBLE:
            name_kind = "variant"
        else:
            name_kind = pick(rng, NAME_SHARES)
    full = " ".join(words)
    if name_kind == "caps":
        full = full.upper()
    elif name_kind == "spaces":
        full = "  ".join(words) + " "
    elif name_kind == "no_diacritics":
        full = full.translate(FOLD)
    elif name_kind == "nfd":
        full = unicodedata.normalize("NFD", full)
    elif name_kind == "tcvn3":
        full = encode(full, TCVN3)
    elif name_kind == "vni":
        full = encode(full, VNI)
    elif name_kind == "name_order":
        family, given = len(p[1].split()), len(p[3].split())
        if rng.random() < 0.6:
            words = words[-given:] + words[:-given]
            name_kind = "order_given_first"
        else:
            words = words[family:] + words[:family]
            name_kind = "order_family_last"
        full = " ".join(words)
    elif name_kind == "typo":
        result = typo(words, rng)
        if result:
            words, name_kind = result
            full = " ".join(words)
        else:
            name_kind = None
    elif name_kind == "middle_dropped":
        if p[2]:
            middle = p[2].split()
            words = p[1].split() + middle[:-1] + p[3].split()
            full = " ".join(words)
        else:
            name_kind = None
    elif name_kind == "variant":
        words = [REGIONAL.get(w, w) for w in words]
        full = " ".join(words)
    if name_kind and full == " ".join(p[1:4]):
        name_kind = None  # nothing to encode in an all-ASCII name
    if name_kind:
        tags.append(name_kind)
    # Date of birth.
    dob = p[4]
    year = int(dob[:4])
    if len(dob) == 4:
        typed_date = (year, 0, 0)
    else:
        month, day = int(dob[5:7]), int(dob[8:10])
        typed_date = (year, month, day)
        dob_kind = None if index in dense else pick(rng, DOB_SHARES)
        if dob_kind == "dob_swap" and day <= 12 and day != month:
            typed_date = (year, day, month)
        elif dob_kind == "dob_off_by_one":
            delta = rng.choice((-1, 1))
            if (month, day) == (1, 1):
                delta = 1
            elif (month, day) == (12, 31):
                delta = -1
            typed_date = shift_day(year, month, day, delta)
        elif dob_kind == "dob_year_only":
            typed_date = (year, 0, 0)
        else:
            dob_kind = None
        if dob_kind:
            tags.append(dob_kind)
    # Sex and province.
    sex = p[5]
    if index not in dense and rng.random() < SEX_MISSING:
        sex = None
        tags.append("sex_missing")
    province = p[6]
    if rng.random() < PROVINCE_MISSING:
        province = ""
        tags.append("province_missing")
    # The ID as typed.
    other = None
    if id_kind == "id_missing":
        cell = ""
    elif id_kind == "id_lost_zeros":
        cell = p[0].lstrip("0")
    elif id_kind == "id_scientific":
        cell = f"{int(p[0]):.5E}"
    elif id_kind == "id_typo":
        cell = id_typo(p[0], rng)
    elif id_kind == "id_other_person":
        # A neighbouring row of the registry (same province) of the same sex and birth year
        # and another given name: a classmate's or sibling's row copied by mistake.
        own_given = variant_key(fold(p[3]))
        cell = p[0]
        id_kind = None
        for step in range(1, 2000):
            j = index + step if index + step <= population.total else index + step - population.total
            if j in absent:
                continue
            q = population.person(j)
            if q[5] == p[5] and q[4][:4] == p[4][:4] and variant_key(fold(q[3])) != own_given:
                cell, other, id_kind = q[0], q, "id_other_person"
                break
    else:
        cell = p[0]
    if id_kind:
        tags.insert(0, id_kind)
    return p, id_kind, words, full, typed_date, sex, province, tags, cell, other


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registry", required=True)
    parser.add_argument("--records", type=int, required=True)
    parser.add_argument("--absent-share", type=float, default=0.03)
    parser.add_argument("--dense-share", type=float, default=0.015)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out-dir", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    population = Population(args.registry)
    lines, total = population.lines, population.total
    if args.records > total:
        sys.exit(f"{args.records} records asked from a registry of {total} people")

    # Record people: distinct, born 1960-2021 when the registry has enough of them.
    chosen, spare = [], []
    for index in rng.sample(range(1, total + 1), min(total, int(args.records * 1.4) + 1000)):
        year = int(lines[index][13:].split(b",")[3][:4])
        (chosen if 1960 <= year <= 2021 else spare).append(index)
        if len(chosen) == args.records:
            break
    chosen += spare[: args.records - len(chosen)]
    if len(chosen) < args.records:
        seen = set(chosen)
        chosen += [i for i in range(1, total + 1) if i not in seen][: args.records - len(chosen)]

    # Dense slice: common full names (the frequent family names and the 30 most frequent
    # given names) with a full date of birth.
    sample = [population.person(i) for i in chosen[:20000]]
    common_given = {g for g, _ in collections.Counter(p[3] for p in sample).most_common(30)}
    common_family = {"Nguyễn", "Trần", "Lê", "Phạm"}
    dense_target = round(args.records * args.dense_share)
    dense = []
    for index in chosen:
        if len(dense) == dense_target:
            break
        p = population.person(index)
        if p[1] in common_family and p[3] in common_given and len(p[4]) == 10:
            dense.append(index)
    dense_set = set(dense)
    dense_absent = set(dense[: round(len(dense) * DENSE_ABSENT)])
    absent_target = max(0, round(args.records * args.absent_share) - len(dense_absent))
    absent = set(dense_absent)
    for index in chosen:
        if len(absent) - len(dense_absent) == absent_target:
            break
        if index not in dense_set:
            absent.add(index)
    rng.shuffle(chosen)  # absent and dense people were taken first: spread them out

    # Pass 1 draws every record to learn what the registry scan must answer: typed IDs that
    # pass the offline checks but are not the person's own, and search keys of records
    # without an ID. Pass 2 replays the same draws (same generator state) and writes the
    # rows; holding a million drawn records in between would cost far more memory.
    state = rng.getstate()
    looked_up = {}      # typed ID (bytes) -> registry person, or None
    namesakes = {}      # search key -> served people with that key
    search_dates, search_years = set(), set()
    for index in chosen:
        p, id_kind, words, full, typed_date, sex, province, tags, cell, other = draw_record(
            rng, population, index, dense_set, absent)
        if not cell:
            year_only = typed_date[1] == 0 or len(p[4]) == 4
            for key in name_keys(p, sex, year_only):
                namesakes[key] = 0
            if year_only:
                search_years.add(p[4][:4].encode())
            else:
                search_dates.add(p[4].encode())
        elif id_kind == "id_typo":
            ok, citizen_id = screen_id(cell, sex, typed_date[0])
            if ok:
                looked_up[citizen_id.encode()] = None
    after_pass = rng.getstate()

    dense_prefixes = {population.person(i)[0][:6].encode(): set() for i in dense}
    for j in range(1, total + 1):
        line = lines[j]
        citizen_id = line[:12]
        if citizen_id in looked_up and j not in absent:
            looked_up[citizen_id] = population.person(j)
        taken = dense_prefixes.get(line[:6])
        if taken is not None:
            taken.add(citizen_id)
        if j in absent:
            continue
        fields = line.split(b",")
        dob = fields[4]
        in_dates, in_years = dob in search_dates, dob[:4] in search_years
        if in_dates or in_years:
            q = line.decode("utf-8").split(",")
            name = fold(",".join(q[1:4]))
            if in_dates and (key := f"{name},{q[4]},{q[5]}") in namesakes:
                namesakes[key] += 1
            if in_years and (key := f"{name},{q[4][:4]},{q[5]}") in namesakes:
                namesakes[key] += 1

    # Namesakes of the dense slice, appended to the served registry with fresh IDs.
    rng.setstate(after_pass)
    extra_lines = []
    for index in dense:
        p = population.person(index)
        taken = dense_prefixes[p[0][:6].encode()]
        for _ in range(rng.randint(2, 3) if index in absent else rng.randint(1, 3)):
            while True:
                new_id = (p[0][:6] + f"{rng.randrange(1_000_000):06d}").encode()
                if new_id not in taken and new_id not in looked_up:
                    break
            taken.add(new_id)
            extra_lines.append(b",".join([new_id] + [v.encode() for v in p[1:]]))
            for key in name_keys(p, p[5], False) + name_keys(p, p[5], True):
                if key in namesakes:
                    namesakes[key] += 1

    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "registry.csv"), "wb") as out:
        out.write(HEADER.encode() + b"\n")
        out.writelines(lines[j] + b"\n" for j in range(1, total + 1) if j not in absent)
        out.writelines(line + b"\n" for line in extra_lines)
    served_count = total - len(absent) + len(extra_lines)

    rng.setstate(state)
    mix = collections.Counter()
    statuses = collections.Counter()
    with open(os.path.join(args.out_dir, "records.csv"), "w", encoding="utf-8", newline="") as out:
        out.write(",".join(RECORD_HEADER) + "\n")
        for number, index in enumerate(chosen, 1):
            p, id_kind, words, full, typed_date, sex, province, tags, cell, other = draw_record(
                rng, population, index, dense_set, absent)
            is_absent = index in absent
            year, month, day = typed_date
            if not cell:
                year_only = month == 0 or len(p[4]) == 4
                others = sum(namesakes[k] for k in name_keys(p, sex, year_only)) - (0 if is_absent else 1)
                if others > 1 or (others == 1 and not is_absent):
                    status = "ambiguous"
                elif is_absent:
                    # A lone namesake with the same name, date and sex is a perfect-looking
                    # candidate for review; nobody can tell it is someone else.
                    status = "candidate_found" if others == 1 else "not_found"
                elif month != 0 and len(p[4]) == 10 and all(t in FOLDED_AGREEMENT or t in SEARCH_NEUTRAL for t in tags):
                    status = "auto_linked"
                else:
                    status = "candidate_found"
            else:
                ok, citizen_id = screen_id(cell, sex, year)
                if not ok:
                    status = "id_invalid"
                elif citizen_id == p[0]:
                    repaired = id_kind == "id_lost_zeros" or any(t not in NORMALISATION_ONLY for t in tags)
                    status = "id_not_found" if is_absent else ("verified_with_corrections" if repaired else "verified")
                else:
                    q = other if id_kind == "id_other_person" else looked_up.get(citizen_id.encode())
                    if q is None:
                        status = "id_not_found"
                    elif name_agrees(words, q) and dates_agree(typed_date, q[4]) and sex in (None, q[5]):
                        status = "verified_with_corrections"  # a look-alike's ID: nothing tells them apart
                    else:
                        status = "mismatch"
            mix.update(tags)
            statuses[status] += 1
            sex_text = "" if sex is None else ("Nam" if sex == "male" else "Nữ")
            date_text = f"{year:04d}" if month == 0 else f"{day:02d}/{month:02d}/{year:04d}"
            row = [f"R{number:07d}", cell, full, date_text, sex_text, province,
                   "" if is_absent else p[0], status, ";".join(tags)]
            if any("," in v or '"' in v for v in row):
                row = ['"' + v.replace('"', '""') + '"' if ("," in v or '"' in v) else v for v in row]
            out.write(",".join(row) + "\n")

    n = len(chosen)
    print(f"served registry: {served_count} people ({len(absent)} absent removed, {len(extra_lines)} namesakes added)",
          file=sys.stderr)
    print(f"records: {n}", file=sys.stderr)
    for status, count in sorted(statuses.items(), key=lambda kv: -kv[1]):
        print(f"  expected {status:<26} {count:>9} {100 * count / n:6.2f} %", file=sys.stderr)
    for tag, count in sorted(mix.items(), key=lambda kv: -kv[1]):
        print(f"  damage   {tag:<26} {count:>9} {100 * count / n:6.2f} %", file=sys.stderr)


if __name__ == "__main__":
    main()
