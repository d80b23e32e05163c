import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);

// packages/health/src/expectations.ts
var STATUS_FORM = "HTTP status codes 100-599 as a list or ranges, like 200,204 or 200-299";
function parseStatusRanges(text) {
  const ranges = [];
  for (const part of text.split(",").map((p) => p.trim())) {
    const match = /^(\d{3})(?:-(\d{3}))?$/.exec(part);
    if (!match) return void 0;
    const min = Number(match[1]);
    const max = Number(match[2] ?? match[1]);
    if (min < 100 || max > 599 || min > max) return void 0;
    ranges.push({ min, max });
  }
  return ranges.length > 0 ? ranges : void 0;
}
function formatStatusRanges(ranges) {
  return ranges.map((r) => r.min === r.max ? `${r.min}` : `${r.min}-${r.max}`).join(",");
}
function parseBodyExpectation(text) {
  const match = /^\/(.+)\/([dgimsuvy]*)$/s.exec(text);
  if (!match) return { substring: text };
  try {
    const [, source = "", flags = ""] = match;
    return { regex: new RegExp(source, flags.replace(/[gy]/g, "")) };
  } catch {
    return void 0;
  }
}
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function carriesVersion(response, version) {
  const header = response.headers["x-version"];
  if (typeof header === "string") return header.trim() === version;
  const token = new RegExp(`(?<![A-Za-z0-9._+-])v?${escapeRegExp(version)}(?![A-Za-z0-9_+-]|\\.[A-Za-z0-9])`);
  return token.test(response.body);
}
function evaluate(response, expect) {
  if (response.error !== void 0 || response.status === void 0) {
    return { ok: false, reason: response.error ?? "no response" };
  }
  const status = response.status;
  if (!expect.status.some((r) => status >= r.min && status <= r.max)) {
    const location = response.headers.location;
    if (status >= 300 && status < 400 && typeof location === "string" && !expect.followRedirects) {
      return {
        ok: false,
        reason: `status ${status}: redirect to ${location} not followed (follow-redirects is false)`
      };
    }
    return { ok: false, reason: `status ${status}, expected ${formatStatusRanges(expect.status)}` };
  }
  if (expect.body) {
    const matches = "regex" in expect.body ? expect.body.regex.test(response.body) : response.body.includes(expect.body.substring);
    if (!matches) {
      const wanted = "regex" in expect.body ? `to match ${String(expect.body.regex)}` : `to contain ${JSON.stringify(expect.body.substring)}`;
      return { ok: false, reason: `body does not match: expected it ${wanted}` };
    }
  }
  if (expect.version !== void 0 && !carriesVersion(response, expect.version)) {
    const header = response.headers["x-version"];
    const seen = typeof header === "string" ? `X-Version is ${JSON.stringify(header)}` : "not in the body or X-Version header";
    return { ok: false, reason: `version ${expect.version} expected, ${seen}` };
  }
  return { ok: true };
}

export {
  STATUS_FORM,
  parseStatusRanges,
  parseBodyExpectation,
  evaluate
};
//# sourceMappingURL=chunk-62URBDRV.js.map
