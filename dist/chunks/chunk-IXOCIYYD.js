import { createRequire as __createRequire } from 'node:module';
var require = __createRequire(import.meta.url);
var __filename = require('node:url').fileURLToPath(import.meta.url);
var __dirname = require('node:path').dirname(__filename);
import {
  ActionFailedError,
  ConfigurationError,
  errorMessage
} from "./chunk-4YTAKGCH.js";

// packages/core/src/github-api.ts
var TIMEOUT_MS = 3e4;
function runRepository(env, needer) {
  const repository = env.GITHUB_REPOSITORY ?? "";
  if (!/^[A-Za-z0-9-]+\/(?!\.\.?$)[\w.-]+$/.test(repository))
    throw new ConfigurationError(
      `${needer} needs GITHUB_REPOSITORY (owner/repo), got ${JSON.stringify(repository)}`
    );
  return repository;
}
async function githubRequest(api, method, path, options = {}) {
  try {
    return await api.fetch(`${api.apiUrl.replace(/\/+$/, "")}${path}`, {
      method,
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${api.token}`,
        "x-github-api-version": "2022-11-28",
        "user-agent": "deploy-kit",
        ...options.body === void 0 ? {} : { "content-type": "application/json" }
      },
      body: options.body === void 0 ? void 0 : JSON.stringify(options.body),
      redirect: options.redirect ?? "follow",
      signal: AbortSignal.timeout(TIMEOUT_MS)
    });
  } catch (error) {
    throw new ActionFailedError(`GitHub API ${method} ${path} failed: ${errorMessage(error)}`);
  }
}
async function githubFailure(response, what, permission) {
  const text = await response.text().catch(() => "");
  let message = text.slice(0, 300);
  try {
    message = JSON.parse(text).message ?? message;
  } catch {
  }
  const hint = [401, 403, 404].includes(response.status) ? ` (does the token have ${permission}?)` : "";
  return new ActionFailedError(`${what}: HTTP ${response.status} ${message}${hint}`);
}

export {
  runRepository,
  githubRequest,
  githubFailure
};
//# sourceMappingURL=chunk-IXOCIYYD.js.map
