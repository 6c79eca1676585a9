/* NGO portal: budget lines that can be added and removed, live totals, focus on the error
 * summary. Vanilla JavaScript, nothing loaded from elsewhere; the forms work without it. */
(function () {
    "use strict";

    function parseAmount(text) {
        if (text === undefined || text === null) { return NaN; }
        var clean = String(text).replace(/[\s\u00a0€]/g, "").replace(",", ".");
        if (clean === "") { return 0; }
        if (!/^-?\d*(\.\d*)?$/.test(clean)) { return NaN; }
        return Number(clean);
    }

    function cents(value) { return Math.round(value * 100); }

    function formatEur(centsValue) {
        var lang = document.documentElement.lang || "lv";
        try {
            return new Intl.NumberFormat(lang, { style: "currency", currency: "EUR" }).format(centsValue / 100);
        } catch (e) {
            return (centsValue / 100).toFixed(2) + " €";
        }
    }

    function formatPercent(ratio) {
        var lang = document.documentElement.lang || "lv";
        try {
            return new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 }).format(ratio);
        } catch (e) {
            return (ratio * 100).toFixed(1) + " %";
        }
    }

    function setOutput(el, text, value) {
        if (!el) { return; }
        el.textContent = text;
        if (value !== undefined) { el.setAttribute("data-value", value); }
    }

    function field(line, suffix) {
        return line.querySelector("[name$='-" + suffix + "']");
    }

    function initBudget(form) {
        var fieldset = form.querySelector("[data-formset]");
        if (!fieldset) { return; }
        var prefix = fieldset.getAttribute("data-prefix");
        var container = fieldset.querySelector("[data-lines]");
        var template = fieldset.querySelector("template[data-line-template]");
        var addButton = fieldset.querySelector("[data-add-line]");
        var announcer = fieldset.querySelector("[data-line-announcer]");
        var totalForms = form.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
        var maxForms = form.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
        var limits = {
            maxGrant: parseAmount(form.getAttribute("data-max-grant")),
            minGrant: parseAmount(form.getAttribute("data-min-grant")),
            fundingRate: parseAmount(form.getAttribute("data-funding-rate")),
            infrastructureShare: parseAmount(form.getAttribute("data-infrastructure-share"))
        };
        var hints = form.querySelector("[data-hints]");

        function lines() {
            return Array.prototype.filter.call(container.querySelectorAll("[data-budget-line]"), function (line) {
                return !line.hidden;
            });
        }

        function renumber() {
            lines().forEach(function (line, index) {
                var number = line.querySelector("[data-line-number]");
                if (number) { number.textContent = String(index + 1); }
            });
        }

        function lineTotals(line) {
            var qty = parseAmount(field(line, "quantity").value);
            var unit = parseAmount(field(line, "unit_cost").value);
            var requested = parseAmount(field(line, "requested").value);
            var own = parseAmount(field(line, "own").value);
            var total = (isNaN(qty) || isNaN(unit)) ? NaN : cents(qty * unit);
            return {
                total: total,
                requested: isNaN(requested) ? NaN : cents(requested),
                own: isNaN(own) ? NaN : cents(own),
                infrastructure: field(line, "category").value === "infrastructure"
            };
        }

        function recalc() {
            var sum = { requested: 0, own: 0, total: 0, infrastructure: 0 };
            var invalid = false;
            lines().forEach(function (line) {
                var t = lineTotals(line);
                var out = line.querySelector("[data-line-total]");
                setOutput(out, isNaN(t.total) ? "—" : formatEur(t.total), isNaN(t.total) ? "" : (t.total / 100).toFixed(2));
                if (isNaN(t.requested) || isNaN(t.own)) { invalid = true; return; }
                sum.requested += t.requested;
                sum.own += t.own;
                sum.total += t.requested + t.own;
                if (t.infrastructure) { sum.infrastructure += t.requested + t.own; }
            });
            var q = function (name) { return form.querySelector("[data-total='" + name + "']"); };
            setOutput(q("requested"), formatEur(sum.requested), (sum.requested / 100).toFixed(2));
            setOutput(q("own"), formatEur(sum.own), (sum.own / 100).toFixed(2));
            setOutput(q("total"), formatEur(sum.total), (sum.total / 100).toFixed(2));
            setOutput(q("infrastructure"), formatEur(sum.infrastructure), (sum.infrastructure / 100).toFixed(2));
            setOutput(q("own-share"), sum.total ? formatPercent(sum.own / sum.total) : "—", sum.total ? (sum.own / sum.total).toFixed(4) : "");
            setOutput(q("infrastructure-share"), sum.total ? formatPercent(sum.infrastructure / sum.total) : "—", sum.total ? (sum.infrastructure / sum.total).toFixed(4) : "");

            if (!hints) { return; }
            var found = [];
            var h = function (key) { return hints.getAttribute("data-" + key) || ""; };
            if (invalid) { found.push(h("invalid")); }
            if (!isNaN(limits.maxGrant) && sum.requested > cents(limits.maxGrant)) { found.push(h("over-max")); }
            if (!isNaN(limits.fundingRate) && sum.requested > limits.fundingRate * sum.total + 0.0001) { found.push(h("over-rate")); }
            if (!isNaN(limits.infrastructureShare) && sum.infrastructure > limits.infrastructureShare * sum.total + 0.0001) { found.push(h("over-infrastructure")); }
            hints.innerHTML = "";
            found.filter(Boolean).forEach(function (text) {
                var li = document.createElement("li");
                li.textContent = text;
                hints.appendChild(li);
            });
        }

        function fillOwn(line) {
            var t = lineTotals(line);
            var own = field(line, "own");
            if (isNaN(t.total) || isNaN(t.requested) || own.getAttribute("data-touched") === "1") { return; }
            var value = t.total - t.requested;
            if (value < 0) { return; }
            var decimal = (document.documentElement.lang || "lv").indexOf("en") === 0 ? "." : ",";
            own.value = (value / 100).toFixed(2).replace(".", decimal);
        }

        function enhance(line) {
            var deleteBox = line.querySelector("[data-delete-field]");
            if (deleteBox && !line.querySelector("[data-remove-line]")) {
                deleteBox.hidden = true;
                var button = document.createElement("button");
                button.type = "button";
                button.className = "button button--link";
                button.setAttribute("data-remove-line", "");
                button.textContent = fieldset.getAttribute("data-remove-label");
                var legend = line.querySelector("legend");
                var label = legend ? legend.textContent.replace(/\s+/g, " ").trim() : "";
                button.setAttribute("aria-label", button.textContent + ": " + label);
                button.addEventListener("click", function () { removeLine(line); });
                line.appendChild(button);
            }
            line.addEventListener("input", function (event) {
                var name = event.target.name || "";
                if (/-own$/.test(name)) {
                    event.target.setAttribute("data-touched", "1");
                } else if (/-(quantity|unit_cost|requested)$/.test(name)) {
                    fillOwn(line);
                }
                recalc();
            });
            line.addEventListener("change", recalc);
        }

        function removeLine(line) {
            var checkbox = line.querySelector("input[name$='-DELETE']");
            if (checkbox) { checkbox.checked = true; }
            line.hidden = true;
            renumber();
            recalc();
            if (announcer) { announcer.textContent = fieldset.getAttribute("data-removed-label") || ""; }
            if (addButton) { addButton.focus(); }
        }

        function addLine() {
            var index = parseInt(totalForms.value, 10);
            var max = maxForms ? parseInt(maxForms.value, 10) : 1000;
            if (index >= max) { return; }
            var html = template.innerHTML.replace(/__prefix__/g, String(index));
            var holder = document.createElement("div");
            holder.innerHTML = html.trim();
            var line = holder.firstElementChild;
            container.appendChild(line);
            totalForms.value = String(index + 1);
            enhance(line);
            renumber();
            recalc();
            if (announcer) { announcer.textContent = fieldset.getAttribute("data-added-label") || ""; }
            var first = line.querySelector("select, input:not([type=hidden])");
            if (first) { first.focus(); }
        }

        Array.prototype.forEach.call(container.querySelectorAll("[data-budget-line]"), function (line) {
            var checkbox = line.querySelector("input[name$='-DELETE']");
            if (checkbox && checkbox.checked) { line.hidden = true; }
            enhance(line);
        });
        if (addButton) {
            addButton.hidden = false;
            addButton.addEventListener("click", addLine);
        }
        renumber();
        recalc();
    }

    function focusErrorSummary() {
        var summary = document.querySelector("[data-error-summary]");
        if (summary) { summary.focus(); }
    }

    function focusTargetOfSummaryLinks() {
        document.addEventListener("click", function (event) {
            var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
            if (!link) { return; }
            var target = document.getElementById(link.getAttribute("href").slice(1));
            if (!target) { return; }
            event.preventDefault();
            target.scrollIntoView({ block: "center" });
            if (target.tabIndex < 0 && !/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName)) {
                target.setAttribute("tabindex", "-1");
            }
            target.focus();
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        Array.prototype.forEach.call(document.querySelectorAll("[data-budget-form]"), initBudget);
        focusErrorSummary();
        focusTargetOfSummaryLinks();
    });
}());
