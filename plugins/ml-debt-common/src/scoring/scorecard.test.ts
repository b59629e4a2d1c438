import { buildScorecard } from './scorecard';
import { meta, result } from './testData';

describe('buildScorecard', () => {
  const checks = [
    meta('REP-01', {
      category: 'reproducibility',
      weight: 3,
      mlTestScore: ['infra.1'],
    }),
    meta('TST-01', { weight: 3, mlTestScore: ['infra.2', 'infra.3'] }),
    meta('TST-05', { weight: 3, mlTestScore: ['data.1', 'monitor.2'] }),
    meta('OPS-01', { category: 'operations', weight: 3 }),
    meta('MON-01', {
      category: 'monitoring',
      weight: 3,
      mlTestScore: ['monitor.2', 'monitor.3', 'monitor.7'],
    }),
  ];
  const results = [
    result('REP-01', 'pass', { automation: 'automated' }),
    result('TST-01', 'pass', { automation: 'automated' }),
    result('TST-05', 'warn', { score: 50, automation: 'manual' }),
    result('OPS-01', 'pass', { automation: 'automated' }),
    result('MON-01', 'fail'),
  ];

  it('assembles health, categories, the ML Test Score and the checklist', () => {
    const card = buildScorecard({
      results,
      checks,
      attestations: [
        {
          id: 'model.2',
          status: 'manual',
          evidence: 'docs/ab.md',
          reviewed: '2026-10-01',
          evidenceAutomated: false,
          points: 0.5,
        },
      ],
      now: new Date('2026-11-27T00:00:00Z'),
    });
    // reproducibility 100, testing (300 + 150)/6 = 75, operations 100, monitoring 0
    expect(card.score).toBe(60);
    expect(card.uncappedScore).toBe(68.8);
    expect(card.grade).toBe('D');
    expect(card.capped).toBe(true);
    expect(card.cappedBy).toEqual(['MON-01']);
    expect(card.debtIndex).toBe(40);
    expect(card.categories).toHaveLength(11);
    expect(card.categories.find(c => c.id === 'testing')).toMatchObject({
      title: 'Testing',
      score: 75,
      checks: 2,
      failing: 0,
      warning: 1,
    });
    expect(card.mlTestScore.sections).toEqual({
      data: 0.5,
      model: 0.5,
      infrastructure: 3,
      monitoring: 0.5,
    });
    expect(card.mlTestScore.final).toBe(0.5);
    expect(card.mlTestScore.weakestSection).toBe('data');
    expect(card.mlTestScore.label).toBe(
      'ML Test Score (static proxy + attestations)',
    );
    expect(card.mlTestScore.tests.find(t => t.id === 'model.2')!.source).toBe(
      'attested',
    );
    // TST-05 feeds data.1 (weakest): 3 · 0.5 · 1 · 2 = 3; MON-01: 3 · 1 · 1 = 3
    expect(card.checklist.map(i => [i.id, i.priority])).toEqual([
      ['MON-01', 3],
      ['TST-05', 3],
    ]);
    expect(card.mllint).toBeUndefined();
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
  });

  it('scores mllint rules when given', () => {
    const card = buildScorecard({
      results,
      checks,
      mllint: [
        {
          slug: 'ci/use',
          name: 'Project uses Continuous Integration (CI)',
          category: 'ci',
          weight: 1,
          score: 100,
          details: '',
        },
      ],
    });
    expect(card.mllint?.categories.ci).toBe(100);
    expect(card.mllint?.categoryResults[4].passed).toBe(true);
  });
});
