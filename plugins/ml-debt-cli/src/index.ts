/**
 * `ml-debt`: runs the ML Debt Scorecards checks on a local checkout.
 *
 * @packageDocumentation
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import fs from 'node:fs';
import { UsageError } from './errors';
import { FORMATS, Format, runScan } from './scan';
import { version } from '../package.json';

function parseIds(value: string): string[] {
  return value
    .split(',')
    .map(v => v.trim().toUpperCase())
    .filter(Boolean);
}

function parseScore(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) {
    throw new InvalidArgumentError('expected a number from 0 to 100');
  }
  return n;
}

const program = new Command('ml-debt')
  .description(
    'Find, score and explain technical debt in machine-learning services.',
  )
  .version(version)
  .exitOverride();

program
  .command('scan')
  .description('scan a repository checkout and print its ML debt scorecard')
  .argument('<dir>', 'the repository (or service) directory to scan')
  .option(
    '--entity <file>',
    "the service's catalog-info.yaml (enables the catalog checks and lifecycle gating)",
  )
  .addOption(
    new Option('--format <format>', 'output format')
      .choices([...FORMATS])
      .default('table'),
  )
  .option(
    '--output <file>',
    'write the report to a file instead of standard output',
  )
  .option(
    '--fail-under <score>',
    'exit with code 1 when the health score is below this',
    parseScore,
  )
  .option(
    '--checks <ids>',
    'run only these checks (comma-separated ids, e.g. REP-01,REP-02)',
    parseIds,
  )
  .option('--skip <ids>', 'skip these checks (comma-separated ids)', parseIds)
  .action(async (dir: string, opts) => {
    const cwd = process.env.INIT_CWD ?? process.cwd();
    const { output, failed } = await runScan({
      dir,
      cwd,
      entityFile: opts.entity,
      format: opts.format as Format,
      only: opts.checks,
      skip: opts.skip,
      failUnder: opts.failUnder,
    });
    if (opts.output) {
      fs.writeFileSync(opts.output, output);
    } else {
      process.stdout.write(output);
    }
    if (failed) {
      process.exitCode = 1;
    }
  });

program.parseAsync(process.argv).catch(error => {
  if (error instanceof UsageError) {
    process.stderr.write(`ml-debt: ${error.message}\n`);
    process.exit(2);
  }
  if (
    error?.code === 'commander.helpDisplayed' ||
    error?.code === 'commander.version'
  ) {
    process.exit(0);
  }
  if (typeof error?.code === 'string' && error.code.startsWith('commander.')) {
    // commander already printed the message.
    process.exit(2);
  }
  process.stderr.write(`ml-debt: ${error?.stack ?? error}\n`);
  process.exit(3);
});
