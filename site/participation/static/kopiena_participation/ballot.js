/* The ballot's live counter: how much of each category's money the chosen projects use.
   No dependencies; the server checks the same rule again (the page works without it). */
(function () {
  "use strict";
  function cents(text) {
    var parts = String(text).split(".");
    return parseInt(parts[0], 10) * 100 + parseInt(((parts[1] || "") + "00").slice(0, 2), 10);
  }
  function eur(c) {
    var lang = document.documentElement.lang || "lv";
    var n = c / 100;
    return new Intl.NumberFormat(lang, { style: "currency", currency: "EUR" }).format(n);
  }
  function update(fieldset, form) {
    var money = cents(fieldset.getAttribute("data-money"));
    var boxes = fieldset.querySelectorAll("input[type=checkbox][data-cost]");
    var used = 0, count = 0;
    boxes.forEach(function (box) {
      if (box.checked) { used += cents(box.getAttribute("data-cost")); count += 1; }
    });
    var text = fieldset.querySelector("[data-counter-text]");
    var meter = fieldset.querySelector("[data-meter]");
    var knapsack = form.getAttribute("data-ballot-type") === "knapsack";
    var over = knapsack ? used - money : 0;
    var message = text.getAttribute("data-template-used")
      .replace("__USED__", eur(used)).replace("__MONEY__", eur(money))
      .replace("__LEFT__", eur(Math.max(money - used, 0)));
    if (over > 0) {
      message += ". " + text.getAttribute("data-template-over").replace("__OVER__", eur(over));
    }
    text.textContent = message;
    fieldset.classList.toggle("pb-category--over", over > 0);
    if (meter) { meter.value = Math.min(used, money) / 100; }
    if (!knapsack) {
      var max = parseInt(form.getAttribute("data-max-choices"), 10);
      boxes.forEach(function (box) { box.disabled = !box.checked && count >= max; });
    }
  }
  function init() {
    document.querySelectorAll("[data-ballot]").forEach(function (form) {
      form.querySelectorAll("fieldset[data-category]").forEach(function (fieldset) {
        fieldset.addEventListener("change", function () { update(fieldset, form); });
        update(fieldset, form);
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
