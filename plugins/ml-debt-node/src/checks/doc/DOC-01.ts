import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { codeLinesMatching, fileEvidence, lineEvidence } from '../support';
import { frontMatter, headingLines } from './support';

/** Appendix A MODEL_CARD. */
const MODEL_CARD_FILE =
  /(?:^|\/)[^/]*model[_-]?card[^/]*\.(?:md|json|ya?ml|html)$/i;
const TOOLKIT = /\bmodel_card_toolkit\b|\bModelCardToolkit\(/;
const MODEL_CARD_LINK = /model[\s_-]?card/i;

/**
 * The sections of Mitchell et al.'s model card. Matched on headings (or keys
 * for JSON/YAML cards), since words like "metrics" appear in any prose.
 */
const SECTIONS: Array<[string, RegExp]> = [
  ['intended use', /intended[\s_-]?use/i],
  ['factors', /factors/i],
  ['metrics', /metrics/i],
  ['evaluation data', /evaluation[\s_-]?data/i],
  ['training data', /training[\s_-]?data/i],
  ['quantitative analyses', /quantitative[\s_-]?analys/i],
  ['ethical considerations', /ethical[\s_-]?consideration/i],
  ['caveats', /caveats/i],
  ['limitations', /limitations/i],
];
/** Sections a card needs to count as complete. */
const COMPLETE = 6;

/** Mitchell sections present in a card's text. */
function sectionsOf(path: string, text: string): string[] {
  const structured = /\.(?:json|ya?ml)$/i.test(path);
  const haystack = structured ? text : headingLines(text).join('\n');
  return SECTIONS.filter(([, re]) => re.test(haystack)).map(([name]) => name);
}

/**
 * DOC-01 — No model card. Looks for model card files, Hugging Face READMEs
 * with model-card front matter, the Model Card Toolkit and catalog links, and
 * grades a card by the Mitchell et al. sections it covers.
 */
export const DOC_01: MlDebtCheck = {
  id: 'DOC-01',
  title: 'No model card',
  category: 'documentation',
  weight: 2,
  confidence: 'high',
  mlTestScore: ['model.7', 'data.5'],
  debtType: 'Cultural debt',
  appliesToExperimental: false,
  rationale:
    'A model card records what a model is for, on which data it was trained and evaluated, how it performs across groups and where it should not be used (Mitchell et al. 2019). Without one, consumers reuse the model outside its intended scope and reviewers cannot check it for bias (Breck et al. 2017, Model 7). Sculley et al. (2015, §8) count the missing shared understanding as cultural debt.',
  references: [
    'Mitchell et al. 2019, Model Cards for Model Reporting, FAT* (arXiv 1810.03993)',
    'Breck et al. 2017, The ML Test Score, Model 7 (the model is tested for considerations of inclusion) and Data 5',
    'Hugging Face model card metadata (model-index, license, datasets, metrics)',
  ],
  remediation: [
    'Write a MODEL_CARD.md from the Mitchell et al. template: intended use, factors, metrics, evaluation data, training data, quantitative analyses, ethical considerations, caveats and limitations.',
    'Generate the metrics and quantitative-analysis sections from the evaluation pipeline so they stay current with each trained version.',
    'Link the model card from the catalog entity (metadata.links, title "Model card") so consumers find it in Backstage.',
  ],
  evaluate(ctx) {
    const { snapshot, facts, entity } = ctx;
    const cards: Array<{ path: string; sections: string[] }> = [];
    for (const file of snapshot.files()) {
      const text = MODEL_CARD_FILE.test(file.path)
        ? snapshot.readText(file.path)
        : undefined;
      if (text !== undefined)
        cards.push({ path: file.path, sections: sectionsOf(file.path, text) });
    }
    for (const readme of snapshot.glob(['README.md', '**/README.md'])) {
      if (cards.some(c => c.path === readme.path)) continue;
      const text = snapshot.readText(readme.path) ?? '';
      const meta = frontMatter(text);
      if (
        meta !== undefined &&
        (/^model-index:/m.test(meta) ||
          (/^license:/m.test(meta) && /^(?:datasets|metrics):/m.test(meta)))
      ) {
        cards.push({
          path: readme.path,
          sections: sectionsOf(readme.path, text),
        });
      }
    }
    // TechDocs built from the repository: a docs page whose heading says "model card".
    if (entity?.metadata.annotations?.['backstage.io/techdocs-ref']) {
      for (const page of snapshot.glob(['docs/**/*.md', '**/docs/**/*.md'])) {
        if (cards.some(c => c.path === page.path)) continue;
        const text = snapshot.readText(page.path) ?? '';
        if (headingLines(text).some(h => MODEL_CARD_LINK.test(h))) {
          cards.push({
            path: page.path,
            sections: sectionsOf(page.path, text),
          });
        }
      }
    }
    const toolkit: Evidence[] = facts.productionSources.flatMap(s => {
      const line = codeLinesMatching(s, TOOLKIT)[0];
      return line
        ? [
            lineEvidence(
              s,
              line,
              'Generates a model card with the Model Card Toolkit.',
            ),
          ]
        : [];
    });
    const links: Evidence[] = (
      (entity?.metadata.links ?? []) as Array<{ title?: string; url?: string }>
    )
      .filter(
        l =>
          MODEL_CARD_LINK.test(l.title ?? '') ||
          MODEL_CARD_LINK.test(l.url ?? ''),
      )
      .map(l => ({
        message: 'Catalog link to a model card.',
        path: 'metadata.links',
        snippet: `${l.title ?? ''} ${l.url ?? ''}`.trim(),
      }));

    if (cards.length > 0) {
      const best = cards.reduce((a, b) =>
        b.sections.length > a.sections.length ? b : a,
      );
      const automation = facts.automationOf(toolkit.map(e => e.path!));
      const evidence = [
        ...cards.map(c =>
          fileEvidence(
            c.path,
            `Model card covering ${c.sections.length} of ${
              SECTIONS.length
            } Mitchell et al. sections${
              c.sections.length ? `: ${c.sections.join(', ')}` : ''
            }.`,
          ),
        ),
        ...toolkit,
        ...links,
      ];
      const covered = Math.min(best.sections.length, COMPLETE);
      if (covered >= COMPLETE) {
        return {
          status: 'pass',
          summary: `Model card ${best.path} covers ${best.sections.length} of ${SECTIONS.length} Mitchell et al. sections.`,
          evidence,
          automation: automation === 'none' ? 'manual' : automation,
        };
      }
      const missing = SECTIONS.map(([name]) => name).filter(
        n => !best.sections.includes(n),
      );
      return {
        status: 'warn',
        score: 50 + (50 * covered) / COMPLETE,
        summary: `Model card ${
          best.path
        } is incomplete: it lacks ${missing.join(', ')}.`,
        evidence,
        automation: automation === 'none' ? 'manual' : automation,
      };
    }
    if (toolkit.length > 0 || links.length > 0) {
      return {
        status: 'pass',
        summary:
          toolkit.length > 0
            ? 'A model card is generated with the Model Card Toolkit.'
            : 'The catalog entity links a model card.',
        evidence: [...toolkit, ...links],
        automation:
          toolkit.length > 0
            ? facts.automationOf(toolkit.map(e => e.path!))
            : 'manual',
      };
    }
    return {
      status: 'fail',
      summary:
        'No model card was found: no *model_card* file, no Hugging Face model-card README, no Model Card Toolkit use and no catalog link.',
    };
  },
};
