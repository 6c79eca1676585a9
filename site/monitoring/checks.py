"""System checks of what monitoring needs from the machine: WeasyPrint's libraries (Pango)
and a font with Latvian and Cyrillic letters for the annual report's PDF."""

from django.core.checks import Warning, register


@register()
def check_pdf_libraries(app_configs=None, **kwargs):
    try:
        import weasyprint  # noqa: F401 - loads Pango through cffi
    except (ImportError, OSError) as error:
        return [
            Warning(
                f"The annual report's PDF cannot be made: WeasyPrint does not load ({error}).",
                hint=(
                    "Install Debian's libpango-1.0-0, libpangoft2-1.0-0 and fonts-dejavu-core "
                    "(`make` does it when they are missing)."
                ),
                id="kopiena_monitoring.W001",
            )
        ]
    return []
