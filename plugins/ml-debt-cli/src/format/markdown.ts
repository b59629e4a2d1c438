import { ScanReport } from '../report';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Markdown for pull-request comments and CI job summaries. */
export function formatMarkdown(report: ScanReport): string {
  const ts = report.mlTestScore;
  const lines: string[] = [
    `## ML debt scorecard: ${cell(
      report.target.entityRef ?? report.target.path,
    )}`,
    '',
    `**Health score ${report.score}/100 — grade ${report.grade}**${
      report.capped
        ? ` (critical checks at 0, which cap the score at 60: ${report.cappedBy.join(
            ', ',
          )})`
        : ''
    }`,
    '',
    `**${ts.label}: ${ts.final} / 7** — ${ts.band} Weakest section: *${ts.weakestSection}*.`,
    '',
    '| Section | Points (of 7) |',
    '| --- | --- |',
    ...(['data', 'model', 'infrastructure', 'monitoring'] as const).map(
      s => `| ${s} | ${ts.sections[s]} |`,
    ),
    '',
    '### Categories',
    '',
    '| Category | Score | Failing checks |',
    '| --- | --- | --- |',
    ...report.categories.map(
      c =>
        `| ${c.title} | ${c.score === null ? '—' : c.score} | ${c.failing} of ${
          c.checks
        } |`,
    ),
    '',
  ];
  if (report.checklist.length > 0) {
    lines.push('### Remediation checklist', '');
    for (const item of report.checklist) {
      const check = report.checks.find(c => c.id === item.id);
      lines.push(
        `- [ ] **${item.id} ${cell(item.title)}** (${item.status}${
          item.advisory ? ', advisory' : ''
        }) — ${cell(check?.summary ?? '')}`,
      );
      for (const e of (check?.evidence ?? []).filter(x => x.path).slice(0, 3)) {
        lines.push(
          `  - \`${e.path}${e.line ? `:${e.line}` : ''}\` ${cell(e.message)}`,
        );
      }
      for (const step of item.remediation) {
        lines.push(`  - ${cell(step)}`);
      }
    }
    lines.push('');
  }
  const passing = report.checks.filter(c => c.status === 'pass').map(c => c.id);
  lines.push(
    `<details><summary>${
      passing.length
    } passing checks</summary>\n\n${passing.join(', ')}\n\n</details>`,
    '',
  );
  return lines.join('\n');
}
