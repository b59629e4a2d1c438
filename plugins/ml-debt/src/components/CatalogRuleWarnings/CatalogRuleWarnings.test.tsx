import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { CatalogRuleWarnings } from './CatalogRuleWarnings';

function entity(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'fraud-detection', annotations },
    spec: { type: 'ml-model', owner: 'group:fraud-ml' },
  };
}

const warnings = [
  {
    rule: 'dataDependencies',
    check: 'CAT-04',
    message:
      'spec.dependsOn has no data Resource: add the datasets, tables or topics the service reads as resource:<name> to spec.dependsOn in the descriptor of Component:default/fraud-detection',
  },
  {
    rule: 'system',
    message: 'spec.system is missing: set spec.system to the System',
  },
];

describe('CatalogRuleWarnings', () => {
  it('lists the recorded warnings with their check and fix', async () => {
    await renderInTestApp(
      <EntityProvider
        entity={entity({
          'ml-debt.io/catalog-warnings': JSON.stringify(warnings),
        })}
      >
        <CatalogRuleWarnings />
      </EntityProvider>,
    );
    expect(screen.getByText('Catalog metadata warnings')).toBeInTheDocument();
    expect(screen.getByText(/2 catalog rules not met/)).toBeInTheDocument();
    const items = within(
      screen.getByRole('list', { name: 'Catalog rule warnings' }),
    ).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByText('dataDependencies')).toBeInTheDocument();
    expect(within(items[0]).getByText('CAT-04')).toBeInTheDocument();
    expect(
      within(items[0]).getByText(/add the datasets, tables or topics/),
    ).toBeInTheDocument();
    expect(within(items[1]).getByText('system')).toBeInTheDocument();
    expect(within(items[1]).queryByText(/CAT-/)).not.toBeInTheDocument();
  });

  it.each([
    ['no annotation', entity()],
    [
      'a malformed annotation',
      entity({ 'ml-debt.io/catalog-warnings': '{not json' }),
    ],
  ])('renders nothing for %s', async (_, e) => {
    await renderInTestApp(
      <EntityProvider entity={e}>
        <span>entity tab</span>
        <CatalogRuleWarnings />
      </EntityProvider>,
    );
    expect(screen.getByText('entity tab')).toBeInTheDocument();
    expect(
      screen.queryByText('Catalog metadata warnings'),
    ).not.toBeInTheDocument();
  });
});
