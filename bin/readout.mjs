#!/usr/bin/env node
// The `readout` command (package.json "bin"): runs src/cli/readout.ts through tsx's loader.
import { register } from "tsx/esm/api";

register();
const { runReadout } = await import("../src/cli/readout.ts");
await runReadout(process.argv.slice(2));
