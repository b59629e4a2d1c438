import { MlTestId } from '../types';
import {
  computeMlTestScore,
  getMlTest,
  ML_TESTS,
  MlTestAttestation,
  mlTestScoreBand,
  mlTestScoreBandInterval,
} from './mlTestScore';
import { meta, result } from './testData';

/** One check per test, passing, automated or manual. */
function practices(spec: Record<string, 'automated' | 'manual'>) {
  const entries = Object.entries(spec);
  return {
    checks: entries.map(([test]) =>
      meta(`X-${test}`, { mlTestScore: [test as MlTestId] }),
    ),
    results: entries.map(([test, automation]) =>
      result(`X-${test}`, 'pass', { automation }),
    ),
  };
}

const BANDS = {
  zero: 'More of a research project than a productionized system.',
  one: 'Not totally untested, but it is worth considering the possibility of serious holes in reliability.',
  two: "There's been first pass at basic productionization, but additional investment may be needed.",
  three:
    "Reasonably tested, but it's possible that more of those tests and procedures may be automated.",
  five: 'Strong levels of automated testing and monitoring, appropriate for mission-critical systems.',
  more: 'Exceptional levels of automated testing and monitoring.',
};

describe('ML_TESTS', () => {
  it('lists the 28 tests of Tables I–IV with verbatim titles', () => {
    expect(ML_TESTS).toHaveLength(28);
    expect(ML_TESTS.map(t => t.id).slice(0, 8)).toEqual([
      'data.1',
      'data.2',
      'data.3',
      'data.4',
      'data.5',
      'data.6',
      'data.7',
      'model.1',
    ]);
    expect(getMlTest('data.3')?.title).toBe("No feature's cost is too much.");
    expect(getMlTest('infra.6')).toMatchObject({
      section: 'infrastructure',
      label: 'Infra 6',
      title: 'Models are canaried before serving.',
    });
    expect(getMlTest('monitor.3')?.title).toBe(
      'Training and serving are not skewed.',
    );
    expect(getMlTest('monitor.7')?.section).toBe('monitoring');
    expect(getMlTest('infra.8')).toBeUndefined();
  });
});

describe('mlTestScoreBand', () => {
  it.each([
    [0, '0', BANDS.zero],
    [0.5, '(0,1]', BANDS.one],
    [1, '(0,1]', BANDS.one],
    [1.5, '(1,2]', BANDS.two],
    [2, '(1,2]', BANDS.two],
    [3, '(2,3]', BANDS.three],
    [3.5, '(3,5]', BANDS.five],
    [5, '(3,5]', BANDS.five],
    [5.5, '>5', BANDS.more],
    [7, '>5', BANDS.more],
  ])('scores %p in band %s with the Table V text', (score, interval, text) => {
    expect(mlTestScoreBand(score)).toBe(text);
    expect(mlTestScoreBandInterval(score)).toBe(interval);
  });
});

describe('computeMlTestScore', () => {
  it('reproduces the worked example of §2.2: 4.0 / 3.0 / 5.0 / 1.5 → 1.5', () => {
    const { checks, results } = practices({
      'data.1': 'automated',
      'data.2': 'automated',
      'data.3': 'automated',
      'data.4': 'manual',
      'data.5': 'manual',
      'model.1': 'automated',
      'model.2': 'automated',
      'model.3': 'manual',
      'model.4': 'manual',
      'infra.1': 'automated',
      'infra.2': 'automated',
      'infra.3': 'automated',
      'infra.4': 'automated',
      'infra.5': 'automated',
      'monitor.1': 'manual',
      'monitor.2': 'manual',
      'monitor.3': 'manual',
    });
    const score = computeMlTestScore({ checks, results });
    expect(score.sections).toEqual({
      data: 4,
      model: 3,
      infrastructure: 5,
      monitoring: 1.5,
    });
    expect(score.final).toBe(1.5);
    expect(score.weakestSection).toBe('monitoring');
    expect(score.bandInterval).toBe('(1,2]');
    expect(score.band).toBe(BANDS.two);
    expect(score.label).toBe('ML Test Score (static proxy + attestations)');
    expect(score.tests).toHaveLength(28);
  });

  it('scores tests without evidence 0 — there is no N/A — and breaks ties in paper order', () => {
    const score = computeMlTestScore({ checks: [], results: [] });
    expect(score.final).toBe(0);
    expect(score.band).toBe(BANDS.zero);
    expect(score.weakestSection).toBe('data');
    expect(score.tests.every(t => t.points === 0 && t.source === 'none')).toBe(
      true,
    );

    const onlyData = practices({ 'data.1': 'manual' });
    expect(computeMlTestScore(onlyData).weakestSection).toBe('model');
  });

  it('gives 1 for automated evidence, 0.5 otherwise, nothing for fail, n/a, error or waived', () => {
    const checks = [
      meta('A', { mlTestScore: ['data.7', 'infra.2'] }),
      meta('B', { mlTestScore: ['data.7'] }),
      meta('C', { mlTestScore: ['infra.3'] }),
      meta('D', { mlTestScore: ['infra.4'] }),
      meta('E', { mlTestScore: ['infra.5'] }),
      meta('F', { mlTestScore: ['infra.6'] }),
      meta('G', { mlTestScore: ['infra.7'] }),
    ];
    const results = [
      result('A', 'warn', { automation: 'manual' }),
      result('B', 'pass', { automation: 'automated' }),
      result('C', 'fail', { automation: 'automated' }),
      result('D', 'not-applicable'),
      result('E', 'error'),
      result('F', 'waived', { score: 0, automation: 'automated' }),
      result('G', 'pass', { automation: 'none' }),
    ];
    const score = computeMlTestScore({ checks, results });
    const test = (id: string) => score.tests.find(t => t.id === id)!;
    expect(test('data.7')).toMatchObject({
      points: 1,
      source: 'detected',
      checks: ['A', 'B'],
      relatedChecks: ['A', 'B'],
    });
    expect(test('infra.2')).toMatchObject({ points: 0.5, checks: ['A'] });
    expect(test('infra.3')).toMatchObject({
      points: 0,
      source: 'none',
      checks: [],
      relatedChecks: ['C'],
    });
    expect(test('infra.4').points).toBe(0);
    expect(test('infra.5').points).toBe(0);
    expect(test('infra.6').points).toBe(0);
    expect(test('infra.7').points).toBe(0.5);
    expect(score.sections.infrastructure).toBe(1);
  });

  describe('attestations', () => {
    const now = new Date('2026-11-27T00:00:00Z');
    const attest = (
      overrides: Partial<MlTestAttestation>,
    ): MlTestAttestation => ({
      id: 'model.2',
      status: 'manual',
      evidence: 'docs/ab-test.md',
      reviewed: '2026-10-30',
      evidenceAutomated: false,
      points: 0.5,
      ...overrides,
    });

    it('counts a manual attestation 0.5, shown as attested', () => {
      const score = computeMlTestScore({
        checks: [],
        results: [],
        attestations: [attest({})],
        now,
      });
      const test = score.tests.find(t => t.id === 'model.2')!;
      expect(test).toMatchObject({
        points: 0.5,
        source: 'attested',
        attestedPoints: 0.5,
      });
      expect(score.sections.model).toBe(0.5);
    });

    it('gives an automated attestation 1 only when its evidence is automation', () => {
      const automated = computeMlTestScore({
        checks: [],
        results: [],
        attestations: [
          attest({
            status: 'automated',
            evidence: '.github/workflows/ab.yml',
            evidenceAutomated: true,
            points: 1,
          }),
        ],
        now,
      });
      expect(automated.tests.find(t => t.id === 'model.2')!.points).toBe(1);

      const capped = computeMlTestScore({
        checks: [],
        results: [],
        // Even if a caller claims 1 point, a document is worth 0.5.
        attestations: [attest({ status: 'automated', points: 1 })],
        now,
      });
      const test = capped.tests.find(t => t.id === 'model.2')!;
      expect(test.points).toBe(0.5);
      expect(test.attestation?.points).toBe(0.5);
    });

    it('ignores expired attestations: flagged, or reviewed more than 180 days ago', () => {
      const flagged = computeMlTestScore({
        checks: [],
        results: [],
        attestations: [attest({ expired: true })],
        now,
      });
      expect(flagged.tests.find(t => t.id === 'model.2')!).toMatchObject({
        points: 0,
        source: 'none',
      });

      const old = attest({ reviewed: '2026-05-29' }); // 182 days before now
      const aged = computeMlTestScore({
        checks: [],
        results: [],
        attestations: [old],
        now,
      });
      expect(aged.tests.find(t => t.id === 'model.2')!.points).toBe(0);
      expect(
        aged.tests.find(t => t.id === 'model.2')!.attestation?.expired,
      ).toBe(true);

      const recent = computeMlTestScore({
        checks: [],
        results: [],
        attestations: [attest({ reviewed: '2026-06-01' })], // 179 days
        now,
      });
      expect(recent.tests.find(t => t.id === 'model.2')!.points).toBe(0.5);
    });

    it('takes the maximum of detected and attested points', () => {
      const { checks, results } = practices({ 'model.2': 'automated' });
      const score = computeMlTestScore({
        checks,
        results,
        attestations: [attest({})],
        now,
      });
      expect(score.tests.find(t => t.id === 'model.2')!).toMatchObject({
        points: 1,
        source: 'detected',
        detectedPoints: 1,
        attestedPoints: 0.5,
      });
    });
  });
});
