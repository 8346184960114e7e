// The eredis version, injected from package.json at build time.
declare const __EREDIS_VERSION__: string | undefined;

export const VERSION: string = typeof __EREDIS_VERSION__ === 'string' ? __EREDIS_VERSION__ : '0.0.0-dev';
