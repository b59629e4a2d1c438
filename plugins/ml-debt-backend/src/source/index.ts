export { resolveSourceLocation } from './resolveSourceLocation';
export { LocalDirectorySourceReader } from './LocalDirectorySourceReader';
export { UrlReaderSourceReader } from './UrlReaderSourceReader';
export { createSourceReader } from './createSourceReader';
export { readSourceOptions } from './sourceOptions';
export type { SourceOptions } from './sourceOptions';
export { isSourceNotModified } from './types';
export type {
  SourceLocation,
  SourceNotModified,
  SourceReader,
  SourceReadOptions,
  SourceSnapshot,
  UnresolvableSourceLocation,
} from './types';
