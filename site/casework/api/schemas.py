"""Small output shapes several case types share, so the OpenAPI document has one of each."""

from ninja import Schema


class MunicipalityOut(Schema):
    id: int
    slug: str
    name: str


class PersonOut(Schema):
    """A user as the API names them: full name, or the username when there is none."""

    id: int
    name: str

    @staticmethod
    def resolve_name(user):
        return user.get_full_name() or user.get_username()
