"""The vi→en package from the Argos index: fetch the index, download, verify, install.

The Argos index carries no checksums, so downloads are checked against
packages.KNOWN_PACKAGES (and any size or SHA-256 the index entry gives); a
download that does not match is refused and nothing is installed. Network
failures are messages that say how to install offline, never tracebacks.
argostranslate is imported inside the functions.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from xlate.errors import InputError, SetupError
from xlate.mt import packages
from xlate.mt.packages import (FROM_CODE, HOW_TO_INSTALL, PACKAGE_NAME, TO_CODE, PackageInfo, install_file,
                               missing_model_error, version_key)

_CHUNK = 1 << 16


def index_url(settings) -> str:
    if settings.mt.index_url:
        return settings.mt.index_url
    from argostranslate import settings as argos_settings

    return argos_settings.remote_package_index


def install_from_index(settings, progress: Callable[[int, int], None] | None = None) -> PackageInfo:
    """Download translate-vi_en from the Argos index, verify it, install it.

    ``progress(done_bytes, total_bytes)`` is called as the download proceeds
    (total 0 when unknown). Raises ModelMissing if the index or the package
    cannot be fetched, SetupError if the download does not match its size or
    SHA-256 (then nothing is installed and the temporary file is removed).
    """
    url = index_url(settings)
    timeout = settings.mt.timeout
    entry = _find_entry(_fetch_index(url, timeout), url)
    sizes, sums = _expected(entry)
    links = [link for link in entry.get("links") or [] if isinstance(link, str)]
    if not links:
        raise missing_model_error("the package index lists translate-vi_en without a download link", path=url)
    tmp = _temporary_file()
    try:
        with open(tmp, "wb") as out:
            link, digest, got = _download(links, out, timeout, sizes[0] if sizes else 0, progress)
        retry = "the file is damaged or is not the published package; try again, or " + HOW_TO_INSTALL
        for size in sizes:
            if got != size:
                raise SetupError(f"the download is {got:,} bytes, expected {size:,}: nothing was installed",
                                 path=link, hint=retry)
        for expected in sums:
            if digest != expected:
                raise SetupError(f"the download's SHA-256 is {digest}, expected {expected}: "
                                 "nothing was installed", path=link, hint=retry)
        try:
            return install_file(tmp)
        except InputError as exc:  # name the download, not our temporary file
            raise SetupError(f"the downloaded package is unusable: {exc.message}", path=link,
                             hint=exc.hint) from None
    finally:
        tmp.unlink(missing_ok=True)


def _temporary_file() -> Path:
    """An empty file in argostranslate's downloads folder (its cache)."""
    from argostranslate import settings as argos_settings

    folder = Path(argos_settings.downloads_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f"{PACKAGE_NAME}-", suffix=".argosmodel.part", dir=folder)
    except OSError as exc:
        raise SetupError(f"cannot create a file for the download: {exc.strerror or exc}", path=str(folder),
                         hint="check that the folder is writable and the disk is not full") from None
    os.close(fd)
    return Path(name)


# Network failures xlate expects (offline, refused, timed out, HTTP errors,
# a malformed URL in the settings); each becomes a message, not a traceback.
_NETWORK_ERRORS = (urllib.error.URLError, OSError, ValueError, http.client.HTTPException)


def _open(url: str, timeout: float):
    request = urllib.request.Request(url, headers={"User-Agent": "xlate (argostranslate)"})
    return urllib.request.urlopen(request, timeout=timeout)


def _network_reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
    if isinstance(exc, TimeoutError):  # socket.timeout is TimeoutError
        return "no answer before the timeout"
    return getattr(exc, "strerror", None) or str(getattr(exc, "reason", "") or exc) or type(exc).__name__


def _fetch_index(url: str, timeout: float) -> list:
    try:
        with _open(url, timeout) as response:
            raw = response.read()
    except _NETWORK_ERRORS as exc:
        raise missing_model_error(f"cannot reach the Argos package index ({_network_reason(exc)})",
                                  path=url) from None
    try:
        index = json.loads(raw.decode("utf-8"))
    except ValueError:
        index = None
    if not isinstance(index, list):
        raise missing_model_error("the Argos package index did not answer with a package list "
                                  "(a proxy or login page?)", path=url)
    return index


def _find_entry(index: list, url: str) -> dict:
    entries = [e for e in index if isinstance(e, dict) and e.get("from_code") == FROM_CODE
               and e.get("to_code") == TO_CODE and e.get("type", "translate") == "translate"]
    if not entries:
        raise missing_model_error("the Argos package index lists no Vietnamese→English package", path=url)
    return max(entries, key=lambda e: version_key(str(e.get("package_version", ""))))


def _expected(entry: dict) -> tuple[list[int], list[str]]:
    """Sizes and SHA-256 sums the download must match: our table's and the index entry's.

    Every one must match; if two sources disagree the download is refused,
    which is right: one of them is not the published package.
    """
    sizes, sums = [], []
    known = packages.KNOWN_PACKAGES.get(str(entry.get("package_version", "")))
    if known:
        sizes.append(known[0])
        sums.append(known[1])
    for key in ("size", "filesize"):
        if isinstance(entry.get(key), int) and entry[key] not in sizes:
            sizes.append(entry[key])
    for key in ("sha256", "checksum"):
        value = entry.get(key)
        if isinstance(value, str) and value:
            value = value.strip().lower().removeprefix("sha256:")
            if value not in sums:
                sums.append(value)
    return sizes, sums


def _download(links: list[str], out, timeout: float, size: int,
              progress: Callable[[int, int], None] | None) -> tuple[str, str, int]:
    """Stream the first link that works into ``out``; return (link, sha256, bytes)."""
    failures = []
    for link in links:
        out.seek(0)
        out.truncate()
        digest = hashlib.sha256()
        done = 0
        try:
            with _open(link, timeout) as response:
                total = int(response.headers.get("Content-Length") or size or 0)
                if progress:
                    progress(0, total)
                while chunk := response.read(_CHUNK):
                    _write(out, chunk)
                    digest.update(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
        except _NETWORK_ERRORS as exc:
            failures.append(f"{link}: {_network_reason(exc)}")
            continue
        out.flush()
        return link, digest.hexdigest(), done
    raise missing_model_error("could not download translate-vi_en (" + "; ".join(failures) + ")")


def _write(out, chunk: bytes) -> None:
    try:
        out.write(chunk)
    except OSError as exc:
        # Not a network failure: say so, instead of blaming the connection.
        raise SetupError(f"cannot write the download: {exc.strerror or exc}", path=out.name,
                         hint="free some disk space in argostranslate's cache folder and try again") from None
