/* Tables on a phone (README "Phones"): the admin's listings and the annual reports' figures
   get their column names on their cells (data-label) and the class kopiena-stacked, so that
   under 40rem admin-phone.css and monitoring.css show each row as a card of named values
   instead of a table cut off at (or scrolled past) the screen's edge. Listings that Wagtail
   replaces after a search or a filter are labelled again. Without the script the tables
   are as before: whole, and scrolled sideways. */
(function () {
    "use strict";

    function label(root) {
        root.querySelectorAll("table.listing, table.figures").forEach(function (table) {
            var names = Array.prototype.map.call(table.querySelectorAll("thead tr:last-child th"), function (th) {
                return th.textContent.replace(/\s+/g, " ").trim();
            });
            if (!names.length) {
                return;
            }
            table.querySelectorAll("tbody tr").forEach(function (row) {
                Array.prototype.forEach.call(row.children, function (cell, index) {
                    if (names[index] && !cell.hasAttribute("data-label")) {
                        cell.setAttribute("data-label", names[index]);
                    }
                });
            });
            table.classList.add("kopiena-stacked");
        });
    }

    function start() {
        label(document);
        new MutationObserver(function () {
            label(document);
        }).observe(document.body, { childList: true, subtree: true });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
