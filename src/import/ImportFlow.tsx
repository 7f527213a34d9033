/**
 * The DICOM import, loaded on first use: read the files' headers (progress, cancel) or look the study
 * up in the PACS, let the user pick a study when there are several, then review and apply.
 */
import type { Reference } from 'fhir/r4';
import { useEffect, useRef, useState } from 'react';
import { groupStudies, instanceCount } from './dicom/group';
import { prewarmWorkers, readDicomFiles } from './dicom/reader';
import type { DicomStudy, SkippedFile } from './dicom/types';
import type { StudyFormValues } from '../study/values';
import { useFillForm } from './fill-form';
import { throttle } from '../kernel/throttle';
import { collectFiles } from './entries';
import { IMPORT_MEASURE, IMPORT_READ_MARK, IMPORT_START_MARK, type ImportJob, type ImportOutcome } from './job';
import { NothingToImport, ReadProgress } from './ReadProgress';
import { PacsLookupDialog } from './PacsLookupDialog';
import { PreviewDialog } from './PreviewDialog';
import { StudyChooser } from './StudyChooser';
import { plural } from '../kernel/text';

type Step =
  | { step: 'reading'; done: number; total: number }
  | { step: 'choose'; studies: DicomStudy[]; skipped: SkippedFile[] }
  | { step: 'empty'; skipped: SkippedFile[] }
  | { step: 'pacs' }
  | { step: 'preview'; study: DicomStudy; skipped: SkippedFile[]; source: string; endpoint?: Reference };

interface ImportFlowProps {
  job: ImportJob;
  onClose: (outcome: ImportOutcome | undefined) => void;
}

/**
 * Reading progress is shown at most this often: each update renders the dialog on the page's thread, the one that
 * hands the files over to the workers (see readDicomFiles), and a batch of files finishes every few tens of
 * milliseconds.
 */
const PROGRESS_MS = 100;

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export default function ImportFlow({ job, onClose }: ImportFlowProps) {
  const fill = useFillForm();
  const [step, setStep] = useState<Step>(
    job.kind === 'pacs' ? { step: 'pacs' } : { step: 'reading', done: 0, total: 0 },
  );
  const controller = useRef<AbortController | undefined>(undefined);

  useEffect(() => {
    if (job.kind !== 'files') return;
    const abort = new AbortController();
    controller.current = abort;
    const run = async (): Promise<void> => {
      prewarmWorkers();
      const files = await collectFiles(job.items);
      if (abort.signal.aborted) return;
      setStep({ step: 'reading', done: 0, total: files.length });
      const progress = throttle((done: number) => setStep({ step: 'reading', done, total: files.length }), PROGRESS_MS);
      const read = await readDicomFiles(files, {
        signal: abort.signal,
        onProgress: (done) => progress.push(done),
      }).finally(progress.cancel);
      const { studies, duplicates } = groupStudies(read.headers);
      performance.mark(IMPORT_READ_MARK);
      if (performance.getEntriesByName(IMPORT_START_MARK).length > 0) {
        performance.measure(IMPORT_MEASURE, IMPORT_START_MARK, IMPORT_READ_MARK);
      }
      const skipped = [...read.skipped, ...duplicates];
      const [only] = studies;
      if (studies.length === 0 || !only) setStep({ step: 'empty', skipped });
      else if (studies.length === 1)
        setStep({ step: 'preview', study: only, skipped, source: sourceText(files.length) });
      else setStep({ step: 'choose', studies, skipped });
    };
    run().catch((error: unknown) => {
      // Unmounting also aborts; only a cancel by the user (or a real failure) is reported.
      if (abort.signal.aborted && abort.signal.reason !== 'user') return;
      onClose(
        abort.signal.aborted
          ? { severity: 'info', text: 'Import cancelled; the form was not changed.' }
          : { severity: 'warning', text: `The files could not be read: ${describeFailure(error)}` },
      );
    });
    return () => abort.abort();
    // onClose is the parent's callback and changes on every render; the job is what starts a read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job]);

  const cancel = (): void => onClose({ severity: 'info', text: 'Import cancelled; the form was not changed.' });

  const apply = (next: StudyFormValues, study: DicomStudy): void => {
    fill(next);
    const instances = instanceCount(study);
    onClose({
      severity: 'success',
      text: `Filled from DICOM: ${study.series.length} series, ${plural(instances, 'instance')}. Check the form, then save.`,
    });
  };

  switch (step.step) {
    case 'reading':
      return (
        <ReadProgress
          done={step.done}
          total={step.total}
          onCancel={() => {
            if (controller.current) controller.current.abort('user');
            else cancel();
          }}
        />
      );
    case 'empty':
      return <NothingToImport skipped={step.skipped} onClose={cancel} />;
    case 'choose':
      return (
        <StudyChooser
          studies={step.studies}
          onCancel={cancel}
          onChoose={(study) =>
            setStep({
              step: 'preview',
              study,
              skipped: step.skipped,
              source: `${instanceCount(study)} files of the ${step.studies.length} studies dropped`,
            })
          }
        />
      );
    case 'pacs':
      return (
        <PacsLookupDialog
          onCancel={cancel}
          onPick={(study, endpoint, source) => setStep({ step: 'preview', study, skipped: [], source, endpoint })}
        />
      );
    case 'preview':
      return (
        <PreviewDialog
          study={step.study}
          skipped={step.skipped}
          source={step.source}
          endpoint={step.endpoint}
          onCancel={cancel}
          onApply={(next) => apply(next, step.study)}
        />
      );
  }
}

function sourceText(files: number): string {
  return `${plural(files, 'file')} dropped or chosen`;
}
