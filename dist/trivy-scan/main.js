import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  sha256Of
} from "../chunks/chunk-4BDXDLYS.js";
import {
  homedir,
  tmpdir
} from "../chunks/chunk-PO4T6QVY.js";
import {
  localExec
} from "../chunks/chunk-7HPFKMMW.js";
import "../chunks/chunk-46KUD6QG.js";
import {
  digestOf,
  imageReferenceForm,
  isImageReference
} from "../chunks/chunk-DDO7YCBF.js";
import {
  lineEcho
} from "../chunks/chunk-MP5WS7JU.js";
import {
  createHash
} from "../chunks/chunk-4FENUKYM.js";
import "../chunks/chunk-33M3YSFO.js";
import {
  join,
  resolve
} from "../chunks/chunk-7BJK7U2H.js";
import {
  formatMs,
  hasControlCharacter
} from "../chunks/chunk-LAOQIHUA.js";
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from "../chunks/chunk-KEZBYRRG.js";
import {
  ActionFailedError,
  ConfigurationError,
  Summary,
  errorMessage,
  escapeMarkdown,
  messages
} from "../chunks/chunk-4YTAKGCH.js";
import "../chunks/chunk-KVN67TDL.js";

// packages/core/src/cache.ts
function fileName(key) {
  return `${encodeURIComponent(key)}.tar`;
}
function directoryCache(root, exec = localExec) {
  const entries = () => existsSync(root) ? readdirSync(root).filter((f) => f.endsWith(".tar")).map((f) => ({
    key: decodeURIComponent(f.slice(0, -4)),
    file: join(root, f),
    mtime: statSync(join(root, f)).mtimeMs
  })) : [];
  const tar = async (argv) => {
    const result = await exec(["tar", ...argv]);
    if (result.code !== 0) throw new Error(`tar ${argv[0]} failed: ${result.stderr.trim()}`);
  };
  return {
    kind: "directory",
    restore: async (paths, key, restoreKeys = []) => {
      const all = entries();
      let hit = all.find((e) => e.key === key);
      for (const prefix of restoreKeys) {
        if (hit) break;
        hit = all.filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.mtime - a.mtime)[0];
      }
      if (!hit) return void 0;
      for (const path of paths) mkdirSync(path, { recursive: true });
      await tar(["-xf", hit.file, "-P"]);
      return hit.key;
    },
    save: async (paths, key) => {
      const target = join(root, fileName(key));
      if (existsSync(target)) return false;
      mkdirSync(root, { recursive: true });
      const temp = `${target}.${process.pid}.partial`;
      try {
        await tar(["-cf", temp, "-P", "--", ...paths]);
        renameSync(temp, target);
      } finally {
        rmSync(temp, { force: true });
      }
      return true;
    }
  };
}
var noCache = {
  kind: "none",
  restore: () => Promise.resolve(void 0),
  save: () => Promise.resolve(false)
};
async function actionsCache(logger) {
  const cache = await import("../chunks/cache-TROP4DXN.js");
  if (!cache.isFeatureAvailable()) {
    logger.warning("The GitHub Actions cache service is not available to this job; caching is off");
    return noCache;
  }
  return {
    kind: "actions",
    restore: (paths, key, restoreKeys) => cache.restoreCache(paths, key, restoreKeys),
    save: async (paths, key) => {
      try {
        await cache.saveCache(paths, key);
        return true;
      } catch (error) {
        if (error instanceof cache.ReserveCacheError) return false;
        throw error;
      }
    }
  };
}
async function openCache(env, logger) {
  if (env.DEPLOY_KIT_CACHE_DIR) return directoryCache(env.DEPLOY_KIT_CACHE_DIR);
  if (env.GITHUB_ACTIONS === "true") return actionsCache(logger);
  return directoryCache(join(env.HOME ?? homedir(), ".cache", "deploy-kit", "cache"));
}

// packages/trivy/src/commands.ts
var SCAN_TYPES = ["image", "fs", "config"];
var SCANNERS = ["vuln", "misconfig", "secret", "license"];
function needsVulnerabilityDb(scanType, scanners) {
  if (scanType === "config") return false;
  return scanners.length === 0 || scanners.includes("vuln");
}
function versionArgv(trivy) {
  return [trivy, "--version"];
}
function dbDownloadArgv(trivy, cacheDir, repository, timeoutMs) {
  return [
    trivy,
    "image",
    "--download-db-only",
    "--no-progress",
    "--cache-dir",
    cacheDir,
    "--db-repository",
    repository,
    "--timeout",
    `${Math.ceil(timeoutMs / 1e3)}s`
  ];
}
function scanArgv(trivy, options) {
  const argv = [
    trivy,
    options.scanType,
    "--format",
    "json",
    "--output",
    options.outputFile,
    "--no-progress",
    "--cache-dir",
    options.cacheDir,
    "--timeout",
    `${Math.ceil(options.timeoutMs / 1e3)}s`
  ];
  if (options.scanType !== "config") argv.push("--skip-db-update");
  if (options.scanners.length) argv.push("--scanners", options.scanners.join(","));
  for (const dir of options.skipDirs) argv.push("--skip-dirs", dir);
  if (options.ignoreFile) argv.push("--ignorefile", options.ignoreFile);
  argv.push("--", options.target);
  return argv;
}

// packages/trivy/src/db.ts
var KEY_PREFIX = "deploy-kit-trivy-db-";
function readDbUpdatedAt(cacheDir) {
  const dir = join(cacheDir, "db");
  if (!existsSync(join(dir, "trivy.db")) || !existsSync(join(dir, "metadata.json"))) return void 0;
  try {
    const meta = JSON.parse(readFileSync(join(dir, "metadata.json"), "utf8"));
    return typeof meta.UpdatedAt === "string" && !Number.isNaN(Date.parse(meta.UpdatedAt)) ? meta.UpdatedAt : void 0;
  } catch {
    return void 0;
  }
}
function dbCacheKey(now) {
  return `${KEY_PREFIX}${new Date(now).toISOString().slice(0, 10)}`;
}
function lastLines(text, count = 3) {
  return text.trim().split("\n").slice(-count).join(" / ");
}
async function prepareDatabase(request, deps) {
  const { logger, clock } = deps;
  const dbDir = join(request.cacheDir, "db");
  const todayKey = dbCacheKey(clock.now());
  let restored;
  if (request.useCache) {
    try {
      restored = await deps.cache.restore([dbDir], todayKey, [KEY_PREFIX]);
    } catch (error) {
      logger.warning(`Restoring the Trivy database cache failed: ${String(error)}`);
    }
  }
  const ageOf = (updatedAt) => clock.now() - Date.parse(updatedAt);
  const cachedAt = readDbUpdatedAt(request.cacheDir);
  if (restored === todayKey && cachedAt && ageOf(cachedAt) <= request.maxAgeMs) {
    logger.info(`Trivy database from the cache (${todayKey}, built ${cachedAt})`);
    return { updatedAt: cachedAt, source: "cache" };
  }
  const failures = [];
  for (const repository of request.repositories) {
    const result = await deps.exec(
      dbDownloadArgv(request.trivy, request.cacheDir, repository, request.timeoutMs),
      {
        signal: deps.signal,
        timeoutMs: request.timeoutMs
      }
    );
    const updatedAt = result.code === 0 ? readDbUpdatedAt(request.cacheDir) : void 0;
    if (updatedAt) {
      logger.info(`Trivy database downloaded from ${repository} (built ${updatedAt})`);
      if (request.useCache) {
        try {
          await deps.cache.save([dbDir], todayKey);
        } catch (error) {
          logger.warning(`Saving the Trivy database to the cache failed: ${String(error)}`);
        }
      }
      return { updatedAt, source: "download", repository };
    }
    const why = result.code === 0 ? "Trivy exited 0 but wrote no database" : lastLines(result.stderr || result.stdout);
    failures.push(`${repository}: ${why}`);
    logger.warning(`Trivy database download from ${repository} failed: ${why}`);
  }
  const tried = failures.join("; ");
  if (!cachedAt)
    throw new ActionFailedError(
      `No Trivy vulnerability database: every download failed (${tried}) and none is cached; refusing to scan without one`
    );
  const age = ageOf(cachedAt);
  if (age > request.maxAgeMs)
    throw new ActionFailedError(
      `Every Trivy database download failed (${tried}) and the cached database is ${formatMs(age)} old (built ${cachedAt}), older than max-db-age ${formatMs(request.maxAgeMs)}; refusing to scan with it`
    );
  logger.warning(
    `Every Trivy database download failed; scanning with the cached database built ${cachedAt} (${formatMs(age)} old, within max-db-age ${formatMs(request.maxAgeMs)})`
  );
  return { updatedAt: cachedAt, source: "stale" };
}

// packages/trivy/src/report.ts
var SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"];
function isSeverity(text) {
  return SEVERITIES.includes(text);
}
function severityOf(text) {
  const upper = (text ?? "").toUpperCase();
  return isSeverity(upper) ? upper : "UNKNOWN";
}
function parseReport(text, source = "Trivy output") {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = errorMessage(error);
    throw new ActionFailedError(`${source} is not JSON (${reason}); refusing to treat it as a clean scan`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new ActionFailedError(
      `${source} is not a Trivy report (SchemaVersion 2 object expected; Trivy before 0.20 is not supported)`
    );
  const report = parsed;
  if (report.SchemaVersion !== 2)
    throw new ActionFailedError(
      `${source} has SchemaVersion ${String(report.SchemaVersion)}; deploy-kit reads SchemaVersion 2`
    );
  if (report.Results !== void 0 && !Array.isArray(report.Results))
    throw new ActionFailedError(`${source}: 'Results' is not a list`);
  return report;
}
function bestScore(cvss) {
  const scores = Object.values(cvss ?? {}).flatMap((s) => [s.V40Score, s.V3Score, s.V2Score]);
  const numbers = scores.filter((s) => typeof s === "number");
  return numbers.length ? Math.max(...numbers) : void 0;
}
function findingsOf(report) {
  const byKey = /* @__PURE__ */ new Map();
  const add = (key, finding) => {
    const existing = byKey.get(key);
    if (!existing) byKey.set(key, finding);
    else
      for (const target of finding.targets)
        if (!existing.targets.includes(target)) existing.targets.push(target);
  };
  for (const result of report.Results ?? []) {
    const target = result.Target || report.ArtifactName || ".";
    for (const v of result.Vulnerabilities ?? []) {
      const id = v.VulnerabilityID ?? "unknown";
      const fixed = v.FixedVersion || void 0;
      add(`v\0${id}\0${v.PkgName ?? ""}\0${v.InstalledVersion ?? ""}`, {
        kind: "vulnerability",
        id,
        severity: severityOf(v.Severity),
        targets: [target],
        subject: v.PkgName,
        installed: v.InstalledVersion,
        fixed,
        fixable: fixed !== void 0,
        title: v.Title || id,
        description: v.Description,
        url: v.PrimaryURL,
        score: bestScore(v.CVSS)
      });
    }
    for (const m of result.Misconfigurations ?? []) {
      if (m.Status !== void 0 && m.Status !== "FAIL") continue;
      const id = m.ID ?? m.AVDID ?? "unknown";
      const line = m.CauseMetadata?.StartLine || void 0;
      add(`m\0${id}\0${target}\0${line ?? ""}\0${m.CauseMetadata?.Resource ?? ""}`, {
        kind: "misconfiguration",
        id,
        severity: severityOf(m.Severity),
        targets: [target],
        subject: m.CauseMetadata?.Resource || void 0,
        fixable: true,
        title: m.Title || m.Message || id,
        description: [m.Message, m.Resolution].filter(Boolean).join(" \u2014 ") || m.Description,
        url: m.PrimaryURL,
        line
      });
    }
    for (const s of result.Secrets ?? []) {
      const id = s.RuleID ?? "secret";
      add(`s\0${id}\0${target}\0${s.StartLine ?? ""}`, {
        kind: "secret",
        id,
        severity: severityOf(s.Severity),
        targets: [target],
        subject: s.Category,
        fixable: true,
        title: s.Title || id,
        line: s.StartLine || void 0
      });
    }
  }
  return [...byKey.values()];
}
function compareFindings(a, b) {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || Number(b.fixable) - Number(a.fixable) || (b.score ?? 0) - (a.score ?? 0) || a.id.localeCompare(b.id) || (a.subject ?? "").localeCompare(b.subject ?? "");
}

// packages/trivy/src/gate.ts
function emptyCounts() {
  return { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 };
}
function evaluateGate(findings, policy) {
  const considered = findings.filter((f) => !(policy.ignoreUnfixed && !f.fixable));
  const reported = considered.filter((f) => policy.severity.includes(f.severity)).sort(compareFindings);
  const failing = considered.filter((f) => policy.failOn.includes(f.severity) && (!policy.failOnFixableOnly || f.fixable)).sort(compareFindings);
  const counts = emptyCounts();
  for (const f of reported) counts[f.severity] += 1;
  return {
    reported,
    failing,
    counts,
    total: reported.length,
    fixable: reported.filter((f) => f.fixable).length,
    passed: failing.length === 0
  };
}
function describeCounts(counts) {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${s} ${counts[s]}`);
  return parts.length ? parts.join(", ") : "none";
}

// packages/trivy/src/install.ts
var DEFAULT_TRIVY_VERSION = "0.72.0";
var PINNED_TRIVY_SHA256 = {
  "trivy_0.72.0_Linux-64bit.tar.gz": "bbb64b9695866ce4a7a8f5c9592002c5961cab378577fa3f8a040df362b9b2ea",
  "trivy_0.72.0_Linux-ARM64.tar.gz": "2ca2c023109c2db6b2b77366b6717291452d4531167377d95c79547f0c8e3467",
  "trivy_0.72.0_macOS-64bit.tar.gz": "ee5e60df8a98e5b89fd74a6d86f9e5c7e9a266a35002cb1e43291698b3bfee08",
  "trivy_0.72.0_macOS-ARM64.tar.gz": "88f208680dc05da2b459e19b4f5aa2b4dc7c2117892ba4aab2ae63baba330016"
};
function releasePlatform(platform, arch) {
  const os = platform === "linux" ? "Linux" : platform === "darwin" ? "macOS" : void 0;
  const cpu = arch === "x64" ? "64bit" : arch === "arm64" ? "ARM64" : void 0;
  if (!os || !cpu)
    throw new ActionFailedError(
      `Trivy releases are installed for Linux and macOS on x64/arm64; this runner is ${platform}/${arch}: install Trivy yourself and set 'trivy-path'`
    );
  return `${os}-${cpu}`;
}
function releaseAsset(downloadUrl, version, platform) {
  const base = downloadUrl.replaceAll("{version}", version).replace(/\/+$/, "");
  const archiveName = `trivy_${version}_${platform}.tar.gz`;
  return {
    archiveName,
    archiveUrl: `${base}/${archiveName}`,
    checksumsUrl: `${base}/trivy_${version}_checksums.txt`
  };
}
function expectedChecksum(checksums, file) {
  for (const line of checksums.split(/\r?\n/)) {
    const match = /^([0-9a-fA-F]{64})\s+\*?(\S+)$/.exec(line.trim());
    const [, sum = "", name] = match ?? [];
    if (name === file) return sum.toLowerCase();
  }
  return void 0;
}
function httpStatus(error) {
  const status = error.httpStatusCode;
  return typeof status === "number" ? status : void 0;
}
async function download(tools, url, what) {
  try {
    return await tools.downloadTool(url);
  } catch (error) {
    const status = httpStatus(error);
    const reason = status ? `HTTP ${status}` : errorMessage(error);
    throw new ActionFailedError(`Could not download ${what} from ${url}: ${reason}`);
  }
}
async function installTrivy(request, tools, logger) {
  const cachedDir = tools.find("trivy", request.version);
  if (cachedDir && existsSync(join(cachedDir, "trivy")))
    return { path: join(cachedDir, "trivy"), cached: true };
  const asset = releaseAsset(request.downloadUrl, request.version, request.platform);
  const pinned = PINNED_TRIVY_SHA256[asset.archiveName];
  let expected = pinned;
  if (expected === void 0) {
    logger.info(
      `Trivy ${request.version} is not the pinned ${DEFAULT_TRIVY_VERSION}: its checksum comes from the same release as the archive`
    );
    const checksumsFile = await download(
      tools,
      asset.checksumsUrl,
      `the checksums of Trivy ${request.version}`
    );
    expected = expectedChecksum(readFileSync(checksumsFile, "utf8"), asset.archiveName);
    rmSync(checksumsFile, { force: true });
  }
  if (!expected)
    throw new ActionFailedError(
      `${asset.checksumsUrl} has no SHA-256 for ${asset.archiveName}; nothing installed`
    );
  const archive = await download(tools, asset.archiveUrl, `Trivy ${request.version}`);
  try {
    const actual = await sha256Of(createReadStream(archive));
    if (actual !== expected)
      throw new ActionFailedError(
        `Checksum mismatch for ${asset.archiveName}: ${pinned ? "pinned in deploy-kit" : "the release lists"} ${expected}, the download is ${actual}; nothing installed`
      );
    logger.info(
      `Trivy ${request.version}: SHA-256 ${actual} matches ${pinned ? "the checksum pinned in deploy-kit" : "the release checksums"}`
    );
    const extracted = await tools.extractTar(archive);
    if (!existsSync(join(extracted, "trivy")))
      throw new ActionFailedError(`${asset.archiveName} holds no 'trivy' executable; nothing installed`);
    const installedDir = await tools.cacheDir(extracted, "trivy", request.version);
    return { path: join(installedDir, "trivy"), cached: false };
  } finally {
    rmSync(archive, { force: true });
  }
}

// packages/trivy/src/results.ts
function resultKey(identity) {
  const hash = createHash("sha256").update(JSON.stringify(identity)).digest("hex").slice(0, 32);
  return `deploy-kit-trivy-result-${hash}`;
}
function resultDir(cacheDir, key) {
  return join(cacheDir, "deploy-kit-results", key);
}
async function restoreResult(cache, cacheDir, key) {
  const dir = resultDir(cacheDir, key);
  if (await cache.restore([dir], key) !== key) return void 0;
  const file = join(dir, "report.json");
  return existsSync(file) ? readFileSync(file, "utf8") : void 0;
}
async function saveResult(cache, cacheDir, key, report) {
  const dir = resultDir(cacheDir, key);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "report.json"), report);
  await cache.save([dir], key);
}

// packages/trivy/src/sarif.ts
var SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
var LEVEL = {
  CRITICAL: "error",
  HIGH: "error",
  MEDIUM: "warning",
  LOW: "note",
  UNKNOWN: "note"
};
var SEVERITY_SCORE = {
  CRITICAL: 9.5,
  HIGH: 8,
  MEDIUM: 5.5,
  LOW: 2,
  UNKNOWN: 0
};
var RULE_NAME = {
  vulnerability: "PackageVulnerability",
  misconfiguration: "Misconfiguration",
  secret: "Secret"
};
function locationUri(target) {
  const path = target.replace(/ \([^()]*\)$/, "").trim() || ".";
  return encodeURI(path).replace(/[#?]/g, encodeURIComponent);
}
function helpText(f) {
  const lines = [
    `${f.kind === "vulnerability" ? "Vulnerability" : f.kind === "secret" ? "Secret" : "Misconfiguration"} ${f.id}`,
    `Severity: ${f.severity}`
  ];
  if (f.subject) lines.push(`${f.kind === "vulnerability" ? "Package" : "Resource"}: ${f.subject}`);
  if (f.kind === "vulnerability") lines.push(`Fixed version: ${f.fixed ?? "none yet"}`);
  if (f.url) lines.push(`Link: ${f.url}`);
  if (f.description) lines.push("", f.description);
  return lines.join("\n");
}
function markdownHelp(f) {
  const title = f.url ? `[${f.id}](${f.url})` : f.id;
  const rows = [
    "| Severity | " + (f.kind === "vulnerability" ? "Package | Fixed version |" : "Where |"),
    "| --- | " + (f.kind === "vulnerability" ? "--- | --- |" : "--- |"),
    `| ${f.severity} | ` + (f.kind === "vulnerability" ? `${f.subject ?? ""} | ${f.fixed ?? "none yet"} |` : `${f.subject ?? f.targets[0] ?? ""} |`)
  ];
  return [`**${title}** ${f.title}`, "", ...rows, "", f.description ?? ""].join("\n").trim();
}
function resultMessage(f, target) {
  if (f.kind === "vulnerability")
    return [
      `${f.id} (${f.severity}) in ${f.subject ?? "a package"} ${f.installed ?? ""}`.trim(),
      `fixed in ${f.fixed ?? "no release yet"}`,
      `target: ${target}`
    ].join("; ");
  return `${f.id} (${f.severity}): ${f.title}; ${target}${f.line ? `:${f.line}` : ""}`;
}
function toSarif(report, reported, toolVersion) {
  const rules = [];
  const ruleIndex = /* @__PURE__ */ new Map();
  const results = [];
  for (const f of reported) {
    const ruleId = f.id;
    let index = ruleIndex.get(ruleId);
    if (index === void 0) {
      index = rules.length;
      ruleIndex.set(ruleId, index);
      const score = f.score ?? SEVERITY_SCORE[f.severity];
      rules.push({
        id: ruleId,
        name: RULE_NAME[f.kind],
        shortDescription: { text: f.title },
        fullDescription: { text: f.description || f.title },
        defaultConfiguration: { level: LEVEL[f.severity] },
        ...f.url ? { helpUri: f.url } : {},
        help: { text: helpText(f), markdown: markdownHelp(f) },
        properties: {
          tags: ["security", f.kind, f.severity],
          precision: "very-high",
          "security-severity": score.toFixed(1)
        }
      });
    }
    for (const target of f.targets) {
      const line = f.line ?? 1;
      results.push({
        ruleId,
        ruleIndex: index,
        level: LEVEL[f.severity],
        message: { text: resultMessage(f, target) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: locationUri(target), uriBaseId: "ROOTPATH" },
              region: { startLine: line, startColumn: 1, endLine: line, endColumn: 1 }
            },
            message: { text: f.subject ? `${target}: ${f.subject}` : target }
          }
        ]
      });
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "Trivy",
            fullName: `Trivy ${toolVersion} (via deploy-kit trivy-scan)`,
            informationUri: "https://github.com/aquasecurity/trivy",
            version: toolVersion,
            rules
          }
        },
        results,
        columnKind: "utf16CodeUnits",
        originalUriBaseIds: { ROOTPATH: { uri: "file:///" } },
        properties: {
          artifactName: report.ArtifactName ?? "",
          artifactType: report.ArtifactType ?? ""
        }
      }
    ]
  };
}

// packages/trivy/src/summary.ts
var KIND_LABEL = {
  vulnerability: "vuln",
  misconfiguration: "config",
  secret: "secret"
};
function row(f, failing) {
  const where = f.targets.length > 1 ? `${f.targets[0]} (+${f.targets.length - 1})` : f.targets[0] ?? "";
  const version = f.kind === "vulnerability" ? `${f.installed ?? "?"} \u2192 ${f.fixed ?? "no fix yet"}` : f.line ? `line ${f.line}` : "";
  return [
    `${failing.has(f) ? "\u26D4 " : ""}${f.severity}`,
    f.url ? { text: f.id, href: f.url } : f.id,
    KIND_LABEL[f.kind],
    f.subject ?? "",
    version,
    f.title,
    where
  ];
}
function scanSummary(result, policy, facts, limit) {
  const verdict = result.passed ? "\u2705 passed" : `\u26D4 failed: ${result.failing.length} finding(s)`;
  const summary = new Summary().heading(`trivy-scan: ${facts.subject} \u2014 ${verdict}`);
  const failOn = policy.failOn.length ? policy.failOn.join(", ") : "nothing (fail-on: none)";
  summary.paragraph(
    [
      `Gate: fails on ${failOn}${policy.failOnFixableOnly ? ", fixable only" : ""}${policy.ignoreUnfixed ? "; unfixed vulnerabilities ignored" : ""}.`,
      `Trivy ${facts.trivyVersion}, ${facts.scanType} scan` + (facts.dbUpdatedAt ? `, database of ${facts.dbUpdatedAt}` : "") + (facts.fromCache ? " (result reused: same digest, same database)" : "") + "."
    ].join(" ")
  );
  summary.table(
    [...SEVERITIES.filter((s) => policy.severity.includes(s)), "total", "fixable"],
    [
      [
        ...SEVERITIES.filter((s) => policy.severity.includes(s)).map((s) => result.counts[s]),
        result.total,
        result.fixable
      ]
    ]
  );
  const failing = new Set(result.failing);
  const shown = [...result.reported, ...result.failing.filter((f) => !result.reported.includes(f))];
  if (shown.length === 0) {
    summary.paragraph("No findings.");
  } else {
    summary.table(
      ["severity", "id", "type", "package / resource", "installed \u2192 fixed", "title", "target"],
      shown.slice(0, limit).map((f) => row(f, failing))
    );
    if (shown.length > limit)
      summary.paragraph(`\u2026 and ${shown.length - limit} more (${describeCounts(result.counts)} in all).`);
  }
  summary.paragraph(
    `Full report: ${escapeMarkdown(facts.reportFile)} (JSON), ${escapeMarkdown(facts.sarifFile)} (SARIF).`
  );
  return summary;
}

// actions/trivy-scan/inputs.ts
var trivyForms = {
  severities: `severities from ${SEVERITIES.join(", ")}, comma- or newline-separated`,
  failOn: `severities from ${SEVERITIES.join(", ")}, or none`,
  scanners: `scanners from ${SCANNERS.join(", ")}`,
  path: "a path relative to the workspace (or absolute) without '..' segments, not starting with '-'",
  version: "a Trivy release version like 0.72.0 (no leading v)",
  downloadUrl: "an http(s) URL of the release directory; {version} is replaced",
  repository: "OCI repositories like mirror.gcr.io/aquasec/trivy-db:2"
};
var VERSION = /^\d+\.\d+\.\d+$/;
var REPOSITORY = /^[a-z0-9][a-z0-9.-]*(?::\d{1,5})?(?:\/[a-z0-9._-]+)+(?::[A-Za-z0-9_.-]+)?$/;
function isSafeRunnerPath(path) {
  return path.length > 0 && !path.startsWith("-") && !hasControlCharacter(path) && !path.split(/[\\/]/).some((segment) => segment === "..");
}
function checkedPath(name, value) {
  if (value !== void 0 && !isSafeRunnerPath(value))
    throw new ConfigurationError(messages.invalidInput(name, trivyForms.path, value));
  return value;
}
function severities(name, list, allowNone) {
  const accepted = allowNone ? trivyForms.failOn : trivyForms.severities;
  const items = list.map((s) => s.toUpperCase());
  if (allowNone && items.length === 1 && items[0] === "NONE") return [];
  for (const item of items)
    if (!isSeverity(item)) throw new ConfigurationError(messages.invalidInput(name, accepted, item));
  return [...new Set(items)];
}
function readInputs(read) {
  const scanType = read.enum("scan-type", SCAN_TYPES);
  const imageRef = read.string("image-ref");
  const scanRef = checkedPath("scan-ref", read.string("scan-ref"));
  let target;
  if (scanType === "image") {
    if (scanRef !== void 0)
      throw new ConfigurationError(
        "Input 'scan-ref' is for scan-type fs or config; images go in 'image-ref'"
      );
    if (imageRef === void 0)
      throw new ConfigurationError(messages.requiredInput("image-ref", imageReferenceForm));
    if (!isImageReference(imageRef))
      throw new ConfigurationError(messages.invalidInput("image-ref", imageReferenceForm, imageRef));
    target = imageRef;
  } else {
    if (imageRef !== void 0)
      throw new ConfigurationError(
        `Input 'image-ref' is for scan-type image; scan-type ${scanType} reads 'scan-ref'`
      );
    target = scanRef ?? ".";
  }
  const scanners = read.list("scanners", { accepted: trivyForms.scanners });
  for (const scanner of scanners)
    if (!SCANNERS.includes(scanner))
      throw new ConfigurationError(messages.invalidInput("scanners", trivyForms.scanners, scanner));
  if (scanType === "config" && scanners.length)
    throw new ConfigurationError(
      "Input 'scanners' does not apply to scan-type config (it scans configuration only)"
    );
  const skipDirs = read.list("skip-dirs", { accepted: trivyForms.path });
  for (const dir of skipDirs)
    if (!isSafeRunnerPath(dir))
      throw new ConfigurationError(messages.invalidInput("skip-dirs", trivyForms.path, dir));
  const version = read.string("trivy-version", {
    required: true,
    pattern: VERSION,
    accepted: trivyForms.version
  });
  const downloadUrl = read.string("download-url", { required: true, accepted: trivyForms.downloadUrl });
  const probe = downloadUrl.replaceAll("{version}", version);
  if (!/^https?:\/\/[^\s]+$/.test(probe) || !URL.canParse(probe))
    throw new ConfigurationError(messages.invalidInput("download-url", trivyForms.downloadUrl, downloadUrl));
  const repositories = read.list("db-repository", {
    required: true,
    item: REPOSITORY,
    accepted: trivyForms.repository
  });
  return {
    "scan-type": scanType,
    target,
    severity: severities(
      "severity",
      read.list("severity", { required: true, accepted: trivyForms.severities }),
      false
    ),
    "fail-on": severities(
      "fail-on",
      read.list("fail-on", { required: true, accepted: trivyForms.failOn }),
      true
    ),
    "fail-on-fixable-only": read.boolean("fail-on-fixable-only"),
    "ignore-unfixed": read.boolean("ignore-unfixed"),
    scanners,
    "skip-dirs": skipDirs,
    trivyignore: checkedPath("trivyignore", read.string("trivyignore")),
    timeout: read.requiredDuration("timeout", { minMs: 1e3, maxMs: 6 * 36e5 }),
    "trivy-version": version,
    "download-url": downloadUrl,
    "trivy-path": checkedPath("trivy-path", read.string("trivy-path")),
    "cache-db": read.boolean("cache-db"),
    "cache-results": read.boolean("cache-results"),
    "db-repository": repositories,
    "max-db-age": read.requiredDuration("max-db-age", { minMs: 0, maxMs: 90 * 24 * 36e5 }),
    "output-dir": checkedPath("output-dir", read.string("output-dir")) ?? "trivy-results",
    "summary-limit": read.requiredInt("summary-limit", { min: 1, max: 1e3 })
  };
}

// actions/trivy-scan/main.ts
var KILL_GRACE_MS = 3e4;
function policyOf(inputs) {
  return {
    severity: inputs.severity,
    failOn: inputs["fail-on"],
    ignoreUnfixed: inputs["ignore-unfixed"],
    failOnFixableOnly: inputs["fail-on-fixable-only"]
  };
}
function fileSlug(target) {
  return target.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|-+$/g, "").slice(0, 80) || "scan";
}
async function trivyBinary(inputs, deps) {
  const given = inputs["trivy-path"];
  if (given !== void 0) {
    if (!existsSync(given)) throw new ActionFailedError(`trivy-path ${given} does not exist`);
    return resolve(given);
  }
  const installed = await installTrivy(
    {
      version: inputs["trivy-version"],
      downloadUrl: inputs["download-url"],
      platform: releasePlatform(deps.platform, deps.arch)
    },
    deps.tools,
    deps.logger
  );
  deps.logger.info(
    `Trivy ${inputs["trivy-version"]} ${installed.cached ? "from the tool cache" : "installed"}: ${installed.path}`
  );
  return installed.path;
}
async function trivyVersion(trivy, deps) {
  const result = await deps.exec(versionArgv(trivy), { signal: deps.signal, timeoutMs: 3e4 });
  const match = /^Version:\s*(\S+)/m.exec(result.stdout);
  if (result.code !== 0 || !match)
    throw new ActionFailedError(
      `${trivy} --version failed (exit ${String(result.code)}): ${(result.stderr || result.stdout).trim().slice(-500)}`
    );
  return match[1] ?? "";
}
async function runTrivy(trivy, inputs, cacheDir, outputFile, deps) {
  const argv = scanArgv(trivy, {
    scanType: inputs["scan-type"],
    target: inputs.target,
    scanners: inputs.scanners,
    skipDirs: inputs["skip-dirs"],
    ignoreFile: inputs.trivyignore,
    timeoutMs: inputs.timeout,
    cacheDir,
    outputFile
  });
  const echo = lineEcho(deps.logger);
  const result = await deps.exec(argv, {
    signal: deps.signal,
    timeoutMs: inputs.timeout + KILL_GRACE_MS,
    onOutput: (text) => echo.write(text)
  });
  echo.end();
  if (result.code !== 0) {
    const why = (result.stderr || result.stdout).trim().split("\n").slice(-3).join(" / ");
    throw new ActionFailedError(
      `Trivy failed on ${inputs.target} (exit ${String(result.code ?? result.signal)}): ${why || "no message"}`
    );
  }
  if (!existsSync(outputFile))
    throw new ActionFailedError(`Trivy exited 0 but wrote no report to ${outputFile}`);
  return readFileSync(outputFile, "utf8");
}
async function run(inputs, deps) {
  const { logger } = deps;
  if (inputs.trivyignore !== void 0 && !existsSync(inputs.trivyignore))
    throw new ConfigurationError(`Input 'trivyignore': ${inputs.trivyignore} does not exist`);
  const cacheDir = join(deps.env.TRIVY_CACHE_DIR ?? join(deps.env.HOME ?? homedir(), ".cache", "trivy"));
  const outputDir = resolve(deps.env.GITHUB_WORKSPACE ?? process.cwd(), inputs["output-dir"]);
  mkdirSync(outputDir, { recursive: true });
  const slug = fileSlug(inputs.target);
  const reportFile = join(outputDir, `${slug}.json`);
  const sarifFile = join(outputDir, `${slug}.sarif`);
  const trivy = await trivyBinary(inputs, deps);
  const version = await trivyVersion(trivy, deps);
  const db = needsVulnerabilityDb(inputs["scan-type"], inputs.scanners) ? await prepareDatabase(
    {
      trivy,
      cacheDir,
      repositories: inputs["db-repository"],
      maxAgeMs: inputs["max-db-age"],
      useCache: inputs["cache-db"],
      timeoutMs: inputs.timeout
    },
    deps
  ) : void 0;
  const digest = inputs["scan-type"] === "image" ? digestOf(inputs.target) : void 0;
  const key = digest && db && inputs["cache-results"] ? resultKey({
    digest,
    dbUpdatedAt: db.updatedAt,
    trivyVersion: version,
    scanners: inputs.scanners,
    skipDirs: inputs["skip-dirs"],
    ignoreFile: inputs.trivyignore && existsSync(inputs.trivyignore) ? readFileSync(inputs.trivyignore, "utf8") : ""
  }) : void 0;
  const cached = key ? await restoreResult(deps.cache, cacheDir, key).catch(() => void 0) : void 0;
  const fromCache = cached !== void 0;
  let text;
  if (cached !== void 0) {
    logger.info(
      `Same digest, same database (${db?.updatedAt ?? "?"}): reusing the stored scan result, Trivy not run`
    );
    writeFileSync(reportFile, cached);
    text = cached;
  } else {
    text = await runTrivy(trivy, inputs, cacheDir, reportFile, deps);
  }
  const report = parseReport(text, fromCache ? "The cached Trivy report" : `Trivy's report ${reportFile}`);
  if (key && !fromCache)
    await saveResult(deps.cache, cacheDir, key, text).catch(
      (error) => logger.warning(`Saving the scan result to the cache failed: ${String(error)}`)
    );
  const policy = policyOf(inputs);
  const gate = evaluateGate(findingsOf(report), policy);
  writeFileSync(sarifFile, `${JSON.stringify(toSarif(report, gate.reported, version), null, 2)}
`);
  for (const severity of SEVERITIES) deps.setOutput(severity.toLowerCase(), gate.counts[severity]);
  deps.setOutput("total", gate.total);
  deps.setOutput("fixable", gate.fixable);
  deps.setOutput("passed", gate.passed);
  deps.setOutput("report-file", reportFile);
  deps.setOutput("sarif-file", sarifFile);
  deps.setOutput("db-updated-at", db?.updatedAt ?? "");
  deps.writeSummary(
    scanSummary(
      gate,
      policy,
      {
        subject: inputs.target,
        scanType: inputs["scan-type"],
        trivyVersion: version,
        dbUpdatedAt: db?.updatedAt,
        fromCache,
        reportFile,
        sarifFile
      },
      inputs["summary-limit"]
    )
  );
  logger.info(`Reported: ${describeCounts(gate.counts)} (${gate.total} in all, ${gate.fixable} fixable)`);
  if (!gate.passed) {
    const failing = gate.failing.slice(0, 5).map((f) => `${f.id} (${f.severity}${f.subject ? `, ${f.subject}` : ""})`).join(", ");
    throw new ActionFailedError(
      `${gate.failing.length} finding(s) at fail-on severities ${inputs["fail-on"].join(",")}${inputs["fail-on-fixable-only"] ? " (fixable)" : ""}: ${failing}${gate.failing.length > 5 ? ", \u2026" : ""}`
    );
  }
  logger.info("Gate passed");
  return { gate, reportFile, sarifFile, dbUpdatedAt: db?.updatedAt, fromCache };
}
function ensureToolCacheEnv(env) {
  env.RUNNER_TOOL_CACHE ||= join(env.HOME ?? homedir(), ".cache", "deploy-kit", "tools");
  env.RUNNER_TEMP ||= tmpdir();
}
var trivyScan = {
  name: "trivy-scan",
  readInputs,
  run: async (inputs, ctx) => {
    ensureToolCacheEnv(process.env);
    const tools = await import("../chunks/tool-cache-PGU3TYRP.js");
    await run(inputs, {
      ...ctx,
      exec: localExec,
      tools,
      cache: await openCache(ctx.env, ctx.logger),
      platform: process.platform,
      arch: process.arch
    });
  }
};
export {
  fileSlug,
  run,
  trivyScan
};
//# sourceMappingURL=main.js.map
