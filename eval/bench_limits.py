"""Input limits: time to refusal and peak memory for hostile or very large files.

    python eval/bench_limits.py [--mb 50] [--docx-xml-mb 200] [--pdf-pages N] [--max-pdf-pages N] [--json out.json]

Builds, in a temporary directory: a large Thai text file (the shipped sample plan repeated to
--mb MB), a file over max_file_mb (sparse, no bytes written), a DOCX bomb (a valid .docx whose
word/document.xml is --docx-xml-mb MB of repeated text, compressing to 1-2 MB), a DOCX just under
max_docx_xml_mb, and a PDF with more pages than max_pdf_pages. Each case runs in its own
subprocess, so the peak RSS (VmHWM; getrusage ru_maxrss where there is no /proc) is that
case's alone. Accepted files also go through repair → sections → chunks → facts (what
`prepare_document` does), without embedding.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

SAMPLE = ROOT / "corpus" / "lampang-industry-action-plan-2567.txt"


def peak_mb() -> float:
    """Peak RSS of this process in MiB.

    VmHWM where /proc has it: getrusage's ru_maxrss survives exec on Linux, so a child would
    report its parent's peak at fork time as its own (the PDF builder's, for instance).
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# ---- building the files ----------------------------------------------------------------


def make_big_text(path: Path, mb: int) -> None:
    """The sample plan repeated until the file is `mb` MB (decimal)."""
    block = SAMPLE.read_bytes()
    if not block.endswith(b"\n"):
        block += b"\n"
    target = mb * 1_000_000
    with path.open("wb") as fh:
        written = 0
        while written + len(block) <= target:
            fh.write(block)
            written += len(block)
        cut = block[: target - written]
        fh.write(cut[: cut.rfind(b"\n") + 1])  # whole lines only, valid UTF-8


def make_sparse(path: Path, mb: int) -> None:
    with path.open("wb") as fh:
        fh.truncate(mb * 1_000_000)


def make_docx_with_xml(path: Path, xml_mb: float, number_every: int = 2) -> None:
    """A valid .docx (python-docx) whose word/document.xml is replaced by ~xml_mb MB of paragraphs.

    Every `number_every`-th paragraph carries its number, so the XML compresses about 115:1
    (200 MB → ~1.7 MB) rather than the 250:1 of one paragraph repeated.
    """
    import docx

    small = path.with_suffix(".small.docx")
    docx.Document().save(str(small))
    text = "แผนปฏิบัติการด้านการพัฒนาอุตสาหกรรม จังหวัดลำปาง"
    plain = f"<w:p><w:r><w:t>{text} ปี ๒๕๖๗</w:t></w:r></w:p>".encode()
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    )
    tail = b"<w:sectPr/></w:body></w:document>"
    target = int(xml_mb * 1_000_000)
    with zipfile.ZipFile(small) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename != "word/document.xml":
                zout.writestr(item, zin.read(item.filename))
                continue
            info = zipfile.ZipInfo("word/document.xml")
            info.compress_type = zipfile.ZIP_DEFLATED
            with zout.open(info, "w", force_zip64=True) as fh:
                fh.write(head)
                written, n = len(head), 0
                while written < target:
                    block = b"".join(
                        f"<w:p><w:r><w:t>ข้อ {n + i} {text}</w:t></w:r></w:p>".encode() if (n + i) % number_every == 0
                        else plain
                        for i in range(10_000)
                    )
                    fh.write(block)
                    written += len(block)
                    n += 10_000
                fh.write(tail)
    small.unlink()


def make_pdf(path: Path, pages: int) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for n in range(1, pages + 1):
        pdf.add_page()
        pdf.cell(0, 8, f"Action plan page {n}")
    pdf.output(str(path))


# ---- one case, in a subprocess ----------------------------------------------------------


def run_case(path: Path, limits_json: str, prepare: bool) -> dict:
    from ingest.readers import ReadError, ReadLimits, read_document

    limits = ReadLimits(**json.loads(limits_json))
    base = peak_mb()
    out: dict = {"file_mb": round(path.stat().st_size / 1e6, 1), "base_rss_mb": round(base)}
    t0 = time.perf_counter()
    try:
        source = read_document(path, path.parent, limits=limits)
    except ReadError as exc:
        out.update(accepted=False, message=exc.reason, seconds=round(time.perf_counter() - t0, 3))
        out["peak_rss_mb"] = round(peak_mb())
        return out
    stages = {"read": time.perf_counter() - t0}
    out.update(accepted=True, lines=len(source.lines), peak_after_read_mb=round(peak_mb()))
    if prepare:
        from ingest.chunking import chunk_document
        from ingest.facts import extract_facts
        from ingest.structure import build_sections
        from ingest.thai_repair import repair_lines

        t = time.perf_counter()
        lines = repair_lines(source.lines)
        stages["repair"] = time.perf_counter() - t
        out["peak_after_repair_mb"] = round(peak_mb())
        t = time.perf_counter()
        sections = build_sections(lines)
        stages["sections"] = time.perf_counter() - t
        out["peak_after_sections_mb"] = round(peak_mb())
        t = time.perf_counter()
        chunks = chunk_document(source, lines, sections, 300, 50)
        stages["chunks"] = time.perf_counter() - t
        out["peak_after_chunks_mb"] = round(peak_mb())
        t = time.perf_counter()
        facts = extract_facts(source.doc_id, lines)
        stages["facts"] = time.perf_counter() - t
        out.update(sections=len(sections), chunks=len(chunks), projects=len(facts.projects))
    out["stages_s"] = {k: round(v, 2) for k, v in stages.items()}
    out["seconds"] = round(time.perf_counter() - t0, 2)
    out["peak_rss_mb"] = round(peak_mb())
    out["message"] = ""
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=int, default=50, help="size of the large text file (MB)")
    ap.add_argument("--docx-xml-mb", type=float, default=200, help="uncompressed XML of the DOCX bomb (MB)")
    ap.add_argument("--max-pdf-pages", type=int, default=None, help="page limit (default: the setting)")
    ap.add_argument("--pdf-pages", type=int, default=None, help="pages of the PDF (default: limit + 1)")
    ap.add_argument("--only", default=None, help="comma-separated case names")
    ap.add_argument("--json", default=None, help="also write the results here")
    ap.add_argument("--case", help=argparse.SUPPRESS)
    ap.add_argument("--limits", help=argparse.SUPPRESS)
    ap.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.case:  # child process: one case
        print(json.dumps(run_case(Path(args.case), args.limits, args.prepare), ensure_ascii=False))
        return 0

    from ingest.readers import ReadLimits
    from plan_assistant.config import load_settings

    settings = load_settings()
    limits = ReadLimits.from_settings(settings)
    if args.max_pdf_pages is not None:
        limits = ReadLimits(limits.max_bytes, limits.max_docx_xml_bytes, args.max_pdf_pages)
    pdf_pages = args.pdf_pages or (limits.max_pdf_pages or 2000) + 1
    limits_json = json.dumps(limits.__dict__)
    under_docx_mb = max(1, (limits.max_docx_xml_bytes or 50_000_000) / 1e6 - 5)

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        cases = [
            (f"text {args.mb} MB", d / "big.txt", lambda p: make_big_text(p, args.mb), True),
            (f"text {settings.max_file_mb + 1} MB (sparse)", d / "huge.txt",
             lambda p: make_sparse(p, settings.max_file_mb + 1), False),
            (f"docx bomb {args.docx_xml_mb:g} MB XML", d / "bomb.docx",
             lambda p: make_docx_with_xml(p, args.docx_xml_mb), False),
            (f"docx {under_docx_mb:g} MB XML (under limit)", d / "under.docx",
             lambda p: make_docx_with_xml(p, under_docx_mb), True),
            (f"pdf {pdf_pages} pages", d / "pages.pdf", lambda p: make_pdf(p, pdf_pages), False),
        ]
        only = set(args.only.split(",")) if args.only else None
        for name, path, build, prepare in cases:
            if only and path.stem not in only:
                continue
            t = time.perf_counter()
            build(path)
            build_s = time.perf_counter() - t
            cmd = [sys.executable, __file__, "--case", str(path), "--limits", limits_json]
            if prepare:
                cmd.append("--prepare")
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode != 0:
                res = {"accepted": None, "message": f"child failed: {proc.stderr.strip()[-500:]}"}
            else:
                res = json.loads(proc.stdout.strip().splitlines()[-1])
            res.update(case=name, build_s=round(build_s, 1), compressed_mb=round(path.stat().st_size / 1e6, 2))
            results.append(res)
            print(json.dumps(res, ensure_ascii=False), file=sys.stderr)

    print(f"limits: max_file_mb={settings.max_file_mb} max_docx_xml_mb={settings.max_docx_xml_mb} "
          f"max_pdf_pages={limits.max_pdf_pages}")
    print()
    print("| case | on disk MB | result | seconds | peak RSS MB | message / stages |")
    print("|---|---|---|---|---|---|")
    for r in results:
        verdict = {True: "accepted", False: "refused", None: "error"}[r.get("accepted")]
        detail = r.get("message") or ", ".join(f"{k} {v}s" for k, v in r.get("stages_s", {}).items())
        if r.get("accepted"):
            detail += f" ({r.get('lines')} lines, {r.get('chunks', '-')} chunks, {r.get('projects', '-')} projects)"
        print(f"| {r['case']} | {r['compressed_mb']} | {verdict} | {r.get('seconds', '-')} | "
              f"{r.get('peak_rss_mb', '-')} (base {r.get('base_rss_mb', '-')}) | {detail} |")
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
