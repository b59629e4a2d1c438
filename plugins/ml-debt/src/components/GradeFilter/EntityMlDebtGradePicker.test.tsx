import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  MockEntityListContextProvider,
} from '@backstage/plugin-catalog-react/testUtils';
import {
  EntityMlDebtGradePicker,
  MlDebtGradeFilters,
} from './EntityMlDebtGradePicker';
import { EntityMlDebtGradeFilter } from './EntityMlDebtGradeFilter';

function service(name: string, grade?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      ...(grade ? { labels: { 'ml-debt.io/grade': grade } } : {}),
    },
    spec: { type: 'ml-service', owner: 'group:ml', lifecycle: 'production' },
  };
}

const entities = [
  service('fraud-detection', 'B'),
  service('sentiment-api', 'B'),
  service('churn-prototype', 'D'),
  service('seller-portal'),
];

describe('EntityMlDebtGradePicker', () => {
  it('offers the grades in the catalog with counts and filters on the selection', async () => {
    const updateFilters = jest.fn();
    await renderInTestApp(
      <MockEntityListContextProvider value={{ updateFilters }}>
        <EntityMlDebtGradePicker />
      </MockEntityListContextProvider>,
      { apis: [[catalogApiRef, catalogApiMock({ entities })]] },
    );

    await userEvent.click(await screen.findByRole('textbox'));
    expect(await screen.findByText('B (2)')).toBeInTheDocument();
    expect(screen.getByText('D (1)')).toBeInTheDocument();
    expect(screen.getAllByRole('option')).toHaveLength(2);

    await userEvent.click(screen.getByText('B (2)'));
    await waitFor(() =>
      expect(updateFilters).toHaveBeenLastCalledWith({
        mlDebtGrade: expect.any(EntityMlDebtGradeFilter),
      }),
    );
    const filter: EntityMlDebtGradeFilter =
      updateFilters.mock.lastCall[0].mlDebtGrade;
    expect(filter.values).toEqual(['B']);
    expect(Object.keys(filter.getCatalogFilters())).toEqual([
      'metadata.labels.ml-debt.io/grade',
    ]);
  });

  it('restores the selection from the query parameter', async () => {
    const updateFilters = jest.fn();
    await renderInTestApp(
      <MockEntityListContextProvider<MlDebtGradeFilters>
        value={{ updateFilters, queryParameters: { mlDebtGrade: ['D'] } }}
      >
        <EntityMlDebtGradePicker />
      </MockEntityListContextProvider>,
      { apis: [[catalogApiRef, catalogApiMock({ entities })]] },
    );
    await waitFor(() =>
      expect(updateFilters).toHaveBeenLastCalledWith({
        mlDebtGrade: new EntityMlDebtGradeFilter(['D']),
      }),
    );
  });
});

describe('EntityMlDebtGradeFilter', () => {
  it('queries the grade label on the backend and matches entities', () => {
    const filter = new EntityMlDebtGradeFilter(['A', 'B']);
    expect(filter.getCatalogFilters()).toEqual({
      'metadata.labels.ml-debt.io/grade': ['A', 'B'],
    });
    expect(filter.toQueryValue()).toEqual(['A', 'B']);
    expect(filter.filterEntity(entities[0])).toBe(true);
    expect(filter.filterEntity(entities[2])).toBe(false);
    expect(filter.filterEntity(entities[3])).toBe(false);
    expect(new EntityMlDebtGradeFilter(['b']).filterEntity(entities[0])).toBe(
      true,
    );
  });
});
