/**
 * Vitest setup for the jsdom tests: Testing Library's `waitFor` and `findBy*` wait up to 10 s rather than 1 s. They
 * return as soon as the condition holds, so a fast machine is not slowed; a busy 2-core CI machine rendering the
 * whole editor needs the margin (a focus two frames after a lazy chunk, say).
 */
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 10_000 });
