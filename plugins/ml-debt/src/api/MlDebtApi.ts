import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';

/**
 * An ML service as the ml-debt backend lists it.
 *
 * @public
 */
export interface MlService {
  entityRef: string;
  title: string;
  type: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
}

/**
 * Client of the ml-debt backend API.
 *
 * @public
 */
export interface MlDebtApi {
  listServices(): Promise<MlService[]>;
}

/**
 * Reference to the {@link MlDebtApi}.
 *
 * @public
 */
export const mlDebtApiRef = createApiRef<MlDebtApi>().with({
  id: 'plugin.ml-debt.client',
  pluginId: 'ml-debt',
});

/**
 * The default {@link MlDebtApi}, calling `/api/ml-debt` with the user's token.
 *
 * @public
 */
export class MlDebtClient implements MlDebtApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async listServices(): Promise<MlService[]> {
    const body = await this.get<{ items: MlService[] }>('/services');
    return body.items;
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('ml-debt');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
