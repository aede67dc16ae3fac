"""A real Poedit round trip: a reviewer approves a draft in Poedit, xlate reads it back.

Poedit runs for real on a private Xvfb display and is driven with xdotool the
way a reviewer works with the keyboard: go to the draft (Ctrl+Down), untick
"Needs Work" (Ctrl+U), replace the draft with typed English, save (Ctrl+S),
quit (Ctrl+Q). Then `xlate run --no-mt` and `xlate export` must read the file
Poedit wrote as it is: the typed translation is approved in the catalog and in
every export, nothing else changed, the header fields Poedit wrote are kept,
re-runs leave the file byte for byte as it is, and (a known bug for now) the
lines Poedit wrote are not rewrapped.

Poedit runs once per module (the `trip` fixture, ~10 s); every wait is bounded
and Poedit and Xvfb are stopped whatever happens. The tests need the system
tools poedit, Xvfb, xdotool, xdpyinfo and ImageMagick's `import`, and fail
(they do not skip) when one is missing:
    apt-get install -y poedit xvfb xdotool x11-utils imagemagick
Screenshots of what Poedit showed (poedit-*.png), Poedit's log and the file as
Poedit saved it are left in the fixture's folder (<basetemp>/poedit0/).
"""

import contextlib
import difflib
import os
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import polib
import pytest
from lxml import etree

APT = "apt-get install -y poedit xvfb xdotool x11-utils imagemagick"
TOOLS = {"poedit": "poedit", "Xvfb": "xvfb", "xdotool": "xdotool", "xdpyinfo": "x11-utils",
         "import": "imagemagick"}

STEM = "004_vo_van_thuong"
# The title, the dateline (ingest drops it) and the first two sentences of
# seeds/004_e61d162d6f37c19a.txt, with the scraped U+00D0 Ð standing for Đ.
SEED = (
    "Nâng cao chất lượng, hiệu quả công tác của cán bộ, công chức các cơ quan Trung ương\n"
    "\n"
    "Thứ Ba, 15/05/2018, 19:24:18\n"
    "\n"
    "Ngày 15-5, tại Hà Nội, Ðảng ủy Khối các cơ quan T.Ư tổ chức Hội nghị sơ kết hai năm thực hiện "
    "Chỉ thị số 05 của Bộ Chính trị về \"Ðẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách "
    "Hồ Chí Minh\". Ðồng chí Võ Văn Thưởng, Ủy viên Bộ Chính trị, Bí thư T.Ư Ðảng, Trưởng Ban Tuyên "
    "giáo T.Ư dự và chỉ đạo hội nghị.\n"
)
# The draft is the first body sentence: the 2nd entry in file order. It lacks
# the name rendering "Ho Chi Minh", so it also carries a QA finding.
DRAFT_MSGID_START = "Ngày 15-5, tại Hà Nội, Đảng ủy Khối"
DRAFT = "On 15-5, in Hanoi, the Party Committee of the Central Agencies held a conference."
# Typed with xdotool, so ASCII only (its keysym remapping for other characters is unreliable);
# long, with quotes, so Poedit wraps and escapes it.
TYPED = ("On 15 May in Hanoi, the Party Committee of the Central Agencies Bloc held a conference "
         "reviewing two years of implementing the Politburo's Directive 05 on \"Promoting the study "
         "and following of Ho Chi Minh's ideology, ethics and style\".")
REVIEWER = "Desk Reviewer <reviewer@example.org>"

# Poedit's preferences (wxFileConfig in $XDG_CONFIG_HOME/poedit/config), pre-seeded
# in a throwaway HOME. Poedit 3 opened on a file shows no welcome screen or wizard;
# these make it behave the same on every machine: a reviewer identity (Poedit then
# sets Last-Translator, as at a desk), file order with nothing sorted first (so
# Ctrl+Down reaches the 2nd entry), keyboard focus in the translation field after
# every move (without it typing goes to the list), no translation memory (no
# suggestions, no indexing of /usr/share/locale), no spell checker. Poedit's
# default of compiling a .mo next to the PO on save is kept, as reviewers have it.
POEDIT_CONFIG = f"""\
translator_name={REVIEWER.split(" <")[0]}
translator_email={REVIEWER.split("<")[1].rstrip(">")}
focus_to_text=1
sort_by=file-order
sort_group_by_context=0
sort_untrans_first=0
sort_errors_first=0
use_tm=0
enable_spellchecking=0
check_for_beta_updates=0
[windows]
[windows/mainwin]
w=1200
h=900
maximized=0
"""


# --- workspace helpers ----------------------------------------------------------------


def xlate(ws: Path, *args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "xlate", "-C", str(ws), *args], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, f"xlate {' '.join(args)}: exit {result.returncode}\n{result.stdout}{result.stderr}"
    return result.stdout


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def stats(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.glob("*.po"))}


def entries(path: Path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(path))}


def essentials(e: polib.POEntry) -> tuple:
    return (e.msgid, e.msgstr, sorted(e.flags), e.comment, e.tcomment, e.occurrences, e.previous_msgid,
            e.obsolete)


def without_extracted_comments(data: bytes) -> list[str]:
    return [line for line in data.decode("utf-8").splitlines() if not line.startswith("#.")]


def diff(old: bytes, new: bytes) -> str:
    return "xlate rewrote the catalog as Poedit saved it:\n" + "".join(difflib.unified_diff(
        old.decode().splitlines(True), new.decode().splitlines(True), "saved by Poedit", "after xlate run"))


# --- the X display and Poedit ---------------------------------------------------------


def require_tools() -> None:
    missing = [f"{tool} (package {pkg})" for tool, pkg in TOOLS.items() if shutil.which(tool) is None]
    if missing:
        pytest.fail("the Poedit round-trip test drives the real Poedit on Xvfb and needs "
                    + ", ".join(missing) + f"; install them: sudo {APT}", pytrace=False)


def wait_until(predicate, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(interval)


def stop(proc: subprocess.Popen | None, timeout: float = 5) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=timeout)


class Display:
    """A private Xvfb display, a throwaway HOME, and the X tools that act on them."""

    def __init__(self, tmp: Path, xvfb: subprocess.Popen, number: str):
        self.tmp, self.xvfb, self.name = tmp, xvfb, f":{number}"
        home = tmp / "home"
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "DISPLAY": self.name,
                    "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
                    "XDG_DATA_HOME": str(home / ".local" / "share"), "XDG_CACHE_HOME": str(home / ".cache"),
                    "XDG_RUNTIME_DIR": str(home / "run"), "TMPDIR": str(home / "tmp"),
                    "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "LANGUAGE": "en", "GDK_BACKEND": "x11",
                    "NO_AT_BRIDGE": "1"}
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR", "TMPDIR"):
            Path(self.env[var]).mkdir(parents=True, exist_ok=True, mode=0o700)

    def run(self, *cmd: str, check: bool = True, timeout: float = 10) -> subprocess.CompletedProcess:
        result = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=timeout)
        if check:
            assert result.returncode == 0, f"{' '.join(cmd)}: exit {result.returncode}: {result.stderr}"
        return result

    def key(self, keys: str) -> None:
        self.run("xdotool", "key", keys)
        time.sleep(0.4)

    def type(self, text: str) -> None:
        self.run("xdotool", "type", "--delay", "8", text, timeout=30)
        time.sleep(0.4)

    def screenshot(self, name: str) -> Path:
        path = self.tmp / name
        self.run("import", "-window", "root", str(path), timeout=20)
        return path


@contextlib.contextmanager
def xvfb(tmp: Path):
    """Start Xvfb on a display number nobody uses (-displayfd picks it) and wait until it serves."""
    read, write = os.pipe()
    with open(tmp / "xvfb.log", "wb") as log:
        try:
            proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24",
                                     "-nolisten", "tcp", "-noreset"],
                                    pass_fds=(write,), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=log, start_new_session=True)
        finally:
            os.close(write)
    try:
        number = b""
        try:
            deadline = time.monotonic() + 15
            while not number.endswith(b"\n"):
                assert proc.poll() is None, f"Xvfb exited: {(tmp / 'xvfb.log').read_text(errors='replace')}"
                assert time.monotonic() < deadline, "timed out after 15 s waiting for Xvfb to pick a display"
                if select.select([read], [], [], 0.2)[0]:
                    number += os.read(read, 16) or b""
        finally:
            os.close(read)
        display = Display(tmp, proc, number.decode().strip())
        wait_until(lambda: display.run("xdpyinfo", check=False).returncode == 0, 15,
                   f"Xvfb to serve {display.name}", interval=0.2)
        yield display
    finally:
        stop(proc)


def review_in_poedit(x: Display, po_path: Path) -> None:
    """Open the catalog in Poedit, approve the draft (2nd entry) as TYPED, save, quit."""
    config = Path(x.env["XDG_CONFIG_HOME"]) / "poedit" / "config"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(POEDIT_CONFIG, encoding="utf-8")
    log_path = x.tmp / "poedit.log"
    saved_before = po_path.stat().st_mtime_ns
    with open(log_path, "wb") as log:
        poedit = subprocess.Popen(["poedit", str(po_path)], env=x.env, stdin=subprocess.DEVNULL, stdout=log,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    try:
        def window():
            assert poedit.poll() is None, \
                f"Poedit exited ({poedit.returncode}): {log_path.read_text(errors='replace')}"
            # Poedit titles its window "<file> • <Project-Id-Version> - Poedit" once the catalog is loaded.
            found = x.run("xdotool", "search", "--onlyvisible", "--name", "^" + re.escape(po_path.name) + " ",
                          check=False).stdout.split()
            return found[0] if found else None

        wid = wait_until(window, 30, f"Poedit's window for {po_path.name}", interval=0.25)
        time.sleep(1.0)  # let it fill the list and select the first entry
        # There is no window manager: give the window the keyboard focus (and the
        # pointer, should focus follow it), then work with the keyboard only.
        x.run("xdotool", "mousemove", "--window", wid, "5", "5")
        x.run("xdotool", "windowfocus", "--sync", wid)
        x.screenshot("poedit-1-opened.png")
        x.key("ctrl+Down")  # Go > Next Translation: the draft, orange, "Needs Work" lit
        x.screenshot("poedit-2-draft.png")
        x.key("ctrl+u")     # Edit > Translation Needs Work: untick (editing would untick it too)
        x.key("ctrl+a")     # select the draft in the translation field ...
        x.type(TYPED)       # ... and type over it
        x.screenshot("poedit-3-reviewed.png")
        x.key("ctrl+s")     # File > Save (Poedit also compiles <stem>.mo next to it)
        wait_until(lambda: po_path.stat().st_mtime_ns != saved_before, 15, f"Poedit to save {po_path}")
        time.sleep(0.3)
        x.screenshot("poedit-4-saved.png")
        x.key("ctrl+q")     # File > Quit: nothing unsaved, so no question
        try:
            poedit.wait(timeout=15)
        except subprocess.TimeoutExpired:
            shot = x.screenshot("poedit-5-not-quitting.png")
            raise AssertionError(f"Poedit did not quit after Ctrl+Q; see {shot}") from None
    finally:
        stop(poedit)


# --- the round trip ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def trip(tmp_path_factory):
    """Seed → `xlate run --no-mt` → a draft → Poedit review → `xlate run`, `export`, `status`, 2 re-runs.

    Records every stage for the tests below, so Poedit runs once for the module.
    None when a tool is missing: each test then fails with require_tools()'s message.
    """
    if any(shutil.which(tool) is None for tool in TOOLS):
        return None
    tmp = tmp_path_factory.mktemp("poedit")
    t = SimpleNamespace(tmp=tmp, ws=tmp / "ws", po=tmp / "ws" / "translate" / f"{STEM}.po")
    (t.ws / "seeds").mkdir(parents=True)
    (t.ws / "seeds" / f"{STEM}.txt").write_text(SEED, encoding="utf-8")
    xlate(t.ws, "run", "--no-mt")
    t.fresh = polib.pofile(str(t.po))

    # A draft, as MT leaves one (msgstr + fuzzy); xlate keeps it a draft.
    po = polib.pofile(str(t.po))
    t.msgid = po[1].msgid
    po[1].msgstr, po[1].flags = DRAFT, ["fuzzy"]
    po.save()
    xlate(t.ws, "run", "--no-mt")
    t.before = entries(t.po)
    t.translate_before, t.output_before = files(t.ws / "translate"), files(t.ws / "output")

    with xvfb(tmp) as x:
        review_in_poedit(x, t.po)
    t.poedit_bytes = t.po.read_bytes()
    (tmp / "saved-by-poedit.po").write_bytes(t.poedit_bytes)
    t.saved, t.saved_header = entries(t.po), polib.pofile(str(t.po)).metadata
    t.translate_saved, t.output_saved = files(t.ws / "translate"), files(t.ws / "output")

    xlate(t.ws, "run", "--no-mt")
    xlate(t.ws, "export")
    t.status = xlate(t.ws, "status")
    t.after, t.after_header = entries(t.po), polib.pofile(str(t.po)).metadata
    t.output = files(t.ws / "output")
    t.settled = stats(t.ws / "translate")
    time.sleep(0.02)
    xlate(t.ws, "run", "--no-mt")
    xlate(t.ws, "run", "--no-mt")
    t.rerun = stats(t.ws / "translate")
    return t


def test_a_draft_approved_in_poedit_is_read_approved_and_exported(trip):
    require_tools()
    t, msgid = trip, trip.msgid
    assert [e.msgstr for e in t.fresh] == ["", "", ""]
    assert msgid.startswith(DRAFT_MSGID_START)
    assert t.before[msgid].msgstr == DRAFT and t.before[msgid].flags == ["fuzzy"]
    assert "qa: missing name rendering" in t.before[msgid].comment
    assert DRAFT.encode() in t.output_before["parallel/all.en"]

    # What Poedit wrote: the reviewed entry approved, the others as they were, its header.
    shots = f"screenshots in {t.tmp}"
    assert t.saved[msgid].msgstr == TYPED, shots
    assert "fuzzy" not in t.saved[msgid].flags, f"still 'Needs Work'; {shots}"
    assert [essentials(e) for m, e in t.saved.items() if m != msgid] == \
           [essentials(e) for m, e in t.before.items() if m != msgid]
    assert t.saved_header["Last-Translator"] == REVIEWER
    assert t.saved_header["X-Generator"].startswith("Poedit ")
    assert t.output_saved == t.output_before
    assert set(t.translate_saved) == set(t.translate_before) | {f"{STEM}.mo"}

    # xlate read Poedit's file as it is: the entry approved, nothing else changed.
    assert list(t.after) == list(t.before)
    for m, entry in t.after.items():
        if m != msgid:
            assert essentials(entry) == essentials(t.before[m])
    approved, was = t.after[msgid], t.before[msgid]
    assert approved.msgstr == TYPED and approved.flags == []
    assert (approved.tcomment, approved.occurrences, approved.previous_msgid) == \
           (was.tcomment, was.occurrences, was.previous_msgid)
    # The draft's QA findings went with the draft: the typed English has "Ho Chi Minh", 15 May and two.
    assert approved.comment == "body\nvalue: 15-5 = 15 May\nvalue: hai = two\nname: Hồ Chí Minh = Ho Chi Minh"
    assert t.after_header == t.saved_header, "xlate changed header fields Poedit wrote"
    assert re.search(rf"^{STEM}\s+3\s+1\s+0\s+2\s", t.status, re.M), t.status

    # The exports carry the typed English, approved; the draft is gone from all of them.
    xml = etree.fromstring(t.output[f"xml/{STEM}.xml"])
    segs = {s.findtext("vi"): s for s in xml.iter("seg")}
    assert segs[msgid].findtext("en") == TYPED and segs[msgid].get("status") == "approved"
    assert sorted(s.get("status") for s in segs.values()) == ["approved", "untranslated", "untranslated"]
    tmx = etree.fromstring(t.output[f"tmx/{STEM}.tmx"])
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    tu = {tu.findtext(f"tuv[@{lang}='vi']/seg"): tu for tu in tmx.iter("tu")}[msgid]
    assert tu.findtext(f"tuv[@{lang}='en']/seg") == TYPED
    assert tu.findtext("prop[@type='x-status']") == "approved"
    parallel_vi = t.output["parallel/all.vi"].decode("utf-8").splitlines()
    parallel_en = t.output["parallel/all.en"].decode("utf-8").splitlines()
    assert parallel_en[parallel_vi.index(msgid)] == TYPED
    assert DRAFT.encode() not in b"".join(t.output.values())

    # Two more runs leave the catalog byte for byte, mtime too.
    assert t.rerun == t.settled


def test_xlate_keeps_the_lines_poedit_saved(trip):
    require_tools()
    # Only the `#.` lines, which xlate owns, may differ (here: the draft's QA finding went).
    now = trip.po.read_bytes()
    assert without_extracted_comments(now) == without_extracted_comments(trip.poedit_bytes), \
        diff(trip.poedit_bytes, now)
