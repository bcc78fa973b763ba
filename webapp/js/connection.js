// One WebSocket to the jobwire API that stays up: automatic reconnect with exponential backoff
// and jitter, a keepalive below API Gateway's 10-minute idle timeout, and a planned reconnect
// before its 2-hour connection limit. Whoever listens for 'open' resumes the jobs.

export const DEFAULTS = Object.freeze({
  pingIntervalMs: 5 * 60_000,
  pongTimeoutMs: 30_000,
  reconnectAfterMs: 110 * 60_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 30_000,
  stableAfterMs: 10_000,
});

/**
 * Backoff before reconnect attempt n (0-based): half of the exponential step is fixed, half is
 * random ("equal jitter"), so a crowd of clients cut at once does not return at once, yet no
 * client hammers the server.
 */
export function backoffDelay(attempt, baseMs, maxMs, random = Math.random) {
  const step = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Reads sub and exp of a JWT without checking it (the server does that); null if unreadable. */
export function readToken(token) {
  try {
    const payload = token.split('.')[1];
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return {
      userId: typeof claims.sub === 'string' ? claims.sub : null,
      expiresAt: Number.isFinite(claims.exp) ? claims.exp * 1000 : null,
    };
  } catch {
    return null;
  }
}

/**
 * States, as the 'state' event's detail: {name, reason, retryAt, attempt}. name is one of
 * idle (no token), connecting, connected, reconnecting (retryAt says when), offline (the browser
 * has no network, or the token has expired: nothing to do until that changes).
 */
export class Connection extends EventTarget {
  constructor({ url, token, options = {} }) {
    super();
    this.url = url;
    this.token = token;
    this.options = { ...DEFAULTS, ...options };
    this.socket = null;
    this.stopped = true;
    this.attempt = 0;
    this.handshakeFailures = 0;
    this.opens = 0;
    this.timers = {};
    this.state = { name: 'idle', reason: null, retryAt: null, attempt: 0 };
    this.onOnline = () => this.retryNow();
    this.onOffline = () => {
      if (this.state.name !== 'connected') {
        this.clearTimer('retry');
        this.setState('offline', 'the browser is offline; reconnecting when the network returns');
      }
    };
  }

  start() {
    this.stopped = false;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.connect();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    for (const name of Object.keys(this.timers)) {
      this.clearTimer(name);
    }
    this.dropSocket(1000, 'client closed');
    this.setState('idle', null);
  }

  /** Sends a JSON message; false when there is no open socket (the caller keeps it for later). */
  send(message) {
    if (this.socket?.readyState !== WebSocket.OPEN) {
      return false;
    }
    this.socket.send(JSON.stringify(message));
    return true;
  }

  get connected() {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Skips the rest of the backoff wait. */
  retryNow() {
    if (this.stopped || this.state.name === 'connected' || this.state.name === 'connecting') {
      return;
    }
    this.clearTimer('retry');
    this.connect();
  }

  connect(reason = null) {
    if (this.stopped) {
      return;
    }
    const claims = readToken(this.token);
    if (claims?.expiresAt && claims.expiresAt <= Date.now()) {
      this.setState('offline', 'the token has expired; get a new token to reconnect');
      return;
    }
    if (navigator.onLine === false) {
      this.setState('offline', 'the browser is offline; reconnecting when the network returns');
      return;
    }
    let url;
    try {
      url = new URL(this.url);
      url.searchParams.set('token', this.token);
    } catch {
      this.setState('offline', `the WebSocket URL "${this.url}" is not valid`);
      return;
    }
    this.setState('connecting', reason);
    const socket = new WebSocket(url.toString());
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.opens++;
      this.handshakeFailures = 0;
      this.setState('connected', null);
      this.setTimer('stable', this.options.stableAfterMs, () => {
        this.attempt = 0;
      });
      this.setInterval('ping', this.options.pingIntervalMs, () => this.ping());
      this.setTimer('lifetime', this.options.reconnectAfterMs, () => this.plannedReconnect());
      this.dispatchEvent(new CustomEvent('open', { detail: { reconnect: this.opens > 1 } }));
    };
    socket.onmessage = (message) => {
      // Any frame proves the socket alive.
      this.clearTimer('pong');
      let frame;
      try {
        frame = JSON.parse(message.data);
      } catch {
        this.dispatchEvent(new CustomEvent('garbage', { detail: String(message.data) }));
        return;
      }
      this.dispatchEvent(new CustomEvent('frame', { detail: frame }));
    };
    socket.onclose = (close) => {
      if (this.socket !== socket) {
        return;
      }
      this.socket = null;
      if (!opened) {
        this.handshakeFailures++;
      }
      this.afterClose(close.code, close.reason);
    };
  }

  ping() {
    if (this.send({ action: 'ping' })) {
      this.setTimer('pong', this.options.pongTimeoutMs, () => {
        // A half-open socket never reports its death; give up on it ourselves.
        this.dropSocket(4000, 'no pong');
        this.afterClose(4000, 'no reply to ping');
      });
    }
  }

  plannedReconnect() {
    this.dropSocket(1000, 'planned reconnect');
    this.clearConnectionTimers();
    this.attempt = 0;
    this.connect('planned reconnect before the 2-hour connection limit');
  }

  afterClose(code, reason) {
    this.clearConnectionTimers();
    this.dispatchEvent(new CustomEvent('close', { detail: { code, reason } }));
    if (this.stopped) {
      return;
    }
    if (navigator.onLine === false) {
      this.setState('offline', 'the browser is offline; reconnecting when the network returns');
      return;
    }
    const delay = backoffDelay(this.attempt, this.options.backoffBaseMs, this.options.backoffMaxMs);
    this.attempt++;
    const why = this.handshakeFailures >= 3
      ? `the server refused ${this.handshakeFailures} connections in a row; the token may be invalid`
      : describeClose(code, reason);
    this.setState('reconnecting', why, Date.now() + delay);
    this.setTimer('retry', delay, () => this.connect());
  }

  dropSocket(code, reason) {
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null;
      try {
        socket.close(code, reason);
      } catch {
        // already closing
      }
    }
  }

  setState(name, reason, retryAt = null) {
    this.state = { name, reason, retryAt, attempt: this.attempt };
    this.dispatchEvent(new CustomEvent('state', { detail: this.state }));
  }

  clearConnectionTimers() {
    for (const name of ['stable', 'ping', 'pong', 'lifetime']) {
      this.clearTimer(name);
    }
  }

  setTimer(name, delay, action) {
    this.clearTimer(name);
    this.timers[name] = { id: setTimeout(() => {
      delete this.timers[name];
      action();
    }, delay), interval: false };
  }

  setInterval(name, delay, action) {
    this.clearTimer(name);
    this.timers[name] = { id: setInterval(action, delay), interval: true };
  }

  clearTimer(name) {
    const timer = this.timers[name];
    if (timer) {
      (timer.interval ? clearInterval : clearTimeout)(timer.id);
      delete this.timers[name];
    }
  }
}

function describeClose(code, reason) {
  switch (code) {
    case 1000:
      return reason ? `the server closed the connection (${reason})` : 'the server closed the connection';
    case 1001:
      return 'the server ended the connection (idle or at its time limit)';
    case 1006:
      return 'the connection was lost';
    case 1009:
      return 'a message was too large for the server';
    default:
      return `the connection closed (code ${code}${reason ? ', ' + reason : ''})`;
  }
}
