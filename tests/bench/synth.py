#!/usr/bin/env python3
"""Synthetic national records tree for benchmarking rekap.

    synth.py [--scale full|third|tenth|hundredth] [--seed N] [--jobs N] OUTDIR

writes OUTDIR/rekap.yaml and a records tree in the format of
docs/en/records-guide.md:

    full   38 provinces, 514 regencies/cities, 10,000 puskesmas, 30,000 posts
    third  13 provinces,   171,                 3,333,             10,000
    tenth   4 provinces,    51,                 1,000,              3,000
    hundredth 4 provinces,   5,                   100,                300 (tests)

Every post covers 36 months, 2022-01 to 2024-12, with imperfections at
fixed rates (see RATES below): missing months, late reports, empty cells,
quarterly reporting, dissolved posts, posts formed inside the range,
Excel-style files (";" separator, BOM, CRLF) and a few validation-rule
violations (warnings). A dissolved post has status "bubar" and the date in
"dibubarkan" (the key rekap reads). The tree is meant to pass `rekap check`
with warnings only.

The output is a pure function of --scale and --seed: the same arguments
give byte-identical files, whatever --jobs is. Python standard library
only.
"""

import argparse
import os
import random
import sys
import time

SCALES = {"full": 1.0, "third": 1.0 / 3.0, "tenth": 0.1, "hundredth": 0.01}
FULL = {"prov": 38, "dist": 514, "pusk": 10000, "pos": 30000}

FIRST_MONTH = 2022 * 12 + 0  # 2022-01 as year*12 + (month-1)
LAST_MONTH = 2024 * 12 + 11  # 2024-12

# Rates of the imperfections (fractions).
RATES = {
    "missing_month": 0.05,     # a month with no row
    "late": 0.10,              # tanggal_lapor after the 10th of the next month
    "no_date": 0.01,           # tanggal_lapor left empty
    "empty_cells": 0.03,       # a row with one or more empty cells
    "closed_month": 0.05,      # hari_buka = 0 (no services that month)
    "violation": 0.001,        # sakit_dilayani > sakit in a row (warning)
    "quarterly": 0.04,         # post reports every quarter as one row
    "mixed": 0.02,             # post reports some quarters as one row
    "dissolved": 0.03,         # status bubar + dibubarkan, no rows after it
    "formed_in_range": 0.10,   # dibentuk between 2022-02 and 2024-10
    "inactive": 0.02,          # status "tidak aktif"
    "excel": 0.01,             # laporan.csv saved by Excel in an Indonesian locale
    "workers_out": 0.003,      # registered workers outside 10-50 (warning per quarter)
    "no_cadres": 0.02,         # kader.csv holds only its header
}

# The Kemendagri region list shipped with rekap (data/wilayah/).
WILAYAH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "wilayah")

# The 38 Kemendagri province codes.
PROV_CODES = ["11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33",
              "34", "35", "36", "51", "52", "53", "61", "62", "63", "64", "65", "71", "72",
              "73", "74", "75", "76", "81", "82", "91", "92", "93", "94", "95", "96"]

# Place names are built from common parts of Indonesian place names
# ("Suka" + "maju", "Karang" + "rejo", "Tanjung" + " Sari" ...).
HEADS = ["Suka", "Karang", "Wono", "Sido", "Tegal", "Ci", "Banjar", "Mekar", "Sumber",
         "Kali", "Batu", "Pangkal", "Sri", "Purwo", "Giri", "Rejo", "Mulya", "Jati", "Bojong",
         "Tanah", "Pasir", "Rawa", "Bangun", "Harjo", "Margo", "Ngawi", "Pema", "Sungai",
         "Lubuk", "Muara", "Tanjung", "Air", "Bukit", "Koto", "Nagari", "Lambo", "Tompo",
         "Bonto", "Watu", "Sala", "Simpang", "Kuala", "Teluk", "Padang", "Labuhan", "Pulau",
         "Kampung", "Loa", "Tenggarong", "Gampong", "Desa", "Banua", "Long", "Tana"]
TAILS = ["maju", "mulya", "rejo", "sari", "jaya", "makmur", "harjo", "asih", "raya", "indah",
         "baru", "agung", "luhur", "wangi", "tani", "karya", "mukti", "utama", "batu", "bodas",
         "pinang", "duri", "kelapa", "gading", "merah", "putih", "hijau", "kencana", "timur",
         "dalam", "panjang", "tinggi", "ilir", "ulu", "lama", "besar", "kecil", "tengah",
         "kuning", "mas", "permai", "damai", "bahagia", "sentosa", "lestari", "mekar", "rahayu",
         "wetan", "kulon", "gede", "anyar", "pandan", "jambu", "melati", "cempaka", "kenanga"]
SPACED = {"Sungai", "Lubuk", "Muara", "Tanjung", "Air", "Bukit", "Koto", "Nagari", "Simpang",
          "Kuala", "Teluk", "Padang", "Labuhan", "Pulau", "Kampung", "Loa", "Gampong", "Desa",
          "Banua", "Long", "Tana", "Tanah", "Batu", "Pasir", "Rawa", "Kali"}
AREA_SUFFIX = ["", "", "", "", "", "", "", "", " Baru", " Jaya", " Utara", " Selatan",
               " Timur", " Barat", " Tengah", " Indah", " Raya", " Hilir", " Hulu", " Dua"]

JOBS = [("nelayan", "Nelayan"), ("pengolahan garam", "Garam"), ("petani sawit", "Sawit"),
        ("penjahit", "Penjahit"), ("pengrajin mebel", "Mebel"), ("buruh angkut", "Buruh Angkut"),
        ("ojek", "Ojek"), ("pembuat tahu", "Tahu"), ("penyadap karet", "Karet"),
        ("petani kakao", "Kakao"), ("pedagang pasar", "Pasar"), ("pengrajin batik", "Batik"),
        ("konveksi", "Konveksi"), ("pembuat batu bata", "Batu Bata"), ("petani padi", "Tani"),
        ("peternak sapi", "Peternak"), ("penambang pasir", "Tambang Pasir"),
        ("bengkel las", "Bengkel"), ("pengrajin rotan", "Rotan"), ("pemetik teh", "Teh"),
        ("petani kopi", "Kopi"), ("pengolah ikan", "Ikan Asin"), ("pembuat sepatu", "Sepatu"),
        ("pengrajin gerabah", "Gerabah"), ("buruh bangunan", "Bangunan")]

SARANA = ["papan_nama", "kotak_p3k", "kotak_p3p", "contoh_apd", "timbangan", "pengukur_tinggi",
          "tempat_cuci_tangan", "tempat_sampah", "buku_pencatatan", "meja_kursi", "lemari_obat"]
DANA = ["puskesmas", "dana_desa", "swadaya", "perusahaan", "pemda", "lainnya"]
DANA_W = [40, 20, 20, 8, 8, 4]

MALE = ["Ahmad", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Irwan", "Joko", "Rudi", "Slamet",
        "Agus", "Bambang", "Darmawan", "Hasan", "Jamaluddin", "Muhammad", "Rahmat", "Syahrul",
        "Teguh", "Wahyu", "Yusuf", "Arif", "Sutrisno", "Nyoman", "Made", "Ketut", "Fauzi"]
FEMALE = ["Siti", "Sri", "Dewi", "Nurlela", "Hasnawati", "Rahmawati", "Yuliana", "Ani", "Rina",
          "Wati", "Fitri", "Lestari", "Kartini", "Maria", "Nur", "Putri", "Ratna", "Suryani",
          "Wulan", "Indah", "Ayu", "Komang", "Ernawati", "Hartati"]
FAMILY = ["", "", "", "Hartono", "Santoso", "Saputra", "Wijaya", "Siregar", "Nasution",
          "Lubis", "Harahap", "Simanjuntak", "Sitompul", "Pratama", "Kusuma", "Hidayat",
          "Setiawan", "Rahman", "Supriyadi", "Wibowo", "Susanti", "Handayani", "Lestari"]
EDU = ["SD", "SMP", "SMA", "SMA", "SMA", "SMK", "D3", "S1"]

ELEMENT_HEADER = ("periode,tanggal_lapor,hari_buka,pekerja_l,pekerja_p,kunjungan_l,kunjungan_p,"
                  "sakit_l,sakit_p,sakit_dilayani_l,sakit_dilayani_p,penyakit_umum,pak,kak,"
                  "rujukan,penyuluhan,ukur_tb_bb")
KADER_HEADER = "nama,jenis_kelamin,pendidikan,tahun_pelatihan,aktif,telepon"
DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def month_str(m):
    return "%04d-%02d" % (m // 12, m % 12 + 1)


def days_in(m):
    y, mo = m // 12, m % 12
    if mo == 1 and (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)):
        return 29
    return DAYS_IN_MONTH[mo]


def date_str(m, day):
    return "%04d-%02d-%02d" % (m // 12, m % 12 + 1, day)


# ---------------------------------------------------------------- names

def place_name(rng, suffix=True):
    """A plausible place name, e.g. "Sukamaju", "Tanjung Sari Utara"."""
    head, tail = rng.choice(HEADS), rng.choice(TAILS)
    base = head + " " + tail.capitalize() if head in SPACED else head + tail
    return base + (rng.choice(AREA_SUFFIX) if suffix else "")


def slugify(name):
    out = []
    for ch in name.lower():
        if "a" <= ch <= "z" or "0" <= ch <= "9":
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def unique(rng, taken, make):
    """(name, slug) from make(rng) whose slug is not in taken yet."""
    for _ in range(20):
        name = make(rng)
        slug = slugify(name)
        if slug and slug not in taken:
            taken.add(slug)
            return name, slug
    base_name, base_slug = name, slug
    k = 2
    while "%s-%d" % (base_slug, k) in taken:
        k += 1
    taken.add("%s-%d" % (base_slug, k))
    return "%s %d" % (base_name, k), "%s-%d" % (base_slug, k)


# ---------------------------------------------------------------- plan

def split(rng, total, k, spread):
    """total split into k parts, each >= 1, with random weights."""
    if k <= 0:
        return []
    rest = total - k
    weights = [(rng.random() * spread + 0.2) ** 2 for _ in range(k)]
    wsum = sum(weights)
    parts = [1 + int(rest * w / wsum) for w in weights]
    short = total - sum(parts)
    order = sorted(range(k), key=lambda i: -(rest * weights[i] / wsum - int(rest * weights[i] / wsum)))
    for i in range(short):
        parts[order[i % k]] += 1
    return parts


def official_regions():
    """The Kemendagri list shipped in data/wilayah/: {code: name} of the
    provinces and {province code: [(code, name), ...]} of the districts, so
    that synthetic areas carry real codes and names and `rekap check` has
    nothing to say about them; ({}, {}) when the list is absent."""
    provinces, districts = {}, {}
    try:
        with open(os.path.join(WILAYAH, "provinces.csv"), encoding="utf-8") as f:
            for line in f.read().splitlines()[1:]:
                code, name = line.split(",", 1)
                provinces[code] = name
        with open(os.path.join(WILAYAH, "regencies.csv"), encoding="utf-8") as f:
            for line in f.read().splitlines()[1:]:
                code, name = line.split(",", 1)
                districts.setdefault(code[:2], []).append((code, name))
    except OSError:
        return {}, {}
    return provinces, districts


def fit(parts, room):
    """parts moved so that none exceeds its room where the total allows:
    the excess goes, in order, to the parts with room left."""
    parts = list(parts)
    excess = 0
    for i, r in enumerate(room):
        if parts[i] > r >= 1:
            excess += parts[i] - r
            parts[i] = r
    for i, r in enumerate(room):
        take = min(excess, max(0, r - parts[i]))
        parts[i] += take
        excess -= take
    parts[-1] += excess  # beyond the list: synthetic codes and names
    return parts


def plan(scale, seed):
    """Provinces with their districts and, per district, the number of
    puskesmas and of posts per puskesmas. Areas take the codes and names of
    data/wilayah/ while it has enough of them; then synthetic ones follow."""
    f = SCALES[scale]
    n_prov = max(4, round(FULL["prov"] * f))
    n_dist = max(n_prov, round(FULL["dist"] * f))
    n_pusk = max(n_dist, round(FULL["pusk"] * f))
    n_pos = max(n_pusk, round(FULL["pos"] * f))
    rng = random.Random("rekap-bench-plan:%d:%s" % (seed, scale))
    official, real_districts = official_regions()
    codes = sorted(rng.sample(PROV_CODES, n_prov)) if n_prov < len(PROV_CODES) else list(PROV_CODES)
    dist_per_prov = split(rng, n_dist, n_prov, 1.2)
    if real_districts:
        dist_per_prov = fit(dist_per_prov, [len(real_districts.get(c, [])) for c in codes])
    pusk_per_dist = split(rng, n_pusk, n_dist, 1.5)
    pos_per_pusk = split(rng, n_pos, n_pusk, 1.4)
    taken = {"data", "assets", "index", "definisi"}  # names the site uses at its root
    provinces = []
    di = pi = 0
    for p, code in enumerate(codes):
        if code in official:
            name, slug = official[code], slugify(official[code])
            taken.add(slug)
        else:
            name, slug = unique(rng, taken, place_name)
        real = real_districts.get(code, [])
        dists = []
        dtaken = set()
        nkab = max([int(c[3:]) for c, _ in real if int(c[3:]) < 71] or [0])
        nkota = max([int(c[3:]) - 70 for c, _ in real if int(c[3:]) >= 71] or [0])
        for j in range(dist_per_prov[p]):
            if j < len(real):
                dcode, dname = real[j]
                kota = int(dcode[3:]) >= 71
                dslug = slugify(dname)
                dtaken.add(dslug)
            else:
                kota = rng.random() < 0.19 and nkota < 29 or nkab >= 69
                if kota:
                    nkota += 1
                    dcode = "%s.%02d" % (code, 70 + nkota)
                else:
                    nkab += 1
                    dcode = "%s.%02d" % (code, nkab)
                dname, dslug = unique(rng, dtaken, lambda r: ("Kota " if kota else "Kabupaten ") + place_name(r))
            kind = "kota" if kota else "kabupaten"
            npusk = pusk_per_dist[di]
            di += 1
            posts = pos_per_pusk[pi:pi + npusk]
            pi += npusk
            dists.append({"kind": kind, "code": dcode, "name": dname, "slug": dslug, "posts": posts})
        provinces.append({"code": code, "name": name, "slug": slug, "districts": dists})
    return provinces, (n_prov, n_dist, n_pusk, n_pos)


# ---------------------------------------------------------------- files

def write(path, text, excel=False):
    if excel:
        data = b"\xef\xbb\xbf" + text.replace(",", ";").replace("\n", "\r\n").encode("utf-8")
    else:
        data = text.encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)


def area_md(name, code, body):
    return '---\nnama: "%s"\nkode: "%s"\n---\n\n%s\n' % (name, code, body)


def province_body(rng, p, nd):
    return ("Provinsi %s (data sintetis). Wilayah ini memiliki %d kabupaten dan kota yang "
            "membina Pos UKK di sektor informal." % (p["name"], nd))


def district_body(rng, d, npusk, npos):
    return ("%s membina %d Pos UKK melalui %d puskesmas. Capaian kinerja Pos UKK dilaporkan "
            "puskesmas per triwulan ke Dinas Kesehatan.\n\nData ini sintetis, dibuat untuk uji "
            "kinerja rekap." % (d["name"], npos, npusk))


def puskesmas_md(rng, name, code, kec, dname, nposts):
    tel = "" if rng.random() < 0.4 else 'telepon: "0%d-%07d"\n' % (rng.randrange(21, 999), rng.randrange(10 ** 7))
    return ('---\nnama: "Puskesmas %s"\nkode: "%s"\nalamat: "Kelurahan %s, Kecamatan %s, %s"\n'
            'kecamatan: "%s"\n%s---\n\nPuskesmas di Kecamatan %s dengan %d Pos UKK binaan. '
            'Program kesehatan kerja dipegang oleh seorang pemegang program yang juga memegang '
            'program lain.\n' % (name, code, name, kec, dname, kec, tel, kec, nposts))


def kader_csv(rng, n):
    lines = [KADER_HEADER]
    for _ in range(n):
        if rng.random() < 0.55:
            sex, first = "P", rng.choice(FEMALE)
        else:
            sex, first = "L", rng.choice(MALE)
        fam = rng.choice(FAMILY)
        nama = first + (" " + fam if fam else "")
        trained = "" if rng.random() < 0.45 else str(rng.randrange(2012, 2025))
        aktif = "ya" if rng.random() < 0.85 else "tidak"
        tel = "08%d%08d" % (rng.randrange(11, 99), rng.randrange(10 ** 8)) if rng.random() < 0.5 else ""
        lines.append("%s,%s,%s,%s,%s,%s" % (nama, sex, rng.choice(EDU), trained, aktif, tel))
    return "\n".join(lines) + "\n"


def report_date(rng, end_month):
    """tanggal_lapor for a period ending in end_month."""
    r = rng.random()
    if r < RATES["no_date"]:
        return ""
    m = end_month + 1
    if r < RATES["no_date"] + RATES["late"]:
        if rng.random() < 0.2:
            m += 1
            return date_str(m, 1 + int(rng.random() * 28))
        return date_str(m, 11 + int(rng.random() * 18))
    return date_str(m, 1 + int(rng.random() * 10))


def month_values(rng, wl, wp, inactive):
    """One month's counts: [hari_buka, kun_l, kun_p, sakit_l, sakit_p, dil_l, dil_p, umum,
    pak, kak, rujukan, penyuluhan, ukur]."""
    rnd = rng.random
    if inactive or rnd() < RATES["closed_month"]:
        return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    hb = 1 + int(rnd() * 4)
    kl = int(wl * hb * (0.2 + 0.5 * rnd()))
    kp = int(wp * hb * (0.2 + 0.5 * rnd()))
    sl = int(kl * (0.1 + 0.3 * rnd()))
    sp = int(kp * (0.1 + 0.3 * rnd()))
    dl = int(sl * (0.4 + 0.6 * rnd()) + 0.5)
    dp = int(sp * (0.4 + 0.6 * rnd()) + 0.5)
    umum = int((sl + sp) * (0.5 + 0.6 * rnd()))
    pak = int(rnd() * rnd() * 4)
    kak = int(rnd() * rnd() * 3)
    ruj = int(rnd() * rnd() * 3)
    peny = int(rnd() * 2.4)
    ukur = int((wl + wp) * rnd() * 0.6)
    return [hb, kl, kp, sl, sp, dl, dp, umum, pak, kak, ruj, peny, ukur]


def fmt_row(periode, tgl, v, wl, wp, empties):
    cells = [periode, tgl, str(v[0]), str(wl), str(wp)] + [str(x) for x in v[1:]]
    for i in empties:
        cells[i] = ""
    return ",".join(cells)


# column indexes in a row of cells (see fmt_row) that go empty together
EMPTY_PATTERNS = [(9, 10), (16,), (15,), (11,), (3, 4), (5, 6, 7, 8, 9, 10), (2,)]


def laporan_csv(rng, formed_m, end_m, mode, inactive, workers_out):
    """The rows of laporan.csv; mode is "monthly", "quarterly" or "mixed"."""
    rnd = rng.random
    total = 10 + int(rnd() * 41)
    if workers_out:
        total = rng.choice([4, 6, 8, 55, 62, 75])
    wl = int(total * (0.2 + 0.6 * rnd()) + 0.5)
    wp = total - wl
    lines = [ELEMENT_HEADER]
    start = max(FIRST_MONTH, formed_m)
    q_label = "TW" if rnd() < 0.3 else "Q"
    first_q, last_q = start // 3, end_m // 3
    for q in range(first_q, last_q + 1):
        # workers drift a little at each quarter
        if rnd() < 0.2 and not workers_out:
            wl = max(2, min(45, wl + rng.choice((-2, -1, 1, 2))))
            if wl + wp > 50 or wl + wp < 10:
                wp = max(1, min(50 - wl, max(10 - wl, wp)))
        months = [m for m in range(q * 3, q * 3 + 3) if start <= m <= end_m]
        as_quarter = mode == "quarterly" or (mode == "mixed" and rnd() < 0.5)
        if as_quarter:
            if rnd() < RATES["missing_month"]:
                continue
            acc = [0] * 13
            for m in months:
                v = month_values(rng, wl, wp, inactive)
                for i in range(13):
                    acc[i] += v[i]
            periode = "%04d-%s%d" % (q // 4, q_label, q % 4 + 1)
            lines.append(fmt_row(periode, report_date(rng, q * 3 + 2), acc, wl, wp, ()))
            continue
        for m in months:
            if rnd() < RATES["missing_month"]:
                continue
            v = month_values(rng, wl, wp, inactive)
            empties = ()
            r = rnd()
            if r < RATES["empty_cells"]:
                empties = EMPTY_PATTERNS[int(rnd() * len(EMPTY_PATTERNS))]
            elif r < RATES["empty_cells"] + RATES["violation"]:
                # sakit_dilayani above sakit (the rule adds _l and _p); visits
                # raised so that only this rule fires
                v[5] = v[3] + (v[4] - v[6]) + 1 + int(rnd() * 3)
                v[1] = max(v[1], v[5] + v[6])
            lines.append(fmt_row(month_str(m), report_date(rng, m), v, wl, wp, empties))
    return "\n".join(lines) + "\n"


def pos_md(rng, nama, kode, job, desa, desa_kode, formed, status, dissolved, body):
    out = ['---\nnama: "%s"\nkode: "%s"\njenis_pekerjaan: "%s"\ndesa: "%s"\n' % (nama, kode, job, desa)]
    if desa_kode:
        out.append('desa_kode: "%s"\n' % desa_kode)
    if rng.random() < 0.3:
        out.append('alamat: "Desa %s RT %02d/RW %02d"\n' % (desa, 1 + int(rng.random() * 12), 1 + int(rng.random() * 8)))
    out.append("dibentuk: %s\nstatus: \"%s\"\n" % (formed, status))
    if dissolved:
        out.append("dibubarkan: %s\n" % dissolved)
    sar = [s for s in SARANA if rng.random() < 0.55]
    if not sar:
        sar = ["papan_nama"]
    out.append("sarana:\n" + "".join("  - %s\n" % s for s in sar))
    dana = []
    for _ in range(1 + int(rng.random() * rng.random() * 3)):
        d = rng.choices(DANA, DANA_W)[0]
        if d not in dana:
            dana.append(d)
    out.append("sumber_dana:\n" + "".join("  - %s\n" % d for d in dana))
    out.append("---\n\n")
    out.append(body)
    return "".join(out)


POS_BODIES = [
    "Pos UKK di kelompok %s. Sebagian besar anggota bekerja di usaha rumahan dengan keluhan "
    "nyeri otot, luka ringan, dan kelelahan. Kader mencatat kunjungan di buku pencatatan dan "
    "melaporkannya ke puskesmas setiap bulan.\n",
    "Pos UKK ini melayani pekerja %s di desa %s. Kegiatan rutin meliputi penyuluhan kesehatan "
    "kerja, pengukuran tinggi dan berat badan, serta pertolongan pertama.\n\nPetugas puskesmas "
    "datang sebulan sekali untuk membina kader.\n",
    "Kelompok %s di %s membentuk Pos UKK atas dorongan puskesmas. Sarana belum lengkap, dan "
    "sebagian kader belum pernah mendapat pelatihan kesehatan kerja.\n",
]


def gen_post(rng, pusk_code, k, taken, kec_code):
    job, short = JOBS[int(rng.random() * len(JOBS))]
    desa = place_name(rng, rng.random() < 0.3)
    name, slug = unique(rng, taken, lambda r: short + " " + desa)
    nama = "Pos UKK " + name
    kode = "%s-%02d" % (pusk_code, k)
    desa_kode = "%s%03d" % (kec_code, 1 + int(rng.random() * 20)) if rng.random() < 0.5 else ""
    rnd = rng.random
    # formation, status, dissolution
    if rnd() < RATES["formed_in_range"]:
        fm = FIRST_MONTH + 1 + int(rnd() * (LAST_MONTH - 2 - FIRST_MONTH))
    else:
        fm = 2010 * 12 + int(rnd() * (FIRST_MONTH - 2010 * 12))
    formed = date_str(fm, 1 + int(rnd() * days_in(fm)))
    status, dissolved, end_m = "aktif", "", LAST_MONTH
    r = rnd()
    inactive = False
    if r < RATES["dissolved"]:
        lo = max(fm + 1, FIRST_MONTH + 2)
        dm = lo + int(rnd() * (LAST_MONTH - 1 - lo))
        status, dissolved, end_m = "bubar", date_str(dm, days_in(dm) if rnd() < 0.5 else 1 + int(rnd() * 28)), dm
    elif r < RATES["dissolved"] + RATES["inactive"]:
        status, inactive = "tidak aktif", rnd() < 0.5
    r = rnd()
    mode = "quarterly" if r < RATES["quarterly"] else "mixed" if r < RATES["quarterly"] + RATES["mixed"] else "monthly"
    workers_out = rnd() < RATES["workers_out"]
    body = POS_BODIES[int(rnd() * len(POS_BODIES))]
    body = body % ((job,) if body.count("%s") == 1 else (job, desa))
    md = pos_md(rng, nama, kode, job, desa, desa_kode, formed, status, dissolved, body)
    lap = laporan_csv(rng, fm, end_m, mode, inactive, workers_out)
    ncad = 0 if rnd() < RATES["no_cadres"] else 1 + int(rnd() * 5)
    kad = kader_csv(rng, ncad)
    return slug, md, lap, kad, rnd() < RATES["excel"]


def gen_district(args):
    """Write one district folder; returns (files, bytes, pusk, posts)."""
    outdir, pslug, d, seed = args
    rng = random.Random("rekap-bench:%d:%s" % (seed, d["code"]))
    ddir = os.path.join(outdir, pslug, d["slug"])
    os.makedirs(ddir, exist_ok=True)
    npos_total = sum(d["posts"])
    text = area_md(d["name"], d["code"], district_body(rng, d, len(d["posts"]), npos_total))
    write(os.path.join(ddir, d["kind"] + ".md"), text)
    files, nbytes = 1, len(text)
    dcode = d["code"].replace(".", "")
    taken = set()
    kec = 0
    left_in_kec = 0
    seq = 0
    for npos in d["posts"]:
        if left_in_kec == 0:
            kec += 1
            kec_name = place_name(rng)
            left_in_kec = 1 + (rng.random() < 0.35) + (rng.random() < 0.1)
            seq = 0
        left_in_kec -= 1
        seq += 1
        assert kec < 100 and seq < 100, "too many puskesmas in one district"
        pusk_code = "P%s%03d2%02d" % (dcode, kec * 10, seq)
        kec_code = "%s%03d" % (dcode, kec * 10)
        name, slug = unique(rng, taken, lambda r: place_name(r) + ("" if r.random() < 0.8 else " %d" % (1 + int(r.random() * 3))))
        pdir = os.path.join(ddir, slug)
        os.mkdir(pdir)
        text = puskesmas_md(rng, name, pusk_code, kec_name, d["name"], npos)
        write(os.path.join(pdir, "puskesmas.md"), text)
        files += 1
        nbytes += len(text)
        ptaken = set()
        for k in range(1, npos + 1):
            pslug2, md, lap, kad, excel = gen_post(rng, pusk_code, k, ptaken, kec_code)
            qdir = os.path.join(pdir, pslug2)
            os.mkdir(qdir)
            write(os.path.join(qdir, "pos.md"), md)
            write(os.path.join(qdir, "laporan.csv"), lap, excel)
            write(os.path.join(qdir, "kader.csv"), kad)
            files += 3
            nbytes += len(md) + len(lap) + len(kad)
    return files, nbytes, len(d["posts"]), npos_total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", choices=sorted(SCALES), default="full")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1,
                    help="worker processes (output is identical for any value)")
    ap.add_argument("outdir")
    a = ap.parse_args()
    t0 = time.time()
    if os.path.exists(a.outdir) and os.listdir(a.outdir):
        sys.exit("synth.py: %s exists and is not empty" % a.outdir)
    os.makedirs(a.outdir, exist_ok=True)
    provinces, counts = plan(a.scale, a.seed)
    write(os.path.join(a.outdir, "rekap.yaml"),
          "# Records tree generated by tests/bench/synth.py (scale %s, seed %d).\n"
          'judul: "Rekap Pos UKK Nasional (data sintetis)"\n'
          'organisasi: "Data sintetis untuk uji kinerja"\n'
          "bahasa: id\n"
          'url_dasar: ""\n'
          "tampilkan_nama_kader: false\n" % (a.scale, a.seed))
    tasks = []
    for p in provinces:
        pdir = os.path.join(a.outdir, p["slug"])
        os.makedirs(pdir)
        write(os.path.join(pdir, "provinsi.md"),
              area_md(p["name"], p["code"], province_body(None, p, len(p["districts"]))))
        for d in p["districts"]:
            tasks.append((a.outdir, p["slug"], d, a.seed))
    if a.jobs > 1:
        import multiprocessing
        with multiprocessing.Pool(a.jobs) as pool:
            results = pool.map(gen_district, tasks, chunksize=4)
    else:
        results = [gen_district(t) for t in tasks]
    files = 1 + len(provinces) + sum(r[0] for r in results)
    nbytes = sum(r[1] for r in results)
    print("synth.py: %s seed %d: %d provinces, %d districts, %d puskesmas, %d posts; "
          "%d files, %.1f MB in %.1f s" % (a.scale, a.seed, counts[0], counts[1], counts[2],
                                            counts[3], files, nbytes / 1e6, time.time() - t0))


if __name__ == "__main__":
    main()
