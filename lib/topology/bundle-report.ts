// The words `stp bundle` prints, shared by its plain output and its terminal view.
export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function bundledLine(file: string, bytes: number): string {
  return `bundled ${file} (${formatBytes(bytes)})`;
}

export function bundleSummary(topology: string, count: number, outDir: string, ms: number): string {
  const what = count === 1 ? '1 TypeScript component' : `${count} TypeScript components`;
  return `topology "${topology}": ${what} in ${outDir} (${Math.round(ms)} ms)`;
}
