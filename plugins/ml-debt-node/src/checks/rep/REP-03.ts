import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { fileEvidence, firstN } from '../support';
import {
  analyseManifests,
  DeclaredDependency,
  dirOf,
  isPythonProject,
  listOf,
  ManifestInfo,
  SHOULD_BE_DEV_DEPENDENCIES,
  textLineEvidence,
} from './support';

/** Score of the single-manager rule for the packaging-plus-pinning pattern: advisory, half the penalty. */
const ADVISORY_SCORE = 50;

type ManagerKind = 'environment' | 'packaging';

interface Manager {
  name: string;
  kind: ManagerKind;
  manifest: ManifestInfo;
}

/** The dependency manager a manifest stands for, as mllint counts them (plus PEP 621). */
function managerOf(m: ManifestInfo): Manager | undefined {
  const base = m.path.split('/').pop();
  if (m.kind === 'pyproject' && m.pyproject?.poetry) {
    return { name: 'Poetry', kind: 'environment', manifest: m };
  }
  if (m.kind === 'pyproject' && m.declares) {
    return {
      name: 'pyproject.toml [project]',
      kind: 'packaging',
      manifest: m,
    };
  }
  if (m.kind === 'pipfile') {
    return { name: 'Pipenv', kind: 'environment', manifest: m };
  }
  // A generated requirements.txt (pip-compile, `poetry export`) is a lock
  // produced by another manager, and `-e .` only installs the package.
  if (
    base === 'requirements.txt' &&
    m.declares &&
    !m.generated &&
    !m.selfInstallOnly
  ) {
    return { name: 'requirements.txt', kind: 'environment', manifest: m };
  }
  // pip-tools: requirements.in compiled into requirements.txt.
  if (base === 'requirements.in' && m.declares && !m.selfInstallOnly) {
    return {
      name: 'pip-tools (requirements.in)',
      kind: 'environment',
      manifest: m,
    };
  }
  if (m.kind === 'setup.py') {
    return { name: 'setup.py', kind: 'packaging', manifest: m };
  }
  return undefined;
}

/**
 * REP-03 — Dependency-manager hygiene: mllint's `single` (one dependency
 * manager per project folder) and `use-dev` (development tools outside the
 * runtime dependencies), averaged. Package names are matched exactly after
 * PEP 503 normalisation, so `black` never matches `blackcellmagic`.
 */
export const REP_03: MlDebtCheck = {
  id: 'REP-03',
  title:
    'Multiple dependency managers or development tools in runtime dependencies',
  category: 'reproducibility',
  weight: 1,
  confidence: 'high',
  mlTestScore: ['infra.1'],
  debtType: 'Reproducibility debt; process management debt',
  appliesToExperimental: true,
  rationale:
    'Two dependency managers for one project are two sources of truth that drift apart, so the environment depends on which file the installer read. Test and lint tools among the runtime dependencies bloat the serving image and widen its attack surface. mllint scores both: "Project should only use one dependency manager" and "Project places its development dependencies in dev-dependencies".',
  references: [
    'mllint rules dependency-management/single and dependency-management/use-dev',
    'PEP 735 (dependency groups)',
    'Breck et al. 2017, The ML Test Score, Infra 1',
  ],
  remediation: [
    'Consolidate on one dependency manager per project (for example uv or Poetry with pyproject.toml) and delete the other manifests.',
    'Move linters and test tools (pytest, black, mypy, …) to a development group such as [dependency-groups] dev or requirements-dev.txt.',
    'Regenerate the lock file after moving the dependencies so the runtime lock no longer contains them.',
  ],
  evaluate({ facts, snapshot }) {
    if (!isPythonProject(facts)) {
      return {
        status: 'not-applicable',
        summary:
          'No Python code or Python manifest in the repository: dependency-manager hygiene does not apply.',
      };
    }
    const manifests = analyseManifests(facts).filter(m => !m.auxiliary);
    if (!manifests.some(m => m.declares)) {
      return {
        status: 'not-applicable',
        summary: 'No dependency manifest to assess (see REP-01).',
      };
    }
    const evidence: Evidence[] = [];
    const findings: string[] = [];

    // (a) One manager per project folder (mllint `single`).
    const byDir = new Map<string, Manager[]>();
    for (const m of manifests) {
      const manager = managerOf(m);
      if (!manager) continue;
      const dir = dirOf(m.path);
      byDir.set(dir, [...(byDir.get(dir) ?? []), manager]);
    }
    let singleScore = 100;
    let conflict = false;
    for (const [dir, managers] of byDir) {
      if (managers.length < 2) continue;
      const environment = managers.filter(m => m.kind === 'environment');
      const packaging = managers.filter(m => m.kind === 'packaging');
      const names = managers.map(m => m.name);
      const where = dir === '' ? 'the repository root' : `${dir}/`;
      if (environment.length === 1 && packaging.length === 1) {
        // setup.py / PEP 621 metadata for packaging plus a requirements file
        // for the application is deliberate and common: advisory only.
        singleScore = Math.min(singleScore, ADVISORY_SCORE);
        findings.push(
          `${listOf(
            names,
          )} both declare dependencies in ${where} (advisory: packaging metadata plus an application requirements file is a common pattern; keep them in agreement)`,
        );
        for (const m of managers)
          evidence.push(
            fileEvidence(
              m.manifest.path,
              `${m.name} (${
                m.kind === 'packaging'
                  ? 'package metadata'
                  : 'application environment'
              })`,
            ),
          );
      } else {
        singleScore = 0;
        conflict = true;
        findings.push(
          `${managers.length} dependency managers in ${where}: ${listOf(
            names,
            5,
          )}`,
        );
        for (const m of managers)
          evidence.push(
            fileEvidence(m.manifest.path, `Dependency manager: ${m.name}`),
          );
      }
    }

    // (b) Development tools among the runtime dependencies (mllint `use-dev`).
    // Generated locks list transitive dependencies (Pygments via rich), and
    // conda/pixi environments have no dev/runtime split, so both are skipped;
    // a tool the production code imports is a runtime dependency after all.
    const imported = new Set<string>();
    for (const s of facts.productionSources)
      for (const m of s.importedModules) imported.add(m.toLowerCase());
    const misplaced: DeclaredDependency[] = [];
    for (const m of manifests) {
      if (m.devOnly || m.generated || m.kind === 'conda' || m.kind === 'pixi')
        continue;
      const devNames = new Set(
        m.dependencies.filter(d => d.dev).map(d => d.name),
      );
      for (const d of m.dependencies) {
        if (
          !d.dev &&
          SHOULD_BE_DEV_DEPENDENCIES.has(d.name) &&
          !devNames.has(d.name) &&
          !imported.has(d.name.replace(/-/g, '_'))
        ) {
          misplaced.push(d);
        }
      }
    }
    const misplacedNames = [...new Set(misplaced.map(d => d.name))];
    const devScore = Math.max(100 - 50 * misplacedNames.length, 0);
    if (misplacedNames.length > 0) {
      findings.push(
        `development tools among the runtime dependencies: ${listOf(
          misplacedNames,
          5,
        )}`,
      );
      for (const d of firstN(misplaced)) {
        evidence.push(
          textLineEvidence(
            snapshot,
            d.path,
            d.line,
            `${d.name} is a development tool declared as a runtime dependency`,
          ),
        );
      }
    }

    const score = (singleScore + devScore) / 2;
    if (findings.length === 0) {
      const managers = [...byDir.values()].flat().map(m => m.manifest.path);
      return {
        status: 'pass',
        summary: `One dependency manager per project${
          managers.length ? ` (${listOf(managers)})` : ''
        } and no development tools among the runtime dependencies.`,
        evidence: managers.map(p => fileEvidence(p, 'Dependency manager')),
      };
    }
    const text = findings.join('; ');
    return {
      status: conflict || devScore === 0 ? 'fail' : 'warn',
      score,
      summary: `${text.charAt(0).toUpperCase()}${text.slice(1)}.`,
      evidence: firstN(evidence, 12),
    };
  },
};
