// Lint is a gate (CONVENTIONS.md §8): type-aware, floating and misused promises are errors, --max-warnings 0.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-output/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Kafka']",
          message: 'Kafka clients live in libs/bus adapters only (CONVENTIONS.md §1).',
        },
        {
          selector: "CallExpression[callee.object.name='mqtt'][callee.property.name='connect']",
          message: 'MQTT clients live in libs/mqtt adapters only (CONVENTIONS.md §1).',
        },
      ],
    },
  },
  {
    files: ['libs/bus/src/kafka*.ts', 'libs/mqtt/src/**/*.ts', 'simulators/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The standalone app is composed of the other apps' modules through their public entries (@apps/<name>,
    // apps/<name>/src/index.ts), never by reaching into their files.
    files: ['apps/standalone/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(apps/)?(api|hj212-bridge|ingestion|rules)/src(/|$)',
              message: "Import another app through its public entry, e.g. '@apps/ingestion'.",
            },
          ],
        },
      ],
    },
  },
  {
    // The React front end (its own tsconfig: DOM, JSX); hooks rules as errors, like every other rule.
    files: ['apps/web/**/*.{ts,tsx,mts}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
