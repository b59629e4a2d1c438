import { createMemorySnapshot } from '../snapshot/Snapshot';
import { mlServiceEntity } from '../testUtils';
import { evaluateChecks } from './evaluate';
import { MlDebtCheck } from './types';

function check(overrides: Partial<MlDebtCheck>): MlDebtCheck {
  return {
    id: 'TST-99',
    title: 'A test check',
    category: 'testing',
    weight: 2,
    confidence: 'high',
    mlTestScore: [],
    debtType: 'Data testing debt',
    rationale: 'Because.',
    references: [],
    remediation: ['Do the thing.'],
    appliesToExperimental: true,
    evaluate: () => ({ status: 'pass', summary: 'fine' }),
    ...overrides,
  };
}

const snapshot = createMemorySnapshot([
  { path: 'train.py', content: 'import torch\n' },
]);

describe('evaluateChecks', () => {
  it('returns one result per check, with default scores per status', async () => {
    const results = await evaluateChecks(
      [
        check({ id: 'A-01' }),
        check({
          id: 'A-02',
          evaluate: () => ({ status: 'warn', summary: 'partly' }),
        }),
        check({
          id: 'A-03',
          evaluate: () => ({ status: 'fail', summary: 'no' }),
        }),
        check({
          id: 'A-04',
          evaluate: () => ({ status: 'fail', score: 140, summary: 'odd' }),
        }),
      ],
      { snapshot },
    );
    expect(results.map(r => [r.id, r.status, r.score])).toEqual([
      ['A-01', 'pass', 100],
      ['A-02', 'warn', 50],
      ['A-03', 'fail', 0],
      ['A-04', 'fail', 100],
    ]);
  });

  it('turns a throwing check into an error for that check only', async () => {
    const results = await evaluateChecks(
      [
        check({
          id: 'A-01',
          evaluate: () => {
            throw new Error('regex exploded');
          },
        }),
        check({ id: 'A-02' }),
      ],
      { snapshot },
    );
    expect(results[0]).toMatchObject({
      id: 'A-01',
      status: 'error',
      score: null,
      summary: 'The check failed to run: regex exploded',
    });
    expect(results[1].status).toBe('pass');
  });

  it('gates production-only checks out of experimental services (§8.1)', async () => {
    const [gated, kept] = await evaluateChecks(
      [
        check({ id: 'OPS-99', appliesToExperimental: false }),
        check({ id: 'REP-99' }),
      ],
      {
        snapshot,
        entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
      },
    );
    expect(gated.status).toBe('not-applicable');
    expect(gated.summary).toMatch(/lifecycle "experimental"/);
    expect(kept.status).toBe('pass');
  });

  it('marks catalog checks not applicable without an entity', async () => {
    const [result] = await evaluateChecks(
      [check({ id: 'CAT-99', category: 'catalog' })],
      {
        snapshot,
      },
    );
    expect(result.status).toBe('not-applicable');
  });

  it('adds unknown evidence when the snapshot was cut short', async () => {
    const big = createMemorySnapshot(
      [
        { path: 'a.py', content: 'a = 1\n' },
        { path: 'b.py', content: 'b = 1\n' },
      ],
      { maxFiles: 1 },
    );
    const [result] = await evaluateChecks([check({})], { snapshot: big });
    expect(result.evidence).toContainEqual({
      message:
        'Part of the repository was not scanned (stopped listing at 1 files); this result may be incomplete.',
      unknown: true,
    });
  });
});
