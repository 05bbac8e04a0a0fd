// Runs a Node program in this process and writes its peak resident set (KB) to $PEAK_FILE
// at exit: `node peak.cjs PROGRAM ARGS...` behaves as `node PROGRAM ARGS...`.
const { writeFileSync } = require('node:fs');
const path = require('node:path');
process.on('exit', () => writeFileSync(process.env.PEAK_FILE, String(process.resourceUsage().maxRSS)));
process.argv.splice(1, 1);
require(path.resolve(process.argv[1]));
