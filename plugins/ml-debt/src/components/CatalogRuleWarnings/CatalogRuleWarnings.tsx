import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Chip,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Typography,
} from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import {
  ML_DEBT_CATALOG_WARNINGS_ANNOTATION,
  parseCatalogRuleWarnings,
} from '@ml-debt/plugin-ml-debt-common';

/**
 * The catalog rules (`mlDebt.catalogRules`) with severity `warning` that the
 * entity breaks, as the catalog module recorded them in the
 * `ml-debt.io/catalog-warnings` annotation: each with what to add where.
 * Renders nothing when the entity breaks none.
 *
 * @public
 */
export function CatalogRuleWarnings() {
  const { entity } = useEntity();
  const warnings = parseCatalogRuleWarnings(entity.metadata.annotations);
  if (warnings.length === 0) {
    return null;
  }
  return (
    <InfoCard
      title="Catalog metadata warnings"
      subheader={`${warnings.length} catalog rule${
        warnings.length === 1 ? '' : 's'
      } not met; fix them in the entity's catalog-info.yaml`}
    >
      <List dense aria-label="Catalog rule warnings">
        {warnings.map(w => (
          <ListItem key={w.rule} alignItems="flex-start">
            <ListItemIcon>
              <WarningIcon style={{ color: '#e65100' }} />
            </ListItemIcon>
            <ListItemText
              primary={
                <>
                  <Typography component="span" variant="subtitle2">
                    {w.rule}
                  </Typography>{' '}
                  {w.check && (
                    <Chip size="small" variant="outlined" label={w.check} />
                  )}
                </>
              }
              secondary={w.message}
            />
          </ListItem>
        ))}
      </List>
      <Typography variant="caption" color="textSecondary">
        Recorded by the catalog in the {ML_DEBT_CATALOG_WARNINGS_ANNOTATION}{' '}
        annotation on every processing run.
      </Typography>
    </InfoCard>
  );
}
