import { boot } from './boot';

try {
  boot(document.currentScript as HTMLScriptElement | null);
} catch (error) {
  console.warn('[hilo]', error);
}
