import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  githubFailure,
  githubRequest,
  runRepository
} from "../chunks/chunk-IXOCIYYD.js";
import {
  localExec
} from "../chunks/chunk-7HPFKMMW.js";
import "../chunks/chunk-46KUD6QG.js";
import "../chunks/chunk-33M3YSFO.js";
import {
  join
} from "../chunks/chunk-7BJK7U2H.js";
import {
  proxiedFetch
} from "../chunks/chunk-V76VFPBF.js";
import {
  existsSync,
  readFileSync,
  writeFileSync
} from "../chunks/chunk-KEZBYRRG.js";
import {
  ActionFailedError,
  ConfigurationError,
  Summary,
  messages
} from "../chunks/chunk-4YTAKGCH.js";
import "../chunks/chunk-KVN67TDL.js";

// packages/version/src/changelog.ts
var SECTIONS = [
  { title: "\u26A0 Breaking changes", pick: (c) => c.breaking },
  { title: "Features", pick: (c) => !c.breaking && c.type === "feat" },
  { title: "Fixes", pick: (c) => !c.breaking && c.type === "fix" },
  { title: "Performance", pick: (c) => !c.breaking && c.type === "perf" },
  { title: "Reverts", pick: (c) => !c.breaking && c.type === "revert" }
];
function githubLogin(email) {
  const m = /^(?:\d+\+)?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?)@users\.noreply\.github\.com$/.exec(
    email
  );
  return m?.[1];
}
function plain(text) {
  return text.replace(/[<>]/g, (c) => c === "<" ? "&lt;" : "&gt;").replace(/([[\]`*_])/g, "\\$1");
}
function line(c, ctx) {
  const scope = c.scope ? `**${plain(c.scope)}:** ` : "";
  const text = c.breaking && c.breakingNote ? c.breakingNote : c.subject;
  const parts = [`- ${scope}${plain(text)}`];
  if (c.pr !== void 0)
    parts.push(ctx.repoUrl ? `([#${c.pr}](${ctx.repoUrl}/pull/${c.pr}))` : `(#${c.pr})`);
  const short = c.sha.slice(0, 7);
  parts.push(ctx.repoUrl ? `([${short}](${ctx.repoUrl}/commit/${c.sha}))` : `(${short})`);
  const login = githubLogin(c.email);
  if (login) parts.push(`by [@${login}](https://github.com/${login.replace("[bot]", "%5Bbot%5D")})`);
  else if (c.author) parts.push(`by ${plain(c.author)}`);
  return parts.join(" ");
}
function renderChangelog(commits, ctx) {
  const compare = ctx.repoUrl && ctx.previousTag ? `[${ctx.version}](${ctx.repoUrl}/compare/${ctx.previousTag}...${ctx.tag})` : ctx.version;
  const out = [`## ${compare} (${ctx.date})`];
  for (const section of SECTIONS) {
    const picked = commits.filter(section.pick);
    if (picked.length) out.push("", `### ${section.title}`, "", ...picked.map((c) => line(c, ctx)));
  }
  return out.join("\n") + "\n";
}

// node_modules/conventional-commits-parser/dist/regex.js
var nomatchRegex = /(?!.*)/;
function escape(string) {
  return string.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function joinOr(parts) {
  return parts.map((val) => typeof val === "string" ? escape(val.trim()) : val.source).filter(Boolean).join("|");
}
function getNotesRegex(noteKeywords, notesPattern) {
  if (!noteKeywords) {
    return nomatchRegex;
  }
  const noteKeywordsSelection = joinOr(noteKeywords);
  if (!notesPattern) {
    return new RegExp(`^[\\s|*]*(${noteKeywordsSelection})[:\\s]+(.*)`, "i");
  }
  return notesPattern(noteKeywordsSelection);
}
function getReferencePartsRegex(issuePrefixes, issuePrefixesCaseSensitive) {
  if (!issuePrefixes) {
    return nomatchRegex;
  }
  const flags = issuePrefixesCaseSensitive ? "g" : "gi";
  return new RegExp(`(?:.*?)??\\s*([\\w-\\.\\/]*?)??(${joinOr(issuePrefixes)})([\\w-]+)(?=\\s|$|[,;)\\]])`, flags);
}
function getReferencesRegex(referenceActions) {
  if (!referenceActions) {
    return /()(.+)/gi;
  }
  const joinedKeywords = joinOr(referenceActions);
  return new RegExp(`(${joinedKeywords})(?:\\s+(.*?))(?=(?:${joinedKeywords})|$)`, "gi");
}
function getParserRegexes(options = {}) {
  const notes = getNotesRegex(options.noteKeywords, options.notesPattern);
  const referenceParts = getReferencePartsRegex(options.issuePrefixes, options.issuePrefixesCaseSensitive);
  const references = getReferencesRegex(options.referenceActions);
  return {
    notes,
    referenceParts,
    references,
    mentions: /@([\w-]+)/g,
    url: /\b(?:https?):\/\/(?:www\.)?([-a-zA-Z0-9@:%_+.~#?&//=])+\b/
  };
}

// node_modules/conventional-commits-parser/dist/utils.js
var SCISSOR = "------------------------ >8 ------------------------";
function trimNewLines(input) {
  const matches = input.match(/[^\r\n]/);
  if (typeof matches?.index !== "number") {
    return "";
  }
  const firstIndex = matches.index;
  let lastIndex = input.length - 1;
  while (input[lastIndex] === "\r" || input[lastIndex] === "\n") {
    lastIndex--;
  }
  return input.substring(firstIndex, lastIndex + 1);
}
function appendLine(src, line2) {
  return src ? `${src}
${line2 || ""}` : line2 || "";
}
function getCommentFilter(char) {
  return char ? (line2) => !line2.startsWith(char) : () => true;
}
function truncateToScissor(lines, commentChar) {
  const scissorIndex = lines.indexOf(`${commentChar} ${SCISSOR}`);
  if (scissorIndex === -1) {
    return lines;
  }
  return lines.slice(0, scissorIndex);
}
function gpgFilter(line2) {
  return !line2.match(/^\s*gpg:/);
}
function assignMatchedCorrespondence(target, matches, correspondence) {
  const { groups } = matches;
  for (let i = 0, len = correspondence.length, key; i < len; i++) {
    key = correspondence[i];
    target[key] = (groups ? groups[key] : matches[i + 1]) || null;
  }
  return target;
}

// node_modules/conventional-commits-parser/dist/options.js
var defaultOptions = {
  noteKeywords: ["BREAKING CHANGE", "BREAKING-CHANGE"],
  issuePrefixes: ["#"],
  referenceActions: [
    "close",
    "closes",
    "closed",
    "fix",
    "fixes",
    "fixed",
    "resolve",
    "resolves",
    "resolved"
  ],
  headerPattern: /^(\w*)(?:\(([\w$@.\-*/ ]*)\))?: (.*)$/,
  headerCorrespondence: [
    "type",
    "scope",
    "subject"
  ],
  revertPattern: /^Revert\s"([\s\S]*)"\s*This reverts commit (\w*)\.?/,
  revertCorrespondence: ["header", "hash"],
  fieldPattern: /^-(.*?)-$/
};

// node_modules/conventional-commits-parser/dist/CommitParser.js
function createCommitObject(initialData = {}) {
  return {
    merge: null,
    revert: null,
    header: null,
    body: null,
    footer: null,
    notes: [],
    mentions: [],
    references: [],
    ...initialData
  };
}
var CommitParser = class {
  options;
  regexes;
  lines = [];
  lineIndex = 0;
  commit = createCommitObject();
  constructor(options = {}) {
    this.options = {
      ...defaultOptions,
      ...options
    };
    this.regexes = getParserRegexes(this.options);
  }
  currentLine() {
    return this.lines[this.lineIndex];
  }
  nextLine() {
    return this.lines[this.lineIndex++];
  }
  isLineAvailable() {
    return this.lineIndex < this.lines.length;
  }
  parseReference(input, action) {
    const { regexes } = this;
    if (regexes.url.test(input)) {
      return null;
    }
    const matches = regexes.referenceParts.exec(input);
    if (!matches) {
      return null;
    }
    let [raw, repository = null, prefix, issue] = matches;
    let owner = null;
    if (repository) {
      const slashIndex = repository.indexOf("/");
      if (slashIndex !== -1) {
        owner = repository.slice(0, slashIndex);
        repository = repository.slice(slashIndex + 1);
      }
    }
    return {
      raw,
      action,
      owner,
      repository,
      prefix,
      issue
    };
  }
  parseReferences(input) {
    const { regexes } = this;
    const regex = input.match(regexes.references) ? regexes.references : /()(.+)/gi;
    const references = [];
    let matches;
    let action;
    let sentence;
    let reference;
    while (true) {
      matches = regex.exec(input);
      if (!matches) {
        break;
      }
      action = matches[1] || null;
      sentence = matches[2] || "";
      while (true) {
        reference = this.parseReference(sentence, action);
        if (!reference) {
          break;
        }
        references.push(reference);
      }
    }
    return references;
  }
  skipEmptyLines() {
    let line2 = this.currentLine();
    while (line2 !== void 0 && !line2.trim()) {
      this.nextLine();
      line2 = this.currentLine();
    }
  }
  parseMerge() {
    const { commit, options } = this;
    const correspondence = options.mergeCorrespondence || [];
    const merge = this.currentLine();
    const matches = merge && options.mergePattern ? merge.match(options.mergePattern) : null;
    if (matches) {
      this.nextLine();
      commit.merge = matches[0] || null;
      assignMatchedCorrespondence(commit, matches, correspondence);
      return true;
    }
    return false;
  }
  parseHeader(isMergeCommit) {
    if (isMergeCommit) {
      this.skipEmptyLines();
    }
    const { commit, options } = this;
    const correspondence = options.headerCorrespondence || [];
    const header = commit.header ?? this.nextLine();
    let matches = null;
    if (header) {
      if (options.breakingHeaderPattern) {
        matches = header.match(options.breakingHeaderPattern);
      }
      if (!matches && options.headerPattern) {
        matches = header.match(options.headerPattern);
      }
    }
    if (header) {
      commit.header = header;
    }
    if (matches) {
      assignMatchedCorrespondence(commit, matches, correspondence);
    }
  }
  parseMeta() {
    const { options, commit } = this;
    if (!options.fieldPattern || !this.isLineAvailable()) {
      return false;
    }
    let matches;
    let field = null;
    let parsed = false;
    while (this.isLineAvailable()) {
      matches = this.currentLine().match(options.fieldPattern);
      if (matches) {
        field = matches[1] || null;
        this.nextLine();
        continue;
      }
      if (field) {
        parsed = true;
        commit[field] = appendLine(commit[field], this.currentLine());
        this.nextLine();
      } else {
        break;
      }
    }
    return parsed;
  }
  parseNotes() {
    const { regexes, commit } = this;
    if (!this.isLineAvailable()) {
      return false;
    }
    const matches = this.currentLine().match(regexes.notes);
    let references = [];
    if (matches) {
      const note = {
        title: matches[1],
        text: matches[2]
      };
      commit.notes.push(note);
      commit.footer = appendLine(commit.footer, this.currentLine());
      this.nextLine();
      while (this.isLineAvailable()) {
        if (this.parseMeta()) {
          return true;
        }
        if (this.parseNotes()) {
          return true;
        }
        references = this.parseReferences(this.currentLine());
        if (references.length) {
          commit.references.push(...references);
        } else {
          note.text = appendLine(note.text, this.currentLine());
        }
        commit.footer = appendLine(commit.footer, this.currentLine());
        this.nextLine();
        if (references.length) {
          break;
        }
      }
      return true;
    }
    return false;
  }
  parseBodyAndFooter(isBody) {
    const { commit } = this;
    if (!this.isLineAvailable()) {
      return isBody;
    }
    const references = this.parseReferences(this.currentLine());
    const isStillBody = !references.length && isBody;
    if (isStillBody) {
      commit.body = appendLine(commit.body, this.currentLine());
    } else {
      commit.references.push(...references);
      commit.footer = appendLine(commit.footer, this.currentLine());
    }
    this.nextLine();
    return isStillBody;
  }
  parseBreakingHeader() {
    const { commit, options } = this;
    if (!options.breakingHeaderPattern || commit.notes.length || !commit.header) {
      return;
    }
    const matches = commit.header.match(options.breakingHeaderPattern);
    if (matches) {
      commit.notes.push({
        title: "BREAKING CHANGE",
        text: matches[3]
      });
    }
  }
  parseMentions(input) {
    const { commit, regexes } = this;
    let matches;
    for (; ; ) {
      matches = regexes.mentions.exec(input);
      if (!matches) {
        break;
      }
      commit.mentions.push(matches[1]);
    }
  }
  parseRevert(input) {
    const { commit, options } = this;
    const correspondence = options.revertCorrespondence || [];
    const matches = options.revertPattern ? input.match(options.revertPattern) : null;
    if (matches) {
      commit.revert = assignMatchedCorrespondence({}, matches, correspondence);
    }
  }
  cleanupCommit() {
    const { commit } = this;
    if (commit.body) {
      commit.body = trimNewLines(commit.body);
    }
    if (commit.footer) {
      commit.footer = trimNewLines(commit.footer);
    }
    commit.notes.forEach((note) => {
      note.text = trimNewLines(note.text);
    });
    const referencesSet = /* @__PURE__ */ new Set();
    commit.references = commit.references.filter((reference) => {
      const uid = `${reference.action} ${reference.raw}`.toLocaleLowerCase();
      const ok = !referencesSet.has(uid);
      if (ok) {
        referencesSet.add(uid);
      }
      return ok;
    });
  }
  /**
   * Parse commit message string into an object.
   * @param input - Commit message string.
   * @returns Commit object.
   */
  parse(input) {
    if (!input.trim()) {
      throw new TypeError("Expected a raw commit");
    }
    const { commentChar } = this.options;
    const commentFilter = getCommentFilter(commentChar);
    const rawLines = trimNewLines(input).split(/\r?\n/);
    const lines = commentChar ? truncateToScissor(rawLines, commentChar).filter((line2) => commentFilter(line2) && gpgFilter(line2)) : rawLines.filter((line2) => gpgFilter(line2));
    const commit = createCommitObject();
    this.lines = lines;
    this.lineIndex = 0;
    this.commit = commit;
    const isMergeCommit = this.parseMerge();
    this.parseHeader(isMergeCommit);
    if (commit.header) {
      commit.references = this.parseReferences(commit.header);
    }
    let isBody = true;
    while (this.isLineAvailable()) {
      this.parseMeta();
      if (this.parseNotes()) {
        isBody = false;
      }
      if (!this.parseBodyAndFooter(isBody)) {
        isBody = false;
      }
    }
    this.parseBreakingHeader();
    this.parseMentions(input);
    this.parseRevert(input);
    this.cleanupCommit();
    return commit;
  }
};

// packages/version/src/semver.ts
var BUMPS = ["major", "minor", "patch"];
var SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
function parseVersion(text) {
  const m = SEMVER.exec(text);
  if (!m) return void 0;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  const patch = Number(m[3]);
  if (![major, minor, patch].every((n) => Number.isSafeInteger(n))) return void 0;
  return {
    major,
    minor,
    patch,
    pre: m[4] ? m[4].split(".").map((p) => /^\d+$/.test(p) ? Number(p) : p) : []
  };
}
function formatVersion(v) {
  return `${v.major}.${v.minor}.${v.patch}${v.pre.length ? `-${v.pre.join(".")}` : ""}`;
}
function compareVersions(a, b) {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core) return Math.sign(core);
  if (!a.pre.length || !b.pre.length) return Number(!a.pre.length) - Number(!b.pre.length);
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i += 1) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === void 0) return -1;
    if (y === void 0) return 1;
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return Math.sign(x - y);
    if (typeof x === "number") return -1;
    if (typeof y === "number") return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
function bumpVersion(v, bump) {
  if (bump === "major") return { major: v.major + 1, minor: 0, patch: 0, pre: [] };
  if (bump === "minor") return { major: v.major, minor: v.minor + 1, patch: 0, pre: [] };
  return { major: v.major, minor: v.minor, patch: v.patch + 1, pre: [] };
}
function strongest(a, b) {
  if (!a) return b;
  if (!b) return a;
  return BUMPS.indexOf(a) <= BUMPS.indexOf(b) ? a : b;
}

// packages/version/src/commits.ts
var parser = new CommitParser({
  // `feat!:` and `feat(scope)!:` as well as BREAKING CHANGE / BREAKING-CHANGE footers.
  breakingHeaderPattern: /^(\w*)(?:\((.*)\))?!: (.*)$/,
  revertPattern: /^(?:Revert|revert:)\s"?([\s\S]+?)"?\s*This reverts commit (\w+)\.?/i,
  revertCorrespondence: ["header", "hash"]
});
var GITHUB_MERGE = /^Merge pull request #(\d+) from \S+/;
var PR_SUFFIX = /\s\(#(\d+)\)$/;
function bumpOf(type, breaking) {
  if (breaking) return "major";
  if (type === "feat") return "minor";
  if (type === "fix" || type === "perf" || type === "revert") return "patch";
  return void 0;
}
function analyzeCommit(raw) {
  let message = raw.message.replace(/\r\n/g, "\n").trim();
  let pr;
  const merge = GITHUB_MERGE.exec(message);
  if (merge && raw.parents.length > 1) {
    pr = Number(merge[1]);
    message = message.split("\n").slice(1).join("\n").trim() || message;
  }
  if (!message)
    return { sha: raw.sha, header: "", subject: "", breaking: false, author: raw.author, email: raw.email };
  const parsed = parser.parse(message);
  const header = parsed.header ?? message.split("\n")[0] ?? "";
  const notes = parsed.notes.filter((n) => /^BREAKING[ -]CHANGE$/i.test(n.title));
  const type = typeof parsed.type === "string" ? parsed.type.toLowerCase() : void 0;
  const breaking = notes.length > 0 || /^\w+(?:\([^)]*\))?!:/.test(header);
  const subject = typeof parsed.subject === "string" ? parsed.subject : header;
  const prMatch = PR_SUFFIX.exec(subject);
  const revert = parsed.revert ? { hash: parsed.revert.hash ?? void 0, header: parsed.revert.header ?? void 0 } : void 0;
  return {
    sha: raw.sha,
    type: revert ? "revert" : type,
    scope: typeof parsed.scope === "string" ? parsed.scope : void 0,
    header,
    subject: prMatch ? subject.slice(0, prMatch.index) : subject,
    breaking,
    breakingNote: notes[0]?.text.trim() || void 0,
    bump: bumpOf(revert ? "revert" : type, breaking),
    pr: pr ?? (prMatch ? Number(prMatch[1]) : void 0),
    author: raw.author,
    email: raw.email,
    revertOf: revert
  };
}
function analyzeCommits(raw, mergeCommits) {
  const analyzed = raw.filter((c) => mergeCommits === "subject" || c.parents.length <= 1).map((c) => analyzeCommit(c));
  const cancelled = /* @__PURE__ */ new Set();
  for (const commit of analyzed) {
    if (!commit.revertOf || cancelled.has(commit.sha)) continue;
    const { hash, header } = commit.revertOf;
    const open = (c) => c !== commit && !cancelled.has(c.sha);
    const target = (hash && hash.length >= 7 ? analyzed.find((c) => open(c) && c.sha.startsWith(hash)) : void 0) ?? (header !== void 0 ? analyzed.find((c) => open(c) && c.header === header) : void 0);
    if (target) {
      cancelled.add(target.sha);
      cancelled.add(commit.sha);
    }
  }
  const commits = analyzed.filter((c) => !cancelled.has(c.sha)).map((c) => {
    const kept = { ...c };
    delete kept.revertOf;
    return kept;
  });
  let bump;
  let decidedBy;
  for (const c of commits) {
    const next = strongest(bump, c.bump);
    if (next !== bump) {
      bump = next;
      decidedBy = c;
    }
  }
  return { bump, decidedBy, commits, cancelled: [...cancelled] };
}

// packages/version/src/git.ts
var BOT_IDENTITY = {
  name: "github-actions[bot]",
  email: "41898282+github-actions[bot]@users.noreply.github.com"
};
var Git = class {
  constructor(exec, cwd, env, signal) {
    this.exec = exec;
    this.cwd = cwd;
    this.env = env;
    this.signal = signal;
  }
  exec;
  cwd;
  env;
  signal;
  async try(args, stdin, env = this.env) {
    return this.exec(["git", ...args], {
      cwd: this.cwd,
      env: { ...env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
      signal: this.signal,
      stdin,
      timeoutMs: 12e4
    });
  }
  async must(args, stdin, env) {
    const result = await this.try(args, stdin, env);
    if (result.code !== 0)
      throw new ActionFailedError(
        `git ${args[0]} failed (exit ${String(result.code)}): ${result.stderr.trim()}`
      );
    return result.stdout;
  }
  /** A command that records an identity (tag, commit): the bot's when the repository has none. */
  async mustAsAuthor(args, stdin) {
    return this.must(args, stdin, await this.identityEnv());
  }
  async isRepository() {
    return (await this.try(["rev-parse", "--git-dir"])).code === 0;
  }
  async isShallow() {
    return (await this.must(["rev-parse", "--is-shallow-repository"])).trim() === "true";
  }
  /** The full SHA of a commit, or undefined when it does not exist here. */
  async commitOf(ref) {
    const result = await this.try([
      "rev-parse",
      "--verify",
      "--quiet",
      "--end-of-options",
      `${ref}^{commit}`
    ]);
    return result.code === 0 ? result.stdout.trim() : void 0;
  }
  /** Tag names starting with `prefix`; only those reachable from `sha` when given. */
  async tags(prefix, mergedInto) {
    const args = ["tag", "--list", `${prefix}*`];
    if (mergedInto) args.push("--merged", mergedInto);
    return (await this.must(args)).split("\n").filter(Boolean);
  }
  /** Tags starting with `prefix` that point at `sha`. */
  async tagsAt(sha, prefix) {
    return (await this.must(["tag", "--list", `${prefix}*`, "--points-at", sha])).split("\n").filter(Boolean);
  }
  /** Commits in `range` (`a..b` or `b`), newest first. */
  async log(range, firstParent) {
    const args = ["log", "-z", "--format=%H%x1f%P%x1f%an%x1f%ae%x1f%B"];
    if (firstParent) args.push("--first-parent");
    args.push("--end-of-options", range);
    const out = await this.must(args);
    return out.split("\0").filter((record) => record.trim()).map((record) => {
      const [sha, parents, author, email, message] = record.replace(/^\n/, "").split("");
      return {
        sha: sha ?? "",
        parents: (parents ?? "").split(" ").filter(Boolean),
        author: author ?? "",
        email: email ?? "",
        message: message ?? ""
      };
    });
  }
  /** Environment for commands that record an identity, when the repository has none. */
  async identityEnv() {
    const configured = (await this.try(["config", "user.email"])).code === 0;
    if (configured || this.env.GIT_COMMITTER_EMAIL) return this.env;
    return {
      ...this.env,
      GIT_COMMITTER_NAME: BOT_IDENTITY.name,
      GIT_COMMITTER_EMAIL: BOT_IDENTITY.email,
      GIT_AUTHOR_NAME: BOT_IDENTITY.name,
      GIT_AUTHOR_EMAIL: BOT_IDENTITY.email
    };
  }
  async createAnnotatedTag(tag, sha, message) {
    await this.mustAsAuthor(["tag", "--annotate", "--cleanup=verbatim", "--file=-", tag, sha], message);
  }
  /** Moves a tag locally (only ever used for the major/minor tags). */
  async forceTag(tag, sha, message) {
    await this.mustAsAuthor(
      ["tag", "--force", "--annotate", "--cleanup=verbatim", "--file=-", tag, sha],
      message
    );
  }
  async deleteLocalTag(tag) {
    await this.try(["tag", "--delete", tag]);
  }
  /**
   * Pushes refs without force: a tag that already exists on the remote is rejected, never
   * replaced. Refs given as `+ref` are the deliberate exceptions (major/minor tags).
   */
  async push(remote, refspecs) {
    return this.try(["push", "--porcelain", "--atomic", "--end-of-options", remote, ...refspecs]);
  }
  /** The commit a tag points to on the remote, or undefined when the remote has no such tag. */
  async remoteTagCommit(remote, tag) {
    const out = await this.must([
      "ls-remote",
      "--tags",
      "--end-of-options",
      remote,
      `refs/tags/${tag}`,
      `refs/tags/${tag}^{}`
    ]);
    const lines = out.split("\n").filter(Boolean).map((l) => l.split("	"));
    const peeled = lines.find(([, ref]) => ref.endsWith("^{}")) ?? lines[0];
    return peeled?.[0];
  }
  async fetchTags(remote) {
    await this.must(["fetch", "--quiet", "--tags", "--force", "--end-of-options", remote]);
  }
  async commitFiles(files, message, parent) {
    const head = (await this.must(["rev-parse", "HEAD"])).trim();
    if (head !== parent)
      throw new ActionFailedError(`update-files needs the checkout at ${parent}; HEAD is ${head}`);
    await this.must(["add", "--", ...files]);
    await this.mustAsAuthor(["commit", "--quiet", "--no-verify", "--cleanup=verbatim", "--file=-"], message);
    return (await this.must(["rev-parse", "HEAD"])).trim();
  }
};

// packages/version/src/github.ts
var call = (api, method, path, body) => githubRequest(api, method, path, { body });
var failure = (response, what) => githubFailure(response, what, "the permission: contents: write for releases, actions: write for dispatch");
async function createRelease(api, release) {
  const response = await call(api, "POST", `/repos/${api.repository}/releases`, {
    tag_name: release.tag,
    name: release.name,
    body: release.body,
    draft: false,
    prerelease: release.prerelease
  });
  if (response.status === 201)
    return { url: (await response.json()).html_url, created: true };
  if (response.status === 422) {
    const existing = await call(
      api,
      "GET",
      `/repos/${api.repository}/releases/tags/${encodeURIComponent(release.tag)}`
    );
    if (existing.status === 200)
      return { url: (await existing.json()).html_url, created: false };
  }
  throw await failure(response, `Creating the GitHub release ${release.tag}`);
}
async function dispatchWorkflow(api, workflow, ref, inputs) {
  const response = await call(
    api,
    "POST",
    `/repos/${api.repository}/actions/workflows/${encodeURIComponent(workflow)}/dispatches`,
    { ref, inputs }
  );
  if (response.status !== 204 && response.status !== 200)
    throw await failure(response, `Dispatching ${workflow} at ${ref}`);
}

// packages/version/src/next.ts
var ZERO_MAJOR = { major: "minor", minor: "patch", patch: "patch" };
function nextVersion(request) {
  let version;
  let bump;
  if (!request.previous) {
    version = { ...request.initialVersion, pre: [] };
  } else {
    bump = request.previous.major === 0 && !request.zeroMajorBumps ? ZERO_MAJOR[request.bump] : request.bump;
    version = bumpVersion(request.previous, bump);
  }
  if (request.prerelease) {
    const { channel, existing } = request.prerelease;
    const numbers = existing.filter(
      (v) => v.major === version.major && v.minor === version.minor && v.patch === version.patch && v.pre[0] === channel && typeof v.pre[1] === "number"
    ).map((v) => v.pre[1]);
    version = { ...version, pre: [channel, Math.max(0, ...numbers) + 1] };
  }
  return { version, bump: bump ?? request.bump };
}
function highest(versions) {
  return [...versions].sort(compareVersions).at(-1);
}

// packages/version/src/plan.ts
var shallowCloneMessage = "This is a shallow clone: version-tag needs the whole history and every tag to find the previous release. Set 'fetch-depth: 0' on actions/checkout";
function versionsOf(tags, prefix) {
  const out = [];
  for (const tag of tags) {
    const version = tag.startsWith(prefix) ? parseVersion(tag.slice(prefix.length)) : void 0;
    if (version) out.push({ version, tag });
  }
  return out;
}
function highestOf(list) {
  const top = highest(list.map((v) => v.version));
  return top ? list.find((v) => compareVersions(v.version, top) === 0) : void 0;
}
async function planRelease(git, request) {
  if (await git.isShallow()) throw new ConfigurationError(shallowCloneMessage);
  const reachable = versionsOf(await git.tags(request.prefix, request.sha), request.prefix);
  const stable = reachable.filter((v) => v.version.pre.length === 0);
  const previousStable = highestOf(stable);
  const sameChannel = (v) => request.channel ? v.pre[0] === request.channel : v.pre.length === 0;
  const previous = request.channel ? highestOf(reachable.filter((v) => v.version.pre.length === 0 || sameChannel(v.version))) : previousStable;
  const here = versionsOf(await git.tagsAt(request.sha, request.prefix), request.prefix).filter(
    (v) => sameChannel(v.version)
  );
  const tagged = highestOf(here);
  if (tagged) {
    const before = highestOf(
      reachable.filter((v) => compareVersions(v.version, tagged.version) < 0 && sameChannel(v.version))
    );
    return { kind: "already-tagged", version: tagged.version, tag: tagged.tag, previous: before };
  }
  const range = previousStable ? `${previousStable.tag}..${request.sha}` : request.sha;
  const analysis = analyzeCommits(
    await git.log(range, request.mergeCommits === "subject"),
    request.mergeCommits
  );
  let bump;
  let reason;
  if (request.bump === "none")
    return { kind: "nothing", reason: "bump: none", previous, commits: analysis.commits };
  if (request.bump !== "auto") {
    bump = request.bump;
    reason = `bump: ${request.bump} (input)`;
  } else {
    bump = analysis.bump;
    if (!bump || !analysis.decidedBy)
      return {
        kind: "nothing",
        reason: `no feat, fix, perf or breaking change in ${analysis.commits.length} commit(s) since ${previousStable?.tag ?? "the start"}`,
        previous,
        commits: analysis.commits
      };
    reason = `${analysis.decidedBy.sha.slice(0, 7)} ${analysis.decidedBy.header}`;
  }
  const all = request.channel ? versionsOf(await git.tags(request.prefix), request.prefix).map((v) => v.version) : [];
  const next = nextVersion({
    previous: previousStable?.version,
    bump,
    initialVersion: request.initialVersion,
    zeroMajorBumps: request.zeroMajorBumps,
    prerelease: request.channel ? { channel: request.channel, existing: all } : void 0
  });
  const tag = `${request.prefix}${formatVersion(next.version)}`;
  return {
    kind: "release",
    version: next.version,
    tag,
    bump: next.bump,
    previous,
    reason,
    commits: analysis.commits
  };
}
async function assertTagFree(git, remote, tag, sha) {
  const local = await git.commitOf(`refs/tags/${tag}`);
  const remoteSha = remote ? await git.remoteTagCommit(remote, tag) : void 0;
  for (const [where, at] of [
    ["here", local],
    [remote ?? "", remoteSha]
  ]) {
    if (at && at !== sha)
      throw new ActionFailedError(
        `Tag ${tag} already exists ${where === "here" ? "here" : `on ${where}`} on ${at.slice(0, 12)}, not ${sha.slice(0, 12)}; release tags are never moved`
      );
  }
  return local === sha || remoteSha === sha;
}

// actions/version-tag/inputs.ts
var versionForms = {
  prefix: "up to 32 letters, digits and . _ / - (not starting with '-', '.' or '/'; empty for bare versions)",
  initialVersion: "a release version like 0.1.0 or 1.0.0 (no prerelease)",
  branch: "branch names (letters, digits, . _ / -, not starting with '-')",
  prerelease: "branch:channel pairs like develop:beta,staging:rc (channel: lower-case letters and digits)",
  sha: "a commit SHA (7-40 hex) or a ref name",
  remote: "a git remote name (letters, digits, . _ -, not starting with '-')",
  workflow: "a workflow file name like deploy.yml, or its numeric ID"
};
var PREFIX = /^(?:[A-Za-z0-9_][A-Za-z0-9._/-]{0,31})?$/;
var BRANCH = /^[A-Za-z0-9_][A-Za-z0-9._/-]{0,254}$/;
var CHANNEL = /^[a-z][a-z0-9]{0,15}$/;
var SHA_OR_REF = /^(?:[0-9a-f]{7,40}|HEAD|[A-Za-z0-9_][A-Za-z0-9._/-]{0,254})$/;
var REMOTE = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;
var WORKFLOW = /^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,99}\.ya?ml|\d{1,19})$/;
function validRefPart(text) {
  return !/\.\.|\/\/|\/\.|\.lock(?:\/|$)|[./]$|@\{/.test(text);
}
function readInputs(read, env) {
  const prefix = read.string("tag-prefix", { raw: true }) ?? "";
  if (!PREFIX.test(prefix) || prefix && !validRefPart(`${prefix}1`))
    throw new ConfigurationError(messages.invalidInput("tag-prefix", versionForms.prefix, prefix));
  const initialText = read.string("initial-version", {
    required: true,
    accepted: versionForms.initialVersion
  });
  const initial = parseVersion(initialText);
  if (!initial || initial.pre.length)
    throw new ConfigurationError(
      messages.invalidInput("initial-version", versionForms.initialVersion, initialText)
    );
  const releaseBranches = read.list("release-branches", { item: BRANCH, accepted: versionForms.branch });
  for (const b of releaseBranches)
    if (!validRefPart(b))
      throw new ConfigurationError(messages.invalidInput("release-branches", versionForms.branch, b));
  const prerelease = /* @__PURE__ */ new Map();
  for (const item of read.list("prerelease-branches", { accepted: versionForms.prerelease })) {
    const [branch, channel, extra] = item.split(":");
    if (extra !== void 0 || !branch || !channel || !BRANCH.test(branch) || !validRefPart(branch) || !CHANNEL.test(channel))
      throw new ConfigurationError(
        messages.invalidInput("prerelease-branches", versionForms.prerelease, item)
      );
    if (releaseBranches.includes(branch))
      throw new ConfigurationError(
        `Input 'prerelease-branches': ${branch} is also in 'release-branches'; a branch releases one way`
      );
    prerelease.set(branch, channel);
  }
  const shaText = read.string("sha") ?? env.GITHUB_SHA ?? "HEAD";
  if (!SHA_OR_REF.test(shaText) || !validRefPart(shaText))
    throw new ConfigurationError(messages.invalidInput("sha", versionForms.sha, shaText));
  const branchText = read.string("branch") ?? (env.GITHUB_REF?.startsWith("refs/heads/") ? env.GITHUB_REF.slice(11) : void 0);
  if (branchText !== void 0 && (!BRANCH.test(branchText) || !validRefPart(branchText)))
    throw new ConfigurationError(messages.invalidInput("branch", versionForms.branch, branchText));
  const token = read.string("github-token", { secret: true });
  const createRelease2 = read.boolean("create-release");
  const dispatch = read.string("dispatch-workflow", { pattern: WORKFLOW, accepted: versionForms.workflow });
  if ((createRelease2 || dispatch) && !token)
    throw new ConfigurationError(
      messages.requiredInput(
        "github-token",
        "a token (default ${{ github.token }}) for create-release and dispatch-workflow"
      )
    );
  return {
    "tag-prefix": prefix,
    "initial-version": initial,
    "release-branches": releaseBranches,
    "prerelease-branches": prerelease,
    bump: read.enum("bump", ["auto", "major", "minor", "patch", "none"]),
    "zero-major-bumps": read.boolean("zero-major-bumps"),
    "merge-commits": read.enum("merge-commits", ["skip", "subject"]),
    sha: shaText,
    branch: branchText,
    remote: read.string("remote", { required: true, pattern: REMOTE, accepted: versionForms.remote }),
    "update-major-tag": read.boolean("update-major-tag"),
    "update-minor-tag": read.boolean("update-minor-tag"),
    "update-files": read.boolean("update-files"),
    "create-release": createRelease2,
    "dispatch-workflow": dispatch,
    "github-token": token,
    "github-api-url": read.url("github-api-url", { required: true, protocols: ["https:", "http:"] }),
    "dry-run": read.boolean("dry-run")
  };
}

// actions/version-tag/main.ts
function repoUrl(env) {
  return env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}` : void 0;
}
function changelogOf(plan, env, now) {
  return renderChangelog(plan.commits, {
    repoUrl: repoUrl(env),
    version: formatVersion(plan.version),
    tag: plan.tag,
    previousTag: plan.previous?.tag,
    date: new Date(now).toISOString().slice(0, 10)
  });
}
function updateVersionFiles(cwd, version) {
  const changed = [];
  for (const file of ["package.json", "package-lock.json"]) {
    const path = join(cwd, file);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, "utf8");
    const json = JSON.parse(text);
    json.version = version;
    if (json.packages?.[""]) json.packages[""].version = version;
    const indent = /^\{\n([ \t]+)"/.exec(text)?.[1] ?? "  ";
    writeFileSync(path, `${JSON.stringify(json, null, indent)}${text.endsWith("\n") ? "\n" : ""}`);
    changed.push(file);
  }
  if (!changed.includes("package.json"))
    throw new ConfigurationError("Input 'update-files': there is no package.json in the workspace");
  return changed;
}
function pushedUpToDate(porcelain, tag) {
  return porcelain.split("\n").some((line2) => line2.startsWith("=	") && line2.includes(`refs/tags/${tag}`));
}
function writeOutputs(deps, plan, rest) {
  const tagged = plan && plan.kind !== "nothing" ? plan : void 0;
  const values = {
    version: tagged ? formatVersion(tagged.version) : "",
    tag: tagged?.tag ?? "",
    "previous-version": plan?.previous ? formatVersion(plan.previous.version) : "",
    "previous-tag": plan?.previous?.tag ?? "",
    bump: rest.bump ?? "none",
    changelog: rest.changelog ?? "",
    "release-url": rest.releaseUrl ?? "",
    created: rest.created
  };
  for (const [name, value] of Object.entries(values)) deps.setOutput(name, value);
}
async function run(inputs, deps) {
  const { logger, env } = deps;
  const git = new Git(deps.exec, deps.cwd, env, deps.signal);
  if (!await git.isRepository())
    throw new ConfigurationError(
      `${deps.cwd} is not a git repository: run actions/checkout (fetch-depth: 0) first`
    );
  const sha = await git.commitOf(inputs.sha);
  if (!sha) throw new ConfigurationError(`Input 'sha': ${inputs.sha} is not a commit in this repository`);
  const callsApi = !inputs["dry-run"] && (inputs["create-release"] || inputs["dispatch-workflow"] !== void 0);
  const api = inputs["github-token"] && callsApi ? {
    apiUrl: inputs["github-api-url"].href,
    token: inputs["github-token"],
    repository: runRepository(env, "create-release and dispatch-workflow"),
    fetch: deps.fetch
  } : void 0;
  const branch = inputs.branch;
  const channel = branch ? inputs["prerelease-branches"].get(branch) : void 0;
  const releases = branch !== void 0 && (channel !== void 0 || inputs["release-branches"].includes(branch));
  const summary = new Summary();
  const none = (reason, plan2) => {
    logger.info(`No release: ${reason}`);
    writeOutputs(deps, plan2, { created: false });
    deps.writeSummary(summary.heading("version-tag: no release").paragraph(reason));
    return { created: false };
  };
  if (!releases)
    return none(
      branch === void 0 ? "no branch (set 'branch' when the workflow does not run on one)" : `branch ${branch} is neither in release-branches nor in prerelease-branches`
    );
  const request = {
    sha,
    prefix: inputs["tag-prefix"],
    initialVersion: inputs["initial-version"],
    channel,
    bump: inputs.bump,
    zeroMajorBumps: inputs["zero-major-bumps"],
    mergeCommits: inputs["merge-commits"]
  };
  await git.fetchTags(inputs.remote);
  let plan = await planRelease(git, request);
  if (plan.kind === "nothing") return none(plan.reason, plan);
  if (plan.kind === "already-tagged") {
    logger.info(`${sha.slice(0, 12)} is already released as ${plan.tag}: nothing to do`);
    writeOutputs(deps, plan, { created: false });
    deps.writeSummary(summary.heading(`version-tag: ${plan.tag} (already tagged)`));
    return { created: false, version: formatVersion(plan.version), tag: plan.tag };
  }
  let tagSha = sha;
  let created = false;
  if (inputs["dry-run"]) {
    logger.info(`Dry run: would tag ${plan.tag} on ${sha.slice(0, 12)} (${plan.bump}: ${plan.reason})`);
  } else {
    for (let attempt = 1; ; attempt += 1) {
      const version2 = formatVersion(plan.version);
      if (await assertTagFree(git, inputs.remote, plan.tag, tagSha)) {
        logger.info(`${plan.tag} already points at ${tagSha.slice(0, 12)}: nothing to push`);
        break;
      }
      if (inputs["update-files"] && tagSha === sha) {
        if (!branch)
          throw new ConfigurationError("update-files needs 'branch' to push the version commit to");
        const files = updateVersionFiles(deps.cwd, version2);
        tagSha = await git.commitFiles(files, `chore(release): ${version2}
`, sha);
        const pushed2 = await git.push(inputs.remote, [`${tagSha}:refs/heads/${branch}`]);
        if (pushed2.code !== 0)
          throw new ActionFailedError(
            `Pushing the version commit to ${branch} failed (the branch moved on?): ${pushed2.stderr.trim()}`
          );
        logger.info(`Committed ${files.join(", ")} at ${version2} as ${tagSha.slice(0, 12)} on ${branch}`);
      }
      const message = `${plan.tag}

${changelogOf(plan, env, deps.clock.now())}`;
      await git.createAnnotatedTag(plan.tag, tagSha, message);
      const pushed = await git.push(inputs.remote, [`refs/tags/${plan.tag}:refs/tags/${plan.tag}`]);
      if (pushed.code === 0) {
        created = !pushedUpToDate(pushed.stdout, plan.tag);
        logger.info(
          created ? `Tagged ${tagSha.slice(0, 12)} as ${plan.tag} and pushed it to ${inputs.remote}` : `Another run pushed the identical ${plan.tag}: nothing more to do`
        );
        break;
      }
      await git.deleteLocalTag(plan.tag);
      await git.fetchTags(inputs.remote);
      if (await git.remoteTagCommit(inputs.remote, plan.tag) === tagSha) {
        logger.info(`Another run pushed ${plan.tag} on the same commit: nothing more to do`);
        break;
      }
      if (attempt === 2)
        throw new ActionFailedError(
          `Pushing ${plan.tag} failed twice (another release raced this one): ${pushed.stderr.trim()}; re-run the job`
        );
      logger.warning(
        `Pushing ${plan.tag} was rejected (${pushed.stderr.trim()}); recomputing with the new tags`
      );
      const again = await planRelease(git, request);
      if (again.kind !== "release") {
        return again.kind === "already-tagged" ? { created: false, version: formatVersion(again.version), tag: again.tag } : none(again.reason, again);
      }
      plan = again;
    }
  }
  const version = formatVersion(plan.version);
  const prerelease = plan.version.pre.length > 0;
  const changelog = changelogOf(plan, env, deps.clock.now());
  if (!inputs["dry-run"] && !prerelease && (inputs["update-major-tag"] || inputs["update-minor-tag"])) {
    const moving = [`${inputs["tag-prefix"]}${plan.version.major}`];
    if (inputs["update-minor-tag"])
      moving.push(`${inputs["tag-prefix"]}${plan.version.major}.${plan.version.minor}`);
    if (!inputs["update-major-tag"]) moving.shift();
    for (const tag of moving) await git.forceTag(tag, tagSha, `${tag} \u2192 ${plan.tag}
`);
    const pushed = await git.push(
      inputs.remote,
      moving.map((t) => `+refs/tags/${t}:refs/tags/${t}`)
    );
    if (pushed.code !== 0)
      throw new ActionFailedError(`Moving ${moving.join(", ")} failed: ${pushed.stderr.trim()}`);
    logger.info(`Moved ${moving.join(", ")} to ${plan.tag}`);
  }
  let releaseUrl = "";
  if (inputs["create-release"] && api) {
    const release = await createRelease(api, { tag: plan.tag, name: plan.tag, body: changelog, prerelease });
    releaseUrl = release.url;
    logger.info(`${release.created ? "Created" : "Found"} the release ${releaseUrl}`);
  }
  if (inputs["dispatch-workflow"] && api) {
    await dispatchWorkflow(api, inputs["dispatch-workflow"], plan.tag, { version });
    logger.info(`Dispatched ${inputs["dispatch-workflow"]} at ${plan.tag} (input version=${version})`);
  }
  writeOutputs(deps, plan, { bump: plan.bump, changelog, releaseUrl, created });
  summary.heading(
    `version-tag: ${plan.tag}${inputs["dry-run"] ? " (dry run: nothing changed)" : created ? "" : " (already there)"}`
  ).table(
    ["version", "previous", "bump", "decided by", "commit"],
    [[version, plan.previous?.tag ?? "(first release)", plan.bump, plan.reason, tagSha.slice(0, 12)]]
  ).paragraph(changelog);
  deps.writeSummary(summary);
  return { created, version, tag: plan.tag, releaseUrl };
}
var versionTag = {
  name: "version-tag",
  readInputs,
  run: async (inputs, ctx) => {
    await run(inputs, {
      ...ctx,
      exec: localExec,
      fetch: proxiedFetch(),
      cwd: ctx.env.GITHUB_WORKSPACE ?? process.cwd()
    });
  }
};
export {
  pushedUpToDate,
  run,
  updateVersionFiles,
  versionTag
};
//# sourceMappingURL=main.js.map
