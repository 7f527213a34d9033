/** The browser section's Markdown: one row per figure with its baseline, the ratio and the target. */
import { markdownTable, round } from '../report';
import type { BundleFigures } from './bundle';
import type { FrameDrops } from './frames';

/** Issue 17's targets (launch, open, scroll, save) beside the budgets met before it. */
export const TARGETS = {
  launchRatio: 1.6,
  openRatio: 1.5,
  scrollDroppedPct: 5,
  saveRatio: 2,
  keystrokeP95Ms: 16,
  initialGzKb: 250,
} as const;

/** Dropped frames over two scroll runs together, in percent. */
export function combinedDrops(a: FrameDrops, b: FrameDrops): number {
  const total = a.frames + a.dropped + b.frames + b.dropped;
  return total === 0 ? Number.NaN : (100 * (a.dropped + b.dropped)) / total;
}

const fmt = (n: number | undefined, unit: string) => (n === undefined || Number.isNaN(n) ? '—' : `${round(n)}${unit}`);
const ratio = (a: number, b: number | undefined) => (b === undefined || b === 0 ? '—' : `${round(a / b)}×`);
const verdict = (ok: boolean) => (ok ? 'pass' : '**FAIL**');

/** One table row: what, app, baseline (optional), ratio, target and verdict (optional). */
type Row = [measure: string, app: number, baseline: number | undefined, unit: string, target?: string, ok?: boolean];

/** Renders the figures (the same flat keys as bench-results.json) as the section's Markdown. */
export function browserMarkdown(
  r: Record<string, number>,
  counts: Record<string, number>,
  bundle: BundleFigures,
): string {
  const v = (key: string): number => {
    const value = r[key];
    if (value === undefined) throw new Error(`No figure ${key}`);
    return value;
  };
  const rows: Row[] = [
    [
      `Launch to editable form, warm (median of ${counts.launch})`,
      v('launch.app_ms'),
      v('launch.bare_ms'),
      ' ms',
      `≤ ${TARGETS.launchRatio}×`,
      v('launch.ratio') <= TARGETS.launchRatio,
    ],
    [
      `Launch to editable form, cold cache (median of ${counts.coldLaunch})`,
      v('launch.app_cold_ms'),
      v('launch.bare_cold_ms'),
      ' ms',
    ],
    [
      'Launch of the stack floor, warm: React and MUI showing the name and one text field (floor.html)',
      v('launch.floor_ms'),
      v('launch.bare_ms'),
      ' ms',
    ],
    [
      'Launch of the same floor in React alone, warm: plain elements, no MUI (floor.html?stack=react)',
      v('launch.react_floor_ms'),
      v('launch.bare_ms'),
      ' ms',
    ],
    ['Launch to editable form against the stack floor, warm', v('launch.app_ms'), v('launch.floor_ms'), ' ms'],
    [
      `Launch to editable form, warm, in a browser profile on disk with V8's code cache (median of ${counts.launch})`,
      v('launch.profile.app_ms'),
      v('launch.profile.bare_ms'),
      ' ms',
    ],
    [
      'Launch to study list, warm, in that profile (app only)',
      v('launch.profile.app_list_ms'),
      v('launch.profile.bare_ms'),
      ' ms',
    ],
    [
      'Launch of the stack floor (React and MUI), warm, in that profile',
      v('launch.profile.floor_ms'),
      v('launch.profile.bare_ms'),
      ' ms',
    ],
    [
      'Launch of the floor in React alone, warm, in that profile',
      v('launch.profile.react_floor_ms'),
      v('launch.profile.bare_ms'),
      ' ms',
    ],
    ['Launch to study list, warm (app only)', v('launch.app_list_ms'), v('launch.bare_ms'), ' ms'],
    ['Launch to the whole form down to Save, warm (app only)', v('launch.app_whole_ms'), v('launch.bare_ms'), ' ms'],
    [
      `Keystroke to painted feedback p50, 1×1 (${counts.keystrokes}×2 keys)`,
      v('keystroke.small.p50_ms'),
      v('keystroke.bare.p50_ms'),
      ' ms',
    ],
    ['Keystroke to painted feedback p95, 1×1', v('keystroke.small.p95_ms'), v('keystroke.bare.p95_ms'), ' ms'],
    [`Keystroke to painted feedback p50, 10×200`, v('keystroke.large.p50_ms'), v('keystroke.bare.p50_ms'), ' ms'],
    [
      'Keystroke to painted feedback p95, 10×200',
      v('keystroke.large.p95_ms'),
      v('keystroke.bare.p95_ms'),
      ' ms',
      `≤ ${TARGETS.keystrokeP95Ms} ms`,
      v('keystroke.large.p95_ms') <= TARGETS.keystrokeP95Ms,
    ],
    ['… Study Instance UID only, p95', v('keystroke.large.study_uid.p95_ms'), v('keystroke.bare.p95_ms'), ' ms'],
    [
      '… SOP Instance UID (series 6, instance 101) only, p95',
      v('keystroke.large.instance_uid.p95_ms'),
      v('keystroke.bare.p95_ms'),
      ' ms',
    ],
    [
      '… the same, with the description changed first (unsaved changes), p95',
      v('keystroke.large.edited_instance_uid.p95_ms'),
      v('keystroke.bare.p95_ms'),
      ' ms',
    ],
    ['Keystroke to DOM change p95, 10×200', v('keystroke.large.dom_p95_ms'), v('keystroke.bare.dom_p95_ms'), ' ms'],
    [
      `Open 50×1000 from the list (median of ${counts.largeOpen}); baseline: fetch + parse`,
      v('large.open_ms'),
      v('large.fetch_ms'),
      ' ms',
      `≤ ${TARGETS.openRatio}×`,
      v('large.open_ratio') <= TARGETS.openRatio,
    ],
    ['Study list of the patient with the 50×1000 study', v('large.list_ms'), undefined, ' ms'],
    [
      'Dropped frames scrolling all series, then one instance list; baseline: idle',
      v('large.scroll_dropped_frames_pct'),
      v('large.idle_dropped_frames_pct'),
      ' %',
      `≤ ${TARGETS.scrollDroppedPct} %`,
      v('large.scroll_dropped_frames_pct') <= TARGETS.scrollDroppedPct,
    ],
    [
      '… page through 50 expanded series: mouse wheel (100 px a frame), then PageDown',
      v('large.scroll_page_dropped_frames_pct'),
      v('large.idle_dropped_frames_pct'),
      ' %',
    ],
    [
      '… one instance list, 1,000 rows: mouse wheel (200 px a frame)',
      v('large.scroll_list_dropped_frames_pct'),
      v('large.idle_dropped_frames_pct'),
      ' %',
      `≤ ${TARGETS.scrollDroppedPct} %`,
      v('large.scroll_list_dropped_frames_pct') <= TARGETS.scrollDroppedPct,
    ],
    [
      'Editor route initial JS+CSS, gzip; baseline: bare page',
      v('bundle.initial_gz_kb'),
      v('bundle.bare_gz_kb'),
      ' KB',
      `≤ ${TARGETS.initialGzKb} KB`,
      v('bundle.initial_gz_kb') <= TARGETS.initialGzKb,
    ],
    ['List page initial JS+CSS, gzip', v('bundle.list_initial_gz_kb'), v('bundle.bare_gz_kb'), ' KB'],
    ['All JS+CSS of the build, gzip', v('bundle.total_gz_kb'), undefined, ' KB'],
    [
      `Save round trip, new study + new Endpoint (median of ${counts.saves}); baseline: the same transaction by fetch`,
      v('save.app_ms'),
      v('save.direct_ms'),
      ' ms',
      `≤ ${TARGETS.saveRatio}×`,
      v('save.ratio') <= TARGETS.saveRatio,
    ],
  ];
  const table = markdownTable(
    ['Measure', 'App', 'Baseline', 'Ratio', 'Target', 'Result'],
    rows.map(([measure, app, baseline, unit, target, ok]) => [
      measure,
      fmt(app, unit),
      fmt(baseline, unit),
      ratio(app, baseline),
      target ?? '—',
      ok === undefined ? '—' : verdict(ok),
    ]),
  );
  const files = bundle.editorFiles.map((f) => `\`${f.file}\` ${round(f.kb)} KB`).join(', ');
  return `${table}\n\nEditor route initial files (gzip): ${files}.\nFrame interval ${round(v('large.frame_interval_ms'))} ms.`;
}
