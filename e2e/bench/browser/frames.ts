/** Dropped-frame counting from `requestAnimationFrame` timestamps. */

/** Median of consecutive gaps, the display's frame interval when most frames are on time. */
export function frameInterval(timestamps: readonly number[]): number {
  const gaps = timestamps.slice(1).map((t, i) => t - (timestamps[i] as number));
  if (gaps.length === 0) return Number.NaN;
  const sorted = gaps.sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export interface FrameDrops {
  /** Frames drawn. */
  frames: number;
  /** Frames that should have been drawn in the gaps but were not. */
  dropped: number;
  /** dropped / (frames + dropped), in percent. */
  percent: number;
}

/** Counts the frames missed between rAF callbacks: a gap of about k intervals means k - 1 frames were dropped. */
export function droppedFrames(timestamps: readonly number[], interval: number): FrameDrops {
  let dropped = 0;
  for (let i = 1; i < timestamps.length; i++) {
    const gap = (timestamps[i] as number) - (timestamps[i - 1] as number);
    dropped += Math.max(0, Math.round(gap / interval) - 1);
  }
  const frames = timestamps.length;
  return { frames, dropped, percent: frames + dropped === 0 ? 0 : (100 * dropped) / (frames + dropped) };
}
