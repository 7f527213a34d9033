/**
 * Rows of the editor's lists that a DICOM UID identifies. A series or instance row the user added and left empty is
 * not dropped on the way to the server (see study/values.ts `pruneRow`): it is an error at the row, naming it by its
 * place as the screen does, until it is filled in or removed. A row filled in only in part gets the missing UID's
 * own "is required" error at its UID field.
 */
import type { WalkContext } from './context';

/** Reports an empty row at `path` (in place of ele-1's "is empty"). */
export type RowRule = (path: string, ctx: WalkContext) => void;

/** The rule for rows of element `elementId`, if it has one. */
export function rowRuleFor(elementId: string): RowRule | undefined {
  // What a row is called on screen.
  const what =
    elementId === 'ImagingStudy.series' ? 'Series' : elementId === 'ImagingStudy.series.instance' ? 'Instance' : '';
  if (what === '') return undefined;
  return (path, ctx) => {
    const place = ctx.indices[ctx.indices.length - 1];
    const name = place === undefined ? what : `${what} ${place + 1}`;
    ctx.report('error', 'invariant', path, `${name} has no UID: fill it in or remove the row`, 'ele-1');
  };
}
