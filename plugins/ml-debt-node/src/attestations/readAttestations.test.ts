import path from 'node:path';
import { computeMlTestScore } from '@ml-debt/plugin-ml-debt-common';
import { RepositoryFacts } from '../analysis/RepositoryFacts';
import {
  createDirectorySnapshot,
  createMemorySnapshot,
} from '../snapshot/Snapshot';
import { RepositorySnapshot } from '../snapshot/types';
import { readAttestations, ReadAttestationsOptions } from './readAttestations';

const NOW = new Date('2026-11-27T00:00:00Z');

const read = (
  snapshot: RepositorySnapshot,
  options: ReadAttestationsOptions = {},
) =>
  readAttestations(snapshot, new RepositoryFacts(snapshot), {
    now: NOW,
    ...options,
  });

const fixture = (name: string) =>
  createDirectorySnapshot(path.join(__dirname, '__fixtures__', name));

const mem = (files: Record<string, string>) =>
  createMemorySnapshot(
    Object.entries(files).map(([p, content]) => ({ path: p, content })),
  );

describe('readAttestations', () => {
  const result = read(fixture('team-attested'));
  const accepted = (id: string) => result.accepted.find(a => a.id === id);
  const problems = (id: string) => result.problems.filter(p => p.test === id);

  it('accepts valid attestations with their points', () => {
    expect(result.path).toBe('.ml-test-score.yaml');
    expect(result.accepted.map(a => [a.id, a.points])).toEqual([
      ['data.2', 0.5],
      ['data.6', 0.5],
      ['model.2', 1],
      ['infra.5', 1],
      ['infra.7', 0.5],
    ]);
    expect(accepted('data.2')).toEqual({
      id: 'data.2',
      status: 'manual',
      evidence: 'docs/feature-ablation.md',
      reviewed: '2026-10-30',
      evidenceAutomated: false,
      points: 0.5,
    });
  });

  it('gives automated attestations the full point only for automation evidence', () => {
    // The evidence is a workflow itself.
    expect(accepted('model.2')).toMatchObject({
      status: 'automated',
      evidenceAutomated: true,
      points: 1,
    });
    // The evidence is a script a scheduled workflow runs.
    expect(accepted('infra.5')).toMatchObject({
      evidenceAutomated: true,
      points: 1,
    });
    // A runbook is not automation: capped at 0.5, with a warning.
    expect(accepted('infra.7')).toMatchObject({
      status: 'automated',
      evidenceAutomated: false,
      points: 0.5,
    });
    expect(problems('infra.7')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: '.ml-test-score.yaml',
        line: 11,
        message: expect.stringMatching(/counts as manual \(0\.5 points\)/),
      }),
    ]);
  });

  it('rejects attestations whose evidence does not exist', () => {
    expect(accepted('model.4')).toBeUndefined();
    expect(problems('model.4')).toEqual([
      expect.objectContaining({
        severity: 'rejected',
        line: 8,
        message: expect.stringMatching(
          /`docs\/staleness-curve\.md` does not exist/,
        ),
      }),
    ]);
  });

  it('ages out attestations reviewed more than 180 days ago', () => {
    expect(accepted('data.3')).toBeUndefined();
    expect(problems('data.3')[0]).toMatchObject({
      severity: 'rejected',
      message: expect.stringMatching(/2026-01-10, 321 days ago/),
    });
    const lenient = read(fixture('team-attested'), { maxAgeDays: 365 });
    expect(lenient.accepted.map(a => a.id)).toContain('data.3');
  });

  it('rejects unknown test ids and statuses', () => {
    expect(problems('model.9')[0]).toMatchObject({
      severity: 'rejected',
      message: expect.stringMatching(/not an ML Test Score test id/),
    });
    expect(problems('monitor.4')[0]).toMatchObject({
      severity: 'rejected',
      message: expect.stringMatching(/status must be `manual` or `automated`/),
    });
  });

  it('accepts an undated attestation with a warning', () => {
    expect(accepted('data.6')?.points).toBe(0.5);
    expect(problems('data.6')[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/cannot age out/),
    });
  });

  it('feeds the ML Test Score as attested points', () => {
    const score = computeMlTestScore({
      results: [],
      checks: [],
      attestations: result.accepted,
      now: NOW,
    });
    expect(score.sections).toEqual({
      data: 1,
      model: 1,
      infrastructure: 1.5,
      monitoring: 0,
    });
    expect(score.tests.find(t => t.id === 'model.2')?.source).toBe('attested');
  });

  it('returns nothing when the repository has no attestation file', () => {
    expect(read(fixture('none'))).toEqual({ accepted: [], problems: [] });
  });

  it('rejects the whole file when it is not valid YAML or not version 1', () => {
    const broken = read(
      mem({
        '.ml-test-score.yaml':
          'version: 1\ntests:\n  data.2: {status: manual\n',
      }),
    );
    expect(broken.accepted).toEqual([]);
    expect(broken.problems[0]).toMatchObject({
      severity: 'rejected',
      message: expect.stringMatching(/not valid YAML/),
    });
    const v2 = read(
      mem({
        '.ml-test-score.yaml':
          'version: 2\ntests:\n  data.2: {status: manual, evidence: a.md}\n',
        'a.md': '# a\n',
      }),
    );
    expect(v2.accepted).toEqual([]);
    expect(v2.problems[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/Unsupported attestation file version 2/),
    });
  });

  it('reads dates given as YAML timestamps, directories as evidence, and a custom path', () => {
    const r = read(
      mem({
        'quality/attestations.yaml':
          "version: 1\ntests:\n  'infra.3': {status: manual, evidence: ./docs/, reviewed: '2026-09-01T10:00:00Z'}\n",
        'docs/integration.md': '# Integration run\n',
      }),
      { path: 'quality/attestations.yaml' },
    );
    expect(r.problems).toEqual([]);
    expect(r.accepted).toEqual([
      {
        id: 'infra.3',
        status: 'manual',
        evidence: 'docs',
        reviewed: '2026-09-01',
        evidenceAutomated: false,
        points: 0.5,
      },
    ]);
  });
});
