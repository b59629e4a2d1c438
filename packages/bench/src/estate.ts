import fs from 'node:fs';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  buildScorecard,
  CheckResult,
  Grade,
} from '@ml-debt/plugin-ml-debt-common';
import {
  BUILTIN_CHECKS,
  createDirectorySnapshot,
  scanService,
} from '@ml-debt/plugin-ml-debt-node';
// The engine bench's repository generator, shared so that both benches scan
// the same kind of repository; it is not part of the package's API.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { ensureSyntheticRepos } from '@ml-debt/plugin-ml-debt-node/bench/syntheticRepos';

/**
 * The synthetic estate: who the services are (name, owner, system, type,
 * lifecycle) and, for seeding, the check results their scans produce.
 *
 * Check results are never invented: a set of synthetic repositories is
 * scanned with the real engine and every built-in check, and each seeded scan
 * is a mix of those real results (a check that a service "fixed" between two
 * scans takes the passing result another repository really produced). The
 * scorecards are then built from the results with the real scoring of
 * `@ml-debt/plugin-ml-debt-common`, exactly as the backend's Scanner does.
 */

const DEMO_REPOS = resolvePackagePath('@ml-debt/bench', '../../examples/repos');

/** A tiny deterministic PRNG (mulberry32), so that every run seeds the same estate. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAINS = [
  'fraud',
  'churn',
  'forecast',
  'ranking',
  'pricing',
  'credit',
  'search',
  'vision',
  'speech',
  'ads',
];
const TYPES = ['ml-service', 'ml-model', 'ml-pipeline'];

/** One synthetic ML service of the estate. */
export interface EstateService {
  index: number;
  name: string;
  entityRef: string;
  title: string;
  type: string;
  owner: string;
  system: string;
  lifecycle: string;
}

/** Services per team and teams per system, as in a large organisation. */
export const SERVICES_PER_TEAM = 50;
export const TEAMS_PER_SYSTEM = 1;
/** Each team owns a few systems. */
export const SYSTEMS_PER_TEAM = 4;

export function estateService(index: number): EstateService {
  const name = `ml-svc-${String(index).padStart(5, '0')}`;
  const team = Math.floor(index / SERVICES_PER_TEAM);
  const system = team * SYSTEMS_PER_TEAM + (index % SYSTEMS_PER_TEAM);
  const domain = DOMAINS[index % DOMAINS.length];
  return {
    index,
    name,
    entityRef: `component:default/${name}`,
    title: `${domain} ${TYPES[index % 3].slice(3)} ${index}`,
    type: TYPES[index % 3],
    owner: `group:default/ml-team-${String(team).padStart(3, '0')}`,
    system: `ml-system-${String(system).padStart(4, '0')}`,
    lifecycle: index % 10 === 9 ? 'experimental' : 'production',
  };
}

export function estateServices(count: number): EstateService[] {
  return Array.from({ length: count }, (_, i) => estateService(i));
}

/** The catalog entity of a service, as the catalog would serve it. */
export function serviceEntity(
  service: EstateService,
  sourceLocation?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: service.name,
      title: service.title,
      description: `Synthetic ML service ${service.index} of the bench estate`,
      annotations: sourceLocation
        ? { 'ml-debt.io/source-location': sourceLocation }
        : {},
    },
    spec: {
      type: service.type,
      owner: service.owner,
      system: service.system,
      lifecycle: service.lifecycle,
    },
  };
}

/** The groups owning the services, so that owner relations resolve. */
export function teamEntities(services: EstateService[]): Entity[] {
  const owners = [...new Set(services.map(s => s.owner))];
  return owners.map(owner => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: owner.split('/')[1] },
    spec: { type: 'team', children: [] },
  }));
}

/** Real scan output of one synthetic repository. */
export interface TemplateScan {
  results: CheckResult[];
  attestations: Parameters<typeof buildScorecard>[0]['attestations'];
  mllint: Parameters<typeof buildScorecard>[0]['mllint'];
}

/**
 * Scans `count` synthetic repositories (generated once under `dir`) with the
 * real engine and every built-in check.
 */
export async function scanTemplates(
  dir: string,
  count: number,
): Promise<TemplateScan[]> {
  const { dirs } = ensureSyntheticRepos(dir, count, 150);
  // The demo estate's ML repositories range from exemplary to neglected;
  // they give the mix its good results.
  const demo = fs
    .readdirSync(DEMO_REPOS)
    .map(name => path.join(DEMO_REPOS, name))
    .filter(repo => fs.existsSync(path.join(repo, 'catalog-info.yaml')));
  const templates: TemplateScan[] = [];
  for (const [i, repo] of [...demo, ...dirs].entries()) {
    const service = estateService(i);
    const scan = await scanService({
      snapshot: createDirectorySnapshot(repo),
      entity: serviceEntity(service, `dir:${path.resolve(repo)}`),
      relatedEntities: [],
      checks: BUILTIN_CHECKS,
      catalogue: BUILTIN_CHECKS,
      now: new Date(),
    });
    templates.push({
      results: scan.results,
      attestations: scan.attestations.accepted,
      mllint: scan.scorecard.mllint,
    });
  }
  return templates;
}

/** One seeded scan of a service. */
export interface SeededScan {
  results: CheckResult[];
  scorecard: ReturnType<typeof buildScorecard>;
}

/**
 * The results of scan `scan` (0 = oldest) of `total` of a service: its
 * template's results, with a service-specific share of the failing checks
 * fixed over time (taking a real passing result of that check from another
 * repository) and a few passing checks regressing.
 */
export function seededScan(options: {
  service: EstateService;
  templates: TemplateScan[];
  scan: number;
  total: number;
  now: Date;
}): SeededScan {
  const { service, templates, scan, total, now } = options;
  const template = templates[service.index % templates.length];
  const serviceRand = prng(service.index * 7919 + 1);
  const fixRate = Math.sqrt(serviceRand());
  const regressRate = serviceRand() * 0.15;
  const progress = total > 1 ? scan / (total - 1) : 1;
  const results = template.results.map(result => {
    const u = serviceRand();
    const failing = result.status === 'fail' || result.status === 'warn';
    if (failing && u < fixRate * progress) {
      return passingResult(templates, result) ?? result;
    }
    if (result.status === 'pass' && u < regressRate * (1 - progress)) {
      return failingResult(templates, result) ?? result;
    }
    return result;
  });
  const scorecard = buildScorecard({
    results,
    checks: BUILTIN_CHECKS,
    attestations: template.attestations,
    mllint: template.mllint,
    now,
  });
  return { results, scorecard };
}

const passingCache = new Map<string, CheckResult | undefined>();
const failingCache = new Map<string, CheckResult | undefined>();

function passingResult(
  templates: TemplateScan[],
  result: CheckResult,
): CheckResult | undefined {
  if (!passingCache.has(result.id)) {
    passingCache.set(
      result.id,
      templates
        .flatMap(t => t.results)
        .find(r => r.id === result.id && r.status === 'pass'),
    );
  }
  return passingCache.get(result.id);
}

function failingResult(
  templates: TemplateScan[],
  result: CheckResult,
): CheckResult | undefined {
  if (!failingCache.has(result.id)) {
    failingCache.set(
      result.id,
      templates
        .flatMap(t => t.results)
        .find(r => r.id === result.id && r.status === 'fail'),
    );
  }
  return failingCache.get(result.id);
}

export type { Grade };
