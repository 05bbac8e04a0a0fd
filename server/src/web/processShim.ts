/** `process`, `setImmediate` and `Buffer` in the web build (injected by esbuild.mjs): a browser worker has neither. */
export const process = { env: {} as Record<string, string | undefined>, cwd: (): string => '/', platform: 'browser', versions: {} };
export const setImmediate = (run: (...args: unknown[]) => void, ...args: unknown[]): ReturnType<typeof setTimeout> => setTimeout(run, 0, ...args);

/** `Buffer`, as far as module-level code needs it (the workspace index builds byte patterns; it never reads a file here). */
export const Buffer = {
  from: (value: string | ArrayLike<number>): Uint8Array => (typeof value === 'string' ? new TextEncoder().encode(value) : Uint8Array.from(value)),
  concat: (parts: Uint8Array[]): Uint8Array => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  },
  isBuffer: (): boolean => false,
};
