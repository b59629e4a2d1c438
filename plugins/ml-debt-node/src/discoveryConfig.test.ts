import { ConfigReader } from '@backstage/config';
import { readMlServiceRules } from './discoveryConfig';

describe('readMlServiceRules', () => {
  it('uses the defaults when nothing is configured', () => {
    expect(readMlServiceRules(new ConfigReader({}))).toEqual({
      kinds: ['Component'],
      types: ['ml-service', 'ml-model', 'ml-pipeline'],
    });
  });

  it('reads configured kinds and types', () => {
    const config = new ConfigReader({
      mlDebt: {
        discovery: { kinds: ['Component', 'Resource'], types: ['model'] },
      },
    });
    expect(readMlServiceRules(config)).toEqual({
      kinds: ['Component', 'Resource'],
      types: ['model'],
    });
  });

  it('rejects an empty list with a message naming the key', () => {
    const config = new ConfigReader({ mlDebt: { discovery: { types: [] } } });
    expect(() => readMlServiceRules(config)).toThrow(
      /mlDebt\.discovery\.types must list at least one non-empty value/,
    );
  });

  it('rejects a value of the wrong type', () => {
    const config = new ConfigReader({
      mlDebt: { discovery: { kinds: 'Component' } },
    });
    expect(() => readMlServiceRules(config)).toThrow(
      /mlDebt\.discovery\.kinds/,
    );
  });
});
