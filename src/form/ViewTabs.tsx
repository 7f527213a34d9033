/**
 * The editor's two views (Form, FHIR JSON) as a WAI-ARIA tab list: arrow keys, Home and End move between the
 * tabs, Enter, Space or a click opens one. Plain buttons rather than MUI's Tabs, whose indicator animation and
 * scroll machinery the first editor paint does not need (about 4 KB gzip of the editor's first load).
 */
import { ButtonBase, Stack } from '@mui/material';
import { useRef, type KeyboardEvent } from 'react';

export interface ViewTab<T extends string> {
  value: T;
  label: string;
  /** The id of the tab; its panel is labelled by it. */
  id: string;
  /** The id of the panel the tab shows. */
  panel: string;
}

interface ViewTabsProps<T extends string> {
  label: string;
  tabs: readonly ViewTab<T>[];
  value: T;
  onChange: (value: T) => void;
}

const TAB_SX = {
  px: 2,
  py: 1.5,
  minWidth: 90,
  typography: 'button',
  color: 'text.secondary',
  borderBottom: 2,
  borderColor: 'transparent',
  '&[aria-selected="true"]': { color: 'primary.main', borderColor: 'primary.main' },
  '&.Mui-focusVisible': { bgcolor: 'action.focus' },
} as const;

export function ViewTabs<T extends string>({ label, tabs, value, onChange }: ViewTabsProps<T>) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent, index: number): void => {
    const last = tabs.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index + last) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    refs.current[next]?.focus();
  };
  return (
    <Stack direction="row" role="tablist" aria-label={label} sx={{ borderBottom: 1, borderColor: 'divider' }}>
      {tabs.map((tab, index) => (
        <ButtonBase
          key={tab.value}
          ref={(el: HTMLButtonElement | null) => {
            refs.current[index] = el;
          }}
          role="tab"
          id={tab.id}
          aria-controls={tab.panel}
          aria-selected={tab.value === value}
          tabIndex={tab.value === value ? 0 : -1}
          onClick={() => onChange(tab.value)}
          onKeyDown={(event) => onKeyDown(event, index)}
          sx={TAB_SX}
        >
          {tab.label}
        </ButtonBase>
      ))}
    </Stack>
  );
}
