import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { DOC_01 } from './DOC-01';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/DOC-01', name);

describe('DOC-01 no model card', () => {
  it('passes with a model card covering the Mitchell et al. sections', async () => {
    const result = await evaluateFixture(DOC_01, fixture('complete-card'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('manual');
    expect(result.evidence[0].path).toBe('MODEL_CARD.md');
    expect(result.evidence[0].message).toMatch(/8 of 9/);
  });

  it('fails without any model card, even if the README mentions metrics and limitations', async () => {
    const result = await evaluateFixture(DOC_01, fixture('no-card'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
  });

  it('warns on a stub card and names the missing sections', async () => {
    const result = await evaluateFixture(DOC_01, fixture('stub-card'));
    expect(result.status).toBe('warn');
    expect(result.score).toBeCloseTo(66.7, 1);
    expect(result.evidence[0].path).toBe('docs/model-card.md');
    expect(result.summary).toMatch(
      /lacks factors, evaluation data, training data/,
    );
  });

  it('accepts a Hugging Face README whose front matter is a model card', async () => {
    const result = await evaluateFixture(DOC_01, fixture('hf-readme'));
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe('README.md');
  });

  it('ignores README front matter without model-card keys', async () => {
    const result = await evaluateFiles(DOC_01, {
      'README.md': '---\ntitle: Churn\n---\n\n## Intended use\n',
    });
    expect(result.status).toBe('fail');
  });

  it('accepts a catalog link to a model card', async () => {
    const result = await evaluateFixture(DOC_01, fixture('no-card'), {
      entity: mlServiceEntity({
        metadata: {
          links: [
            {
              url: 'https://wiki.acme.example/churn/card',
              title: 'Model card',
            },
          ],
        },
      }),
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe('metadata.links');
  });

  it('accepts a model card in the TechDocs of the entity', async () => {
    const result = await evaluateFiles(
      DOC_01,
      {
        'docs/index.md': '# Churn\n',
        'docs/model.md':
          '# Model card\n## Intended use\n## Factors\n## Metrics\n## Training data\n## Evaluation data\n## Caveats\n',
      },
      {
        entity: mlServiceEntity({
          metadata: { annotations: { 'backstage.io/techdocs-ref': 'dir:.' } },
        }),
      },
    );
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe('docs/model.md');
  });

  it('accepts a generated card (Model Card Toolkit), automated when CI runs it', async () => {
    const result = await evaluateFiles(DOC_01, {
      'reporting/card.py':
        'import model_card_toolkit as mct\n\ntoolkit = mct.ModelCardToolkit("out")\n',
      '.github/workflows/release.yml':
        'on: [push]\njobs:\n  card:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python reporting/card.py\n',
    });
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: 'reporting/card.py',
      line: 1,
    });
  });
});
