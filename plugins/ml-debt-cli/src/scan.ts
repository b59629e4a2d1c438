import fs from 'node:fs';
import path from 'node:path';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  BUILTIN_CHECKS,
  createDirectorySnapshot,
  MlDebtCheck,
  scanService,
} from '@ml-debt/plugin-ml-debt-node';
import { loadEntityFile } from './entity';
import { UsageError } from './errors';
import { formatMarkdown } from './format/markdown';
import { formatSarif } from './format/sarif';
import { formatTable } from './format/table';
import { SCAN_REPORT_SCHEMA_VERSION, ScanReport } from './report';
import { version } from '../package.json';

/** Output formats of `ml-debt scan`. */
export const FORMATS = ['table', 'json', 'markdown', 'sarif'] as const;
/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

/** Options of {@link runScan}, as the command line gives them. */
export interface ScanOptions {
  dir: string;
  /** Directory relative paths are resolved against. */
  cwd?: string;
  entityFile?: string;
  format?: Format;
  only?: string[];
  skip?: string[];
  failUnder?: number;
  catalogue?: readonly MlDebtCheck[];
  now?: Date;
}

function selectChecks(
  catalogue: readonly MlDebtCheck[],
  only?: string[],
  skip?: string[],
): MlDebtCheck[] {
  const known = new Set(catalogue.map(c => c.id));
  const unknown = [...(only ?? []), ...(skip ?? [])].filter(
    id => !known.has(id),
  );
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown check id${unknown.length > 1 ? 's' : ''}: ${unknown.join(
        ', ',
      )}. Known ids run from ${catalogue[0].id} to ${
        catalogue[catalogue.length - 1].id
      }.`,
    );
  }
  return catalogue.filter(
    c => (!only?.length || only.includes(c.id)) && !skip?.includes(c.id),
  );
}

/** The nearest `.git` at or above `dir`, as `git rev-parse --git-dir` finds it. */
function findGitDirectory(dir: string): string | null {
  for (let current = dir; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git')))
      return path.join(current, '.git');
    if (path.dirname(current) === current) return null;
  }
}

/** Scans a directory and renders the report. */
export async function runScan(
  options: ScanOptions,
): Promise<{ report: ScanReport; output: string; failed: boolean }> {
  const cwd = options.cwd ?? process.cwd();
  const dir = path.resolve(cwd, options.dir);
  if (!fs.existsSync(dir)) {
    throw new UsageError(`The directory ${options.dir} does not exist.`);
  }
  if (!fs.statSync(dir).isDirectory()) {
    throw new UsageError(`${options.dir} is not a directory.`);
  }
  const loaded = options.entityFile
    ? await loadEntityFile(path.resolve(cwd, options.entityFile))
    : undefined;
  const catalogue = options.catalogue ?? BUILTIN_CHECKS;
  const checks = selectChecks(catalogue, options.only, options.skip);
  const now = options.now ?? new Date();
  const snapshot = createDirectorySnapshot(dir);
  const { results, scorecard, attestations } = await scanService({
    snapshot,
    entity: loaded?.entity,
    relatedEntities: loaded?.others,
    checks,
    catalogue,
    now,
    mllint: { gitDirectory: findGitDirectory(dir) },
  });

  const metadata = new Map(catalogue.map(c => [c.id, c]));
  const report: ScanReport = {
    schemaVersion: SCAN_REPORT_SCHEMA_VERSION,
    tool: { name: 'ml-debt', version },
    scannedAt: now.toISOString(),
    target: {
      path: options.dir,
      ...(loaded
        ? {
            entityRef: stringifyEntityRef(loaded.entity),
            lifecycle:
              typeof loaded.entity.spec?.lifecycle === 'string'
                ? loaded.entity.spec.lifecycle
                : undefined,
          }
        : {}),
    },
    score: scorecard.score,
    grade: scorecard.grade,
    uncappedScore: scorecard.uncappedScore,
    capped: scorecard.capped,
    cappedBy: scorecard.cappedBy,
    categories: scorecard.categories.map(c => ({
      id: c.id,
      title: c.title,
      score: c.score,
      checks: c.checks,
      failing: c.failing,
    })),
    mlTestScore: {
      label: scorecard.mlTestScore.label,
      final: scorecard.mlTestScore.final,
      sections: scorecard.mlTestScore.sections,
      band: scorecard.mlTestScore.band,
      weakestSection: scorecard.mlTestScore.weakestSection,
      tests: scorecard.mlTestScore.tests.map(t => ({
        id: t.id,
        section: t.section,
        title: t.title,
        points: t.points,
        source: t.source,
        checks: t.checks,
      })),
    },
    mllint: {
      categories: scorecard.mllint!.categories,
      rules: scorecard.mllint!.rules.map(r => ({
        slug: r.slug,
        name: r.name,
        category: r.category,
        weight: r.weight,
        score: r.score,
        details: r.details,
      })),
    },
    checks: results.map(r => {
      const m = metadata.get(r.id)!;
      return {
        id: r.id,
        title: m.title,
        category: m.category,
        weight: m.weight,
        confidence: m.confidence,
        advisory: m.confidence === 'low',
        status: r.status,
        score: r.score,
        summary: r.summary,
        evidence: r.evidence,
        automation: r.automation,
        mlTestScore: m.mlTestScore,
        remediation: m.remediation,
      };
    }),
    checklist: scorecard.checklist.map(item => ({
      id: item.id,
      title: item.title,
      category: item.category,
      status: item.status,
      score: item.score,
      priority: item.priority,
      advisory: item.advisory,
      remediation: item.remediation,
    })),
    attestations: {
      accepted: attestations.accepted.map(a => ({
        id: a.id,
        status: a.status,
        evidence: a.evidence,
        points: a.points,
      })),
      problems: attestations.problems.map(p => p.message),
    },
    snapshot: {
      files: snapshot.files().length,
      truncated: snapshot.limits.truncated,
      reasons: snapshot.limits.reasons,
    },
  };

  const format = options.format ?? 'table';
  const render: Record<Format, (r: ScanReport) => string> = {
    table: formatTable,
    json: r => `${JSON.stringify(r, null, 2)}\n`,
    markdown: formatMarkdown,
    sarif: formatSarif,
  };
  return {
    report,
    output: render[format](report),
    failed: options.failUnder !== undefined && report.score < options.failUnder,
  };
}
