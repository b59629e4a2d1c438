import { CatalogFilterBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * The ML debt grade filter of the catalog index page (new frontend system):
 * `catalog-filter:ml-debt/grade`.
 */
export const mlDebtGradeCatalogFilter = CatalogFilterBlueprint.make({
  name: 'grade',
  params: {
    loader: async () => {
      const { EntityMlDebtGradePicker } = await import(
        './EntityMlDebtGradePicker'
      );
      return <EntityMlDebtGradePicker />;
    },
  },
});
