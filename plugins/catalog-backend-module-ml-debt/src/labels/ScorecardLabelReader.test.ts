import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  readLabelReaderDurations,
  ScorecardLabelReader,
} from './ScorecardLabelReader';

const ref = { kind: 'Component', namespace: 'default', name: 'churn-model' };

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

describe('ScorecardLabelReader', () => {
  let now: number;
  const logger = mockServices.logger.mock();
  const setup = (fetchImpl: jest.Mock, options: { timeoutMs?: number } = {}) =>
    new ScorecardLabelReader({
      discovery: mockServices.discovery(),
      auth: mockServices.auth({ pluginId: 'catalog' }),
      logger,
      fetch: fetchImpl as unknown as typeof fetch,
      cacheTtlMs: 10_000,
      timeoutMs: options.timeoutMs ?? 1_000,
      warnIntervalMs: 60_000,
      clock: () => now,
    });

  beforeEach(() => {
    now = 1_000_000;
    jest.clearAllMocks();
  });

  it('asks the ml-debt backend as the catalog service and rounds the score', async () => {
    const fetchImpl = jest
      .fn()
      .mockResolvedValue(json(200, { grade: 'B', score: 73.6 }));
    await expect(setup(fetchImpl).read(ref)).resolves.toEqual({
      grade: 'B',
      score: '74',
    });
    const [url, init] = fetchImpl.mock.calls[0];
    expect(url).toBe(
      'http://localhost:0/api/ml-debt/scorecards/Component/default/churn-model',
    );
    const token = init.headers.Authorization.replace('Bearer ', '');
    // The mock auth service's plugin-to-plugin token names both ends.
    expect(JSON.parse(token.replace(/^mock-service-token:/, ''))).toEqual({
      sub: 'plugin:catalog',
      target: 'ml-debt',
    });
  });

  it('reuses an answer within the TTL and asks again after it', async () => {
    const fetchImpl = jest
      .fn()
      .mockResolvedValueOnce(json(200, { grade: 'B', score: 70 }))
      .mockResolvedValueOnce(json(200, { grade: 'C', score: 61 }));
    const reader = setup(fetchImpl);
    await reader.read(ref);
    now += 9_999;
    await expect(reader.read(ref)).resolves.toEqual({
      grade: 'B',
      score: '70',
    });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    now += 1;
    await expect(reader.read(ref)).resolves.toEqual({
      grade: 'C',
      score: '61',
    });
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it('asks again after an invalidation, and keeps the old labels for a failure', async () => {
    const fetchImpl = jest
      .fn()
      .mockResolvedValueOnce(json(200, { grade: 'B', score: 70 }))
      .mockResolvedValueOnce(json(200, { grade: 'D', score: 48 }))
      .mockResolvedValueOnce(json(503, {}));
    const reader = setup(fetchImpl);
    await reader.read(ref);
    reader.invalidate({ ...ref, kind: 'component' });
    await expect(reader.read(ref)).resolves.toEqual({
      grade: 'D',
      score: '48',
    });
    // The new answer is fresh again.
    await reader.read(ref);
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    reader.invalidate(ref);
    await expect(reader.read(ref)).resolves.toEqual({
      grade: 'D',
      score: '48',
    });
    expect(fetchImpl).toHaveBeenCalledTimes(3);
  });

  it('does not reuse an answer whose request was under way at an invalidation', async () => {
    let answer: (response: Response) => void = () => {};
    const fetchImpl = jest
      .fn()
      .mockReturnValueOnce(
        new Promise<Response>(resolve => {
          answer = resolve;
        }),
      )
      .mockResolvedValueOnce(json(200, { grade: 'F', score: 12 }));
    const reader = setup(fetchImpl);
    const before = reader.read(ref);
    // The request is under way when the backend commits a new scorecard.
    await new Promise(resolve => setImmediate(resolve));
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    reader.invalidate(ref);
    answer(json(404, {}));
    await expect(before).resolves.toBeNull();
    await expect(reader.read(ref)).resolves.toEqual({
      grade: 'F',
      score: '12',
    });
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it('answers null for a service without a scorecard', async () => {
    const fetchImpl = jest
      .fn()
      .mockResolvedValue(json(404, { error: { name: 'NotFoundError' } }));
    await expect(setup(fetchImpl).read(ref)).resolves.toBeNull();
  });

  it('keeps the last known labels when the backend fails, and warns at most once per interval', async () => {
    const fetchImpl = jest
      .fn()
      .mockResolvedValueOnce(json(200, { grade: 'A', score: 91 }))
      .mockResolvedValueOnce(json(503, {}))
      .mockRejectedValueOnce(new TypeError('fetch failed'))
      .mockResolvedValueOnce(json(200, { unexpected: true }));
    const reader = setup(fetchImpl);
    await reader.read(ref);
    for (let i = 0; i < 3; i++) {
      now += 20_000;
      await expect(reader.read(ref)).resolves.toEqual({
        grade: 'A',
        score: '91',
      });
    }
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not read the ML debt grade of component:default/churn-model from the ml-debt backend; keeping its last known labels: GET /api/ml-debt/scorecards/Component/default/churn-model answered 503',
      ),
    );
    expect(logger.debug).toHaveBeenCalledTimes(2);
  });

  it('gives up on a slow backend after the timeout without labels', async () => {
    const fetchImpl = jest.fn(
      (_url: string, init: { signal: AbortSignal }) =>
        new Promise((_, reject) =>
          init.signal.addEventListener('abort', () =>
            reject(init.signal.reason),
          ),
        ),
    );
    const started = Date.now();
    await expect(
      setup(fetchImpl, { timeoutMs: 200 }).read(ref),
    ).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('leaving it unlabelled'),
    );
  });
});

describe('readLabelReaderDurations', () => {
  it('reads durations with defaults', () => {
    expect(readLabelReaderDurations(new ConfigReader({}))).toEqual({
      cacheTtlMs: 10_000,
      timeoutMs: 3_000,
    });
    expect(
      readLabelReaderDurations(
        new ConfigReader({
          mlDebt: {
            catalogLabels: { cacheTtl: { seconds: 2 }, timeout: 'PT1S' },
          },
        }),
      ),
    ).toEqual({ cacheTtlMs: 2_000, timeoutMs: 1_000 });
  });

  it('rejects a malformed duration', () => {
    expect(() =>
      readLabelReaderDurations(
        new ConfigReader({ mlDebt: { catalogLabels: { timeout: 'soon' } } }),
      ),
    ).toThrow(/^Invalid mlDebt\.catalogLabels\.timeout configuration: /);
  });
});
