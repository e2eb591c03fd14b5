// Module boundaries (CONVENTIONS 10), derived from the folders under src/ so a new module is covered
// without editing a rule. Layers, bottom up:
//   platform    what every module stands on; knows nothing above it
//   guidelines  guideline definitions and the workflow engine; knows only the platform
//   ledger, letters  rooms that feature modules call; know platform and guidelines
//   every other folder under src/ is a feature module: it reaches another feature only through
//   that module's *.module, *.service, domain/ (pure rules) and dto/, and feature modules form no cycle.
const SHARED = '(?:platform|guidelines|ledger|letters|cli)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-stands-alone',
      severity: 'error',
      comment: 'The platform knows no guideline engine, room or feature module.',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: '^src/platform/' },
    },
    {
      name: 'guidelines-know-only-platform',
      severity: 'error',
      from: { path: '^src/guidelines/' },
      to: { path: '^src/', pathNot: '^src/(platform|guidelines)/' },
    },
    {
      name: 'rooms-know-no-feature',
      severity: 'error',
      comment: 'ledger and letters are called by feature modules, never the other way round; pure rules (domain/) they may share.',
      from: { path: '^src/(ledger|letters)/' },
      to: { path: '^src/', pathNot: ['^src/(platform|guidelines|ledger|letters)/', '^src/[^/]+/domain/'] },
    },
    {
      name: 'features-through-the-front-door',
      severity: 'error',
      comment: "A feature module uses another only through its module, exported service, pure rules (domain/) and DTOs (dto/), never its repositories, entities or internals.",
      from: { path: `^src/(?!${SHARED}/)([^/]+)/` },
      to: {
        path: `^src/(?!${SHARED}/)[^/]+/`,
        pathNot: ['^src/$1/', '^src/[^/]+/[a-z-]+\\.(module|service)\\.ts$', '^src/[^/]+/(domain|dto)/'],
      },
    },
    {
      name: 'no-foreign-entities',
      severity: 'error',
      comment: "Each module owns its tables: nobody outside the platform maps the platform's tables.",
      from: { path: '^src/', pathNot: '^src/platform/' },
      to: { path: '^src/platform/.+\\.entity\\.ts$' },
    },
    {
      name: 'no-cycle-between-modules',
      severity: 'error',
      comment: 'Feature modules (top-level folders) must not depend on each other in a circle.',
      scope: 'folder',
      from: { path: '^src/[^/]+$' },
      to: { path: '^src/[^/]+$', circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
  },
};
