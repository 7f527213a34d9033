import { describe, expect, it } from 'vitest';
import { droppedFrames, frameInterval } from './frames';

const at60Hz = (n: number) => Array.from({ length: n }, (_, i) => i * (1000 / 60));

describe('droppedFrames', () => {
  it('counts no drops when every frame comes one interval after the last', () => {
    expect(droppedFrames(at60Hz(30), 1000 / 60)).toEqual({ frames: 30, dropped: 0, percent: 0 });
  });

  it('counts a gap of three intervals as two dropped frames', () => {
    const times = [0, 16.7, 66.8, 83.5];
    const drops = droppedFrames(times, 16.7);
    expect(drops.dropped).toBe(2);
    expect(drops.percent).toBeCloseTo((100 * 2) / 6);
  });

  it('tolerates jitter below half an interval', () => {
    expect(droppedFrames([0, 20, 33, 55, 66], 1000 / 60).dropped).toBe(0);
  });
});

describe('frameInterval', () => {
  it('is the median gap, so a few long frames do not skew it', () => {
    expect(frameInterval([0, 16, 32, 48, 148, 164])).toBe(16);
  });
});
