import path from 'node:path';

/** Where the benches write their bundles: next to node_modules, so their imports resolve. */
export const BENCH_CACHE_DIR = path.resolve(
  __dirname,
  '../../../node_modules/.cache/ml-debt-bench',
);

/**
 * Bundles a bench entry point for Node, as a built backend would load the
 * engine rather than through the TypeScript transform. Workspace packages
 * (`@ml-debt/…`, TypeScript sources) are bundled, from `workspace(name)` when
 * it gives a path; everything else is plain JavaScript left in node_modules.
 */
export async function bundleForNode(
  entry: string,
  outfile: string,
  workspace: (name: string) => string | undefined = () => undefined,
): Promise<void> {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    logLevel: 'error',
    plugins: [
      {
        name: 'workspace-bundled-node-modules-external',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, args => {
            if (!args.path.startsWith('@ml-debt/')) {
              return { path: args.path, external: true };
            }
            const resolved = workspace(args.path);
            return resolved ? { path: resolved } : undefined;
          });
        },
      },
    ],
  });
}
