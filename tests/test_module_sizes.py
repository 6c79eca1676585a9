"""No module of the plugin or the demo grows past ~700 lines without a package split
(docs/architecture.md): a long module is split by its parts, as ``grants.models`` is."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 700


def test_no_module_is_over_the_limit():
    long = {
        str(path.relative_to(ROOT)): count
        for folder in ("site", "demo")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
        and (count := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert not long, f"split these modules into packages: {long}"
