// Copies the locked Leaflet and Leaflet.markercluster dist files into the app's static
// files and records what was copied in VERSIONS.json (package, version, the lockfile's
// integrity, and the sha256 of every file). Run by `make vendor` after `npm ci`; the test
// tests/social_map/test_vendor_assets.py checks the committed files against this record.
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = process.argv[2] || join(here, "..", "static", "kopiena_social_map", "vendor");
const lock = JSON.parse(readFileSync(join(here, "package-lock.json"), "utf8"));

const bundles = {
  leaflet: ["leaflet.js", "leaflet.js.map", "leaflet.css", "images/layers.png", "images/layers-2x.png",
    "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png"],
  "leaflet.markercluster": ["leaflet.markercluster.js", "leaflet.markercluster.js.map", "MarkerCluster.css",
    "MarkerCluster.Default.css"],
};

rmSync(target, { recursive: true, force: true });
const record = { packages: {} };
for (const [name, files] of Object.entries(bundles)) {
  const locked = lock.packages[`node_modules/${name}`];
  const installed = JSON.parse(readFileSync(join(here, "node_modules", name, "package.json"), "utf8"));
  if (!locked || locked.version !== installed.version) {
    throw new Error(`${name}: node_modules has ${installed.version}, the lockfile ${locked && locked.version}; run npm ci`);
  }
  const entry = { version: locked.version, integrity: locked.integrity, license: locked.license, files: {} };
  for (const file of files) {
    const source = join(here, "node_modules", name, "dist", file);
    const destination = join(target, name, file);
    mkdirSync(dirname(destination), { recursive: true });
    copyFileSync(source, destination);
    entry.files[file] = createHash("sha256").update(readFileSync(destination)).digest("hex");
  }
  const licence = readdirSync(join(here, "node_modules", name)).find((f) => /licen[cs]e/i.test(f));
  if (licence) copyFileSync(join(here, "node_modules", name, licence), join(target, name, "LICENSE"));
  record.packages[name] = entry;
}
writeFileSync(join(target, "VERSIONS.json"), JSON.stringify(record, null, 2) + "\n");
console.log(`vendor files for ${Object.keys(bundles).join(", ")} written to ${target}`);
