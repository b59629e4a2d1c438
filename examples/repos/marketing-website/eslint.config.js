export default [
  {
    files: ['src/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { document: 'readonly', localStorage: 'readonly', fetch: 'readonly' } },
    rules: { 'no-unused-vars': 'error' },
  },
];
