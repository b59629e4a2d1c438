import fs from 'node:fs';
import path from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { isMlService } from '@ml-debt/plugin-ml-debt-common';
import { parse } from 'yaml';
import { resolveSourceLocation } from './resolveSourceLocation';

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'fraud-detection', namespace: 'default', annotations },
    spec: { type: 'ml-service', owner: 'group:default/risk-ml' },
  };
}

const CATALOG_FILE = 'file:/srv/estate/repos/fraud-detection/catalog-info.yaml';

describe('resolveSourceLocation', () => {
  it('prefers ml-debt.io/source-location over backstage.io/source-location', () => {
    const entity = component({
      'backstage.io/source-location':
        'url:https://github.com/acme/fraud/tree/main/',
      'ml-debt.io/source-location':
        'url:https://github.com/acme/fraud-ml/tree/dev/model/',
    });

    expect(resolveSourceLocation(entity)).toEqual({
      type: 'url',
      target: 'https://github.com/acme/fraud-ml/tree/dev/model/',
    });
  });

  it('uses backstage.io/source-location when there is no override', () => {
    const entity = component({
      'backstage.io/source-location':
        'url:https://github.com/acme/fraud/tree/main/',
    });

    expect(resolveSourceLocation(entity)).toEqual({
      type: 'url',
      target: 'https://github.com/acme/fraud/tree/main/',
    });
  });

  it('keeps a url: target exactly as written', () => {
    const entity = component({
      'backstage.io/source-location': 'url:https://gitlab.example.com/ml/fraud',
    });

    expect(resolveSourceLocation(entity)).toEqual({
      type: 'url',
      target: 'https://gitlab.example.com/ml/fraud',
    });
  });

  it('resolves dir:. to the folder of the entity’s file: catalog location', () => {
    const entity = component({
      'backstage.io/managed-by-location': CATALOG_FILE,
      'ml-debt.io/source-location': 'dir:.',
    });

    expect(resolveSourceLocation(entity)).toEqual({
      type: 'dir',
      target: '/srv/estate/repos/fraud-detection',
    });
  });

  it('resolves a relative dir: path against that folder', () => {
    const entity = component({
      'backstage.io/managed-by-location': CATALOG_FILE,
      'ml-debt.io/source-location': 'dir:../shared/fraud-model',
    });

    expect(resolveSourceLocation(entity)).toEqual({
      type: 'dir',
      target: '/srv/estate/repos/shared/fraud-model',
    });
  });

  it('keeps an absolute dir: path', () => {
    const entity = component({
      'ml-debt.io/source-location': 'dir:/srv/checkouts/fraud',
    });

    expect(resolveSourceLocation(entity)).toEqual({
      type: 'dir',
      target: '/srv/checkouts/fraud',
    });
  });

  it('resolves a relative dir: path against a url: catalog location as a URL', () => {
    const entity = component({
      'backstage.io/managed-by-location':
        'url:https://github.com/acme/fraud/blob/main/catalog-info.yaml',
      'ml-debt.io/source-location': 'dir:./model',
    });

    expect(resolveSourceLocation(entity)).toEqual({
      type: 'url',
      target: 'https://github.com/acme/fraud/blob/main/model',
    });
  });

  it('does not fall back to backstage.io/source-location when the override cannot be resolved', () => {
    const entity = component({
      'backstage.io/source-location':
        'url:https://github.com/acme/fraud/tree/main/',
      'ml-debt.io/source-location': 'dir:.',
    });

    const resolved = resolveSourceLocation(entity);

    expect(resolved.type).toBe('error');
    expect(resolved.type === 'error' && resolved.error).toMatchObject({
      name: 'InputError',
      message:
        'Entity component:default/fraud-detection: annotation ml-debt.io/source-location "dir:." is relative, but the entity has no file: or url: backstage.io/managed-by-location to resolve it against',
    });
  });

  it('explains which annotations to set when the entity has none', () => {
    const resolved = resolveSourceLocation(component({}));

    expect(resolved.type === 'error' && resolved.error.message).toBe(
      'Entity component:default/fraud-detection: no source location; set the annotation ml-debt.io/source-location or backstage.io/source-location to url:<url> or dir:<path>',
    );
  });

  it.each([
    [
      'github:acme/fraud',
      'must be url:<url> or dir:<path>, got "github:acme/fraud"',
    ],
    ['url:', 'must be url:<url> or dir:<path>, got "url:"'],
    [
      'url:not a url',
      'has an invalid URL "not a url"; expected an http(s) URL',
    ],
    [
      'url:ftp://files.example.com/fraud',
      'has an invalid URL "ftp://files.example.com/fraud"; expected an http(s) URL',
    ],
  ])(
    'rejects the malformed value %s, naming the annotation',
    (value, reason) => {
      const resolved = resolveSourceLocation(
        component({ 'ml-debt.io/source-location': value }),
      );

      expect(resolved.type === 'error' && resolved.error.message).toBe(
        `Entity component:default/fraud-detection: annotation ml-debt.io/source-location ${reason}`,
      );
    },
  );

  it('rejects an absolute dir: path under a url: catalog location', () => {
    const entity = component({
      'backstage.io/managed-by-location':
        'url:https://github.com/acme/fraud/blob/main/catalog-info.yaml',
      'ml-debt.io/source-location': 'dir:/srv/fraud',
    });

    const resolved = resolveSourceLocation(entity);

    expect(resolved.type === 'error' && resolved.error.message).toContain(
      'annotation ml-debt.io/source-location "dir:/srv/fraud" cannot be resolved against backstage.io/managed-by-location',
    );
  });

  it('finds every demo ML service’s repository next to its own catalog file', () => {
    const reposDir = path.resolve(__dirname, '../../../../examples/repos');
    const services = fs
      .readdirSync(reposDir)
      .map(repo => {
        const catalogFile = path.join(reposDir, repo, 'catalog-info.yaml');
        const entity: Entity = parse(fs.readFileSync(catalogFile, 'utf8'));
        entity.metadata.annotations = {
          ...entity.metadata.annotations,
          // What the catalog adds when it reads the demo estate from disk.
          'backstage.io/managed-by-location': `file:${catalogFile}`,
        };
        return { repo, entity };
      })
      .filter(({ entity }) => isMlService(entity));
    expect(services.length).toBeGreaterThanOrEqual(10);

    for (const { repo, entity } of services) {
      expect(resolveSourceLocation(entity)).toEqual({
        type: 'dir',
        target: path.join(reposDir, repo),
      });
    }
  });
});
