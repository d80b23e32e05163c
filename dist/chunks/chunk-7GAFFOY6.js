import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);

// packages/core/src/strings.ts
function mapStrings(value, map, path = "") {
  if (typeof value === "string") return map(value, path);
  if (Array.isArray(value)) return value.map((v, i) => mapStrings(v, map, `${path}[${i}]`));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, mapStrings(v, map, path ? `${path}.${k}` : k)])
    );
  return value;
}
async function loadYaml() {
  const yaml = await import("../lib/yaml.js");
  return yaml.default ?? yaml;
}

export {
  mapStrings,
  loadYaml
};
//# sourceMappingURL=chunk-7GAFFOY6.js.map
