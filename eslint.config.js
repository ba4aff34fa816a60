import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import boxVocabulary from './build/eslint/box-vocabulary.js';
import layering from './build/eslint/layering.js';

const noEnums = { selector: 'TSEnumDeclaration', message: 'Use a union or zod enum (Node strips types only).' };
// The e2e specs name test ids only through renderer/src/testids.ts, so a renamed id cannot drift.
const testIdMessage = 'Name the test id through TID (renderer/src/testids.ts), not a string literal.';
const rawTestIds = [
  { selector: "CallExpression[callee.property.name='getByTestId'] > Literal", message: testIdMessage },
  {
    selector: "CallExpression[callee.property.name='getByTestId'] > TemplateLiteral[expressions.length=0]",
    message: testIdMessage,
  },
  { selector: 'Literal[value=/data-testid=["\']\\w/]', message: testIdMessage },
  { selector: 'TemplateElement[value.raw=/data-testid=["\']\\w/]', message: testIdMessage },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'test-results/',
      'playwright-report/',
      'artifacts/',
      'tests/fixtures/media/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { rinkside: { rules: { ...layering.rules, ...boxVocabulary.rules } } },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'rinkside/layering': 'error',
      'rinkside/box-vocabulary': 'error',
      // A signal to split a file that holds more than one concept (STYLE.md, small files).
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', noEnums],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['tests/e2e/**', 'tests/bench/**'],
    rules: { 'no-restricted-syntax': ['error', noEnums, ...rawTestIds] },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**'],
    rules: { 'max-lines': 'off' },
  },
);
