import { ScanReport } from '../report';

/**
 * SARIF 2.1.0, for code-scanning dashboards. Each failing or warning check
 * becomes one result per piece of evidence with a file location (or one
 * result without a location when the evidence is repository-wide).
 */
export function formatSarif(report: ScanReport): string {
  const rules = report.checks.map(c => ({
    id: c.id,
    name: c.title
      .replace(/[^A-Za-z0-9]+/g, ' ')
      .trim()
      .replace(/ (\w)/g, (_, l) => l.toUpperCase()),
    shortDescription: { text: c.title },
    help: {
      text: c.remediation.map((s, i) => `${i + 1}. ${s}`).join('\n'),
      markdown: c.remediation.map((s, i) => `${i + 1}. ${s}`).join('\n'),
    },
    properties: {
      category: c.category,
      weight: c.weight,
      confidence: c.confidence,
      tags: ['ml-debt', c.category],
    },
  }));
  const results = report.checks
    .filter(c => c.status === 'fail' || c.status === 'warn')
    .flatMap(c => {
      const level =
        c.status === 'fail' && !c.advisory && c.weight >= 2
          ? 'error'
          : 'warning';
      const located = c.evidence.filter(
        e => e.path && !e.path.includes(':') && !e.unknown,
      );
      const base = {
        ruleId: c.id,
        level,
        message: { text: `${c.title}: ${c.summary}` },
      };
      if (located.length === 0) return [base];
      return located.map(e => ({
        ...base,
        message: { text: `${c.title}: ${e.message}` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: e.path },
              ...(e.line ? { region: { startLine: e.line } } : {}),
            },
          },
        ],
      }));
    });
  return `${JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'ml-debt',
              version: report.tool.version,
              informationUri:
                'https://github.com/ml-debt-scorecards/ml-debt-scorecards',
              rules,
            },
          },
          results,
        },
      ],
    },
    null,
    2,
  )}\n`;
}
