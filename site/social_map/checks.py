"""System checks of the social map: the booklet's PDF needs WeasyPrint and the Pango library
(Debian: ``libpango-1.0-0 libpangoft2-1.0-0``) and a font with Latvian and Cyrillic letters
(``fonts-dejavu-core``); without them the printable HTML booklet still works."""

from django.core import checks


def weasyprint_problem() -> str | None:
    try:
        import weasyprint  # noqa: F401
    except Exception as exc:  # OSError when Pango is missing, ImportError without the package
        return f"{type(exc).__name__}: {exc}"
    return None


@checks.register()
def check_pdf(app_configs, **kwargs):
    problem = weasyprint_problem()
    if problem is None:
        return []
    return [
        checks.Warning(
            "The social map's booklet cannot be made as a PDF: WeasyPrint does not load "
            f"({problem}).",
            hint="Install the Python package weasyprint and Debian's libpango-1.0-0, "
            "libpangoft2-1.0-0 and fonts-dejavu-core (make run does).",
            id="kopiena_social_map.W001",
        )
    ]
