"""accessconv batch: a mirrored tree, incremental reruns, isolation of bad drafts, orphans, exit codes."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

import accessconv
from accessconv import profiles as registry
from accessconv.batch import find_drafts, ignore_reason, output_folders
from accessconv.checks.html import check_html_file
from accessconv.profiles import load
from batch_builders import (
    EXPECTED_DRAFTS,
    build_tree,
    by_path,
    copy_profile,
    fingerprint,
    md,
    read_report,
    run_batch,
    valid_report,
    write,
)


def test_batch_mirrors_the_tree_and_isolates_a_bad_draft(tmp_path: Path) -> None:
    src = build_tree(tmp_path)
    out = tmp_path / "Accessible"
    result = run_batch(src, out, default_profiles=True)  # every default profile, whatever exists

    assert result.exit_code == 2  # the damaged draft
    report = read_report(out)
    files = by_path(report)
    assert list(files) == EXPECTED_DRAFTS  # lock, temp, hidden, old outputs and .txt skipped
    assert files["Broken.docx"]["status"] == "failed"
    assert "not a readable .docx" in files["Broken.docx"]["error"]
    defaults = sorted(p.name for p in registry.defaults())
    assert report["batch"]["profiles"] == defaults
    for rel in ("Bins.md", "Housing/Repairs.md", "Housing/Older/Rent 2025.md"):
        assert files[rel]["status"] == "converted"
        assert files[rel]["rebuilt"] == defaults
        assert {o["profile"] for o in files[rel]["outputs"]} == set(defaults)
        for output in files[rel]["outputs"]:
            path = Path(output["path"])
            assert path.is_file() and path.parent == Path(files[rel]["output_dir"])
    assert (out / "Bins" / "Bins.html").is_file()
    assert (out / "Housing" / "Repairs" / "Repairs.html").is_file()
    assert (out / "Housing" / "Older" / "Rent 2025" / "Rent 2025.html").is_file()
    assert not (out / "Broken").exists()
    assert report["summary"]["converted"] == 3 and report["summary"]["failed"] == 1
    assert report["summary"]["exit_code"] == 2
    # Nothing half-written or temporary is left in the output folder, and the lock is gone.
    leftovers = [p.name for p in out.rglob("*") if p.name.endswith(".tmp") or p.name == ".accessconv.lock"]
    assert leftovers == []
    # The summary table names every draft and the failure.
    assert "Broken.docx" in result.stdout and "could not convert" in result.stdout
    assert "Housing/Older/Rent 2025.md" in result.stdout
    assert "index.html" in result.stdout


def test_folder_report_is_an_accessible_page_with_links_to_every_output(tmp_path: Path) -> None:
    src = build_tree(tmp_path)
    write(src / "Parks.md", md("Parks", "See [click here](https://example.org) for details."))
    out = tmp_path / "Accessible"
    run_batch(src, out)
    index = out / "index.html"

    results = check_html_file(index, load("html").checks)
    assert [r for r in results if r.status in ("error", "warning")] == []

    import lxml.html

    tree = lxml.html.parse(str(index)).getroot()
    hrefs = [a.get("href") for a in tree.iter("a")]
    assert "Housing/Older/Rent%202025/Rent%202025.html" in hrefs
    for href in hrefs:
        if not href.startswith("#"):
            from urllib.parse import unquote

            assert (out / unquote(href)).is_file(), href
    text = tree.text_content()
    assert "Broken.docx" in text and "not a readable .docx" in text  # the failure and its message
    assert "click here" in text  # the finding for Parks, with its fix
    rows = tree.findall(".//tbody/tr")
    assert len(rows) == 5


def test_rerun_with_nothing_changed_converts_nothing(tmp_path: Path) -> None:
    src = build_tree(tmp_path)
    out = tmp_path / "Accessible"
    run_batch(src, out)
    before = fingerprint(out)

    result = run_batch(src, out)
    report = read_report(out)
    statuses = {rel: f["status"] for rel, f in by_path(report).items()}
    assert statuses == {
        "Bins.md": "unchanged",
        "Broken.docx": "failed",  # remembered, not tried again: the file is the same
        "Housing/Older/Rent 2025.md": "unchanged",
        "Housing/Repairs.md": "unchanged",
    }
    assert fingerprint(out) == before
    assert result.exit_code == 2
    assert "Not tried again" in by_path(report)["Broken.docx"]["note"]
    # The unchanged drafts still show their check results in the folder report.
    assert by_path(report)["Bins.md"]["outputs"][0]["summary"]["checks_passed"] > 0
    assert "up to date" in result.stdout


def test_touching_a_draft_without_changing_it_rebuilds_nothing(tmp_path: Path) -> None:
    src = build_tree(tmp_path)
    out = tmp_path / "Accessible"
    run_batch(src, out)
    before = fingerprint(out)
    later = time.time() + 5
    import os

    os.utime(src / "Bins.md", (later, later))
    run_batch(src, out)
    assert by_path(read_report(out))["Bins.md"]["status"] == "unchanged"
    assert fingerprint(out) == before


def test_change_one_draft_and_one_profile_rebuilds_exactly_those_outputs(tmp_path: Path) -> None:
    src = build_tree(tmp_path)
    (src / "Broken.docx").unlink()
    council = tmp_path / "council-profiles"
    copy_profile("html", "web", council, **{'output_suffix = ""': 'output_suffix = "-web"'})
    out = tmp_path / "Accessible"
    args = ("-p", "html", "-p", "web", "--profiles-dir", council)
    assert run_batch(src, out, *args).exit_code == 0
    before = fingerprint(out)
    assert "Bins/Bins-web.html" in before and "Bins/Bins.html" in before

    write(src / "Housing" / "Repairs.md", md("Repairs", "We now fix boilers within two days."))
    copy_profile(
        "html",
        "web",
        council,
        **{
            'output_suffix = ""': 'output_suffix = "-web"',
            'contents_label = "Contents"': 'contents_label = "On this page"',
        },
    )
    result = run_batch(src, out, *args)
    assert result.exit_code == 0
    after = fingerprint(out)
    rebuilt = {path for path in before if after[path] != before[path]}
    assert rebuilt == {
        "Housing/Repairs/Repairs.html",  # the changed draft: every profile
        "Housing/Repairs/Repairs-web.html",
        "Bins/Bins-web.html",  # the changed profile: every draft
        "Housing/Older/Rent 2025/Rent 2025-web.html",
    }
    files = by_path(read_report(out))
    assert files["Housing/Repairs.md"]["rebuilt"] == ["html", "web"]
    assert files["Bins.md"]["rebuilt"] == ["web"]
    assert files["Bins.md"]["status"] == "converted"
    assert "boilers" in (out / "Housing" / "Repairs" / "Repairs.html").read_text(encoding="utf-8")


def test_deleted_draft_outputs_are_removed_or_kept_by_option(tmp_path: Path) -> None:
    src = build_tree(tmp_path)
    out = tmp_path / "Accessible"
    run_batch(src, out)
    (src / "Housing" / "Older" / "Rent 2025.md").unlink()

    result = run_batch(src, out, "--keep-orphans")
    report = read_report(out)
    assert "Housing/Older/Rent 2025.md" not in by_path(report)
    [orphan] = report["batch"]["orphans"]
    assert orphan["relative_path"] == "Housing/Older/Rent 2025.md" and orphan["removed"] is False
    assert (out / "Housing" / "Older" / "Rent 2025" / "Rent 2025.html").is_file()
    assert "Rent 2025" in result.stdout and "kept" in result.stdout

    run_batch(src, out)  # --prune is the default
    report = read_report(out)
    [orphan] = report["batch"]["orphans"]
    assert orphan["removed"] is True
    assert not (out / "Housing" / "Older").exists()  # emptied folders go too
    assert (out / "Housing" / "Repairs" / "Repairs.html").is_file()
    run_batch(src, out)
    assert read_report(out)["batch"]["orphans"] == []


def test_deleted_output_file_is_rebuilt(tmp_path: Path) -> None:
    src = build_tree(tmp_path)
    out = tmp_path / "Accessible"
    run_batch(src, out)
    (out / "Bins" / "Bins.html").unlink()
    run_batch(src, out)
    assert (out / "Bins" / "Bins.html").is_file()
    assert by_path(read_report(out))["Bins.md"]["rebuilt"] == ["html"]


def test_fixed_draft_is_converted_again(tmp_path: Path) -> None:
    src = build_tree(tmp_path)
    out = tmp_path / "Accessible"
    run_batch(src, out)
    (src / "Broken.docx").unlink()
    write(src / "Broken.md", md("Broken no more"))
    result = run_batch(src, out)
    assert result.exit_code == 0
    assert by_path(read_report(out))["Broken.md"]["status"] == "converted"


def test_exit_codes(tmp_path: Path) -> None:
    src = tmp_path / "Drafts"
    write(src / "Clean.md", md("Clean"))
    out = tmp_path / "Out"
    assert run_batch(src, out).exit_code == 0

    write(src / "Vague.md", md("Vague", "Read the plan [here](https://example.org/plan)."))
    assert run_batch(src, out).exit_code == 0  # a warning only
    assert run_batch(src, out, "--fail-on", "warning").exit_code == 1
    assert read_report(out)["summary"]["exit_code"] == 1

    (src / "Vague.md").unlink()
    (tmp_path / "pic.png").write_bytes(
        (Path(__file__).parents[1] / "samples/images/meeting.png").read_bytes()
    )
    write(src / "Picture.md", md("Picture", "![](../pic.png)"))
    result = run_batch(src, out, "--report", "json")
    assert result.exit_code == 1  # a picture with no alt text is an error
    report = valid_report(json.loads(result.stdout))
    assert report["summary"]["errors"] >= 1 and report["summary"]["exit_code"] == 1

    (src / "Damaged.docx").write_bytes(b"not a zip")
    assert run_batch(src, out).exit_code == 2
    # Usage and input errors: a missing folder, no --out, a folder that is a file, overlapping folders.
    missing = run_batch(tmp_path / "Nowhere", out)
    assert missing.exit_code == 2 and "no folder with this name" in missing.stderr
    from batch_builders import run_cli

    no_out = run_cli("batch", src)
    assert no_out.exit_code == 2 and "--out" in no_out.stderr
    assert run_batch(src / "Clean.md", out).exit_code == 2
    inside = run_batch(src, src)
    assert inside.exit_code == 2 and "must not be the drafts folder" in inside.stderr
    assert run_batch(src, out, "-p", "no-such-profile").exit_code == 2


def test_draft_still_being_written_waits(tmp_path: Path) -> None:
    src = tmp_path / "Drafts"
    write(src / "Done.md", md("Done"))
    growing = write(src / "Growing.md", md("Growing"))
    stop = threading.Event()

    def keep_writing() -> None:
        while not stop.is_set():
            with growing.open("a", encoding="utf-8") as fh:
                fh.write("\nMore text arriving over the network.\n")
            time.sleep(0.02)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        # The writer appends every 0.02 s; a settle period 25 times that keeps the test true on a
        # busy machine, where a thread can be held up for a tenth of a second.
        result = run_batch(src, tmp_path / "Out", "--settle", "0.5")
    finally:
        stop.set()
        writer.join()
    files = by_path(read_report(tmp_path / "Out"))
    assert files["Done.md"]["status"] == "converted"
    assert files["Growing.md"]["status"] == "skipped"
    assert "still being saved" in files["Growing.md"]["note"]
    assert result.exit_code == 0
    assert not (tmp_path / "Out" / "Growing").exists()

    run_batch(src, tmp_path / "Out", "--settle", "0.1")
    assert by_path(read_report(tmp_path / "Out"))["Growing.md"]["status"] == "converted"


def test_parallel_jobs_give_the_same_outputs(tmp_path: Path) -> None:
    src = tmp_path / "Drafts"
    for i in range(6):
        write(src / f"Part {i}" / f"Notice {i}.md", md(f"Notice {i}"))
    write(src / "Bad.odt", "not an odt")
    one, two = tmp_path / "One", tmp_path / "Two"
    assert run_batch(src, one, "--jobs", "1").exit_code == 2
    assert run_batch(src, two, "--jobs", "2").exit_code == 2
    files_one = sorted(p.relative_to(one) for p in one.rglob("*.html") if p.name != "index.html")
    files_two = sorted(p.relative_to(two) for p in two.rglob("*.html") if p.name != "index.html")
    assert files_one == files_two and len(files_one) == 6
    for rel in files_one:
        assert (one / rel).read_bytes() == (two / rel).read_bytes()
    assert read_report(two)["batch"]["jobs"] == 2
    assert by_path(read_report(two))["Bad.odt"]["status"] == "failed"


def test_force_converts_everything_again(tmp_path: Path) -> None:
    src = build_tree(tmp_path)
    out = tmp_path / "Accessible"
    run_batch(src, out)
    before = fingerprint(out)
    run_batch(src, out, "--force")
    after = fingerprint(out)
    assert all(after[p] != before[p] for p in before)


def test_output_folder_inside_the_drafts_folder_is_not_read_as_drafts(tmp_path: Path) -> None:
    src = build_tree(tmp_path)
    out = src / "Accessible"
    run_batch(src, out)
    run_batch(src, out)
    assert list(by_path(read_report(out))) == EXPECTED_DRAFTS


def test_python_api(tmp_path: Path) -> None:
    src = build_tree(tmp_path)
    out = tmp_path / "Accessible"
    folder = accessconv.convert_folder(src, out, profiles=["html"], jobs=1, settle=0)
    assert isinstance(folder, accessconv.batch.BatchResult)
    assert [d.relative for d in folder.converted] == [
        "Bins.md",
        "Housing/Older/Rent 2025.md",
        "Housing/Repairs.md",
    ]
    [failed] = folder.failed
    assert failed.relative == "Broken.docx" and "not a readable" in (failed.error or "")
    assert folder.exit_code() == 2
    assert folder.index == out / "index.html" and folder.report == out / "report.json"
    read_report(out)
    html = folder.converted[0].result.written[0]
    checked = accessconv.check_file(html)
    assert checked.profile == "html" and all(c.status in ("pass", "info") for c in checked.checks)

    again = accessconv.convert_folder(src, out, profiles=["html"], jobs=1, settle=0)
    assert len(again.unchanged) == 3 and again.converted == []
    read_report(out)

    with pytest.raises(accessconv.InputError):
        accessconv.convert_folder(tmp_path / "missing", out)


def test_skip_rules_and_output_folder_names(tmp_path: Path) -> None:
    assert ignore_reason("~$Budget.docx") == "an Office lock file"
    assert ignore_reason(".~lock.Budget.odt#") == "a hidden file"
    assert ignore_reason("~WRL0003.tmp") == "a temporary file"
    assert ignore_reason("Budget.docx.part") == "a temporary file"
    assert ignore_reason("Budget.docx") is None
    assert output_folders(["Budget.docx", "Budget.md", "Team/Plan.docx"]) == {
        "Budget.docx": "Budget (docx)",
        "Budget.md": "Budget (md)",
        "Team/Plan.docx": "Team/Plan",
    }
    src = build_tree(tmp_path)
    assert find_drafts(src) == EXPECTED_DRAFTS


def test_drafts_differing_only_by_extension_get_separate_folders(tmp_path: Path) -> None:
    src = tmp_path / "Drafts"
    write(src / "Budget.md", md("Budget in Markdown"))
    write(
        src / "Budget.html",
        "<html lang='en-GB'><head><title>Budget</title></head><body><h1>Budget</h1>"
        "<p>Web version.</p></body></html>",
    )
    out = tmp_path / "Out"
    run_batch(src, out)
    assert (out / "Budget (md)" / "Budget.html").is_file()
    assert (out / "Budget (html)" / "Budget.html").is_file()
