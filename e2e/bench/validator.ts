import type { ImagingStudy } from 'fhir/r4';
import { imrValidator, isValid, type Validator } from '../../src/validation';
import { medplumReference, type MedplumReference } from '../../src/validation/corpus/medplum';
import { type BenchSection, markdownTable, round, stats, type Stats, timeOnce } from './report';
import { generateStudy, withInstanceUid } from '../../src/testing/large-study';

interface Size {
  series: number;
  instances: number;
  /** Untimed runs first, so the JIT has settled before timing. */
  warmUpRuns: number;
  /** Timed full validations by ours and by Medplum (Medplum is slow on big studies, so fewer). */
  oursRuns: number;
  medplumRuns: number;
}

const SIZES: Size[] = [
  { series: 1, instances: 1, warmUpRuns: 50, oursRuns: 300, medplumRuns: 300 },
  { series: 10, instances: 200, warmUpRuns: 10, oursRuns: 120, medplumRuns: 120 },
  { series: 50, instances: 1000, warmUpRuns: 2, oursRuns: 15, medplumRuns: 5 },
];
const INCREMENTAL_RUNS = 300;
const INCREMENTAL_WARM_UP = 30;
const TARGET_RATIO_CASE = '10x200';
const TARGET_RATIO = 10;
const TARGET_INCREMENTAL_P95_MS = 1;

const label = (size: Size) => `${size.series}x${size.instances}`;
const ms = (value: number) => round(value).toString();

/** Full validations, ours and Medplum's interleaved on the same input so both see the same machine state. */
function measureFull(study: ImagingStudy, size: Size, ours: Validator, medplum: MedplumReference) {
  const runOurs = () => ours.validate(study);
  const runMedplum = () => medplum.validate(study);
  for (let i = 0; i < size.warmUpRuns; i++) {
    runOurs();
    runMedplum();
  }
  const oursTimes: number[] = [];
  const medplumTimes: number[] = [];
  for (let i = 0; i < Math.max(size.oursRuns, size.medplumRuns); i++) {
    // Alternate who goes first, so neither always runs right after the other's garbage.
    const order = i % 2 === 0 ? ['ours', 'medplum'] : ['medplum', 'ours'];
    for (const who of order) {
      if (who === 'ours' && i < size.oursRuns) oursTimes.push(timeOnce(runOurs));
      if (who === 'medplum' && i < size.medplumRuns) medplumTimes.push(timeOnce(runMedplum));
    }
  }
  return { ours: stats(oursTimes), medplum: stats(medplumTimes) };
}

/** validateAt on one instance UID in the middle of the study, on a fresh immutable copy each time, like a form edit. */
function measureIncremental(study: ImagingStudy, size: Size, ours: Validator): { stats: Stats; expression: string } {
  const s = Math.floor(size.series / 2);
  const i = Math.floor(size.instances / 2);
  const expression = `ImagingStudy.series[${s}].instance[${i}].uid`;
  const baseUid = study.series?.[s]?.instance?.[i]?.uid ?? '1.2.3';
  let current = study;
  const times: number[] = [];
  for (let k = 0; k < INCREMENTAL_WARM_UP + INCREMENTAL_RUNS; k++) {
    current = withInstanceUid(current, s, i, `${baseUid}.${k + 1}`);
    const edited = current;
    const time = timeOnce(() => ours.validateAt(edited, expression));
    if (k >= INCREMENTAL_WARM_UP) times.push(time);
  }
  return { stats: stats(times), expression };
}

/** Notes for generated studies that are not valid: timing a validator that bails out early would mislead. */
function verdictNotes(study: ImagingStudy, name: string, ours: Validator, medplum: MedplumReference): string[] {
  const notes: string[] = [];
  const outcome = ours.validate(study);
  if (!isValid(outcome)) {
    const first = outcome.issue.find((issue) => issue.severity === 'error' || issue.severity === 'fatal');
    notes.push(
      `- ${name}: ours reports the generated study invalid (${first?.expression?.[0]}: ${first?.details?.text})`,
    );
  }
  const reference = medplum.validate(study);
  const medplumError = reference.issues.find((issue) => issue.severity === 'error');
  if (reference.threw || medplumError) {
    notes.push(
      `- ${name}: Medplum reports the generated study invalid (${reference.threw ?? medplumError?.details?.text})`,
    );
  }
  return notes;
}

/** Benchmarks full and incremental validation, ours against Medplum's validateResource. */
export function validatorBench(): BenchSection {
  const ours = imrValidator();
  const medplum = medplumReference();
  const results: Record<string, number> = {};
  const rows: string[][] = [];
  const incrementalRows: string[][] = [];
  const notes: string[] = [];

  for (const size of SIZES) {
    const name = label(size);
    const study = generateStudy(size.series, size.instances);
    notes.push(...verdictNotes(study, name, ours, medplum));

    const full = measureFull(study, size, ours, medplum);
    const ratio = full.medplum.median / full.ours.median;
    const key = `validate.full.${name}`;
    Object.assign(results, {
      [`${key}.ours_ms`]: round(full.ours.median),
      [`${key}.ours_p95_ms`]: round(full.ours.p95),
      [`${key}.medplum_ms`]: round(full.medplum.median),
      [`${key}.medplum_p95_ms`]: round(full.medplum.p95),
      [`${key}.ratio`]: round(ratio),
    });
    const hasTarget = name === TARGET_RATIO_CASE;
    rows.push([
      `full validate ${name}`,
      `${full.ours.n} / ${full.medplum.n}`,
      ms(full.ours.median),
      ms(full.ours.p95),
      ms(full.medplum.median),
      ms(full.medplum.p95),
      `${round(ratio)}×`,
      hasTarget ? `ratio ≥ ${TARGET_RATIO}` : '—',
      hasTarget ? (ratio >= TARGET_RATIO ? 'pass' : 'FAIL') : '—',
    ]);

    const incremental = measureIncremental(study, size, ours);
    Object.assign(results, {
      [`validate.incremental.${name}.p50_ms`]: round(incremental.stats.median),
      [`validate.incremental.${name}.p95_ms`]: round(incremental.stats.p95),
    });
    incrementalRows.push([
      `validateAt ${name} \`${incremental.expression}\``,
      `${incremental.stats.n} / —`,
      ms(incremental.stats.median),
      ms(incremental.stats.p95),
      '—',
      '—',
      '—',
      `p95 < ${TARGET_INCREMENTAL_P95_MS} ms`,
      incremental.stats.p95 < TARGET_INCREMENTAL_P95_MS ? 'pass' : 'FAIL',
    ]);
  }

  const table = markdownTable(
    [
      'measurement',
      'n (ours / Medplum)',
      'ours p50 ms',
      'ours p95 ms',
      'Medplum p50 ms',
      'Medplum p95 ms',
      'Medplum / ours',
      'target',
      'met',
    ],
    [...rows, ...incrementalRows],
  );
  const about =
    'Sizes are series × instances per series. Medplum = @medplum/core validateResource with base R4 and the IMR ' +
    'snapshot as `profile` (it parses the profile on every call, as its API requires).';
  return {
    title: 'Validator',
    markdown: [table, '', about, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n'),
    results,
  };
}
