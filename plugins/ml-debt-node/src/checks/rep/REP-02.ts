import { Entity } from '@backstage/catalog-model';
import { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { MlDebtCheck } from '../../engine/types';
import { fileEvidence, firstN } from '../support';
import {
  analyseManifests,
  isDevManifestPath,
  isPythonProject,
  listOf,
  ManifestInfo,
  textLineEvidence,
} from './support';

/** Share of pinned dependencies below which the check fails (§7.2 REP-02). */
const FAIL_BELOW = 80;

/** A CI step that publishes a package to an index. */
const PUBLISH =
  /\b(?:twine\s+upload|poetry\s+publish|uv\s+publish|hatch\s+publish|flit\s+publish|pdm\s+publish)\b|pypa\/gh-action-pypi-publish/;

/** An install that honours a lock file. */
const INSTALL_FROM_LOCK =
  /\buv\s+sync\b|\bpoetry\s+install\b|\bpipenv\s+(?:sync|install\s+--deploy)\b|\bpdm\s+(?:sync|install)\b|\bpixi\s+install\b|\bpip-sync\b|\bconda-lock\s+install\b/;

/**
 * A published library: a pyproject with a `[build-system]` and a name, which
 * CI publishes or the catalog types as a library. Its dependencies are ranges
 * on purpose (§7.2 REP-02 false positives).
 */
function isPublishedLibrary(
  facts: RepositoryFacts,
  manifest: ManifestInfo,
  entity: Entity | undefined,
): boolean {
  const data = manifest.pyproject?.data;
  if (!data || !data['build-system']) return false;
  if (!data.project?.name && !data.tool?.poetry?.name) return false;
  return (
    entity?.spec?.type === 'library' ||
    facts.findAutomation(PUBLISH) !== undefined
  );
}

/**
 * REP-02 — Unpinned dependencies and no lock file. A lock (poetry.lock,
 * uv.lock, Pipfile.lock, pdm.lock, pixi.lock, conda-lock, or a pip-compiled or
 * hashed requirements file) passes; otherwise the score is the share of
 * runtime dependencies pinned to exactly one version, read from the parsed
 * manifests rather than from regex matches.
 */
export const REP_02: MlDebtCheck = {
  id: 'REP-02',
  title: 'Unpinned dependencies and no lock file',
  category: 'reproducibility',
  weight: 3,
  confidence: 'high',
  mlTestScore: ['infra.1'],
  debtType: 'Reproducibility debt',
  appliesToExperimental: true,
  rationale:
    "A dependency declared as a range resolves to whatever version is newest on the day of the install, so retraining next month runs different library code than the model in production: numerical defaults, pre-processing and serialisation formats change silently. Van Oort et al. (2021) identify dependency management as the main obstacle to reproducing ML projects; a lock file is the ML Test Score's precondition for reproducible training (Infra 1).",
  references: [
    'mllint rule dependency-management/use',
    'van Oort et al. 2021, The Prevalence of Code Smells in Machine Learning Projects',
    'Breck et al. 2017, The ML Test Score, Infra 1',
  ],
  remediation: [
    'Adopt a lock file (uv lock, poetry lock, or pip-compile --generate-hashes) and commit it next to the manifest.',
    'Pin the ML frameworks exactly, including their CUDA/cuDNN build variants (for example torch==2.3.1+cu121).',
    'Let a dependency bot (Dependabot or Renovate, see REP-05) propose lock updates so pins do not go stale.',
  ],
  evaluate({ facts, snapshot, entity }) {
    if (!isPythonProject(facts)) {
      return {
        status: 'not-applicable',
        summary:
          'No Python code or Python manifest in the repository: Python dependency pinning does not apply.',
      };
    }
    const locks = facts.lockFiles.filter(
      p => !facts.isTest(p) && !/(?:^|\/)docs?\//.test(p),
    );
    const runtimeLocks = locks.filter(p => !isDevManifestPath(p));
    if (runtimeLocks.length > 0) {
      return {
        status: 'pass',
        summary: `Dependencies are locked in ${listOf(runtimeLocks)}.`,
        evidence: firstN(runtimeLocks).map(p => fileEvidence(p, 'Lock file')),
        automation: facts.automationOf(runtimeLocks, INSTALL_FROM_LOCK),
      };
    }

    const manifests = analyseManifests(facts).filter(
      m => m.declares && !m.auxiliary && !m.devOnly,
    );
    const libraries = manifests.filter(m =>
      isPublishedLibrary(facts, m, entity),
    );
    const candidates = manifests.filter(m => !libraries.includes(m));
    // The environment manifests (requirements, Pipfile, conda, Poetry) describe
    // what is installed; package metadata (setup.py, PEP 621) only counts when
    // it is the sole declaration.
    const environment = candidates.filter(m => m.role === 'environment');
    const scored = environment.length > 0 ? environment : candidates;
    const deps = scored.flatMap(m => m.dependencies.filter(d => !d.dev));

    if (deps.length === 0) {
      if (libraries.length > 0) {
        return {
          status: 'pass',
          summary: `${listOf(
            libraries.map(m => m.path),
          )} declares a published library, whose dependencies are ranges by design; no application environment needs a lock.`,
          evidence: libraries.map(m =>
            fileEvidence(m.path, 'Published library: ranges are intended'),
          ),
        };
      }
      return {
        status: 'not-applicable',
        summary:
          manifests.length === 0
            ? 'No dependency manifest declares runtime dependencies (see REP-01).'
            : `No runtime dependency could be read from ${listOf(
                manifests.map(m => m.path),
              )}.`,
      };
    }

    const unpinned = deps.filter(d => !d.pinned);
    const pinned = deps.length - unpinned.length;
    const score = (100 * pinned) / deps.length;
    const libraryNote =
      libraries.length > 0
        ? ` (${listOf(
            libraries.map(m => m.path),
          )} is a published library and keeps its ranges)`
        : '';
    const manifestList = listOf(scored.map(m => m.path));
    if (unpinned.length === 0) {
      return {
        status: 'pass',
        summary: `All ${deps.length} runtime dependencies are pinned to one version in ${manifestList}${libraryNote}; no lock file pins their transitive dependencies.`,
        evidence: scored.map(m => fileEvidence(m.path, 'Pinned manifest')),
      };
    }
    const unpinnedEvidence = firstN(unpinned).map(d =>
      textLineEvidence(
        snapshot,
        d.path,
        d.line,
        `${d.name} is not pinned${d.specifier ? ` (${d.specifier})` : ''}`,
      ),
    );
    if (score >= FAIL_BELOW) {
      // At least 80 % pinned passes (§7.2); the score keeps the share.
      return {
        status: 'pass',
        score,
        summary: `${pinned} of ${
          deps.length
        } runtime dependencies are pinned in ${manifestList}${libraryNote}; ${
          unpinned.length
        } ${unpinned.length > 1 ? 'are' : 'is'} not and there is no lock file.`,
        evidence: unpinnedEvidence,
      };
    }
    return {
      status: 'fail',
      score,
      summary: `${unpinned.length} of ${deps.length} runtime dependencies are not pinned to one version and there is no lock file${libraryNote}.`,
      evidence: unpinnedEvidence,
    };
  },
};
