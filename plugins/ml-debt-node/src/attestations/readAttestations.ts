import { parseDocument } from 'yaml';
import {
  attestationPoints,
  DEFAULT_ATTESTATION_MAX_AGE_DAYS,
  Evidence,
  getMlTest,
  isAttestationExpired,
  MlTestAttestation,
} from '@ml-debt/plugin-ml-debt-common';
import { RepositoryFacts } from '../analysis/RepositoryFacts';
import { RepositorySnapshot } from '../snapshot/types';

/** Where attestations live in a repository (§8.4). @public */
export const ATTESTATION_FILE = '.ml-test-score.yaml';

/**
 * Something wrong with an attestation file or entry, shaped as evidence so
 * the UI can show it next to the ML Test Score. `rejected` entries count for
 * nothing; `warning` entries still count.
 *
 * @public
 */
export interface AttestationProblem extends Evidence {
  /** The test id of the entry, when the problem is about one entry. */
  test?: string;
  severity: 'rejected' | 'warning';
}

/**
 * Options of {@link readAttestations}.
 *
 * @public
 */
export interface ReadAttestationsOptions {
  /** The scan time; attestations age out relative to it. Default: now. */
  now?: Date;
  /** Attestations reviewed longer ago than this count as none. Default 180. */
  maxAgeDays?: number;
  /** Repository path of the attestation file. Default `.ml-test-score.yaml`. */
  path?: string;
}

/**
 * What {@link readAttestations} found.
 *
 * @public
 */
export interface ReadAttestationsResult {
  /** The attestation file's path, when the repository has one. */
  path?: string;
  /** Attestations that count, with their points. */
  accepted: MlTestAttestation[];
  /** Rejected entries and warnings, for the UI. */
  problems: AttestationProblem[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

function isoDate(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'string') {
    const m = /^(\d{4}-\d{2}-\d{2})(?:[T ][^\n]{0,40})?$/.exec(value.trim());
    if (m && !Number.isNaN(Date.parse(m[1]))) return m[1];
  }
  return undefined;
}

/**
 * Reads ML Test Score attestations (§8.4) from `.ml-test-score.yaml`:
 *
 * ```yaml
 * version: 1
 * tests:
 *   data.2: { status: manual, evidence: docs/feature-ablation.md, reviewed: 2026-09-30 }
 *   model.2: { status: automated, evidence: .github/workflows/ab-degraded-model.yml, reviewed: 2026-09-30 }
 * ```
 *
 * Each entry is validated: the id must be one of the 28 tests, the status
 * `manual` or `automated`, the evidence path must exist in the snapshot, and
 * the `reviewed` date must be no older than `maxAgeDays` (default 180) at
 * `now` — otherwise the entry is rejected with a reason. An `automated`
 * attestation earns the full point only when its evidence is a CI, scheduler
 * or pipeline file, or a file one of those runs (`facts.automationOf`);
 * otherwise it is capped at 0.5, with a warning. Entries without a `reviewed`
 * date are accepted with a warning, since they cannot age out.
 *
 * @public
 */
export function readAttestations(
  snapshot: RepositorySnapshot,
  facts: RepositoryFacts,
  options: ReadAttestationsOptions = {},
): ReadAttestationsResult {
  const filePath = options.path ?? ATTESTATION_FILE;
  const now = options.now ?? new Date();
  const maxAgeDays = options.maxAgeDays ?? DEFAULT_ATTESTATION_MAX_AGE_DAYS;
  const problems: AttestationProblem[] = [];
  const accepted: MlTestAttestation[] = [];

  if (!snapshot.file(filePath)) {
    return { accepted, problems };
  }
  const text = snapshot.readText(filePath);
  const fileProblem = (message: string, line?: number) => {
    problems.push({ message, path: filePath, line, severity: 'rejected' });
    return { path: filePath, accepted, problems };
  };
  if (text === undefined) {
    return fileProblem(
      `The attestation file could not be read (${snapshot.unreadableReason(
        filePath,
      )}); no attestation counts.`,
    );
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    return fileProblem(
      `The attestation file is not valid YAML (${
        error.message.split('\n')[0]
      }); no attestation counts.`,
      error.linePos?.[0]?.line,
    );
  }
  const data = doc.toJS() as any;
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return fileProblem(
      'The attestation file must be a mapping with `version: 1` and `tests`; no attestation counts.',
    );
  }
  if (data.version === undefined) {
    problems.push({
      message: 'The attestation file has no `version`; read as version 1.',
      path: filePath,
      line: 1,
      severity: 'warning',
    });
  } else if (Number(data.version) !== 1) {
    return fileProblem(
      `Unsupported attestation file version ${JSON.stringify(
        data.version,
      )}; only version 1 is understood, so no attestation counts.`,
      lineOf(text, /^version\s*:/),
    );
  }
  const tests = data.tests;
  if (!tests || typeof tests !== 'object' || Array.isArray(tests)) {
    return fileProblem(
      '`tests` must map test ids (e.g. `data.2`) to `{status, evidence, reviewed}`; no attestation counts.',
      lineOf(text, /^tests\s*:/),
    );
  }

  const automationPaths = facts.automationFiles.map(f => f.path);
  for (const [id, raw] of Object.entries<any>(tests)) {
    const line = lineOf(
      text,
      new RegExp(
        `^\\s+["']?${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`,
      ),
    );
    const reject = (message: string) =>
      problems.push({
        message,
        path: filePath,
        line,
        test: id,
        severity: 'rejected',
      });
    const warn = (message: string) =>
      problems.push({
        message,
        path: filePath,
        line,
        test: id,
        severity: 'warning',
      });

    const test = getMlTest(id);
    if (!test) {
      reject(
        `\`${id}\` is not an ML Test Score test id (use data.1–7, model.1–7, infra.1–7, monitor.1–7); the entry is ignored.`,
      );
      continue;
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      reject(
        `${test.label}: the entry must be a mapping with status, evidence and reviewed; it is ignored.`,
      );
      continue;
    }
    const status = raw.status;
    if (status !== 'manual' && status !== 'automated') {
      reject(
        `${
          test.label
        }: status must be \`manual\` or \`automated\`, not ${JSON.stringify(
          status ?? null,
        )}; the entry is ignored.`,
      );
      continue;
    }
    const evidence =
      typeof raw.evidence === 'string'
        ? raw.evidence.trim().replace(/^\.\//, '').replace(/\/+$/, '')
        : '';
    if (!evidence) {
      reject(
        `${test.label}: no evidence path is given; an attestation needs a document, job or workflow in the repository. The entry is ignored.`,
      );
      continue;
    }
    if (!snapshot.exists(evidence)) {
      reject(
        `${test.label}: the evidence \`${evidence}\` does not exist in the repository; the entry is ignored.`,
      );
      continue;
    }
    let reviewed: string | undefined;
    if (raw.reviewed !== undefined && raw.reviewed !== null) {
      reviewed = isoDate(raw.reviewed);
      if (!reviewed) {
        reject(
          `${
            test.label
          }: \`reviewed\` must be a date (YYYY-MM-DD), not ${JSON.stringify(
            raw.reviewed,
          )}; the entry is ignored.`,
        );
        continue;
      }
      if (isAttestationExpired(reviewed, now, maxAgeDays)) {
        const age = Math.floor((now.getTime() - Date.parse(reviewed)) / DAY_MS);
        reject(
          `${test.label}: last reviewed on ${reviewed}, ${age} days ago — older than ${maxAgeDays} days, so it no longer counts. Review it again and update the date.`,
        );
        continue;
      }
      if (Date.parse(reviewed) - now.getTime() > DAY_MS) {
        warn(
          `${test.label}: the review date ${reviewed} is in the future; check it.`,
        );
      }
    } else {
      warn(
        `${test.label}: no \`reviewed\` date, so this attestation cannot age out; add the date of the last review.`,
      );
    }

    const isAutomationFile =
      automationPaths.includes(evidence) ||
      automationPaths.some(p => p.startsWith(`${evidence}/`));
    const evidenceAutomated =
      isAutomationFile || facts.automationOf([evidence]) === 'automated';
    const attestation: MlTestAttestation = {
      id: test.id,
      status,
      evidence,
      ...(reviewed ? { reviewed } : {}),
      evidenceAutomated,
      points: 0,
    };
    attestation.points = attestationPoints(attestation);
    if (status === 'automated' && !evidenceAutomated) {
      warn(
        `${test.label}: attested as automated, but \`${evidence}\` is neither a CI, scheduler or pipeline file nor run by one, so it counts as manual (0.5 points).`,
      );
    }
    accepted.push(attestation);
  }
  return { path: filePath, accepted, problems };
}

function lineOf(text: string, pattern: RegExp): number | undefined {
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex(l => pattern.test(l));
  return i >= 0 ? i + 1 : undefined;
}
