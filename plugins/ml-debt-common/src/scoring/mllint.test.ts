import { MllintRuleResult, mllintCategoryScore, scoreMllint } from './mllint';

const rule = (
  slug: string,
  score: number | null,
  weight = 1,
  category: MllintRuleResult['category'] = 'code-quality',
): MllintRuleResult => ({
  slug,
  name: slug,
  category,
  weight,
  score,
  details: '',
});

describe('mllint category math', () => {
  it("reproduces mllint's example report: Code Quality 594.9 / 8 = 74.36%", () => {
    const rules = [
      rule('code-quality/use-linters', 100),
      rule('code-quality/linters-installed', 100),
      rule('code-quality/pylint/no-issues', 94.9),
      rule('code-quality/pylint/is-configured', 100),
      rule('code-quality/mypy/no-issues', 100),
      rule('code-quality/black/no-issues', 0),
      rule('code-quality/isort/no-issues', 100),
      rule('code-quality/isort/is-configured', 0, 0),
      rule('code-quality/bandit/no-issues', 0),
    ];
    expect(mllintCategoryScore(rules)).toBeCloseTo(74.3625, 4);
    const report = scoreMllint(rules);
    const cq = report.categoryResults.find(c => c.id === 'code-quality')!;
    expect(cq.score).toBe(74.36);
    expect(cq.passed).toBe(false);
    expect(cq.rulesScored).toBe(8);
    expect(cq.rulesUnsuccessful).toBe(3);
    expect(report.categories['code-quality']).toBe(74.36);
  });

  it('excludes unscored rules, and is null when nothing is scored', () => {
    const report = scoreMllint([
      rule('version-control/code/git', null, 1, 'version-control'),
      rule('version-control/data/dvc', 100, 1, 'version-control'),
      rule('version-control/data/commit-dvc-lock', null, 1, 'version-control'),
      rule('testing/pass', null, 1, 'testing'),
      rule('ci/use', 100, 1, 'ci'),
    ]);
    expect(report.categories).toEqual({
      'version-control': 100,
      'dependency-management': null,
      'code-quality': null,
      testing: null,
      ci: 100,
    });
    const vc = report.categoryResults.find(c => c.id === 'version-control')!;
    expect(vc).toMatchObject({ passed: true, rulesScored: 1 });
    expect(report.categoryResults.find(c => c.id === 'testing')!.passed).toBe(
      false,
    );
    expect(report.rulesUnsuccessful).toBe(0);
  });

  it('passes a category only at 100 and counts unsuccessful rules over all categories', () => {
    const report = scoreMllint([
      rule('dependency-management/use', 20, 1, 'dependency-management'),
      rule('dependency-management/single', 100, 1, 'dependency-management'),
      rule('ci/use', 0, 1, 'ci'),
    ]);
    expect(report.categories['dependency-management']).toBe(60);
    expect(report.categoryResults.map(c => c.passed)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(report.rulesUnsuccessful).toBe(2);
  });
});
