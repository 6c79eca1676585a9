"""The English texts of the demo's translated pages (``demo.data.page_translations``): the
fields each page's translation overrides, keyed as its ``PAGES`` entry. Translated from the
Latvian pages as the demo loads them; ``page_translations`` checks they still match."""

HOME = {
    "intro": (
        "<p>Community social work in Latvian municipalities: news, stories from the pilot "
        "projects and co-financing calls for associations.</p>"
    ),
}

NEWS_INDEX = {
    "title": "News",
    "slug": "news",
    "intro": "News about community social work, participation and co-financing in municipalities.",
}

STORY_INDEX = {
    "title": "Pilot project stories",
    "slug": "stories",
    "intro": (
        "What community social workers did and learnt in the pilot projects in seven "
        "municipalities (2022–2023)."
    ),
}

CALL_INDEX = {
    "title": "Calls for proposals",
    "slug": "calls",
    "intro": (
        "<p>Co-financing calls for non-governmental organisations by municipalities and "
        "programmes.</p>"
    ),
}

SOCIAL_MAP_INDEX = {
    "title": "Social map",
    "slug": "social-map",
    "intro": "<p>Free help in the municipalities: on a map and in a list. Demonstration data.</p>",
}

REPORT_INDEX = {
    "title": "Annual reports",
    "slug": "annual-reports",
    "intro": (
        "<p>The annual reports of the social services: what we do and how well, whether "
        "anyone is better off, how the people we serve feel about it and what it cost. The "
        "figures come from the case records and are frozen when a report is published.</p>"
    ),
}

CIVIL_SOCIETY_CALL_2026 = {
    "title": "Civil society organisations project call 2026",
    "summary": (
        "The call supports activities that help a healthy, inclusive and safe local society "
        "grow, develop local communities and involve people in building civil society, and "
        "cooperation between civil society organisations. The budget is 50,000 euros a year; "
        "the call has run since 2018 and supports 15–22 projects every year."
    ),
    "required_documents": (
        "project application form\ncost estimate\nplan of activities\n"
        "letters of commitment from partners"
    ),
    "criteria": [
        "Contribution to the development of the local community",
        "Participation of residents and involvement of volunteers",
        "Cooperation between civil society organisations",
        "Justification of the budget",
        "Sustainability of the results",
    ],
}

#: The same call as the demo describes it once it marks what is an example (the call page's
#: description holds that notice) and who may apply.
CIVIL_SOCIETY_CALL_2026_WITH_NOTICE = {
    **CIVIL_SOCIETY_CALL_2026,
    "summary": (
        "The call supports activities that help a healthy, inclusive and safe local society "
        "grow, develop local communities and involve people in building civil society, and "
        "cooperation between civil society organisations. Civil society organisations of "
        "Liepāja may apply. The budget is 50,000 euros a year; the call has run since 2018 "
        "and supports 15–22 projects every year."
    ),
    "body": (
        "<p><b>Demonstration data.</b> The aim, the budget (50,000 euros a year), the start of "
        "the call (2018) and the number of projects supported (15–22 a year) are taken from a "
        "presentation by Liepāja municipality. The deadlines, the grant limits (500–5,000 "
        "euros per project), 100 % funding, the 9-month duration, the inclusion of religious "
        "organisations, the reserve, the number of reviewers, the criteria and the documents "
        "are a demonstration example, not the rules of Liepāja's call. The applications in "
        "this call are invented to try out the workflow.</p>"
    ),
}

LATGALE_PROGRAMME_NEWS = {
    "title": "Latgale social services programme: what we learn from its second round",
    "intro": (
        "On 19 November in Rēzekne, heads of social services and NGOs will discuss the "
        "experience of the Latgale social services programme and what today's community "
        "work can take from it."
    ),
    "body": [
        (
            "paragraph",
            "<p>The programme was drawn up in 2010 through participatory planning: more than 40 "
            "planning and practical seminars, more than 20 target group seminars, 40 interviews "
            "and a public consultation. For the first time the region's social workers worked "
            "together – the heads of the social services of 21 municipalities met every "
            "week.</p>",
        ),
        ("heading", "The programme's target groups"),
        (
            "paragraph",
            "<ul><li>people with disabilities – 22,500;</li><li>families with children – "
            "6,300;</li><li>older people – 75,000;</li><li>children and young people – "
            "54,000;</li><li>unemployed people – 36,000;</li><li>people with addictions and "
            "other groups at risk of social exclusion.</li></ul>",
        ),
        ("heading", "The rules of the second round"),
        (
            "paragraph",
            "<p>Projects could last at most two years and receive up to 100,000 lats "
            "(142,287.18 euros) with 100 % funding; infrastructure at most 5 %. Applicants had "
            "to be in the register of social service providers. The programme could pay for "
            "the work of rehabilitation and care specialists, rehabilitation programmes and "
            "transport for clients and specialists.</p>",
        ),
        (
            "quote",
            {
                "quote": (
                    "Even then we concluded that in the long run a service works better than a "
                    "benefit. Today we say the same about community work."
                ),
                "attribution": "Aivars Celms, social work expert",
            },
        ),
    ],
}

PRIEKULI_NEWS = {
    "title": "Priekuļi community: a Nordic walking hike and a handicraft exhibition",
    "intro": (
        "On 10 October the intergenerational community of Priekuļi parish sets off on an "
        "autumn Nordic walking hike, and at the end of the month it opens a handicraft "
        "exhibition."
    ),
    "body": [
        (
            "paragraph",
            "<p>The community brings together residents of different generations, up to the age "
            "of 83, most of them seniors. Some of the activities are led by tutors paid by the "
            "Cēsis municipality social service, others by the most active members of the "
            "community as volunteers.</p>",
        ),
        ("heading", "Why it matters"),
        (
            "paragraph",
            "<p>People in remote farmhouses lack transport, and their children often live far "
            "away or abroad. Doing things together helps to ease loneliness, keep physically "
            "healthy and regain confidence in one's own abilities.</p>",
        ),
        (
            "paragraph",
            "<p>The hike starts at 11.00 at the parish administration. Walking poles can be "
            "borrowed on the spot.</p>",
        ),
        (
            "quote",
            {
                "quote": "I came to one class, and now I lead the knitting on Tuesdays myself.",
                "attribution": "Biruta Saulīte, community member",
            },
        ),
    ],
}

TUKUMS_STORY = {
    "title": (
        "Tukums municipality: mapping the communities of 21 parishes and a “Conversation café” "
        "for seniors"
    ),
    "intro": (
        "During the pilot project the head of the Tukums municipality Community Work "
        "Department visited all 21 parishes of the municipality to identify needs and "
        "resources together with the residents. Each parish now has its own folder with the "
        "needs the residents named and a SWOT analysis, and the seniors' community organised "
        "a “Conversation café” together with a local entrepreneur."
    ),
    "community": "The parish communities of Tukums municipality",
    "current_situation": (
        "<p>The director of the social service motivated and supported taking part in the "
        "pilot project. Council members and the heads of parish administrations also came to "
        "the meetings with residents, and the work was done together with the municipality's "
        "development department. The municipality already has four community centres – in "
        "Sēme, Džūkste, Lestene and Irlava – but they are mostly staffed by leaders of hobby "
        "groups without a social work education.</p><p>The municipality has no post of "
        "“community social worker”; during the pilot these duties were carried out by Ilze "
        "Kalniņa, head of the Community Work Department. The municipality was formed in the "
        "2021 administrative and territorial reform by merging four former municipalities "
        "(two towns and 21 parishes), and no study of the communities' needs had been done "
        "before.</p><p>The main difficulties: finding community leaders and active people "
        "burning out, working in the evenings and at weekends when residents have time, and "
        "the need for transport.</p>"
    ),
    "initial_study": (
        "<p>The social worker filled in the community basic needs profiling questionnaire "
        "together with municipal staff and also gave it to residents to fill in – the results "
        "did not differ much. Filling in the questionnaire face to face turned into an "
        "exploratory conversation that gave much broader information.</p><p>Conclusions: the "
        "communities lack a shared identity, basic services are not always available close to "
        "home, and residents lack information on what to do in particular life situations. "
        "The social situation differs greatly between parishes, so one approach for all will "
        "not work.</p>"
    ),
    "in_depth_study": (
        "<p>The in-depth study took place in every parish: questionnaires, interviews, data "
        "analysis (population, location, infrastructure) and residents' meetings. Few paper "
        "questionnaires came back, so the questions had to be asked in conversation. Together "
        "with two local action groups, residents' meetings were held with an analysis of "
        "strengths, weaknesses, opportunities and threats (SWOT); the action groups use the "
        "results in their support strategy for the next four years.</p><p>The municipality "
        "has very different geographical communities and communities of interest – from "
        "densely populated villages with a higher standard of living to parishes where only "
        "the library and the community hall remain and there is no paved road to the centre. "
        "Belonging to one's own place is an equally important value across the whole "
        "municipality, and residents worry about centralisation after the reform.</p>"
    ),
    "field_definition": (
        "<p>The field of work: geographical communities, that is, the territories of the "
        "municipality's parishes. In the course of the work attention also turned to a "
        "community of interest and identity – the municipality's seniors, especially those "
        "who live alone.</p>"
    ),
    "intervention": (
        "<p>The practice approaches chosen: social planning and community organising, "
        "community education and – as the main one – social marketing. Its aim was to build "
        "contact, recognition and trust between residents and the social service: at "
        "residents' meetings the social worker explained what community social work is, what "
        "community centres are and which services are available, and shared examples of good "
        "practice in supporting seniors.</p><p>Elements of co-creation were used too: a parish "
        "association that had donors but did not know who needed support could pass it on to "
        "other communities through the social worker.</p>"
    ),
    "action_plan": (
        "<p><b>Aim:</b> to learn about the social situation, needs and resources in the "
        "parishes of Tukums municipality and to build a structured map of resources that not "
        "only the community social worker can use, but also colleagues doing casework and "
        "people of other professions.</p><ul><li>visits to every parish and questionnaires "
        "with randomly chosen residents;</li><li>taking part in at least one residents' "
        "meeting in every parish;</li><li>residents' meetings with a SWOT analysis together "
        "with the action groups;</li><li>preparing the parish folders.</li></ul><p>The plan "
        "had to be adjusted because meetings were cancelled or postponed and transport had to "
        "be taken into account. In the parishes where there were several meetings, people "
        "became noticeably more open towards the social worker.</p>"
    ),
    "partners": (
        "<ul><li>two local action groups of Tukums municipality;</li><li>the community centres "
        "in Sēme, Džūkste, Lestene and Irlava;</li><li>residents' advisory councils;</li>"
        "<li>associations and a private entrepreneur who offered the café premises free of "
        "charge;</li><li>parish administrations and municipal staff.</li></ul>"
    ),
    "community_participation": (
        "<p>After the final presentation of the participatory study of seniors living alone, "
        "so that the findings would not be forgotten, an informal meeting with seniors was "
        "held – a “Conversation café” about the difficulties seniors meet in the digital "
        "world. An entrepreneur offered the café premises free of charge, the social worker "
        "helped with printed invitations, and the seniors themselves spread the word and "
        "reached out both to those who needed such a conversation and to those ready to share "
        "their experience.</p><p>Community leaders came to light in meetings with residents, "
        "in residents' advisory councils and on social networks, where they actively stand up "
        "for their community.</p>"
    ),
    "change_evaluation": (
        "<p>Since the aim was a study, not bringing about change, it was mainly the work done "
        "that was evaluated; in the small project with seniors the community carried out a "
        "self-assessment of change.</p><p>The result: every parish has a folder with the needs "
        "the residents named themselves, the known resources and a SWOT analysis, together "
        "with the results of the study and the questionnaires and examples of good practice. "
        "The mentor's support and encouragement helped to achieve this, as did the social "
        "worker's own keen interest in getting to know the territory.</p>"
    ),
    "recommendations": (
        "<ul><li>First weigh up the priorities: one community social worker for 21 parishes "
        "and two towns is too few.</li><li>See community social work as a foundation for "
        "every social worker – being able to see more than the individual case.</li><li>Cut "
        "bureaucratic reporting and strengthen cooperation with NGOs and colleagues in the "
        "social service, so that community work is not one person's initiative.</li><li>Build "
        "specialisation slowly, step by step.</li></ul>"
    ),
}
