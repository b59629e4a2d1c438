import path from 'node:path';
import {
  evaluateFiles,
  evaluateFixture,
  mlServiceEntity,
} from '../../testUtils';
import { REP_04 } from './REP-04';
import { parseDockerfile } from './dockerfile';

const fixture = (name: string) =>
  path.join(__dirname, '__fixtures__/REP-04', name);

describe('REP-04 no reproducible runtime environment', () => {
  it('fails without a Dockerfile or environment file', async () => {
    const result = await evaluateFixture(REP_04, fixture('no-environment'));
    expect(result.status).toBe('fail');
    expect(result.score).toBe(0);
  });

  it('passes a multi-stage build whose ARG base image is pinned by digest, built in CI', async () => {
    const result = await evaluateFixture(REP_04, fixture('pinned-digest'), {
      entity: mlServiceEntity(),
    });
    expect(result.status).toBe('pass');
    expect(result.summary).not.toContain('advisory');
    expect(result.automation).toBe('automated');
    expect(result.evidence[0]).toMatchObject({
      path: 'Dockerfile',
      line: 4,
      snippet: 'FROM --platform=$BUILDPLATFORM ${PYTHON_IMAGE} AS build',
    });
  });

  it('scores a :latest base image 50', async () => {
    const result = await evaluateFixture(REP_04, fixture('latest-base'));
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.automation).toBe('manual');
    expect(result.evidence[0]).toMatchObject({
      path: 'Dockerfile',
      line: 1,
      snippet: 'FROM python:latest',
    });
  });

  it('scores an untagged base image 50 but not a reference to an earlier stage', async () => {
    const result = await evaluateFiles(REP_04, {
      Dockerfile:
        'FROM python:3.11-slim AS builder\nRUN pip wheel . -w /w\nFROM builder\nFROM nvidia/cuda\n',
      'train.py': 'import torch\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(50);
    expect(result.evidence).toHaveLength(1);
    expect(result.evidence[0]).toMatchObject({ path: 'Dockerfile', line: 4 });
  });

  it('scores a base image chosen by a build argument without default 50', async () => {
    const result = await evaluateFiles(REP_04, {
      Dockerfile: 'ARG BASE\nFROM $BASE\n',
      'train.py': 'import torch\n',
    });
    expect(result.status).toBe('warn');
    expect(result.evidence[0].message).toContain('chosen at build time');
  });

  it('passes a production image pinned by tag only, with a minor advisory', async () => {
    const result = await evaluateFiles(
      REP_04,
      {
        Dockerfile: 'FROM python:3.11.9-slim\n',
        'serve.py': 'import sklearn\n',
      },
      { entity: mlServiceEntity() },
    );
    expect(result.status).toBe('pass');
    expect(result.summary).toContain('advisory');
    expect(result.evidence[0].message).toContain('no digest');
  });

  it('flags training and serving images on different bases as advisory', async () => {
    const result = await evaluateFiles(REP_04, {
      'docker/train.Dockerfile':
        'FROM pytorch/pytorch:2.3.1-cuda12.1-cudnn8-runtime\n',
      'docker/serve.Dockerfile': 'FROM python:3.11.9-slim\n',
      'train.py': 'import torch\n',
    });
    expect(result.status).toBe('warn');
    expect(result.score).toBe(75);
    expect(result.evidence.map(e => e.path)).toEqual([
      'docker/train.Dockerfile',
      'docker/serve.Dockerfile',
    ]);
  });

  it('passes with a conda environment file', async () => {
    const result = await evaluateFiles(REP_04, {
      'environment.yml': 'name: churn\ndependencies:\n  - numpy=1.26.4\n',
      'train.py': 'import sklearn\n',
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0].path).toBe('environment.yml');
  });

  it('does not take application settings named environment.yaml for a conda environment', async () => {
    const result = await evaluateFiles(REP_04, {
      'config/environment.yaml': 'stage: prod\nreplicas: 3\n',
      'train.py': 'import sklearn\n',
    });
    expect(result.status).toBe('fail');
  });

  it('accepts a SageMaker framework container (guard: platform-built images)', async () => {
    const result = await evaluateFiles(REP_04, {
      'pipeline/train_job.py':
        'from sagemaker.sklearn import SKLearn\n\nestimator = SKLearn(entry_point="train.py", framework_version="1.2-1")\n',
      'train.py': 'import sklearn\n',
    });
    expect(result.status).toBe('pass');
    expect(result.evidence[0]).toMatchObject({
      path: 'pipeline/train_job.py',
      line: 1,
    });
  });

  it('accepts a pinned image: in a job spec, and scores a floating one 50', async () => {
    const pinned = await evaluateFiles(REP_04, {
      'deploy/job.yaml':
        'apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - name: train\n          image: ghcr.io/acme/churn-train:1.4.2\n',
      'train.py': 'import sklearn\n',
    });
    expect(pinned.status).toBe('pass');
    expect(pinned.evidence[0]).toMatchObject({
      path: 'deploy/job.yaml',
      line: 8,
    });
    const floating = await evaluateFiles(REP_04, {
      'deploy/job.yaml':
        'kind: Job\nspec:\n  containers:\n    - image: ghcr.io/acme/churn-train:latest\n',
      'train.py': 'import sklearn\n',
    });
    expect(floating.status).toBe('warn');
    expect(floating.score).toBe(50);
  });

  it('is not applicable without Python code or a Dockerfile', async () => {
    const result = await evaluateFiles(REP_04, {
      'index.html': '<html></html>',
    });
    expect(result.status).toBe('not-applicable');
  });
});

describe('parseDockerfile', () => {
  it('handles continuation lines, --platform, ARG defaults with ${VAR:-x} and stage names', () => {
    const stages = parseDockerfile(
      'ARG TAG=3.11\nFROM --platform=linux/amd64 \\\n  python:${TAG}-slim AS base\nFROM base AS final\nFROM ${IMG:-ubuntu:22.04}\n',
    );
    expect(stages.map(s => [s.line, s.image, s.pin])).toEqual([
      [2, 'python:3.11-slim', 'tagged'],
      [4, 'base', 'internal'],
      [5, 'ubuntu:22.04', 'tagged'],
    ]);
    expect(stages[1].resolvedBase).toBe('python:3.11-slim');
  });

  it('does not take a registry port for a tag', () => {
    const [stage] = parseDockerfile('FROM localhost:5000/team/base\n');
    expect(stage.pin).toBe('floating');
  });
});
