"""The package map: the folder ``site/`` is the package ``kopiena`` (DESIGN.md "Layout").
Everything else about the distribution is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=["kopiena", *(f"kopiena.{name}" for name in find_packages("site"))],
    package_dir={"kopiena": "site"},
)
