// Jest runs this around every test file (setupFilesAfterEnv): a tree a test started and left running, because the
// test failed or jest's own timeout abandoned it, is killed when the file ends.
import { killAllTrees } from './process-tree.js';

afterAll(() => killAllTrees());
