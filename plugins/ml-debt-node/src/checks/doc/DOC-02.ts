import { Automation, Evidence } from '@ml-debt/plugin-ml-debt-common';
import { PythonSource } from '../../analysis/python';
import { joinedCode, joinedLines } from '../../analysis/sourceText';
import { CheckContext, MlDebtCheck } from '../../engine/types';
import { fileEvidence, firstN, lineEvidence, matchEvidence } from '../support';
import { frontMatter, headingLines } from './support';

const DATASHEET_FILE =
  /(?:^|\/)[^/]*(?:datasheet|data[_-]?sheet|data[_-]?card|dataset[_-]?card|data[_-]?statement|data[_-]?dictionary)[^/]*\.(?:md|rst|txt|ya?ml|json|html)$/i;
const DATA_README =
  /(?:^|\/)(?:data|datasets?)\/README(?:\.(?:md|rst|txt))?$|(?:^|\/)DATA(?:SETS?)?\.md$/i;
const DATA_LINK =
  /datasheet|data[\s_-]?card|data[\s_-]?dictionary|dataset documentation/i;
const DATA_HEADING = /\b(?:data|datasets?|training data|data sources?)\b/i;

/** What a datasheet should say (Gebru et al.; the card's remediation step 1). */
const DATASHEET_TOPICS: Array<[string, RegExp]> = [
  ['provenance', /provenance|collect|source|origin|motivation/i],
  ['schema', /schema|columns?|fields?|composition|features?/i],
  ['consent and privacy', /consent|privacy|personal|pii|gdpr|sensitive/i],
  ['retention', /retention|deletion|maintenance|refresh|updated/i],
  ['uses', /intended use|uses|use cases?|limitations/i],
];
const MIN_TOPICS = 3;

/** The card's PII lexicon, with `_` as a word separator so `customer_email` counts. */
const PII =
  /(?<![A-Za-z0-9])(?:ssn|social_security(?:_number)?|e_?mail(?:_address)?|phone(?:_number)?|dob|date_of_birth|birth_?date|address|zip_?code|zip(?!\s*\()|postcode|postal_code|ip_address|credit_card(?:_number)?|iban|passport(?:_number)?|national_id|first_name|last_name|full_name)(?![A-Za-z0-9])/i;
/**
 * {@link PII} without the `zip(` guard (whose lookahead could look past a
 * line break): matches wherever PII matches on a single line, so a text it
 * does not match has no PII finding.
 */
const PII_PREFILTER =
  /(?<![A-Za-z0-9])(?:ssn|social_security(?:_number)?|e_?mail(?:_address)?|phone(?:_number)?|dob|date_of_birth|birth_?date|address|zip_?code|zip|postcode|postal_code|ip_address|credit_card(?:_number)?|iban|passport(?:_number)?|national_id|first_name|last_name|full_name)(?![A-Za-z0-9])/i;
/** Anonymisation in the same module (card regex). */
const ANONYMISATION =
  /hash|sha256|anonymi|pseudonymi|presidio|redact|mask|tokeni[sz]/i;
/** PII only joined on, dropped or deny-listed (the card's false-positive guard). */
const JOIN_OR_DROP =
  /\.drop\(|\bdrop|exclude|deny|forbidden|block_?list|\bon\s*=|left_on|right_on|\bjoin\b|\busing\s*\(|pii|sensitive|redact|private|default_args|email_on_|alert|notif|contact|maintainer|author/i;
/** A feature allow/deny-list test (Breck Data 4). */
const DENY_LIST_TEST =
  /forbidden_features|allowed_features|deny_?list|denylist|blocklist|pii/i;
const PII_CONFIG_GLOBS = [
  '**/*.sql',
  '**/{conf,config,configs,features,feature_repo,schema,schemas}/**/*.{yaml,yml,json}',
  '**/*feature*.{yaml,yml}',
  '**/params.{yaml,yml}',
  '**/config*.{yaml,yml}',
];

/** PII-like names in a module that is not anonymising them, skipping joins, drops and deny-lists. */
function piiInSource(source: PythonSource): Evidence[] {
  // ANONYMISATION cannot match across a line break: one test of the whole text.
  if (ANONYMISATION.test(joinedLines(source))) return [];
  // No PII-like name in the code or in a (non-docstring) string: no findings.
  if (
    !PII_PREFILTER.test(joinedCode(source)) &&
    !source.strings.some(s => !s.docstring && PII_PREFILTER.test(s.value))
  )
    return [];
  const stringsByLine = new Map<number, string[]>();
  for (const s of source.strings) {
    if (s.docstring) continue;
    stringsByLine.set(s.line, [...(stringsByLine.get(s.line) ?? []), s.value]);
  }
  const found: Evidence[] = [];
  // The target of a multi-line list/dict being assigned, e.g. DROP_COLUMNS = [ … ].
  let target: string | undefined;
  let depth = 0;
  source.code.forEach((code, i) => {
    const assignment = /^\s*([\w.]+)\s*(?::[^=]{1,80})?=\s*[[({]/.exec(code);
    if (depth === 0) target = assignment?.[1];
    const context = `${target ?? ''} ${code}`;
    if (!/^\s*(?:import|from)\s/.test(code) && !JOIN_OR_DROP.test(context)) {
      const hit =
        PII.exec(code)?.[0] ??
        (stringsByLine.get(i + 1) ?? [])
          .map(v => PII.exec(v)?.[0])
          .find(Boolean);
      if (hit)
        found.push(
          lineEvidence(
            source,
            i + 1,
            `Possible PII field "${hit}" with no anonymisation in this module.`,
          ),
        );
    }
    depth = Math.max(
      0,
      depth +
        (code.match(/[[({]/g)?.length ?? 0) -
        (code.match(/[\])}]/g)?.length ?? 0),
    );
    if (depth === 0) target = undefined;
  });
  return found;
}

/** One finding per file and field, so a field used on every line is reported once. */
function distinctFields(findings: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return findings.filter(f => {
    const key = `${f.path}|${/"([^"]+)"/.exec(f.message)?.[1]?.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function piiFindings(ctx: CheckContext): Evidence[] {
  const findings = ctx.facts.productionSources.flatMap(piiInSource);
  const anonymisedFiles = new Set<string>();
  for (const match of ctx.snapshot.search(PII, PII_CONFIG_GLOBS)) {
    if (
      /^\.github\/|catalog-info/.test(match.path) ||
      /^\s*(?:#|--)/.test(match.text)
    )
      continue;
    if (JOIN_OR_DROP.test(match.text) || anonymisedFiles.has(match.path))
      continue;
    if (ANONYMISATION.test(ctx.snapshot.readText(match.path) ?? '')) {
      anonymisedFiles.add(match.path);
      continue;
    }
    findings.push(
      matchEvidence(
        match,
        `Possible PII field "${match.match}" with no anonymisation in this file.`,
      ),
    );
  }
  return distinctFields(findings);
}

interface DataDocs {
  full: Evidence[];
  stubs: Evidence[];
  readmeSections: Evidence[];
}

function dataDocumentation(ctx: CheckContext): DataDocs {
  const { snapshot, entity } = ctx;
  const docs: DataDocs = { full: [], stubs: [], readmeSections: [] };
  for (const file of snapshot.files()) {
    if (!DATASHEET_FILE.test(file.path) && !DATA_README.test(file.path))
      continue;
    const text = snapshot.readText(file.path) ?? '';
    const topics = DATASHEET_TOPICS.filter(([, re]) => re.test(text)).map(
      ([name]) => name,
    );
    const evidence = fileEvidence(
      file.path,
      `Data documentation covering ${
        topics.length
          ? topics.join(', ')
          : 'none of provenance, schema, consent, retention and uses'
      }.`,
    );
    (topics.length >= MIN_TOPICS ? docs.full : docs.stubs).push(evidence);
  }
  for (const readme of snapshot.glob(['README.md', '**/README.md'])) {
    if (DATA_README.test(readme.path)) continue;
    const text = snapshot.readText(readme.path) ?? '';
    const meta = frontMatter(text);
    if (
      meta &&
      /^(?:dataset_info|task_categories|size_categories):/m.test(meta)
    ) {
      docs.full.push(fileEvidence(readme.path, 'Hugging Face dataset card.'));
      continue;
    }
    const lines = text.split(/\r?\n/);
    const heading = headingLines(text).find(h => DATA_HEADING.test(h));
    if (heading && !readme.path.includes('/')) {
      const line = lines.indexOf(heading) + 1;
      docs.readmeSections.push(
        lineEvidence(
          { path: readme.path, lines },
          line,
          'README section about the data (not a datasheet).',
        ),
      );
    }
  }
  for (const link of (entity?.metadata.links ?? []) as Array<{
    title?: string;
    url?: string;
  }>) {
    if (DATA_LINK.test(link.title ?? '') || DATA_LINK.test(link.url ?? '')) {
      docs.full.push({
        message: 'Catalog link to data documentation.',
        path: 'metadata.links',
        snippet: `${link.title ?? ''} ${link.url ?? ''}`.trim(),
      });
    }
  }
  return docs;
}

/**
 * DOC-02 — No data documentation / PII features without privacy controls.
 * The score is the data documentation (datasheet, data card, data README);
 * the PII lexicon match is advisory only (weight 0 per the card) and shows up
 * as evidence and in the summary.
 */
export const DOC_02: MlDebtCheck = {
  id: 'DOC-02',
  title: 'No data documentation, or PII features without privacy controls',
  category: 'documentation',
  weight: 1,
  confidence: 'high',
  mlTestScore: ['data.5', 'data.4'],
  debtType: 'Data dependencies',
  appliesToExperimental: false,
  rationale:
    'A model inherits every property of its training data: where it came from, what it contains, what consent covers it and how long it may be kept. Gebru et al. propose a datasheet for every dataset so that these facts are written down; Breck et al. (2017, Data 4 and Data 5) ask that privacy controls are built into the pipeline. The PII part of this check is a lexicon match with a high false-positive rate, so it is advisory: shown as a checklist item, never scored.',
  references: [
    'Gebru et al. 2021, Datasheets for Datasets, Communications of the ACM (arXiv 1803.09010)',
    'Breck et al. 2017, The ML Test Score, Data 4 (no feature is too costly) and Data 5 (the data pipeline has appropriate privacy controls)',
    'Sculley et al. 2015, Hidden Technical Debt in Machine Learning Systems, §3 (data dependencies)',
  ],
  remediation: [
    'Add a datasheet for each training dataset (for example docs/datasheet-<dataset>.md) that records provenance, schema, consent, retention and intended uses.',
    'Restrict personal data to the features that need it, and hash, pseudonymise or drop identifiers such as e-mail addresses and phone numbers before training.',
    'Implement deletion propagation so a deletion request removes the person from training data and retrained models.',
    'Add a test that fails when a deny-listed feature (forbidden_features) appears in the model’s inputs, and run it in CI.',
  ],
  evaluate(ctx) {
    const docs = dataDocumentation(ctx);
    const pii = piiFindings(ctx);
    const denyListTests = ctx.facts.testSources.filter(s =>
      s.lines.some(l => DENY_LIST_TEST.test(l)),
    );
    const advisory = denyListTests.length > 0 ? [] : pii;
    const advisoryText =
      advisory.length > 0
        ? ` Advisory: ${advisory.length} possible PII field(s) without anonymisation in the same module.`
        : '';
    const evidence = [
      ...docs.full,
      ...docs.stubs,
      ...docs.readmeSections,
      ...denyListTests.map(t =>
        fileEvidence(t.path, 'Feature deny-list test.'),
      ),
      ...firstN(advisory, 10),
    ];
    let automation: Automation = 'none';
    if (denyListTests.length > 0)
      automation = ctx.facts.automationOf(denyListTests.map(t => t.path));
    else if (docs.full.length + docs.stubs.length > 0) automation = 'manual';

    if (docs.full.length > 0) {
      return {
        status: advisory.length > 0 ? 'warn' : 'pass',
        // The PII finding is weightless (card): the score stays with the documentation.
        score: 100,
        summary: `Data documentation found (${docs.full.length} document(s)).${advisoryText}`,
        evidence,
        automation,
      };
    }
    if (docs.stubs.length > 0) {
      return {
        status: 'warn',
        score: 75,
        summary: `Data documentation exists but covers fewer than ${MIN_TOPICS} of provenance, schema, consent, retention and uses.${advisoryText}`,
        evidence,
        automation,
      };
    }
    return {
      status: 'fail',
      summary: `No data documentation (datasheet, data card or data README) was found${
        docs.readmeSections.length > 0
          ? '; a README section about the data is not a datasheet'
          : ''
      }.${advisoryText}`,
      evidence,
      automation,
    };
  },
};
