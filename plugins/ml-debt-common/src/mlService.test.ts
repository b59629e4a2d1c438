import { Entity } from '@backstage/catalog-model';
import {
  DEFAULT_ML_SERVICE_RULES,
  isMlService,
  mlServiceCatalogFilter,
} from './mlService';

function component(
  type: string,
  annotations: Record<string, string> = {},
  kind = 'Component',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x', annotations },
    spec: { type, owner: 'group:default/team', lifecycle: 'production' },
  };
}

describe('isMlService', () => {
  it.each(['ml-service', 'ml-model', 'ml-pipeline'])(
    'recognises a Component of type %s',
    type => {
      expect(isMlService(component(type))).toBe(true);
    },
  );

  it('ignores ordinary services and websites', () => {
    expect(isMlService(component('service'))).toBe(false);
    expect(isMlService(component('website'))).toBe(false);
  });

  it('ignores other kinds with an ML type', () => {
    expect(isMlService(component('ml-model', {}, 'Resource'))).toBe(false);
  });

  it('lets the annotation opt a service in', () => {
    expect(
      isMlService(component('service', { 'ml-debt.io/enabled': 'true' })),
    ).toBe(true);
  });

  it('lets the annotation opt an ML component out', () => {
    expect(
      isMlService(component('ml-model', { 'ml-debt.io/enabled': 'false' })),
    ).toBe(false);
  });

  it('honours custom rules', () => {
    const rules = { kinds: ['component'], types: ['model'] };
    expect(isMlService(component('model'), rules)).toBe(true);
    expect(isMlService(component('ml-model'), rules)).toBe(false);
  });
});

describe('mlServiceCatalogFilter', () => {
  it('asks the catalog for typed components or opted-in entities', () => {
    expect(mlServiceCatalogFilter(DEFAULT_ML_SERVICE_RULES)).toEqual([
      {
        kind: ['Component'],
        'spec.type': ['ml-service', 'ml-model', 'ml-pipeline'],
      },
      { 'metadata.annotations.ml-debt.io/enabled': 'true' },
    ]);
  });
});
