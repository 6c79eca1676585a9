"""Smoke test of Kopiena inside a host site (run by ``scripts/host_check.py`` from the host's
folder, with the host's settings, after ``migrate``): what a municipality's administrator
does first, against the host's real database.

Fails with an AssertionError naming the step.
"""

import io
import json

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from PIL import Image  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.models import Collection, Site  # noqa: E402

from kopiena.pages.models import NewsIndexPage, NewsPage, is_publishable  # noqa: E402
from kopiena.pages.publishing import ImageConsentError  # noqa: E402

setup_test_environment()


def step(name, condition, detail=""):
    assert condition, f"{name}: {detail}"
    print(f"  ok  {name}")


def png(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = f"{colour}.png"
    return buffer


User = get_user_model()
admin = User.objects.filter(username="kopiena-smoke").first() or User.objects.create_superuser(
    "kopiena-smoke", "smoke@example.lv", "kopiena-smoke-password"
)
client = Client()
client.force_login(admin)

response = client.get("/admin/")
step("the admin opens for a superuser", response.status_code == 200, response.status_code)

form = client.get("/admin/images/add/")
step(
    "the image form asks for consent",
    form.status_code == 200 and 'name="consent_status"' in form.content.decode(),
)

root_collection = Collection.get_first_root_node()
for title, consent in (("Talka", "not_needed"), ("Bērni", "none")):
    response = client.post(
        "/admin/images/add/",
        {
            "title": title,
            "file": png("green" if consent != "none" else "red"),
            "collection": root_collection.pk,
            "consent_status": consent,
        },
    )
    step(f"uploading “{title}” with consent {consent}", response.status_code == 302, response)
Image_ = get_image_model()
shown = Image_.objects.get(title="Talka")
hidden = Image_.objects.get(title="Bērni")
step("the consent is on record", is_publishable(shown) and not is_publishable(hidden))

home = Site.objects.get(is_default_site=True).root_page.specific
index = NewsIndexPage(title="Jaunumi", slug="jaunumi")
home.add_child(instance=index)
index.save_revision(user=admin).publish(user=admin)
news = NewsPage(title="Talka pagalmā", slug="talka", intro="Kaimiņi stādīja kokus.")
news.hero_image = shown
index.add_child(instance=news)
news.save_revision(user=admin).publish(user=admin)
news.refresh_from_db()
step("a news page with an image is published under the host's home page", news.live)

page = client.get(news.url)
html = page.content.decode()
step(
    "the news page renders in the host's base template with its image",
    page.status_code == 200 and "Talka pagalmā" in html and "hero__image" in html,
    page.status_code,
)

refused = NewsPage(title="Bez piekrišanas", slug="bez", hero_image=hidden)
index.add_child(instance=refused)
try:
    refused.save_revision(user=admin).publish(user=admin)
    published = True
except ImageConsentError:
    published = False
step("a page with an image without consent is not published", not published)

portal = client.get("/portal/")
step("the portal answers", portal.status_code == 200, portal.status_code)
Client().get("/portal/signup/")
signup = Client().get("/portal/signup/")
step("the portal's sign-up form answers", signup.status_code == 200, signup.status_code)

schema = client.get("/api/cases/openapi.json")
step(
    "the case API's OpenAPI document",
    schema.status_code == 200 and "paths" in json.loads(schema.content),
    schema.status_code,
)

listing = client.get("/api/v2/pages/?type=kopiena_pages.NewsPage&fields=*").json()
items = {item["title"]: item for item in listing["items"]}
step(
    "the page API lists the news with its image",
    "Talka pagalmā" in items and items["Talka pagalmā"]["hero_image"] is not None,
    listing,
)
images = client.get("/api/v2/images/").json()
titles = {item["title"] for item in images["items"]}
step("the image API leaves out the image without consent", titles == {"Talka"}, titles)
print("smoke test passed")
