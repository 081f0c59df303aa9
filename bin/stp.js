#!/usr/bin/env node
// The stp command. It runs the TypeScript sources through tsx so that neither the CLI nor a user's
// topologies/*.ts need a build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
