import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  commandLine
} from "./chunk-V3BPVXA7.js";
import {
  createHash,
  createHmac
} from "./chunk-4FENUKYM.js";
import {
  StringDecoder
} from "./chunk-33M3YSFO.js";
import {
  CancelledError,
  ConfigurationError,
  messages,
  throwIfCancelled
} from "./chunk-4YTAKGCH.js";

// packages/ssh/src/target.ts
var TARGET_FORM = "[user@]host[:port] with a host name, IPv4 address or [IPv6] address";
var USER = /^[a-z_][a-z0-9_.-]{0,31}$/i;
var HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
var IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
var IPV6 = /^[0-9A-Fa-f:.]+$/;
function isValidUser(user) {
  return USER.test(user);
}
function parseTarget(input, text, defaults) {
  const fail = () => {
    throw new ConfigurationError(messages.invalidInput(input, TARGET_FORM, text));
  };
  const match = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:@[\]]+)(?::(\d{1,5}))?$/.exec(text);
  if (!match) return fail();
  const [, user = defaults.user, rawHost = "", rawPort] = match;
  const bracketed = rawHost.startsWith("[");
  const host = bracketed ? rawHost.slice(1, -1) : rawHost;
  if (!isValidUser(user)) return fail();
  if (bracketed ? !(IPV6.test(host) && host.includes(":")) : !(HOSTNAME.test(host) || IPV4.test(host)))
    return fail();
  const port = rawPort === void 0 ? defaults.port : Number(rawPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return fail();
  return { user, host, port };
}
function formatTarget(target) {
  const host = target.host.includes(":") ? `[${target.host}]` : target.host;
  return `${target.user}@${host}:${target.port}`;
}

// packages/ssh/src/hostkeys.ts
var ALGORITHMS_BY_TYPE = {
  "ssh-ed25519": ["ssh-ed25519"],
  "ecdsa-sha2-nistp256": ["ecdsa-sha2-nistp256"],
  "ecdsa-sha2-nistp384": ["ecdsa-sha2-nistp384"],
  "ecdsa-sha2-nistp521": ["ecdsa-sha2-nistp521"],
  "ssh-rsa": ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"]
};
var TYPE_ALIASES = {
  ED25519: "ssh-ed25519",
  ECDSA: "ecdsa-sha2-nistp256",
  RSA: "ssh-rsa"
};
var FINGERPRINT_FORM = "SHA256:<43 base64 characters>, optionally with its key type ('ssh-ed25519 SHA256:\u2026' or 'SHA256:\u2026 (ED25519)'), one line per host as 'host=SHA256:\u2026' (or 'host:port=\u2026') when there are several";
function fingerprintOf(key) {
  return `SHA256:${createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`;
}
function keyTypeOf(key) {
  if (key.length < 4) return "unknown";
  const length = key.readUInt32BE(0);
  return key.subarray(4, 4 + length).toString("latin1");
}
function algorithmsFor(types) {
  const result = /* @__PURE__ */ new Set();
  for (const type of types) for (const algorithm of ALGORITHMS_BY_TYPE[type] ?? [type]) result.add(algorithm);
  return [...result];
}
function parseFingerprintPins(input, items) {
  return items.map((item) => {
    const named = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+)(?::(\d{1,5}))?=(.+)$/.exec(item.trim());
    const [, name = "", port, namedPin = ""] = named ?? [];
    const host = named ? { name: name.replace(/^\[|\]$/g, ""), ...port ? { port: Number(port) } : {} } : void 0;
    const pin = named ? namedPin : item;
    const match = /^(?:([a-z0-9-]+@?[a-z0-9.-]*)\s+)?(SHA256:[A-Za-z0-9+/]{43})=?(?:\s+\((\w+)\))?$/.exec(
      pin.trim()
    );
    if (!match) throw new ConfigurationError(messages.invalidInput(input, FINGERPRINT_FORM, item));
    const [, prefixType, fingerprint = "", suffixType] = match;
    const type = prefixType ?? (suffixType ? TYPE_ALIASES[suffixType.toUpperCase()] : void 0);
    if (prefixType && !ALGORITHMS_BY_TYPE[prefixType] || suffixType && !type) {
      throw new ConfigurationError(messages.invalidInput(input, FINGERPRINT_FORM, item));
    }
    return { fingerprint, type, ...host ? { host } : {} };
  });
}
function pinsFor(pins, host, port) {
  const named = pins.filter((p) => p.host && p.host.name === host && (p.host.port ?? port) === port);
  return named.length > 0 ? named : pins.filter((p) => !p.host);
}
function checkPinCoverage(input, pins, targets) {
  for (const pin of pins) {
    if (!pin.host) continue;
    const { name, port } = pin.host;
    if (!targets.some((t) => t.host === name && (port === void 0 || t.port === port)))
      throw new ConfigurationError(
        `Input '${input}' pins ${name}${port === void 0 ? "" : `:${port}`}, which is not one of 'hosts' or 'proxy-jump'`
      );
  }
  const unpinned = targets.filter((t) => pinsFor(pins, t.host, t.port).length === 0);
  if (unpinned.length > 0)
    throw new ConfigurationError(
      `Input '${input}' has no pin for ${unpinned.map((t) => `${t.host}:${t.port}`).join(", ")}: add a line 'host=SHA256:\u2026' for each host`
    );
  const bareUsers = targets.filter((t) => pinsFor(pins, t.host, t.port).every((p) => !p.host));
  if (bareUsers.length > 1)
    return `'${input}': the same unnamed pins are accepted for ${bareUsers.length} hosts (${bareUsers.map((t) => t.host).join(", ")}), so one host's key would be accepted for another; pin each host as 'host=SHA256:\u2026'`;
  return void 0;
}
var KNOWN_HOSTS_FORM = "known_hosts lines: [@revoked] host[,host\u2026] key-type base64-key";
function parseKnownHosts(input, text) {
  const entries = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const fields = line.split(/\s+/);
    let revoked = false;
    if (fields[0] === "@revoked") {
      revoked = true;
      fields.shift();
    } else if (fields[0]?.startsWith("@")) {
      throw new ConfigurationError(
        messages.invalidInput(input, `${KNOWN_HOSTS_FORM} (${fields[0]} is not supported)`, line)
      );
    }
    const [hosts, type, base64] = fields;
    const key = base64 && /^[A-Za-z0-9+/]+=*$/.test(base64) ? Buffer.from(base64, "base64") : void 0;
    if (!hosts || !type || !key || keyTypeOf(key) !== type) {
      throw new ConfigurationError(messages.invalidInput(input, KNOWN_HOSTS_FORM, line));
    }
    entries.push({ hosts: hosts.split(","), type, key, revoked });
  }
  return entries;
}
function patternMatches(pattern, name) {
  if (pattern.startsWith("|1|")) {
    const [, , salt, hash] = pattern.split("|");
    if (!salt || !hash) return false;
    return createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest("base64") === hash;
  }
  if (!/[*?]/.test(pattern)) return pattern === name;
  const regex = new RegExp(
    `^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`
  );
  return regex.test(name);
}
function knownHostNames(host, port) {
  return port === 22 ? [host] : [`[${host}]:${port}`];
}
function knownHostsFor(entries, host, port) {
  const names = knownHostNames(host, port);
  return entries.filter((entry) => {
    const negated = entry.hosts.some(
      (p) => p.startsWith("!") && names.some((n) => patternMatches(p.slice(1), n))
    );
    return !negated && entry.hosts.some((p) => !p.startsWith("!") && names.some((n) => patternMatches(p, n)));
  });
}
function hostKeyCheck(policy, host, port) {
  const describe = (key) => ({ fingerprint: fingerprintOf(key), type: keyTypeOf(key) });
  switch (policy.kind) {
    case "insecure":
      return { verify: (key) => ({ ok: true, ...describe(key) }) };
    case "fingerprints": {
      const pins = pinsFor(policy.pins, host, port);
      const types = pins.flatMap((p) => p.type === void 0 ? [] : [p.type]);
      return {
        algorithms: types.length === pins.length && pins.length > 0 ? algorithmsFor(types) : void 0,
        verify: (key) => {
          const seen = describe(key);
          const ok = pins.some(
            (p) => p.fingerprint === seen.fingerprint && (!p.type || p.type === seen.type)
          );
          return { ok, ...seen };
        }
      };
    }
    case "known-hosts": {
      const entries = knownHostsFor(policy.entries, host, port);
      const trusted = entries.filter((e) => !e.revoked);
      return {
        algorithms: trusted.length > 0 ? algorithmsFor(trusted.map((e) => e.type)) : ["ssh-ed25519"],
        verify: (key) => {
          const seen = describe(key);
          const revoked = entries.some((e) => e.revoked && e.key.equals(key));
          return { ok: !revoked && trusted.some((e) => e.key.equals(key)), ...seen };
        }
      };
    }
  }
}
var FALLBACK_KEY_TYPES = [
  "ssh-ed25519",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "ssh-rsa"
];

// packages/ssh/src/connection.ts
var SshError = class extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
  kind;
  name = "SshError";
};
var OUTPUT_LIMIT = 1024 * 1024;
var NETWORK_CODES = /* @__PURE__ */ new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN"
]);
var ssh2Module;
async function loadSsh2() {
  ssh2Module ??= import("./lib-CDT7W5RE.js").then((m) => m.default ?? m);
  return ssh2Module;
}
function classify(error) {
  if (error instanceof SshError) return error;
  if (error.level === "client-authentication") {
    return new SshError("auth", "authentication failed: the server accepted none of the offered credentials");
  }
  if (error.code && NETWORK_CODES.has(error.code))
    return new SshError("network", `${error.code}: ${error.message}`);
  if (/timed out/i.test(error.message)) return new SshError("timeout", error.message);
  if (error.level === "client-socket" || error.level === "client-timeout")
    return new SshError("network", error.message);
  return new SshError("protocol", error.message);
}
var SshConnection = class {
  constructor(client, target, hostKey, bastion) {
    this.client = client;
    this.target = target;
    this.hostKey = hostKey;
    this.bastion = bastion;
    client.on("close", () => {
      this.closed = true;
    });
  }
  client;
  target;
  hostKey;
  bastion;
  closed = false;
  get isClosed() {
    return this.closed;
  }
  /** Runs argv on the host: quoted at this one boundary, data on stdin, exit code and signal reported. */
  exec(argv, options = {}) {
    const command = commandLine(argv);
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new CancelledError());
        return;
      }
      let settled = false;
      let channel;
      const settle = (outcome) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        outcome();
      };
      const stop = (reason) => {
        if (channel) {
          try {
            channel.signal("KILL");
          } catch {
          }
          channel.close();
        }
        settle(() => reject(reason));
      };
      const timer = options.timeoutMs ? setTimeout(
        () => stop(new SshError("timeout", `remote command timed out after ${options.timeoutMs}ms`)),
        options.timeoutMs
      ) : void 0;
      const onAbort = () => stop(new CancelledError());
      options.signal?.addEventListener("abort", onAbort, { once: true });
      this.client.exec(command, (error, opened) => {
        if (error) {
          settle(() => reject(classify(error)));
          return;
        }
        channel = opened;
        if (settled) {
          opened.close();
          return;
        }
        let stdout = "";
        let stderr = "";
        const append = (current, text, limit) => {
          const next = current + text;
          return next.length > limit ? next.slice(next.length - limit) : next;
        };
        const decoders = { stdout: new StringDecoder("utf8"), stderr: new StringDecoder("utf8") };
        if (options.stdout) opened.pipe(options.stdout);
        else
          opened.on("data", (chunk) => {
            const text = decoders.stdout.write(chunk);
            stdout = append(stdout, text, options.stdoutLimit ?? OUTPUT_LIMIT);
            options.onOutput?.(text, "stdout");
          });
        opened.stderr.on("data", (chunk) => {
          const text = decoders.stderr.write(chunk);
          stderr = append(stderr, text, OUTPUT_LIMIT);
          options.onOutput?.(text, "stderr");
        });
        opened.on("close", (code, signalName) => {
          stdout += decoders.stdout.end();
          stderr += decoders.stderr.end();
          settle(() => {
            if (code === void 0 || code === null) {
              if (signalName) resolve({ code: null, signal: signalName, stdout, stderr });
              else reject(new SshError("network", "connection lost during a remote command"));
            } else resolve({ code, signal: signalName, stdout, stderr });
          });
        });
        const { stdin } = options;
        if (stdin === void 0) opened.end();
        else if (typeof stdin === "string" || Buffer.isBuffer(stdin)) opened.end(stdin);
        else {
          stdin.on("error", (e) => stop(e));
          stdin.pipe(opened);
        }
      });
    });
  }
  /** A TCP stream to host:port as seen from the server (probing a port only the host can reach). */
  forward(host, port) {
    return new Promise((resolve, reject) => {
      this.client.forwardOut("127.0.0.1", 0, host, port, (error, channel) => {
        if (error)
          reject(new SshError("network", `cannot open a tunnel to ${host}:${port}: ${error.message}`));
        else resolve(channel);
      });
    });
  }
  forwardSocket(path) {
    return new Promise((resolve, reject) => {
      this.client.openssh_forwardOutStreamLocal(path, (error, channel) => {
        if (error)
          reject(new SshError("network", `cannot open the socket ${path} on the host: ${error.message}`));
        else resolve(channel);
      });
    });
  }
  close() {
    this.closed = true;
    this.client.end();
    this.bastion?.close();
  }
};
function attempt(ssh2, options, algorithms, readyTimeoutMs, sock, bastion) {
  const { target, auth } = options;
  const check = hostKeyCheck(options.hostKeys, target.host, target.port);
  const offered = algorithms ?? check.algorithms;
  return new Promise((resolve) => {
    const client = new ssh2.Client();
    let seen;
    let rejectedKey = false;
    let settled = false;
    const settle = (result) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener("abort", onAbort);
      resolve(result);
    };
    const onAbort = () => {
      client.end();
      settle({ error: new SshError("cancelled", "cancelled") });
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    client.on("connect", () => client.setNoDelay(true));
    client.on("ready", () => {
      if (seen) settle({ connection: new SshConnection(client, target, seen, bastion), seen });
      else settle({ error: new SshError("host-key", "the server presented no host key") });
    });
    client.on("error", (error) => {
      client.end();
      if (rejectedKey) {
        settle({ error: new SshError("host-key", "host key rejected"), seen });
        return;
      }
      settle({ error: classify(error), seen });
    });
    client.on(
      "close",
      () => settle({ error: new SshError("network", "connection closed before it was ready"), seen })
    );
    const config = {
      host: target.host,
      port: target.port,
      username: target.user,
      readyTimeout: Math.max(1, Math.round(readyTimeoutMs)),
      keepaliveInterval: options.keepaliveIntervalMs ?? 1e4,
      keepaliveCountMax: options.keepaliveCountMax ?? 3,
      // Called after key exchange and before authentication: a wrong key never sees credentials.
      hostVerifier: (key) => {
        const verdict = check.verify(key);
        seen = { fingerprint: verdict.fingerprint, type: verdict.type };
        if (!verdict.ok) rejectedKey = true;
        return verdict.ok;
      },
      ...offered ? {
        algorithms: {
          serverHostKey: offered
        }
      } : {},
      ...sock ? { sock } : {},
      ...auth.privateKey ? { privateKey: auth.privateKey, passphrase: auth.passphrase } : {},
      ...auth.password ? { password: auth.password } : {},
      tryKeyboard: false
    };
    client.connect(config);
  });
}
async function connect(options) {
  const ssh2 = await loadSsh2();
  const { clock, logger } = options;
  const started = clock.now();
  const deadline = started + options.connectTimeoutMs;
  const random = options.random ?? Math.random;
  let bastion;
  if (options.proxyJump) {
    bastion = await connect({
      ...options,
      target: options.proxyJump.target,
      auth: options.proxyJump.auth,
      proxyJump: void 0
    });
  }
  const label = formatTarget(options.target);
  const untypedPins = options.hostKeys.kind === "fingerprints" && pinsFor(options.hostKeys.pins, options.target.host, options.target.port).some((p) => !p.type);
  let algorithms;
  const triedTypes = /* @__PURE__ */ new Set();
  let rejected;
  let lastError;
  let networkRetries = 0;
  for (let tries = 0; tries < 10; tries += 1) {
    throwIfCancelled(options.signal);
    const remaining = deadline - clock.now();
    if (remaining <= 0) break;
    const sock = bastion ? await bastion.forward(options.target.host, options.target.port) : void 0;
    const result = await attempt(ssh2, options, algorithms, remaining, sock, bastion);
    if (result.connection) {
      if (options.hostKeys.kind === "insecure") {
        logger.warning(
          `Host key of ${label} NOT verified (insecure-skip-host-key-check): it presented ${result.seen?.type ?? "?"} ${result.seen?.fingerprint ?? "?"}; pin it with host-fingerprint.`
        );
      }
      return result.connection;
    }
    const { error } = result;
    if (!error) break;
    if (error.kind === "cancelled") throw new CancelledError();
    if (error.kind === "host-key" && result.seen) {
      rejected = result.seen;
      triedTypes.add(result.seen.type);
    }
    const fallingBack = untypedPins && (error.kind === "host-key" || algorithms !== void 0) && error.kind !== "auth";
    const next = fallingBack ? FALLBACK_KEY_TYPES.find((t) => !triedTypes.has(t)) : void 0;
    if (next) {
      triedTypes.add(next);
      algorithms = algorithmsFor([next]);
      continue;
    }
    if (rejected) {
      bastion?.close();
      throw new SshError(
        "host-key",
        `Host key verification failed for ${label}: the server presented ${rejected.type} ${rejected.fingerprint}, which matches none of the pinned keys (host-fingerprint / known-hosts). No credentials were sent.`
      );
    }
    if (error.kind === "auth") {
      bastion?.close();
      throw new SshError(
        "auth",
        `Authentication to ${label} failed: the server accepted none of the offered credentials`
      );
    }
    lastError = error;
    if (error.kind !== "network" && error.kind !== "timeout") break;
    networkRetries += 1;
    if (networkRetries >= 4) break;
    const backoff = Math.min(deadline - clock.now(), 250 * 2 ** (networkRetries - 1) * (0.5 + random()));
    if (backoff <= 0) break;
    logger.debug(`SSH connect to ${label} failed (${error.message}); retrying in ${Math.round(backoff)}ms`);
    await clock.sleep(backoff, options.signal);
  }
  bastion?.close();
  throw new SshError(
    lastError?.kind === "timeout" ? "timeout" : "network",
    `Cannot connect to ${label} within ${Math.round(options.connectTimeoutMs / 1e3)}s: ${lastError?.message ?? "timed out"}`
  );
}

// packages/ssh/src/keys.ts
var keyMessages = {
  publicKey: () => "Input 'ssh-key' holds a public key; paste the private key instead (the file without .pub, beginning with '-----BEGIN OPENSSH PRIVATE KEY-----')",
  puttyKey: () => "Input 'ssh-key' is a PuTTY .ppk key, which is not supported; convert it with 'puttygen key.ppk -O private-openssh -o key' and paste the result",
  needsPassphrase: () => "Input 'ssh-key' is encrypted with a passphrase; set 'ssh-key-passphrase'",
  wrongPassphrase: () => "Input 'ssh-key-passphrase' does not decrypt 'ssh-key' (wrong passphrase)",
  unsupported: (length, firstLine) => `Input 'ssh-key' is not a private key in a supported format (OpenSSH, or PEM RSA/ECDSA/ED25519/PKCS#8); got a value of ${length} characters${/^-----BEGIN [A-Z0-9 ]+-----$/.test(firstLine) ? ` starting with '${firstLine}'` : ""}`,
  passphraseWithoutKey: () => "Input 'ssh-key-passphrase' is set but 'ssh-key' is not"
};
function normalizePrivateKey(text) {
  let value = text.trim();
  if (!value.includes("\n") && value.includes("\\n")) value = value.replace(/\\n/g, "\n");
  return value.split(/\r?\n|\r/).map((line) => line.trim()).filter((line, i, lines) => line !== "" || i > 0 && /^[A-Za-z-]+: /.test(lines[i - 1] ?? "")).join("\n") + "\n";
}
function checkPrivateKey(text, passphrase, parseKey) {
  const key = normalizePrivateKey(text);
  const firstLine = key.split("\n")[0] ?? "";
  if (/^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-\S+|sk-\S+)\s+AAAA/.test(firstLine) || /PUBLIC KEY-----$/.test(firstLine)) {
    throw new ConfigurationError(keyMessages.publicKey());
  }
  if (firstLine.startsWith("PuTTY-User-Key-File")) throw new ConfigurationError(keyMessages.puttyKey());
  const parsed = parseKey(key, passphrase);
  const result = Array.isArray(parsed) ? parsed[0] : parsed;
  if (result instanceof Error || result === void 0) {
    const message = result instanceof Error ? result.message : "";
    if (/no passphrase given/i.test(message)) throw new ConfigurationError(keyMessages.needsPassphrase());
    if (/passphrase/i.test(message)) throw new ConfigurationError(keyMessages.wrongPassphrase());
    throw new ConfigurationError(keyMessages.unsupported(text.length, firstLine));
  }
  if (typeof result === "object" && result !== null && "isPrivateKey" in result) {
    const isPrivate = result.isPrivateKey();
    if (!isPrivate) throw new ConfigurationError(keyMessages.publicKey());
  }
  return key;
}

// packages/ssh/src/inputs.ts
var sshMessages = {
  noHostKeyPolicy: () => "Set 'host-fingerprint' (SHA256:\u2026 from 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub' on the host) or 'known-hosts' (from 'ssh-keyscan -p <port> <host>'), or set 'insecure-skip-host-key-check: true' to connect to an unverified host",
  noCredentials: () => "Set 'ssh-key' (recommended) or 'password' to authenticate",
  bothHostKeyInputs: () => "Set either 'host-fingerprint' or 'known-hosts', not both"
};
function readSshConnectionInputs(read, options = {}) {
  const sshKey = read.string("ssh-key", { secret: true, raw: true });
  const passphrase = read.string("ssh-key-passphrase", { secret: true, raw: true });
  const password = read.string("password", { secret: true, raw: true });
  const user = read.string("user", { required: true, accepted: "a user name (letters, digits, _ . -)" });
  if (!isValidUser(user))
    throw new ConfigurationError(
      `Input 'user' must be a user name (letters, digits, _ . -), got ${JSON.stringify(user)}`
    );
  const port = read.requiredInt("port", { min: 1, max: 65535 });
  const hosts = read.list("hosts", { required: !options.optional, accepted: `one or more ${TARGET_FORM}` }).map((h) => parseTarget("hosts", h, { user, port }));
  const fingerprints = read.list("host-fingerprint");
  const knownHosts = read.string("known-hosts", { raw: true });
  const insecure = read.boolean("insecure-skip-host-key-check");
  const proxyJumpText = read.string("proxy-jump");
  const connectTimeout = read.requiredDuration("connect-timeout", { minMs: 1e3, maxMs: 6e5 });
  const pins = parseFingerprintPins("host-fingerprint", fingerprints);
  const entries = knownHosts ? parseKnownHosts("known-hosts", knownHosts) : [];
  if (pins.length > 0 && entries.length > 0) throw new ConfigurationError(sshMessages.bothHostKeyInputs());
  let hostKeys;
  if (pins.length > 0) hostKeys = { kind: "fingerprints", pins };
  else if (entries.length > 0) hostKeys = { kind: "known-hosts", entries };
  else if (insecure) hostKeys = { kind: "insecure" };
  else if (hosts.length === 0) hostKeys = { kind: "insecure" };
  else throw new ConfigurationError(sshMessages.noHostKeyPolicy());
  if (hosts.length === 0) return void 0;
  if (!sshKey && !password) throw new ConfigurationError(sshMessages.noCredentials());
  if (passphrase && !sshKey) throw new ConfigurationError(keyMessages.passphraseWithoutKey());
  const proxyJump = proxyJumpText ? parseTarget("proxy-jump", proxyJumpText, { user, port: 22 }) : void 0;
  const warnings = [];
  if (hostKeys.kind === "fingerprints") {
    const warning = checkPinCoverage("host-fingerprint", pins, [...hosts, ...proxyJump ? [proxyJump] : []]);
    if (warning) warnings.push(warning);
  }
  return {
    hosts,
    "ssh-key": sshKey,
    "ssh-key-passphrase": passphrase,
    password,
    hostKeys,
    "proxy-jump": proxyJump,
    "connect-timeout": connectTimeout,
    warnings
  };
}
async function prepareAuth(inputs) {
  if (!inputs["ssh-key"]) return { password: inputs.password };
  const { utils } = await loadSsh2();
  const key = checkPrivateKey(inputs["ssh-key"], inputs["ssh-key-passphrase"], utils.parseKey.bind(utils));
  return { privateKey: key, passphrase: inputs["ssh-key-passphrase"], password: inputs.password };
}
function sshConnector(inputs, ctx) {
  let prepared;
  const bastion = inputs["proxy-jump"];
  return async (target) => {
    if (!prepared) {
      prepared = prepareAuth(inputs);
      for (const warning of inputs.warnings) ctx.logger.warning(warning);
    }
    const auth = await prepared;
    return connect({
      target,
      auth,
      hostKeys: inputs.hostKeys,
      connectTimeoutMs: inputs["connect-timeout"],
      proxyJump: bastion ? { target: bastion, auth } : void 0,
      logger: ctx.logger,
      clock: ctx.clock,
      signal: ctx.signal
    });
  };
}

export {
  parseTarget,
  formatTarget,
  SshError,
  readSshConnectionInputs,
  sshConnector
};
//# sourceMappingURL=chunk-HK3VMSLK.js.map
