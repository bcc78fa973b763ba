// Where the page connects comes from configuration, never from code: config.json next to the
// page (the local runtime generates it), overridden by the server settings the user saved, which
// are overridden by the query string (?ws=…&tokenUrl=…). The page works from any static host.
// Timings can be tuned the same way (?pingMs=…&reconnectAfterMs=…&backoffMs=…&quietResyncMs=…, or
// config.json's pingIntervalMs, reconnectAfterMs, backoffBaseMs, quietResyncMs).

import { DEFAULTS } from './connection.js';

/**
 * How long an unfinished job may stay silent before the page resumes it again: a push that ran out
 * of retries shows as a jump in seq only when a later event arrives, and a lost final event has
 * none after it.
 */
export const QUIET_RESYNC_MS = 60_000;

function positive(value) {
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number : null;
}

/**
 * Resolves the configuration. Returns {webSocketUrl, tokenUrl, stage, sources, problem, timing}:
 * sources names where each URL came from; problem says why config.json was not used, if it was not.
 */
export async function loadConfig({ search = location.search, saved = null, base = document.baseURI } = {}) {
  let file = null;
  let problem = null;
  try {
    const response = await fetch(new URL('config.json', base), { cache: 'no-store' });
    if (response.ok) {
      file = await response.json();
    } else {
      problem = `config.json answered HTTP ${response.status}`;
    }
  } catch (e) {
    problem = `config.json could not be read (${e.message})`;
  }
  const query = new URLSearchParams(search);
  const sources = {};
  const pick = (key, queryName) => {
    const candidates = [
      ['query', query.get(queryName)],
      ['saved', saved?.[key]],
      ['config.json', file?.[key]],
    ];
    for (const [source, value] of candidates) {
      if (typeof value === 'string' && value.trim() !== '') {
        sources[key] = source;
        return value.trim();
      }
    }
    sources[key] = null;
    return null;
  };
  const webSocketUrl = pick('webSocketUrl', 'ws');
  const tokenUrl = pick('tokenUrl', 'tokenUrl');
  return {
    webSocketUrl,
    tokenUrl: tokenUrl ? new URL(tokenUrl, base).toString() : null,
    stage: file?.stage ?? null,
    sources,
    problem,
    fileValues: file ? { webSocketUrl: file.webSocketUrl ?? null, tokenUrl: file.tokenUrl ?? null } : null,
    timing: {
      pingIntervalMs: positive(query.get('pingMs')) ?? positive(file?.pingIntervalMs) ?? DEFAULTS.pingIntervalMs,
      reconnectAfterMs: positive(query.get('reconnectAfterMs')) ?? positive(file?.reconnectAfterMs)
        ?? DEFAULTS.reconnectAfterMs,
      backoffBaseMs: positive(query.get('backoffMs')) ?? positive(file?.backoffBaseMs) ?? DEFAULTS.backoffBaseMs,
      quietResyncMs: positive(query.get('quietResyncMs')) ?? positive(file?.quietResyncMs) ?? QUIET_RESYNC_MS,
    },
  };
}

/** Why a WebSocket URL cannot work from this page, or null. */
export function checkWebSocketUrl(value, pageProtocol = location.protocol) {
  let url;
  try {
    url = new URL(value);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return 'must start with ws:// or wss://';
  }
  if (pageProtocol === 'https:' && url.protocol === 'ws:') {
    return 'a page served over https can only open wss:// sockets';
  }
  return null;
}
