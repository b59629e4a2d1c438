import Table from 'cli-table3';
import { ScanReport } from '../report';

const STATUS_MARK: Record<string, string> = {
  pass: 'pass',
  fail: 'FAIL',
  warn: 'warn',
  'not-applicable': 'n/a',
  error: 'ERROR',
  waived: 'waived',
};

/** The default, human-readable output: headline, categories, the checklist. */
export function formatTable(report: ScanReport): string {
  const out: string[] = [];
  const ts = report.mlTestScore;
  out.push(
    `ML debt scan of ${report.target.path}${
      report.target.entityRef ? ` (${report.target.entityRef})` : ''
    }`,
    '',
    `Health score ${report.score}/100, grade ${report.grade}${
      report.uncappedScore !== report.score
        ? ` (${report.uncappedScore} before the critical cap)`
        : ''
    }`,
    ...(report.capped
      ? [
          `Critical checks scoring 0 (they cap the score at 60): ${report.cappedBy.join(
            ', ',
          )}`,
        ]
      : []),
    `${ts.label}: ${ts.final}/7 — data ${ts.sections.data}, model ${ts.sections.model}, infrastructure ${ts.sections.infrastructure}, monitoring ${ts.sections.monitoring}; weakest: ${ts.weakestSection}`,
    `  ${ts.band}`,
    '',
  );

  // No colours: the output is read in CI logs and piped into files.
  const style = { head: [], border: [] };
  const categories = new Table({
    head: ['Category', 'Score', 'Checks', 'Failing'],
    style,
  });
  for (const c of report.categories) {
    categories.push([
      c.title,
      c.score === null ? '—' : String(c.score),
      c.checks,
      c.failing,
    ]);
  }
  out.push(categories.toString(), '');

  const checks = new Table({
    head: ['Check', 'Status', 'Score', 'Finding'],
    colWidths: [10, 8, 7, 80],
    wordWrap: true,
    style,
  });
  const order = ['fail', 'error', 'warn', 'waived', 'pass', 'not-applicable'];
  const sorted = [...report.checks].sort(
    (a, b) =>
      order.indexOf(a.status) - order.indexOf(b.status) ||
      a.id.localeCompare(b.id),
  );
  for (const c of sorted) {
    const where = c.evidence.find(e => e.path);
    checks.push([
      c.id,
      STATUS_MARK[c.status] ?? c.status,
      c.score === null ? '—' : String(c.score),
      `${c.title}${c.advisory ? ' (advisory)' : ''}: ${c.summary}${
        where ? `\n  at ${where.path}${where.line ? `:${where.line}` : ''}` : ''
      }`,
    ]);
  }
  out.push(checks.toString(), '');

  if (report.checklist.length > 0) {
    out.push('Fix first:');
    report.checklist.slice(0, 5).forEach((item, i) => {
      out.push(`  ${i + 1}. ${item.id} ${item.title}`);
      if (item.remediation[0]) out.push(`     → ${item.remediation[0]}`);
    });
    out.push('');
  }
  const mllint = Object.entries(report.mllint.categories)
    .map(([k, v]) => `${k} ${v === null ? '—' : `${v}%`}`)
    .join(', ');
  out.push(`mllint view: ${mllint}`);
  if (report.snapshot.truncated) {
    out.push(
      `Warning: the scan was incomplete: ${report.snapshot.reasons.join('; ')}`,
    );
  }
  return `${out.join('\n')}\n`;
}
