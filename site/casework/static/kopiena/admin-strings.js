/* Wagtail's script strings that its Latvian catalogue leaves in English, translated by the
   project's catalogue (kopiena.casework.jsi18n): added to Django's JavaScript catalogue,
   which Wagtail's scripts read through django.gettext when they render. */
(function () {
    "use strict";
    var data = document.getElementById("kopiena-admin-strings");
    if (!data || !window.django) {
        return;
    }
    var strings = JSON.parse(data.textContent);
    window.django.catalog = window.django.catalog || {};
    Object.keys(strings).forEach(function (msgid) {
        window.django.catalog[msgid] = strings[msgid];
    });
})();
