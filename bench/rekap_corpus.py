"""A corpus of returned kab/kota workbooks for the rekap: 514 files by default.

    python bench/rekap_corpus.py OUT_DIR [--files 514] [--variants 16] [--damaged 0]

How it stays fast and honest:

1. `--variants` Dokumen are grown from the shipped sample with a seeded RNG: pagu,
   prices (never above the sample's, so no invented SSH breach), realisasi up to a
   cut-off month, fewer peserta, report dates (some late), and a few deliberate
   breaches (RAB over pagu, a late semester report). Each is built ONCE into a real
   filled workbook by the product's own `template.build.build_bytes` (cached formula
   values included).
2. Every file is one of those workbooks with its identity replaced consistently in
   every sheet and the shared strings: "Sukamaju" -> "Uji 001" (kab/kota, dinas,
   addresses, sentra), "Nusa Contoh" -> "Uji 01" (provinsi), and every NIK's region
   digits -> the file's number, so no two kab/kota share a person by accident. Only
   texts change, each everywhere it occurs, so lookups and cached formula values stay
   true; amounts are exactly those of the built variant.
3. A few pairs of files of the same variant share one peserta NIK (same rincian) or
   one narasumber NIK (same dates): the cross-file duplicates the rekap must find.
   `manifest.json` lists them, with every file's variant, kab/kota and provinsi.
4. `--damaged N` replaces N files by broken ones (truncated zip, not a zip, missing
   sheet, encrypted-looking, empty), cycling through the kinds; the manifest names them.

Names are synthetic ("Kabupaten Uji 001" in "Provinsi Uji 01"); no real regional data.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import sys
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

SEED = 2023
PROVINCES = 38
KAB_TOKEN, PROV_TOKEN = b"Sukamaju", b"Nusa Contoh"
NIK_RE = re.compile(rb"(?<![0-9])99(99|98)[0-9]{2}([0-9]{10})(?![0-9])")
TEXT_PARTS = re.compile(r"^xl/(worksheets/sheet\d+\.xml|sharedStrings\.xml)$")
DAMAGE_KINDS = ("zip_terpotong", "bukan_zip", "sheet_hilang", "terenkripsi", "kosong")
MISSING_SHEET = "RAB"


# ---------------------------------------------------------------- variants
def variant_dokumen(v: int):
    """The sample, varied by a seeded RNG; `v` = 0 is close to the sample itself."""
    from xlplugin.sample import sample_dokumen

    rng = random.Random(SEED * 1000 + v)
    doc = sample_dokumen()
    factor = {line.kode_baris: _price(line, rng.choice((1.0, 0.97, 0.93, 0.9, 0.85)))
              for line in doc.rab}
    _pay(doc, factor, cutoff=date(2023, rng.choice((5, 6, 7, 8, 10, 12)), 28))
    _fewer_peserta(doc, rng)
    doc.profil.pagu = rng.randrange(1_000, 2_400) * 1_000_000
    doc.profil.tanggal_laporan_semester1 = date(2023, 7, 3) + timedelta(days=rng.randrange(16))
    if v % 7 == 3:  # BREACH: RAB above pagu
        doc.profil.pagu = 800_000_000
    return doc


def _price(line, factor: float) -> float:
    """Lower a line's unit price by `factor` (rounded to Rp 100); returns the ratio."""
    if not isinstance(line.harga_satuan, int) or factor == 1.0:
        return 1.0
    old = line.harga_satuan
    line.harga_satuan = max(100, int(old * factor) // 100 * 100)
    return line.harga_satuan / old


def _pay(doc, factor: dict[str, float], cutoff: date) -> None:
    """Payments after `cutoff` are not made yet; the others follow the new prices."""
    kept = []
    for pay in doc.realisasi:
        if pay.tanggal > cutoff:
            continue
        pay.jumlah = int(pay.jumlah * factor.get(pay.kode_baris, 1.0))
        kept.append(pay)
    doc.realisasi = _renumber(kept)


def _fewer_peserta(doc, rng: random.Random) -> None:
    """Drop up to 4 participants of the first two trainings (A.1/A.2 lists only)."""
    drop = set()
    for kode in ("K01", "K02"):
        rows = [i for i, p in enumerate(doc.peserta) if p.kode_kegiatan == kode]
        drop |= set(rng.sample(rows[1:], rng.randrange(5)))
    doc.peserta = _renumber([p for i, p in enumerate(doc.peserta) if i not in drop])


def _renumber(records: list) -> list:
    if records:
        first = min(r.row for r in records)
        for i, r in enumerate(records):
            r.row = first + i
    return records


def build_variant(v: int) -> bytes:
    from xlplugin.template.build import build_bytes

    return build_bytes(variant_dokumen(v))


# ---------------------------------------------------------------- one file
@dataclass
class FileSpec:
    index: int  # 1-based kab/kota number
    variant: int
    province: int
    nik_from: dict[str, int] = field(default_factory=dict)  # base NIK -> other file's index

    @property
    def kab_kota(self) -> str:
        return f"Kabupaten Uji {self.index:03d}"

    @property
    def provinsi(self) -> str:
        return f"Provinsi Uji {self.province:02d}"

    @property
    def relpath(self) -> str:
        return f"{self.provinsi}/{self.kab_kota}.xlsm"


def derive(base: bytes, spec: FileSpec) -> bytes:
    """The base workbook with the identity of `spec`, every other byte of content kept."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if TEXT_PARTS.match(info.filename):
                data = _substitute(data, spec)
            dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _substitute(data: bytes, spec: FileSpec) -> bytes:
    data = data.replace(KAB_TOKEN, f"Uji {spec.index:03d}".encode())
    data = data.replace(PROV_TOKEN, f"Uji {spec.province:02d}".encode())

    def nik(m: re.Match) -> bytes:
        owner = spec.nik_from.get(m.group(0).decode(), spec.index)
        flag = b"1" if m.group(1) == b"99" else b"2"
        return b"99" + f"{owner:03d}".encode() + flag + m.group(2)

    return NIK_RE.sub(nik, data)


# ---------------------------------------------------------------- damage
def damage(path: Path, kind: str) -> None:
    """Turn a good workbook into one of the broken files a reviewer really receives."""
    data = path.read_bytes()
    if kind == "zip_terpotong":
        path.write_bytes(data[: len(data) // 2])
    elif kind == "bukan_zip":
        path.write_bytes(b"Laporan kami kirim lewat surel terpisah.\n")
    elif kind == "terenkripsi":  # an encrypted OOXML file is an OLE compound document
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088))
    elif kind == "kosong":
        path.write_bytes(b"")
    elif kind == "sheet_hilang":
        path.write_bytes(_without_sheet(data, MISSING_SHEET))
    else:
        raise ValueError(kind)


def _without_sheet(data: bytes, sheet: str) -> bytes:
    """The workbook as if the user deleted `sheet`: its entry and its part are gone."""
    out = io.BytesIO()
    pattern = re.compile(rb'<sheet [^>]*name="' + sheet.encode() + rb'"[^>]*/>')
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        wb = src.read("xl/workbook.xml")
        rid = re.search(rb'r:id="([^"]+)"', pattern.search(wb).group(0)).group(1)
        rels = src.read("xl/_rels/workbook.xml.rels")
        target = re.search(rb'Id="' + rid + rb'"[^>]*Target="([^"]+)"', rels)
        if target is None:
            target = re.search(rb'Target="([^"]+)"[^>]*Id="' + rid + rb'"', rels)
        part = "xl/" + target.group(1).decode().lstrip("/").removeprefix("xl/")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                if info.filename == part:
                    continue
                body = src.read(info)
                if info.filename == "xl/workbook.xml":
                    body = pattern.sub(b"", body)
                    body = re.sub(rb"<definedName [^>]*>[^<]*" + sheet.encode() + rb"[^<]*"
                                  rb"</definedName>", b"", body)
                dst.writestr(info, body)
    return out.getvalue()


# ---------------------------------------------------------------- corpus
def plan(files: int, variants: int, provinces: int = PROVINCES) -> list[FileSpec]:
    per_province = -(-files // provinces)
    specs = [FileSpec(i, (i - 1) % variants, (i - 1) // per_province + 1)
             for i in range(1, files + 1)]
    return specs


def inject_duplicates(specs: list[FileSpec], variants: int, pairs: int) -> list[dict]:
    """`pairs` peserta pairs and `pairs` narasumber pairs, each between two files of one
    variant (so the person sits in the same rincian / on the same dates)."""
    doc_cache: dict[int, object] = {}
    expected = []
    candidates = [(s, specs[s.index - 1 + variants]) for s in specs
                  if s.index - 1 + variants < len(specs)]
    step = max(1, len(candidates) // (2 * pairs + 1)) if pairs else 1
    chosen = candidates[::step][: 2 * pairs]
    for n, (a, b) in enumerate(chosen):
        doc = doc_cache.setdefault(a.variant, variant_dokumen(a.variant))
        jenis = "peserta" if n % 2 == 0 else "narasumber"
        person = doc.peserta[0] if jenis == "peserta" else doc.narasumber[0]
        b.nik_from[person.nik] = a.index
        expected.append({"jenis": jenis, "berkas": [a.relpath, b.relpath],
                         "kode_kegiatan": person.kode_kegiatan})
    return expected


def generate(out: Path, files: int = 514, variants: int = 16, damaged: int = 0,
             duplicate_pairs: int = 3, workers: int | None = None,
             provinces: int = PROVINCES) -> dict:
    """Write the corpus under `out` (created); returns the manifest (also written)."""
    out.mkdir(parents=True, exist_ok=True)
    variants = min(variants, files)
    specs = plan(files, variants, provinces)
    expected = inject_duplicates(specs, variants, duplicate_pairs if files > variants else 0)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        bases = list(pool.map(build_variant, range(variants)))
        blobs = pool.map(derive, [bases[s.variant] for s in specs], specs, chunksize=8)
        for spec, blob in zip(specs, blobs, strict=True):
            path = out / spec.relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(blob)
    broken = []
    for n, spec in enumerate(_spread(specs, damaged)):
        kind = DAMAGE_KINDS[n % len(DAMAGE_KINDS)]
        damage(out / spec.relpath, kind)
        broken.append({"berkas": spec.relpath, "jenis": kind})
    manifest = {
        "files": [{"berkas": s.relpath, "kab_kota": s.kab_kota, "provinsi": s.provinsi,
                   "varian": s.variant} for s in specs],
        "duplikat": [e for e in expected
                     if not {*e["berkas"]} & {b["berkas"] for b in broken}],
        "rusak": broken,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False),
                                       encoding="utf-8")
    return manifest


def _spread(specs: list[FileSpec], count: int) -> list[FileSpec]:
    """`count` files spread over the corpus, avoiding the duplicate pairs where possible."""
    if count <= 0:
        return []
    plain = [s for s in specs if not s.nik_from] or specs
    step = max(1, len(plain) // count)
    return plain[step // 2::step][:count]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Buat korpus buku kerja kab/kota untuk rekap.")
    p.add_argument("out", type=Path)
    p.add_argument("--files", type=int, default=514)
    p.add_argument("--variants", type=int, default=16)
    p.add_argument("--damaged", type=int, default=0)
    p.add_argument("--duplicate-pairs", type=int, default=3)
    args = p.parse_args(argv)
    started = time.perf_counter()
    manifest = generate(args.out, args.files, args.variants, args.damaged, args.duplicate_pairs)
    print(f"{len(manifest['files'])} berkas ditulis ke {args.out} "
          f"({len(manifest['rusak'])} rusak, {len(manifest['duplikat'])} duplikasi) dalam "
          f"{time.perf_counter() - started:.1f} detik.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
