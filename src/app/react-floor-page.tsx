/**
 * The stack floor without MUI (floor.html?stack=react, see ./floor-entry.ts): React alone, with the same screen in plain
 * elements. Against ./floor-page.tsx it shows what MUI, Emotion and the theme add to a launch.
 */
import { createRoot } from 'react-dom/client';

/** Replaces the page's content with a heading, `name` and one empty text field. */
export function renderFloor(container: HTMLElement, name: string): void {
  createRoot(container).render(
    <>
      <header>
        <h1>IMR Study Author</h1>
      </header>
      <main>
        <p data-testid="patient-name">{name}</p>
        <label htmlFor="floor-uid">Study Instance UID</label> <input id="floor-uid" />
      </main>
    </>,
  );
}
