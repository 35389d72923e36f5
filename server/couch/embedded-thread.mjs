// The embedded server's thread starts without its parent's loader (vitest's or tsx's), so it
// registers tsx before loading the TypeScript it runs.
import { register } from 'tsx/esm/api';

register();
await import('./embedded-thread.ts');
