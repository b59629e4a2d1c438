import type { Grade } from '@ml-debt/plugin-ml-debt-common';
import type {
  ListScorecardsRequest,
  ScorecardFilters,
  ScorecardSortField,
} from '../../api/MlDebtApi';

/** The view of the org page, as kept in the URL's query so it can be shared. */
export interface OrgQuery {
  filters: ScorecardFilters;
  sort: ScorecardSortField;
  order: 'asc' | 'desc';
  /** Zero-based. */
  page: number;
  pageSize: number;
}

export const GRADES: Grade[] = ['A', 'B', 'C', 'D', 'F'];
export const PAGE_SIZES = [10, 25, 50, 100];
export const DEFAULT_PAGE_SIZE = 25;

const SORT_FIELDS: ScorecardSortField[] = [
  'score',
  'name',
  'owner',
  'system',
  'scannedAt',
  'change',
];
const FILTER_KEYS = [
  'owner',
  'system',
  'lifecycle',
  'grade',
  'failingCheck',
  'q',
] as const;

export type FilterKey = (typeof FILTER_KEYS)[number];

/** Reads the view from the URL; unknown or malformed values fall back to the defaults. */
export function parseOrgQuery(params: URLSearchParams): OrgQuery {
  const filters: ScorecardFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) {
      if (key === 'grade') {
        if (GRADES.includes(value as Grade)) filters.grade = value as Grade;
      } else {
        filters[key] = value;
      }
    }
  }
  const sort = params.get('sort') as ScorecardSortField | null;
  const pageSize = Number(params.get('pageSize'));
  const page = Number(params.get('page'));
  return {
    filters,
    sort: sort && SORT_FIELDS.includes(sort) ? sort : 'score',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page > 0 ? page : 0,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** The URL query of a view; defaults are left out so links stay short. */
export function toSearchParams(query: OrgQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = query.filters[key];
    if (value) params.set(key, value);
  }
  if (query.sort !== 'score') params.set('sort', query.sort);
  if (query.order !== 'asc') params.set('order', query.order);
  if (query.page > 0) params.set('page', String(query.page));
  if (query.pageSize !== DEFAULT_PAGE_SIZE) {
    params.set('pageSize', String(query.pageSize));
  }
  return params;
}

/** The backend request of a view. */
export function toListRequest(query: OrgQuery): ListScorecardsRequest {
  return {
    ...query.filters,
    sort: query.sort,
    order: query.order,
    limit: query.pageSize,
    offset: query.page * query.pageSize,
  };
}

export function hasFilters(filters: ScorecardFilters): boolean {
  return FILTER_KEYS.some(key => Boolean(filters[key]));
}

/**
 * A catalog field such as `spec.system: payments` as an entity reference
 * (`system:payments`): the store keeps the field as written, without a kind.
 */
export function withKind(ref: string, kind: 'group' | 'system'): string {
  return /^[^:/]+:/.test(ref) ? ref : `${kind}:${ref}`;
}
