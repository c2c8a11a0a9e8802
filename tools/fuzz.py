"""Fuzz `baocao render` with seeded mutants of the examples; every failure is a one-line reproduction.

    python tools/fuzz.py --count 10000 --seed 7           # a long run: table, then each failure kind
    python tools/fuzz.py --seed 7 --only 4312             # regenerate and rerun mutant 4312, verbosely
    python tools/fuzz.py --seed 7 --only 4312 --save /tmp/m4312   # ... and keep its files to edit by hand

The generator and the judge live in tests/fuzzing.py, shared with tests/test_fuzz.py (the CI-size run).
Exit status: 0 when no mutant broke the contract, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import fuzzing  # noqa: E402


def _only(seed: int, index: int, save: Path | None) -> int:
    """Rerun one mutant in this fresh process and show everything about it."""
    mutant = fuzzing.make_mutant(seed, index)
    print(f"mutant {index} of seed {seed}, from {mutant.example}")
    for operation in mutant.operations:
        print(f"  - {operation}")
    print(mutant.diff(limit=60))
    with tempfile.TemporaryDirectory(prefix="baocao-fuzz-") as workdir:
        outcome = fuzzing.run_mutant(mutant, Path(workdir))
    print(f"\nexit {outcome.code} in {outcome.seconds:.2f} s")
    if outcome.stdout.strip() not in ("", "[]"):
        print("stdout:\n" + outcome.stdout.rstrip())
    if outcome.stderr.strip():
        print("stderr:\n" + outcome.stderr.rstrip())
    for kind, detail in outcome.failures:
        print(f"FAILURE [{kind}] {detail}")
    if outcome.code == 3:
        _show_traceback(mutant)
    if save is not None:
        save.mkdir(parents=True, exist_ok=True)
        mutant.write(save)
        argv = " ".join(f"'{a}'" if " " in a else a for a in mutant.argv(save))
        print(f"\nfiles saved in {save}; run: baocao {argv}")
    print("\nOK" if not outcome.failures else f"\n{len(outcome.failures)} failure(s)")
    return 1 if outcome.failures else 0


def _show_traceback(mutant: fuzzing.Mutant) -> None:
    """The CLI hides tracebacks from clerks; a developer reproducing an exit 3 needs one."""
    from baocao_gen.pipeline import render_file

    with tempfile.TemporaryDirectory(prefix="baocao-fuzz-") as workdir:
        folder = Path(workdir)
        mutant.write(folder)
        output = folder / mutant.expected_output()
        try:
            render_file(folder / mutant.period, output)
        except BaseException:
            print("\ntraceback of the pipeline (not shown to clerks):")
            lines = traceback.format_exc().splitlines()
            print("\n".join(lines if len(lines) < 60 else [*lines[:20], "  …", *lines[-30:]]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--only", type=int, help="rerun this one mutant (its index) verbosely")
    parser.add_argument("--save", type=Path, help="with --only: write the mutant's files into this folder")
    parser.add_argument("--workers", type=int, default=fuzzing.default_workers())
    parser.add_argument("--per-kind", type=int, default=3, help="mutants shown for each failure kind")
    parser.add_argument(
        "--sample",
        type=int,
        default=5,
        help="written mutants checked in LibreOffice and openxml-audit (0: none)",
    )
    parser.add_argument(
        "--json", type=Path, help="also write every failure (index, kind, detail) to this file"
    )
    args = parser.parse_args()
    if args.only is not None:
        return _only(args.seed, args.only, args.save)

    def progress(done: int) -> None:
        if done % 500 < 20 or done == args.count:
            print(f"\r{done}/{args.count}", end="", file=sys.stderr, flush=True)

    campaign = fuzzing.run_campaign(args.seed, args.count, args.workers, progress=progress)
    print(file=sys.stderr)
    print(campaign.table())
    sample_failures = [] if args.sample == 0 else _check_sample(campaign, args.sample)
    if campaign.failures:
        print("\n" + campaign.details(args.per_kind))
    if args.json is not None:
        failures = [
            {
                "index": o.index,
                "exit": o.code,
                "kind": kind,
                "detail": detail,
                "reproduce": fuzzing.make_mutant(args.seed, o.index).command,
            }
            for o in campaign.failures
            for kind, detail in o.failures
        ]
        args.json.write_text(json.dumps(failures, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nevery failure: {args.json}")
    return 1 if campaign.failures or sample_failures else 0


def _check_sample(campaign: fuzzing.Campaign, size: int) -> list[tuple[int, str, str]]:
    """Open a few written mutants in the real clients: LibreOffice must convert, openxml-audit find nothing."""
    sample = fuzzing.written_sample(campaign, size)
    failures: list[tuple[int, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="baocao-fuzz-sample-") as workdir:
        if fuzzing.soffice() is None:
            print("\nsample: LibreOffice (soffice) is not installed; PDF conversion not checked")
        else:
            failures += fuzzing.convert_with_libreoffice(sample, Path(workdir))
        failures += fuzzing.audit_with_openxml_audit(sample, Path(workdir))
    print(f"\nsample of written mutants {sorted(sample)}: {len(failures)} failure(s)")
    for index, kind, detail in failures:
        print(f"  [{kind}] python tools/fuzz.py --seed {campaign.seed} --only {index}\n    {detail[:300]}")
    return failures


if __name__ == "__main__":
    sys.exit(main())
