"""Portal views, one module per part: accounts, organisations, calls, applications (with
the report and attachments). Every one that takes an id reads through :mod:`portal.access`
(404 for another organisation's data) and writes through :mod:`portal.services`,
``casework.service`` or ``grants.reports``.
"""
