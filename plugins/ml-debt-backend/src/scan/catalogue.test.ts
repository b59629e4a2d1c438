import { ConfigReader } from '@backstage/config';
import { BUILTIN_CHECKS, MlDebtCheck } from '@ml-debt/plugin-ml-debt-node';
import { buildCheckCatalogue } from './catalogue';

const moduleCheck: MlDebtCheck = {
  id: 'SEC-01',
  title: 'Model artefacts are world-readable',
  category: 'operations',
  weight: 2,
  confidence: 'high',
  mlTestScore: [],
  debtType: 'Process management debt',
  appliesToExperimental: false,
  rationale: 'Acme policy.',
  references: [],
  remediation: ['Restrict the bucket.'],
  evaluate: () => ({ status: 'pass', summary: 'Restricted.' }),
};

const configCheck = {
  id: 'ACME-01',
  title: 'No model card',
  category: 'documentation',
  weight: 1,
  rationale: 'Acme publishes a model card for every model.',
  remediation: ['Add MODEL_CARD.md.'],
  rule: { type: 'file-exists', paths: ['MODEL_CARD.md'] },
};

describe('buildCheckCatalogue', () => {
  it('lists built-in, then config-defined, then module checks, with their source', () => {
    const catalogue = buildCheckCatalogue({
      config: new ConfigReader({ mlDebt: { customChecks: [configCheck] } }),
      moduleChecks: [moduleCheck],
    });

    expect(catalogue.checks.map(c => c.id)).toEqual([
      ...BUILTIN_CHECKS.map(c => c.id),
      'ACME-01',
      'SEC-01',
    ]);
    expect(catalogue.sourceOf(BUILTIN_CHECKS[0].id)).toBe('builtin');
    expect(catalogue.sourceOf('ACME-01')).toBe('custom');
    expect(catalogue.sourceOf('SEC-01')).toBe('custom');
    expect(catalogue.sourceOf('NOPE-01')).toBeUndefined();
  });

  it('changes its version when the catalogue changes', () => {
    const plain = buildCheckCatalogue({ config: new ConfigReader({}) });
    const extended = buildCheckCatalogue({
      config: new ConfigReader({}),
      moduleChecks: [moduleCheck],
    });

    expect(plain.version).not.toBe(extended.version);
  });

  it('refuses an invalid config-defined check with a message naming it', () => {
    expect(() =>
      buildCheckCatalogue({
        config: new ConfigReader({
          mlDebt: { customChecks: [{ ...configCheck, weight: 7 }] },
        }),
      }),
    ).toThrow(/mlDebt\.customChecks\[0\]\.weight/);
  });

  it('refuses a module check that clashes with a config-defined one', () => {
    expect(() =>
      buildCheckCatalogue({
        config: new ConfigReader({ mlDebt: { customChecks: [configCheck] } }),
        moduleChecks: [{ ...moduleCheck, id: 'ACME-01' }],
      }),
    ).toThrow(/ACME-01/);
  });
});
