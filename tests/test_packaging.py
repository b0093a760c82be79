"""The built wheel is complete and works on its own, away from the checkout.

A checkout finds its rule packs in the top-level rules/ folder; an installed copy finds them in
lintnews/builtin_packs/, where hatchling force-includes them. These tests build a real wheel
with pip, install it into a private folder and run lintnews from there, so a missing data file
or a path that only works in a checkout shows up here rather than on a user's machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[1]
SEED_ARTICLE = CHECKOUT / "tests" / "data" / "seed-article.txt"


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=300, **kwargs)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel of the current working tree, built the way pip builds it for users."""
    out = tmp_path_factory.mktemp("wheelhouse")
    proc = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check",
                 "-q", "-w", str(out), str(CHECKOUT)])
    assert proc.returncode == 0, f"pip wheel failed:\n{proc.stdout}\n{proc.stderr}"
    wheels = sorted(out.glob("lintnews-*.whl"))
    assert len(wheels) == 1, f"expected one lintnews wheel, found {wheels}"
    return wheels[0]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(site, work): the wheel installed into `site`, and an empty folder outside the checkout."""
    root = tmp_path_factory.mktemp("installed")
    site = root / "site"
    proc = _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-compile",
                 "--disable-pip-version-check", "-q", "--target", str(site), str(wheel)])
    assert proc.returncode == 0, f"pip install failed:\n{proc.stdout}\n{proc.stderr}"
    work = root / "work"
    work.mkdir()
    return site, work


def _env(site: Path) -> dict[str, str]:
    """PYTHONPATH puts the installed copy first; the current interpreter's site-packages
    supply the dependencies (click, proselint, ...)."""
    paths = [str(site)]
    for key in ("purelib", "platlib"):
        path = sysconfig.get_paths()[key]
        if path not in paths:
            paths.append(path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LINTNEWS")}
    env["LINTNEWS_CACHE_DIR"] = os.environ["LINTNEWS_CACHE_DIR"]  # the suite's, not ~/.cache
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _py(site: Path, work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, *args], cwd=work, env=_env(site))


def test_wheel_contains_rule_packs_and_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    expected_packs = sorted(p.name for p in (CHECKOUT / "rules").glob("*.toml"))
    assert expected_packs, "the checkout has no rules/*.toml to ship"
    shipped_packs = sorted(
        n.rsplit("/", 1)[1] for n in names
        if n.startswith("lintnews/builtin_packs/") and n.endswith(".toml")
    )
    assert shipped_packs == expected_packs
    assert "lintnews/checks/data/territories.toml" in names
    assert "lintnews/data/spelling.tsv" in names  # [language] spelling needs it
    assert "lintnews/__init__.py" in names
    assert "lintnews/__main__.py" in names
    # Only the package (and its metadata) goes into the wheel, never the repository's other folders.
    top_level = {n.split("/", 1)[0] for n in names}
    assert {t for t in top_level if not t.endswith(".dist-info")} == {"lintnews"}
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(wheel) as zf:
        assert "lintnews = lintnews.cli:entry" in zf.read(entry_points).decode()


def test_installed_copy_is_used_and_finds_its_packs(installed: tuple[Path, Path]) -> None:
    site, work = installed
    code = (
        "import lintnews, lintnews.checks.annexation as a\n"
        "from lintnews.engine.registry import builtin_packs_dir\n"
        "print(lintnews.__file__)\n"
        "print(builtin_packs_dir())\n"
        "print(a.TERRITORIES_FILE)\n"
    )
    proc = _py(site, work, "-c", code)
    assert proc.returncode == 0, proc.stderr
    module_file, packs_dir, territories = (Path(line) for line in proc.stdout.splitlines())
    site_resolved = site.resolve()
    assert module_file.resolve().is_relative_to(site_resolved), (
        f"lintnews was imported from {module_file}, not from the installed wheel in {site}")
    assert packs_dir.resolve().is_relative_to(site_resolved)
    assert packs_dir.resolve() == (site / "lintnews" / "builtin_packs").resolve()
    assert sorted(p.name for p in packs_dir.glob("*.toml")) == sorted(
        p.name for p in (CHECKOUT / "rules").glob("*.toml"))
    assert territories.resolve().is_relative_to(site_resolved)
    assert territories.is_file()


def test_installed_copy_checks_an_article(installed: tuple[Path, Path]) -> None:
    site, work = installed
    article = work / "seed-article.txt"
    article.write_bytes(SEED_ARTICLE.read_bytes())
    proc = _py(site, work, "-m", "lintnews", "check", article.name)
    assert proc.returncode == 1, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    assert "LN101" in proc.stdout
    assert f"{article.name}:" in proc.stdout
    assert proc.stderr == ""


def test_installed_copy_lists_rules(installed: tuple[Path, Path]) -> None:
    site, work = installed
    proc = _py(site, work, "-m", "lintnews", "rules")
    assert proc.returncode == 0, proc.stderr
    assert "LN101" in proc.stdout
    assert "builtin:" in proc.stdout


def test_installed_copy_reports_its_version(installed: tuple[Path, Path]) -> None:
    site, work = installed
    proc = _py(site, work, "-m", "lintnews", "--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("lintnews ")
    # One version: the wheel's metadata says what lintnews/__init__.py says.
    version = proc.stdout.split()[-1]
    proc = _py(site, work, "-c", "import importlib.metadata as m; print(m.version('lintnews'))")
    assert proc.returncode == 0 and proc.stdout.strip() == version, proc.stdout + proc.stderr


def test_installed_copy_reads_its_genres(installed: tuple[Path, Path]) -> None:
    """rules/genres.toml ships beside the packs, is read from there, and is not a rule pack."""
    site, work = installed
    article = work / "derby.md"
    article.write_text("---\nsection: Sport/Football\n---\n\n# Derby\n\n"
                       "Rovers will probably win the league next season.\n", encoding="utf-8")
    code = ("from lintnews.engine.genre import genres_file, builtin_genres\n"
            "print(genres_file())\n"
            "print(sorted(builtin_genres()))\n")
    proc = _py(site, work, "-c", code)
    assert proc.returncode == 0, proc.stderr
    data_file, names = proc.stdout.splitlines()
    assert Path(data_file).resolve().is_relative_to(site.resolve())
    assert names == "['business', 'comments', 'news', 'opinion', 'review', 'sports']"
    proc = _py(site, work, "-m", "lintnews", "check", "--format", "json", article.name)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # LN303 is off in sports
    assert '"derby.md": "sports"' in proc.stdout
