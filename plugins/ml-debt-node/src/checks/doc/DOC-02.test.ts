import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { DOC_02 } from './DOC-02';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/DOC-02', name);

describe('DOC-02 no data documentation / PII without privacy controls', () => {
  it('passes with a datasheet covering provenance, schema, consent, retention and uses', async () => {
    const result = await evaluateFixture(DOC_02, fixture('datasheet'));
    expect(result.status).toBe('pass');
    expect(result.score).toBe(100);
    expect(result.automation).toBe('manual');
    expect(result.evidence[0].path).toBe('docs/datasheet-customers.md');
  });

  it('fails without data documentation and lists PII fields as advisory evidence', async () => {
    const result = await evaluateFixture(DOC_02, fixture('no-docs'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.summary).toMatch(/Advisory: 3 possible PII/);
    expect(result.evidence.map(e => `${e.path}:${e.line}`)).toEqual([
      'features.py:6',
      'features.py:7',
      'features.py:12',
    ]);
    expect(result.evidence[0].snippet).toBe('"customer_email",');
  });

  it('does not accept a README section about the data as a datasheet', async () => {
    const result = await evaluateFixture(DOC_02, fixture('readme-section'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
    expect(result.summary).toMatch(
      /README section about the data is not a datasheet/,
    );
    expect(result.evidence[0]).toMatchObject({ path: 'README.md', line: 3 });
  });

  it('keeps the PII finding weightless: documentation present scores 100 with an advisory warning', async () => {
    const result = await evaluateFiles(DOC_02, {
      'docs/datasheet-customers.md':
        '# Datasheet\nProvenance: CRM.\nSchema: columns below.\nRetention: 24 months.\n',
      'features.py': 'FEATURES = ["tenure", "email"]\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(100);
    expect(result.evidence[1]).toMatchObject({ path: 'features.py', line: 1 });
  });

  it('warns on a stub datasheet', async () => {
    const result = await evaluateFiles(DOC_02, {
      'data/README.md': '# Data\nSee the wiki.\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(75);
    expect(result.evidence[0].path).toBe('data/README.md');
  });

  it('reports each PII field once per file', async () => {
    const result = await evaluateFiles(DOC_02, {
      'features.py':
        'def build(df):\n    df["d"] = df["email"].str.len()\n    df["e"] = df["email"].isna()\n    return df\n',
    });
    expect(result.evidence).toHaveLength(1);
    expect(result.evidence[0]).toMatchObject({ path: 'features.py', line: 2 });
  });

  it('does not flag PII that is hashed in the same module, joined on or dropped (guards)', async () => {
    const result = await evaluateFiles(DOC_02, {
      'docs/datasheet.md':
        '# Datasheet\nProvenance, schema, retention and consent.\n',
      'hashed.py':
        'import hashlib\n\ndef key(row):\n    return hashlib.sha256(row["email"].encode()).hexdigest()\n',
      'joined.py':
        'DROP_COLUMNS = [\n    "first_name",\n    "phone",\n]\n\ndef build(a, b):\n    return a.merge(b, on="customer_email").drop(columns=DROP_COLUMNS)\n',
      'sql/features.sql':
        'SELECT SHA256(email) AS email_key FROM crm.customers\n',
    });
    expect(result.status).toBe('pass');
  });

  it('treats a CI-run feature deny-list test as the privacy control, automated', async () => {
    const result = await evaluateFixture(DOC_02, fixture('pii-controlled'));
    expect(result.status).toBe('pass');
    expect(result.automation).toBe('automated');
    expect(result.evidence.map(e => e.path)).toContain(
      'tests/test_forbidden_features.py',
    );
  });

  it('is not applicable to experimental services', async () => {
    const result = await evaluateFixture(DOC_02, fixture('no-docs'), {
      entity: mlServiceEntity({ spec: { lifecycle: 'experimental' } }),
    });
    expect(result.status).toBe('not-applicable');
  });
});
