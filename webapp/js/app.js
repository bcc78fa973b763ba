// Wires configuration, the connection, the job model, storage and the page together.

import { checkWebSocketUrl, loadConfig } from './config.js';
import { Connection, readToken } from './connection.js';
import { isJobEvent, isTerminalStatus, JobBook } from './jobs.js';
import { findJobType, JOB_TYPES, parseInput, validTypeName } from './jobtypes.js';
import {
  loadJobs, loadPendingSubmits, loadSettings, saveJobs, savePendingSubmits, saveSettings,
} from './store.js';
import {
  $, announce, createJobElement, logApplied, logFrame, renderConnection, renderElapsed, renderJob,
} from './ui.js';

const MAX_RESUME_JOBS = 100;
const RESUME_RETRY_MS = 2_000;
const CUSTOM_TYPE = '';
const DEV_TOKEN_RENEWAL_INTERVAL_MS = 60_000;

const app = {
  config: null,
  settings: loadSettings(),
  token: null,
  userId: null,
  book: new JobBook(),
  elements: new Map(),
  connection: null,
  // Requests sent on the current socket and not answered yet, by requestId.
  requests: new Map(),
  // Submits not yet accepted; stored, and sent again with the same idempotency key after a reconnect.
  pendingSubmits: [],
  // Jobs with a resume in flight, and the afterSeq each was resumed from.
  resuming: new Map(),
  lastResumeFrom: new Map(),
  counters: { opens: 0, resumesSent: 0, resumedReceived: 0, duplicatesDropped: 0, quietResyncs: 0 },
  // When the page last heard anything about each job (an event, a resume reply, a status).
  lastHeard: new Map(),
  saveTimer: null,
  lastRenewalAt: 0,
  requestCounter: 0,
};

function newRequestId(kind) {
  app.requestCounter++;
  return `${kind}-${app.requestCounter}-${randomHex(4)}`;
}

function randomHex(bytes) {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return [...values].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function newIdempotencyKey() {
  // randomUUID needs a secure context; a page on a plain-http LAN address is not one.
  return typeof crypto.randomUUID === 'function' && window.isSecureContext ? crypto.randomUUID() : randomHex(16);
}

function showNotice(text) {
  const notice = $('#notice');
  notice.textContent = text ?? '';
  notice.hidden = !text;
}

function send(message, request) {
  const connection = app.connection;
  if (!connection?.send(message)) {
    return false;
  }
  if (request) {
    app.requests.set(message.requestId, request);
  }
  logFrame('→', message);
  return true;
}

// Rendering

function renderConnectionState() {
  const state = app.connection?.state ?? { name: 'idle', reason: app.token ? null : 'enter a token', retryAt: null };
  renderConnection(state, app.userId, { ...app.counters, canRetry: Boolean(app.connection) });
}

function connected() {
  return Boolean(app.connection?.connected);
}

function render(job) {
  let item = app.elements.get(job.jobId);
  if (!item) {
    item = createJobElement(job);
    app.elements.set(job.jobId, item);
    $('#jobs').prepend(item);
  }
  renderJob(item, job, { connected: connected() });
  $('#no-jobs').hidden = app.book.jobs.size > 0;
}

function renderAllJobs() {
  const list = $('#jobs');
  list.replaceChildren();
  app.elements.clear();
  for (const job of app.book.all()) {
    const item = createJobElement(job);
    app.elements.set(job.jobId, item);
    list.append(item);
    renderJob(item, job, { connected: connected() });
  }
  $('#no-jobs').hidden = app.book.jobs.size > 0;
}

function refreshJobs() {
  for (const job of app.book.all()) {
    render(job);
  }
}

function tick() {
  if (app.connection?.state.name === 'reconnecting') {
    renderConnectionState();
  }
  const now = Date.now();
  for (const job of app.book.all()) {
    if (!job.finished) {
      const item = app.elements.get(job.jobId);
      if (item) {
        renderElapsed(item, job, now);
      }
    }
  }
  resyncQuietJobs(now);
}

/**
 * Resumes the unfinished jobs nothing has been heard of for quietResyncMs. The replay is empty when
 * nothing was missed; otherwise it brings the events whose pushes were lost, the final one
 * included, which no later event would have revealed as a jump in seq.
 */
function resyncQuietJobs(now) {
  if (app.connection?.state.name !== 'connected' || !app.config) {
    return;
  }
  const quiet = [];
  for (const job of app.book.all()) {
    if (job.settled || job.notFound || app.resuming.has(job.jobId)) {
      continue;
    }
    const heard = app.lastHeard.get(job.jobId);
    if (heard === undefined) {
      app.lastHeard.set(job.jobId, now);
    } else if (now - heard >= app.config.timing.quietResyncMs) {
      app.lastHeard.set(job.jobId, now);
      quiet.push({ jobId: job.jobId, afterSeq: job.unbrokenSeq });
    }
  }
  if (quiet.length > 0) {
    app.counters.quietResyncs += quiet.length;
    resume(quiet);
  }
}

// Storage

function scheduleSave() {
  if (app.saveTimer === null) {
    app.saveTimer = setTimeout(saveNow, 100);
  }
}

function saveNow() {
  clearTimeout(app.saveTimer);
  app.saveTimer = null;
  if (!app.userId) {
    return;
  }
  const dropped = saveJobs(app.userId, app.book.toRecords());
  if (dropped < 0) {
    showNotice('This browser would not store the jobs (storage full or disabled): a reload will forget them.');
  } else if (dropped > 0) {
    showNotice(`Storage is full: the ${dropped} oldest finished jobs were forgotten.`);
  }
  savePendingSubmits(app.userId, app.pendingSubmits);
}

// Token and connection

function useToken(token) {
  const claims = readToken(token);
  if (app.connection) {
    app.connection.stop();
    app.connection = null;
  }
  saveNow();
  app.token = token;
  app.userId = claims?.userId ?? 'unknown-user';
  app.settings = { ...app.settings, token };
  saveSettings(app.settings);
  $('#token').value = token;

  app.book = new JobBook(loadJobs(app.userId));
  app.pendingSubmits = loadPendingSubmits(app.userId);
  app.requests.clear();
  app.resuming.clear();
  app.lastResumeFrom.clear();
  $('#applied-events').replaceChildren();
  for (const job of app.book.all()) {
    for (const event of job.sortedEvents) {
      logApplied(job.jobId, event.seq, 'stored');
    }
  }
  renderAllJobs();

  const expires = claims?.expiresAt ? new Date(claims.expiresAt) : null;
  $('#token-status').textContent = claims
    ? `Token for ${app.userId}${expires ? `, valid until ${expires.toLocaleString()}` : ''}.`
    : 'This token cannot be read as a JWT; the server will decide.';

  const url = app.config.webSocketUrl;
  const problem = url ? checkWebSocketUrl(url) : 'no WebSocket URL is configured';
  if (problem) {
    showNotice(`Cannot connect: ${problem}. Set the WebSocket URL under Server settings.`);
    $('#settings').open = true;
    renderConnectionState();
    return;
  }
  showNotice(null);
  const connection = new Connection({ url, token, options: app.config.timing });
  app.connection = connection;
  connection.addEventListener('state', (event) => onState(connection, event.detail));
  connection.addEventListener('open', () => onOpen(connection));
  connection.addEventListener('close', (event) => onClose(connection, event.detail));
  connection.addEventListener('frame', (event) => onFrame(connection, event.detail));
  connection.addEventListener('garbage', (event) => logFrame('←', event.detail));
  connection.start();
}

function forgetToken() {
  if (app.connection) {
    app.connection.stop();
    app.connection = null;
  }
  saveNow();
  app.token = null;
  app.userId = null;
  app.book = new JobBook();
  app.pendingSubmits = [];
  app.settings = { ...app.settings, token: null };
  saveSettings(app.settings);
  $('#token').value = '';
  $('#token-status').textContent = 'Token forgotten. The jobs stay stored in this browser for when you return.';
  renderAllJobs();
  renderConnectionState();
}

let lastStateName = null;

function onState(connection, state) {
  if (connection !== app.connection) {
    return;
  }
  renderConnectionState();
  const expired = state.name === 'offline' && (readToken(app.token)?.expiresAt ?? Infinity) <= Date.now();
  if (expired || (state.name === 'reconnecting' && connection.handshakeFailures >= 2)) {
    renewDevToken(connection);
  }
  if (state.name !== lastStateName) {
    lastStateName = state.name;
    const spoken = {
      connecting: 'Connecting',
      connected: 'Connected',
      reconnecting: 'Connection lost, reconnecting',
      offline: `Offline: ${state.reason}`,
    }[state.name];
    if (spoken) {
      announce(spoken);
    }
  }
}

function onOpen(connection) {
  if (connection !== app.connection) {
    return;
  }
  app.counters.opens++;
  app.requests.clear();
  app.resuming.clear();
  resume(app.book.resumePositions());
  for (const pending of app.pendingSubmits) {
    sendSubmit(pending);
  }
  renderConnectionState();
  refreshJobs();
}

function onClose(connection, { code, reason }) {
  if (connection !== app.connection) {
    return;
  }
  logFrame('✕', `connection closed with code ${code}${reason ? ` (${reason})` : ''}`);
  // Replies to requests on the old socket will never come; the next open resumes from scratch.
  app.requests.clear();
  app.resuming.clear();
  refreshJobs();
}

function resume(positions) {
  for (let i = 0; i < positions.length; i += MAX_RESUME_JOBS) {
    const chunk = positions.slice(i, i + MAX_RESUME_JOBS);
    const requestId = newRequestId('resume');
    if (!send({ action: 'resume', requestId, jobs: chunk }, { kind: 'resume', jobIds: chunk.map((p) => p.jobId) })) {
      return;
    }
    app.counters.resumesSent++;
    for (const position of chunk) {
      app.resuming.set(position.jobId, position.afterSeq);
      app.lastResumeFrom.set(position.jobId, position.afterSeq);
    }
  }
  renderConnectionState();
}

function requestStatus(jobId) {
  send({ action: 'status', requestId: newRequestId('status'), jobId }, { kind: 'status', jobId });
}

// Frames

function onFrame(connection, frame) {
  if (connection !== app.connection) {
    return;
  }
  logFrame('←', frame);
  if (isJobEvent(frame)) {
    onJobEvent(frame);
    return;
  }
  switch (frame?.type) {
    case 'accepted':
      onAccepted(frame);
      break;
    case 'gap':
      onGap(frame);
      break;
    case 'resumed':
      onResumed(frame);
      break;
    case 'status':
      onStatus(frame);
      break;
    case 'cancelling':
      onCancelling(frame);
      break;
    case 'error':
      onError(frame);
      break;
    default:
      // pong, and fields or frames this client does not know: nothing to do.
      break;
  }
}

function onJobEvent(frame) {
  app.lastHeard.set(frame.jobId, Date.now());
  let job = app.book.get(frame.jobId);
  if (!job) {
    // Submitted by another tab or device of the same user: events reach every connection.
    job = app.book.add({ jobId: frame.jobId });
    requestStatus(frame.jobId);
  }
  const before = job.view.status;
  if (!job.applyEvent(frame)) {
    app.counters.duplicatesDropped++;
    return;
  }
  logApplied(frame.jobId, frame.seq, app.resuming.has(frame.jobId) ? 'replay' : 'live');
  if (job.hasHole && !app.resuming.has(job.jobId)) {
    // A live event came more than one seq ahead: one was lost on the way; fetch it.
    resume([{ jobId: job.jobId, afterSeq: job.unbrokenSeq }]);
  }
  announceChange(job, before);
  render(job);
  scheduleSave();
}

function announceChange(job, before) {
  const view = job.view;
  if (view.status === before) {
    return;
  }
  const name = `${job.type ?? 'Job'} ${job.jobId}`;
  switch (view.status) {
    case 'RUNNING':
      announce(`${name} is running`);
      break;
    case 'SUCCEEDED':
      announce(`${name} succeeded`);
      break;
    case 'FAILED':
      announce(`${name} failed: ${view.error?.message ?? ''}`);
      break;
    case 'CANCELLED':
      announce(`${name} was cancelled`);
      break;
    default:
      break;
  }
}

function onAccepted(frame) {
  const pending = app.pendingSubmits.find((p) => p.requestId === frame.requestId);
  app.pendingSubmits = app.pendingSubmits.filter((p) => p.requestId !== frame.requestId);
  app.requests.delete(frame.requestId);
  const known = app.book.get(frame.jobId);
  const job = app.book.add({
    jobId: frame.jobId,
    type: pending?.type ?? null,
    input: pending?.input ?? null,
    submittedAt: pending?.sentAt ?? Date.now(),
    acceptedStatus: frame.status ?? 'QUEUED',
  });
  if (frame.duplicate && !known) {
    // The first submit was accepted while this page was not listening: fetch what it missed.
    resume([{ jobId: job.jobId, afterSeq: job.unbrokenSeq }]);
  }
  const status = $('#submit-status');
  status.textContent = '';
  status.append(frame.duplicate ? 'Already accepted earlier: job ' : 'Accepted: job ');
  const code = document.createElement('code');
  code.id = 'accepted-job-id';
  code.textContent = frame.jobId;
  status.append(code);
  render(job);
  scheduleSave();
}

function onGap(frame) {
  const job = app.book.get(frame.jobId);
  if (!job || !Number.isInteger(frame.fromSeq) || !Number.isInteger(frame.toSeq)) {
    return;
  }
  job.applyGap(frame.fromSeq, frame.toSeq);
  // The expired events may have held the outcome; the job's row still has it.
  requestStatus(job.jobId);
  render(job);
  scheduleSave();
}

function onResumed(frame) {
  app.counters.resumedReceived++;
  app.requests.delete(frame.requestId);
  for (const position of frame.jobs ?? []) {
    const job = app.book.get(position.jobId);
    app.resuming.delete(position.jobId);
    app.lastHeard.set(position.jobId, Date.now());
    if (!job) {
      continue;
    }
    const from = job.unbrokenSeq;
    if (position.more || (job.hasHole && app.lastResumeFrom.get(job.jobId) !== from)) {
      resume([{ jobId: job.jobId, afterSeq: from }]);
    } else if (!job.settled && (isTerminalStatus(position.status) || job.hasHole)) {
      // The replay is complete yet the outcome is missing: the job's row tells it.
      requestStatus(job.jobId);
    }
    render(job);
  }
  renderConnectionState();
  scheduleSave();
}

function onStatus(frame) {
  const snapshot = frame.job;
  if (!snapshot?.jobId) {
    return;
  }
  app.requests.delete(frame.requestId);
  app.lastHeard.set(snapshot.jobId, Date.now());
  const job = app.book.get(snapshot.jobId) ?? app.book.add({ jobId: snapshot.jobId, type: snapshot.type });
  const before = job.view.status;
  job.applySnapshot(snapshot);
  if ((snapshot.lastSeq ?? 0) > job.unbrokenSeq && !app.resuming.has(job.jobId)
      && app.lastResumeFrom.get(job.jobId) !== job.unbrokenSeq) {
    resume([{ jobId: job.jobId, afterSeq: job.unbrokenSeq }]);
  }
  announceChange(job, before);
  render(job);
  scheduleSave();
}

function onCancelling(frame) {
  app.requests.delete(frame.requestId);
  const job = app.book.get(frame.jobId);
  if (!job) {
    return;
  }
  job.cancelRequested = true;
  job.problem = null;
  announce(`Cancelling ${job.type ?? 'job'} ${job.jobId}`);
  render(job);
  scheduleSave();
}

function onError(frame) {
  const request = frame.requestId ? app.requests.get(frame.requestId) : null;
  app.requests.delete(frame.requestId);
  const job = frame.jobId ? app.book.get(frame.jobId) : null;
  const pendingSubmit = app.pendingSubmits.find((p) => p.requestId === frame.requestId);

  if (pendingSubmit) {
    app.pendingSubmits = app.pendingSubmits.filter((p) => p !== pendingSubmit);
    if (frame.code === 'internal' && !frame.jobId) {
      // Safe to retry: the same idempotency key makes a second submit return the first job.
      app.pendingSubmits.push(pendingSubmit);
      setTimeout(() => sendSubmit(pendingSubmit), RESUME_RETRY_MS);
    }
    showSubmitError(`The server refused the job (${frame.code}): ${frame.message}`);
    scheduleSave();
    return;
  }
  if (request?.kind === 'resume') {
    for (const jobId of request.jobIds) {
      app.resuming.delete(jobId);
    }
    if (frame.code === 'rate_limited' || frame.code === 'internal') {
      setTimeout(() => resume(app.book.resumePositions()
        .filter((p) => request.jobIds.includes(p.jobId))), RESUME_RETRY_MS);
    }
  }
  if (job && frame.code === 'not_found') {
    job.notFound = true;
    app.resuming.delete(job.jobId);
  } else if (job && frame.code === 'payload_too_large' && !frame.requestId) {
    const seq = Number(/event (\d+)/.exec(frame.message ?? '')?.[1]);
    if (Number.isInteger(seq) && seq > 0) {
      job.oversized.add(seq);
    }
    requestStatus(job.jobId);
  } else if (job && request?.kind === 'cancel') {
    job.problem = `Cancel refused: ${frame.message}`;
    requestStatus(job.jobId);
  } else if (frame.code === 'unauthorized') {
    showNotice(`The server says the token is not valid: ${frame.message}`);
  } else if (!job) {
    showNotice(`Server error (${frame.code}): ${frame.message}`);
  }
  if (job) {
    render(job);
    scheduleSave();
  }
}

// Forms

function sendSubmit(pending) {
  const message = {
    action: 'submit',
    requestId: pending.requestId,
    type: pending.type,
    input: pending.input,
    idempotencyKey: pending.idempotencyKey,
  };
  return send(message, { kind: 'submit' });
}

function showSubmitError(text) {
  const error = $('#job-input-error');
  error.textContent = text;
  $('#submit-status').textContent = '';
}

function selectedType() {
  const select = $('#job-type');
  return select.value === CUSTOM_TYPE ? $('#custom-type').value.trim() : select.value;
}

function validateInput() {
  const textarea = $('#job-input');
  const result = parseInput(selectedType(), textarea.value);
  textarea.setAttribute('aria-invalid', result.error ? 'true' : 'false');
  $('#job-input-error').textContent = result.error ?? '';
  return result;
}

function onTypeChange() {
  const select = $('#job-type');
  const definition = findJobType(select.value);
  $('#custom-type-row').hidden = select.value !== CUSTOM_TYPE;
  $('#job-type-help').textContent = definition
    ? definition.description
    : 'Any job type the server knows; its input is sent as written.';
  $('#job-input').value = JSON.stringify(definition?.example ?? {}, null, 2);
  validateInput();
}

function onSubmit(event) {
  event.preventDefault();
  const type = selectedType();
  if (!validTypeName(type)) {
    showSubmitError('Enter a job type name: lower-case words joined by dots, such as my.job');
    $('#custom-type').focus();
    return;
  }
  const result = validateInput();
  if (result.error) {
    $('#job-input').focus();
    return;
  }
  if (!app.token) {
    showSubmitError('Get or enter a token first.');
    $('#token').focus();
    return;
  }
  const keyField = $('#idempotency-key');
  const pending = {
    requestId: newRequestId('submit'),
    type,
    input: result.input,
    idempotencyKey: keyField.value.trim() || newIdempotencyKey(),
    sentAt: Date.now(),
  };
  keyField.value = '';
  app.pendingSubmits.push(pending);
  saveNow();
  $('#submit-status').textContent = sendSubmit(pending)
    ? `Submitting ${type}…`
    : `Not connected: ${type} will be sent as soon as the connection is back.`;
}

async function fetchDevToken(user) {
  const url = new URL(app.config.tokenUrl);
  url.searchParams.set('user', user);
  const response = await fetch(url, { cache: 'no-store' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.message ? `${body.message} (HTTP ${response.status})` : `HTTP ${response.status}`);
  }
  if (typeof body.token !== 'string') {
    throw new Error('the answer has no token');
  }
  return body.token;
}

async function onDevToken(event) {
  event.preventDefault();
  const user = $('#dev-user').value.trim();
  const status = $('#token-status');
  // The server's rule for user ids: printable, no spaces, no '#'.
  if (!/^[^\s#\u0000-\u001f\u007f]{1,256}$/u.test(user)) {
    status.textContent = 'A user name is 1–256 printable characters without spaces or #.';
    $('#dev-user').setAttribute('aria-invalid', 'true');
    $('#dev-user').focus();
    return;
  }
  $('#dev-user').setAttribute('aria-invalid', 'false');
  status.textContent = `Getting a development token for ${user}…`;
  try {
    const token = await fetchDevToken(user);
    app.settings = { ...app.settings, devUser: user, devTokenUser: user };
    useToken(token);
  } catch (e) {
    status.textContent = `Could not get a development token: ${e.message}. It is served by the local runtime only.`;
  }
}

/**
 * A development token stops working when it expires or when the local runtime restarts with a
 * new secret; the page then gets a fresh one for the same user. At most once a minute, so that a
 * handshake failing for another reason (a wrong URL) does not turn into a loop.
 */
async function renewDevToken(connection) {
  if (!app.config.tokenUrl || app.settings.devTokenUser !== app.userId
      || Date.now() - app.lastRenewalAt < DEV_TOKEN_RENEWAL_INTERVAL_MS) {
    return;
  }
  app.lastRenewalAt = Date.now();
  try {
    const token = await fetchDevToken(app.userId);
    if (connection === app.connection) {
      useToken(token);
    }
  } catch {
    // The connection's own state already tells the user what is wrong.
  }
}

function onTokenForm(event) {
  event.preventDefault();
  const token = $('#token').value.trim();
  if (!token) {
    $('#token-status').textContent = 'Paste a token, or get a development token.';
    $('#token').focus();
    return;
  }
  app.settings = { ...app.settings, devTokenUser: null };
  useToken(token);
}

async function onSettings(event) {
  event.preventDefault();
  const webSocketUrl = $('#ws-url').value.trim();
  const problem = checkWebSocketUrl(webSocketUrl);
  const error = $('#ws-url-error');
  $('#ws-url').setAttribute('aria-invalid', problem ? 'true' : 'false');
  error.textContent = problem ? `WebSocket URL: ${problem}` : '';
  if (problem) {
    $('#ws-url').focus();
    return;
  }
  app.settings = { ...app.settings, server: { webSocketUrl, tokenUrl: $('#token-url').value.trim() } };
  saveSettings(app.settings);
  await applyConfig();
}

async function onSettingsReset() {
  app.settings = { ...app.settings, server: null };
  saveSettings(app.settings);
  await applyConfig();
}

async function applyConfig() {
  app.config = await loadConfig({ saved: app.settings.server });
  const config = app.config;
  $('#ws-url').value = config.webSocketUrl ?? '';
  $('#token-url').value = config.tokenUrl ?? '';
  $('#dev-token-form').hidden = !config.tokenUrl;
  const from = (source) => ({ query: 'the page address', saved: 'your saved settings', 'config.json': 'config.json' })[source]
    ?? 'nowhere';
  $('#config-source').textContent = `WebSocket URL from ${from(config.sources.webSocketUrl)}`
    + `${config.problem ? `; ${config.problem}` : ''}${config.stage ? `; stage ${config.stage}` : ''}.`;
  if (!config.webSocketUrl) {
    $('#settings').open = true;
  }
  if (app.token) {
    useToken(app.token);
  }
}

function onJobsClick(event) {
  const button = event.target.closest('button');
  const item = event.target.closest('li.job');
  if (!button || !item) {
    return;
  }
  const job = app.book.get(item.dataset.jobId);
  if (!job) {
    return;
  }
  if (button.classList.contains('cancel')) {
    const requestId = newRequestId('cancel');
    if (!send({ action: 'cancel', requestId, jobId: job.jobId }, { kind: 'cancel', jobId: job.jobId })) {
      job.problem = 'Not connected: cancel again once the connection is back.';
    }
    render(job);
  } else if (button.classList.contains('remove')) {
    removeJobs([job]);
  }
}

function removeJobs(jobs) {
  for (const job of jobs) {
    app.book.remove(job.jobId);
    app.elements.get(job.jobId)?.remove();
    app.elements.delete(job.jobId);
  }
  $('#no-jobs').hidden = app.book.jobs.size > 0;
  // The removed element may have held the focus.
  $('#jobs-heading').focus();
  scheduleSave();
}

function setUpForms() {
  const select = $('#job-type');
  for (const definition of JOB_TYPES) {
    select.append(new Option(definition.type, definition.type));
  }
  select.append(new Option('other type…', CUSTOM_TYPE));
  select.addEventListener('change', onTypeChange);
  $('#custom-type').addEventListener('input', validateInput);
  $('#job-input').addEventListener('input', validateInput);
  $('#example-button').addEventListener('click', onTypeChange);
  $('#submit-form').addEventListener('submit', onSubmit);
  $('#dev-token-form').addEventListener('submit', onDevToken);
  $('#token-form').addEventListener('submit', onTokenForm);
  $('#forget-token').addEventListener('click', forgetToken);
  $('#settings-form').addEventListener('submit', onSettings);
  $('#settings-reset').addEventListener('click', onSettingsReset);
  $('#retry-now').addEventListener('click', () => app.connection?.retryNow());
  $('#jobs').addEventListener('click', onJobsClick);
  $('#clear-finished').addEventListener('click', () => removeJobs(app.book.all().filter((job) => job.finished)));
  if (app.settings.devUser) {
    $('#dev-user').value = app.settings.devUser;
  }
  onTypeChange();
}

async function start() {
  setUpForms();
  window.addEventListener('pagehide', saveNow);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      saveNow();
    }
  });
  setInterval(tick, 500);
  renderConnectionState();
  app.token = app.settings.token ?? null;
  await applyConfig();
  renderConnectionState();
  document.documentElement.dataset.ready = 'true';
}

start();
