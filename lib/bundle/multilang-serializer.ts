// stp's multilang serializer (java/serializer): a Java class shipped compiled in the package, put at its class
// path in every topology jar and named in topology.multilang.serializer, so that direct emits work on Storm 2.x
// (its default serializer kills the worker on them). Users need no JDK: the .class files are committed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

/** The Storm conf key that names the serializer class a topology's shell components use. */
export const SERIALIZER_CONF_KEY = 'topology.multilang.serializer';
/** stp's serializer class, the value stp gives SERIALIZER_CONF_KEY unless the user chose another. */
export const STP_SERIALIZER_CLASS = 'stormts.multilang.StpJsonSerializer';
/** Where the compiled classes sit in the package (and the Java sources beside them). */
export const SERIALIZER_CLASSES_DIR = 'java/serializer/classes';

/** The serializer's class files by their path in the jar (e.g. "stormts/multilang/StpJsonSerializer.class"). */
export function serializerClassFiles(): Map<string, Buffer> {
  const dir = join(PACKAGE_ROOT, SERIALIZER_CLASSES_DIR);
  const packageDir = STP_SERIALIZER_CLASS.split('.').slice(0, -1).join('/');
  const files = new Map<string, Buffer>();
  const names = existsSync(join(dir, packageDir)) ? readdirSync(join(dir, packageDir)).filter((name) => name.endsWith('.class')).sort() : [];
  for (const name of names) files.set(`${packageDir}/${name}`, readFileSync(join(dir, packageDir, name)));
  if (!files.has(`${STP_SERIALIZER_CLASS.replaceAll('.', '/')}.class`)) {
    throw new Error(`the multilang serializer's classes are missing from ${dir}; reinstall storm-ts (from a clone: npm run build:java)`);
  }
  return files;
}
