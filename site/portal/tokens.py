"""The token of the sign-up confirmation link.

Django's password-reset generator with its own salt and the account's ``is_active`` in the
hash, so a confirmation link stops working once it has been used (and, like a reset link,
when the password changes or after ``PASSWORD_RESET_TIMEOUT``).
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class AccountActivationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "kopiena.portal.tokens.AccountActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


activation_token = AccountActivationTokenGenerator()
