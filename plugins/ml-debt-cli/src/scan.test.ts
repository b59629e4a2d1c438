import path from 'node:path';
import { spawnSync } from 'node:child_process';
import Ajv from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { BUILTIN_CHECKS } from '@ml-debt/plugin-ml-debt-node';
import schema from '../schema/scan-report.v1.schema.json';
import { runScan } from './scan';

jest.setTimeout(60_000);

const repoRoot = path.resolve(__dirname, '../../..');
const demo = (name: string) => path.join(repoRoot, 'examples/repos', name);
const bin = path.resolve(__dirname, '../bin/ml-debt');
const validate = addFormats(
  new Ajv({ allErrors: true, strict: false }),
).compile(schema);

function cli(...args: string[]) {
  // As a user runs it from the repository root (no Yarn INIT_CWD).
  const { INIT_CWD: _ignored, ...env } = process.env;
  return spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    cwd: repoRoot,
    env,
  });
}

describe('ml-debt scan', () => {
  it('produces a JSON report that follows the v1 schema, with every catalogue check', async () => {
    const { report, output } = await runScan({
      dir: demo('fraud-detection'),
      entityFile: path.join(demo('fraud-detection'), 'catalog-info.yaml'),
      format: 'json',
    });
    const parsed = JSON.parse(output);
    expect(validate(parsed)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(parsed.checks.map((c: { id: string }) => c.id)).toEqual(
      BUILTIN_CHECKS.map(c => c.id),
    );
    expect(parsed.checks).toHaveLength(51);
    expect(Object.keys(parsed.mlTestScore.sections)).toEqual([
      'data',
      'model',
      'infrastructure',
      'monitoring',
    ]);
    expect(Object.keys(parsed.mllint.categories).sort()).toEqual([
      'ci',
      'code-quality',
      'dependency-management',
      'testing',
      'version-control',
    ]);
    expect(report.target.entityRef).toBe('component:default/fraud-detection');
  });

  it('ranks the demo services the way their maturity is ordered', async () => {
    const ranked = [
      'credit-risk-scoring',
      'image-moderation',
      'sentiment-api',
      'search-ranking',
      'recommendation-service',
      'demand-forecast-pipeline',
      'pricing-rules-engine',
      'fraud-detection',
    ];
    const scores: Array<[number, number]> = [];
    for (const name of ranked) {
      const { report } = await runScan({
        dir: demo(name),
        entityFile: path.join(demo(name), 'catalog-info.yaml'),
      });
      scores.push([report.score, report.uncappedScore]);
    }
    // Ranked by score, ties (services capped at 60) broken by the uncapped score.
    for (let i = 1; i < scores.length; i++) {
      const [prev, prevUncapped] = scores[i - 1];
      const [cur, curUncapped] = scores[i];
      expect(prev > cur || (prev === cur && prevUncapped > curUncapped)).toBe(
        true,
      );
    }
  });

  it('marks skipped checks and runs only the selected ones', async () => {
    const { report } = await runScan({
      dir: demo('fraud-detection'),
      only: ['REP-01', 'REP-02'],
    });
    expect(report.checks).toHaveLength(51);
    const evaluated = report.checks.filter(
      c => !c.summary.startsWith('Skipped'),
    );
    expect(evaluated.map(c => c.id)).toEqual(['REP-01', 'REP-02']);
  });

  it('renders markdown with the checklist and SARIF with locations', async () => {
    const md = await runScan({
      dir: demo('fraud-detection'),
      format: 'markdown',
    });
    expect(md.output).toMatch(/^## ML debt scorecard: /);
    expect(md.output).toContain('### Remediation checklist');
    const sarif = JSON.parse(
      (await runScan({ dir: demo('fraud-detection'), format: 'sarif' })).output,
    );
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.rules).toHaveLength(51);
    const mdl02 = sarif.runs[0].results.find((r: any) => r.ruleId === 'MDL-02');
    expect(mdl02.locations[0].physicalLocation.artifactLocation.uri).toMatch(
      /\.py$/,
    );
  });

  it('fails the gate under --fail-under and passes it otherwise', async () => {
    expect(
      (await runScan({ dir: demo('fraud-detection'), failUnder: 50 })).failed,
    ).toBe(true);
    expect(
      (await runScan({ dir: demo('credit-risk-scoring'), failUnder: 50 }))
        .failed,
    ).toBe(false);
  });

  describe('the command line', () => {
    it('exits 2 with a clear message for a missing directory', () => {
      const result = cli('scan', 'examples/repos/no-such-service');
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(
        'ml-debt: The directory examples/repos/no-such-service does not exist.\n',
      );
    });

    it('exits 2 for an invalid entity file', () => {
      const bad = cli(
        'scan',
        'examples/repos/fraud-detection',
        '--entity',
        path.join(__dirname, '__fixtures__/bad-entity.yaml'),
      );
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(
        /does not hold a valid catalog entity.*metadata\.name/s,
      );
      const broken = cli(
        'scan',
        'examples/repos/fraud-detection',
        '--entity',
        path.join(__dirname, '__fixtures__/broken.yaml'),
      );
      expect(broken.status).toBe(2);
      expect(broken.stderr).toMatch(/is not valid YAML/);
    });

    it('exits 2 for an unknown check id', () => {
      const result = cli(
        'scan',
        'examples/repos/fraud-detection',
        '--checks',
        'REP-99',
      );
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/Unknown check id: REP-99/);
    });

    it('exits 1 under --fail-under and prints the table', () => {
      const result = cli(
        'scan',
        'examples/repos/fraud-detection',
        '--fail-under',
        '80',
      );
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/Health score [\d.]+\/100, grade F/);
    });
  });
});
