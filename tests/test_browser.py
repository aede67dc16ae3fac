"""The HTML preview in a real browser: Debian's Chromium, headless, driven by Selenium through chromedriver.

One browser session serves every test here. The site is the five samples
drafted by the copy model (tests/modelkit.py), plus the two articles of
tests/previewkit.py, reviewed and run again without MT, as a desk would.
Screenshots go to $XLATE_SCREENSHOTS (default: a temporary folder); the page
weight and render time of every article are printed in the test log.
"""

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import previewkit as kit
from conftest import STEMS, new_workspace
from xlate import Workspace, catalog
from xlate.catalog import comments
from xlate.catalog.comments import Key
from xlate.exports import edition
from xlate.exports.html import article_page
from xlate.exports.preview import article_view
from xlate.prepare import read_back

ALL = [*STEMS, kit.MIXED, kit.READY]
# Chromium reaches for Google's services unless told not to; the desk (and CI) are offline.
QUIET_CHROMIUM = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                  "--disable-default-apps", "--no-default-browser-check", "--hide-scrollbars"]
DESKTOP, PHONE = (1280, 900), (390, 844)


@pytest.fixture(scope="module")
def site(tmp_path_factory, copy_model) -> Path:
    """`xlate run` with the copy model, a review, `xlate run --no-mt`; in subprocesses with their own Argos home."""
    tmp = tmp_path_factory.mktemp("browser")
    env = dict(os.environ, ARGOS_PACKAGES_DIR=str(tmp / "packages"), XDG_DATA_HOME=str(tmp / "data"),
               XDG_CONFIG_HOME=str(tmp / "config"), XDG_CACHE_HOME=str(tmp / "cache"),
               ARGOS_PACKAGE_INDEX="http://127.0.0.1:9/", ARGOS_DEVICE_TYPE="cpu")
    ws = new_workspace(tmp / "ws", settings="[mt]\nmax_decoding_length = 512\nbeam_size = 1\n")
    kit.write_seeds(ws)

    def xlate(*args):
        done = subprocess.run([sys.executable, "-m", "xlate", *args], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr

    xlate("model", "install", str(copy_model))
    xlate("-C", str(ws), "run")
    kit.review(ws)
    xlate("-C", str(ws), "run", "--no-mt")
    return ws


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver_path, "needs Debian's chromium and chromium-driver packages (.ci/run installs them)"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in QUIET_CHROMIUM + [f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_window_size(*DESKTOP)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("XLATE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def url(ws: Path, name: str) -> str:
    return (ws / "output" / "html" / f"{name}.html").as_uri()


def visit(browser, ws: Path, name: str) -> None:
    browser.get(url(ws, name))
    assert browser.execute_script("return document.readyState") == "complete"


def console_errors(browser) -> list[str]:
    """What the page logged since the last call, at warning level or worse (CSP violations are errors)."""
    return [e["message"] for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]


def screenshot(browser, shots: Path, name: str, width: int) -> Path:
    """The whole page, `width` CSS pixels wide."""
    browser.set_window_size(width, 800)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(width, min(height, 6000))
    path = shots / f"{name}.png"
    browser.save_screenshot(str(path))
    browser.set_window_size(*DESKTOP)
    return path


# A cell's own text: without its tooltips (shown while hovered) and the published view's marks.
PLAIN_JS = """function plain(el) { const c = el.cloneNode(true);
                                c.querySelectorAll('.tip, .pub-mark').forEach(t => t.remove()); return c.textContent; }"""


def units_on_page(browser) -> list[dict]:
    return browser.execute_script(PLAIN_JS + """
        return Array.from(document.querySelectorAll('.unit')).map(u => ({
            id: u.id, status: u.dataset.status, vi: plain(u.querySelector('.vi')),
            label: u.querySelector('.badge').innerText, en: plain(u.querySelector('.en'))}));""")


def cell_text(browser, element) -> str:
    """The Vietnamese of the unit holding `element`."""
    return browser.execute_script(PLAIN_JS + "return plain(arguments[0].closest('.unit').querySelector('.vi'))",
                                  element)


def render_ms(ed, low_confidence: int) -> float:
    """Milliseconds to make one article's page from its Edition (what export adds per article)."""
    started = time.perf_counter()
    article_page(article_view(ed, low_confidence=low_confidence))
    return (time.perf_counter() - started) * 1000


def requirement_renderings(entry: polib.POEntry) -> dict[str, str]:
    return dict(v.split(" = ", 1) for key in (Key.GLOSSARY, Key.NAME, Key.VALUE)
                for v in comments.values(entry.comment, key))


def test_every_unit_of_every_catalog_is_on_its_page_with_its_status(browser, site, capsys):
    ws = Workspace.open(site)
    editions = {r.stem: edition(r.article, r.units, r.catalog, r.requirements, catalog=ws.shown(r.path))
                for r in read_back(ws, [])}
    log = []
    for stem in ALL:
        rendered_ms = statistics.median(render_ms(editions[stem], ws.settings.mt.low_confidence) for _ in range(3))
        visit(browser, site, stem)
        loaded_ms = browser.execute_script(
            "const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;")
        on_page = units_on_page(browser)
        po = polib.pofile(str(site / "translate" / f"{stem}.po"))
        live = [e for e in po if not e.obsolete]
        assert {u["vi"] for u in on_page} == {e.msgid for e in live}, stem
        for entry in live:
            status = catalog.status(entry)
            match = comments.match_percent(entry.comment)
            label = f"Fuzzy match {match}%" if status == "draft" and match is not None else str(status).capitalize()
            found = {(u["status"], u["label"]) for u in on_page if u["vi"] == entry.msgid}
            assert found == {(str(status), label)}, (stem, entry.msgid)
        assert browser.execute_script("return window.__xlate_pwned") is None
        assert console_errors(browser) == [], stem
        size = (site / "output" / "html" / f"{stem}.html").stat().st_size
        log.append(f"  {stem:<22} {len(on_page):>3} units  {size:>8,} bytes  "
                   f"rendered in {rendered_ms:5.1f} ms (median of 3)  loaded by Chromium in {loaded_ms:5.1f} ms")
    with capsys.disabled():
        print("\nHTML preview, per article (page weight, render time):\n" + "\n".join(log))


def test_the_mixed_article_in_the_browser(browser, site, shots):
    visit(browser, site, kit.MIXED)
    by_vi = {u["vi"]: u for u in units_on_page(browser)}
    assert by_vi[kit.SCRIPT_VI]["en"] == kit.SCRIPT_EN  # the seed's <script> is text, and did not run
    assert by_vi[kit.UNTRANSLATED_VI]["label"] == "Untranslated"
    assert by_vi[kit.FUZZY_AFTER]["label"].startswith("Fuzzy match ")
    low = browser.find_element(By.CSS_SELECTOR, f"#{by_vi[kit.DRAFT_VI]['id']} .flag-low")
    assert low.is_displayed() and low.text == f"Low MT confidence: {kit.LOW_CONFIDENCE}%"
    qa = browser.find_elements(By.CSS_SELECTOR, ".notes .qa")
    assert [q.text for q in qa] == ['QA error: value missing: "16-7" (16 July) is not in the English']
    screenshot(browser, shots, "article-mixed-desktop", DESKTOP[0])
    assert console_errors(browser) == []


def test_hovering_or_focusing_a_term_shows_its_rendering(browser, site, shots):
    stem = STEMS[0]
    po = {e.msgid: e for e in polib.pofile(str(site / "translate" / f"{stem}.po"))}
    visit(browser, site, stem)
    term = browser.find_elements(By.CSS_SELECTOR, ".vi .term")[1]
    tip = term.find_element(By.CSS_SELECTOR, ".tip")
    assert not tip.is_displayed()
    ActionChains(browser).move_to_element(term).perform()
    assert tip.is_displayed()
    vi_text = cell_text(browser, term)
    rendering = requirement_renderings(po[vi_text])[browser.execute_script(
        "return arguments[0].firstChild.textContent", term)]
    assert tip.find_element(By.CSS_SELECTOR, ".tip-text").text == rendering
    box = browser.execute_script("return arguments[0].getBoundingClientRect().toJSON()", tip)
    assert 0 <= box["left"] and box["right"] <= browser.execute_script("return innerWidth")
    browser.save_screenshot(str(shots / "term-hover.png"))
    # The English side names the Vietnamese term it renders.
    english = browser.find_elements(By.CSS_SELECTOR, ".en .term")[0]
    ActionChains(browser).move_to_element(english).perform()
    english_tip = english.find_element(By.CSS_SELECTOR, ".tip-text")
    assert english_tip.is_displayed() and english_tip.get_attribute("lang") == "vi"

    # Keyboard only: Tab from the top reaches the skip link first, then a term shows its tooltip.
    ActionChains(browser).move_by_offset(0, 0).move_to_element(
        browser.find_element(By.CSS_SELECTOR, ".foot")).perform()
    visit(browser, site, stem)
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    first = browser.switch_to.active_element
    assert first.get_attribute("class") == "skip" and first.get_attribute("href").endswith("#main")
    assert first.is_displayed()
    for _ in range(30):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        focused = browser.switch_to.active_element
        if "term" in (focused.get_attribute("class") or "").split():
            break
    else:
        pytest.fail("no glossary term is reachable with Tab")
    style = browser.execute_script(
        "const s = getComputedStyle(arguments[0]); return [s.outlineStyle, parseFloat(s.outlineWidth)]", focused)
    assert style[0] != "none" and style[1] >= 2
    focused_tip = focused.find_element(By.CSS_SELECTOR, ".tip")
    assert focused_tip.is_displayed()
    vi_text = cell_text(browser, focused)
    key = browser.execute_script("return arguments[0].firstChild.textContent", focused)
    assert focused_tip.find_element(By.CSS_SELECTOR, ".tip-text").text == requirement_renderings(po[vi_text])[key]
    browser.save_screenshot(str(shots / "term-focus.png"))
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    assert not focused_tip.is_displayed()  # Escape dismisses it without moving the focus
    assert console_errors(browser) == []


def test_english_only_shows_the_article_as_it_would_be_published(browser, site, shots):
    visit(browser, site, kit.MIXED)
    toggle = browser.find_element(By.ID, "en-only")
    assert toggle.is_displayed() and toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert not any(e.is_displayed() for e in browser.find_elements(By.CSS_SELECTOR, ".vi, .badge, .refs, .notes"))
    heading = browser.execute_script("return document.querySelector('h1').innerText")
    assert heading == kit.TITLE_EN
    paragraph = browser.execute_script("return document.getElementById('block-1').innerText")
    assert paragraph == " ".join([kit.SCRIPT_EN, kit.QA_EN, f"[untranslated: {kit.UNTRANSLATED_VI}]",
                                  f"{kit.DRAFT_EN} [draft]", f"{kit.FUZZY_EN} [draft]"])
    assert browser.find_element(By.CSS_SELECTOR, ".verdict").text.startswith("Not for publication")
    assert browser.execute_script("return document.querySelector('.term').tabIndex") == -1
    screenshot(browser, shots, "article-mixed-english-only", DESKTOP[0])
    toggle.click()
    assert all(e.is_displayed() for e in browser.find_elements(By.CSS_SELECTOR, ".vi"))
    assert console_errors(browser) == []


def test_the_index_puts_ready_articles_first_and_sorts_by_any_column(browser, site, shots):
    visit(browser, site, "index")

    def order():
        return [r.get_attribute("data-stem") for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr")]

    assert order()[:2] == [kit.READY, kit.MIXED] and sorted(order()) == sorted(ALL)
    ready = browser.find_element(By.CSS_SELECTOR, f"tr[data-stem='{kit.READY}'] .state")
    assert ready.text == "Ready to publish"
    screenshot(browser, shots, "index-desktop", DESKTOP[0])
    heading = browser.find_element(By.CSS_SELECTOR, "th[data-sort='qa'] button")
    heading.click()
    qa = [int(r.get_attribute("data-qa")) for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert qa == sorted(qa) and qa[-1] > 0
    heading.click()
    assert [int(r.get_attribute("data-qa")) for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr")] == \
        sorted(qa, reverse=True)
    th = browser.find_element(By.CSS_SELECTOR, "th[data-sort='qa']")
    assert th.get_attribute("aria-sort") == "descending"
    browser.find_element(By.CSS_SELECTOR, "th[data-sort='rank'] button").click()
    assert order()[:2] == [kit.READY, kit.MIXED]
    assert console_errors(browser) == []


def test_pages_fit_a_phone_print_cleanly_and_keep_their_contrast(browser, site, shots):
    for name in ("index", STEMS[2], kit.MIXED):
        visit(browser, site, name)
        browser.set_window_size(*PHONE)
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, name
        screenshot(browser, shots, f"{'index' if name == 'index' else 'article-' + name}-phone", PHONE[0])
    # The tooltip of the last term of a line stays on a phone's screen.
    browser.set_window_size(*PHONE)
    visit(browser, site, STEMS[2])
    terms = browser.find_elements(By.CSS_SELECTOR, ".en .term")
    rightmost = max(terms[:40], key=lambda t: t.rect["x"] + t.rect["width"])
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", rightmost)
    ActionChains(browser).move_to_element(rightmost).perform()
    box = browser.execute_script(
        "return arguments[0].querySelector('.tip').getBoundingClientRect().toJSON()", rightmost)
    assert box["width"] > 0 and 0 <= box["left"] and box["right"] <= PHONE[0]
    browser.set_window_size(*DESKTOP)

    # Paper: the controls go, the units stay whole.
    visit(browser, site, kit.MIXED)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not browser.find_element(By.CSS_SELECTOR, ".top").is_displayed()
        assert all(u.is_displayed() for u in browser.find_elements(By.CSS_SELECTOR, ".unit"))
        screenshot(browser, shots, "article-mixed-print", 800)
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = browser.print_page()
    (shots / "article-mixed.pdf").write_bytes(__import__("base64").b64decode(pdf))

    # Every piece of text has at least 4.5:1 contrast on what is behind it (WCAG AA).
    for name in ("index", kit.MIXED):
        visit(browser, site, name)
        worst = browser.execute_script(CONTRAST_JS)
        assert worst["ratio"] >= 4.5, (name, worst)
    # Landmarks: one banner, one main, one contentinfo; the article page has navigation.
    assert browser.execute_script(
        "return ['header.top', 'main', 'footer.foot', 'nav'].map(s => document.querySelectorAll(s).length)") \
        == [1, 1, 1, 1]
    assert console_errors(browser) == []


# The lowest contrast between any element's own text and the colour behind it.
CONTRAST_JS = """
function rgb(c) { const m = c.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
function lum(c) { return [c.r, c.g, c.b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
                  .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0); }
function behind(el) { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c.a > 0.5) return c; }
                      return {r: 255, g: 255, b: 255, a: 1}; }
let worst = {ratio: 99, text: ''};
for (const el of document.querySelectorAll('body *')) {
  const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own || !el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
  const a = lum(rgb(getComputedStyle(el).color)), b = lum(behind(el));
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  if (ratio < worst.ratio) worst = {ratio: ratio, text: el.textContent.slice(0, 40), cls: el.className};
}
return worst;
"""
