// ESLint 9 flat config: the recommended rules for JS and TS, plus the one architecture rule that
// keeps lib/ and the streaming engine pure (see shared STYLE.md, "Pure core, I/O at the edges").
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Node's globals for the plain JS files (scripts, configs). The `globals` package is only a
// transitive dependency here, so the few names these files use are listed by hand.
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'AbortController', 'AbortSignal',
    'TextEncoder', 'TextDecoder', 'fetch', 'structuredClone', 'queueMicrotask', 'performance',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
  ].map((name) => [name, 'readonly']),
);

const PURE_MESSAGE = 'lib/ and the engine are pure: no frameworks or I/O';
const forbiddenInPureCode = [
  'react', 'react-dom', 'next', 'socket.io', 'socket.io-client', 'leaflet', 'react-leaflet', 'ioredis',
  'node:http', 'http', 'node:https', 'https', 'node:fs', 'fs', 'node:fs/promises', 'fs/promises',
  'node:net', 'net',
];

// A regex literal for esquery selectors: any specifier above, or a subpath of a framework.
const FORBIDDEN_SPECIFIER =
  '/^((react|react-dom|next|socket\\.io|socket\\.io-client|leaflet|react-leaflet|ioredis)(\\/.*)?|(node:)?(https?|fs|fs\\/promises|net))$/';

export default defineConfig(
  {
    ignores: [
      '.next/**', 'node_modules/**', 'data/**', 'build/**', 'next-env.d.ts', 'tests/artifacts/**',
      'test-results/**', 'playwright-report/**', 'coverage/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    rules: {
      // `_name` marks a parameter or binding that is deliberately unused (a callback's signature,
      // a destructured field dropped on purpose); anything else unused is still an error.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['lib/**/*.{ts,tsx}', 'server/engine/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: forbiddenInPureCode.map((name) => ({ name, message: PURE_MESSAGE })),
          patterns: [
            {
              group: [
                'react/*', 'react-dom/*', 'next/*', 'socket.io/*', 'socket.io-client/*', 'leaflet/*',
                'react-leaflet/*', 'ioredis/*',
              ],
              message: PURE_MESSAGE,
            },
          ],
        },
      ],
      // The same modules loaded at run time, which no-restricted-imports does not see.
      'no-restricted-syntax': [
        'error',
        {
          selector: `ImportExpression > Literal[value=${FORBIDDEN_SPECIFIER}]`,
          message: PURE_MESSAGE,
        },
        {
          selector: `CallExpression[callee.name='require'] > Literal.arguments[value=${FORBIDDEN_SPECIFIER}]`,
          message: PURE_MESSAGE,
        },
      ],
    },
  },
);
