// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * The layers of src/ and what each may import: the same table as README's "Layout" (a unit test compares them).
 * Data flows one way; `react` marks the layers that may use React.
 */
/** @type {Record<string, { imports: string[]; react: boolean }>} */
export const LAYERS = {
  kernel: { imports: [], react: false },
  profile: { imports: ['kernel'], react: false },
  validation: { imports: ['kernel', 'profile'], react: false },
  study: { imports: ['kernel', 'profile'], react: false },
  fhir: { imports: ['kernel', 'study'], react: false },
  cli: { imports: ['kernel', 'profile', 'validation', 'study'], react: false },
  form: { imports: ['kernel', 'profile', 'validation', 'study'], react: true },
  import: { imports: ['kernel', 'profile', 'validation', 'study', 'form'], react: true },
  app: { imports: ['kernel', 'profile', 'validation', 'study', 'fhir', 'form', 'import'], react: true },
  testing: { imports: ['kernel', 'profile', 'validation', 'study', 'fhir', 'form', 'import', 'app'], react: true },
};

/** Test code: `*.test.ts(x)` files and `testing/` folders. Product code never imports a `testing/` folder. */
const TESTS = ['**/*.test.{ts,tsx}', '**/testing/**'];

const REACT = ['react', 'react-dom', 'react-dom/*', '@mui/*', 'react-hook-form'];

/** Relative specifiers that reach a folder of src/ from anywhere in src/ (files sit at most three folders deep). */
const reach = (/** @type {string} */ folder) =>
  ['../', '../../', '../../../'].flatMap((up) => [`${up}${folder}`, `${up}${folder}/**`]);

const layerRules = Object.entries(LAYERS).flatMap(([layer, { imports, react }]) => {
  const forbidden = Object.keys(LAYERS).filter((other) => other !== layer && !imports.includes(other));
  const patterns = [
    ...(react ? [] : [{ group: REACT, message: `No React in src/${layer}.` }]),
    {
      group: forbidden.filter((f) => f !== 'testing').flatMap(reach),
      message: `src/${layer} may import only ${imports.join(', ') || 'nothing of ours'} (README, Layout).`,
    },
    { group: ['**/e2e', '**/e2e/**'], message: 'src/ never imports e2e/.' },
  ].filter((p) => p.group.length > 0);
  const rule = (/** @type {typeof patterns} */ list) => ({
    'no-restricted-imports': /** @type {import('eslint').Linter.RuleEntry} */ (['error', { patterns: list }]),
  });
  const testOnly = { group: ['**/testing', '**/testing/**'], message: 'Only tests import testing/ folders.' };
  // Tests may reach any folder of src/ (an integration test builds what the app sends), never e2e/.
  const forTests = patterns.filter((p) => p.group.some((g) => REACT.includes(g) || g.includes('e2e')));
  return [
    { files: [`src/${layer}/**/*.{ts,tsx}`], ignores: TESTS, rules: rule([...patterns, testOnly]) },
    { files: TESTS.map((t) => `src/${layer}/${t}`), rules: rule(forTests) },
  ];
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'stubs/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'User text is rendered as text, never as HTML.',
        },
      ],
    },
  },
  ...layerRules,
);
