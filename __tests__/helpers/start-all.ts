// Starts a test file's servers side by side. When one of them fails to start (no sshd on this machine, say), the
// ones that did start are stopped before the error is thrown: `[a, b] = await Promise.all([...])` would leave them
// listening, unassigned, and their sockets would keep jest alive after the run.
export type Stoppable = { stop(): Promise<void> } | { close(): Promise<void> };

function stopOne(server: Stoppable): Promise<void> {
  return 'stop' in server ? server.stop() : server.close();
}

export async function startAll<T extends readonly Stoppable[]>(...starts: { readonly [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(starts);
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure === undefined) return settled.map((result) => (result as PromiseFulfilledResult<Stoppable>).value) as unknown as T;
  await Promise.allSettled(settled.flatMap((result) => (result.status === 'fulfilled' ? [stopOne(result.value)] : [])));
  throw failure.reason;
}
