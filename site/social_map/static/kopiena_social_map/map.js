/* The social map: reads the GeoJSON of the list's own filters and shows the places with
   clustered markers, one popup per place listing its services. Progressive: without
   JavaScript the map stays hidden and the list has everything. Settings come from the
   element's data-* attributes (tiles from the KOPIENA settings; none = no background). */
(function () {
  "use strict";

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) node.className = className;
    return node;
  }

  function popup(feature, settings) {
    var box = document.createElement("div");
    box.className = "sm-popup";
    box.appendChild(text("strong", feature.properties.name));
    if (feature.properties.address && feature.properties.address !== feature.properties.name) {
      box.appendChild(text("p", feature.properties.address));
    }
    var list = document.createElement("ul");
    feature.properties.services.forEach(function (service) {
      var item = document.createElement("li");
      var link = text("a", service.name);
      link.href = settings.serviceUrl.replace("/0/", "/" + service.id + "/");
      item.appendChild(link);
      var notes = [];
      if (service.free) notes.push(settings.labelFree);
      if (service.open_today) notes.push(settings.labelOpenToday + (service.hours_today ? " " + service.hours_today : ""));
      if (notes.length) item.appendChild(text("span", " — " + notes.join(", ")));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function start(element) {
    if (!window.L) return;
    var settings = {
      url: element.dataset.geojsonUrl,
      serviceUrl: element.dataset.serviceUrl,
      tilesUrl: element.dataset.tilesUrl,
      attribution: element.dataset.tilesAttribution,
      maxZoom: parseInt(element.dataset.maxZoom || "18", 10),
      labelFree: element.dataset.labelFree,
      labelOpenToday: element.dataset.labelOpenToday,
      labelNoTiles: element.dataset.labelNoTiles
    };
    element.hidden = false;
    // The cluster layer needs the map's own maxZoom (a tile layer would give it; there may be none).
    var map = L.map(element, { scrollWheelZoom: false, maxZoom: settings.maxZoom }).setView([56.95, 24.1], 7);
    if (settings.tilesUrl) {
      L.tileLayer(settings.tilesUrl, { attribution: settings.attribution, maxZoom: settings.maxZoom }).addTo(map);
    } else {
      map.attributionControl.addAttribution(settings.labelNoTiles);
    }
    L.Icon.Default.imagePath = element.dataset.imagePath || (document.querySelector("link[href*='vendor/leaflet/leaflet.css']").href.replace(/leaflet\.css.*$/, "images/"));
    fetch(settings.url, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.ok ? response.json() : { features: [] }; })
      .then(function (data) {
        var cluster = L.markerClusterGroup();
        var bounds = [];
        data.features.forEach(function (feature) {
          var point = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
          bounds.push(point);
          var marker = L.marker(point, { title: feature.properties.name, alt: feature.properties.name, keyboard: true });
          marker.bindPopup(popup(feature, settings));
          cluster.addLayer(marker);
        });
        map.addLayer(cluster);
        if (bounds.length) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
      });
  }

  function locate(button) {
    if (!navigator.geolocation) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        var form = button.form;
        form.querySelector("[name=lat]").value = position.coords.latitude.toFixed(6);
        form.querySelector("[name=lon]").value = position.coords.longitude.toFixed(6);
        form.querySelector("[name=near]").value = "";
        form.submit();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("sm-map");
    if (element) start(element);
    document.querySelectorAll("[data-sm-locate]").forEach(locate);
  });
})();
