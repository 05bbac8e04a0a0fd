/** The product's version, replaced at build time from package.json. */
declare const __CABLE_VERSION__: string | undefined;
export const VERSION: string = typeof __CABLE_VERSION__ === 'string' ? __CABLE_VERSION__ : '0.0.0-dev';
