import { buildChecklist, checklistPriority } from './checklist';
import { meta, result } from './testData';

describe('checklistPriority', () => {
  it('is w · (100 − s)/100 · conf_factor · (2 if it feeds the weakest section)', () => {
    expect(checklistPriority({ weight: 3, confidence: 'high' }, 0, false)).toBe(
      3,
    );
    expect(
      checklistPriority({ weight: 2, confidence: 'medium' }, 50, true),
    ).toBe(1.5);
    expect(checklistPriority({ weight: 3, confidence: 'low' }, 20, false)).toBe(
      1.2,
    );
  });
});

describe('buildChecklist', () => {
  const checks = [
    meta('REP-02', {
      category: 'reproducibility',
      weight: 3,
      mlTestScore: ['infra.1'],
    }),
    meta('MON-01', {
      category: 'monitoring',
      weight: 3,
      mlTestScore: ['monitor.2', 'monitor.3'],
    }),
    meta('MON-05', {
      category: 'monitoring',
      weight: 1,
      confidence: 'medium',
      mlTestScore: ['monitor.5'],
    }),
    meta('OPS-05', {
      category: 'operations',
      weight: 3,
      confidence: 'low',
      mlTestScore: ['monitor.3'],
    }),
    meta('TST-01', { weight: 3 }),
    meta('DOC-01', { category: 'documentation', weight: 2 }),
    meta('CAT-01', { category: 'catalog', weight: 2 }),
    meta('SML-01', { category: 'code-smells', weight: 2 }),
    meta('VER-01', { category: 'versioning', weight: 3 }),
  ];
  const results = [
    result('REP-02', 'fail'), // 3 · 1 · 1 = 3
    result('MON-01', 'warn', { score: 50 }), // 3 · 0.5 · 1 · 2 = 3
    result('MON-05', 'fail'), // 1 · 1 · 0.75 · 2 = 1.5
    result('OPS-05', 'fail'), // 3 · 1 · 0.5 · 2 = 3
    result('TST-01', 'pass'),
    result('DOC-01', 'error'),
    result('CAT-01', 'not-applicable'),
    result('SML-01', 'waived', { score: 0 }),
    result('VER-01', 'fail', { score: 0 }), // 3
  ];

  it('orders failing and warning items by priority, errors last', () => {
    const list = buildChecklist({
      results,
      checks,
      weakestSection: 'monitoring',
    });
    expect(list.map(i => [i.id, i.priority])).toEqual([
      ['MON-01', 3],
      ['OPS-05', 3],
      ['REP-02', 3],
      ['VER-01', 3],
      ['MON-05', 1.5],
      ['DOC-01', 0],
    ]);
    expect(list.find(i => i.id === 'OPS-05')).toMatchObject({
      advisory: true,
      feedsWeakestSection: true,
      mlTestSections: ['monitoring'],
      status: 'fail',
      category: 'operations',
      remediation: ['Fix OPS-05.'],
    });
    expect(list.find(i => i.id === 'REP-02')!.feedsWeakestSection).toBe(false);
    expect(list.find(i => i.id === 'DOC-01')!.status).toBe('error');
  });

  it('doubles the checks of whichever section is weakest', () => {
    const list = buildChecklist({
      results,
      checks,
      weakestSection: 'infrastructure',
    });
    expect(list[0]).toMatchObject({ id: 'REP-02', priority: 6 });
    expect(list.find(i => i.id === 'MON-01')!.priority).toBe(1.5);
  });
});
