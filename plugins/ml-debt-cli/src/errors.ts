/** A problem with how the CLI was called: reported without a stack, exit code 2. */
export class UsageError extends Error {
  readonly name = 'UsageError';
}
