// Prints "N passed, N failed" from Jest's --json output: the closing line CI reads.
const fs = require('node:fs');
const file = process.argv[2];
let result;
try {
  result = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (error) {
  console.log(`could not read ${file}: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const failedSuites = result.numFailedTestSuites + (result.numRuntimeErrorTestSuites || 0);
const failed =
  result.numFailedTests +
  (result.numPassedTests + result.numFailedTests === 0 ? 1 : 0) +
  (failedSuites > 0 && result.numFailedTests === 0 ? failedSuites : 0);
console.log(`${result.numPassedTests} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
