import { computeCategoryScores } from './categories';
import { computeHealth, gradeOf } from './health';
import { meta, result } from './testData';

describe('computeCategoryScores', () => {
  it('takes the weighted average of applicable checks, advisory checks at half weight', () => {
    const checks = [
      meta('T-1', { weight: 3 }),
      meta('T-2', { weight: 2, confidence: 'low' }),
      meta('T-3', { weight: 1, confidence: 'medium' }),
    ];
    const results = [
      result('T-1', 'pass'),
      result('T-2', 'fail'),
      result('T-3', 'warn', { score: 40 }),
    ];
    const testing = computeCategoryScores(results, checks).find(
      c => c.id === 'testing',
    )!;
    // (3·100 + 1·0 + 1·40) / (3 + 2·0.5 + 1) = 340 / 5
    expect(testing.score).toBe(68);
    expect(testing).toMatchObject({
      title: 'Testing',
      checks: 3,
      failing: 1,
      warning: 1,
      checkIds: ['T-1', 'T-2', 'T-3'],
    });
  });

  it('leaves out not-applicable, errored and waived results and weight-0 checks', () => {
    const checks = [
      meta('T-1', { weight: 2 }),
      meta('T-2', { weight: 3 }),
      meta('T-3', { weight: 3 }),
      meta('T-4', { weight: 3 }),
      meta('T-5', { weight: 0 }),
    ];
    const results = [
      result('T-1', 'warn', { score: 75 }),
      result('T-2', 'not-applicable'),
      result('T-3', 'error'),
      result('T-4', 'waived', { score: 0 }),
      result('T-5', 'fail'),
    ];
    const testing = computeCategoryScores(results, checks).find(
      c => c.id === 'testing',
    )!;
    expect(testing.score).toBe(75);
    expect(testing.checks).toBe(1);
  });

  it('returns all eleven categories, null where nothing was scored', () => {
    const categories = computeCategoryScores(
      [result('T-1', 'pass')],
      [meta('T-1')],
    );
    expect(categories.map(c => c.id)).toEqual([
      'catalog',
      'reproducibility',
      'versioning',
      'configuration',
      'code-smells',
      'satd',
      'notebooks',
      'testing',
      'operations',
      'monitoring',
      'documentation',
    ]);
    expect(categories.filter(c => c.score !== null)).toHaveLength(1);
    expect(categories[0].score).toBeNull();
  });

  it('rounds to one decimal', () => {
    const checks = [meta('T-1'), meta('T-2'), meta('T-3')];
    const results = [
      result('T-1', 'pass'),
      result('T-2', 'pass'),
      result('T-3', 'fail'),
    ];
    expect(
      computeCategoryScores(results, checks).find(c => c.id === 'testing')!
        .score,
    ).toBe(66.7);
  });
});

describe('computeHealth', () => {
  it('averages the non-null category scores with equal weight', () => {
    const checks = [
      meta('T-1', { category: 'testing', weight: 2 }),
      meta('O-1', { category: 'operations', weight: 1 }),
      meta('O-2', { category: 'operations', weight: 1 }),
      meta('M-1', { category: 'monitoring' }),
    ];
    const results = [
      result('T-1', 'pass'),
      result('O-1', 'pass'),
      result('O-2', 'warn', { score: 60 }),
      result('M-1', 'not-applicable'),
    ];
    const health = computeHealth(results, checks);
    expect(health).toEqual({
      score: 90,
      uncappedScore: 90,
      grade: 'A',
      capped: false,
      cappedBy: [],
      debtIndex: 10,
    });
  });

  it('caps health at 60 when an applicable critical check scores 0', () => {
    const checks = [
      meta('T-1', { weight: 3 }),
      ...Array.from({ length: 9 }, (_, i) =>
        meta(`O-${i}`, { category: 'operations' }),
      ),
      meta('R-1', { category: 'reproducibility' }),
    ];
    const results = [
      result('T-1', 'fail'),
      ...Array.from({ length: 9 }, (_, i) => result(`O-${i}`, 'pass')),
      result('R-1', 'pass'),
    ];
    const health = computeHealth(results, checks);
    // mean(0, 100, 100) = 66.7, capped at 60
    expect(health.uncappedScore).toBe(66.7);
    expect(health.score).toBe(60);
    expect(health.grade).toBe('D');
    expect(health.capped).toBe(true);
    expect(health.cappedBy).toEqual(['T-1']);
  });

  it('does not cap for advisory, weight-2, partial, waived or not-applicable critical checks', () => {
    const checks = [
      meta('A', { weight: 3, confidence: 'low' }),
      meta('B', { weight: 2 }),
      meta('C', { weight: 3 }),
      meta('D', { weight: 3 }),
      meta('E', { weight: 3 }),
      meta('F', { weight: 3, category: 'operations' }),
    ];
    const results = [
      result('A', 'fail'),
      result('B', 'fail'),
      result('C', 'warn', { score: 10 }),
      result('D', 'waived', { score: 0 }),
      result('E', 'not-applicable'),
      result('F', 'pass'),
    ];
    const health = computeHealth(results, checks);
    expect(health.capped).toBe(false);
    expect(health.cappedBy).toEqual([]);
    // testing: (1.5·0 + 2·0 + 3·10) / 6.5 = 4.615…; operations 100
    expect(health.score).toBe(52.3);
  });

  it('is 0 (F) when nothing could be scored', () => {
    expect(computeHealth([], [])).toMatchObject({ score: 0, grade: 'F' });
  });
});

describe('gradeOf', () => {
  it.each([
    [100, 'A'],
    [90, 'A'],
    [89.9, 'B'],
    [80, 'B'],
    [79.9, 'C'],
    [70, 'C'],
    [69.9, 'D'],
    [60, 'D'],
    [59.9, 'F'],
    [0, 'F'],
  ])('grades %p as %s', (score, grade) => {
    expect(gradeOf(score)).toBe(grade);
  });
});
