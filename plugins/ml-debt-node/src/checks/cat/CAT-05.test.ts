import fs from 'node:fs';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { parse } from 'yaml';
import { evaluateFixture } from '../../testUtils';
import { CAT_05 } from './CAT-05';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/CAT-05', name);
const descriptor = (name: string): Entity =>
  parse(fs.readFileSync(path.join(fixture(name), 'catalog-info.yaml'), 'utf8'));
const run = (name: string) =>
  evaluateFixture(CAT_05, fixture(name), { entity: descriptor(name) });

describe('CAT-05 no operational integration on the entity', () => {
  it('passes with an on-call annotation and a dashboard', async () => {
    const result = await run('oncall-and-dashboard');
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({
      path: 'metadata.annotations.pagerduty.com/integration-key',
      message: 'On-call annotation.',
    });
    expect(result.evidence.map(e => e.path)).toContain('metadata.links');
  });

  it('fails without any on-call, dashboard or runbook integration', async () => {
    const result = await run('no-integration');
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.evidence[0].path).toBe('metadata.annotations');
  });

  it('passes with dashboards and runbooks but reports the missing on-call as advisory', async () => {
    const result = await run('dashboard-only');
    expect(result.status).toBe('pass');
    expect(result.summary).toMatch(/advisory: no on-call/);
    expect(result.evidence).toHaveLength(2);
  });

  it('is not applicable without a catalog entity', async () => {
    const result = await evaluateFixture(CAT_05, fixture('no-integration'));
    expect(result.status).toBe('not-applicable');
  });
});
