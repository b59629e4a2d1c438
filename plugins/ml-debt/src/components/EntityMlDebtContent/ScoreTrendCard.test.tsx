import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { HistoryEntry } from '../../api/MlDebtApi';
import { ScoreTrendCard, trendPoints } from './ScoreTrendCard';
import { history } from './__testUtils__/testFixtures';
import { installNoLayoutResizeObserver } from './__testUtils__/testUtils';

const failed: HistoryEntry = {
  scanId: 'scan-f',
  scannedAt: '2026-11-16T10:00:00.000Z',
  status: 'failed',
  score: null,
  grade: null,
  mlTestScore: null,
  error: 'source not readable',
};

describe('ScoreTrendCard', () => {
  beforeAll(installNoLayoutResizeObserver);

  it('plots successful scans oldest first and leaves failed ones out', () => {
    expect(trendPoints([history[0], failed, history[1]])).toEqual([
      expect.objectContaining({ score: 44.5 }),
      expect.objectContaining({ score: 40 }),
    ]);
  });

  it('describes the trend for screen readers and counts failed scans', async () => {
    await renderInTestApp(
      <ScoreTrendCard history={[history[0], failed, history[1]]} />,
    );
    expect(
      await screen.findByRole('img', {
        name: /Health score trend over 2 scans: from 44.5 .* to 40 /,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('1 failed scan left out')).toBeInTheDocument();
  });

  it('explains that a trend needs a second scan', async () => {
    await renderInTestApp(<ScoreTrendCard history={[history[0]]} />);
    expect(
      await screen.findAllByText(
        'Only one scan so far: the trend appears after the next scan.',
      ),
    ).not.toHaveLength(0);
  });
});
