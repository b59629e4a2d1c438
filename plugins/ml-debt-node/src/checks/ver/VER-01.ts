import { Evidence } from '@ml-debt/plugin-ml-debt-common';
import { MlDebtCheck } from '../../engine/types';
import { fileEvidence, firstN, matchEvidence } from '../support';
import { listOf } from '../rep/support';
import {
  callArguments,
  dirOf,
  dvcPaths,
  dvcStages,
  firstStringHits,
  hitEvidence,
  isMlService,
} from './support';
import { findCodeLines } from '../../analysis/sourceText';

/** Configuration files that may carry a data-version key or a lakeFS URI. */
const CONFIG_GLOBS = [
  '**/*.yaml',
  '**/*.yml',
  '**/*.toml',
  '**/*.json',
  '**/*.cfg',
  '**/*.ini',
  '**/*.conf',
];
const DATA_VERSION_KEY = /data(?:set)?_version["']?\s*[:=]/i;
const LAKEFS = /lakefs:\/\//;
/** Delta / Iceberg time travel, as option names or SQL inside strings. */
const TIME_TRAVEL_STRING =
  /^(?:versionAsOf|timestampAsOf|snapshot-id|as-of-timestamp)$|\b(?:VERSION|TIMESTAMP)\s+AS\s+OF\b|FOR\s+SYSTEM_(?:VERSION|TIME)\s+AS\s+OF/i;
const TIME_TRAVEL_CODE = /\b(?:snapshot_id|as_of_timestamp|version_as_of)\s*=/;
const HF_LOAD_DATASET = /\bload_dataset\s*\(/;
const DVC_COMMAND = /\bdvc\s+(?:repro|pull|push|exp\s+run|fetch|checkout)\b/;
/** A remote section of `.dvc/config`: `['remote "storage"']` or `[remote "storage"]`. */
const DVC_REMOTE = /^\s*\[\s*'?remote\s+"/m;

/**
 * VER-01 — No data versioning, or incomplete DVC. Any mechanism that pins the
 * data a model was trained on counts (DVC, Git LFS, lakeFS, Delta/Iceberg time
 * travel, Hugging Face dataset revisions, a data-version key in config). A DVC
 * set-up is scored as mllint scores it, on the four rules a repository tree
 * can show: DVC initialised, a remote, tracked data, a committed `dvc.lock`.
 */
export const VER_01: MlDebtCheck = {
  id: 'VER-01',
  title: 'No data versioning or incomplete DVC set-up',
  category: 'versioning',
  weight: 3,
  confidence: 'high',
  mlTestScore: ['infra.1'],
  debtType: 'Reproducibility debt; unstable data dependencies',
  appliesToExperimental: true,
  rationale:
    'A model is a function of its code and its data. When the training data is not versioned, nobody can say which data produced the model in production, retraining on "the same" table silently uses changed rows, and a regression cannot be bisected. Sculley et al. (2015, §3) call this an unstable data dependency and recommend a versioned copy of every input; SE4ML lists "Use versioning for data, model, configurations and training scripts" as a core practice, and mllint scores DVC usage in its version-control category.',
  references: [
    'mllint rules version-control/data/*',
    'Serban et al. 2020, SE4ML practice "Use Versioning for Data, Model, Configurations and Training Scripts"',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §3 and §8',
    'Breck et al. 2017, The ML Test Score, Infra 1',
  ],
  remediation: [
    'Run dvc init and track the training data with dvc add, or describe the pipeline as dvc.yaml stages whose outputs DVC tracks.',
    'Configure a shared DVC remote (dvc remote add -d storage s3://…) and commit .dvc/config.',
    'Commit dvc.lock after every dvc repro so the exact data and model hashes are in Git.',
    'Where DVC does not fit, log an immutable dataset snapshot id (a Delta version, a lakeFS commit, a dataset revision) with every training run.',
  ],
  evaluate({ facts, snapshot, entity }) {
    if (!isMlService(facts, entity)) {
      return {
        status: 'not-applicable',
        summary: 'No ML code found: there is no training data to version.',
      };
    }
    const sources = facts.productionSources;

    // Non-DVC mechanisms: any one of them counts as 100.
    const other: Evidence[] = [];
    const mechanisms = new Set<string>();
    const found = (mechanism: string, evidence: Evidence) => {
      mechanisms.add(mechanism);
      other.push(evidence);
    };
    for (const m of snapshot
      .search(/\bfilter=lfs\b/, '**/.gitattributes')
      .slice(0, 3)) {
      found('Git LFS', matchEvidence(m, 'Git LFS versions these files'));
    }
    for (const [key, value] of Object.entries(
      entity?.metadata.annotations ?? {},
    )) {
      if (/\/data-version-source$/.test(key)) {
        found('a catalog data-version source', {
          message: 'The catalog declares where the data versions come from',
          path: `metadata.annotations["${key}"]`,
          snippet: String(value),
        });
      }
    }
    for (const hit of firstStringHits(sources, LAKEFS).slice(0, 3))
      found(
        'lakeFS',
        hitEvidence(hit, 'Reads data through lakeFS, which versions it'),
      );
    for (const hit of firstStringHits(sources, TIME_TRAVEL_STRING).slice(0, 3))
      found(
        'table time travel',
        hitEvidence(hit, 'Reads a pinned table version (time travel)'),
      );
    // The first line of each code rule below, for every source in one pass.
    const firstLines = sources.map(source => ({
      source,
      lines: findCodeLines(source, [
        TIME_TRAVEL_CODE,
        HF_LOAD_DATASET,
        DATA_VERSION_KEY,
      ]),
    }));
    const hitsOf = (rule: number) =>
      firstLines
        .filter(f => f.lines[rule] >= 0)
        .map(f => ({ source: f.source, line: f.lines[rule] + 1 }));
    for (const hit of hitsOf(0).slice(0, 3))
      found(
        'table time travel',
        hitEvidence(hit, 'Reads a pinned table snapshot'),
      );
    for (const { source, lines } of firstLines) {
      const i = lines[1];
      if (i < 0) continue;
      const open = source.code[i].search(HF_LOAD_DATASET);
      const args = callArguments(
        source.code,
        i,
        source.code[i].indexOf('(', open),
      );
      if (/\brevision\s*=/.test(args)) {
        found(
          'a pinned dataset revision',
          hitEvidence(
            { source, line: i + 1 },
            'Loads a pinned dataset revision',
          ),
        );
      }
    }
    for (const hit of hitsOf(2).slice(0, 3))
      found('a data-version key', hitEvidence(hit, 'Records the data version'));
    const configHits = snapshot
      .search(
        new RegExp(`${DATA_VERSION_KEY.source}|${LAKEFS.source}`, 'i'),
        CONFIG_GLOBS,
      )
      .filter(
        m =>
          !facts.isTest(m.path) &&
          !/(?:^|\/)(?:package(?:-lock)?\.json|dvc\.lock)$/.test(m.path),
      );
    for (const m of configHits.slice(0, 3))
      found(
        LAKEFS.test(m.text) ? 'lakeFS' : 'a data-version key',
        matchEvidence(m, 'Configuration pins the data version'),
      );

    // DVC, scored on mllint's statically checkable rules.
    const dvcConfigs = snapshot.glob('**/.dvc/config');
    const dvcYamls = snapshot
      .glob('**/dvc.yaml')
      .filter(f => !facts.isTest(f.path));
    const dvcFiles = snapshot
      .glob('**/*.dvc')
      .filter(f => !facts.isTest(f.path));
    const dvcPresent =
      dvcConfigs.length + dvcYamls.length + dvcFiles.length > 0;

    if (!dvcPresent) {
      if (other.length > 0) {
        return {
          status: 'pass',
          summary: `Training data is versioned with ${listOf([
            ...mechanisms,
          ])}.`,
          evidence: firstN(other),
          automation: facts.findAutomation(/\bgit\s+lfs\b|\blakectl\b/)
            ? 'automated'
            : 'manual',
        };
      }
      return {
        status: 'fail',
        summary:
          'No data versioning: no DVC, Git LFS, lakeFS, table time travel, pinned dataset revision or data-version key.',
      };
    }

    const rules: Array<{ name: string; score: number; evidence: Evidence }> =
      [];
    // Rule 1 ("Project uses DVC") holds: some DVC file is present.
    rules.push({
      name: 'dvc',
      score: 100,
      evidence: fileEvidence(
        (dvcConfigs[0] ?? dvcYamls[0] ?? dvcFiles[0]).path,
        'The project uses DVC',
      ),
    });
    const remote = dvcConfigs.find(f =>
      DVC_REMOTE.test(snapshot.readText(f.path) ?? ''),
    );
    rules.push(
      remote
        ? {
            name: 'remote',
            score: 100,
            evidence: fileEvidence(remote.path, 'A DVC remote is configured'),
          }
        : {
            name: 'remote',
            score: 0,
            evidence: fileEvidence(
              dvcConfigs[0]?.path ?? (dvcYamls[0] ?? dvcFiles[0]).path,
              dvcConfigs.length > 0
                ? 'No DVC remote: the tracked data exists only on one machine'
                : 'No .dvc/config, so no DVC remote: the tracked data exists only on one machine',
            ),
          },
    );
    const stageOuts = dvcYamls.filter(f =>
      facts
        .yaml(f.path)
        .some(doc => dvcStages(doc).some(s => dvcPaths(s.outs).length > 0)),
    );
    rules.push(
      dvcFiles.length > 0 || stageOuts.length > 0
        ? {
            name: 'files',
            score: 100,
            evidence: fileEvidence(
              (dvcFiles[0] ?? stageOuts[0]).path,
              'DVC tracks data files',
            ),
          }
        : {
            name: 'files',
            score: 0,
            evidence: fileEvidence(
              (dvcYamls[0] ?? dvcConfigs[0]).path,
              'DVC tracks no data: no .dvc files and no stage outputs',
            ),
          },
    );
    for (const y of dvcYamls) {
      const lock = `${dirOf(y.path) ? `${dirOf(y.path)}/` : ''}dvc.lock`;
      rules.push(
        snapshot.file(lock)
          ? {
              name: 'lock',
              score: 100,
              evidence: fileEvidence(lock, 'dvc.lock is committed'),
            }
          : {
              name: 'lock',
              score: 0,
              evidence: fileEvidence(
                y.path,
                'dvc.yaml without a committed dvc.lock: the data and model hashes are not recorded',
              ),
            },
      );
    }
    // One lock rule, however many dvc.yaml files: the worst one counts.
    const lockRules = rules.filter(r => r.name === 'lock');
    const scored = [
      ...rules.filter(r => r.name !== 'lock'),
      ...(lockRules.length
        ? [lockRules.reduce((a, b) => (b.score < a.score ? b : a))]
        : []),
    ];
    const dvcScore =
      scored.reduce((sum, r) => sum + r.score, 0) / scored.length;
    const failed = scored.filter(r => r.score < 100);
    const problems: Record<string, string> = {
      dvc: '',
      remote:
        dvcConfigs.length > 0
          ? 'no DVC remote is configured'
          : 'no .dvc/config with a remote is committed',
      files: 'DVC tracks no data files',
      lock: 'dvc.yaml has no committed dvc.lock',
    };
    const automation =
      dvcYamls.length > 0 || facts.findAutomation(DVC_COMMAND)
        ? 'automated'
        : 'manual';

    if (failed.length === 0 || other.length > 0) {
      return {
        status: 'pass',
        summary:
          failed.length === 0
            ? 'Training data is versioned with DVC: initialised, with a remote, tracked files and a committed lock.'
            : `Training data is versioned with ${listOf([
                ...mechanisms,
              ])}; the DVC set-up is incomplete: ${failed
                .map(r => problems[r.name])
                .join('; ')}.`,
        evidence: firstN([...other, ...scored.map(r => r.evidence)]),
        automation,
      };
    }
    return {
      status: dvcScore === 0 ? 'fail' : 'warn',
      score: dvcScore,
      summary: `DVC is set up incompletely: ${failed
        .map(r => problems[r.name])
        .join('; ')}.`,
      evidence: [...failed, ...scored.filter(r => r.score === 100)].map(
        r => r.evidence,
      ),
      automation,
    };
  },
};
