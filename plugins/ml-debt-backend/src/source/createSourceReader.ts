import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { LocalDirectorySourceReader } from './LocalDirectorySourceReader';
import { readSourceOptions } from './sourceOptions';
import { UrlReaderSourceReader } from './UrlReaderSourceReader';
import { SourceReader } from './types';

/**
 * The source reader the scanner uses: `url:` locations go through the
 * `UrlReaderService`, `dir:` locations through the local-directory reader
 * limited to `mlDebt.sources.localRoots`. Both apply the snapshot limits of
 * `mlDebt.sources`.
 *
 * @throws Error when `mlDebt.sources` is invalid (see {@link readSourceOptions}).
 * @public
 */
export function createSourceReader(options: {
  urlReader: UrlReaderService;
  config: Config;
  /** Resolves relative `localRoots`; the process's working directory by default. */
  workingDirectory?: string;
}): SourceReader {
  const { localRoots, snapshot } = readSourceOptions(options.config, {
    workingDirectory: options.workingDirectory,
  });
  const readers = {
    url: UrlReaderSourceReader.create({
      urlReader: options.urlReader,
      snapshotOptions: snapshot,
    }),
    dir: LocalDirectorySourceReader.create({
      roots: localRoots,
      snapshotOptions: snapshot,
    }),
  };
  return {
    read: (location, readOptions) =>
      readers[location.type].read(location, readOptions),
  };
}
