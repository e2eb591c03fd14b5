// Tests compile TypeScript with swc, but with the class-field semantics of the build (tsc), read from
// tsconfig.json: `nest build` and the tests once disagreed about class fields, and a 500 shipped unseen.
const ts = require('typescript');
const path = require('node:path');

const { config, error } = ts.readConfigFile(path.join(__dirname, 'tsconfig.json'), ts.sys.readFile);
if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
const compilerOptions = ts.convertCompilerOptionsFromJson(config.compilerOptions, __dirname).options;

const swc = {
  swcrc: false,
  sourceMaps: true,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    target: ts.ScriptTarget[compilerOptions.target].toLowerCase(),
    keepClassNames: true,
    transform: {
      legacyDecorator: compilerOptions.experimentalDecorators === true,
      decoratorMetadata: compilerOptions.emitDecoratorMetadata === true,
      useDefineForClassFields: ts.getUseDefineForClassFields(compilerOptions),
    },
  },
  module: { type: 'commonjs' },
};

const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  testEnvironment: 'node',
  rootDir: '.',
  testMatch,
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swc] },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  ...extra,
});

module.exports = {
  projects: [
    project('unit', ['<rootDir>/src/**/*.spec.ts']),
    project('integration', ['<rootDir>/test/**/*.spec.ts'], { globalSetup: '<rootDir>/test/global-setup.ts' }),
  ],
  testTimeout: 60000,
};
