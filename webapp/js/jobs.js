// The client's model of its jobs: every event held once per (jobId, seq), expired ranges (gap
// frames) and oversized events recorded as such, and a view derived from them in seq order.

export const EVENT_TYPES = new Set(['progress', 'succeeded', 'failed', 'cancelled']);
const TERMINAL_STATUSES = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export function isJobEvent(frame) {
  return EVENT_TYPES.has(frame?.type) && typeof frame.jobId === 'string' && Number.isInteger(frame.seq)
    && frame.seq >= 1;
}

export function isTerminalStatus(status) {
  return TERMINAL_STATUSES.has(status);
}

/** One job and everything the client holds about it. */
export class Job {
  constructor(record) {
    this.jobId = record.jobId;
    this.type = record.type ?? null;
    this.input = record.input ?? null;
    this.submittedAt = record.submittedAt ?? null;
    this.acceptedStatus = record.acceptedStatus ?? 'QUEUED';
    this.events = new Map();
    for (const event of record.events ?? []) {
      if (isJobEvent(event)) {
        this.events.set(event.seq, event);
      }
    }
    this.gaps = (record.gaps ?? []).filter((gap) => gap.fromSeq >= 1 && gap.toSeq >= gap.fromSeq);
    this.oversized = new Set(record.oversized ?? []);
    this.snapshot = record.snapshot ?? null;
    this.cancelRequested = Boolean(record.cancelRequested);
    this.notFound = Boolean(record.notFound);
    this.problem = record.problem ?? null;
  }

  /** Applies a job event; returns false for one already held (at-least-once delivery repeats). */
  applyEvent(frame) {
    if (this.events.has(frame.seq)) {
      return false;
    }
    this.events.set(frame.seq, frame);
    return true;
  }

  applyGap(fromSeq, toSeq) {
    if (!this.gaps.some((gap) => gap.fromSeq === fromSeq && gap.toSeq === toSeq)) {
      this.gaps.push({ fromSeq, toSeq });
    }
  }

  applySnapshot(job) {
    this.snapshot = job;
    this.type ??= job.type ?? null;
    if (job.cancelRequested) {
      this.cancelRequested = true;
    }
  }

  /** Whether seq is accounted for: held, reported expired, or reported too large to send. */
  covers(seq) {
    return this.events.has(seq) || this.oversized.has(seq)
      || this.gaps.some((gap) => seq >= gap.fromSeq && seq <= gap.toSeq);
  }

  /** The highest n such that every seq 1..n is accounted for: the point to resume from. */
  get unbrokenSeq() {
    let seq = 0;
    for (;;) {
      const next = seq + 1;
      if (this.events.has(next) || this.oversized.has(next)) {
        seq = next;
        continue;
      }
      const gap = this.gaps.find((g) => next >= g.fromSeq && next <= g.toSeq);
      if (!gap) {
        return seq;
      }
      seq = gap.toSeq;
    }
  }

  get highestSeq() {
    let highest = 0;
    for (const seq of this.events.keys()) {
      highest = Math.max(highest, seq);
    }
    for (const seq of this.oversized) {
      highest = Math.max(highest, seq);
    }
    for (const gap of this.gaps) {
      highest = Math.max(highest, gap.toSeq);
    }
    return highest;
  }

  /** A later event is held while an earlier one is missing. */
  get hasHole() {
    return this.highestSeq > this.unbrokenSeq;
  }

  get sortedEvents() {
    return [...this.events.values()].sort((a, b) => a.seq - b.seq);
  }

  get terminalEvent() {
    for (const event of this.events.values()) {
      if (event.type !== 'progress') {
        return event;
      }
    }
    return null;
  }

  /** Finished, and the client holds its whole history: nothing more can come. */
  get settled() {
    if (this.notFound) {
      return true;
    }
    const terminal = this.terminalEvent;
    if (terminal) {
      return this.unbrokenSeq >= terminal.seq;
    }
    // The terminal event itself may have been too large or expired; the snapshot tells the end.
    return isTerminalStatus(this.snapshot?.status) && this.unbrokenSeq >= (this.snapshot.lastSeq ?? 0);
  }

  /** What to show, derived from the events in seq order, completed by the latest status snapshot. */
  get view() {
    const view = {
      status: this.acceptedStatus,
      percent: 0,
      message: null,
      attempt: null,
      retrying: null,
      result: undefined,
      resultUrl: null,
      error: null,
      startedAt: this.snapshot?.createdAt ?? this.submittedAt ?? null,
      endedAt: null,
    };
    for (const event of this.sortedEvents) {
      view.startedAt ??= event.at;
      switch (event.type) {
        case 'progress':
          view.status = 'RUNNING';
          if (Number.isFinite(event.percent)) {
            view.percent = event.percent;
          }
          view.message = event.message ?? view.message;
          view.attempt = event.attempt ?? view.attempt;
          view.retrying = event.data?.retrying ? event.data : null;
          break;
        case 'succeeded':
          view.status = 'SUCCEEDED';
          view.percent = 100;
          view.result = event.result;
          view.resultUrl = event.resultUrl ?? null;
          view.retrying = null;
          view.endedAt = event.at;
          break;
        case 'failed':
          view.status = 'FAILED';
          view.error = event.error ?? { code: 'failed', message: 'the job failed' };
          view.attempt = event.attempts ?? view.attempt;
          view.retrying = null;
          view.endedAt = event.at;
          break;
        case 'cancelled':
          view.status = 'CANCELLED';
          view.retrying = null;
          view.endedAt = event.at;
          break;
        default:
          break;
      }
    }
    const snapshot = this.snapshot;
    if (snapshot && (snapshot.lastSeq ?? 0) >= this.highestSeq && !this.terminalEvent) {
      // The server's row is at least as recent as the events held: it fills in what was missed.
      view.status = snapshot.status ?? view.status;
      view.percent = snapshot.percent ?? view.percent;
      view.message = snapshot.message ?? view.message;
      view.attempt = snapshot.attempts || view.attempt;
      if ('result' in snapshot) {
        view.result = snapshot.result;
      }
      view.resultUrl = snapshot.resultUrl ?? view.resultUrl;
      view.error = snapshot.error ?? view.error;
      if (isTerminalStatus(snapshot.status)) {
        view.endedAt ??= snapshot.updatedAt ?? null;
      }
    }
    if (view.status === 'SUCCEEDED') {
      view.percent = 100;
    }
    return view;
  }

  get finished() {
    return isTerminalStatus(this.view.status);
  }

  toRecord() {
    return {
      jobId: this.jobId,
      type: this.type,
      input: this.input,
      submittedAt: this.submittedAt,
      acceptedStatus: this.acceptedStatus,
      events: this.sortedEvents,
      gaps: this.gaps,
      oversized: [...this.oversized],
      snapshot: this.snapshot,
      cancelRequested: this.cancelRequested,
      notFound: this.notFound,
      problem: this.problem,
      finished: this.finished,
    };
  }
}

/** The jobs of one user, newest first. */
export class JobBook {
  constructor(records = []) {
    this.jobs = new Map();
    for (const record of records) {
      if (typeof record?.jobId === 'string') {
        this.jobs.set(record.jobId, new Job(record));
      }
    }
  }

  get(jobId) {
    return this.jobs.get(jobId);
  }

  /** Adds a job at the top, or returns the one already known (a duplicate accept). */
  add(record) {
    const known = this.jobs.get(record.jobId);
    if (known) {
      known.type ??= record.type ?? null;
      known.input ??= record.input ?? null;
      return known;
    }
    const job = new Job(record);
    this.jobs = new Map([[job.jobId, job], ...this.jobs]);
    return job;
  }

  remove(jobId) {
    this.jobs.delete(jobId);
  }

  all() {
    return [...this.jobs.values()];
  }

  /** Where to resume each job that may still have events to come, oldest first. */
  resumePositions() {
    return this.all()
      .filter((job) => !job.settled)
      .reverse()
      .map((job) => ({ jobId: job.jobId, afterSeq: job.unbrokenSeq }));
  }

  toRecords() {
    return this.all().map((job) => job.toRecord());
  }
}
