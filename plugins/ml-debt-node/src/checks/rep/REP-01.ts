import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { ML_LIBRARIES } from '../../analysis/RepositoryFacts';
import { fileEvidence, firstN, lineEvidence, matchEvidence } from '../support';
import { analyseManifests, isPythonProject, listOf } from './support';

/** Bazel / Pants / Databricks declarations of Python requirements (§7.2 REP-01 false positives). */
const BUILD_SYSTEM_FILES = [
  '**/BUILD',
  '**/BUILD.bazel',
  '**/WORKSPACE',
  '**/WORKSPACE.bazel',
  '**/MODULE.bazel',
  '**/pants.toml',
  '**/databricks.yml',
  '**/databricks.yaml',
];
const BUILD_SYSTEM_REQUIREMENTS =
  /\b(?:pip_parse|pip_install|pip\.parse|python_requirements?|poetry_requirements|pipenv_requirements)\s*\(|^\s*-?\s*pypi\s*:/m;

/**
 * REP-01 — No dependency manifest. mllint's `dependency-management/use`,
 * without its blind spots: manifests are found anywhere in the repository (a
 * monorepo's service folder or its root), a `pyproject.toml` counts only when
 * it declares dependencies, and documentation/test manifests or empty files
 * do not stand in for the service's own.
 */
export const REP_01: MlDebtCheck = {
  id: 'REP-01',
  title: 'No dependency manifest',
  category: 'reproducibility',
  weight: 3,
  confidence: 'high',
  mlTestScore: ['infra.1'],
  debtType: 'Reproducibility debt',
  appliesToExperimental: true,
  rationale:
    'Without a declared list of dependencies nobody can rebuild the environment a model was trained or served in, so training is not reproducible (ML Test Score Infra 1). Van Oort et al. (2021) found dependency management to be the main obstacle to reproducing ML projects; mllint scores a project without any dependency manager 0 on "Project properly keeps track of its dependencies".',
  references: [
    'mllint rule dependency-management/use',
    'van Oort et al. 2021, The Prevalence of Code Smells in Machine Learning Projects',
    'Breck et al. 2017, The ML Test Score, Infra 1',
  ],
  remediation: [
    'Declare the dependencies in a pyproject.toml and generate a lock file with uv, Poetry or pip-tools.',
    'Declare the supported Python version with requires-python in pyproject.toml or a .python-version file.',
    'Keep development tools (pytest, linters) in a separate dev group so the runtime environment stays minimal.',
  ],
  evaluate({ facts, snapshot }) {
    if (!isPythonProject(facts)) {
      return {
        status: 'not-applicable',
        summary:
          'No Python code or Python manifest in the repository: Python dependency management does not apply.',
      };
    }
    const manifests = analyseManifests(facts);
    const declaring = manifests.filter(m => m.declares && !m.auxiliary);
    if (declaring.length > 0) {
      const paths = declaring.map(m => m.path);
      return {
        status: 'pass',
        summary: `Dependencies are declared in ${listOf(paths)}.`,
        evidence: firstN(declaring).map(m =>
          fileEvidence(m.path, `Dependency manifest (${m.kind})`),
        ),
      };
    }

    // Requirements declared through a build system or a platform instead.
    const buildDecl = snapshot.search(
      BUILD_SYSTEM_REQUIREMENTS,
      BUILD_SYSTEM_FILES,
    );
    if (buildDecl.length > 0) {
      return {
        status: 'pass',
        summary: `Dependencies are declared through the build system or platform in ${buildDecl[0].path}.`,
        evidence: firstN(buildDecl, 3).map(m =>
          matchEvidence(m, 'Python requirements declared by the build system'),
        ),
      };
    }

    const evidence: Evidence[] = [];
    for (const m of manifests) {
      evidence.push(
        fileEvidence(
          m.path,
          m.auxiliary
            ? 'Documentation or test manifest: it does not describe the service environment'
            : 'Manifest declares no dependencies',
        ),
      );
    }
    for (const source of firstN(facts.mlModules, 3)) {
      const imp = source.imports.find(i =>
        ML_LIBRARIES.has(i.module.split('.')[0]),
      );
      if (imp) {
        evidence.push(
          lineEvidence(
            source,
            imp.line,
            `Imports ${imp.module.split('.')[0]}, which no manifest declares`,
          ),
        );
      }
    }
    return {
      status: 'fail',
      summary:
        manifests.length > 0
          ? `No manifest declares the service's dependencies (only ${listOf(
              manifests.map(m => m.path),
            )}).`
          : 'No dependency manifest found (requirements*.txt, pyproject.toml dependencies, Pipfile, setup.py, setup.cfg install_requires, environment.yml or pixi.toml).',
      evidence: firstN(evidence),
    };
  },
};
