import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { MlService, mlDebtApiRef } from '../../api/MlDebtApi';

const columns: TableColumn<MlService>[] = [
  {
    title: 'Service',
    field: 'title',
    highlight: true,
    render: service => (
      <EntityRefLink entityRef={service.entityRef} title={service.title} />
    ),
  },
  {
    title: 'Owner',
    field: 'owner',
    render: service =>
      service.owner ? (
        <EntityRefLink entityRef={service.owner} defaultKind="group" />
      ) : (
        '—'
      ),
  },
  { title: 'System', field: 'system' },
  { title: 'Type', field: 'type' },
  { title: 'Lifecycle', field: 'lifecycle' },
];

/** The org-wide ML debt page: every ML service the scanner tracks. */
export function MlDebtPage() {
  const api = useApi(mlDebtApiRef);
  const { value, loading, error } = useAsync(() => api.listServices(), [api]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value?.length) {
    return (
      <EmptyState
        missing="data"
        title="No ML services yet"
        description='Components of type ml-service, ml-model or ml-pipeline (or with the annotation ml-debt.io/enabled: "true") appear here once they are in the catalog.'
      />
    );
  }
  return (
    <Table<MlService>
      title={`ML services (${value.length})`}
      options={{ paging: true, pageSize: 20, search: true }}
      columns={columns}
      data={value}
    />
  );
}
