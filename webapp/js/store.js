// Persistence in localStorage: settings, and per user the jobs with every event held, so that a
// reload shows the same history and resumes each job from the last seq it holds.

const PREFIX = 'jobwire.v1.';
const MAX_JOBS = 100;

function read(key) {
  try {
    const text = localStorage.getItem(PREFIX + key);
    return text === null ? null : JSON.parse(text);
  } catch {
    // Storage can be disabled (privacy modes) or hold something unparsable: start afresh.
    return null;
  }
}

function write(key, value) {
  try {
    if (value === null || value === undefined) {
      localStorage.removeItem(PREFIX + key);
    } else {
      localStorage.setItem(PREFIX + key, JSON.stringify(value));
    }
    return true;
  } catch {
    return false;
  }
}

/** Token, user name and the server override the user saved in the settings form. */
export function loadSettings() {
  return read('settings') ?? {};
}

export function saveSettings(settings) {
  return write('settings', settings);
}

function jobsKey(userId) {
  return 'jobs.' + encodeURIComponent(userId);
}

/** The stored job records of one user, newest first; [] when none or unreadable. */
export function loadJobs(userId) {
  const stored = read(jobsKey(userId));
  return Array.isArray(stored?.jobs) ? stored.jobs : [];
}

/**
 * Stores the records, newest first. When the browser's quota is exhausted, drops the oldest
 * finished jobs until the rest fits, and says so by returning the number dropped (-1 if even
 * that failed).
 */
export function saveJobs(userId, records) {
  let kept = records.slice(0, MAX_JOBS);
  let dropped = records.length - kept.length;
  while (!write(jobsKey(userId), { jobs: kept })) {
    const index = findLastIndex(kept, (record) => record.finished);
    if (index < 0) {
      return -1;
    }
    kept = kept.filter((_, i) => i !== index);
    dropped++;
  }
  return dropped;
}

/** Submits sent but not yet acknowledged, resent with the same idempotency key after a reconnect. */
export function loadPendingSubmits(userId) {
  const stored = read('pending.' + encodeURIComponent(userId));
  return Array.isArray(stored) ? stored : [];
}

export function savePendingSubmits(userId, pending) {
  return write('pending.' + encodeURIComponent(userId), pending.length ? pending : null);
}

function findLastIndex(array, predicate) {
  for (let i = array.length - 1; i >= 0; i--) {
    if (predicate(array[i])) {
      return i;
    }
  }
  return -1;
}
