// Rendering only: takes the model and writes the DOM with textContent (never HTML from frames).

const STATUS_LABELS = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

const MAX_FRAME_LOG = 200;
const MAX_APPLIED_LOG = 20_000;

export function $(selector, root = document) {
  return root.querySelector(selector);
}

export function formatDuration(ms) {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 60) {
    return `${seconds.toFixed(1)} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${Math.floor(seconds % 60)} s`;
  }
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Announces a change to assistive technology once, politely. */
export function announce(text) {
  const region = $('#announcer');
  // Clearing first makes a repeated message be read again.
  region.textContent = '';
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

export function connectionText(state, userId, now = Date.now()) {
  switch (state.name) {
    case 'connecting':
      return state.reason ? `Connecting… (${state.reason})` : 'Connecting…';
    case 'connected':
      return userId ? `Connected as ${userId}` : 'Connected';
    case 'reconnecting': {
      const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
      return `Reconnecting in ${seconds} s (attempt ${state.attempt}): ${state.reason}`;
    }
    case 'offline':
      return `Offline: ${state.reason}`;
    default:
      return state.reason ? `Not connected: ${state.reason}` : 'Not connected: enter a token';
  }
}

export function renderConnection(state, userId, counters) {
  const box = $('#connection');
  box.dataset.state = state.name;
  box.dataset.opens = String(counters.opens);
  box.dataset.resumesSent = String(counters.resumesSent);
  box.dataset.resumedReceived = String(counters.resumedReceived);
  box.dataset.quietResyncs = String(counters.quietResyncs);
  $('#connection-text').textContent = connectionText(state, userId);
  $('#retry-now').hidden = !(state.name === 'reconnecting' || state.name === 'offline') || !counters.canRetry;
}

export function createJobElement(job) {
  const fragment = $('#job-template').content.cloneNode(true);
  const item = fragment.querySelector('li');
  item.dataset.jobId = job.jobId;
  const headingId = `job-${job.jobId}-title`;
  $('.job-title', item).id = headingId;
  $('article', item).setAttribute('aria-labelledby', headingId);
  return item;
}

export function renderJob(item, job, { connected, now = Date.now() }) {
  const view = job.view;
  const type = job.type ?? job.snapshot?.type ?? 'job';
  item.dataset.status = view.status;
  item.dataset.unbrokenSeq = String(job.unbrokenSeq);
  item.dataset.seqs = job.sortedEvents.map((event) => event.seq).join(',');
  $('.job-type', item).textContent = type;
  $('.job-id', item).textContent = job.jobId;

  const badge = $('.status-badge', item);
  const label = job.cancelRequested && !job.finished ? 'Cancelling' : (STATUS_LABELS[view.status] ?? view.status);
  badge.textContent = label;
  badge.dataset.status = view.status;

  const bar = $('.bar', item);
  bar.value = view.percent;
  bar.textContent = `${view.percent}%`;
  bar.setAttribute('aria-label', `Progress of ${type} ${job.jobId}`);
  bar.setAttribute('aria-valuetext', `${view.percent}%, ${label}`);
  $('.percent', item).textContent = `${view.percent}%`;

  $('.message', item).textContent = view.message ?? (view.status === 'QUEUED' ? 'Waiting for a worker…' : '');
  $('.attempt', item).textContent = view.attempt ? String(view.attempt) : '–';
  $('.event-count', item).textContent = String(job.events.size);
  renderElapsed(item, job, now);

  renderNotes($('.notes', item), job, view);
  renderOutcome($('.outcome', item), view);

  const cancel = $('.cancel', item);
  const active = !job.finished && !job.notFound;
  cancel.hidden = !active;
  cancel.disabled = !connected || job.cancelRequested;
  cancel.textContent = job.cancelRequested ? 'Cancelling…' : 'Cancel';
  cancel.setAttribute('aria-label', `Cancel ${type} ${job.jobId}`);
  const remove = $('.remove', item);
  remove.hidden = active;
  remove.setAttribute('aria-label', `Remove ${type} ${job.jobId} from this list`);

  const input = $('.input-details', item);
  input.hidden = job.input === null || job.input === undefined;
  $('.input-json', item).textContent = input.hidden ? '' : JSON.stringify(job.input, null, 2);
}

export function renderElapsed(item, job, now = Date.now()) {
  const view = job.view;
  const start = view.startedAt;
  const end = view.endedAt ?? (job.finished ? null : now);
  $('.elapsed', item).textContent = start && end ? formatDuration(end - start) : '–';
}

function renderNotes(list, job, view) {
  const notes = [];
  if (view.retrying) {
    const seconds = Number.isFinite(view.retrying.retryInMs) ? ` in ${Math.ceil(view.retrying.retryInMs / 1000)} s` : '';
    const error = view.retrying.error?.message ?? view.retrying.error ?? '';
    notes.push(`Attempt failed; retrying${seconds}${error ? ': ' + error : ''}`);
  }
  for (const gap of job.gaps) {
    notes.push(gap.fromSeq === gap.toSeq
      ? `Event ${gap.fromSeq} expired on the server and cannot be replayed`
      : `Events ${gap.fromSeq}–${gap.toSeq} expired on the server and cannot be replayed`);
  }
  for (const seq of job.oversized) {
    notes.push(`Event ${seq} was too large to send; the job's status fills in its outcome`);
  }
  if (job.notFound) {
    notes.push('The server no longer knows this job (it expired or belongs to another user)');
  }
  if (job.problem) {
    notes.push(job.problem);
  }
  list.replaceChildren(...notes.map((text) => {
    const li = document.createElement('li');
    li.textContent = text;
    return li;
  }));
  list.hidden = notes.length === 0;
}

function renderOutcome(box, view) {
  const key = JSON.stringify([view.status, view.error, view.resultUrl, view.result]);
  if (box.dataset.key === key) {
    // Rebuilding would reset a reader's scroll position in the result.
    return;
  }
  box.dataset.key = key;
  const children = [];
  if (view.status === 'SUCCEEDED') {
    if (view.resultUrl && /^https?:/i.test(view.resultUrl)) {
      const link = document.createElement('a');
      link.className = 'result-link';
      link.href = view.resultUrl;
      link.rel = 'noopener';
      link.textContent = 'Open the result';
      children.push(link);
    } else if (view.result !== undefined) {
      const title = document.createElement('p');
      title.className = 'outcome-title';
      title.textContent = 'Result';
      const pre = document.createElement('pre');
      pre.className = 'result';
      pre.tabIndex = 0;
      pre.setAttribute('aria-label', 'Result');
      pre.textContent = JSON.stringify(view.result, null, 2);
      children.push(title, pre);
    }
  } else if (view.status === 'FAILED' && view.error) {
    const error = document.createElement('p');
    error.className = 'job-error';
    const code = document.createElement('code');
    code.className = 'error-code';
    code.textContent = view.error.code ?? 'failed';
    const message = document.createElement('span');
    message.className = 'error-message';
    message.textContent = view.error.message ?? '';
    error.append('Failed: ', code, ' ', message);
    children.push(error);
  }
  box.replaceChildren(...children);
  box.hidden = children.length === 0;
}

export function logFrame(direction, frame) {
  const list = $('#frame-log');
  const item = document.createElement('li');
  const time = new Date().toLocaleTimeString();
  item.textContent = `${time} ${direction} ${typeof frame === 'string' ? frame : JSON.stringify(frame)}`;
  list.prepend(item);
  while (list.children.length > MAX_FRAME_LOG) {
    list.lastElementChild.remove();
  }
}

export function logApplied(jobId, seq, via) {
  const item = document.createElement('li');
  item.dataset.jobId = jobId;
  item.dataset.seq = String(seq);
  item.dataset.via = via;
  item.textContent = `${jobId} ${seq} ${via}`;
  const list = $('#applied-events');
  list.append(item);
  if (list.children.length > MAX_APPLIED_LOG) {
    list.firstElementChild.remove();
  }
}
