"""Shared fixtures: sample workspaces, the CLI in process, tiny real vi→en Argos packages, an isolated Argos home."""

import json
import os
import shutil
import socket
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from xlate.cli import cli  # imports no MT library: safe before pytest_configure points Argos elsewhere

ROOT = Path(__file__).resolve().parents[1]
REPO = ROOT
STEMS = sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))  # the five sample articles


def invoke(ws: Path, *args: str):
    """`xlate -C WS ARGS…` in process (click's test runner); the result has exit_code and output."""
    return CliRunner().invoke(cli, ["-C", str(ws), *args], catch_exceptions=False)


def new_workspace(root: Path, *, glossary: bool = True, settings: str | None = None) -> Path:
    """A workspace at `root` holding the five sample articles (and the shipped glossary)."""
    shutil.copytree(ROOT / "seeds", root / "seeds")
    if glossary:
        shutil.copytree(ROOT / "glossary", root / "glossary")
    if settings is not None:
        (root / "xlate.toml").write_text(settings, encoding="utf-8")
    return root


@pytest.fixture
def ws(tmp_path) -> Path:
    """A fresh workspace with the samples and the shipped glossary, nothing run yet."""
    return new_workspace(tmp_path / "ws")


@pytest.fixture
def installed(argos_home, copy_model):
    """The copy model installed as the vi→en package (an isolated Argos home)."""
    result = CliRunner().invoke(cli, ["model", "install", str(copy_model)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return argos_home


def pytest_configure(config):
    # argostranslate.settings reads these once, when first imported, and creates
    # its folders: point them at a throwaway folder before any test imports it,
    # so no test touches ~/.local/share/argos-translate or ~/.config, and its
    # index URL at a closed loopback port, so nothing can reach the real index.
    home = Path(tempfile.mkdtemp(prefix="xlate-tests-argos-"))
    config._xlate_argos_home = home
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_CACHE_HOME", "cache"), ("ARGOS_PACKAGES_DIR", "packages")):
        os.environ[var] = str(home / sub)
    os.environ["ARGOS_PACKAGE_INDEX"] = "http://127.0.0.1:9/"
    os.environ["ARGOS_DEVICE_TYPE"] = "cpu"
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
    socket.socket.connect = _loopback_only(socket.socket.connect)
    socket.socket.connect_ex = _loopback_only(socket.socket.connect_ex)


def pytest_unconfigure(config):
    shutil.rmtree(getattr(config, "_xlate_argos_home", ""), ignore_errors=True)


def _loopback_only(connect):
    # Tests run offline by contract: any other address is a bug in the test
    # or in the code, and must fail loudly (not as an OSError code may absorb).
    def guarded(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"a test tried to reach {address!r}: tests must stay offline")
        return connect(sock, address)
    return guarded


@pytest.fixture
def argos_home(tmp_path, monkeypatch):
    """An empty Argos installation under tmp_path; returns its folders."""
    from argostranslate import settings as argos

    root = tmp_path / "argos"
    home = SimpleNamespace(root=root, packages=root / "packages", data=root / "data" / "argos-translate",
                           config=root / "config" / "argos-translate",
                           cache=root / "cache" / "argos-translate")
    home.downloads = home.cache / "downloads"
    for folder in (home.packages, home.data, home.config, home.downloads):
        folder.mkdir(parents=True)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(home.packages))
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(var, str(root / sub))
    # The settings module already read the environment at import: repoint it.
    for name, value in (("data_dir", home.data), ("config_dir", home.config), ("cache_dir", home.cache),
                        ("downloads_dir", home.downloads), ("package_data_dir", home.packages),
                        ("package_dirs", [home.packages]), ("settings_file", home.config / "settings.json"),
                        ("local_package_index", home.data / "index.json"),
                        ("remote_package_index", "http://127.0.0.1:9/index.json")):
        monkeypatch.setattr(argos, name, value)
    return home


@pytest.fixture(scope="session")
def seed_texts():
    return [p.read_text(encoding="utf-8-sig") for p in sorted((ROOT / "seeds").iterdir())
            if p.suffix in (".txt", ".md")]


@pytest.fixture(scope="session")
def copy_model(tmp_path_factory, seed_texts):
    """translate-vi_en 0.1: a real .argosmodel whose output equals its input."""
    import modelkit

    return modelkit.build_copy_model(tmp_path_factory.mktemp("models") / "copy.argosmodel", seed_texts)


@pytest.fixture(scope="session")
def random_model(tmp_path_factory, seed_texts):
    """translate-vi_en 0.2: a real .argosmodel with random weights (output is noise)."""
    import modelkit

    return modelkit.build_random_model(tmp_path_factory.mktemp("models") / "random.argosmodel", seed_texts)


# --- the Argos index, served on loopback ---------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = self.server.files.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args):
        pass


@pytest.fixture
def index_server(argos_home):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.files = {}
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    yield SimpleNamespace(url=url, files=server.files, index=url + "/index.json")
    server.shutdown()
    server.server_close()
    thread.join()


def publish(server, model, **entry):
    """Serve an index listing an en→de package and translate-vi_en (``model``)."""
    data = model.read_bytes()
    server.files["/files/translate-vi_en.argosmodel"] = data
    server.files["/index.json"] = json.dumps([
        {"code": "translate-en_de", "type": "translate", "from_code": "en", "to_code": "de",
         "package_version": "1.0", "links": [server.url + "/files/translate-en_de.argosmodel"]},
        {"code": "translate-vi_en", "type": "translate", "from_code": "vi", "to_code": "en",
         "package_version": "0.1", "links": [server.url + "/files/translate-vi_en.argosmodel"], **entry},
    ]).encode()
    return data
