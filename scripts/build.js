// npm run build
require('./build-lib.js')
  .buildBundle()
  .catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
