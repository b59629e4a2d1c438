import { ConfigReader } from '@backstage/config';
import { cycleSlotMs, readScanOptions } from './options';

describe('readScanOptions', () => {
  it('defaults to an hourly cycle, 4 parallel scans of at most 5 minutes, and 180 days of history', () => {
    const options = readScanOptions(new ConfigReader({}));

    expect(options).toEqual({
      schedule: {
        frequency: { hours: 1 },
        timeout: { minutes: 30 },
        initialDelay: { minutes: 1 },
        scope: 'global',
      },
      concurrency: 4,
      serviceTimeoutMs: 300_000,
      leaseMs: 600_000,
      retentionDays: 180,
    });
  });

  it('reads every option, keeping the defaults of those left out', () => {
    const options = readScanOptions(
      new ConfigReader({
        mlDebt: {
          schedule: { frequency: { minutes: 15 } },
          scan: { concurrency: 8, timeout: { minutes: 2 } },
          history: { retentionDays: 30 },
        },
      }),
    );

    expect(options.schedule).toMatchObject({
      frequency: { minutes: 15 },
      timeout: { minutes: 30 },
    });
    expect(options.concurrency).toBe(8);
    expect(options.serviceTimeoutMs).toBe(120_000);
    expect(options.leaseMs).toBe(240_000);
    expect(options.retentionDays).toBe(30);
  });

  it.each([
    [{ scan: { concurrency: 0 } }, 'mlDebt.scan.concurrency'],
    [{ scan: { concurrency: 2.5 } }, 'mlDebt.scan.concurrency'],
    [{ history: { retentionDays: -1 } }, 'mlDebt.history.retentionDays'],
  ])('refuses %j, naming the key', (mlDebt, key) => {
    expect(() => readScanOptions(new ConfigReader({ mlDebt }))).toThrow(key);
  });
});

describe('cycleSlotMs', () => {
  it('uses the frequency as the slot, so replicas agree on the cycle id', () => {
    expect(cycleSlotMs({ hours: 1 })).toBe(3_600_000);
  });

  it('uses one-minute slots for cron schedules', () => {
    expect(cycleSlotMs({ cron: '*/15 * * * *' })).toBe(60_000);
  });
});
