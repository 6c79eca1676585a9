"""The change-evaluation questionnaire of seed 004 as a template.

Seed 004 (Daugavpils, pilot no. 1) describes a digital survey of 10 questions, mostly on a
1–10 scale, sent through the community's WhatsApp group, and reports three averages — the
social worker's work 9.2, the members' own involvement 6.2, the change achieved 8.2 — and
that the members felt they belonged, rated the cooperation "teicami, izcili, ļoti labi" and
all would keep taking part. The seed does not give the questions' wording: the wording below
is the project's, following those themes, in Latvian, Russian and English.
"""

from __future__ import annotations

from django.db import transaction

from .models import Question, QuestionIndicator, QuestionKind, Survey

TITLE = (
    "Kopienas pārmaiņu novērtējums",
    "Оценка перемен в сообществе",
    "Evaluation of the change in the community",
)
INTRO = (
    "Aptauja ir anonīma: mēs neredzam, kas atbildēja. Atbildes palīdz novērtēt kopīgi "
    "paveikto un plānot turpmāko darbu.",
    "Опрос анонимный: мы не видим, кто ответил. Ответы помогают оценить сделанное вместе и "
    "спланировать дальнейшую работу.",
    "The survey is anonymous: we cannot see who answered. The answers help us assess what "
    "was done together and plan what comes next.",
)

#: (kind, indicator, (lv, ru, en), choices (lv, ru, en) or None, required)
QUESTIONS = [
    (
        QuestionKind.SCALE,
        QuestionIndicator.WORKER_RATING,
        (
            "Kā jūs vērtējat sociālā darbinieka darbu kopienā?",
            "Как вы оцениваете работу социального работника в сообществе?",
            "How do you rate the social worker's work in the community?",
        ),
        None,
        True,
    ),
    (
        QuestionKind.SCALE,
        QuestionIndicator.OWN_INVOLVEMENT,
        (
            "Cik lielā mērā jūs pats/pati iesaistījāties kopienas darbā?",
            "Насколько вы сами участвовали в работе сообщества?",
            "How much did you yourself take part in the community's work?",
        ),
        None,
        True,
    ),
    (
        QuestionKind.SCALE,
        QuestionIndicator.CHANGE_ACHIEVED,
        (
            "Kā jūs vērtējat pārmaiņas, ko kopiena sasniedza?",
            "Как вы оцениваете перемены, которых достигло сообщество?",
            "How do you rate the change the community achieved?",
        ),
        None,
        True,
    ),
    (
        QuestionKind.SCALE,
        QuestionIndicator.NONE,
        (
            "Cik labi jūs tagad zināt, kur saņemt atbalstu?",
            "Насколько хорошо вы теперь знаете, где получить поддержку?",
            "How well do you now know where to get support?",
        ),
        None,
        True,
    ),
    (
        QuestionKind.SINGLE,
        QuestionIndicator.NONE,
        (
            "Vai jūs jūtaties piederīgs/piederīga kopienai?",
            "Чувствуете ли вы себя частью сообщества?",
            "Do you feel you belong to the community?",
        ),
        (
            "Jā\nDrīzāk jā\nDrīzāk nē\nNē",
            "Да\nСкорее да\nСкорее нет\nНет",
            "Yes\nRather yes\nRather no\nNo",
        ),
        True,
    ),
    (
        QuestionKind.SINGLE,
        QuestionIndicator.NONE,
        (
            "Kā jūs vērtējat kopienas sadarbību ar sociālo darbinieku?",
            "Как вы оцениваете сотрудничество сообщества с социальным работником?",
            "How do you rate the community's cooperation with the social worker?",
        ),
        (
            "Izcili\nTeicami\nĻoti labi\nLabi\nViduvēji\nVāji",
            "Превосходно\nОтлично\nОчень хорошо\nХорошо\nСредне\nСлабо",
            "Outstanding\nExcellent\nVery good\nGood\nFair\nPoor",
        ),
        True,
    ),
    (
        QuestionKind.SINGLE,
        QuestionIndicator.NONE,
        (
            "Vai jūs turpināsiet iesaistīties kopienas darbā?",
            "Будете ли вы продолжать участвовать в работе сообщества?",
            "Will you keep taking part in the community's work?",
        ),
        ("Jā\nVēl nezinu\nNē", "Да\nЕщё не знаю\nНет", "Yes\nI don't know yet\nNo"),
        True,
    ),
    (
        QuestionKind.MULTIPLE,
        QuestionIndicator.NONE,
        (
            "Kuras aktivitātes jums bija visnoderīgākās?",
            "Какие занятия были для вас самыми полезными?",
            "Which activities were the most useful to you?",
        ),
        (
            "Kopienas tikšanās\nRadošās darbnīcas\nSporta un baseina nodarbības\n"
            "Informatīvās tikšanās ar speciālistiem\nKopīgi pasākumi un izstādes",
            "Встречи сообщества\nТворческие мастерские\nСпортивные занятия и бассейн\n"
            "Информационные встречи со специалистами\nСовместные мероприятия и выставки",
            "Community meetings\nCreative workshops\nSport and swimming sessions\n"
            "Information sessions with specialists\nJoint events and exhibitions",
        ),
        False,
    ),
    (
        QuestionKind.TEXT,
        QuestionIndicator.NONE,
        (
            "Kas jums palīdzēja iesaistīties?",
            "Что помогло вам участвовать?",
            "What helped you take part?",
        ),
        None,
        False,
    ),
    (
        QuestionKind.TEXT,
        QuestionIndicator.NONE,
        (
            "Ko jūs ieteiktu mainīt turpmāk?",
            "Что бы вы посоветовали изменить в дальнейшем?",
            "What would you suggest changing from now on?",
        ),
        None,
        False,
    ),
]


@transaction.atomic
def create_from_template(*, municipality, initiative=None, user=None, title=None) -> Survey:
    survey = Survey.objects.create(
        title=title or TITLE[0],
        title_ru=TITLE[1],
        title_en=TITLE[2],
        intro=INTRO[0],
        intro_ru=INTRO[1],
        intro_en=INTRO[2],
        municipality=municipality,
        initiative=initiative,
        created_by=user,
    )
    Question.objects.bulk_create(
        [
            Question(
                survey=survey,
                sort_order=n,
                kind=kind,
                indicator=indicator,
                text=texts[0],
                text_ru=texts[1],
                text_en=texts[2],
                choices=(choices or ("", "", ""))[0],
                choices_ru=(choices or ("", "", ""))[1],
                choices_en=(choices or ("", "", ""))[2],
                required=required,
            )
            for n, (kind, indicator, texts, choices, required) in enumerate(QUESTIONS)
        ]
    )
    return survey
