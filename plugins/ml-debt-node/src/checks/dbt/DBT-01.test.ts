import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { classifySatd, DBT_01 } from './DBT-01';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/DBT-01', name);

describe('DBT-01 SATD density', () => {
  it("fails on a dense SATD repository and classifies each comment into an O'Brien group", async () => {
    const result = await evaluateFixture(DBT_01, fixture('satd-heavy'));
    expect(result.status).toBe('fail');
    // 5 comments in 26 LoC: 100 − 100·min(1, 50·5/26) = 0
    expect(result.score).toBe(0);
    expect(result.summary).toContain('5 self-admitted debt comments');
    expect(result.summary).toContain('Data Dependency 2');
    expect(result.evidence.map(e => [e.path, e.line, e.message])).toEqual([
      ['src/churn/features.py', 9, 'SATD comment (Data Dependency)'],
      ['src/churn/features.py', 12, 'SATD comment (Data Dependency)'],
      ['src/churn/train.py', 13, 'SATD comment (Configurable Options)'],
      [
        'notebooks/explore.ipynb',
        3,
        'SATD comment (Awareness) (notebooks/explore.ipynb cell 3, line 1)',
      ],
      ['src/churn/train.py', 3, 'SATD comment (Modularity)'],
    ]);
  });

  it('reads docstrings and notebook code cells, but not string literals or markdown cells', async () => {
    const result = await evaluateFixture(DBT_01, fixture('satd-heavy'));
    expect(
      result.evidence.find(e => e.path === 'src/churn/train.py' && e.line === 3)
        ?.snippet,
    ).toBe('TODO: split this script into a data step and a training step.');
    // `status = "TODO"` on line 14 is a value, not a comment.
    expect(result.evidence.some(e => e.line === 14)).toBe(false);
  });

  it('passes a clean repository (guards: roadmap file, vendored and generated code, licence header, noqa/type: ignore)', async () => {
    const result = await evaluateFixture(DBT_01, fixture('clean'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.evidence).toEqual([]);
  });

  it('ignores TODOs in test code', async () => {
    const result = await evaluateFixture(DBT_01, fixture('satd-heavy'));
    expect(result.evidence.some(e => e.path?.startsWith('tests/'))).toBe(false);
  });

  it("applies O'Brien's exclusion filters (noqa, pylint:, type: ignore, coding, shebang)", async () => {
    const result = await evaluateFiles(DBT_01, {
      'app.py': [
        '#!/usr/bin/env python  # TODO-looking shebang',
        '# -*- coding: utf-8 -*-  TODO',
        'x = 1  # noqa TODO',
        'y = 2  # pylint: disable=invalid-name TODO',
        'z = 3  # type: ignore TODO',
        '',
      ].join('\n'),
    });
    expect(result.status).toBe('pass');
  });

  it('warns with a partial density score when SATD is sparse', async () => {
    const body = Array.from({ length: 99 }, (_, i) => `x${i} = ${i}`);
    const result = await evaluateFiles(DBT_01, {
      'pipeline.py': ['# TODO: read the threshold from config', ...body].join(
        '\n',
      ),
    });
    // 1 comment in 99 LoC: 100 − 100·50/99 = 49.5
    expect(result.status).toBe('fail');
    expect(result.score).toBe(49.5);
    const sparse = await evaluateFiles(DBT_01, {
      'pipeline.py': [
        '# TODO: read the threshold from config',
        ...body,
        ...body.map(l => `a${l}`),
      ].join('\n'),
    });
    // 1 comment in 198 LoC: 100 − 100·50/198 = 74.7
    expect(sparse.status).toBe('warn');
    expect(sparse.score).toBe(74.7);
    expect(sparse.evidence[0]).toMatchObject({
      path: 'pipeline.py',
      line: 1,
      message: 'SATD comment (Configurable Options)',
    });
  });

  it('classifies with the Appendix B lexicon', () => {
    expect(classifySatd('TODO: normalise the age column')).toBe(
      'Data Dependency',
    );
    expect(classifySatd('HACK: tune the learning rate')).toBe(
      'Configurable Options',
    );
    expect(classifySatd('FIXME: remove once torch 2.3 is released')).toBe(
      'Code Dependency',
    );
    expect(classifySatd('TODO why does this diverge?')).toBe('Awareness');
    expect(classifySatd('TODO: refactor into a class')).toBe('Modularity');
    expect(classifySatd('TODO: compare performance with the old model')).toBe(
      'Performance',
    );
    expect(classifySatd('TODO: vectorise this loop, too slow')).toBe(
      'Scalability',
    );
    expect(classifySatd('TODO: rename this')).toBe('Readability');
    expect(classifySatd('FIXME: copied from train.py')).toBe(
      'Duplicate Code Elimination',
    );
    expect(classifySatd('TODO: ask the product team')).toBe(
      'General (non-ML) SATD',
    );
  });

  it('applies to experimental services', async () => {
    const result = await evaluateFixture(DBT_01, fixture('satd-heavy'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('fail');
  });
});
