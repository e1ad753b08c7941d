#!/usr/bin/env node
// The gantry command: a thin launcher for the compiled CLI in dist/.
import { main } from '../dist/src/cli/index.js';

process.exitCode = await main(process.argv.slice(2));
