"""The vi→en Argos package: list, find, install from a file or from the Argos index.

argostranslate owns the installed-package registry (ARGOS_PACKAGES_DIR and its
settings.json), so a model installed here is shared with every other Argos
tool and vice versa. xlate adds what an air-gapped newsroom needs around it:
archives are checked before anything is extracted (downloads from the index,
in download.py, are verified against known sizes and SHA-256 sums too), and
every failure is a message that says what to do, never a traceback.

argostranslate is imported inside the functions: `xlate --help` must not pay
for it (and importing its settings creates folders).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from xlate.errors import InputError, ModelMissing, SetupError

FROM_CODE, TO_CODE = "vi", "en"
PACKAGE_NAME = "translate-vi_en"

# Known releases of translate-vi_en: package_version -> (size in bytes, SHA-256).
# The Argos index carries no checksums, so these pin what a download must be.
KNOWN_PACKAGES: dict[str, tuple[int, str]] = {
    "1.9": (65_895_840, "ebd51b7189b13eccb9238a5777de1d343008c4c05284a8b89610242364433953"),
}

HOW_TO_INSTALL = ("install it from a file with `xlate model install FILE.argosmodel` "
                  "(copy translate-vi_en-*.argosmodel from a machine with internet access), "
                  "or translate without MT: `xlate run --no-mt`")
HOW_TO_INSTALL_ANY = ("install it with `xlate model install` (downloads it from the Argos index) "
                      "or, offline, " + HOW_TO_INSTALL)

@dataclass(frozen=True)
class PackageInfo:
    from_code: str
    to_code: str
    version: str
    path: Path
    description: str


def packages_dir() -> Path:
    """Where argostranslate installs packages (ARGOS_PACKAGES_DIR or its default)."""
    from argostranslate import settings as argos_settings

    return Path(argos_settings.package_data_dir)


def installed() -> list[PackageInfo]:
    """Every installed Argos package (all language pairs), as argostranslate sees them."""
    return sorted((_info(p) for p in _argos_packages()),
                  key=lambda p: (p.from_code, p.to_code, p.path.name))


def _argos_packages() -> list:
    from argostranslate import package as argos_package
    from argostranslate import settings as argos_settings

    try:
        return argos_package.get_installed_packages()
    except (OSError, ValueError):
        pass
    # One broken folder (no or bad metadata.json, perhaps left by another tool)
    # must not hide the others: read them one by one instead.
    found = []
    for path in (p for folder in argos_settings.package_dirs if Path(folder).is_dir()
                 for p in sorted(Path(folder).iterdir()) if p.is_dir()):
        try:
            found.append(argos_package.Package(path))
        except (OSError, ValueError):
            continue
    return found


def _info(pkg) -> PackageInfo:
    # A package's README (argostranslate's description), else the pair's names.
    description = (pkg.get_description() or "").strip().lstrip("# ")
    if not description:
        description = f"{pkg.from_name or pkg.from_code} → {pkg.to_name or pkg.to_code}"
    return PackageInfo(from_code=pkg.from_code or "", to_code=pkg.to_code or "",
                       version=pkg.package_version or "", path=Path(pkg.package_path),
                       description=description.strip().splitlines()[0])


def find_vi_en() -> PackageInfo | None:
    """The installed vi→en translate package; the newest if there are several."""
    candidates = [_info(p) for p in _argos_packages()
                  if (p.from_code, p.to_code, p.type) == (FROM_CODE, TO_CODE, "translate")]
    if not candidates:
        return None
    return max(candidates, key=lambda p: version_key(p.version))


def version_key(version: str):
    import packaging.version  # argostranslate's own dependency

    try:
        return (1, packaging.version.Version(version))
    except packaging.version.InvalidVersion:
        return (0, version)


def missing_model_error(reason: str, path: str | None = None, from_index: bool = False) -> ModelMissing:
    """ModelMissing that always tells the user how to get the model (or do without)."""
    return ModelMissing(reason, path=path, hint=HOW_TO_INSTALL_ANY if from_index else HOW_TO_INSTALL)


# --- install from a file ----------------------------------------------------


def install_file(path) -> PackageInfo:
    """Check an .argosmodel archive, then install it with argostranslate.

    Nothing is extracted unless the whole archive passes: a zip whose members
    stay inside one package folder holding metadata.json for vi→en, a
    CTranslate2 model and a tokenizer. Other vi→en packages in the packages
    folder are then removed, as argostranslate's own update does, so that the
    file just installed is the one used. (argostranslate's install imports its
    translate module, which loads stanza and torch: expect a few seconds.)
    """
    path = Path(path)
    top, _ = check_archive(path)
    from argostranslate import package as argos_package

    target_root = packages_dir().resolve()
    target = target_root / top
    cannot = "check that the folder is writable and the disk is not full"
    backup = None
    try:
        target_root.mkdir(parents=True, exist_ok=True)
        if target.exists():
            # Same package folder: move the old one aside so a failed install
            # can put it back and a successful one leaves no stale files. Not
            # inside the packages folder: argostranslate would choke on it.
            backup = Path(tempfile.mkdtemp(prefix=f".xlate-old-{top}-", dir=target_root.parent))
            target.rename(backup / top)
    except OSError as exc:
        raise SetupError(f"cannot prepare {target}: {exc.strerror or exc}", path=str(path), hint=cannot) from None
    try:
        argos_package.install_from_path(path)
    except Exception as exc:  # argostranslate raises bare Exception too
        shutil.rmtree(target, ignore_errors=True)
        if backup is not None:
            (backup / top).rename(target)
            shutil.rmtree(backup, ignore_errors=True)
        raise SetupError(f"could not install the package into {target_root}: {exc}", path=str(path),
                         hint=cannot) from None
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)
    for old in installed():
        if ((old.from_code, old.to_code) == (FROM_CODE, TO_CODE)
                and old.path.resolve().parent == target_root and old.path.name != top):
            shutil.rmtree(old.path, ignore_errors=True)
    _clear_argos_language_cache()
    info = next((p for p in installed() if p.path.resolve() == target), None)
    if info is None:  # pragma: no cover - argostranslate extracted somewhere else
        raise SetupError(f"argostranslate did not install the package into {target_root}", path=str(path))
    return info


def _clear_argos_language_cache() -> None:
    # Only if argostranslate.translate is already loaded: importing it pulls
    # in stanza and torch, and nothing here needs it.
    translate = sys.modules.get("argostranslate.translate")
    if translate is not None:
        translate.get_installed_languages.cache_clear()


def check_archive(path: Path) -> tuple[str, dict]:
    """Validate an .argosmodel without extracting it; return (package folder, metadata)."""
    def bad(message, hint="use a translate-vi_en-*.argosmodel from the Argos index or a trusted copy"):
        return InputError(message, path=str(path), hint=hint)

    if not path.is_file():
        raise bad("no such file", hint="give the path of a downloaded translate-vi_en-*.argosmodel")
    try:
        if not zipfile.is_zipfile(path):
            raise bad("not an Argos model package (an .argosmodel file is a zip archive)")
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            for name in names:
                if _escapes(name):
                    raise bad(f"refusing to install: member {name!r} would be written outside the "
                              "packages folder", hint="the archive is damaged or malicious; "
                              "get the package again from a trusted source")
            tops = {PurePosixPath(name.replace("\\", "/")).parts[0] for name in names}
            if len(tops) != 1:
                raise bad("not an Argos model package: it should hold exactly one package folder "
                          f"with metadata.json, found {len(tops)} top-level entries")
            top = tops.pop()
            if f"{top}/metadata.json" not in names:
                raise bad(f"not an Argos model package: {top}/metadata.json is missing")
            try:
                metadata = json.loads(archive.read(f"{top}/metadata.json").decode("utf-8"))
                if not isinstance(metadata, dict):
                    raise ValueError("not a JSON object")
            except ValueError as exc:
                raise bad(f"{top}/metadata.json is not valid JSON ({exc})") from None
            pair = (metadata.get("from_code"), metadata.get("to_code"))
            if pair != (FROM_CODE, TO_CODE) or metadata.get("type", "translate") != "translate":
                raise bad(f"this is a {pair[0]}→{pair[1]} {metadata.get('type', 'translate')} package, "
                          "not the Vietnamese→English translation model xlate needs")
            if f"{top}/model/model.bin" not in names:
                raise bad(f"the package lacks {top}/model/model.bin (its CTranslate2 model)")
            if not {f"{top}/sentencepiece.model", f"{top}/bpe.model"} & set(names):
                raise bad(f"the package lacks {top}/sentencepiece.model (its tokenizer)")
            damaged = archive.testzip()
            if damaged is not None:
                raise bad(f"the archive is damaged (bad checksum in {damaged})",
                          hint="download or copy the file again")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise bad(f"the archive is damaged ({exc})", hint="download or copy the file again") from None
    except OSError as exc:
        raise bad(f"cannot read the file ({exc.strerror or exc})", hint="check the path and its permissions") from None
    return top, metadata


def _escapes(name: str) -> bool:
    """True if extracting this member could land outside the packages folder."""
    posix = name.replace("\\", "/")
    return (posix.startswith("/") or (len(posix) > 1 and posix[1] == ":")
            or ".." in PurePosixPath(posix).parts or "\0" in posix)
