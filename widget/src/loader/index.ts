import { boot, warn } from './boot';

try {
  boot(document.currentScript as HTMLScriptElement | null);
} catch (error) {
  warn(error);
}
