/**
 * What the web build (esbuild.mjs) puts in place of Node's file, thread and OS modules: the
 * language server in a browser has no files. Every call fails as a missing file would, and
 * the LSP layer already treats that as "no config, no tables, no cables to index".
 */
const missing = (): Error => Object.assign(new Error('no file system in the browser'), { code: 'ENOENT' });
const fail = (): never => {
  throw missing();
};
const reject = (): Promise<never> => Promise.reject(missing());

export const promises = new Proxy({}, { get: () => reject });
export const constants = { O_RDONLY: 0, O_NONBLOCK: 0 };
export const openSync = fail;
export const readSync = fail;
export const closeSync = (): void => undefined;
export const fstatSync = fail;
export const readFileSync = fail;
export const statSync = fail;
export const existsSync = (): boolean => false;
export const availableParallelism = (): number => 1;
export const cpus = (): unknown[] => [];
export const isMainThread = true;
export const parentPort = null;
export const workerData = undefined;
export class Worker {
  constructor() {
    fail();
  }
}
export class Transform {}
export default { promises, constants, openSync, readSync, closeSync, fstatSync, readFileSync, statSync, existsSync };
