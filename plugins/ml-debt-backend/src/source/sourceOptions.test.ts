import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readSourceOptions } from './sourceOptions';

function sources(values: JsonObject) {
  return new ConfigReader({ mlDebt: { sources: values } });
}

describe('readSourceOptions', () => {
  it('defaults to no local roots and the documented snapshot limits', () => {
    expect(readSourceOptions(new ConfigReader({}))).toEqual({
      localRoots: [],
      snapshot: {
        maxFileBytes: 1024 * 1024,
        maxFiles: 20_000,
        maxTotalBytes: 200 * 1024 * 1024,
      },
    });
  });

  it('resolves relative local roots against the working directory', () => {
    const options = readSourceOptions(
      sources({ localRoots: ['../../examples', '/srv/checkouts'] }),
      { workingDirectory: '/opt/portal/packages/backend' },
    );

    expect(options.localRoots).toEqual([
      '/opt/portal/examples',
      '/srv/checkouts',
    ]);
  });

  it('uses configured limits, including numbers substituted from the environment as strings', () => {
    const options = readSourceOptions(
      sources({ maxFileBytes: 2048, maxFiles: '50', maxTotalBytes: 4096 }),
    );

    expect(options.snapshot).toEqual({
      maxFileBytes: 2048,
      maxFiles: 50,
      maxTotalBytes: 4096,
    });
  });

  it.each([
    [
      { maxFileBytes: 0 },
      'mlDebt.sources.maxFileBytes must be a positive integer, got 0',
    ],
    [
      { maxFiles: -5 },
      'mlDebt.sources.maxFiles must be a positive integer, got -5',
    ],
    [
      { maxTotalBytes: 1.5 },
      'mlDebt.sources.maxTotalBytes must be a positive integer, got 1.5',
    ],
    [
      { maxFiles: 'many' },
      'mlDebt.sources.maxFiles must be a positive integer, got "many"',
    ],
  ])(
    'rejects a limit that is not a positive integer: %j',
    (values, message) => {
      expect(() => readSourceOptions(sources(values))).toThrow(
        `Invalid configuration: ${message}`,
      );
    },
  );

  it('rejects localRoots that is not a list', () => {
    expect(() =>
      readSourceOptions(sources({ localRoots: '../../examples' })),
    ).toThrow(
      'Invalid configuration: mlDebt.sources.localRoots must be a list of directory paths, got "../../examples"',
    );
  });

  it('rejects an empty root, naming its position', () => {
    expect(() =>
      readSourceOptions(sources({ localRoots: ['/srv/checkouts', '  '] })),
    ).toThrow(
      'Invalid configuration: mlDebt.sources.localRoots[1] must be a non-empty directory path, got "  "',
    );
  });
});
