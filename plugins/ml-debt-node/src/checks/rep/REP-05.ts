import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { RepositoryFacts } from '../../analysis/RepositoryFacts';
import { MlDebtCheck } from '../../engine/types';
import { fileEvidence, firstN } from '../support';
import { isPythonProject, listOf, textLineEvidence } from './support';

const DEPENDABOT = /^\.github\/dependabot\.ya?ml$/;
const RENOVATE =
  /^(?:renovate\.json5?|\.renovaterc(?:\.json5?)?|\.github\/renovate\.json5?|\.gitlab\/renovate\.json5?)$/;

/** Dependabot ecosystems that cover Python manifests (pip covers Poetry, Pipenv and pip-compile). */
const DEPENDABOT_PYTHON = new Set(['pip', 'uv', 'pipenv', 'poetry', 'conda']);

/** Renovate managers that read Python manifests. */
const RENOVATE_PYTHON = new Set([
  'pip_requirements',
  'pip-compile',
  'pip_setup',
  'pipenv',
  'poetry',
  'pep621',
  'pep723',
  'setup-cfg',
  'pixi',
  'conda',
]);

/** A CI step that audits dependencies for known vulnerabilities. */
const AUDIT_STEP =
  /\bpip-audit\b|\bsafety\s+(?:check|scan)\b|\bosv-scanner\b|\bsnyk\s+test\b|pypa\/gh-action-pip-audit|google\/osv-scanner-action|snyk\/actions\/python/;

interface BotConfig {
  path: string;
  bot: 'Dependabot' | 'Renovate';
  /** Whether it watches the Python manifests; undefined when it cannot tell. */
  coversPython?: boolean;
  /** Renovate `"enabled": false`. */
  disabled?: boolean;
  ecosystems?: string[];
}

function readDependabot(facts: RepositoryFacts, filePath: string): BotConfig {
  const doc = facts.yaml(filePath)[0] as Record<string, any> | undefined;
  const updates = Array.isArray(doc?.updates) ? doc!.updates : undefined;
  if (!updates) return { path: filePath, bot: 'Dependabot' };
  const ecosystems = updates
    .map((u: any) => u?.['package-ecosystem'])
    .filter((e: unknown): e is string => typeof e === 'string');
  return {
    path: filePath,
    bot: 'Dependabot',
    ecosystems,
    coversPython: ecosystems.some((e: string) => DEPENDABOT_PYTHON.has(e)),
  };
}

function readRenovate(facts: RepositoryFacts, filePath: string): BotConfig {
  const text = facts.snapshot.readText(filePath) ?? '';
  let config: any;
  try {
    // JSON5 comments are common in Renovate configs; strip whole-line ones.
    config = JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
  } catch {
    return { path: filePath, bot: 'Renovate' };
  }
  if (config?.enabled === false) {
    return { path: filePath, bot: 'Renovate', disabled: true };
  }
  const managers: unknown = config?.enabledManagers;
  if (!Array.isArray(managers) || managers.length === 0) {
    // Renovate enables every manager by default.
    return { path: filePath, bot: 'Renovate', coversPython: true };
  }
  return {
    path: filePath,
    bot: 'Renovate',
    ecosystems: managers.map(String),
    coversPython: managers.some(m => RENOVATE_PYTHON.has(String(m))),
  };
}

/**
 * REP-05 — No automated dependency-change notification (Breck Monitor 1 for
 * code dependencies). Dependabot and Renovate configurations are parsed, so a
 * bot that only watches GitHub Actions or Docker does not count as watching
 * the Python dependencies.
 */
export const REP_05: MlDebtCheck = {
  id: 'REP-05',
  title: 'No automated dependency-change notification',
  category: 'reproducibility',
  weight: 1,
  confidence: 'high',
  mlTestScore: ['monitor.1'],
  debtType: 'Unstable dependencies; process management debt',
  appliesToExperimental: true,
  rationale:
    'ML services depend on fast-moving frameworks whose new releases change defaults, fix numerical bugs and close vulnerabilities. Monitor 1 of the ML Test Score asks that the team is notified when a dependency changes; without a dependency bot or an audit step, pins age silently until an upgrade becomes a migration.',
  references: [
    'Breck et al. 2017, The ML Test Score, Monitor 1',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §3 (unstable dependencies)',
    'GitHub Dependabot version updates; Renovate',
  ],
  remediation: [
    'Enable Dependabot (.github/dependabot.yml) or Renovate for the pip, Docker and GitHub Actions ecosystems.',
    'Add a pip-audit step to CI so known vulnerabilities in the locked dependencies fail the build.',
    'Make sure the owning team also receives change announcements for its upstream data sources (Monitor 1 covers data as well as code).',
  ],
  evaluate({ facts }) {
    if (!isPythonProject(facts)) {
      return {
        status: 'not-applicable',
        summary:
          'No Python code or Python manifest in the repository: Python dependency notifications do not apply.',
      };
    }
    const bots: BotConfig[] = [];
    for (const f of facts.snapshot.files()) {
      if (DEPENDABOT.test(f.path)) bots.push(readDependabot(facts, f.path));
      else if (RENOVATE.test(f.path)) bots.push(readRenovate(facts, f.path));
    }
    const audit = facts.ciFiles.flatMap(ci =>
      ci.text
        .split(/\r?\n/)
        .map((text, i) => ({ text, line: i + 1, path: ci.path }))
        .filter(l => AUDIT_STEP.test(l.text) && !/^\s*#/.test(l.text)),
    );
    const auditEvidence = firstN(audit, 3).map(a =>
      textLineEvidence(
        facts.snapshot,
        a.path,
        a.line,
        'Dependency audit in CI',
      ),
    );
    const enabled = bots.filter(b => !b.disabled);
    const covering = enabled.filter(b => b.coversPython !== false);
    const hasPython = facts.dependencyManifests.length > 0;

    if (covering.length > 0 || (enabled.length > 0 && !hasPython)) {
      const names = [...new Set(enabled.map(b => b.bot))];
      return {
        status: 'pass',
        summary: `${listOf(names)} proposes dependency updates (${listOf(
          enabled.map(b => b.path),
        )})${audit.length ? ' and CI audits the dependencies' : ''}.`,
        evidence: [
          ...enabled.map(b =>
            fileEvidence(
              b.path,
              b.ecosystems
                ? `${b.bot} configuration (${b.ecosystems.join(', ')})`
                : `${b.bot} configuration`,
            ),
          ),
          ...auditEvidence,
        ],
        automation: 'automated',
      };
    }
    if (audit.length > 0) {
      return {
        status: 'pass',
        summary: `CI audits the dependencies (${listOf([
          ...new Set(audit.map(a => a.path)),
        ])}).`,
        evidence: auditEvidence,
        automation: 'automated',
      };
    }
    if (enabled.length > 0) {
      const evidence: Evidence[] = enabled.map(b =>
        fileEvidence(
          b.path,
          `${b.bot} watches only ${listOf(b.ecosystems ?? [], 5)}`,
        ),
      );
      return {
        status: 'warn',
        score: 50,
        summary: `${listOf(
          enabled.map(b => b.bot),
        )} is configured but does not watch the Python dependencies (only ${listOf(
          enabled.flatMap(b => b.ecosystems ?? []),
          5,
        )}).`,
        evidence,
        automation: 'automated',
      };
    }
    return {
      status: 'fail',
      summary:
        bots.length > 0
          ? `The dependency bot is disabled in ${listOf(
              bots.map(b => b.path),
            )} and no CI step audits the dependencies.`
          : 'No dependency bot (Dependabot, Renovate) and no CI step auditing dependencies (pip-audit, safety, osv-scanner, snyk).',
      evidence: bots.map(b => fileEvidence(b.path, `${b.bot} is disabled`)),
    };
  },
};
