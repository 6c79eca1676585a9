"""Demo accounts of the README, all with the password ``kopiena-demo``.

Only ``manage.py load_demo`` (``make run``) creates them; production never does.
"""

from django.contrib.auth.models import Group, User

from kopiena.casework.roles import STAFF_ROLES, Role

DEMO_PASSWORD = "kopiena-demo"

#: username -> (first name, last name, role or None for the superuser)
ACCOUNTS = {
    "admin": ("Administrators", "", None),
    "redaktors": ("Ilze", "Kalniņa", Role.EDITORS),
    "koordinators": ("Māris", "Ozoliņš", Role.GRANT_OFFICERS),
    "vertetajs": ("Daiga", "Liepiņa", Role.REVIEWERS),
    "vertetajs2": ("Artūrs", "Bērziņš", Role.REVIEWERS),
    "finanses": ("Santa", "Krūmiņa", Role.FINANCE),
    "socdarbinieks": ("Laura", "Vītola", Role.SOCIAL_WORKERS),
    "vaditajs": ("Edgars", "Zariņš", Role.SERVICE_HEADS),
    "biedriba1": ("Inese", "Priede", Role.NGO_MEMBERS),
    "biedriba2": ("Jānis", "Sproģis", Role.NGO_MEMBERS),
}


def load(stdout):
    for username, (first, last, role) in ACCOUNTS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@kopiena.example.lv",
                "is_superuser": role is None,
                "is_staff": role is None or role in STAFF_ROLES,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if role is not None:
            user.groups.add(Group.objects.get(name=role))
    stdout.write(f"  {len(ACCOUNTS)} demo accounts (password {DEMO_PASSWORD})")
