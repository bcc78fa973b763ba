// The built-in job types and their inputs, mirrored from core/src/main/java/dev/jobwire/core/job/builtin,
// so that a mistake is shown next to the field before anything is sent. The server validates again
// and has the last word; a type not listed here can still be submitted with any JSON object.

const MAX_INPUT_BYTES = 64 * 1024;

export const JOB_TYPES = [
  {
    type: 'demo.sleep',
    description: 'Waits delayMs (0–60000, default 1000) per step for steps (1–1000, default 5) steps; '
      + '10 minutes in all at most. One progress event per step.',
    example: { steps: 5, delayMs: 1000 },
    fields: {
      steps: { kind: 'integer', min: 1, max: 1000 },
      delayMs: { kind: 'integer', min: 0, max: 60_000 },
    },
    check(input) {
      const steps = input.steps ?? 5;
      const delayMs = input.delayMs ?? 1000;
      return steps * delayMs > 600_000
        ? `steps × delayMs must be at most 600000 ms (10 minutes), was ${steps * delayMs}`
        : null;
    },
  },
  {
    type: 'demo.fail',
    description: 'Reports failAfterSteps (0–100, default 1) steps, then fails: mode throw fails for good, '
      + 'transient is retried (and succeeds from attempt succeedOnAttempt if given), crash kills the attempt '
      + 'like a dying worker.',
    example: { failAfterSteps: 2, mode: 'throw' },
    fields: {
      failAfterSteps: { kind: 'integer', min: 0, max: 100 },
      mode: { kind: 'enum', values: ['throw', 'transient', 'crash'] },
      delayMs: { kind: 'integer', min: 0, max: 60_000 },
      succeedOnAttempt: { kind: 'integer', min: 0, max: 100 },
    },
  },
  {
    type: 'report.stats',
    description: 'Statistics per column of csv (text with a header row, up to 60000 characters), or of a '
      + 'synthetic sales ledger of rows orders (1–5000000, default 100000) made from seed.',
    example: { rows: 200_000, seed: 7 },
    fields: {
      csv: { kind: 'string', maxLength: 60_000 },
      rows: { kind: 'integer', min: 1, max: 5_000_000 },
      seed: { kind: 'integer', min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
    },
    check(input) {
      if (typeof input.csv === 'string') {
        if ('rows' in input || 'seed' in input) {
          return 'give either csv or rows/seed, not both';
        }
        const lines = input.csv.split(/\r?\n/).filter((line) => line.trim() !== '');
        if (lines.length < 2) {
          return 'csv needs a header row and at least one data row';
        }
        const width = lines[0].split(',').length;
        const bad = lines.findIndex((line) => line.split(',').length !== width);
        if (bad > 0) {
          return `csv row ${bad + 1} has ${lines[bad].split(',').length} values; the header has ${width}`;
        }
      }
      return null;
    },
  },
];

export function findJobType(type) {
  return JOB_TYPES.find((definition) => definition.type === type) ?? null;
}

/** Job type names as the server accepts them: dotted lower-case words. */
export function validTypeName(type) {
  return /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/.test(type) && type.length <= 64;
}

/**
 * Parses and checks the input text for a type: {input} when it may be sent, {error} saying what
 * is wrong otherwise.
 */
export function parseInput(type, text) {
  const trimmed = text.trim();
  let input;
  if (trimmed === '') {
    input = {};
  } else {
    try {
      input = JSON.parse(trimmed);
    } catch (e) {
      return { error: `the input is not valid JSON: ${e.message}` };
    }
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { error: 'the input must be a JSON object, such as {"steps": 5}' };
  }
  if (new TextEncoder().encode(JSON.stringify(input)).length > MAX_INPUT_BYTES) {
    return { error: 'the input is larger than 64 KB' };
  }
  const definition = findJobType(type);
  if (!definition) {
    return { input };
  }
  for (const [name, value] of Object.entries(input)) {
    const field = definition.fields[name];
    if (!field) {
      return { error: `unknown field "${name}"; ${type} takes ${Object.keys(definition.fields).join(', ')}` };
    }
    if (value === null) {
      continue;
    }
    const problem = checkField(name, field, value);
    if (problem) {
      return { error: problem };
    }
  }
  const problem = definition.check?.(input) ?? null;
  return problem ? { error: problem } : { input };
}

function checkField(name, field, value) {
  switch (field.kind) {
    case 'integer':
      if (!Number.isInteger(value)) {
        return `${name} must be a whole number`;
      }
      if (value < field.min || value > field.max) {
        return `${name} must be between ${field.min} and ${field.max}`;
      }
      return null;
    case 'enum':
      return field.values.includes(value) ? null : `${name} must be one of ${field.values.join(', ')}`;
    case 'string':
      if (typeof value !== 'string') {
        return `${name} must be a string`;
      }
      return value.length > field.maxLength ? `${name} is longer than ${field.maxLength} characters` : null;
    default:
      return null;
  }
}
