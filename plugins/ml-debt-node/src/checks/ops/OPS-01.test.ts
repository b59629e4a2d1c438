import path from 'node:path';
import { evaluateFixture, mlServiceEntity } from '../../testUtils';
import { OPS_01 } from './OPS-01';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/OPS-01', name);

describe('OPS-01 no CI', () => {
  it('passes with a GitHub Actions workflow, as automated', async () => {
    const result = await evaluateFixture(OPS_01, fixture('github-actions'));
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
    expect(result.evidence[0].path).toBe('.github/workflows/ci.yml');
  });

  it('passes with a Jenkinsfile, a provider mllint does not know', async () => {
    const result = await evaluateFixture(OPS_01, fixture('jenkins'));
    expect(result.status).toBe('pass');
  });

  it('fails without any CI configuration', async () => {
    const result = await evaluateFixture(OPS_01, fixture('no-ci'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
  });

  it('fails when .github/workflows holds no workflow file (guard: mllint requires it non-empty)', async () => {
    const result = await evaluateFixture(
      OPS_01,
      fixture('empty-workflows-dir'),
    );
    expect(result.status).toBe('fail');
  });

  it('is not applicable to experimental services (lifecycle gating)', async () => {
    const result = await evaluateFixture(OPS_01, fixture('no-ci'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('not-applicable');
  });
});
