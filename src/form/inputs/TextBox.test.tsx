/** The form's text field keeps the accessible wiring of MUI's TextField, which it replaces on every screen. */
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { TextBox } from './TextBox';

afterEach(cleanup);

/** The text of what `input` is described by. */
const description = (input: HTMLElement): string | undefined =>
  document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent ?? undefined;

describe('TextBox', () => {
  it('is named by its label alone, and the required mark is hidden from screen readers', () => {
    render(<TextBox id="uid" label="Study Instance UID" required />);
    const input = screen.getByRole('textbox', { name: 'Study Instance UID' });
    expect(input).toHaveProperty('required', true);
    expect(screen.getByText('*', { exact: false }).getAttribute('aria-hidden')).toBe('true');
  });

  it('ties its message to the input, and marks the input invalid only on error', () => {
    const { rerender } = render(<TextBox id="uid" label="UID" helperText="Numbers separated by dots" />);
    const input = screen.getByRole('textbox', { name: 'UID' });
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(description(input)).toBe('Numbers separated by dots');
    rerender(<TextBox id="uid" label="UID" error helperText="UID may contain only digits and dots" />);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(description(input)).toBe('UID may contain only digits and dots');
  });

  it('puts the caret in the input when its box or an adornment around it is clicked', async () => {
    const user = userEvent.setup();
    render(
      <TextBox id="start" label="Started" slotProps={{ input: { endAdornment: <span>UTC (UTC+00:00)</span> } }} />,
    );
    await user.click(screen.getByText('UTC (UTC+00:00)').parentElement as HTMLElement);
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Started' }));
  });

  it("calls both its own change and blur handlers and its input slot's, as an Autocomplete passes them", async () => {
    const user = userEvent.setup();
    const calls: string[] = [];
    render(
      <TextBox
        id="modality"
        label="Modality"
        onChange={() => calls.push('field change')}
        onBlur={() => calls.push('field blur')}
        slotProps={{
          htmlInput: { onChange: () => calls.push('slot change'), onBlur: () => calls.push('slot blur') },
        }}
      />,
    );
    await user.type(screen.getByRole('textbox', { name: 'Modality' }), 'C');
    await user.tab();
    expect(calls).toEqual(['field change', 'slot change', 'field blur', 'slot blur']);
  });

  it('is a native select with its options, named by its label', async () => {
    const user = userEvent.setup();
    render(
      <TextBox id="status" label="Status" select>
        <option value="available">available</option>
        <option value="registered">registered</option>
      </TextBox>,
    );
    const select = screen.getByRole('combobox', { name: 'Status' });
    await user.selectOptions(select, 'registered');
    expect((select as HTMLSelectElement).value).toBe('registered');
  });
});
