"""Kopiena's two taxonomies and the areas of help the seeds name (seed 000's support points:
information, item exchange, notice board, volunteering, self-help groups; the target groups
of seed 002). Staff edit, add and reorder them afterwards; this runs once."""

from django.db import migrations

AREAS = "kopiena-areas-of-help"
GROUPS = "kopiena-target-groups"

#: code, order, (lv, ru, en) names, (lv, ru, en) descriptions, parent code
TERMS = [
    ("information", 10, ("Informācija un konsultācijas", "Информация и консультации", "Information and advice"),
     ("Kur vērsties, kāds atbalsts pieejams, palīdzība dokumentu kārtošanā.", "Куда обратиться, какая помощь доступна, помощь с документами.", "Where to turn, what support there is, help with papers."), None),
    ("food-and-goods", 20, ("Pārtika un mantas", "Продукты и вещи", "Food and goods"),
     ("Pārtikas pakas, zupas virtuve, mantu apmaiņa.", "Продуктовые пакеты, бесплатный суп, обмен вещами.", "Food parcels, soup kitchens, exchange of things."), None),
    ("item-exchange", 21, ("Mantu apmaiņa", "Обмен вещами", "Item exchange"),
     ("Apģērbi, apavi, trauki, grāmatas un citas lietas, kas meklē jaunus saimniekus.", "Одежда, обувь, посуда, книги и другие вещи, которые ищут новых хозяев.", "Clothes, shoes, dishes, books and other things looking for new owners."), "food-and-goods"),
    ("clothing", 30, ("Apģērbs", "Одежда", "Clothing"),
     ("Apģērbs un apavi bez maksas.", "Бесплатная одежда и обувь.", "Free clothes and shoes."), None),
    ("housing", 40, ("Mājoklis un patversme", "Жильё и приют", "Housing and shelter"),
     ("Patversme, naktsmītne, palīdzība mājokļa jautājumos.", "Приют, ночлежка, помощь в жилищных вопросах.", "Shelter, night shelter, help with housing."), None),
    ("health", 50, ("Veselība", "Здоровье", "Health"),
     ("Veselības aprūpe, psiholoģisks atbalsts.", "Медицинская помощь, психологическая поддержка.", "Health care, psychological support."), None),
    ("addiction", 60, ("Atkarības", "Зависимости", "Addiction"),
     ("Atbalsts atkarību gadījumā, atbalsta grupas.", "Помощь при зависимостях, группы поддержки.", "Help with addictions, support groups."), None),
    ("disability", 70, ("Invaliditāte", "Инвалидность", "Disability"),
     ("Atbalsts cilvēkiem ar invaliditāti un viņu ģimenēm.", "Поддержка людей с инвалидностью и их семей.", "Support for people with disabilities and their families."), None),
    ("families", 80, ("Ģimenes ar bērniem", "Семьи с детьми", "Families with children"),
     ("Atbalsts ģimenēm ar bērniem.", "Поддержка семей с детьми.", "Support for families with children."), None),
    ("children-and-youth", 90, ("Bērni un jaunieši", "Дети и молодёжь", "Children and youth"),
     ("Brīvais laiks, atbalsts un konsultācijas bērniem un jauniešiem.", "Досуг, поддержка и консультации для детей и молодёжи.", "Leisure, support and advice for children and young people."), None),
    ("seniors", 100, ("Seniori", "Пожилые люди", "Seniors"),
     ("Dienas centri, aprūpe, kopā būšana.", "Дневные центры, уход, общение.", "Day centres, care, company."), None),
    ("unemployment", 110, ("Bezdarbs un darbs", "Безработица и работа", "Unemployment and work"),
     ("Darba meklēšana, apmācības, bezdarbnieka statuss.", "Поиск работы, обучение, статус безработного.", "Finding work, training, unemployment status."), None),
    ("legal-aid", 120, ("Juridiskā palīdzība", "Юридическая помощь", "Legal aid"),
     ("Bezmaksas juridiskas konsultācijas.", "Бесплатные юридические консультации.", "Free legal advice."), None),
    ("volunteering", 130, ("Brīvprātīgais darbs", "Волонтёрство", "Volunteering"),
     ("Iespējas pieteikties brīvprātīgajam darbam; sludinājumu siena.", "Возможность стать волонтёром; доска объявлений.", "Ways to volunteer; notice board."), None),
    ("self-help-groups", 140, ("Pašpalīdzības un atbalsta grupas", "Группы самопомощи и поддержки", "Self-help and support groups"),
     ("Atbalsta grupas, ko vada brīvprātīgie, un pašpalīdzības grupas.", "Группы поддержки под руководством волонтёров и группы самопомощи.", "Support groups led by volunteers and self-help groups."), None),
]


def create_taxonomy(apps, schema_editor):
    Taxonomy = apps.get_model("kopiena_social_map", "Taxonomy")
    Term = apps.get_model("kopiena_social_map", "TaxonomyTerm")
    areas, _ = Taxonomy.objects.get_or_create(
        code=AREAS,
        defaults={
            "name": "Kopiena palīdzības jomas",
            "description": "Jomas, kurās sociālajā kartē norādītie pakalpojumi palīdz.",
            "version": "1",
        },
    )
    Taxonomy.objects.get_or_create(
        code=GROUPS,
        defaults={
            "name": "Kopiena mērķa grupas",
            "description": "Cilvēku grupas, kam pakalpojums īpaši paredzēts.",
            "version": "1",
        },
    )
    created = {}
    for code, order, names, descriptions, parent in TERMS:
        term, _ = Term.objects.get_or_create(
            code=code,
            defaults={
                "taxonomy": areas,
                "order": order,
                "name": names[0],
                "name_ru": names[1],
                "name_en": names[2],
                "description": descriptions[0],
                "description_ru": descriptions[1],
                "description_en": descriptions[2],
                "parent": created.get(parent),
            },
        )
        created[code] = term


class Migration(migrations.Migration):
    dependencies = [("kopiena_social_map", "0002_roles")]

    operations = [migrations.RunPython(create_taxonomy, migrations.RunPython.noop)]
