// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

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
  {
    // Data flows one way: profile -> validation -> form -> app. No React below the form layer,
    // and the lower layers never import the upper ones.
    files: ['src/profile/**/*.{ts,tsx}', 'src/validation/**/*.{ts,tsx}', 'src/fhir/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react-dom/*', '@mui/*', 'react-hook-form'],
              message: 'No React below the form layer.',
            },
            {
              group: ['**/form/**', '**/app/**', '../form', '../app'],
              message: 'Lower layers must not import upper layers.',
            },
          ],
        },
      ],
    },
  },
  {
    // DICOM import (header parsing, mapping, QIDO-RS): plain TypeScript below the form layer.
    files: ['src/dicom/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react-dom/*', '@mui/*', 'react-hook-form'],
              message: 'No React in src/dicom.',
            },
            {
              group: ['**/form/**', '**/app/**', '../form', '../app'],
              message: 'Lower layers must not import upper layers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/profile/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', '@mui/*', 'react-hook-form'], message: 'No React below the form layer.' },
            {
              group: ['**/validation/**', '**/form/**', '**/app/**', '**/fhir/**'],
              message: 'The profile layer is the bottom layer.',
            },
          ],
        },
      ],
    },
  },
);
