import { Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { DiffRow } from './diff';

/** The review of what a fill-in (DICOM import, an order) changes: one row per field, now and after. */
export function DiffTable({ rows, source }: { rows: readonly DiffRow[]; source: string }) {
  return (
    <Table size="small" aria-label="Changes to the form">
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">
            Field
          </TableCell>
          <TableCell component="th" scope="col">
            Now
          </TableCell>
          <TableCell component="th" scope="col">
            {source}
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.field}>
            <TableCell component="th" scope="row">
              {row.field} {row.replaces && <Chip size="small" color="warning" label="replaces" />}
            </TableCell>
            <TableCell sx={{ overflowWrap: 'anywhere' }}>{row.before || '—'}</TableCell>
            <TableCell sx={{ overflowWrap: 'anywhere' }}>{row.after || '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
